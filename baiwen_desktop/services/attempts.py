"""Attempts: login, start (paper frozen), durable answer saves, heartbeat, submit, resume."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import ExamDefinition, parse_exam
from baiwen_desktop.core.grading import Response, grade_item
from baiwen_desktop.core.numbers import passes
from baiwen_desktop.core.paper import Paper, generate_paper
from baiwen_desktop.core.question import QType
from baiwen_desktop.services import accounts, audit, banks, lookup, resume_codes, retakes, roster
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Answer, Attempt, Candidate, ExamSession

FINISHED = ("submitted", "auto_submitted", "forced")


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


def start_attempt(store: Store, session_id: int, candidate_id: int, station: str) -> AttemptState:
    """Draw and freeze the paper; create one answer row per question, all in one transaction."""
    with store.session() as s:
        sess = lookup.exam_session(s, session_id)
        exam = parse_exam(sess.exam.definition, "exam")
        exam_id = sess.exam_id
    questions = banks.bank_questions(store, exam.bank)
    with store.session() as s, s.begin():
        previous = s.scalar(select(func.count()).select_from(Attempt).where(Attempt.exam_id == exam_id, Attempt.candidate_id == candidate_id)) or 0
        cand = s.get(Candidate, candidate_id)
        assert cand is not None
        paper = generate_paper(exam, questions, f"exam-{exam_id}", cand.employee_no, seed=previous)
        now = datetime.now()
        a = Attempt(
            session_id=session_id,
            exam_id=exam_id,
            candidate_id=candidate_id,
            station=station,
            status="in_progress",
            exam_definition=exam.to_dict(),
            paper=paper.to_dict(),
            seed=previous,
            started_at=now,
            heartbeat_at=now,
            limit_ms=exam.duration_minutes * 60_000,
            counted_ms=0,
            total=paper.total,
            pass_mark=exam.pass_mark,
        )
        s.add(a)
        s.flush()
        retakes.claim(s, exam_id, candidate_id, a.id, exam.allow_retake)  # a 补考 uses up its grant, in this transaction
        s.add_all(Answer(attempt_id=a.id, position=i, response=None, saved_at=now) for i in range(len(paper.items)))
        audit.record(s, "start", cand.employee_no, candidate_id=candidate_id, exam_id=exam_id, attempt_id=a.id, station=station, detail=f"{len(paper.items)} 题")
        attempt_id = a.id
    return load_attempt(store, attempt_id)


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
            paper=Paper.from_dict(a.paper),
            responses=[x.response for x in answers],
            marked=[x.marked for x in answers],
            limit_ms=a.limit_ms,
            counted_ms=a.counted_ms,
            current_index=a.current_index,
            focus_losses=a.focus_losses,
            status=a.status,
            ends_at=ends_at or None,
        )


def save_answer(store: Store, attempt_id: int, position: int, response: Response, marked: bool) -> datetime:
    """One committed transaction per change; only after it returns may the UI say 已保存."""
    now = datetime.now()
    in_progress = select(Attempt.id).where(Attempt.id == attempt_id, Attempt.status == "in_progress").exists()
    stmt = (
        update(Answer)
        .where(Answer.attempt_id == attempt_id, Answer.position == position, in_progress)
        .values(response=response, marked=marked, saved_at=now)
    )
    with store.engine.begin() as conn:  # Core, not the ORM: this is the hot path
        if conn.execute(stmt).rowcount != 1:
            raise BaiwenError("答卷已提交，无法再保存", "the paper is already submitted")
    return now


def heartbeat(store: Store, attempt_id: int, counted_ms: int, current_index: int) -> None:
    with store.session() as s, s.begin():
        s.execute(
            update(Attempt)
            .where(Attempt.id == attempt_id, Attempt.status == "in_progress")
            .values(counted_ms=counted_ms, current_index=current_index, heartbeat_at=datetime.now())
        )


def record_focus_loss(store: Store, attempt_id: int, station: str = "") -> int:
    with store.session() as s, s.begin():
        a = s.get(Attempt, attempt_id)
        if a is None or a.status != "in_progress":
            return 0
        a.focus_losses += 1
        audit.record(s, "focus_lost", a.candidate.employee_no, candidate_id=a.candidate_id, exam_id=a.exam_id, attempt_id=a.id, station=station, detail=f"第 {a.focus_losses} 次")
        return a.focus_losses


def grade_attempt(s: Session, a: Attempt) -> None:
    """(Re)grade every item of an attempt from its frozen paper; keep trainers' final scores."""
    exam = parse_exam(a.exam_definition, "attempt")
    paper = Paper.from_dict(a.paper)
    pending = False
    score = Decimal(0)
    for ans in a.answers:
        item = paper.items[ans.position]
        g = grade_item(item, ans.response, exam.multi_policy, exam.partial_fraction)
        ans.auto_points = g.points
        if item.question.qtype is QType.SHORT:
            if not g.answered:
                ans.final_points = Decimal("0.00")
            elif ans.final_points is None:
                pending = True
        else:
            ans.final_points = g.points
        score += ans.final_points if ans.final_points is not None else g.points
    a.score = score
    a.pending_review = pending
    a.passed = None if pending else passes(score, a.pass_mark)


def submit(store: Store, attempt_id: int, mode: str = "submitted", reason: str = "", actor: str | None = None, counted_ms: int | None = None) -> SubmitResult:
    """Finish an attempt and grade it. `mode` is submitted, auto_submitted or forced."""
    assert mode in FINISHED
    with store.session() as s, s.begin():
        a = lookup.attempt(s, attempt_id)
        if a.status == "in_progress":
            a.status = mode
            a.submit_reason = reason
            a.submitted_at = datetime.now()
            if counted_ms is not None:
                a.counted_ms = max(a.counted_ms, counted_ms)
            grade_attempt(s, a)
            event = {"submitted": "submit", "auto_submitted": "auto_submit", "forced": "force_submit"}[mode]
            audit.record(s, event, actor or a.candidate.employee_no, candidate_id=a.candidate_id, exam_id=a.exam_id, attempt_id=a.id, station=a.station, detail=f"{reason} 得分 {a.score}".strip())
    return result_of(store, attempt_id)


def result_of(store: Store, attempt_id: int) -> SubmitResult:
    with store.session() as s:
        a = lookup.attempt(s, attempt_id)
        paper = Paper.from_dict(a.paper)
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


def unfinished_attempts(store: Store, station: str) -> list[tuple[int, str, str]]:
    """In-progress attempts started on this station: (attempt id, 工号, 姓名)."""
    with store.session() as s:
        rows = s.execute(
            select(Attempt.id, Candidate.employee_no, Candidate.name)
            .join(Candidate, Attempt.candidate_id == Candidate.id)
            .where(Attempt.status == "in_progress", Attempt.station == station)
            .order_by(Attempt.id)
        )
        return [(r[0], r[1], r[2]) for r in rows]


def issue_resume_code(store: Store, attempt_id: int, actor: str, now: datetime | None = None) -> str:
    """A one-time 6-digit code a trainer reads from the console (valid 30 minutes)."""
    with store.session() as s, s.begin():
        a = s.get(Attempt, attempt_id)
        if a is None or a.status != "in_progress":
            raise BaiwenError("只有未完成的考试才能发放恢复码", "only an unfinished attempt can be resumed")
        return resume_codes.issue(s, a, actor, now or datetime.now())


def authorise_resume(
    store: Store, attempt_id: int, secret: str, station: str = "", username: str = "", now: datetime | None = None
) -> AttemptState:
    """Resume needs a named trainer's password (the account's lockout applies) or the one-time code.

    A wrong code is counted and committed before the refusal is raised.
    """
    secret, username = secret.strip(), username.strip()
    now = now or datetime.now()
    if username:
        trainer = accounts.authenticate(store, username, secret, station, now, purpose="授权恢复考试")
        by = f"管理员 {trainer.username}"
    elif not (len(secret) == resume_codes.DIGITS and secret.isdigit()):
        raise BaiwenError("请输入 6 位恢复码，或填写监考老师的账号和密码", "enter the 6-digit resume code, or a trainer's account and password")
    failure: BaiwenError | None = None
    with store.session() as s, s.begin():
        a = s.get(Attempt, attempt_id)
        if a is None or a.status != "in_progress":
            raise BaiwenError("该考试已结束，无法恢复", "the attempt is finished")
        if not username:
            by = "恢复码"
            failure = resume_codes.check(s, a, secret, station, now)
        if failure is None:
            audit.record(s, "resume", a.candidate.employee_no, candidate_id=a.candidate_id, exam_id=a.exam_id, attempt_id=a.id, station=station, detail=f"经{by}授权，已用时 {a.counted_ms // 1000} 秒")
    if failure is not None:
        raise failure
    return load_attempt(store, attempt_id)
