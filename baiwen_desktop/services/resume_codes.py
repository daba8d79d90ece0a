"""The one-time 恢复码: salted scrypt, valid 30 minutes and once; 5 wrong codes lock it with growing waits.

A 6-digit code has only a million values, so the lock is what protects it: 5 wrong tries lock code entry
for that attempt for 1 minute, then 2, 4, … (at most 1 hour); every try is audited. The trainer's own
password path is not locked here: it goes through the account's lockout (services.accounts).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.services import audit
from baiwen_desktop.services.accounts import decoy_hash, hash_password, verify_password
from baiwen_desktop.store.models import Attempt, ResumeCode

LIFETIME = timedelta(minutes=30)
MAX_WRONG = 5
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)
DIGITS = 6


def lock_length(lockouts: int) -> timedelta:
    """The wait after the n-th lock (n >= 1): 1, 2, 4, … minutes, capped."""
    return min(FIRST_LOCK * 2 ** (lockouts - 1), LONGEST_LOCK)


def _row(s: Session, attempt_id: int) -> ResumeCode:
    row = s.get(ResumeCode, attempt_id)
    if row is None:
        row = ResumeCode(attempt_id=attempt_id, wrong_tries=0, lockouts=0)
        s.add(row)
    return row


def issue(s: Session, attempt: Attempt, actor: str, now: datetime) -> str:
    """A fresh code replaces any earlier one; a lock in force stays (the wait is not reset)."""
    code = f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"
    row = _row(s, attempt.id)
    row.code_hash = hash_password(code)
    row.expires_at = now + LIFETIME
    row.wrong_tries = 0
    audit.record(
        s, "resume_code", actor, candidate_id=attempt.candidate_id, exam_id=attempt.exam_id, attempt_id=attempt.id,
        detail=f"有效至 {row.expires_at:%H:%M}",
    )
    return code


def check(s: Session, attempt: Attempt, code: str, station: str, now: datetime) -> BaiwenError | None:
    """None when the code is right (and it is used up); otherwise the error to raise after commit.

    The caller commits either way, so a wrong try counts even though the resume is refused.
    """
    row = _row(s, attempt.id)
    who = attempt.candidate.employee_no

    def fail(detail: str, error: BaiwenError) -> BaiwenError:
        audit.record(
            s, "resume_failed", who, candidate_id=attempt.candidate_id, exam_id=attempt.exam_id, attempt_id=attempt.id,
            station=station, detail=detail,
        )
        return error

    if row.locked_until is not None and row.locked_until > now:
        left = int((row.locked_until - now).total_seconds()) + 1
        return fail(
            "恢复码已锁定时再次输入",
            BaiwenError(
                f"恢复码错误次数过多，已锁定，请 {left} 秒后再试，或由监考老师用账号和密码恢复",
                f"too many wrong resume codes; locked, try again in {left} s or use a trainer account",
            ),
        )
    stored = row.code_hash
    # The KDF runs even without a live code, so timing does not tell whether one was issued.
    right = verify_password(code, stored or decoy_hash()) and stored is not None
    if right and row.expires_at is not None and row.expires_at <= now:
        row.code_hash = None
        return fail(
            "恢复码已过期",
            BaiwenError("恢复码已过期（30 分钟内有效），请监考老师重新发放", "the resume code has expired (valid 30 minutes); ask for a new one"),
        )
    if right:
        row.code_hash = None  # once only
        row.wrong_tries = 0
        return None
    row.wrong_tries += 1
    if row.wrong_tries >= MAX_WRONG:
        row.wrong_tries = 0
        row.lockouts += 1
        wait = lock_length(row.lockouts)
        row.locked_until = now + wait
        minutes = int(wait.total_seconds()) // 60
        return fail(
            f"连续 {MAX_WRONG} 次恢复码错误，锁定 {minutes} 分钟",
            BaiwenError(
                f"恢复码连续 {MAX_WRONG} 次错误，已锁定 {minutes} 分钟；可由监考老师用账号和密码恢复",
                f"{MAX_WRONG} wrong resume codes: locked for {minutes} min; a trainer account can still resume",
            ),
        )
    left = MAX_WRONG - row.wrong_tries
    return fail(
        f"第 {row.wrong_tries} 次恢复码错误",
        BaiwenError(f"恢复码不正确（再错 {left} 次将锁定）", f"wrong resume code ({left} tries before the lock)"),
    )
