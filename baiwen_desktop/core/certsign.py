"""Ed25519 signatures for certificate QR codes.

Payload text (ASCII only, so it fits a QR code in byte mode)::

    BW1.<kid>.<data>.<sig>

* ``kid``  – base64url of the first 6 bytes of SHA-256 over the raw public key: tells
  "signed by another station's key" (无效) apart from "signed by us but changed" (已篡改).
* ``data`` – base64url of the UTF-8 JSON array
  ``[number, employee_no, name, exam_title, score, issue_date]`` (score as a decimal string,
  date ISO 8601).
* ``sig``  – base64url of the Ed25519 signature over the ASCII bytes ``BW1.<kid>.<data>``.

Base64url is written without ``=`` padding. Pure Python + ``cryptography``: no Qt, no SQL.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = [
    "PREFIX",
    "PRIVATE_KEY_FILE",
    "PUBLIC_KEY_FILE",
    "REASON_BAD_FORMAT",
    "REASON_INVALID",
    "REASON_TAMPERED",
    "REASON_VALID",
    "CertFields",
    "SigningKeys",
    "VerifyResult",
    "export_public_key",
    "key_id",
    "load_or_create_keys",
    "load_public_key",
    "sign_payload",
    "verify_payload",
]

PREFIX = "BW1"
PRIVATE_KEY_FILE = "cert_signing_key.pem"
PUBLIC_KEY_FILE = "cert_signing_key.pub.pem"

REASON_VALID = "有效"
REASON_INVALID = "无效"  # well-formed, but not signed by this key
REASON_TAMPERED = "已篡改"  # our key id, but the signature does not match the content
REASON_BAD_FORMAT = "格式错误"


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
    fields: CertFields | None
    reason: str  # 有效 / 无效 / 已篡改 / 格式错误


@dataclass(frozen=True, slots=True)
class SigningKeys:
    private_key: Ed25519PrivateKey
    public_key: Ed25519PublicKey
    private_path: Path
    public_path: Path


# --- keys ---------------------------------------------------------------------------------------


def load_or_create_keys(folder: Path) -> SigningKeys:
    """Load the station's key pair from ``folder``, creating it on first use.

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


def load_public_key(pem: bytes | Path) -> Ed25519PublicKey:
    """Load a public key exported by :func:`export_public_key` (bytes or a file path)."""
    data = Path(pem).read_bytes() if isinstance(pem, Path) else pem
    key = serialization.load_pem_public_key(data)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def key_id(public_key: Ed25519PublicKey) -> str:
    """Short, stable identifier of a public key (8 base64url characters)."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return _b64e(hashlib.sha256(raw).digest()[:6])


# --- payload ------------------------------------------------------------------------------------


def sign_payload(fields: CertFields, private_key: Ed25519PrivateKey) -> str:
    """Compact signed text for the certificate's QR code."""
    array = [
        fields.number,
        fields.employee_no,
        fields.name,
        fields.exam_title,
        _decimal_text(fields.score),
        fields.issue_date.isoformat(),
    ]
    data = _b64e(json.dumps(array, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    signed = f"{PREFIX}.{key_id(private_key.public_key())}.{data}"
    return f"{signed}.{_b64e(private_key.sign(signed.encode('ascii')))}"


def verify_payload(text: str, public_key: Ed25519PublicKey) -> VerifyResult:
    """Check a scanned QR text. Fields are returned only when the signature is valid."""
    parts = text.strip().split(".")
    if len(parts) != 4 or parts[0] != PREFIX:
        return VerifyResult(False, None, REASON_BAD_FORMAT)
    _, kid, data, sig_text = parts
    try:
        signature = _b64d(sig_text)
        fields = _parse_fields(_b64d(data))
    except (ValueError, binascii.Error):
        return VerifyResult(False, None, REASON_BAD_FORMAT)
    if len(signature) != 64:
        return VerifyResult(False, None, REASON_BAD_FORMAT)
    try:
        public_key.verify(signature, f"{PREFIX}.{kid}.{data}".encode("ascii"))
    except (InvalidSignature, UnicodeEncodeError):
        reason = REASON_TAMPERED if kid == key_id(public_key) else REASON_INVALID
        return VerifyResult(False, None, reason)
    return VerifyResult(True, fields, REASON_VALID)


# --- helpers ------------------------------------------------------------------------------------


def _parse_fields(raw: bytes) -> CertFields:
    """Decode the JSON array; ValueError on any shape problem."""
    array = json.loads(raw.decode("utf-8"))
    if not isinstance(array, list) or len(array) != 6 or not all(isinstance(v, str) for v in array):
        raise ValueError("payload must be a JSON array of 6 strings")
    number, employee_no, name, exam_title, score_text, date_text = array
    try:
        score = Decimal(score_text)
    except InvalidOperation as exc:
        raise ValueError("bad score") from exc
    if not score.is_finite():
        raise ValueError("bad score")
    return CertFields(number, employee_no, name, exam_title, score, date.fromisoformat(date_text))


def _decimal_text(value: Decimal) -> str:
    """Plain (non-exponent) decimal text, e.g. Decimal('92.50') → '92.50'."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError("score must be a finite Decimal")
    return format(value, "f")


def _b64e(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64d(text: str) -> bytes:
    if not text or not all(c.isalnum() or c in "-_" for c in text) or not text.isascii():
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
