"""Plain, frozen inputs of the PDF documents.

The services layer fills these from the database; the renderers only lay them out. Scores are
always :class:`~decimal.Decimal`; statistics arrive precomputed as plain floats.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

__all__ = [
    "FLAG_HARD",
    "FLAG_LOW_D",
    "FLAG_NEG_RPB",
    "FLAG_TOO_EASY",
    "SUBMIT_MODE_LABELS",
    "CandidateResult",
    "Certificate",
    "ClassSummary",
    "HistogramBin",
    "ItemAnalysis",
    "ItemAnalysisRow",
    "Progress",
    "QuestionRow",
    "ReportHeader",
    "ResultPackageCover",
    "SubmitMode",
    "TypeRow",
    "UnitStat",
    "flags_for",
]

SubmitMode = Literal["normal", "auto", "forced"]
Progress = Callable[[int, int], None]  # (done, total), for the GUI's progress bar

SUBMIT_MODE_LABELS: dict[str, str] = {
    "normal": "正常交卷",
    "auto": "超时自动交卷",
    "forced": "强制交卷",
}


@dataclass(frozen=True, slots=True)
class ReportHeader:
    """Who held which exam when and where; printed at the top of score sheets and summaries."""

    organisation: str  # e.g. 国网某某供电公司
    exam_title: str
    exam_date: date
    station: str = ""  # exam station / room name
    notice: str = ""  # printed at the top of every page, e.g. 站点成绩，以总部为准 on a station's copies


@dataclass(frozen=True, slots=True)
class TypeRow:
    """One line of the per-question-type table on a score sheet."""

    type_label: str  # 单选题 / 多选题 / 判断题 …
    count: int
    correct: int
    points: Decimal
    max_points: Decimal


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """One question of a candidate's paper as graded."""

    no: int
    type_label: str
    source: str  # 出处 label a person reads: 问33-6 (core.question.question_label)
    answer: str  # candidate's answer as display text ("" = not answered)
    correct_answer: str
    points: Decimal
    max_points: Decimal


@dataclass(frozen=True, slots=True)
class CandidateResult:
    """One candidate's graded exam (score sheet input, and a row of the summary)."""

    employee_no: str  # 工号
    name: str  # 姓名
    unit: str  # 单位
    score: Decimal
    total: Decimal
    pass_mark: Decimal
    passed: bool
    time_used_s: int
    submit_mode: SubmitMode = "normal"
    type_rows: tuple[TypeRow, ...] = ()
    question_rows: tuple[QuestionRow, ...] = ()
    attempt_note: str = ""  # e.g. 补考 · 计入成绩, when the candidate sat the exam more than once
    counts: bool = True  # False: another attempt of this candidate counts; listed, left out of the statistics


@dataclass(frozen=True, slots=True)
class HistogramBin:
    """Score interval [low, high) with its candidate count (the last bin includes ``high``)."""

    low: float
    high: float
    count: int


@dataclass(frozen=True, slots=True)
class UnitStat:
    """Precomputed per-单位 figures for the comparison chart."""

    unit: str
    count: int
    mean: float
    pass_rate: float  # 0..1


@dataclass(frozen=True, slots=True)
class ClassSummary:
    """A whole exam session: candidates plus precomputed statistics."""

    candidates: tuple[CandidateResult, ...]
    count: int
    mean: float
    median: float
    stdev: float
    max_score: float
    min_score: float
    pass_rate: float  # 0..1
    total: Decimal  # full marks, for chart scales
    pass_mark: Decimal
    histogram: tuple[HistogramBin, ...] = ()
    unit_stats: tuple[UnitStat, ...] = ()  # empty → the per-单位 chart is left out


FLAG_HARD = "过难"  # P < 0.2
FLAG_TOO_EASY = "过易"  # P > 0.95
FLAG_LOW_D = "区分度低"  # D < 0.2
FLAG_NEG_RPB = "负相关"  # point-biserial < 0


def flags_for(p: float | None, d: float | None, rpb: float | None) -> list[str]:
    """Revision flags for one item; ``None`` (not computable) raises no flag.

    P < 0.2 过难, P > 0.95 过易, D < 0.2 区分度低, point-biserial < 0 负相关.
    """
    flags: list[str] = []
    if p is not None and p < 0.2:
        flags.append(FLAG_HARD)
    if p is not None and p > 0.95:
        flags.append(FLAG_TOO_EASY)
    if d is not None and d < 0.2:
        flags.append(FLAG_LOW_D)
    if rpb is not None and rpb < 0:
        flags.append(FLAG_NEG_RPB)
    return flags


@dataclass(frozen=True)
class ItemAnalysisRow:
    """Item statistics for one question (precomputed by the services layer)."""

    no: int
    question_id: str
    type_label: str
    stem_excerpt: str
    p: float | None  # facility (难度, share correct)
    d: float | None  # discrimination (区分度, upper minus lower 27 %)
    rpb: float | None  # point-biserial correlation
    distractors: Mapping[str, int] | None = None  # option → how many chose it; None = not a choice item
    key: str = ""  # correct option letters, e.g. "B" or "ACD", to mark in the distractor table
    flags: tuple[str, ...] | None = None  # None → computed with flags_for(p, d, rpb)
    label: str = ""  # how a person names it, by 出处: 问33-6 (core.question.question_label)

    @property
    def name(self) -> str:
        """The 出处 label, or the id when the question has none."""
        return self.label or self.question_id

    def effective_flags(self) -> tuple[str, ...]:
        return self.flags if self.flags is not None else tuple(flags_for(self.p, self.d, self.rpb))


@dataclass(frozen=True, slots=True)
class ItemAnalysis:
    rows: tuple[ItemAnalysisRow, ...]
    reliability: float | None
    reliability_name: str  # "KR-20" or "Cronbach α"
    candidate_count: int


@dataclass(frozen=True, slots=True)
class Certificate:
    """One 合格证书. ``qr_payload`` is the signed text from core.certsign.sign_payload."""

    number: str
    title: str  # e.g. 百问百查培训合格证书
    name: str
    employee_no: str
    exam_title: str
    score: Decimal
    organisation: str
    issue_date: date
    qr_payload: str


@dataclass(frozen=True, slots=True)
class ResultPackageCover:
    """What the cover page of a result package (.bwresult) shows: printed, kept with the USB stick,
    and its fingerprint read out to HQ by phone. No score is on it."""

    station_name: str
    station_id: str
    fingerprint: str  # the station key's, e.g. "AB12-CD34-EF56-7890-1234"
    exam_title: str
    package_id: str
    file_sha256: str  # 64 hex digits of the .bwresult file
    attempts: int  # handed-in attempts in the package
    unfinished: int  # papers still being answered: counted, not in the package
    candidates: int
    created_at: datetime
    organisation: str = ""
    file_name: str = ""
