import base64
import json
import stat
from datetime import date
from decimal import Decimal
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from baiwen_desktop.core.certsign import (
    PRIVATE_KEY_FILE,
    PUBLIC_KEY_FILE,
    CertFields,
    SigningKeys,
    export_public_key,
    load_or_create_keys,
    load_public_key,
    sign_payload,
    verify_payload,
)

FIELDS = CertFields(
    "BW-2026-00042", "31008866", "张晓明", "2026年第四季度百问百查考试", Decimal("92.50"), date(2026, 11, 27)
)


def _tamper_data(payload: str, index: int, value: str) -> str:
    """Re-encode the JSON array with one field changed, keeping the original signature."""
    prefix, kid, data, sig = payload.split(".")
    array = json.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    array[index] = value
    raw = json.dumps(array, ensure_ascii=False, separators=(",", ":")).encode()
    new_data = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    return f"{prefix}.{kid}.{new_data}.{sig}"


def test_roundtrip(keys: SigningKeys) -> None:
    payload = sign_payload(FIELDS, keys.private_key)
    assert payload.startswith("BW1.") and payload.isascii()
    result = verify_payload(payload, keys.public_key)
    assert result.valid and result.reason == "有效"
    assert result.fields == FIELDS
    assert result.fields.score == Decimal("92.50")  # the exact decimal, trailing zero kept


def test_payload_is_small_enough_for_a_qr_code(keys: SigningKeys) -> None:
    assert len(sign_payload(FIELDS, keys.private_key)) < 320


def test_altered_name_fails(keys: SigningKeys) -> None:
    payload = sign_payload(FIELDS, keys.private_key)
    result = verify_payload(_tamper_data(payload, 2, "李四"), keys.public_key)
    assert not result.valid and result.reason == "已篡改" and result.fields is None


def test_altered_score_fails(keys: SigningKeys) -> None:
    payload = sign_payload(FIELDS, keys.private_key)
    result = verify_payload(_tamper_data(payload, 4, "98.5"), keys.public_key)
    assert not result.valid and result.reason == "已篡改"


def test_altered_signature_fails(keys: SigningKeys) -> None:
    payload = sign_payload(FIELDS, keys.private_key)
    head, sig = payload.rsplit(".", 1)
    flipped = ("B" if sig[0] != "B" else "C") + sig[1:]
    assert verify_payload(f"{head}.{flipped}", keys.public_key).reason == "已篡改"


def test_other_stations_key_is_invalid(keys: SigningKeys) -> None:
    foreign = Ed25519PrivateKey.generate()
    result = verify_payload(sign_payload(FIELDS, foreign), keys.public_key)
    assert not result.valid and result.reason == "无效"


def test_garbage_is_format_error(keys: SigningKeys) -> None:
    for text in ("", "hello", "BW1.a.b", "BW2.x.y.z", "BW1.abc.!!!.def", "BW1.abcdefgh.e30.AAAA"):
        result = verify_payload(text, keys.public_key)
        assert not result.valid and result.reason == "格式错误", text


def test_keys_are_created_once_and_reloaded(tmp_path: Path) -> None:
    first = load_or_create_keys(tmp_path)
    priv = tmp_path / PRIVATE_KEY_FILE
    assert stat.S_IMODE(priv.stat().st_mode) == 0o600
    assert (tmp_path / PUBLIC_KEY_FILE).read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    second = load_or_create_keys(tmp_path)
    payload = sign_payload(FIELDS, first.private_key)
    assert verify_payload(payload, second.public_key).valid


def test_exported_public_key_verifies(tmp_path: Path, keys: SigningKeys) -> None:
    out = tmp_path / "station.pub.pem"
    pem = export_public_key(keys.public_key, out)
    assert out.read_bytes() == pem
    payload = sign_payload(FIELDS, keys.private_key)
    assert verify_payload(payload, load_public_key(out)).valid
    assert verify_payload(payload, load_public_key(pem)).valid


def test_only_the_canonical_spelling_verifies(keys: SigningKeys) -> None:
    """64 signature bytes leave 4 unused bits in the last base64url character: 15 other spellings."""
    payload = sign_payload(FIELDS, keys.private_key)
    head, sig = payload.rsplit(".", 1)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    same_bytes = [c for c in alphabet if base64.urlsafe_b64decode(sig[:-1] + c + "==") == base64.urlsafe_b64decode(sig + "==")]
    assert len(same_bytes) == 16 and sig[-1] in same_bytes
    for c in same_bytes:
        result = verify_payload(f"{head}.{sig[:-1]}{c}", keys.public_key)
        assert result.valid is (c == sig[-1]), c
        assert result.reason == ("有效" if c == sig[-1] else "格式错误")
    prefix, kid, data = head.split(".")
    if len(data) % 4:  # the data part has spare bits too
        spare = next(c for c in alphabet if c != data[-1] and base64.urlsafe_b64decode(data[:-1] + c + "==") == base64.urlsafe_b64decode(data + "=="))
        assert verify_payload(f"{prefix}.{kid}.{data[:-1]}{spare}.{sig}", keys.public_key).reason == "格式错误"
