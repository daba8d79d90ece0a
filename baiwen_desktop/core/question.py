"""Questions: the five types, their answer keys, and a JSON-safe snapshot form."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from baiwen_desktop.core.numbers import exact_number, format_score  # noqa: F401  (re-export: UI imports it from here)


class QType(StrEnum):
    SINGLE = "单选"
    MULTI = "多选"
    JUDGE = "判断"
    BLANK = "填空"
    SHORT = "简答"

    @property
    def label(self) -> str:
        return f"{self.value}题"


_QTYPE_OF = {t.value: t for t in QType}
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
        return "/".join(self.keywords) + "=" + exact_number(self.weight)


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
        # A start builds a hundred of these while the candidate waits: the fields are set straight
        # into the new object's __dict__, in field order (a frozen dataclass's __init__ sets each
        # through object.__setattr__, three times the cost); Question has no __post_init__ to skip
        # (tests/core/test_question_from_dict.py checks both, and equality with the constructor).
        get = d.get
        kind = d["type"]
        try:
            qtype = _QTYPE_OF[kind]
        except (KeyError, TypeError):  # not a type's text: QType says why, as it always did
            qtype = QType(kind)
        q = _new(cls)
        q.__dict__.update(zip(_FIELDS, (
            d["id"],
            qtype,
            d["stem"],
            Decimal(d["score"]),
            tuple(get("options", ())),
            tuple(get("correct", ())),
            get("truth"),
            tuple(map(tuple, get("blanks", ()))),
            tuple(map(tuple, get("order_free", ()))),
            get("reference", ""),
            tuple(ScoringPoint(tuple(p["keywords"]), Decimal(p["weight"])) for p in get("points", ())),
            get("explanation", ""),
            get("source"),
            get("section"),
            tuple(get("tags", ())),
            int(get("difficulty", 3)),
        ), strict=True))
        return q




_FIELDS = tuple(Question.__dataclass_fields__)  # in declaration order: from_dict's order
_new = object.__new__


_SOURCE = re.compile(r"^(问|查)(\d+)$")
_ID_NUMBER = re.compile(r"-0*(\d+)$")


def question_label(question_id: str, source: str | None) -> str:
    """How a person names a question: 出处 and its number there (w33-06 on 问33 → 问33-6).

    Without a numbered id the label is 出处（id）; without 出处 it is the id itself.
    """
    if not source:
        return question_id
    m = _ID_NUMBER.search(question_id)
    return f"{source}-{m.group(1)}" if m else f"{source}（{question_id}）"


def source_order(question_id: str, source: str | None) -> tuple[int, int, str, str]:
    """Sort key in the order of the source text: 问1…问49, 查1…查50, then anything else."""
    m = _SOURCE.match(source or "")
    if m:
        return (0 if m.group(1) == "问" else 1, int(m.group(2)), "", question_id)
    return (2, 0, source or "", question_id)
