"""Practice rules (pure Python): which questions each mode asks, how an answer moves a
trainee's card (FSRS review, 错题本), and the rating derived from right/wrong and time.

Times are naive local datetimes like the rest of the store; FSRS works in UTC inside.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from fsrs import Card, Rating, Scheduler

from baiwen_desktop.core.grading import ItemGrade, Response, grade_item
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.question import CHOICE_TYPES, QType, Question

WRONG_BOOK_LEAVE_AFTER = 3  # right answers in a row take a question out of the 错题本
SHORT_PASS_FRACTION = Decimal("0.6")  # 简答 counts as right with 60% of its 要点


class Mode(StrEnum):
    ORDER = "order"  # 顺序练习
    RANDOM = "random"  # 随机练习
    FOCUS = "focus"  # 专项练习
    WRONG = "wrong"  # 错题本
    REVIEW = "review"  # 今日复习
    MOCK = "mock"  # 模拟考试

    @property
    def label(self) -> str:
        return MODE_LABELS[self]


MODE_LABELS = {
    Mode.ORDER: "顺序练习",
    Mode.RANDOM: "随机练习",
    Mode.FOCUS: "专项练习",
    Mode.WRONG: "错题本",
    Mode.REVIEW: "今日复习",
    Mode.MOCK: "模拟考试",
}

# Seconds within which a right answer is "easy", and beyond which it was "hard" (per type).
FAST_SLOW_SECONDS = {
    QType.JUDGE: (6, 25),
    QType.SINGLE: (10, 40),
    QType.MULTI: (15, 60),
    QType.BLANK: (20, 90),
    QType.SHORT: (60, 300),
}


# ---------- source items ----------
def source_key(source: str | None) -> tuple[int, int, str]:
    """Sort key of an 出处: 问1 … 问49, then 查1 … 查50, then anything else."""
    s = source or ""
    if s[:1] in ("问", "查") and s[1:].isdigit():
        return (0 if s[0] == "问" else 1, int(s[1:]), "")
    return (2, 0, s)


def item_section(source: str) -> str:
    """The section of a 出处 item (the four 查 groups of 第四篇 第二部分)."""
    if source.startswith("问"):
        return "问"
    n = int(source[1:]) if source[1:].isdigit() else 0
    if n <= 11:
        return "查制度执行"
    if n <= 25:
        return "查行为规范"
    if n <= 41:
        return "查措施落实"
    return "查监督保障"


ALL_ITEMS: tuple[str, ...] = tuple([f"问{n}" for n in range(1, 50)] + [f"查{n}" for n in range(1, 51)])


# ---------- choosing questions ----------
@dataclass(frozen=True)
class Focus:
    """专项练习: any of these filters (empty = no filter on that field)."""

    sections: tuple[str, ...] = ()
    types: tuple[QType, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def matches(self, q: Question) -> bool:
        if self.sections and q.section not in self.sections:
            return False
        if self.types and q.qtype not in self.types:
            return False
        if self.tags and not set(self.tags) & set(q.tags):
            return False
        return not (self.sources and q.source not in self.sources)


def in_order(questions: Iterable[Question]) -> list[Question]:
    """顺序练习: by source item (问1 → 问49, 查1 → 查50), then question id."""
    return sorted(questions, key=lambda q: (source_key(q.source), q.id))


def order_from(questions: Sequence[Question], answered: set[str], start: str | None = None) -> list[Question]:
    """顺序练习 resumes at `start` (an item) or at the first question not yet answered."""
    ordered = in_order(questions)
    if start:
        key = source_key(start)
        return [q for q in ordered if source_key(q.source) >= key]
    first = next((i for i, q in enumerate(ordered) if q.id not in answered), 0)
    return ordered[first:] + ordered[:first]


def shuffled(questions: Iterable[Question], seed: int) -> list[Question]:
    out = sorted(questions, key=lambda q: q.id)
    random.Random(seed).shuffle(out)
    return out


def focused(questions: Iterable[Question], focus: Focus) -> list[Question]:
    return in_order(q for q in questions if focus.matches(q))


def due_first(questions: Iterable[Question], due: dict[str, datetime], now: datetime) -> list[Question]:
    """今日复习: the questions due by the end of today, most overdue first."""
    horizon = end_of_day(now)
    return sorted((q for q in questions if q.id in due and due[q.id] <= horizon), key=lambda q: (due[q.id], q.id))


def end_of_day(now: datetime) -> datetime:
    return datetime.combine(now.date(), datetime.max.time())


def practice_item(q: Question, seed: int = 0) -> PaperItem:
    """A question as the practice page shows it: its own score, options shuffled per seed."""
    order = list(range(len(q.options)))
    if q.qtype in CHOICE_TYPES and seed:
        random.Random(f"{q.id}|{seed}").shuffle(order)
    return PaperItem(q, q.score, 0, tuple(order))


def check(item: PaperItem, response: Response) -> tuple[bool, ItemGrade]:
    """Right or wrong, for practice. 简答 is right when enough 要点 are found."""
    g = grade_item(item, response)
    if item.question.qtype is QType.SHORT:
        return g.answered and g.points >= item.score * SHORT_PASS_FRACTION, g
    return g.correct, g


# ---------- FSRS and the 错题本 ----------
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)  # day-level, repeatable


def rating_for(qtype: QType, correct: bool, elapsed_ms: int) -> Rating:
    """No self-rating: wrong is Again; right is Easy when quick, Hard when slow, else Good."""
    if not correct:
        return Rating.Again
    fast, slow = FAST_SLOW_SECONDS[qtype]
    seconds = elapsed_ms / 1000
    if seconds <= fast:
        return Rating.Easy
    if seconds > slow:
        return Rating.Hard
    return Rating.Good


@dataclass(frozen=True)
class CardState:
    """A trainee's state on one question, as stored (plain data)."""

    fsrs: dict[str, Any]
    due: datetime
    reps: int = 0
    lapses: int = 0
    in_wrong_book: bool = False
    right_in_row: int = 0
    wrong_since: datetime | None = None


def _utc(local: datetime) -> datetime:
    return local.astimezone(UTC)  # a naive datetime is taken as local time


def _local(aware: datetime) -> datetime:
    return aware.astimezone().replace(tzinfo=None)


def new_card(card_id: int, now: datetime) -> CardState:
    card = Card(card_id=card_id, due=_utc(now))
    return CardState(card.to_dict(), now)


def apply_answer(state: CardState, qtype: QType, correct: bool, elapsed_ms: int, now: datetime) -> CardState:
    """The card after one answer: FSRS review, 错题本 in on a wrong answer, out after 3 right in a row."""
    card, _log = SCHEDULER.review_card(Card.from_dict(state.fsrs), rating_for(qtype, correct, elapsed_ms), review_datetime=_utc(now))
    right_in_row = state.right_in_row + 1 if correct else 0
    in_book, since = state.in_wrong_book, state.wrong_since
    if not correct:
        in_book, since = True, since or now
    elif in_book and right_in_row >= WRONG_BOOK_LEAVE_AFTER:
        in_book, since = False, None
    return CardState(
        card.to_dict(),
        _local(card.due),
        state.reps + 1,
        state.lapses + (0 if correct else 1),
        in_book,
        right_in_row,
        since,
    )


def remove_from_wrong_book(state: CardState) -> CardState:
    return replace(state, in_wrong_book=False, wrong_since=None)


# ---------- progress ----------
@dataclass(frozen=True)
class Tally:
    answered: int = 0
    right: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.right / self.answered if self.answered else None

    def add(self, correct: bool) -> Tally:
        return Tally(self.answered + 1, self.right + int(correct))


def streak_days(days: Iterable[date], today: date) -> int:
    """Days in a row with practice, ending today (or yesterday, if today has none yet)."""
    have = set(days)
    day = today if today in have else today - timedelta(days=1)
    n = 0
    while day in have:
        n += 1
        day -= timedelta(days=1)
    return n


def format_accuracy(t: Tally) -> str:
    return "—" if t.accuracy is None else f"{round(t.accuracy * 100)}%"


BANDS = ("none", "low", "mid", "ok", "good")  # colour classes of the class view and the report


def accuracy_band(t: Tally) -> str:
    """none: nobody practised it; low < 60% ≤ mid < 75% ≤ ok < 90% ≤ good."""
    if t.accuracy is None:
        return "none"
    if t.accuracy < 0.6:
        return "low"
    if t.accuracy < 0.75:
        return "mid"
    return "ok" if t.accuracy < 0.9 else "good"
