"""Practice: trainee login, the question list of each mode, durable answers, cards, progress,
the trainer's per-station switch and the class view. Never touches attempts, results or certificates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import Integer, case, cast, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from baiwen_desktop.core import practice as rules
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import ExamDefinition, parse_exam
from baiwen_desktop.core.grading import Response
from baiwen_desktop.core.paper import Paper, generate_paper
from baiwen_desktop.core.practice import CardState, Focus, Mode, Tally
from baiwen_desktop.core.question import Question
from baiwen_desktop.core.source_text import SourceItem, parse_source
from baiwen_desktop.resources import resources_dir
from baiwen_desktop.services import audit, banks, roster
from baiwen_desktop.services.attempts import CandidateCard, db_now_of
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import (
    Attempt,
    Candidate,
    Exam,
    PracticeAnswer,
    PracticeCard,
    PracticeStation,
)

BANK = banks.BUNDLED_NAME


# ---------- the source text ----------
def source_path() -> Path:
    return resources_dir() / "source" / "baiwen_2009.txt"


@cache
def source_items() -> dict[str, SourceItem]:
    """第四篇, one passage per item, bundled with the app."""
    return parse_source(source_path().read_text(encoding="utf-8"))


# ---------- the station switch ----------
def practice_enabled(store: Store, station: str) -> bool:
    with store.session() as s:
        row = s.get(PracticeStation, station or "")
        return True if row is None else row.enabled


def set_practice_enabled(store: Store, station: str, enabled: bool, actor: str) -> None:
    with store.session() as s, s.begin():
        row = s.get(PracticeStation, station or "")
        if row is None:
            s.add(PracticeStation(station=station or "", enabled=enabled, changed_at=db_now(s), changed_by=actor))
        else:
            row.enabled, row.changed_at, row.changed_by = enabled, db_now(s), actor
        audit.record(s, "settings", actor, station=station, detail=f"练习{'开启' if enabled else '关闭'}")


def station_switches(store: Store) -> dict[str, bool]:
    with store.session() as s:
        return {r.station: r.enabled for r in s.scalars(select(PracticeStation))}


# ---------- login ----------
def login(store: Store, station: str, employee_no: str, name: str) -> CandidateCard:
    """工号 + 姓名 against the whole roster; no session needed. Refused during one's exam."""
    employee_no, name = employee_no.strip(), name.strip()
    if not employee_no or not name:
        raise BaiwenError("请填写工号和姓名", "enter your employee number and name")
    if not practice_enabled(store, station):
        raise BaiwenError("本机的练习功能已被培训老师关闭", "practice is turned off on this station")
    with store.session() as s:
        c = roster.match_login(s, employee_no, name)  # the station login's own comparison
        if c is None:
            raise BaiwenError("工号与姓名不在学员名单中，请核对后重新输入，或联系培训老师", "not on the roster")
        busy = s.scalar(select(func.count()).select_from(Attempt).where(Attempt.candidate_id == c.id, Attempt.status == "in_progress"))
        if busy:
            raise BaiwenError("您有一场正在进行的考试，考试结束前不能练习", "you have an exam in progress")
        return CandidateCard(c.id, c.employee_no, c.name, c.unit)


# ---------- questions of each mode ----------
@dataclass(frozen=True)
class Request:
    mode: Mode
    focus: Focus = field(default_factory=Focus)
    start: str | None = None  # 顺序练习 from this item
    seed: int = 0
    limit: int = 0  # 0 = all


def bank_questions(store: Store, bank: str = BANK) -> list[Question]:
    return banks.bank_questions(store, bank)


def _cards(s: Session, candidate_id: int, bank: str) -> list[PracticeCard]:
    return list(s.scalars(select(PracticeCard).where(PracticeCard.candidate_id == candidate_id, PracticeCard.bank == bank)))


def questions_for(store: Store, candidate_id: int, req: Request, now: datetime | None = None, bank: str = BANK) -> list[Question]:
    now = now or db_now_of(store)
    qs = bank_questions(store, bank)
    with store.session() as s:
        cards = _cards(s, candidate_id, bank)
    if req.mode is Mode.ORDER:
        out = rules.order_from(qs, {c.qid for c in cards}, req.start)
    elif req.mode is Mode.RANDOM:
        out = rules.shuffled(qs, req.seed)
    elif req.mode is Mode.FOCUS:
        out = rules.focused(qs, req.focus)
    elif req.mode is Mode.WRONG:
        since = {c.qid: c.wrong_since or now for c in cards if c.in_wrong_book}
        out = sorted((q for q in qs if q.id in since), key=lambda q: (since[q.id], q.id))
    elif req.mode is Mode.REVIEW:
        out = rules.due_first(qs, {c.qid: c.due for c in cards}, now)
    else:
        raise BaiwenError("模拟考试请选择考试方案", "a mock exam needs an exam definition")
    return out[: req.limit] if req.limit else out


# ---------- answers ----------
def _state(c: PracticeCard) -> CardState:
    return CardState(c.fsrs, c.due, c.reps, c.lapses, c.in_wrong_book, c.right_in_row, c.wrong_since)


def record_answer(
    store: Store,
    candidate_id: int,
    q: Question,
    mode: Mode,
    response: Response,
    correct: bool,
    elapsed_ms: int,
    station: str = "",
    now: datetime | None = None,
    bank: str = BANK,
) -> CardState:
    """One committed transaction per answer: the answer row and the question's card together.
    Times are the database's clock (the server's, on PostgreSQL) unless `now` is given."""
    for attempt in range(3):
        try:
            with store.session() as s, s.begin():
                when = now or db_now(s)
                s.add(PracticeAnswer(
                    candidate_id=candidate_id, bank=bank, qid=q.id, source=q.source or "", section=q.section or "",
                    mode=mode.value, correct=correct, elapsed_ms=max(0, int(elapsed_ms)), response=response,
                    answered_at=when, station=station,
                ))
                card = s.scalar(select(PracticeCard).where(PracticeCard.candidate_id == candidate_id, PracticeCard.bank == bank, PracticeCard.qid == q.id))
                state = _state(card) if card is not None else rules.new_card(candidate_id * 100_000 + attempt, when)
                new = rules.apply_answer(state, q.qtype, correct, elapsed_ms, when)
                if card is None:
                    card = PracticeCard(candidate_id=candidate_id, bank=bank, qid=q.id)
                    s.add(card)
                card.fsrs, card.due, card.reps, card.lapses = new.fsrs, new.due, new.reps, new.lapses
                card.in_wrong_book, card.right_in_row, card.wrong_since, card.updated_at = new.in_wrong_book, new.right_in_row, new.wrong_since, when
            return new
        except IntegrityError:  # the same trainee answered it on another PC at the same moment
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def remove_from_wrong_book(store: Store, candidate_id: int, qid: str, bank: str = BANK) -> None:
    """「移出错题本」 by hand."""
    with store.session() as s, s.begin():
        s.execute(
            update(PracticeCard)
            .where(PracticeCard.candidate_id == candidate_id, PracticeCard.bank == bank, PracticeCard.qid == qid)
            .values(in_wrong_book=False, wrong_since=None)
        )


# ---------- progress ----------
@dataclass(frozen=True)
class Progress:
    answered: int
    right: int
    questions_seen: int
    bank_size: int
    streak: int
    due_today: int
    wrong_book: int
    today: int
    by_section: dict[str, Tally]
    by_item: dict[str, Tally]

    @property
    def accuracy(self) -> float | None:
        return self.right / self.answered if self.answered else None


def progress(store: Store, candidate_id: int, now: datetime | None = None, bank: str = BANK) -> Progress:
    now = now or db_now_of(store)
    horizon = rules.end_of_day(now)
    with store.session() as s:
        rows = s.execute(
            select(PracticeAnswer.source, PracticeAnswer.section, PracticeAnswer.correct, func.count())
            .where(PracticeAnswer.candidate_id == candidate_id, PracticeAnswer.bank == bank)
            .group_by(PracticeAnswer.source, PracticeAnswer.section, PracticeAnswer.correct)
        ).all()
        days = s.scalars(
            select(func.date(PracticeAnswer.answered_at)).where(PracticeAnswer.candidate_id == candidate_id).distinct()
        ).all()
        today = s.scalar(
            select(func.count()).select_from(PracticeAnswer)
            .where(PracticeAnswer.candidate_id == candidate_id, PracticeAnswer.answered_at >= datetime.combine(now.date(), datetime.min.time()))
        ) or 0
        card_rows = s.execute(
            select(func.count(), func.sum(case((PracticeCard.due <= horizon, 1), else_=0)), func.sum(cast(PracticeCard.in_wrong_book, Integer)))
            .where(PracticeCard.candidate_id == candidate_id, PracticeCard.bank == bank)
        ).one()
        bank_size = banks.get_bank_info(store, bank).question_count
    by_section: dict[str, Tally] = defaultdict(Tally)
    by_item: dict[str, Tally] = defaultdict(Tally)
    answered = right = 0
    for source, section, correct, n in rows:
        answered += n
        right += n if correct else 0
        for d, k in ((by_section, section), (by_item, source)):
            t = d[k]
            d[k] = Tally(t.answered + n, t.right + (n if correct else 0))
    day_set = {_as_date(d) for d in days}
    return Progress(
        answered, right, int(card_rows[0] or 0), bank_size, rules.streak_days(day_set, now.date()),
        int(card_rows[1] or 0), int(card_rows[2] or 0), int(today), dict(by_section), dict(by_item),
    )


def _as_date(d: object) -> date:
    return d if isinstance(d, date) else date.fromisoformat(str(d)[:10])


def answers_of(store: Store, candidate_id: int) -> list[tuple[str, str, bool, int]]:
    """(qid, mode, correct, elapsed ms) in answer order: what a trainee's practice stored."""
    with store.session() as s:
        rows = s.execute(
            select(PracticeAnswer.qid, PracticeAnswer.mode, PracticeAnswer.correct, PracticeAnswer.elapsed_ms)
            .where(PracticeAnswer.candidate_id == candidate_id).order_by(PracticeAnswer.id)
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]


def card_of(store: Store, candidate_id: int, qid: str, bank: str = BANK) -> CardState | None:
    with store.session() as s:
        c = s.scalar(select(PracticeCard).where(PracticeCard.candidate_id == candidate_id, PracticeCard.bank == bank, PracticeCard.qid == qid))
        return None if c is None else _state(c)


# ---------- 模拟考试 ----------
@dataclass(frozen=True)
class MockExam:
    exam_id: int
    exam: ExamDefinition
    paper: Paper


def mock_exams(store: Store) -> list[tuple[int, str]]:
    with store.session() as s:
        return [(e.id, e.title) for e in s.scalars(select(Exam).where(Exam.archived.is_(False)).order_by(Exam.id))]


def start_mock(store: Store, exam_id: int, employee_no: str, seed: int) -> MockExam:
    """A timed mock of an exam definition: a paper drawn in memory, never an attempt."""
    with store.session() as s:
        row = s.get(Exam, exam_id)
        if row is None:
            raise BaiwenError("找不到该考试方案", "no such exam")
        exam = parse_exam(row.definition, "exam")
    paper = generate_paper(exam, banks.bank_questions(store, exam.bank), f"mock-{exam_id}", employee_no, seed=seed)
    return MockExam(exam_id, exam, paper)


# ---------- the trainer's class view ----------
@dataclass(frozen=True)
class TraineeRow:
    candidate_id: int
    employee_no: str
    name: str
    class_name: str
    answered: int
    right: int
    last_at: datetime | None
    items_seen: int

    @property
    def accuracy(self) -> float | None:
        return self.right / self.answered if self.answered else None


@dataclass(frozen=True)
class ClassView:
    class_name: str
    items: dict[str, Tally]  # all 99 items, in source order
    trainees: list[TraineeRow]
    generated_at: datetime
    behind: list[TraineeRow] = field(default_factory=list)

    def weakest(self) -> list[tuple[str, Tally]]:
        """Items practised, lowest class accuracy first (those answered fewer than WEAKEST_MIN times
        after the rest: one wrong answer says little about a class); then those nobody practised."""
        done = [(k, t) for k, t in self.items.items() if t.answered]
        done.sort(key=lambda kv: (kv[1].answered < WEAKEST_MIN, kv[1].accuracy or 0.0, -kv[1].answered, rules.source_key(kv[0])))
        return done + [(k, t) for k, t in self.items.items() if not t.answered]


WEAKEST_MIN = 5
BEHIND_ACCURACY = 0.6
BEHIND_SHARE = 0.5  # fewer answers than half the class median


def class_view(store: Store, class_name: str = "", now: datetime | None = None) -> ClassView:
    """Each of the 99 items by class accuracy, and each trainee's totals; who is behind."""
    now = now or db_now_of(store)
    with store.session() as s:
        people = select(Candidate.id).where(Candidate.class_name == class_name) if class_name else select(Candidate.id)
        item_rows = s.execute(
            select(PracticeAnswer.source, PracticeAnswer.correct, func.count())
            .where(PracticeAnswer.candidate_id.in_(people))
            .group_by(PracticeAnswer.source, PracticeAnswer.correct)
        ).all()
        per = s.execute(
            select(
                Candidate.id, Candidate.employee_no, Candidate.name, Candidate.class_name,
                func.count(PracticeAnswer.id), func.sum(cast(PracticeAnswer.correct, Integer)),
                func.max(PracticeAnswer.answered_at), func.count(func.distinct(PracticeAnswer.source)),
            )
            .outerjoin(PracticeAnswer, PracticeAnswer.candidate_id == Candidate.id)
            .where(Candidate.id.in_(people))
            .group_by(Candidate.id, Candidate.employee_no, Candidate.name, Candidate.class_name)
            .order_by(Candidate.employee_no)
        ).all()
    items: dict[str, Tally] = {k: Tally() for k in rules.ALL_ITEMS}
    for source, correct, n in item_rows:
        t = items.get(source, Tally())
        items[source] = Tally(t.answered + n, t.right + (n if correct else 0))
    trainees = [TraineeRow(r[0], r[1], r[2], r[3], int(r[4] or 0), int(r[5] or 0), _as_datetime(r[6]), int(r[7] or 0)) for r in per]
    return ClassView(class_name, items, trainees, now, behind_of(trainees))


def _as_datetime(v: object) -> datetime | None:
    if v is None or isinstance(v, datetime):
        return v
    return datetime.fromisoformat(str(v))


def behind_of(trainees: Sequence[TraineeRow]) -> list[TraineeRow]:
    """Behind: far fewer answers than the class median, or accuracy under 60%. Least done first."""
    counts = sorted(t.answered for t in trainees)
    median = counts[len(counts) // 2] if counts else 0
    out = [t for t in trainees if t.answered < median * BEHIND_SHARE or t.answered == 0 or (t.accuracy is not None and t.accuracy < BEHIND_ACCURACY)]
    return sorted(out, key=lambda t: (t.answered, t.accuracy or 0.0, t.employee_no))
