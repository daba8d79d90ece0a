"""Questions: the five types, their answer keys, and a JSON-safe snapshot form."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class QType(StrEnum):
    SINGLE = "单选"
    MULTI = "多选"
    JUDGE = "判断"
    BLANK = "填空"
    SHORT = "简答"

    @property
    def label(self) -> str:
        return f"{self.value}题"


CHOICE_TYPES = (QType.SINGLE, QType.MULTI)
OBJECTIVE_TYPES = (QType.SINGLE, QType.MULTI, QType.JUDGE, QType.BLANK)
TYPE_ORDER = (QType.SINGLE, QType.MULTI, QType.JUDGE, QType.BLANK, QType.SHORT)

SECTIONS = ("问", "查制度执行", "查行为规范", "查措施落实", "查监督保障")
OPTION_LETTERS = "ABCDEF"
MAX_OPTIONS = len(OPTION_LETTERS)

DEFAULT_SCORE = {
    QType.SINGLE: Decimal(1),
    QType.MULTI: Decimal(2),
    QType.JUDGE: Decimal(1),
    QType.BLANK: Decimal(1),  # per blank
    QType.SHORT: Decimal(5),
}


@dataclass(frozen=True)
class ScoringPoint:
    """One 要点 of a short answer: any of the keywords earns the weight."""

    keywords: tuple[str, ...]
    weight: Decimal

    def to_text(self) -> str:
        return "/".join(self.keywords) + "=" + _num(self.weight)


@dataclass(frozen=True)
class Question:
    id: str
    qtype: QType
    stem: str
    score: Decimal
    options: tuple[str, ...] = ()
    correct: tuple[int, ...] = ()  # option indices, 单选/多选
    truth: bool | None = None  # 判断
    blanks: tuple[tuple[str, ...], ...] = ()  # 填空: accepted alternatives per blank
    order_free: tuple[tuple[int, ...], ...] = ()  # 填空: groups of blank indices, any order
    reference: str = ""  # 简答 reference answer
    points: tuple[ScoringPoint, ...] = ()  # 简答 要点
    explanation: str = ""
    source: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = field(default=())
    difficulty: int = 3

    def answer_text(self) -> str:
        """The key as a trainee reads it on a result page or score sheet."""
        if self.qtype in CHOICE_TYPES:
            return "".join(OPTION_LETTERS[i] for i in sorted(self.correct))
        if self.qtype is QType.JUDGE:
            return "正确" if self.truth else "错误"
        if self.qtype is QType.BLANK:
            return "；".join(alts[0] for alts in self.blanks)
        return self.reference

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.qtype.value,
            "stem": self.stem,
            "score": str(self.score),
            "options": list(self.options),
            "correct": list(self.correct),
            "truth": self.truth,
            "blanks": [list(b) for b in self.blanks],
            "order_free": [list(g) for g in self.order_free],
            "reference": self.reference,
            "points": [{"keywords": list(p.keywords), "weight": str(p.weight)} for p in self.points],
            "explanation": self.explanation,
            "source": self.source,
            "section": self.section,
            "tags": list(self.tags),
            "difficulty": self.difficulty,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Question:
        return cls(
            id=d["id"],
            qtype=QType(d["type"]),
            stem=d["stem"],
            score=Decimal(d["score"]),
            options=tuple(d.get("options", ())),
            correct=tuple(d.get("correct", ())),
            truth=d.get("truth"),
            blanks=tuple(tuple(b) for b in d.get("blanks", ())),
            order_free=tuple(tuple(g) for g in d.get("order_free", ())),
            reference=d.get("reference", ""),
            points=tuple(
                ScoringPoint(tuple(p["keywords"]), Decimal(p["weight"])) for p in d.get("points", ())
            ),
            explanation=d.get("explanation", ""),
            source=d.get("source"),
            section=d.get("section"),
            tags=tuple(d.get("tags", ())),
            difficulty=int(d.get("difficulty", 3)),
        )


def _num(d: Decimal) -> str:
    """Decimal without a trailing '.0' (2 not 2.0, 0.5 stays)."""
    s = format(d.normalize(), "f")
    return s


def format_score(d: Decimal) -> str:
    return _num(d)
