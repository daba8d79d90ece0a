"""The certificate payload formats written out again from their spec (core.certsign's docstring),
independently of the code under test: to read payloads and forge altered ones in tests."""

from __future__ import annotations

import base64
import json
from datetime import date

FIELD_NAMES = ("number", "employee_no", "name", "exam_title", "score", "issue_date")


def v2_blob(payload: str) -> bytes:
    """The bytes behind a version-2 text: 0x02, kid, fields, date, signature."""
    n = int(payload)
    return n.to_bytes((n.bit_length() + 7) // 8, "big")


def v2_texts(payload: str) -> list[str]:
    """The six fields of a version-2 payload as text (score and ISO date as in version 1)."""
    blob = v2_blob(payload)
    body, pos, texts = blob[1:-64], 6, []
    for _ in range(5):
        size, shift = 0, 0
        while True:
            byte = body[pos]
            pos += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        texts.append(body[pos : pos + size].decode("utf-8"))
        pos += size
    days = int.from_bytes(body[pos : pos + 2], "big")
    return [*texts, date.fromordinal(date(2000, 1, 1).toordinal() + days).isoformat()]


def v2_with(payload: str, index: int, value: str) -> str:
    """The payload with field ``index`` (see FIELD_NAMES; not the date) replaced, the same kid
    and the original signature: what a forger editing the QR code would print."""
    blob = v2_blob(payload)
    texts = v2_texts(payload)
    texts[index] = value
    fields = b""
    for t in texts[:5]:
        raw = t.encode("utf-8")
        assert len(raw) < 128
        fields += bytes([len(raw)]) + raw
    days = blob[-66:-64]
    forged = blob[:7] + fields + days + blob[-64:]
    return str(int.from_bytes(forged, "big"))


def v1_with(payload: str, index: int, value: str) -> str:
    """The same for a version-1 ``BW1.<kid>.<data>.<sig>`` payload: the JSON array re-encoded."""
    prefix, kid, data, sig = payload.split(".")
    array = json.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    array[index] = value
    raw = json.dumps(array, ensure_ascii=False, separators=(",", ":")).encode()
    return f"{prefix}.{kid}.{base64.urlsafe_b64encode(raw).rstrip(b'=').decode()}.{sig}"


def with_field(payload: str, index: int, value: str) -> str:
    """Either format with one field altered and the signature kept."""
    return v1_with(payload, index, value) if payload.startswith("BW1.") else v2_with(payload, index, value)
