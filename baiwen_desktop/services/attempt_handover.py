"""Handing an unfinished attempt back: which attempts a PC holds, resume codes, and the new lease.

After a crash on the same PC or for 转到本机继续 from another one; the grant moves the lease,
so the old holder's writes are refused from then on (services.attempts checks the lease).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.services import accounts, audit, resume_codes
from baiwen_desktop.services.attempts import AttemptState, load_attempt, new_token
from baiwen_desktop.services.station import StationIdentity, as_identity
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import LIVE, Attempt, Candidate


def unfinished_attempts(store: Store, station: StationIdentity | str) -> list[tuple[int, str, str]]:
    """In-progress attempts held by this PC: (attempt id, 工号, 姓名).

    Held means by station id; an attempt from before the upgrade (no id yet) by its name.
    """
    station = as_identity(store, station)
    held = (Attempt.station_id == station.id) | ((Attempt.station_id == "") & (Attempt.station == station.name))
    with store.session() as s:
        rows = s.execute(
            select(Attempt.id, Candidate.employee_no, Candidate.name)
            .join(Candidate, Attempt.candidate_id == Candidate.id)
            .where(Attempt.status == LIVE, held)
            .order_by(Attempt.id)
        )
        return [(r[0], r[1], r[2]) for r in rows]


def held_elsewhere(store: Store, employee_no: str, station: StationIdentity | str) -> list[tuple[int, str, str, str]]:
    """For 转到本机继续: the candidate's live attempts held by other PCs (id, 工号, 姓名, PC)."""
    station = as_identity(store, station)
    with store.session() as s:
        rows = s.execute(
            select(Attempt.id, Candidate.employee_no, Candidate.name, Attempt.station)
            .join(Candidate, Attempt.candidate_id == Candidate.id)
            .where(Attempt.status == LIVE, Candidate.employee_no == employee_no.strip(), Attempt.station_id != station.id)
            .order_by(Attempt.id)
        )
        found = [(r[0], r[1], r[2], r[3]) for r in rows]
    if not found:
        raise BaiwenError(
            f"工号 {employee_no.strip()} 没有在其他电脑上未完成的考试", f"employee {employee_no.strip()} has no unfinished attempt on another PC"
        )
    return found


def issue_resume_code(store: Store, attempt_id: int, actor: str, now: datetime | None = None) -> str:
    """A one-time 6-digit code a trainer reads from the console (valid 30 minutes)."""
    with store.session() as s, s.begin():
        a = s.get(Attempt, attempt_id)
        if a is None or a.status != "in_progress":
            raise BaiwenError("只有未完成的考试才能发放恢复码", "only an unfinished attempt can be resumed")
        return resume_codes.issue(s, a, actor, now or db_now(s))  # every PC checks it by the server's clock


def authorise_resume(
    store: Store,
    attempt_id: int,
    secret: str,
    station: StationIdentity | str = "",
    username: str = "",
    now: datetime | None = None,
) -> AttemptState:
    """Resume on this PC: a named trainer's password (the account's lockout applies) or the one-time code.

    Always issues a new lease to this PC: after a crash on the same PC, or as
    「转到本机继续」 from another one, whose writes are refused from then on.
    A wrong code is counted and committed before the refusal is raised.
    """
    secret, username = secret.strip(), username.strip()
    station = as_identity(store, station)
    if username:
        trainer = accounts.authenticate(store, username, secret, station.name, now, purpose="授权恢复考试")
        by = f"管理员 {trainer.username}"
    elif not (len(secret) == resume_codes.DIGITS and secret.isdigit()):
        raise BaiwenError("请输入 6 位恢复码，或填写监考老师的账号和密码", "enter the 6-digit resume code, or a trainer's account and password")
    failure: BaiwenError | None = None
    with store.session() as s, s.begin():
        a = s.scalar(select(Attempt).where(Attempt.id == attempt_id).with_for_update())
        if a is None or a.status != LIVE:
            raise BaiwenError("该考试已结束，无法恢复", "the attempt is finished")
        now = now or db_now(s)
        if not username:
            by = "恢复码"
            failure = resume_codes.check(s, a, secret, station.name, now)
        if failure is None:
            _grant_lease(s, a, station, by)
    if failure is not None:
        raise failure
    return load_attempt(store, attempt_id)


def _grant_lease(s: Session, a: Attempt, station: StationIdentity, by: str) -> None:
    """A new token for this PC; a move from another PC is audited on both sides."""
    moved = bool(a.station_id) and a.station_id != station.id
    old = a.station
    a.station, a.station_id, a.lease_token = station.name, station.id, new_token()
    a.heartbeat_at = db_now(s)
    who = a.candidate.employee_no
    ids: dict[str, Any] = {"candidate_id": a.candidate_id, "exam_id": a.exam_id, "attempt_id": a.id}
    if moved:
        detail = f"经{by}授权，从“{old}”转到“{station.name}”继续，已用时 {a.counted_ms // 1000} 秒；原电脑此后的写入一律拒绝"
        audit.record(s, "lease_move", who, station=station.name, detail=detail, **ids)
        audit.record(s, "lease_revoked", who, station=old, detail=f"考试已转到“{station.name}”，本机租约作废", **ids)
    else:
        audit.record(s, "resume", who, station=station.name, detail=f"经{by}授权，已用时 {a.counted_ms // 1000} 秒", **ids)
