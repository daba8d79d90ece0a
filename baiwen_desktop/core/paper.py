"""Paper generation: a deterministic paper per (exam, candidate, seed), frozen at start."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import ExamDefinition, PartRule
from baiwen_desktop.core.question import CHOICE_TYPES, Question


@dataclass(frozen=True)
class PaperItem:
    """One question as this candidate sees it: a snapshot, its score and its option order."""

    question: Question
    score: Decimal
    part: int
    option_order: tuple[int, ...] = ()  # display position -> original option index

    def shown_options(self) -> list[str]:
        return [self.question.options[i] for i in self.option_order]

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question.to_dict(),
            "score": str(self.score),
            "part": self.part,
            "option_order": list(self.option_order),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PaperItem:
        return cls(Question.from_dict(d["question"]), Decimal(d["score"]), int(d["part"]), tuple(d["option_order"]))


@dataclass(frozen=True)
class Paper:
    items: tuple[PaperItem, ...]
    part_titles: tuple[str, ...]

    @property
    def total(self) -> Decimal:
        return sum((i.score for i in self.items), Decimal(0))

    def to_dict(self) -> dict[str, Any]:
        return {"items": [i.to_dict() for i in self.items], "part_titles": list(self.part_titles)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Paper:
        return cls(tuple(PaperItem.from_dict(i) for i in d["items"]), tuple(d["part_titles"]))


class PaperError(BaiwenError):
    """A composition rule the bank cannot satisfy."""

    def __init__(self, rule_no: int, rule: PartRule, needed: int, available: int) -> None:
        super().__init__(
            f"第 {rule_no} 部分（{rule.label}）需要 {needed} 道题，题库中符合条件的只有 {available} 道",
            f"rule {rule_no} ({rule.qtype.name}) needs {needed} questions but the bank has only {available} that match",
        )
        self.rule_no = rule_no
        self.needed = needed
        self.available = available


@dataclass(frozen=True)
class RuleCheck:
    rule_no: int
    rule: PartRule
    available: int

    @property
    def missing(self) -> int:
        return max(0, self.rule.count - self.available)


def check_rules(exam: ExamDefinition, bank: Sequence[Question]) -> list[RuleCheck]:
    """How many questions each rule can draw, taking earlier rules' picks into account."""
    used: set[str] = set()
    checks = []
    for n, rule in enumerate(exam.parts, start=1):
        pool = [q for q in bank if q.id not in used and rule.matches(q)]
        checks.append(RuleCheck(n, rule, len(pool)))
        # earlier rules take what they need first; assume the first matches go
        used.update(q.id for q in pool[: rule.count])
    return checks


def _rng(*parts: object) -> random.Random:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def generate_paper(exam: ExamDefinition, bank: Sequence[Question], exam_key: str, candidate: str, seed: int = 0) -> Paper:
    """Draw a paper. Same (exam, candidate, seed) and same bank give the same paper.

    With `fixed_paper` the questions and their order are the same for everyone;
    the options are still shuffled per candidate when `shuffle_options` is set.
    """
    pick_rng = _rng(exam_key, "" if exam.fixed_paper else candidate, seed, exam.seed, "pick")
    option_rng = _rng(exam_key, candidate, seed, exam.seed, "options")
    ordered = sorted(bank, key=lambda q: q.id)  # independent of load order
    used: set[str] = set()
    items: list[PaperItem] = []
    for n, rule in enumerate(exam.parts, start=1):
        pool = [q for q in ordered if q.id not in used and rule.matches(q)]
        if len(pool) < rule.count:
            raise PaperError(n, rule, rule.count, len(pool))
        chosen = pick_rng.sample(pool, rule.count)
        if not exam.shuffle_questions:
            chosen.sort(key=lambda q: q.id)
        for q in chosen:
            used.add(q.id)
            order = list(range(len(q.options)))
            if exam.shuffle_options and q.qtype in CHOICE_TYPES:
                option_rng.shuffle(order)
            items.append(PaperItem(q, rule.score_each, n - 1, tuple(order)))
    return Paper(tuple(items), tuple(r.label for r in exam.parts))
