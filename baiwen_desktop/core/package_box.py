"""The sealed package file carried on a USB stick between HQ and a rural station.

One binary file, no zip (nothing to bomb, no names to traverse)::

    MAGIC | u32 BE header length | header (UTF-8 JSON) | u64 BE body length | body | Ed25519 signature (64)

* The signature covers every byte before it; the header is also the AEAD associated data, so a
  header field cannot be changed without both checks failing.
* body = AES-256-GCM(key, nonce, zlib(JSON payload), aad=header bytes).
* Exam packages (HQ → station): key = scrypt(password). Result packages (station → HQ): key from an
  X25519 ephemeral-static exchange with HQ's key, through HKDF-SHA256.
* The header is readable without a key (cover page, package list); it holds no answers.

:func:`open_package` never trusts a key found in the file: the caller passes the key to verify with.
Every refusal is a :class:`PackageError` whose ``reason`` is one of :data:`REASONS`.
Pure Python + ``cryptography``: no Qt, no SQL.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import secrets
import struct
import unicodedata
import uuid
import zlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import orjson
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from baiwen_desktop.core.certsign import key_id
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.json_numbers import may_hold_long_number

__all__ = [
    "FORMAT",
    "KINDS",
    "MAGIC",
    "MAX_HEADER",
    "MAX_PAYLOAD",
    "REASONS",
    "PackageError",
    "fingerprint",
    "new_password",
    "normalise_password",
    "open_package",
    "org_signer",
    "raw_public_key",
    "read_header",
    "seal_to_recipient",
    "seal_with_password",
    "signer_public_key",
    "station_signer",
]

MAGIC = b"BWPKG1\n"
FORMAT = 1
KINDS = ("exam", "result")
MAX_HEADER = 64 * 1024
MAX_PAYLOAD = 512 * 1024 * 1024  # decompressed; a bigger payload is refused, never expanded further
SIGNATURE_SIZE = 64
REASONS = (
    "not_a_package",
    "damaged",
    "bad_signature",
    "wrong_password",
    "wrong_recipient",
    "unknown_signer",
    "too_big",
    "unsupported",
)

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_SCRYPT_MAX_MEMORY = 256 * 1024 * 1024  # 128·n·r: what a header may ask scrypt to allocate
_HKDF_INFO = b"baiwen result package v1"
_CHUNK = 4 * 1024 * 1024
_PREFIX = struct.Struct(">I")
# A NUL can only be in JSON text as the escape \u0000 (strict JSON refuses a raw control character); an
# escaped backslash before "u0000" is text, not a NUL. PostgreSQL text cannot hold NUL, so no payload may:
# one scan of the text here instead of a walk over every string of the parsed payload.
_NUL_ESCAPE = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_BODY_LEN = struct.Struct(">Q")

_MESSAGES = {
    "not_a_package": ("不是百问百查数据包", "not a baiwen package"),
    "damaged": ("数据包已损坏或不完整", "the package is damaged or incomplete"),
    "bad_signature": ("数据包签名不符，可能已被篡改", "the package signature does not match: it may have been tampered with"),
    "wrong_password": ("考试包口令不对", "wrong package password"),
    "wrong_recipient": ("此成绩包不是发给本单位的（加密密钥不符）", "this result package was not sealed to this organisation's key"),
    "unknown_signer": ("数据包的签名者不是已信任的密钥", "the package is signed by a key that is not trusted here"),
    "too_big": ("数据包内容过大，已拒绝", "the package content is too big and was refused"),
    "unsupported": ("不支持的数据包格式或类型", "unsupported package format or kind"),
}
_KIND_NAMES = {"exam": ("考试包", "an exam package"), "result": ("成绩包", "a result package")}


class PackageError(BaiwenError):
    """A package refused; ``reason`` is one of :data:`REASONS` (for callers and tests)."""

    def __init__(self, reason: str, zh: str = "", en: str = "") -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        base_zh, base_en = _MESSAGES[reason]
        super().__init__(f"{base_zh}：{zh}" if zh else base_zh, f"{base_en}: {en}" if en else base_en)
        self.reason = reason


# --- passwords and fingerprints -----------------------------------------------------------------


def new_password() -> str:
    """20 random digits in groups of 4 ("1234-5678-9012-3456-7890"): easy to read out by phone."""
    digits = "".join(str(secrets.randbelow(10)) for _ in range(20))
    return "-".join(digits[i : i + 4] for i in range(0, 20, 4))


_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−_]+")


def normalise_password(password: str) -> str:
    """NFKC (full-width digits typed in a Chinese IME count), without spaces or dashes."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", password))


def fingerprint(raw_public_key: bytes) -> str:
    """SHA-256 of the raw key, first 10 bytes as 20 upper-case hex digits in groups of 4."""
    digits = hashlib.sha256(bytes(raw_public_key)).digest()[:10].hex().upper()
    return "-".join(digits[i : i + 4] for i in range(0, 20, 4))


def org_signer(key: Ed25519PublicKey) -> dict[str, str]:
    """signer_info for a package signed with the organisation's certificate key."""
    return {"kind": "org", "kid": key_id(key)}


def station_signer(station_id: str, name: str, key: Ed25519PublicKey) -> dict[str, str]:
    """signer_info for a package signed with a station's own key."""
    raw = raw_public_key(key)
    return {"kind": "station", "station_id": station_id, "name": name, "public_key": _b64e(raw), "fingerprint": fingerprint(raw)}


def raw_public_key(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


# --- sealing ------------------------------------------------------------------------------------


def seal_with_password(
    kind: str,
    header_fields: Mapping[str, Any],
    payload: Mapping[str, Any],
    password: str,
    signer: Ed25519PrivateKey,
    signer_info: Mapping[str, Any],
) -> bytes:
    """An exam package: encrypted under scrypt(password), signed by ``signer``."""
    secret = normalise_password(password)
    if not secret:
        raise ValueError("empty package password")
    salt = secrets.token_bytes(16)
    seal = {"kind": "password", "salt": _b64e(salt), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}
    key = _scrypt(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return _seal(kind, header_fields, payload, key, seal, signer, signer_info)


def seal_to_recipient(
    kind: str,
    header_fields: Mapping[str, Any],
    payload: Mapping[str, Any],
    recipient: X25519PublicKey,
    signer: Ed25519PrivateKey,
    signer_info: Mapping[str, Any],
) -> bytes:
    """A result package: encrypted to ``recipient`` (HQ's X25519 key), signed by ``signer``."""
    ephemeral = X25519PrivateKey.generate()
    eph_raw = raw_public_key(ephemeral.public_key())
    recipient_raw = raw_public_key(recipient)
    key = _hkdf(ephemeral.exchange(recipient), eph_raw, recipient_raw)
    seal = {"kind": "x25519", "ephemeral": _b64e(eph_raw), "recipient": fingerprint(recipient_raw)}
    return _seal(kind, header_fields, payload, key, seal, signer, signer_info)


_HEADER_FIELDS = {"organisation", "issuer_code", "valid_from", "valid_until", "summary", "package_id", "created_at"}


def _seal(
    kind: str,
    header_fields: Mapping[str, Any],
    payload: Mapping[str, Any],
    key: bytes,
    seal: dict[str, Any],
    signer: Ed25519PrivateKey,
    signer_info: Mapping[str, Any],
) -> bytes:
    if kind not in KINDS:
        raise ValueError(f"unknown package kind {kind!r}")
    unknown = set(header_fields) - _HEADER_FIELDS
    if unknown:
        raise ValueError(f"unknown header fields: {sorted(unknown)}")
    _check_signer_info(signer_info, signer.public_key())
    nonce = secrets.token_bytes(12)
    header: dict[str, Any] = {
        "format": FORMAT,
        "kind": kind,
        "package_id": str(header_fields.get("package_id") or uuid.uuid4()),
        "created_at": _iso(header_fields.get("created_at") or datetime.now(UTC)),
        "organisation": str(header_fields.get("organisation", "")),
        "issuer_code": str(header_fields.get("issuer_code", "")),
        "valid_from": _iso(header_fields.get("valid_from")),
        "valid_until": _iso(header_fields.get("valid_until")),
        "signer": dict(signer_info),
        "seal": seal,
        "nonce": _b64e(nonce),
        "summary": dict(header_fields.get("summary") or {}),
    }
    header_bytes = json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode()
    if len(header_bytes) > MAX_HEADER:
        raise PackageError("too_big", "封面信息过长", "the header is longer than 64 KiB")
    _check_header(_parse_header(header_bytes))  # what we write, we can read back
    plain = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    if len(plain) > MAX_PAYLOAD:
        raise PackageError("too_big", "内容超过 512 MiB", "the payload is over 512 MiB")
    body = AESGCM(key).encrypt(nonce, zlib.compress(plain, 6), header_bytes)
    signed = b"".join((MAGIC, _PREFIX.pack(len(header_bytes)), header_bytes, _BODY_LEN.pack(len(body)), body))
    return signed + signer.sign(signed)


def _check_signer_info(info: Mapping[str, Any], public_key: Ed25519PublicKey) -> None:
    """The signer described in the header must be the key that signs (a programming error otherwise)."""
    _check_signer(dict(info))
    if _claims(info, public_key) is False:
        raise ValueError("signer_info does not describe the signing key")


# --- reading ------------------------------------------------------------------------------------


def read_header(data: bytes) -> dict[str, Any]:
    """The header of a package, for listing and cover pages: framing and schema checked, nothing verified."""
    header, _, _ = _split(data)
    return header


def signer_public_key(header: Mapping[str, Any]) -> Ed25519PublicKey:
    """The station key a result header *claims*: for trust-on-first-use decisions, never trusted by itself."""
    signer = header.get("signer")
    if not isinstance(signer, Mapping) or signer.get("kind") != "station":
        raise PackageError("unknown_signer", "签名者不是站点", "the signer is not a station")
    return Ed25519PublicKey.from_public_bytes(_b64d(signer.get("public_key"), 32))


def open_package(
    data: bytes,
    *,
    verify_key: Ed25519PublicKey,
    password: str | None = None,
    recipient: X25519PrivateKey | None = None,
    expect_kind: str | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check and open a package: framing, header schema, signature with ``verify_key``, then decrypt
    and decompress (capped) → ``(header, payload)``. Raises only :class:`PackageError`."""
    header, header_bytes, body = _split(data)
    if expect_kind is not None and header["kind"] != expect_kind:
        want, got = _KIND_NAMES.get(expect_kind, (expect_kind, expect_kind)), _KIND_NAMES[header["kind"]]
        raise PackageError("unsupported", f"需要{want[0]}，这是{got[0]}", f"expected {want[1]}, this is {got[1]}")
    if not _claims(header["signer"], verify_key):
        raise PackageError("unknown_signer")
    try:
        verify_key.verify(bytes(data[-SIGNATURE_SIZE:]), bytes(data[:-SIGNATURE_SIZE]))
    except InvalidSignature:
        raise PackageError("bad_signature") from None
    key = _opening_key(header, password, recipient)
    try:
        compressed = AESGCM(key).decrypt(_b64d(header["nonce"], 12), body, header_bytes)
    except InvalidTag:
        if header["seal"]["kind"] == "password":
            raise PackageError("wrong_password") from None
        raise PackageError("wrong_recipient") from None
    plain = _inflate(compressed)
    if b"\\u0000" in plain and _NUL_ESCAPE.search(plain):  # the regex costs ≈ 70 ms a megabyte; `in` finds the candidates
        raise PackageError("damaged", "内容含有空字符（NUL）", "the content contains a NUL character")
    try:
        payload = _parse_payload(plain)
    except (ValueError, RecursionError):
        raise PackageError("damaged", "内容不是有效的数据", "the content is not valid JSON") from None
    if not isinstance(payload, dict):
        raise PackageError("damaged", "内容格式不对", "the content is not a JSON object")
    return header, payload


def _parse_payload(plain: bytes) -> Any:
    """Strict JSON, no NaN or Infinity, no number that overflows to infinity: orjson (which also refuses a
    lone surrogate), or the standard library when an integer may be too big for orjson.
    ValueError/RecursionError if it is not that."""
    if may_hold_long_number(plain):  # no station writes one; the standard library keeps it exact
        return json.loads(plain.decode("utf-8"), parse_constant=_no_constant, parse_float=_finite)
    return orjson.loads(plain)  # orjson.JSONDecodeError is a ValueError


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError("number out of range")
    return value


def _opening_key(header: Mapping[str, Any], password: str | None, recipient: X25519PrivateKey | None) -> bytes:
    seal = header["seal"]
    if seal["kind"] == "password":
        secret = normalise_password(password or "")
        if not secret:
            raise PackageError("wrong_password", "请输入考试包口令", "the package password is needed")
        return _scrypt(secret, _b64d(seal["salt"]), seal["n"], seal["r"], seal["p"])
    if recipient is None:
        raise PackageError("wrong_recipient", "需要本单位的成绩包密钥", "the organisation's package key is needed")
    recipient_raw = raw_public_key(recipient.public_key())
    if seal["recipient"] != fingerprint(recipient_raw):
        raise PackageError("wrong_recipient")
    eph_raw = _b64d(seal["ephemeral"], 32)
    try:
        shared = recipient.exchange(X25519PublicKey.from_public_bytes(eph_raw))
    except ValueError:  # a low-order point: all-zero shared secret
        raise PackageError("damaged", "临时密钥无效", "invalid ephemeral key") from None
    return _hkdf(shared, eph_raw, recipient_raw)


def _split(data: bytes) -> tuple[dict[str, Any], bytes, bytes]:
    """Framing with exact lengths → (header, header bytes, body)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise PackageError("not_a_package")
    data = bytes(data)
    if not data.startswith(MAGIC):
        raise PackageError("not_a_package")
    pos = len(MAGIC)
    if len(data) < pos + _PREFIX.size:
        raise PackageError("damaged", "文件不完整", "the file is truncated")
    (header_len,) = _PREFIX.unpack_from(data, pos)
    pos += _PREFIX.size
    if header_len > MAX_HEADER:
        raise PackageError("too_big", "封面信息超过 64 KiB", "the header is over 64 KiB")
    if len(data) < pos + header_len + _BODY_LEN.size:
        raise PackageError("damaged", "文件不完整", "the file is truncated")
    header_bytes = data[pos : pos + header_len]
    pos += header_len
    (body_len,) = _BODY_LEN.unpack_from(data, pos)
    pos += _BODY_LEN.size
    if len(data) != pos + body_len + SIGNATURE_SIZE:
        raise PackageError("damaged", "文件长度不符（不完整或有多余内容）", "the file length does not match (truncated or extra bytes)")
    header = _parse_header(header_bytes)
    _check_header(header)
    return header, header_bytes, data[pos : pos + body_len]


def _parse_header(header_bytes: bytes) -> dict[str, Any]:
    try:
        header = json.loads(header_bytes.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise PackageError("damaged", "封面信息无法读取", "the header is not valid JSON") from None
    if not isinstance(header, dict):
        raise PackageError("damaged", "封面信息格式不对", "the header is not a JSON object")
    return header


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("duplicate key")
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


_TOP_KEYS = {
    "format", "kind", "package_id", "created_at", "organisation", "issuer_code", "valid_from", "valid_until",
    "signer", "seal", "nonce", "summary",
}  # fmt: skip


def _check_header(h: dict[str, Any]) -> None:
    """Schema of a header; raises PackageError (damaged / unsupported)."""
    version = h.get("format")
    if type(version) is not int or version != FORMAT:
        shown = str(version) if type(version) is int and abs(version) < 10**9 else "?"
        raise PackageError("unsupported", f"格式版本 {shown}，请升级本软件", f"format version {shown}: upgrade this program")
    if set(h) != _TOP_KEYS:
        raise PackageError("damaged", "封面信息字段不对", "the header fields are wrong")
    if h["kind"] not in KINDS:
        raise PackageError("unsupported", "未知的数据包类型", "unknown package kind")
    _need(isinstance(h["package_id"], str) and _is_uuid(h["package_id"]), "package_id")
    for name in ("organisation", "issuer_code"):
        _need(isinstance(h[name], str), name)
    _need(_is_time(h["created_at"]), "created_at")
    for name in ("valid_from", "valid_until"):
        _need(h[name] is None or _is_time(h[name]), name)
    _need(isinstance(h["summary"], dict), "summary")
    _need(isinstance(h["nonce"], str) and _b64ok(h["nonce"], 12), "nonce")
    _check_signer(h["signer"])
    _check_seal(h["seal"])


def _check_signer(signer: Any) -> None:
    _need(isinstance(signer, dict), "signer")
    if signer.get("kind") == "org":
        _need(set(signer) == {"kind", "kid"} and isinstance(signer["kid"], str) and signer["kid"] != "", "signer")
    elif signer.get("kind") == "station":
        _need(set(signer) == {"kind", "station_id", "name", "public_key", "fingerprint"}, "signer")
        _need(all(isinstance(signer[k], str) for k in ("station_id", "name", "public_key", "fingerprint")), "signer")
        _need(_b64ok(signer["public_key"], 32), "signer.public_key")
        _need(signer["fingerprint"] == fingerprint(_b64d(signer["public_key"], 32)), "signer.fingerprint")
    else:
        raise PackageError("unsupported", "未知的签名者类型", "unknown signer kind")


def _check_seal(seal: Any) -> None:
    _need(isinstance(seal, dict), "seal")
    if seal.get("kind") == "password":
        _need(set(seal) == {"kind", "salt", "n", "r", "p"}, "seal")
        _need(isinstance(seal["salt"], str) and _b64ok(seal["salt"], None) and 16 <= len(_b64d(seal["salt"])) <= 64, "seal.salt")
        n, r, p = seal["n"], seal["r"], seal["p"]
        ints = all(type(v) is int for v in (n, r, p))
        sane = ints and 2**14 <= n and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 4
        if not (sane and 128 * n * r <= _SCRYPT_MAX_MEMORY):
            raise PackageError("unsupported", "口令参数超出范围", "password parameters out of range")
    elif seal.get("kind") == "x25519":
        _need(set(seal) == {"kind", "ephemeral", "recipient"}, "seal")
        _need(isinstance(seal["ephemeral"], str) and _b64ok(seal["ephemeral"], 32), "seal.ephemeral")
        _need(isinstance(seal["recipient"], str), "seal.recipient")
    else:
        raise PackageError("unsupported", "未知的加密方式", "unknown seal kind")


def _claims(signer: Mapping[str, Any], key: Ed25519PublicKey) -> bool:
    """Does the header's signer description name ``key``? (Only to tell 'someone else' from 'tampered'.)"""
    if signer.get("kind") == "org":
        return signer.get("kid") == key_id(key)
    raw = raw_public_key(key)
    return signer.get("public_key") == _b64e(raw) and signer.get("fingerprint") == fingerprint(raw)


def _need(ok: bool, field: str) -> None:
    if not ok:
        raise PackageError("damaged", f"封面信息字段 {field} 不对", f"header field {field} is invalid")


def _inflate(compressed: bytes) -> bytes:
    """zlib-decompress in chunks, refusing (too_big) as soon as the output passes MAX_PAYLOAD."""
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    total = 0
    pending = compressed
    try:
        while True:
            chunk = inflater.decompress(pending, _CHUNK)
            total += len(chunk)
            if total > MAX_PAYLOAD:
                raise PackageError("too_big", "解压后超过上限", "the content expands beyond the limit")
            parts.append(chunk)
            pending = inflater.unconsumed_tail
            if inflater.eof or (not pending and not chunk):
                break
    except zlib.error:
        raise PackageError("damaged", "内容无法解压", "the content cannot be decompressed") from None
    if not inflater.eof or inflater.unused_data:
        raise PackageError("damaged", "内容不完整", "the compressed content is incomplete or has extra bytes")
    return b"".join(parts)


# --- helpers ------------------------------------------------------------------------------------


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret.encode("utf-8"))


def _hkdf(shared: bytes, eph_raw: bytes, recipient_raw: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO + eph_raw + recipient_raw).derive(shared)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _is_time(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _b64e(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _b64ok(text: Any, size: int | None) -> bool:
    try:
        raw = _b64d(text)
    except PackageError:
        return False
    return size is None or len(raw) == size


def _b64d(text: Any, size: int | None = None) -> bytes:
    """Standard base64, canonical spelling only (so one value has one encoding)."""
    if not isinstance(text, str) or not text.isascii():
        raise PackageError("damaged", "密钥字段不对", "a key field is not base64")
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise PackageError("damaged", "密钥字段不对", "a key field is not base64") from None
    if _b64e(raw) != text or (size is not None and len(raw) != size):
        raise PackageError("damaged", "密钥字段不对", "a key field has the wrong size")
    return raw
