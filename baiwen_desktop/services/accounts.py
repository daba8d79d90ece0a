"""Trainer accounts: scrypt-hashed passwords, five wrong tries lock the account for 60 s.

Every check runs the KDF once, whether or not the name exists or the account is locked, so neither the
answer's timing nor its wording tells an unknown name from a wrong password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import func, select

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.services import audit
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Trainer

MAX_FAILURES = 5
LOCKOUT = timedelta(seconds=60)
MIN_PASSWORD = 6
_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


@cache
def decoy_hash() -> str:
    """A real hash of a random password: what an unknown name or a locked account is checked against."""
    return hash_password(secrets.token_urlsafe(16))


def verify_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        calc = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(calc, base64.b64decode(digest))


@dataclass(frozen=True)
class TrainerInfo:
    id: int
    username: str
    display_name: str
    is_admin: bool
    locked_until: datetime | None


def has_admin(store: Store) -> bool:
    with store.session() as s:
        return bool(s.scalar(select(func.count()).select_from(Trainer).where(Trainer.is_admin.is_(True))))


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise BaiwenError(f"密码至少 {MIN_PASSWORD} 位", f"the password needs at least {MIN_PASSWORD} characters")


def create_trainer(store: Store, username: str, password: str, *, is_admin: bool = False, display_name: str = "", actor: str = "") -> TrainerInfo:
    username = username.strip()
    if not username:
        raise BaiwenError("请填写用户名", "a username is required")
    _check_password(password)
    with store.session() as s, s.begin():
        if s.scalar(select(Trainer).where(Trainer.username == username)):
            raise BaiwenError(f"用户名“{username}”已存在", f"username '{username}' already exists")
        t = Trainer(
            username=username,
            display_name=display_name or username,
            password_hash=hash_password(password),
            is_admin=is_admin,
            created_at=db_now(s),
        )
        s.add(t)
        s.flush()
        audit.record(s, "trainer_admin", actor or username, detail=f"新建账号 {username}{'（管理员）' if is_admin else ''}")
        return TrainerInfo(t.id, t.username, t.display_name, t.is_admin, None)


def authenticate(
    store: Store, username: str, password: str, station: str = "", now: datetime | None = None, *, purpose: str = "管理员登录"
) -> TrainerInfo:
    """Check a password. Raises with a clear message on failure or lockout; audits both.

    The failure count and the lockout are committed before the error is raised. `purpose` is the audit
    detail of a success (the resume page authorises with the same accounts and the same lockout).
    """
    failure: BaiwenError | None = None
    # The same words for an unknown name and a wrong password; the warning is general, not a countdown.
    wrong = BaiwenError(
        f"用户名或密码错误（连续 {MAX_FAILURES} 次错误将锁定 60 秒）", f"wrong username or password ({MAX_FAILURES} in a row lock the account for 60 s)"
    )
    with store.session() as s, s.begin():
        now = now or db_now(s)  # the lock is shared by every PC: one clock, the server's
        t = s.scalar(select(Trainer).where(Trainer.username == username.strip()))
        locked = t is not None and t.locked_until is not None and t.locked_until > now
        matches = verify_password(password, t.password_hash if t is not None and not locked else decoy_hash())
        if t is None:
            audit.record(s, "login_failed", username, station=station, detail="无此用户")
            failure = wrong
        elif locked:
            assert t.locked_until is not None
            left = int((t.locked_until - now).total_seconds()) + 1
            audit.record(s, "login_failed", t.username, station=station, detail="账号锁定中")
            failure = BaiwenError(f"密码错误次数过多，账号已锁定，请 {left} 秒后再试", f"account locked; try again in {left} s")
        elif not matches:
            t.failed_count += 1
            audit.record(s, "login_failed", t.username, station=station, detail=f"第 {t.failed_count} 次密码错误")
            if t.failed_count >= MAX_FAILURES:
                t.failed_count = 0
                t.locked_until = now + LOCKOUT
                audit.record(s, "lockout", t.username, station=station, detail=f"连续 {MAX_FAILURES} 次密码错误，锁定 60 秒")
                failure = BaiwenError("密码错误次数过多，账号已锁定 60 秒", "too many wrong passwords; locked for 60 s")
            else:
                failure = wrong
        else:
            t.failed_count = 0
            t.locked_until = None
            audit.record(s, "login", t.username, station=station, detail=purpose)
            info = TrainerInfo(t.id, t.username, t.display_name, t.is_admin, None)
    if failure is not None:
        raise failure
    return info


def change_password(store: Store, username: str, old: str, new: str) -> None:
    _check_password(new)
    authenticate(store, username, old)
    with store.session() as s, s.begin():
        t = s.scalar(select(Trainer).where(Trainer.username == username))
        assert t is not None
        t.password_hash = hash_password(new)
        audit.record(s, "trainer_admin", username, detail="修改密码")


def list_trainers(store: Store) -> list[TrainerInfo]:
    """Every account; `locked_until` only while the lock is in force by the database's clock."""
    with store.session() as s:
        now = db_now(s)
        return [
            TrainerInfo(t.id, t.username, t.display_name, t.is_admin, t.locked_until if t.locked_until and t.locked_until > now else None)
            for t in s.scalars(select(Trainer).order_by(Trainer.id))
        ]


def remove_trainer(store: Store, username: str, actor: str) -> None:
    with store.session() as s, s.begin():
        t = s.scalar(select(Trainer).where(Trainer.username == username))
        if t is None:
            raise BaiwenError(f"没有账号“{username}”", f"no account '{username}'")
        admins = s.scalar(select(func.count()).select_from(Trainer).where(Trainer.is_admin.is_(True))) or 0
        if t.is_admin and admins <= 1:
            raise BaiwenError("不能删除最后一个管理员", "cannot remove the last admin")
        if t.username == actor:
            raise BaiwenError("不能删除自己的账号", "cannot remove your own account")
        s.delete(t)
        audit.record(s, "trainer_admin", actor, detail=f"删除账号 {username}")
