"""Attempts: login, start (paper frozen), durable answer saves, heartbeat, submit (resume: attempt_handover)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Integer,
    bindparam,
    func,
    insert,
    literal,
    literal_column,
    null,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, NoResultFound
from sqlalchemy.orm import Session

from baiwen_desktop.core.errors import AttemptClosed, BaiwenError, LeaseLost
from baiwen_desktop.core.exam import ExamDefinition, parse_exam
from baiwen_desktop.core.grading import Response, settle
from baiwen_desktop.core.numbers import passes
from baiwen_desktop.core.paper import DrawPool, Paper, assemble_paper, draw_questions
from baiwen_desktop.core.question import QType
from baiwen_desktop.services import (
    audit,
    banks,
    frozen_papers,
    lookup,
    retakes,
    roster,
)
from baiwen_desktop.services.station import StationIdentity, as_identity
from baiwen_desktop.store import json_codec
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import LIVE, Answer, Attempt, AuditEvent, Candidate, Exam, ExamSession
from baiwen_desktop.store.sqlite_text import DIALECT, driver, plan_params, sqlite_plan

FINISHED = ("submitted", "auto_submitted", "forced")
TIME_UP = "考试时间到"
SESSION_END = "统一收卷"
ALIVE_SECONDS = 30  # a holder that has not reported for this long is 失联


@dataclass(frozen=True)
class CandidateCard:
    id: int
    employee_no: str
    name: str
    unit: str


@dataclass(frozen=True)
class AttemptState:
    """Everything the exam window needs, as plain data."""

    attempt_id: int
    session_id: int | None
    candidate: CandidateCard
    exam: ExamDefinition
    paper: Paper
    responses: list[Response]
    marked: list[bool]
    limit_ms: int
    counted_ms: int
    current_index: int
    focus_losses: int
    status: str
    ends_at: datetime | None
    lease_token: str = ""  # this station's lease: every write sends it back
    station: str = ""  # the PC holding the attempt
    server_now: datetime | None = None  # the database's clock when this was read


@dataclass(frozen=True)
class Beat:
    """What a heartbeat learns: still ours and running, finished (and when), or moved away."""

    status: str  # in_progress | submitted | auto_submitted | forced | moved
    server_now: datetime
    counted_ms: int  # the server's count; a finished paper's clock stops here
    holder: str = ""  # the PC now holding a moved attempt
    reason: str = ""  # why a finished paper was finished (考试时间到, 统一收卷, 监考 … 强制交卷)

    @property
    def running(self) -> bool:
        return self.status == LIVE


@dataclass(frozen=True)
class TypeScore:
    qtype: str
    count: int
    right: int
    points: Decimal
    max_points: Decimal


@dataclass(frozen=True)
class SubmitResult:
    attempt_id: int
    status: str
    score: Decimal
    total: Decimal
    pass_mark: Decimal
    passed: bool | None  # None while 简答 await review
    pending_review: bool
    by_type: list[TypeScore]
    reason: str

    @property
    def objective_score(self) -> Decimal:
        """Points of every type but 简答: final while 简答 still await a trainer."""
        return sum((t.points for t in self.by_type if t.qtype != QType.SHORT.value), Decimal(0))

    @property
    def short_max(self) -> Decimal:
        return sum((t.max_points for t in self.by_type if t.qtype == QType.SHORT.value), Decimal(0))


def find_candidate(store: Store, session_id: int, employee_no: str, name: str) -> CandidateCard:
    """Check a login against the session's roster. Raises a friendly message on any mismatch."""
    employee_no, name = employee_no.strip(), name.strip()
    if not employee_no or not name:
        raise BaiwenError("请填写工号和姓名", "enter your employee number and name")
    with store.session() as s:
        sess = s.get(ExamSession, session_id)
        if sess is None or sess.closed_at is not None:
            raise BaiwenError("本场考试已结束，请联系监考老师", "this exam session is closed")
        c = roster.match_login(s, employee_no, name, sess.class_name or "")
        if c is None:
            raise BaiwenError("工号与姓名不在本场考试名单中，请核对后重新输入，或联系监考老师", "not on this session's roster")
        attempts = list(s.scalars(select(Attempt).where(Attempt.session_id == session_id, Attempt.candidate_id == c.id)))
        if any(a.status == "in_progress" for a in attempts):
            raise BaiwenError("您有一场未完成的考试，请联系监考老师恢复", "you have an unfinished attempt; ask the invigilator to resume it")
        exam = parse_exam(sess.exam.definition, "exam")
        retakes.refuse_without_grant(s, sess.exam_id, c.id, exam.allow_retake)  # any session of this exam
        return CandidateCard(c.id, c.employee_no, c.name, c.unit)


def _session_still_open(s: Session, session_id: int) -> bool:
    """Inside the start transaction, and locked so that a concurrent 结束考场 waits or is seen.

    PostgreSQL: a shared row lock (starts run side by side; a close waits for them). SQLite:
    a no-op write first, so the transaction holds the write lock before it reads anything
    (a deferred transaction that read first could not upgrade after another PC's commit).
    """
    if s.get_bind().dialect.name == "sqlite":
        stmt = update(ExamSession).where(ExamSession.id == session_id, ExamSession.closed_at.is_(None)).values(closed_at=None)
        return s.execute(stmt).rowcount == 1
    stmt = select(ExamSession.closed_at).where(ExamSession.id == session_id).with_for_update(read=True)
    return s.execute(stmt).one()[0] is None


def new_token() -> str:
    return secrets.token_hex(16)


_st = ExamSession.__table__
_LOCK_SQLITE = update(_st).where(_st.c.id == bindparam("b_session"), _st.c.closed_at.is_(None)).values(closed_at=None).returning(_st.c.ends_at)
_LOCK_SHARED = select(_st.c.closed_at, _st.c.ends_at).where(_st.c.id == bindparam("b_session")).with_for_update(read=True)


def _lock_open_session(conn: Connection, session_id: int) -> tuple[bool, datetime | None]:
    """`_session_still_open`, and the session's 统一收卷 time read under the same lock (one statement)."""
    if conn.dialect.name == "sqlite":  # sqlite3's own cursor, in the same transaction (store.sqlite_text)
        sql, slots = _LOCK_SQLITE_SQL
        row = driver(conn).execute(sql, plan_params(slots, b_session=session_id)).fetchone()
        return row is not None, _read_time(row[0]) if row is not None else None
    row = conn.execute(_LOCK_SHARED, {"b_session": session_id}).one()
    return row[0] is None, row[1]


_EXAM_OF_SESSION = select(_st.c.exam_id, Exam.__table__.c.definition).join(Exam.__table__, _st.c.exam_id == Exam.__table__.c.id).where(_st.c.id == bindparam("b_session"))
# exam id -> (its stored definition: the dict, or on SQLite the column's text, parsed, parsed.to_dict()):
# a start compares the stored one, decodes and parses only a change
_exams: dict[int, tuple[dict[str, Any] | str, ExamDefinition, dict[str, Any]]] = {}


def _exam_of_session(s: Session, session_id: int) -> tuple[int, ExamDefinition, dict[str, Any]]:
    conn = s.connection()
    if conn.dialect.name == "sqlite":  # the definition's text: equal text, the same definition, nothing decoded
        sql, slots = _EXAM_OF_SESSION_SQL
        row = driver(conn).execute(sql, plan_params(slots, b_session=session_id)).fetchone()
    else:
        row = conn.execute(_EXAM_OF_SESSION, {"b_session": session_id}).one_or_none()
    if row is None:
        raise BaiwenError("考场不存在", "no such session")
    exam_id, stored = row
    hit = _exams.get(exam_id)
    if hit is None or hit[0] != stored:
        exam = parse_exam(json_codec.loads(stored) if isinstance(stored, str) else stored, "exam")
        hit = _exams[exam_id] = (stored, exam, exam.to_dict())
    return exam_id, hit[1], hit[2]


# The start's statements, built once (a statement built per call costs more than running it)
_at, _ct = Attempt.__table__, Candidate.__table__
_CARD_AND_COUNTS = select(
    _ct.c.id, _ct.c.employee_no, _ct.c.name, _ct.c.unit,
    select(func.count()).select_from(_at).where(_at.c.exam_id == bindparam("b_exam"), _at.c.candidate_id == _ct.c.id).scalar_subquery(),
    select(func.count()).select_from(_at)
    .where(_at.c.exam_id == bindparam("b_exam"), _at.c.candidate_id == _ct.c.id, _at.c.status.in_([literal_column(f"'{f}'") for f in FINISHED])).scalar_subquery(),
).where(_ct.c.id == bindparam("b_candidate"))
_NEW_ATTEMPT = insert(_at)
# a new paper's empty answer rows, 0 … b_count-1, in one statement (no per-row parameters to convert)
_positions = select(literal(0, Integer).label("i")).cte("positions", recursive=True)
_positions = _positions.union_all(select((_positions.c.i + 1).label("i")).where(_positions.c.i + 1 < bindparam("b_count", type_=Integer)))


def _new_answers(comment: bool = False) -> Any:
    """`comment`: the column's default ('') given as b_comment, not left to SQLAlchemy (sqlite3's cursor)."""
    extra = [bindparam("b_comment", type_=Answer.__table__.c.comment.type)] if comment else []
    return insert(Answer.__table__).from_select(
        ["attempt_id", "position", "response", "marked", "saved_at", *(["comment"] if comment else [])],
        select(
            bindparam("b_attempt", type_=Integer), _positions.c.i, bindparam("b_response", type_=Answer.__table__.c.response.type),
            bindparam("b_marked", type_=Boolean), bindparam("b_now", type_=Answer.__table__.c.saved_at.type), *extra,
        ).where(_positions.c.i < bindparam("b_count", type_=Integer)),  # and none for an empty paper
    )


_NEW_ANSWERS = _new_answers()
_NEW_EVENT = insert(AuditEvent.__table__)

# On SQLite the start's statements but the attempt insert run on sqlite3's own cursor, in the session's
# transaction (SQLAlchemy's per-statement work costs about what SQLite's does here), with the values
# converted as SQLAlchemy's types would (store.sqlite_text; the session's end time read back: _read_time).
_read_time = _st.c.ends_at.type.dialect_impl(DIALECT).result_processor(DIALECT, None)


_LOCK_SQLITE_SQL = sqlite_plan(_LOCK_SQLITE.values(closed_at=null()))  # SET closed_at = NULL where it is NULL: the write lock, taken first
_EXAM_OF_SESSION_SQL = sqlite_plan(_EXAM_OF_SESSION)
_CARD_AND_COUNTS_SQL = sqlite_plan(_CARD_AND_COUNTS)
_NEW_ANSWERS_SQL = sqlite_plan(_new_answers(comment=True))
_EVENT_COLUMNS = ("at", "actor", "event", "candidate_id", "exam_id", "attempt_id", "station", "detail", "origin_station_id")
_NEW_EVENT_SQL = sqlite_plan(_NEW_EVENT.values({c: bindparam(f"b_{c}", type_=AuditEvent.__table__.c[c].type) for c in _EVENT_COLUMNS}))


def _start_locked(
    s: Session, exam_id: int, exam: ExamDefinition, definition: dict[str, Any], pool: DrawPool, version: str, session_id: int, candidate_id: int,
    station: StationIdentity,
) -> tuple[tuple[Any, ...], Paper, int, str, datetime]:
    """The start's writes, in the caller's transaction with the session locked: (candidate card, paper, attempt id, lease, now)."""
    conn = s.connection()
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        sql, slots = _CARD_AND_COUNTS_SQL
        got = driver(conn).execute(sql, plan_params(slots, b_exam=exam_id, b_candidate=candidate_id)).fetchone()
        if got is None:
            raise NoResultFound("No row was found when one was required")  # what .one() raises
    else:
        got = conn.execute(_CARD_AND_COUNTS, {"b_candidate": candidate_id, "b_exam": exam_id}).one()
    card, previous, finished = tuple(got[:4]), got[4] or 0, got[5] or 0
    employee_no = card[1]
    key = f"exam-{exam_id}"
    picks = draw_questions(exam, pool, key, employee_no, seed=previous)
    wanted = [q.id for part in picks for q in part]
    full, digests = banks.drawn_with_digests(s, exam.bank, version, wanted)
    if len(full) != len(wanted):  # a writer changed the bank without a new content_hash
        banks.forget_cached()
        pool, version = banks.rule_pool(s, exam.bank, exam.parts)
        picks = draw_questions(exam, pool, key, employee_no, seed=previous)
        full, digests = banks.drawn_with_digests(s, exam.bank, version, [q.id for part in picks for q in part])
    paper = assemble_paper(exam, picks, key, employee_no, seed=previous, full=full, relaxations=False)  # not stored, not returned
    now = db_now(conn)
    token = new_token()
    frozen = frozen_papers.freeze_drawn(s, paper, digests)  # the bank rows' digests: no hashing
    values = dict(
        session_id=session_id,
        exam_id=exam_id,
        candidate_id=candidate_id,
        station=station.name,
        station_id=station.id,
        lease_token=token,
        status=LIVE,
        exam_definition=definition,
        seed=previous,
        started_at=now,
        heartbeat_at=now,
        limit_ms=exam.duration_minutes * 60_000,
        counted_ms=0,
        total=paper.total,
        pass_mark=exam.pass_mark,
    )
    attempt_id = conn.execute(_NEW_ATTEMPT, values).inserted_primary_key[0]
    frozen_papers.put(s, attempt_id, frozen)
    # a 补考 uses up its grant, in this transaction
    retakes.claim(s, exam_id, candidate_id, attempt_id, exam.allow_retake, finished=finished)
    event = {  # what audit.record writes, without an ORM object
        "at": now, "actor": employee_no, "event": "start", "candidate_id": candidate_id, "exam_id": exam_id, "attempt_id": attempt_id,
        "station": station.name, "detail": f"{len(paper.items)} 题",
    }
    if sqlite:
        raw = driver(conn)
        sql, slots = _NEW_ANSWERS_SQL
        raw.execute(sql, plan_params(slots, b_count=len(paper.items), b_attempt=attempt_id, b_response=None, b_marked=False, b_now=now, b_comment=""))
        sql, slots = _NEW_EVENT_SQL
        raw.execute(sql, plan_params(slots, **{f"b_{c}": event.get(c, "") for c in _EVENT_COLUMNS}))  # origin_station_id: its default
    else:
        conn.execute(_NEW_ANSWERS, {"b_count": len(paper.items), "b_attempt": attempt_id, "b_response": None, "b_marked": False, "b_now": now})
        conn.execute(_NEW_EVENT, event)
    return card, paper, attempt_id, token, now


def start_attempt(store: Store, session_id: int, candidate_id: int, station: StationIdentity | str) -> AttemptState:
    """Draw and freeze the paper; create one answer row per question, all in one transaction.

    The database refuses a second live attempt for the same candidate and exam (a partial
    unique index) and the transaction refuses a session that is closed by the time it runs.
    The draw reads a pool cached per bank version (banks.rule_pool) and loads only the drawn
    questions whole, in one query. Core statements, as few as the checks allow: a start runs
    once per candidate, and on a station PC it is what the candidate waits for.
    """
    station = as_identity(store, station)
    built: tuple[str, DrawPool] | None = None  # a pool built outside the lock, and the bank version it is of
    try:
        for tries in range(3):
            with store.session() as s, s.begin():
                conn = s.connection()  # Core, not ORM objects: this runs once per candidate at the start of an exam
                still_open, ends_at = _lock_open_session(conn, session_id)
                if not still_open:
                    raise BaiwenError("本场考试已结束，请联系监考老师", "this exam session is closed")
                exam_id, exam, definition = _exam_of_session(s, session_id)
                pool, version = banks.cached_rule_pool(s, exam.bank, exam.parts)  # light: only what the rules can draw
                if pool is None and built is not None and built[0] == version:
                    pool = built[1]
                if pool is None and tries == 2:  # the bank changed each time meanwhile: build it here after all
                    pool, version = banks.rule_pool(s, exam.bank, exam.parts)
                if pool is not None:
                    card, paper, attempt_id, token, now = _start_locked(s, exam_id, exam, definition, pool, version, session_id, candidate_id, station)
                    break
                s.rollback()  # a pool is built without the session locked (a PC's first start: the bank is read), then again
            with store.session() as s:
                pool, version = banks.rule_pool(s, exam.bank, exam.parts)
                built = (version, pool)
    except IntegrityError as e:
        if "ux_attempt_one_live" in str(e.orig) or "attempt.candidate_id, attempt.exam_id" in str(e.orig):
            raise BaiwenError("您有一场未完成的考试，请联系监考老师恢复", "you have an unfinished attempt; ask the invigilator to resume it") from None
        raise
    # what load_attempt would read back, from what was just committed
    n = len(paper.items)
    return AttemptState(
        attempt_id=attempt_id,
        session_id=session_id,
        candidate=CandidateCard(*card),
        exam=exam,
        paper=paper,
        responses=[None] * n,
        marked=[False] * n,
        limit_ms=exam.duration_minutes * 60_000,
        counted_ms=0,
        current_index=0,
        focus_losses=0,
        status=LIVE,
        ends_at=ends_at,
        lease_token=token,
        station=station.name,
        server_now=now,
    )


def load_attempt(store: Store, attempt_id: int) -> AttemptState:
    with store.session() as s:
        a = lookup.attempt(s, attempt_id)
        ends_at = a.session_id and s.scalar(select(ExamSession.ends_at).where(ExamSession.id == a.session_id))
        answers = sorted(a.answers, key=lambda x: x.position)
        return AttemptState(
            attempt_id=a.id,
            session_id=a.session_id,
            candidate=CandidateCard(a.candidate.id, a.candidate.employee_no, a.candidate.name, a.candidate.unit),
            exam=parse_exam(a.exam_definition, "attempt"),
            paper=frozen_papers.thaw_attempt(s, a.id),
            responses=[x.response for x in answers],
            marked=[x.marked for x in answers],
            limit_ms=a.limit_ms,
            counted_ms=a.counted_ms,
            current_index=a.current_index,
            focus_losses=a.focus_losses,
            status=a.status,
            ends_at=ends_at or None,
            lease_token=a.lease_token,
            station=a.station,
            server_now=db_now(s),
        )


def _refusal(conn: Connection | Session, attempt_id: int, token: str) -> BaiwenError:
    """Why a compare-and-set on the lease found no row: finished, or held by another PC."""
    row = conn.execute(select(Attempt.status, Attempt.lease_token, Attempt.station).where(Attempt.id == attempt_id)).one_or_none()
    if row is None:
        return BaiwenError("考试记录不存在", "no such attempt")
    if row.lease_token != token:
        return LeaseLost(row.station)
    return AttemptClosed()


def _claim(conn: Connection, attempt_id: int, token: str, **values: Any) -> None:
    """The compare-and-set every station write starts with: this PC still holds the live attempt.

    An UPDATE ... WHERE lease_token = :t, in the caller's transaction. The row lock it takes
    orders it against a move to another PC: whichever commits second sees the other. With no
    `values` it sets the token to itself (an answer save leaves the heartbeat alone: see _CLAIM).
    """
    stmt = update(Attempt).where(Attempt.id == attempt_id, Attempt.lease_token == token, Attempt.status == LIVE).values(**(values or {"lease_token": Attempt.lease_token}))
    if conn.execute(stmt).rowcount != 1:
        raise _refusal(conn, attempt_id, token)


def _refused(store: Store, attempt_id: int, token: str, error: BaiwenError, station: str, what: str) -> BaiwenError:
    """Audit (once per lost lease) a write the old holder sent after its attempt moved away."""
    if not isinstance(error, LeaseLost):
        return error
    mark = f"租约 {token[:8]}"
    with store.session() as s, s.begin():
        seen = s.scalar(select(AuditEvent.id).where(AuditEvent.attempt_id == attempt_id, AuditEvent.event == "lease_refused", AuditEvent.detail.like(f"%{mark}%")).limit(1))
        if seen is None:
            a = lookup.attempt(s, attempt_id)
            audit.record(
                s, "lease_refused", a.candidate.employee_no, candidate_id=a.candidate_id, exam_id=a.exam_id, attempt_id=a.id,
                station=station, detail=f"考试已转到“{error.holder}”，拒绝本机的{what}（{mark}），未保存",
            )
    return error


# The save's two statements, compiled once (store.hot runs them on its long-lived connection).
# The claim leaves heartbeat_at alone: heartbeat_at is when counted_ms was last reported, and a
# forced finish counts on from there (_counted_at); a save moving it would drop up to a beat.
_CLAIM = (
    update(Attempt)
    .where(Attempt.id == bindparam("b_attempt"), Attempt.lease_token == bindparam("b_token"), Attempt.status == LIVE)
    .values(lease_token=Attempt.lease_token)
)
_ANSWER = (
    update(Answer)
    .where(Answer.attempt_id == bindparam("b_attempt"), Answer.position == bindparam("b_position"))
    .values(response=bindparam("b_response"), marked=bindparam("b_marked"), saved_at=bindparam("b_now"))
)


class _NotClaimed(Exception):
    """The lease compare-and-set found no row: the transaction is rolled back, then we ask why."""


def save_answer(store: Store, attempt_id: int, position: int, response: Response, marked: bool, *, token: str, station: str = "") -> datetime:
    """One committed transaction per change; only after it returns may the UI say 已保存.

    Refused (nothing stored) unless this station still holds the attempt's lease: the claim
    (_claim's compare-and-set) and the answer's UPDATE are one transaction.
    """
    try:
        if store.hot is not None:  # SQLite file: the same two statements on the long-lived connection
            now = datetime.now()  # db_now on SQLite: the database is on this PC
            try:
                with store.hot.transaction() as run:
                    if run(_CLAIM, b_attempt=attempt_id, b_token=token) != 1:
                        raise _NotClaimed
                    if run(_ANSWER, b_attempt=attempt_id, b_position=position, b_response=response, b_marked=marked, b_now=now) != 1:
                        raise BaiwenError("题号不存在", "no such question in this paper")
            except _NotClaimed:
                with store.engine.connect() as conn:
                    raise _refusal(conn, attempt_id, token) from None
        else:
            with store.engine.begin() as conn:  # Core, not the ORM
                now = db_now(conn)
                _claim(conn, attempt_id, token)
                if conn.execute(_ANSWER, {"b_attempt": attempt_id, "b_position": position, "b_response": response, "b_marked": marked, "b_now": now}).rowcount != 1:
                    raise BaiwenError("题号不存在", "no such question in this paper")
    except (LeaseLost, AttemptClosed) as e:
        raise _refused(store, attempt_id, token, e, station, f"第 {position + 1} 题答案") from None
    return now


def _deadline_passed(a: Attempt, ends_at: datetime | None, counted_ms: int, now: datetime) -> bool:
    return counted_ms >= a.limit_ms or (ends_at is not None and now >= ends_at)


def heartbeat(
    store: Store,
    attempt_id: int,
    counted_ms: int,
    current_index: int,
    *,
    token: str,
    answered: int | None = None,
    station_clock: datetime | None = None,
    station: str = "",
) -> Beat:
    """The station's report every few seconds, and its poll: has a trainer finished or moved it?

    Also the server's deadline check: past the time limit or the session's 统一收卷 (by the
    server's clock) the paper is submitted here, whatever the station's clock says.
    """
    values: dict[str, Any] = {"counted_ms": counted_ms, "current_index": current_index}  # + heartbeat_at below
    if answered is not None:
        values["answered_count"] = answered
    try:
        with store.engine.begin() as conn:
            now = db_now(conn)
            if station_clock is not None and conn.dialect.name != "sqlite":
                values["clock_offset_ms"] = round((station_clock - now).total_seconds() * 1000)
            _claim(conn, attempt_id, token, heartbeat_at=now, **values)
    except LeaseLost as e:
        _refused(store, attempt_id, token, e, station, "心跳")
        return Beat("moved", db_now_of(store), counted_ms, e.holder)
    except AttemptClosed:
        pass
    else:
        due = _due(store, attempt_id, now)
        if due is not None:
            submit(store, attempt_id, "auto_submitted", due, token=token)
    with store.session() as s:
        a = lookup.attempt(s, attempt_id)
        return Beat(a.status, db_now(s), a.counted_ms, a.station, a.submit_reason)


def db_now_of(store: Store) -> datetime:
    """The database's clock, for callers outside a transaction (the station's clock offset)."""
    with store.engine.connect() as conn:
        return db_now(conn)


def _due(store: Store, attempt_id: int, now: datetime) -> str | None:
    """The reason a live attempt must end now by the server's clock, or None."""
    with store.session() as s:
        row = s.execute(
            select(Attempt.counted_ms, Attempt.limit_ms, ExamSession.ends_at)
            .outerjoin(ExamSession, Attempt.session_id == ExamSession.id)
            .where(Attempt.id == attempt_id, Attempt.status == LIVE)
        ).one_or_none()
    if row is None:
        return None
    if row.ends_at is not None and now >= row.ends_at:
        return SESSION_END
    return TIME_UP if row.counted_ms >= row.limit_ms else None


def record_focus_loss(store: Store, attempt_id: int, station: str = "", *, token: str | None = None) -> int:
    """Count one 离开考试窗口; 0 when the attempt is no longer live (or no longer this PC's)."""
    with store.session() as s, s.begin():
        a = s.get(Attempt, attempt_id)
        if a is None or a.status != LIVE or (token is not None and a.lease_token != token):
            return 0
        a.focus_losses += 1
        audit.record(s, "focus_lost", a.candidate.employee_no, candidate_id=a.candidate_id, exam_id=a.exam_id, attempt_id=a.id, station=station, detail=f"第 {a.focus_losses} 次")
        return a.focus_losses


def grade_attempt(s: Session | None, a: Attempt, *, exam: ExamDefinition | None = None, paper: Paper | None = None) -> None:
    """(Re)grade every item of an attempt from its frozen paper; keep trainers' final scores.

    `exam` and `paper` may be passed already parsed from the attempt's own definition and paper
    (a merge at HQ grades thousands of attempts sharing one exam and the same questions)."""
    exam = exam or parse_exam(a.exam_definition, "attempt")
    if paper is None:
        assert s is not None, "grade_attempt without a session needs the parsed paper"
        paper = frozen_papers.thaw_attempt(s, a.id)
    answers = sorted(a.answers, key=lambda x: x.position)
    got = settle([paper.items[x.position] for x in answers], [x.response for x in answers], [x.final_points for x in answers], exam.multi_policy, exam.partial_fraction)
    for ans, auto, final in zip(answers, got.auto, got.final, strict=True):
        ans.auto_points = auto
        ans.final_points = final
    a.score = got.score
    a.pending_review = got.pending
    a.passed = None if got.pending else passes(got.score, a.pass_mark)


def _counted_at(a: Attempt, now: datetime, ends_at: datetime | None) -> int:
    """The counted time at `now` for a paper finished by someone else: a holder still reporting
    was counting since its last report; one that stopped (失联, crashed) was not."""
    counted = a.counted_ms
    if a.heartbeat_at is not None and now - a.heartbeat_at <= timedelta(seconds=ALIVE_SECONDS):
        counted += max(0, round((now - a.heartbeat_at).total_seconds() * 1000))
    if ends_at is not None and now >= ends_at:
        counted = max(a.counted_ms, counted - round((now - ends_at).total_seconds() * 1000))
    return min(a.limit_ms, counted)


def finish_locked(s: Session, a: Attempt, mode: str, reason: str, actor: str | None, now: datetime, counted_ms: int | None = None) -> None:
    """Finish and grade a live attempt inside the caller's transaction (the row is locked)."""
    ends_at = s.scalar(select(ExamSession.ends_at).where(ExamSession.id == a.session_id)) if a.session_id else None
    a.status = mode
    a.submit_reason = reason
    a.submitted_at = min(now, ends_at) if ends_at is not None and reason == SESSION_END else now
    if counted_ms is not None:
        a.counted_ms = min(a.limit_ms, max(a.counted_ms, counted_ms))
    else:
        a.counted_ms = _counted_at(a, now, ends_at)
    grade_attempt(s, a)
    event = {"submitted": "submit", "auto_submitted": "auto_submit", "forced": "force_submit"}[mode]
    audit.record(s, event, actor or a.candidate.employee_no, candidate_id=a.candidate_id, exam_id=a.exam_id, attempt_id=a.id, station=a.station, detail=f"{reason} 得分 {a.score}".strip())


def submit(
    store: Store,
    attempt_id: int,
    mode: str = "submitted",
    reason: str = "",
    actor: str | None = None,
    counted_ms: int | None = None,
    *,
    token: str | None = None,
) -> SubmitResult:
    """Finish an attempt and grade it. `mode` is submitted, auto_submitted or forced.

    A station sends its lease `token` (refused if the attempt moved away); a trainer's
    强制交卷 sends none. Submitting a finished attempt again only returns its result.
    """
    assert mode in FINISHED
    with store.session() as s, s.begin():
        a = s.scalar(select(Attempt).where(Attempt.id == attempt_id).with_for_update())
        if a is None:
            raise BaiwenError("考试记录不存在", "no such attempt")
        if token is not None and a.lease_token != token:
            error: BaiwenError | None = LeaseLost(a.station)
        else:
            error = None
            if a.status == LIVE:
                finish_locked(s, a, mode, reason, actor, db_now(s), counted_ms)
    if error is not None:
        raise _refused(store, attempt_id, token or "", error, "", "交卷")
    return result_of(store, attempt_id)


def result_of(store: Store, attempt_id: int) -> SubmitResult:
    with store.session() as s:
        a = lookup.attempt(s, attempt_id)
        paper = frozen_papers.thaw_attempt(s, a.id)
        by: dict[str, list[Any]] = {}
        for ans in a.answers:
            item = paper.items[ans.position]
            row = by.setdefault(item.question.qtype.value, [0, 0, Decimal(0), Decimal(0)])
            pts = ans.final_points if ans.final_points is not None else (ans.auto_points or Decimal(0))
            row[0] += 1
            row[1] += int(pts == item.score)
            row[2] += pts
            row[3] += item.score
        return SubmitResult(
            a.id,
            a.status,
            a.score or Decimal(0),
            a.total,
            a.pass_mark,
            a.passed,
            a.pending_review,
            [TypeScore(t, *v) for t, v in by.items()],
            a.submit_reason,
        )
