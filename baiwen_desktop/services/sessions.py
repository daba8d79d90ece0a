"""Exam sessions (考场): open for a class on one station or all, watch live, close."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.services import attempts, audit, finishing, frozen_papers, lookup
from baiwen_desktop.services.exams import ExamInfo, exam_info, require_satisfiable
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import LIVE, Attempt, Candidate, Exam, ExamSession

CLOCK_TOLERANCE_MS = 5000  # a holder's clock further off than this is shown in 考场


@dataclass(frozen=True)
class SessionInfo:
    id: int
    exam: ExamInfo
    class_name: str
    station: str
    opened_at: datetime
    ends_at: datetime | None
    closed_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class LiveRow:
    candidate_id: int
    employee_no: str
    name: str
    unit: str
    status: str  # not_started|in_progress|submitted|auto_submitted|forced
    status_label: str
    position: int  # question n (1-based) when in progress
    question_count: int
    remaining_ms: int
    focus_losses: int
    attempt_id: int | None
    score: str
    station: str = ""  # the PC holding (or that held) the attempt
    answered: int = 0  # answered questions, as the holder last reported
    since_report_s: int | None = None  # seconds since the holder last reported
    lost: bool = False  # in progress but silent for 30 s: 失联
    clock_offset_ms: int | None = None  # the holder's clock minus the server's, when off by > 5 s


LOST_LABEL = "失联"
STATUS_LABELS = {
    "not_started": "未开始",
    "in_progress": "答题中",
    "submitted": "已交卷",
    "auto_submitted": "自动交卷",
    "forced": "强制交卷",
}


def _session_info(row: ExamSession) -> SessionInfo:
    return SessionInfo(row.id, exam_info(row.exam), row.class_name, row.station, row.opened_at, row.ends_at, row.closed_at)


class SessionAlreadyOpen(BaiwenError):
    """The exam is already open for this class: opening another needs the trainer's confirmation."""

    def __init__(self, existing: SessionInfo) -> None:
        who = existing.class_name or "全部考生"
        super().__init__(
            f"考试“{existing.exam.title}”已为{who}开考（第 {existing.id} 场，{existing.opened_at:%m-%d %H:%M} 开始），再开一场需确认",
            f"exam {existing.exam.id} is already open for this class (session {existing.id}); confirm to open another",
        )
        self.existing = existing


def open_session(
    store: Store, exam_id: int, actor: str, class_name: str = "", station: str = "", ends_at: datetime | None = None,
    confirm_second: bool = False,
) -> SessionInfo:
    """Open a session. If the exam is already open for the same class (or for everyone), raise
    SessionAlreadyOpen naming it unless `confirm_second`; retakes still need a 补考 grant each."""
    with store.session() as s:
        exam = s.get(Exam, exam_id)
        if exam is None or exam.archived:
            raise BaiwenError("该考试不存在或已归档", "the exam does not exist or is archived")
        if not confirm_second:
            for other in s.scalars(select(ExamSession).where(ExamSession.exam_id == exam_id, ExamSession.closed_at.is_(None)).order_by(ExamSession.id)):
                if "" in (other.class_name, class_name) or other.class_name == class_name:
                    raise SessionAlreadyOpen(_session_info(other))
    require_satisfiable(store, exam_info(exam).definition)
    with store.session() as s, s.begin():
        now = db_now(s)
        if ends_at is not None and ends_at <= now:
            raise BaiwenError(f"统一收卷时间 {ends_at:%H:%M} 已过", f"the common end time {ends_at:%H:%M} has passed")
        row = ExamSession(exam_id=exam_id, class_name=class_name, station=station, opened_at=now, ends_at=ends_at, opened_by=actor)
        s.add(row)
        s.flush()
        audit.record(s, "session_open", actor, exam_id=exam_id, station=station,
                     detail=f"班级 {class_name or '全部'}，站点 {station or '所有站点'}" + ("（确认另开一场）" if confirm_second else ""))
        s.refresh(row)
        return _session_info(row)


def close_session(store: Store, session_id: int, actor: str) -> int:
    """Close the session; papers still being answered are force-submitted in the same
    transaction (their stations see it at their next heartbeat). Returns how many."""
    with store.session() as s, s.begin():
        row = s.scalar(select(ExamSession).where(ExamSession.id == session_id).with_for_update())
        if row is None:
            raise BaiwenError("考场不存在", "no such session")
        if row.closed_at is not None:
            raise BaiwenError(f"考场 {session_id} 已经结束", f"session {session_id} is already closed")
        now = db_now(s)
        row.closed_at = now
        s.flush()  # SQLite: the write transaction is open before the live papers are read
        live = list(s.scalars(select(Attempt.id).where(Attempt.session_id == session_id, Attempt.status == LIVE)))
        forced = finishing.finish_locked_many(s, live, "forced", f"监考 {actor} 结束考场", actor, now)
        audit.record(s, "session_close", actor, exam_id=row.exam_id, station=row.station, detail=f"强制交卷 {len(forced)} 人" if forced else "")
        return len(forced)


def sweep(store: Store, session_id: int) -> int:
    """统一收卷 by the server's clock for every live paper of the session, including those whose
    PC is off or crashed (a running station does the same at its own heartbeat)."""
    with store.session() as s, s.begin():
        now = db_now(s)
        stmt = (
            select(Attempt.id)
            .join(ExamSession, Attempt.session_id == ExamSession.id)
            .where(Attempt.session_id == session_id, Attempt.status == LIVE, ExamSession.ends_at.is_not(None), ExamSession.ends_at <= now)
        )
        due = list(s.scalars(stmt))
        if not due:  # the console polls this every few seconds: no lock taken when nothing is due
            return 0
        return len(finishing.finish_locked_many(s, due, "auto_submitted", attempts.SESSION_END, "system", now))


def open_sessions(store: Store, station: str | None = None) -> list[SessionInfo]:
    """Sessions open now; with a station, those that this station may run."""
    with store.session() as s:
        stmt = select(ExamSession).where(ExamSession.closed_at.is_(None)).order_by(ExamSession.id.desc())
        rows = list(s.scalars(stmt))
        if station is not None:
            rows = [r for r in rows if r.station in ("", station)]
        return [_session_info(r) for r in rows]


def all_sessions(store: Store, limit: int = 200) -> list[SessionInfo]:
    """Open and closed sessions, newest first."""
    with store.session() as s:
        return [_session_info(r) for r in s.scalars(select(ExamSession).order_by(ExamSession.id.desc()).limit(limit))]


def get_session(store: Store, session_id: int) -> SessionInfo:
    with store.session() as s:
        row = lookup.exam_session(s, session_id)
        return _session_info(row)


def _remaining_ms(a: Attempt, ends_at: datetime | None, now: datetime) -> int:
    left = a.limit_ms - a.counted_ms
    if ends_at is not None:
        left = min(left, int((ends_at - now).total_seconds() * 1000))
    return max(0, left)


def live_rows(store: Store, session_id: int) -> list[LiveRow]:
    """One row per roster candidate of the session's class, with their latest attempt.

    Times are the server's; a live paper whose holder has not reported for 30 s is 失联.
    """
    sweep(store, session_id)
    with store.session() as s:
        sess = lookup.exam_session(s, session_id)
        now = db_now(s)
        stmt = select(Candidate).order_by(Candidate.unit, Candidate.employee_no)
        if sess.class_name:
            stmt = stmt.where(Candidate.class_name == sess.class_name)
        candidates = list(s.scalars(stmt))
        latest: dict[int, Attempt] = {}
        for a in s.scalars(select(Attempt).where(Attempt.session_id == session_id).order_by(Attempt.id)):
            latest[a.candidate_id] = a  # latest wins
        papers = frozen_papers.stored_many(s, [a.id for a in latest.values()])
        rows = []
        for c in candidates:
            a = latest.get(c.id)
            if a is None:
                rows.append(LiveRow(c.id, c.employee_no, c.name, c.unit, "not_started", STATUS_LABELS["not_started"], 0, 0, 0, 0, None, ""))
                continue
            live = a.status == LIVE
            since = None if a.heartbeat_at is None else max(0, int((now - a.heartbeat_at).total_seconds()))
            lost = live and (since is None or since >= attempts.ALIVE_SECONDS)
            offset = a.clock_offset_ms if live and a.clock_offset_ms is not None and abs(a.clock_offset_ms) > CLOCK_TOLERANCE_MS else None
            rows.append(
                LiveRow(
                    c.id,
                    c.employee_no,
                    c.name,
                    c.unit,
                    a.status,
                    LOST_LABEL if lost else STATUS_LABELS.get(a.status, a.status),
                    a.current_index + 1,
                    frozen_papers.item_count(papers[a.id]),
                    _remaining_ms(a, sess.ends_at, now),
                    a.focus_losses,
                    a.id,
                    "" if a.score is None else str(a.score),
                    a.station,
                    a.answered_count,
                    since if live else None,
                    lost,
                    offset,
                )
            )
        return rows
