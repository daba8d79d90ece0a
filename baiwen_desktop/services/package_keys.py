"""Keys for USB packages: this station's Ed25519 key, HQ's X25519 package-encryption key.

* The station key belongs to one PC, so it lives in the data folder (``station_key.pem``, mode 0600),
  never in a shared database. It signs result packages; its fingerprint is read out by phone.
* HQ's X25519 key receives result packages. Its public part is written into every exam package;
  its private part is sealed under the 签发口令, like the certificate keys, in the ``setting`` table.
* HQ signs exam packages with the organisation's certificate key (services.certs.unlock → Issuer).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import tempfile
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from baiwen_desktop.core import certsign
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.package_box import fingerprint, raw_public_key
from baiwen_desktop.services import audit
from baiwen_desktop.services.certs import Issuer
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import CertKey, Setting

STATION_KEY_FILE = "station_key.pem"
PUBLIC_SETTING = "package_x25519_public"
PRIVATE_SETTING = "package_x25519_private"


# --- this station's signing key -----------------------------------------------------------------


def station_key_file(data_dir: Path) -> Path:
    return Path(data_dir) / STATION_KEY_FILE


def station_key(data_dir: Path) -> Ed25519PrivateKey:
    """This PC's signing key, created on first need (two processes starting at once agree on one)."""
    path = station_key_file(data_dir)
    found = _read_station_key(path)
    if found is not None:
        return found
    _create_station_key(path)
    found = _read_station_key(path)
    if found is None:
        raise BaiwenError(f"无法写入本机密钥文件：{path}", f"cannot write the station key file: {path}")
    return found


def station_fingerprint(data_dir: Path) -> str:
    """What HQ compares by phone before trusting this station's result packages."""
    return fingerprint(raw_public_key(station_key(data_dir).public_key()))


def _read_station_key(path: Path) -> Ed25519PrivateKey | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BaiwenError(f"无法读取本机密钥文件：{path}（{exc.strerror}）", f"cannot read the station key file: {path} ({exc.strerror})") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        key = None
    if isinstance(key, Ed25519PrivateKey):
        return key
    # Damaged: keep it aside for IT staff and make a new key. HQ then refuses this station's
    # packages until the new fingerprint is confirmed by phone, which is the point of the fingerprint.
    with contextlib.suppress(OSError):
        path.replace(path.with_name(f"{STATION_KEY_FILE}.bad-{datetime.now():%Y%m%d%H%M%S}"))
    return None


def _create_station_key(path: Path) -> None:
    """Write a new key only if the file is still absent; readable by this user only from the first byte."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd, tmp = tempfile.mkstemp(prefix=".station_key.", dir=path.parent)  # mkstemp: mode 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # atomic create-if-absent: a key another process made first wins
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links (FAT32)
            with contextlib.suppress(FileExistsError):
                out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(out, "wb") as f:
                    f.write(pem)
                    f.flush()
                    os.fsync(f.fileno())
    finally:
        Path(tmp).unlink(missing_ok=True)


# --- HQ's package-encryption key ----------------------------------------------------------------


def hq_public_key(store: Store, issuer: Issuer, passphrase: str) -> X25519PublicKey:
    """HQ's X25519 public key, created on first use with its private part sealed under the 签发口令.

    The two settings rows go in one transaction, and the setting key is the primary key: when
    two PCs create a key at the same moment the database keeps the first and the other's
    transaction rolls back whole, so both end up using the same key.
    """
    found = stored_public_key(store)
    if found is not None:
        return found
    _check_passphrase(store, issuer, passphrase)
    key = X25519PrivateKey.generate()
    public_b64 = _b64e(raw_public_key(key.public_key()))
    raw_private = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    sealed = certsign.seal_secret(raw_private, passphrase, _label(public_b64))
    try:
        with store.session() as s, s.begin():
            s.add(Setting(key=PUBLIC_SETTING, value=public_b64))
            s.add(Setting(key=PRIVATE_SETTING, value=sealed))
            s.flush()
            audit.record(s, "cert_key", issuer.actor, detail=f"创建成绩包加密密钥 {fingerprint(raw_public_key(key.public_key()))}")
    except IntegrityError:
        pass  # another PC made one first: that one is HQ's key
    found = stored_public_key(store)
    if found is None:
        raise BaiwenError("无法保存成绩包加密密钥", "could not store the package encryption key")
    return found


def stored_public_key(store: Store) -> X25519PublicKey | None:
    """HQ's package-encryption public key, if one was created (never creates)."""
    with store.session() as s:
        value = s.scalar(select(Setting.value).where(Setting.key == PUBLIC_SETTING))
    if value is None:
        return None
    return X25519PublicKey.from_public_bytes(_b64d(value))


def hq_fingerprint(store: Store) -> str | None:
    """Fingerprint of HQ's package-encryption key (None before the first exam package)."""
    key = stored_public_key(store)
    return None if key is None else fingerprint(raw_public_key(key))


def hq_private_key(store: Store, passphrase: str, actor: str = "system") -> X25519PrivateKey:
    """Open HQ's package-encryption key with the 签发口令 (to read result packages)."""
    with store.session() as s:
        rows = {r.key: r.value for r in s.scalars(select(Setting).where(Setting.key.in_((PUBLIC_SETTING, PRIVATE_SETTING))))}
    if len(rows) != 2:
        raise BaiwenError(
            "本单位还没有成绩包加密密钥（导出第一个考试包时生成），无法读取成绩包",
            "no package encryption key yet (it is made with the first exam package): cannot read result packages",
        )
    public_b64, sealed = rows[PUBLIC_SETTING], rows[PRIVATE_SETTING]
    try:
        raw = certsign.open_secret(sealed, passphrase, _label(public_b64))
    except certsign.WrongPassphrase:
        with store.session() as s, s.begin():
            audit.record(s, "cert_unlock", actor, detail="签发口令错误（成绩包密钥）")
        raise BaiwenError("签发口令不正确", "wrong signing passphrase") from None
    except (ValueError, binascii.Error):
        raise BaiwenError("成绩包加密密钥已损坏", "the stored package encryption key is damaged") from None
    key = X25519PrivateKey.from_private_bytes(raw)
    if _b64e(raw_public_key(key.public_key())) != public_b64:
        raise BaiwenError("成绩包加密密钥已损坏", "the stored package encryption key is damaged")
    return key


def _check_passphrase(store: Store, issuer: Issuer, passphrase: str) -> None:
    """The key is sealed under ``passphrase``, so it must be the 签发口令 that opens the issuer's key."""
    with store.session() as s:
        row = s.get(CertKey, issuer.kid)
    if row is None or not row.private_key:
        raise BaiwenError("签发密钥不存在，请重新解锁", "the signing key is gone; unlock again")
    try:
        certsign.decrypt_private_key(row.private_key, passphrase, row.kid)
    except certsign.WrongPassphrase:
        raise BaiwenError("签发口令不正确", "wrong signing passphrase") from None


def _label(public_b64: str) -> str:
    return f"{PUBLIC_SETTING}:{public_b64}"  # associated data: this sealed key belongs to that public key


def _b64e(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _b64d(text: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise BaiwenError("成绩包加密公钥已损坏", "the stored package encryption public key is damaged")
    return raw
