"""Ed25519 signatures for certificate QR codes.

Two payload formats; :func:`sign_payload` writes version 2, the verifier accepts both (every
version-1 certificate already printed keeps verifying).

Version 2 (decimal digits only, so the QR code holds it in numeric mode at 3⅓ bits a digit,
nearly as dense as raw bytes; a v1 payload of the same fields needs about 1.5× the bits)::

    str(int.from_bytes(b"\x02" + kid + fields + date + sig, "big"))

* the leading byte 0x02 is the format version and keeps the leading zero bytes of ``kid``;
* ``kid``    – the 6 raw bytes behind the key id (:func:`key_id` is their base64url);
* ``fields`` – number, employee_no, name, exam_title and the score as decimal text, each as
  its UTF-8 length (unsigned LEB128, shortest form) followed by its UTF-8 bytes;
* ``date``   – issue date as 2 bytes big-endian: days since 2000-01-01;
* ``sig``    – the Ed25519 signature (64 bytes) over ``b"BW2" + kid + fields + date``.

Only the canonical text is accepted: ASCII digits, no leading zero, every byte consumed.

Version 1 (ASCII, byte mode)::

    BW1.<kid>.<data>.<sig>

* ``kid``  – base64url of the first 6 bytes of SHA-256 over the raw public key: tells
  "signed by another station's key" (无效) apart from "signed by us but changed" (已篡改).
* ``data`` – base64url of the UTF-8 JSON array
  ``[number, employee_no, name, exam_title, score, issue_date]`` (score as a decimal string,
  date ISO 8601).
* ``sig``  – base64url of the Ed25519 signature over the ASCII bytes ``BW1.<kid>.<data>``.

Base64url is written without ``=`` padding, and only that canonical spelling is accepted (the
unused low bits of the last character must be zero, otherwise 16 spellings would verify).

The issuer's private key is stored encrypted under the 签发口令 (scrypt + AES-GCM, see
:func:`encrypt_private_key`); a revocation list is signed the same way as a v1 payload
(:func:`sign_crl`). Pure Python + ``cryptography``: no Qt, no SQL.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

__all__ = [
    "CRL_PREFIX",
    "PREFIX",
    "PRIVATE_KEY_FILE",
    "PUBLIC_KEY_FILE",
    "REASON_BAD_FORMAT",
    "REASON_INVALID",
    "REASON_REVOKED",
    "REASON_TAMPERED",
    "REASON_VALID",
    "CertFields",
    "Crl",
    "SigningKeys",
    "VerifyResult",
    "WrongPassphrase",
    "decrypt_private_key",
    "encrypt_private_key",
    "export_public_key",
    "key_id",
    "load_or_create_keys",
    "load_public_key",
    "load_public_keys",
    "open_secret",
    "payload_fields",
    "payload_key_id",
    "public_key_pem",
    "read_legacy_key",
    "seal_secret",
    "sign_crl",
    "sign_payload",
    "sign_payload_v1",
    "verify_crl",
    "verify_payload",
    "verify_with_keys",
]

PREFIX = "BW1"
PRIVATE_KEY_FILE = "cert_signing_key.pem"
PUBLIC_KEY_FILE = "cert_signing_key.pub.pem"

REASON_VALID = "有效"
REASON_INVALID = "无效"  # well-formed, but not signed by this key
REASON_TAMPERED = "已篡改"  # our key id, but the signature does not match the content
REASON_BAD_FORMAT = "格式错误"
REASON_REVOKED = "已作废"  # genuine, but the number has been revoked

_V2 = b"\x02"  # first byte of a version-2 payload
_V2_TAG = b"BW2"  # what a version-2 signature covers starts with this: never a v1 or CRL text
_V2_MAX_DIGITS = 5596  # the most a QR code at level M holds (version 40, numeric mode)
# the decimal text is made and read in pieces of this many digits: past 4,300 digits Python's int()
# and str() refuse it (sys.int_info.default_max_str_digits), and a long exam title needs more
_PIECE_DIGITS = 1000
_PIECE = 10**_PIECE_DIGITS
_EPOCH = date(2000, 1, 1)

CRL_PREFIX = "BWCRL1"
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**15, 8, 1  # about 32 MiB and 0.1 s per try
_KEY_BOX = "scrypt1"


class WrongPassphrase(ValueError):
    """The 签发口令 does not open the stored private key."""


@dataclass(frozen=True, slots=True)
class CertFields:
    """What a certificate QR code vouches for."""

    number: str
    employee_no: str
    name: str
    exam_title: str
    score: Decimal
    issue_date: date


@dataclass(frozen=True, slots=True)
class VerifyResult:
    valid: bool
    fields: CertFields | None  # also set for 已作废: the signature is genuine
    reason: str  # 有效 / 无效 / 已篡改 / 格式错误 / 已作废
    note: str = ""  # e.g. why and when it was revoked


@dataclass(frozen=True, slots=True)
class Crl:
    """A signed revocation list: which numbers an issuer has revoked, as of when."""

    issuer: str
    issued_at: datetime
    numbers: frozenset[str]
    key_id: str


@dataclass(frozen=True, slots=True)
class SigningKeys:
    private_key: Ed25519PrivateKey
    public_key: Ed25519PublicKey
    private_path: Path
    public_path: Path


# --- keys ---------------------------------------------------------------------------------------


def load_or_create_keys(folder: Path) -> SigningKeys:
    """Load a v1 key pair from ``folder``, creating it on first use (tests and benches only:
    the app keeps its keys in the database, see services.certs).

    The private key is written unencrypted (the station is offline and unattended) with mode
    0o600; the public key is written beside it for export to verifying stations.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    priv_path = folder / PRIVATE_KEY_FILE
    pub_path = folder / PUBLIC_KEY_FILE
    if priv_path.exists():
        loaded = serialization.load_pem_private_key(priv_path.read_bytes(), password=None)
        if not isinstance(loaded, Ed25519PrivateKey):
            raise ValueError(f"{priv_path} is not an Ed25519 private key")
        private_key = loaded
    else:
        private_key = Ed25519PrivateKey.generate()
        pem = private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        # O_EXCL: never clobber a key another process just created; 0o600 from the first byte.
        fd = os.open(priv_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
    public_key = private_key.public_key()
    pub_pem = export_public_key(public_key)
    if not pub_path.exists() or pub_path.read_bytes() != pub_pem:
        pub_path.write_bytes(pub_pem)
    return SigningKeys(private_key, public_key, priv_path, pub_path)


def export_public_key(public_key: Ed25519PublicKey, path: Path | None = None) -> bytes:
    """PEM (SubjectPublicKeyInfo) bytes of ``public_key``; also written to ``path`` if given."""
    pem = public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    if path is not None:
        Path(path).write_bytes(pem)
    return pem


def public_key_pem(public_key: Ed25519PublicKey) -> str:
    return export_public_key(public_key).decode("ascii")


def load_public_keys(pem: bytes | str | Path) -> list[Ed25519PublicKey]:
    """Every public key in a PEM text (``cert export-key`` writes all of an issuer's keys)."""
    data = Path(pem).read_bytes() if isinstance(pem, Path) else (pem.encode("ascii") if isinstance(pem, str) else pem)
    marker = b"-----BEGIN PUBLIC KEY-----"
    blocks = [marker + part for part in data.split(marker)[1:]]
    if not blocks:
        raise ValueError("no public key in the file")
    return [load_public_key(block) for block in blocks]


def seal_secret(raw: bytes, passphrase: str, label: str) -> str:
    """``scrypt1$<salt>$<nonce>$<ciphertext>``: raw secret bytes sealed with AES-GCM under a scrypt key.

    ``label`` (ASCII) is the associated data, so a sealed secret cannot be moved onto another row.
    """
    if not passphrase:
        raise ValueError("empty passphrase")
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_derive(passphrase, salt)).encrypt(nonce, bytes(raw), label.encode("ascii"))
    return "$".join((_KEY_BOX, _b64e(salt), _b64e(nonce), _b64e(sealed)))


def open_secret(box: str, passphrase: str, label: str) -> bytes:
    """The bytes sealed by :func:`seal_secret`; :class:`WrongPassphrase` if they do not open."""
    from cryptography.exceptions import InvalidTag

    parts = box.split("$")
    if len(parts) != 4 or parts[0] != _KEY_BOX:
        raise ValueError("unknown private key format")
    salt, nonce, sealed = (_b64d(p) for p in parts[1:])
    try:
        return AESGCM(_derive(passphrase, salt)).decrypt(nonce, sealed, label.encode("ascii"))
    except InvalidTag as exc:
        raise WrongPassphrase("wrong passphrase") from exc


def encrypt_private_key(private_key: Ed25519PrivateKey, passphrase: str, kid: str) -> str:
    """The raw Ed25519 key sealed by :func:`seal_secret`, with its key id as the associated data."""
    raw = private_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    return seal_secret(raw, passphrase, kid)


def decrypt_private_key(box: str, passphrase: str, kid: str) -> Ed25519PrivateKey:
    """Open a key sealed by :func:`encrypt_private_key`; :class:`WrongPassphrase` if it does not open."""
    key = Ed25519PrivateKey.from_private_bytes(open_secret(box, passphrase, kid))
    if key_id(key.public_key()) != kid:
        raise ValueError("sealed key does not match its key id")
    return key


def _derive(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P).derive(passphrase.encode("utf-8"))


def load_public_key(pem: bytes | Path) -> Ed25519PublicKey:
    """Load a public key exported by :func:`export_public_key` (bytes or a file path)."""
    data = Path(pem).read_bytes() if isinstance(pem, Path) else pem
    key = serialization.load_pem_public_key(data)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def key_id(public_key: Ed25519PublicKey) -> str:
    """Short, stable identifier of a public key (8 base64url characters)."""
    return _b64e(hashlib.sha256(_raw_public(public_key)).digest()[:6])


# --- payload ------------------------------------------------------------------------------------


def sign_payload(fields: CertFields, private_key: Ed25519PrivateKey) -> str:
    """Compact signed text (version 2, decimal digits) for the certificate's QR code."""
    kid = hashlib.sha256(_raw_public(private_key.public_key())).digest()[:6]
    body = kid + _pack_fields(fields)
    blob = _V2 + body + private_key.sign(_V2_TAG + body)
    return _decimal_digits(int.from_bytes(blob, "big"))


def sign_payload_v1(fields: CertFields, private_key: Ed25519PrivateKey) -> str:
    """The version-1 text (``BW1.…``), as printed before version 2: for tests of old certificates."""
    data = _b64e(json.dumps(_field_texts(fields), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    signed = f"{PREFIX}.{key_id(private_key.public_key())}.{data}"
    return f"{signed}.{_b64e(private_key.sign(signed.encode('ascii')))}"


def verify_payload(text: str, public_key: Ed25519PublicKey) -> VerifyResult:
    """Check a scanned QR text against one key. Fields are returned only when the signature is valid."""
    return verify_with_keys(text, {key_id(public_key): public_key})


def payload_key_id(text: str) -> str | None:
    """The key id a payload claims, or None if it is not shaped like one."""
    try:
        return _split(text).kid
    except (ValueError, binascii.Error):
        return None


def verify_with_keys(text: str, keys: Mapping[str, Ed25519PublicKey]) -> VerifyResult:
    """Verify against an issuer's keys by key id: unknown id → 无效, bad signature → 已篡改."""
    try:
        parts = _split(text)
    except (ValueError, binascii.Error):
        return VerifyResult(False, None, REASON_BAD_FORMAT)
    public_key = keys.get(parts.kid)
    if public_key is None:
        return VerifyResult(False, None, REASON_INVALID)
    try:
        public_key.verify(parts.signature, parts.signed)
    except InvalidSignature:
        return VerifyResult(False, None, REASON_TAMPERED)
    return VerifyResult(True, parts.fields, REASON_VALID)


def payload_fields(text: str) -> CertFields:
    """What a payload says, without checking who signed it (for comparing with the database)."""
    try:
        return _split(text).fields
    except binascii.Error as exc:
        raise ValueError("not a certificate payload") from exc


@dataclass(frozen=True, slots=True)
class _Parts:
    kid: str
    fields: CertFields
    signed: bytes  # what the signature covers
    signature: bytes


def _split(text: str) -> _Parts:
    """Parse either format (not checking the signature); ValueError if it is not one."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        return _split_v2(text)
    parts = text.split(".")
    if len(parts) != 4 or parts[0] != PREFIX:
        raise ValueError("not a certificate payload")
    _, kid, data, sig_text = parts
    signature = _b64d(sig_text)
    if len(signature) != 64:
        raise ValueError("bad signature length")
    # (a kid that is not ASCII is no key's id: 无效 before the signature is looked at)
    return _Parts(kid, _parse_fields(_b64d(data)), f"{PREFIX}.{kid}.{data}".encode(), signature)


def _split_v2(text: str) -> _Parts:
    if text[0] == "0" or len(text) > _V2_MAX_DIGITS:
        raise ValueError("not the canonical version-2 text")
    number = _digits_value(text)
    blob = number.to_bytes((number.bit_length() + 7) // 8, "big")
    if blob[:1] != _V2 or len(blob) < 1 + 6 + 2 + 64:
        raise ValueError("not a version-2 payload")
    body, signature = blob[1:-64], blob[-64:]
    pos = 6
    texts = []
    for _ in range(5):
        size, pos = _read_varint(body, pos)
        if pos + size > len(body):
            raise ValueError("field runs past the end")
        texts.append(body[pos : pos + size].decode("utf-8"))
        pos += size
    if pos + 2 != len(body):
        raise ValueError("bad payload length")
    issue_date = _EPOCH + timedelta(days=int.from_bytes(body[pos:], "big"))
    number_text, employee_no, name, exam_title, score_text = texts
    fields = CertFields(number_text, employee_no, name, exam_title, _parse_score(score_text), issue_date)
    return _Parts(_b64e(body[:6]), fields, _V2_TAG + body, signature)


def _decimal_digits(number: int) -> str:
    """`str(number)` for a number of any length (see _PIECE_DIGITS)."""
    if number < _PIECE:
        return str(number)
    pieces = []
    while number >= _PIECE:
        number, piece = divmod(number, _PIECE)
        pieces.append(f"{piece:0{_PIECE_DIGITS}d}")
    pieces.append(str(number))
    return "".join(reversed(pieces))


def _digits_value(text: str) -> int:
    """`int(text)` for ASCII digits of any length (see _PIECE_DIGITS)."""
    if len(text) <= _PIECE_DIGITS:
        return int(text)
    number = 0
    for start in range(0, len(text), _PIECE_DIGITS):
        piece = text[start : start + _PIECE_DIGITS]
        number = number * 10 ** len(piece) + int(piece)
    return number


def _pack_fields(fields: CertFields) -> bytes:
    days = (fields.issue_date - _EPOCH).days
    if not 0 <= days <= 0xFFFF:
        raise ValueError("issue date outside 2000-01-01 … 2179-06-06")
    texts = _field_texts(fields)[:5]
    packed = b"".join(_varint(len(raw)) + raw for raw in (t.encode("utf-8") for t in texts))
    return packed + days.to_bytes(2, "big")


def _field_texts(fields: CertFields) -> list[str]:
    return [
        fields.number,
        fields.employee_no,
        fields.name,
        fields.exam_title,
        _decimal_text(fields.score),
        fields.issue_date.isoformat(),
    ]


def _varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def _read_varint(raw: bytes, pos: int) -> tuple[int, int]:
    """An unsigned LEB128 at ``pos`` and the position after it; only the shortest form."""
    value = shift = 0
    for i in range(pos, min(pos + 3, len(raw))):  # a field is never 2 MiB long
        byte = raw[i]
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            if byte == 0 and i > pos:
                raise ValueError("over-long length")
            return value, i + 1
        shift += 7
    raise ValueError("bad length")


def _raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def read_legacy_key(folder: Path) -> Ed25519PrivateKey | None:
    """The v1 station key file in ``folder`` (unencrypted PKCS#8), if there is one; never creates."""
    path = Path(folder) / PRIVATE_KEY_FILE
    if not path.is_file():
        return None
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 private key")
    return loaded


# --- revocation list ----------------------------------------------------------------------------


def sign_crl(issuer: str, numbers: Iterable[str], issued_at: datetime, private_key: Ed25519PrivateKey) -> str:
    """``BWCRL1.<kid>.<data>.<sig>``, data = base64url JSON {"issuer", "at", "revoked": [...]}."""
    body = {"issuer": issuer, "at": issued_at.isoformat(timespec="seconds"), "revoked": sorted(set(numbers))}
    data = _b64e(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    signed = f"{CRL_PREFIX}.{key_id(private_key.public_key())}.{data}"
    return f"{signed}.{_b64e(private_key.sign(signed.encode('ascii')))}\n"


def verify_crl(text: str, keys: Iterable[Ed25519PublicKey]) -> Crl:
    """Check a revocation list against an issuer's public keys; ValueError if it is not genuine."""
    parts = text.strip().split(".")
    if len(parts) != 4 or parts[0] != CRL_PREFIX:
        raise ValueError("not a baiwen revocation list")
    _, kid, data, sig_text = parts
    by_id = {key_id(k): k for k in keys}
    if kid not in by_id:
        raise ValueError("revocation list signed by an unknown key")
    try:
        by_id[kid].verify(_b64d(sig_text), f"{CRL_PREFIX}.{kid}.{data}".encode("ascii"))
        body = json.loads(_b64d(data).decode("utf-8"))
        numbers = body["revoked"]
        if not isinstance(numbers, list) or not all(isinstance(n, str) for n in numbers):
            raise ValueError("bad revoked list")
        return Crl(str(body["issuer"]), datetime.fromisoformat(body["at"]), frozenset(numbers), kid)
    except (InvalidSignature, KeyError, TypeError, binascii.Error, UnicodeError) as exc:
        raise ValueError("revocation list signature or content is not valid") from exc


# --- helpers ------------------------------------------------------------------------------------


def _parse_fields(raw: bytes) -> CertFields:
    """Decode the JSON array; ValueError on any shape problem."""
    array = json.loads(raw.decode("utf-8"))
    if not isinstance(array, list) or len(array) != 6 or not all(isinstance(v, str) for v in array):
        raise ValueError("payload must be a JSON array of 6 strings")
    number, employee_no, name, exam_title, score_text, date_text = array
    score = _parse_score(score_text)
    return CertFields(number, employee_no, name, exam_title, score, date.fromisoformat(date_text))


def _parse_score(text: str) -> Decimal:
    try:
        score = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError("bad score") from exc
    if not score.is_finite():
        raise ValueError("bad score")
    return score


def _decimal_text(value: Decimal) -> str:
    """Plain (non-exponent) decimal text, e.g. Decimal('92.50') → '92.50'."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError("score must be a finite Decimal")
    return format(value, "f")


def _b64e(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64d(text: str) -> bytes:
    """Decode unpadded base64url, accepting only the canonical spelling of the input."""
    if not text or not text.isascii() or not all(c.isalnum() or c in "-_" for c in text):
        raise ValueError("not base64url")
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if _b64e(raw) != text:  # nonzero padding bits in the last character, or an impossible length
        raise ValueError("not the canonical base64url encoding")
    return raw
