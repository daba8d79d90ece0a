"""Exam sessions (考场): open for a class on one station or all, watch live, close."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.services import audit, lookup
from baiwen_desktop.services.exams import ExamInfo, exam_info, require_satisfiable
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Attempt, Candidate, Exam, ExamSession


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
        row = ExamSession(exam_id=exam_id, class_name=class_name, station=station, opened_at=datetime.now(), ends_at=ends_at, opened_by=actor)
        s.add(row)
        s.flush()
        audit.record(s, "session_open", actor, exam_id=exam_id, station=station,
                     detail=f"班级 {class_name or '全部'}，站点 {station or '所有站点'}" + ("（确认另开一场）" if confirm_second else ""))
        s.refresh(row)
        return _session_info(row)


def close_session(store: Store, session_id: int, actor: str) -> None:
    with store.session() as s, s.begin():
        row = lookup.exam_session(s, session_id)
        row.closed_at = datetime.now()
        audit.record(s, "session_close", actor, exam_id=row.exam_id, station=row.station)


def open_sessions(store: Store, station: str | None = None) -> list[SessionInfo]:
    """Sessions open now; with a station, those that this station may run."""
    with store.session() as s:
        stmt = select(ExamSession).where(ExamSession.closed_at.is_(None)).order_by(ExamSession.id.desc())
        rows = list(s.scalars(stmt))
        if station is not None:
            rows = [r for r in rows if r.station in ("", station)]
        return [_session_info(r) for r in rows]


def get_session(store: Store, session_id: int) -> SessionInfo:
    with store.session() as s:
        row = lookup.exam_session(s, session_id)
        return _session_info(row)


def _remaining_ms(a: Attempt, ends_at: datetime | None) -> int:
    left = a.limit_ms - a.counted_ms
    if ends_at is not None:
        left = min(left, int((ends_at - datetime.now()).total_seconds() * 1000))
    return max(0, left)


def live_rows(store: Store, session_id: int) -> list[LiveRow]:
    """One row per roster candidate of the session's class, with their latest attempt."""
    with store.session() as s:
        sess = lookup.exam_session(s, session_id)
        stmt = select(Candidate).order_by(Candidate.unit, Candidate.employee_no)
        if sess.class_name:
            stmt = stmt.where(Candidate.class_name == sess.class_name)
        candidates = list(s.scalars(stmt))
        attempts: dict[int, Attempt] = {}
        for a in s.scalars(select(Attempt).where(Attempt.session_id == session_id).order_by(Attempt.id)):
            attempts[a.candidate_id] = a  # latest wins
        rows = []
        for c in candidates:
            a = attempts.get(c.id)
            if a is None:
                rows.append(LiveRow(c.id, c.employee_no, c.name, c.unit, "not_started", STATUS_LABELS["not_started"], 0, 0, 0, 0, None, ""))
                continue
            n = len(a.paper["items"])
            rows.append(
                LiveRow(
                    c.id,
                    c.employee_no,
                    c.name,
                    c.unit,
                    a.status,
                    STATUS_LABELS.get(a.status, a.status),
                    a.current_index + 1,
                    n,
                    _remaining_ms(a, sess.ends_at),
                    a.focus_losses,
                    a.id,
                    "" if a.score is None else str(a.score),
                )
            )
        return rows
