"""The sealed package format: round trips, tampering, wrong keys, framing and the decompression cap."""

from __future__ import annotations

import json
import random
import struct
import tracemalloc
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from baiwen_desktop.core import package_box as pb
from baiwen_desktop.core.certsign import key_id
from baiwen_desktop.core.errors import BaiwenError

ORG_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_ORG_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
STATION_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(2, 34)))
HQ_X = X25519PrivateKey.from_private_bytes(bytes(range(3, 35)))
OTHER_X = X25519PrivateKey.from_private_bytes(bytes(range(4, 36)))
PASSWORD = "1234-5678-9012-3456-7890"
STATION_ID = "6f1c2a4e-2b1d-4c55-9d0e-3f7a8b9c0d1e"

HEADER_FIELDS = {
    "organisation": "国网某供电公司",
    "issuer_code": "HQ01",
    "valid_from": datetime(2026, 12, 1, tzinfo=UTC),
    "valid_until": datetime(2026, 12, 31, tzinfo=UTC),
    "summary": {"exam_title": "百问百查 第一期", "candidates": 40},
}


def _payload(seed: int = 7) -> dict:
    """A few KB of content that does not compress away, so the body is longer than 1,000 bytes."""
    rng = random.Random(seed)
    return {
        "exam": {"title": "百问百查 第一期", "questions": 100},
        "candidates": [
            {"employee_no": f"E{i:04d}", "name": "张三", "answers": [rng.choice("ABCD") for _ in range(100)]}
            for i in range(40)
        ],
        "noise": "".join(rng.choice("0123456789abcdef") for _ in range(3000)),
    }


def exam_package(payload: dict | None = None, **fields: object) -> bytes:
    return pb.seal_with_password(
        "exam", {**HEADER_FIELDS, **fields}, payload or _payload(), PASSWORD, ORG_KEY, pb.org_signer(ORG_KEY.public_key())
    )


def result_package(payload: dict | None = None) -> bytes:
    signer = pb.station_signer(STATION_ID, "一号站", STATION_KEY.public_key())
    return pb.seal_to_recipient(
        "result", {**HEADER_FIELDS, "valid_from": None, "valid_until": None}, payload or _payload(8),
        HQ_X.public_key(), STATION_KEY, signer,
    )  # fmt: skip


EXAM = exam_package()
RESULT = result_package()


def open_exam(data: bytes, **kw: object) -> tuple[dict, dict]:
    args = {"verify_key": ORG_KEY.public_key(), "password": PASSWORD, "expect_kind": "exam", **kw}
    return pb.open_package(data, **args)  # type: ignore[arg-type]


def open_result(data: bytes, **kw: object) -> tuple[dict, dict]:
    args = {"verify_key": STATION_KEY.public_key(), "recipient": HQ_X, "expect_kind": "result", **kw}
    return pb.open_package(data, **args)  # type: ignore[arg-type]


def regions(data: bytes) -> dict[str, range]:
    (hlen,) = struct.unpack_from(">I", data, len(pb.MAGIC))
    h0 = len(pb.MAGIC) + 4
    b0 = h0 + hlen + 8
    return {
        "magic": range(0, len(pb.MAGIC)),
        "header_length": range(len(pb.MAGIC), h0),
        "header": range(h0, h0 + hlen),
        "body_length": range(h0 + hlen, b0),
        "body": range(b0, len(data) - 64),
        "signature": range(len(data) - 64, len(data)),
    }


def sample_positions(data: bytes, count: int = 1000, seed: int = 11) -> list[int]:
    """Every byte of the small regions and the edges of each region, then an even spread of the rest."""
    parts = regions(data)
    chosen: set[int] = set()
    for name in ("magic", "header_length", "body_length", "signature"):
        chosen.update(parts[name])
    for r in parts.values():
        chosen.update({r[0], r[-1]})
    rng = random.Random(seed)
    header, body = list(parts["header"]), list(parts["body"])
    room = count - len(chosen)
    chosen.update(rng.sample(header, min(len(header), room // 2)))
    rest = [p for p in body if p not in chosen]
    chosen.update(rng.sample(rest, count - len(chosen)))
    return sorted(chosen)


# --- round trips --------------------------------------------------------------------------------


def test_exam_package_round_trip() -> None:
    header, payload = open_exam(EXAM)
    assert payload == _payload()
    assert header["kind"] == "exam"
    assert header["organisation"] == "国网某供电公司"
    assert header["valid_until"] == "2026-12-31T00:00:00+00:00"
    assert header["signer"] == {"kind": "org", "kid": key_id(ORG_KEY.public_key())}
    assert header["seal"]["kind"] == "password" and header["seal"]["n"] == 2**15
    assert pb.read_header(EXAM) == header


def test_result_package_round_trip() -> None:
    header, payload = open_result(RESULT)
    assert payload == _payload(8)
    assert header["kind"] == "result"
    assert header["signer"]["station_id"] == STATION_ID
    assert header["seal"]["recipient"] == pb.fingerprint(pb.raw_public_key(HQ_X.public_key()))
    claimed = pb.signer_public_key(pb.read_header(RESULT))
    assert pb.raw_public_key(claimed) == pb.raw_public_key(STATION_KEY.public_key())


def test_password_typed_loosely_still_opens() -> None:
    _, payload = open_exam(EXAM, password="１２３４ ５６７８ 9012-3456 7890")  # full-width digits, spaces
    assert payload == _payload()


def test_no_plain_payload_in_the_file() -> None:
    plain = json.dumps(_payload(), ensure_ascii=False).encode()
    assert b"E0001" not in EXAM and b"noise" not in EXAM and plain[:50] not in EXAM
    assert b"E0001" not in RESULT


def test_new_password_shape_and_randomness() -> None:
    words = {pb.new_password() for _ in range(50)}
    assert len(words) == 50
    for w in words:
        groups = w.split("-")
        assert [len(g) for g in groups] == [4, 4, 4, 4, 4] and all(g.isdigit() for g in groups)


def test_fingerprint_format() -> None:
    assert pb.fingerprint(b"\x00" * 32) == "6668-7AAD-F862-BD77-6C8F"  # sha256(32 zero bytes) = 66687aad f862bd77 6c8f…
    fp = pb.fingerprint(pb.raw_public_key(STATION_KEY.public_key()))
    assert len(fp) == 24 and fp.count("-") == 4 and fp == fp.upper()


# --- tampering ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["exam", "result"])
def test_every_sampled_byte_flip_is_refused(kind: str) -> None:
    data, opener = (EXAM, open_exam) if kind == "exam" else (RESULT, open_result)
    positions = sample_positions(data)
    parts = regions(data)
    assert len(positions) == 1000
    for name, r in parts.items():  # the sample really covers each region
        assert any(p in r for p in positions), name
    assert len(parts["body"]) > 1000
    rng = random.Random(kind)
    reasons: dict[str, set[str]] = {}
    for pos in positions:
        mutated = bytearray(data)
        mutated[pos] ^= rng.randrange(1, 256)
        with pytest.raises(pb.PackageError) as caught:
            opener(bytes(mutated))
        region = next(n for n, r in parts.items() if pos in r)
        reasons.setdefault(region, set()).add(caught.value.reason)
    assert reasons["magic"] == {"not_a_package"}
    assert reasons["body"] == {"bad_signature"}
    assert reasons["signature"] == {"bad_signature"}
    assert reasons["header_length"] <= {"damaged", "too_big"}
    assert reasons["body_length"] == {"damaged"}
    assert reasons["header"] <= {"damaged", "bad_signature", "unknown_signer", "unsupported"}


def test_a_changed_header_with_a_fresh_signature_still_fails_decryption() -> None:
    """The header is the AEAD associated data: even the signer cannot move a body under another header."""
    header = pb.read_header(EXAM)
    header["organisation"] = "别的单位"
    data = _reframe(EXAM, header, ORG_KEY)
    with pytest.raises(pb.PackageError) as caught:
        open_exam(data)
    assert caught.value.reason == "wrong_password"  # the tag does not verify (the box cannot tell why)


def _reframe(data: bytes, header: dict, signer: Ed25519PrivateKey) -> bytes:
    parts = regions(data)
    hb = json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    body = data[parts["body"].start : parts["body"].stop]
    signed = pb.MAGIC + struct.pack(">I", len(hb)) + hb + struct.pack(">Q", len(body)) + body
    return signed + signer.sign(signed)


def test_wrong_password() -> None:
    with pytest.raises(pb.PackageError) as caught:
        open_exam(EXAM, password="1234-5678-9012-3456-7891")
    assert caught.value.reason == "wrong_password"
    assert "口令" in caught.value.zh and "password" in caught.value.en
    with pytest.raises(pb.PackageError) as caught:
        open_exam(EXAM, password=None)
    assert caught.value.reason == "wrong_password"


def test_wrong_recipient() -> None:
    with pytest.raises(pb.PackageError) as caught:
        open_result(RESULT, recipient=OTHER_X)
    assert caught.value.reason == "wrong_recipient"
    with pytest.raises(pb.PackageError) as caught:
        open_result(RESULT, recipient=None)
    assert caught.value.reason == "wrong_recipient"


def test_recipient_fingerprint_lies_then_the_tag_fails() -> None:
    """A package claiming our fingerprint but sealed to another key: the AEAD refuses it."""
    signer = pb.station_signer(STATION_ID, "一号站", STATION_KEY.public_key())
    other = pb.seal_to_recipient("result", {}, {"a": 1}, OTHER_X.public_key(), STATION_KEY, signer)
    header = pb.read_header(other)
    header["seal"]["recipient"] = pb.fingerprint(pb.raw_public_key(HQ_X.public_key()))
    with pytest.raises(pb.PackageError) as caught:
        open_result(_reframe(other, header, STATION_KEY))
    assert caught.value.reason == "wrong_recipient"


def test_signed_by_another_key() -> None:
    foreign = pb.seal_with_password(
        "exam", HEADER_FIELDS, _payload(), PASSWORD, OTHER_ORG_KEY, pb.org_signer(OTHER_ORG_KEY.public_key())
    )
    assert open_exam(foreign, verify_key=OTHER_ORG_KEY.public_key())[1] == _payload()
    with pytest.raises(pb.PackageError) as caught:
        open_exam(foreign)
    assert caught.value.reason == "unknown_signer"
    # claiming our key id but signed by another key: the signature check refuses it
    header = pb.read_header(foreign)
    header["signer"] = pb.org_signer(ORG_KEY.public_key())
    with pytest.raises(pb.PackageError) as caught:
        open_exam(_reframe(foreign, header, OTHER_ORG_KEY))
    assert caught.value.reason == "bad_signature"


def test_station_key_in_the_file_is_never_trusted() -> None:
    """A forger puts his own key in the header: verifying with the station's known key refuses it."""
    forger = Ed25519PrivateKey.generate()
    signer = pb.station_signer(STATION_ID, "一号站", forger.public_key())
    forged = pb.seal_to_recipient("result", {}, {"attempts": []}, HQ_X.public_key(), forger, signer)
    with pytest.raises(pb.PackageError) as caught:
        open_result(forged)
    assert caught.value.reason == "unknown_signer"


def test_expect_kind() -> None:
    with pytest.raises(pb.PackageError) as caught:
        pb.open_package(RESULT, verify_key=STATION_KEY.public_key(), recipient=HQ_X, expect_kind="exam")
    assert caught.value.reason == "unsupported" and "成绩包" in caught.value.zh


@pytest.mark.parametrize("cut", [1, 7, 11, 64, 65, 500])
def test_truncated(cut: int) -> None:
    for data, opener in ((EXAM, open_exam), (RESULT, open_result)):
        with pytest.raises(pb.PackageError) as caught:
            opener(data[:-cut])
        assert caught.value.reason == "damaged"
        with pytest.raises(pb.PackageError):
            pb.read_header(data[:-cut])


@pytest.mark.parametrize("extra", [b"\x00", b"\n", b"x" * 100])
def test_trailing_bytes(extra: bytes) -> None:
    for data, opener in ((EXAM, open_exam), (RESULT, open_result)):
        with pytest.raises(pb.PackageError) as caught:
            opener(data + extra)
        assert caught.value.reason == "damaged"


@pytest.mark.parametrize("data", [b"", b"BWPKG1", b"PK\x03\x04" + b"\x00" * 100, "不是文件".encode()])
def test_not_a_package(data: bytes) -> None:
    with pytest.raises(pb.PackageError) as caught:
        pb.read_header(data)
    assert caught.value.reason in {"not_a_package", "damaged"}


def test_oversized_header_length_is_refused_before_reading() -> None:
    data = pb.MAGIC + struct.pack(">I", pb.MAX_HEADER + 1) + b"{}"
    with pytest.raises(pb.PackageError) as caught:
        pb.read_header(data)
    assert caught.value.reason == "too_big"


def test_future_format_is_unsupported() -> None:
    header = pb.read_header(EXAM)
    header["format"] = 2
    with pytest.raises(pb.PackageError) as caught:
        pb.read_header(_reframe(EXAM, header, ORG_KEY))
    assert caught.value.reason == "unsupported"


def test_scrypt_parameters_from_the_header_are_bounded() -> None:
    header = pb.read_header(EXAM)
    header["seal"]["n"] = 2**22  # 4 GiB of scrypt memory
    with pytest.raises(pb.PackageError) as caught:
        open_exam(_reframe(EXAM, header, ORG_KEY))
    assert caught.value.reason == "unsupported"


def test_duplicate_header_keys_are_refused() -> None:
    parts = regions(EXAM)
    hb = EXAM[parts["header"].start : parts["header"].stop]
    doubled = hb[:-1] + b',"kind":"result"}'
    body = EXAM[parts["body"].start : parts["body"].stop]
    signed = pb.MAGIC + struct.pack(">I", len(doubled)) + doubled + struct.pack(">Q", len(body)) + body
    with pytest.raises(pb.PackageError) as caught:
        pb.read_header(signed + ORG_KEY.sign(signed))
    assert caught.value.reason == "damaged"


# --- decompression bomb -------------------------------------------------------------------------


def test_decompression_bomb_is_refused_without_expanding(monkeypatch: pytest.MonkeyPatch) -> None:
    """32 MiB of zeros (32 KB compressed) against a 1 MiB cap: refused, and memory stays near the cap."""
    bomb = exam_package({"zeros": "0" * (32 * 1024 * 1024)})
    assert len(bomb) < 100_000
    monkeypatch.setattr(pb, "MAX_PAYLOAD", 1024 * 1024)
    monkeypatch.setattr(pb, "_CHUNK", 256 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(pb.PackageError) as caught:
            open_exam(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.reason == "too_big"
    assert peak < 4 * 1024 * 1024, peak


def test_payload_just_under_the_cap_opens(monkeypatch: pytest.MonkeyPatch) -> None:
    data = exam_package({"zeros": "0" * 1000})
    monkeypatch.setattr(pb, "MAX_PAYLOAD", len('{"zeros":""}') + 1000)
    monkeypatch.setattr(pb, "_CHUNK", 64)  # many chunks
    assert open_exam(data)[1] == {"zeros": "0" * 1000}
    monkeypatch.setattr(pb, "MAX_PAYLOAD", len('{"zeros":""}') + 999)
    with pytest.raises(pb.PackageError) as caught:
        open_exam(data)
    assert caught.value.reason == "too_big"


# --- the error type -----------------------------------------------------------------------------


def test_package_error_is_a_baiwen_error_with_both_languages() -> None:
    for reason in pb.REASONS:
        err = pb.PackageError(reason)
        assert isinstance(err, BaiwenError) and err.reason == reason and err.zh and err.en
    with pytest.raises(ValueError):
        pb.PackageError("nonsense")


def test_sealing_refuses_a_signer_info_that_is_not_the_signer() -> None:
    with pytest.raises(ValueError):
        pb.seal_with_password("exam", {}, {}, PASSWORD, ORG_KEY, pb.org_signer(OTHER_ORG_KEY.public_key()))
    with pytest.raises(ValueError):
        pb.seal_with_password("exam", {"bogus": 1}, {}, PASSWORD, ORG_KEY, pb.org_signer(ORG_KEY.public_key()))


@pytest.mark.parametrize(
    ("payload", "refused"),
    [
        ({"name": "张\x00三"}, True),
        ({"k\x00": 1}, True),
        ({"a": ["\\", "\x00"]}, True),
        ({"a": "\\\x00"}, True),
        ({"a": "C:\\u0000 is text, not a NUL"}, False),
        ({"a": "\\\\u0000"}, False),
    ],
)
def test_nul_anywhere_in_the_payload_is_refused(payload: dict, refused: bool) -> None:
    """PostgreSQL text cannot hold NUL: the box refuses it once, for every reader."""
    data = exam_package(payload)
    if refused:
        with pytest.raises(pb.PackageError) as caught:
            open_exam(data)
        assert caught.value.reason == "damaged" and "NUL" in caught.value.en
    else:
        assert open_exam(data)[1] == payload


def test_integers_beyond_64_bits_are_read_exactly() -> None:
    """orjson would read them as floats: such a payload takes the standard library's reader."""
    payload = {"big": 2**70, "negative": -(2**70), "edge": [2**64, -(2**63) - 1, 10**19, 2**63 - 1], "text": "1234567890123456789012"}
    assert open_exam(exam_package(payload))[1] == payload
    assert open_result(result_package(payload))[1] == payload


class _PlainText:
    """Stands in for package_box's json module while sealing: writes `text` as the payload (what no
    sealer of ours writes), everything else as json does."""

    def __init__(self, text: bytes) -> None:
        self.text = text

    def dumps(self, obj: object, **kw: object) -> str:
        return self.text.decode() if obj == {"marker": 1} else json.dumps(obj, **kw)  # type: ignore[arg-type]

    loads = staticmethod(json.loads)


@pytest.mark.parametrize(
    "text",
    [
        b'{"a":NaN}', b'{"a":-Infinity}', b'{"a":1e999}', b'{"a":"\\ud800"}',
        b'{"a":NaN,"b":123456789012345678901234}', b'{"a":1e999,"b":123456789012345678901234}',  # the standard library's reader too
        b'{"a":1,}', b'{"a":12345678901234567890123,}', b"[1]",
    ],
)  # fmt: skip
def test_not_strict_json_is_refused(monkeypatch: pytest.MonkeyPatch, text: bytes) -> None:
    shim = _PlainText(text)
    monkeypatch.setattr(pb, "json", shim)
    data = result_package({"marker": 1})
    monkeypatch.setattr(pb, "json", json)
    with pytest.raises(pb.PackageError) as caught:
        open_result(data)
    assert caught.value.reason == "damaged"
