import base64
import stat
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from cert_payloads import FIELD_NAMES, v2_blob, v2_texts, with_field
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st

from baiwen_desktop.core.certsign import (
    PRIVATE_KEY_FILE,
    PUBLIC_KEY_FILE,
    CertFields,
    SigningKeys,
    export_public_key,
    key_id,
    load_or_create_keys,
    load_public_key,
    payload_fields,
    payload_key_id,
    sign_payload,
    sign_payload_v1,
    verify_payload,
    verify_with_keys,
)

FIELDS = CertFields(
    "BW-2026-00042", "31008866", "张晓明", "2026年第四季度百问百查考试", Decimal("92.50"), date(2026, 11, 27)
)

# Both formats: version 2 is what we sign now, version 1 is on every certificate printed before.
SIGNERS = pytest.mark.parametrize("sign", [sign_payload, sign_payload_v1], ids=["v2", "v1"])
Sign = Callable[[CertFields, Ed25519PrivateKey], str]

# A fixed key (Ed25519 signing is deterministic) and what the code before version 2 printed for it.
FIXED_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
FIXED_FIELDS = CertFields(
    "BWBC-JN01-2026-000042", "31008866", "张晓明", "2026年第四季度百问百查考试", Decimal("92.50"), date(2026, 11, 27)
)
PRINTED_V1 = (
    "BW1.Vkdap1Rj.WyJCV0JDLUpOMDEtMjAyNi0wMDAwNDIiLCIzMTAwODg2NiIsIuW8oOaZk-aYjiIsIjIwMjblubTnrKzlm5vlraPluqbnmb7pl67"
    "nmb7mn6XogIPor5UiLCI5Mi41MCIsIjIwMjYtMTEtMjciXQ.B04NDTR3mT3yCALMFof4JVYzHHHS-XGvpNNQ7DrnRt9Nwz44x741keKu4XXfop2"
    "OgvNelf9TGQ3eoqIodl1IBw"
)


def test_a_certificate_printed_in_version_1_still_verifies() -> None:
    """The exact text main printed before version 2 (same key, same fields): valid, same fields."""
    assert sign_payload_v1(FIXED_FIELDS, FIXED_KEY) == PRINTED_V1
    result = verify_payload(PRINTED_V1, FIXED_KEY.public_key())
    assert (result.valid, result.reason, result.fields) == (True, "有效", FIXED_FIELDS)
    assert payload_fields(PRINTED_V1) == FIXED_FIELDS
    assert payload_key_id(PRINTED_V1) == "Vkdap1Rj" == key_id(FIXED_KEY.public_key())


def test_version_2_layout_follows_the_spec() -> None:
    """Digits only; 0x02, the kid's 6 bytes, five length-prefixed UTF-8 fields, the date, 64 bytes
    of Ed25519 signature over b"BW2" + everything between the version byte and the signature."""
    payload = sign_payload(FIXED_FIELDS, FIXED_KEY)
    assert payload.isascii() and payload.isdigit() and payload[0] != "0"
    blob = v2_blob(payload)
    assert blob[0] == 2
    assert base64.urlsafe_b64encode(blob[1:7]).decode() == "Vkdap1Rj" == payload_key_id(payload)
    assert v2_texts(payload) == ["BWBC-JN01-2026-000042", "31008866", "张晓明", "2026年第四季度百问百查考试", "92.50", "2026-11-27"]
    FIXED_KEY.public_key().verify(blob[-64:], b"BW2" + blob[1:-64])  # raises if not
    assert len(blob) == 1 + 6 + (1 + 21) + (1 + 8) + (1 + 9) + (1 + 37) + (1 + 5) + 2 + 64
    assert len(payload) < 0.65 * len(PRINTED_V1) * 8 / (10 / 3)  # digits at 10/3 bits vs v1 bytes


@SIGNERS
def test_roundtrip(keys: SigningKeys, sign: Sign) -> None:
    payload = sign(FIELDS, keys.private_key)
    assert payload.isascii()
    result = verify_payload(payload, keys.public_key)
    assert result.valid and result.reason == "有效"
    assert result.fields == FIELDS
    assert result.fields.score == Decimal("92.50")  # the exact decimal, trailing zero kept
    assert str(result.fields.score) == "92.50"
    assert payload_fields(payload) == FIELDS
    assert payload_key_id(payload) == key_id(keys.public_key)


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=40), min_size=4, max_size=4),
    score=st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-1000, max_value=1000),
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2179, 6, 6)),
)
def test_version_2_carries_any_fields_exactly(texts: list[str], score: Decimal, day: date) -> None:
    fields = CertFields(*texts, score, day)
    payload = sign_payload(fields, FIXED_KEY)
    result = verify_payload(payload, FIXED_KEY.public_key())
    assert result.valid and result.fields == fields
    assert str(result.fields.score) == format(score, "f")


def test_version_2_refuses_dates_it_cannot_hold() -> None:
    for day in (date(1999, 12, 31), date(2179, 6, 7)):
        with pytest.raises(ValueError, match="issue date"):
            sign_payload(CertFields("1", "1", "a", "b", Decimal(1), day), FIXED_KEY)


def test_payload_is_small_enough_for_a_qr_code(keys: SigningKeys) -> None:
    assert len(sign_payload(FIELDS, keys.private_key)) < 420  # digits: 1,400 bits, a version-9 symbol
    assert len(sign_payload_v1(FIELDS, keys.private_key)) < 320


@SIGNERS
@pytest.mark.parametrize("index", range(5))
def test_any_altered_field_fails(keys: SigningKeys, sign: Sign, index: int) -> None:
    payload = sign(FIELDS, keys.private_key)
    value = {4: "98.5"}.get(index, "李四")
    forged = with_field(payload, index, value)
    assert forged != payload and getattr(payload_fields(forged), FIELD_NAMES[index]) == (Decimal(value) if index == 4 else value)
    result = verify_payload(forged, keys.public_key)
    assert not result.valid and result.reason == "已篡改" and result.fields is None


def test_altered_date_fails_in_version_2(keys: SigningKeys) -> None:
    blob = bytearray(v2_blob(sign_payload(FIELDS, keys.private_key)))
    blob[-65] ^= 1  # the date's low byte: one day off
    forged = str(int.from_bytes(blob, "big"))
    assert payload_fields(forged).issue_date == date(2026, 11, 26)
    assert verify_payload(forged, keys.public_key).reason == "已篡改"


@SIGNERS
def test_altered_signature_fails(keys: SigningKeys, sign: Sign) -> None:
    payload = sign(FIELDS, keys.private_key)
    if payload.startswith("BW1."):
        head, sig = payload.rsplit(".", 1)
        forged = f"{head}.{'B' if sig[0] != 'B' else 'C'}{sig[1:]}"
    else:
        blob = bytearray(v2_blob(payload))
        blob[-30] ^= 0x40
        forged = str(int.from_bytes(blob, "big"))
    assert verify_payload(forged, keys.public_key).reason == "已篡改"


def test_a_version_1_signature_does_not_verify_version_2_bytes(keys: SigningKeys) -> None:
    """The signatures cover different texts (b"BW2" + bytes vs "BW1.…"): no moving one onto the other."""
    v1 = sign_payload_v1(FIELDS, keys.private_key)
    v2 = v2_blob(sign_payload(FIELDS, keys.private_key))
    sig = base64.urlsafe_b64decode(v1.rsplit(".", 1)[1] + "==")
    spliced = str(int.from_bytes(v2[:-64] + sig, "big"))
    assert verify_payload(spliced, keys.public_key).reason == "已篡改"


@SIGNERS
def test_other_stations_key_is_invalid(keys: SigningKeys, sign: Sign) -> None:
    foreign = Ed25519PrivateKey.generate()
    result = verify_payload(sign(FIELDS, foreign), keys.public_key)
    assert not result.valid and result.reason == "无效"


def test_key_ids_pick_the_key_in_both_formats(keys: SigningKeys) -> None:
    other = Ed25519PrivateKey.generate()
    ring: dict[str, Ed25519PublicKey] = {key_id(k): k for k in (keys.public_key, other.public_key())}
    for sign in (sign_payload, sign_payload_v1):
        assert verify_with_keys(sign(FIELDS, other), ring).valid
        assert verify_with_keys(sign(FIELDS, keys.private_key), ring).valid


def test_version_2_verifies_every_payload_a_qr_code_can_hold(keys: SigningKeys) -> None:
    """A long exam title makes a long payload: it must verify as long as a QR code (level M,
    version 40: 5,596 digits) can carry it. Once capped at 2,000 digits (a 268-character title printed
    a certificate that said 格式错误), and past 4,300 digits Python's int()/str() refuse the text."""
    for title_chars in (300, 650, 720):
        fields = CertFields(FIELDS.number, FIELDS.employee_no, FIELDS.name, "安" * title_chars, FIELDS.score, FIELDS.issue_date)
        payload = sign_payload(fields, keys.private_key)
        assert 2000 < len(payload) <= 5596
        result = verify_payload(payload, keys.public_key)
        assert (result.valid, result.fields) == (True, fields), title_chars
        assert payload_key_id(payload) == key_id(keys.public_key) and payload_fields(payload) == fields


def test_garbage_is_format_error(keys: SigningKeys) -> None:
    for text in ("", "hello", "BW1.a.b", "BW2.x.y.z", "BW1.abc.!!!.def", "BW1.abcdefgh.e30.AAAA", "0", "12345", "2" * 2001, "2" * 5597, "2" * 100_000):
        result = verify_payload(text, keys.public_key)
        assert not result.valid and result.reason == "格式错误", text
        assert payload_key_id(text) is None
        with pytest.raises(ValueError):
            payload_fields(text)


def test_only_the_canonical_version_2_text_verifies(keys: SigningKeys) -> None:
    payload = sign_payload(FIELDS, keys.private_key)
    blob = v2_blob(payload)
    assert verify_payload(f"  {payload}\n", keys.public_key).valid  # scanners add line ends
    for text in (
        "0" + payload,  # a leading zero: the same number, another spelling
        payload.translate(str.maketrans("0123456789", "０１２３４５６７８９")),  # full-width digits
        payload.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),  # int() reads these too
        payload[:100] + "_" + payload[100:],  # so does an underscore
        "+" + payload,
        str(int.from_bytes(b"\x01" + blob[1:], "big")),  # another version byte
        str(int.from_bytes(blob + b"\x00", "big")),  # a trailing byte
        str(int.from_bytes(blob[:-1], "big")),  # a byte short
    ):
        result = verify_payload(text, keys.public_key)
        assert (result.valid, result.reason) == (False, "格式错误"), text[:20]


def test_over_long_field_lengths_are_not_accepted(keys: SigningKeys) -> None:
    """A length written in two bytes (0x8D 0x00 for 13) would be a second spelling of the same fields."""
    blob = v2_blob(sign_payload(FIELDS, keys.private_key))
    assert blob[7] == len(FIELDS.number) == 13
    longer = blob[:7] + bytes([0x80 | 13, 0]) + blob[8:]
    assert verify_payload(str(int.from_bytes(longer, "big")), keys.public_key).reason == "格式错误"


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


def test_only_the_canonical_version_1_spelling_verifies(keys: SigningKeys) -> None:
    """64 signature bytes leave 4 unused bits in the last base64url character: 15 other spellings."""
    payload = sign_payload_v1(FIELDS, keys.private_key)
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
