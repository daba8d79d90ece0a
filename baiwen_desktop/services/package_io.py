"""Reading and writing package files for the package services: size cap, refusals that name the
file, hashes, and the plain encodings (ISO times, base64 raw keys) the payloads use."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections import deque
from datetime import datetime
from itertools import repeat
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.core import package_box
from baiwen_desktop.core.canonical import canonical_hash  # noqa: F401  (re-export: the package services name it from here)
from baiwen_desktop.core.errors import BaiwenError

MAX_FILE = 600 * 1024 * 1024  # above package_box.MAX_PAYLOAD compressed: no honest package is this big
PAYLOAD_FORMAT = 1


class PackageRefused(BaiwenError):
    """A package this database will not take; `reason` is package_box's or one of ours
    (foreign, untrusted, expired, not_yet_valid, station_key_changed, not_issued, wrong_kind, invalid).
    The text says what to do in words that fit both faces (no command-line option: the CLI adds its own
    per reason); `fingerprint` is the key a trust refusal is about, for that hint."""

    def __init__(self, path: Path | str, reason: str, zh: str, en: str, *, fingerprint: str = "") -> None:
        name = Path(path).name
        super().__init__(f"数据包“{name}”：{zh}", f"package '{name}': {en}")
        self.reason = reason
        self.path = Path(path)
        self.fingerprint = fingerprint
        self._given = (path, reason, zh, en)

    def __reduce__(self) -> tuple[Any, ...]:  # sent back from a merge's worker process (services.merge_pipeline)
        path, reason, zh, en = self._given
        return (PackageRefused, (path, reason, zh, en), {"fingerprint": self.fingerprint})


def refused(path: Path, error: package_box.PackageError) -> PackageRefused:
    return PackageRefused(path, error.reason, error.zh, error.en)


def read_package(path: Path) -> tuple[bytes, dict[str, Any]]:
    """The file's bytes and its plain header (structure checked, nothing trusted yet)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise PackageRefused(path, "too_big", f"文件过大（{size // 2**20} MB），不是百问数据包", f"the file is too big ({size // 2**20} MB) to be a package")
        data = path.read_bytes()
    except FileNotFoundError:
        raise PackageRefused(path, "not_a_package", f"找不到文件 {path}", f"no such file: {path}") from None
    except IsADirectoryError:
        raise PackageRefused(path, "not_a_package", f"{path} 是文件夹，不是数据包", f"{path} is a folder, not a package") from None
    except OSError as e:
        raise PackageRefused(path, "not_a_package", f"无法读取 {path}：{e.strerror}", f"cannot read {path}: {e.strerror}") from None
    try:
        return data, package_box.read_header(data)
    except package_box.PackageError as e:
        raise refused(path, e) from None


def write_package(out: Path, data: bytes) -> Path:
    """All at once: a half-written package never lies on the stick under the real name."""
    out = Path(out)
    try:
        with atomic_path(out) as tmp:
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())  # a USB stick pulled right after: the file is whole or absent
    except OSError as e:
        raise BaiwenError(f"无法写入 {out}：{e.strerror}", f"cannot write {out}: {e.strerror}") from None
    return out


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def iso(t: datetime | None) -> str | None:
    return t.isoformat(timespec="seconds") if t is not None else None


def from_iso(text: Any, path: Path, what: str) -> datetime | None:
    if text is None:
        return None
    try:
        when = datetime.fromisoformat(str(text))
        return when if when.tzinfo is None else when.replace(tzinfo=None)  # (replace costs 15 times fromisoformat)
    except ValueError:
        raise PackageRefused(path, "invalid", f"{what}不是有效的时间：{str(text)[:40]}", f"{what} is not a valid time") from None


# A station writes its times as datetime.isoformat(timespec="seconds") of a naive time: such a text becomes
# the store's text without a datetime in between (isoformat costs 7 times fromisoformat; a merge writes 4,000 a package).
_STATION_TIME = b"0000-00-00T00:00:00"
_AS_ZEROS = bytes.maketrans(b"123456789", b"000000000")


def stored_times(texts: list[Any], fallback: datetime | None, path: Path, what: str) -> list[str]:
    """Each time as the store writes a naive datetime (store.many_rows datetime_texts): from_iso's datetime
    (its zone dropped), `fallback` for None; PackageRefused naming `what` for a text that is no time."""
    if texts and None not in texts:
        joined = "\n".join(texts)
        if joined.isascii() and joined.encode().translate(_AS_ZEROS) == b"\n".join(repeat(_STATION_TIME, len(texts))):  # as stations write
            try:
                deque(map(datetime.fromisoformat, texts), maxlen=0)  # each a real time (a month 13 is refused below)
            except ValueError:
                pass
            else:
                return (joined.replace("T", " ").replace("\n", ".000000\n") + ".000000").split("\n")
    out = []
    for t in texts:
        when = fallback if t is None else from_iso(t, path, what)
        if when is None:
            raise PackageRefused(path, "invalid", f"{what}缺失", f"{what} is missing")
        out.append(when.isoformat(" ", "microseconds"))
    return out


def raw_b64(key: Ed25519PublicKey | X25519PublicKey) -> str:
    return base64.b64encode(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode("ascii")


def raw_bytes(text: Any) -> bytes:
    """A base64 raw 32-byte key; ValueError otherwise."""
    try:
        raw = base64.b64decode(str(text), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not base64") from None
    if len(raw) != 32:
        raise ValueError("not a 32-byte key")
    return raw


def key_fingerprint(key: Ed25519PublicKey | X25519PublicKey) -> str:
    return package_box.fingerprint(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def same_fingerprint(typed: str, actual: str) -> bool:
    """A fingerprint read out by phone: case, spaces and dashes do not matter."""
    def norm(s: str) -> str:
        return "".join(ch for ch in s.upper() if ch.isalnum())

    return bool(norm(typed)) and norm(typed) == norm(actual)
