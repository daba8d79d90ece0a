"""What each package operation hands back to the faces (CLI, console, bench): plain frozen data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class IssuedExamPackage:
    """HQ wrote an exam package; the password is shown once and never stored."""

    path: Path
    package_id: str
    password: str
    hq_fingerprint: str
    questions: int
    candidates: int
    valid_until: datetime


@dataclass(frozen=True)
class ExamImport:
    """A station imported an exam package (or had already: `already`, nothing changed)."""

    package_id: str
    exam_id: int
    session_id: int
    candidates: int
    questions: int
    already: bool
    organisation: str


@dataclass(frozen=True)
class ResultExport:
    """A station wrote its result package; unfinished attempts are counted, not exported."""

    path: Path
    package_id: str
    attempts: int
    unfinished: int
    fingerprint: str
    cover_pdf: Path | None


@dataclass(frozen=True)
class MergeReport:
    """HQ merged a result package: what was new, what it already held, what it refused to take, and
    where the station's provisional score of a new attempt differs from HQ's own grade (HQ's stands)."""

    package_id: str
    station_name: str
    fingerprint: str
    attempts: int
    new: int
    unchanged: int
    conflicts: list[str]
    pending_review: int
    already: bool
    score_differences: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PackageRow:
    """One line of the 数据交换 list."""

    id: str
    kind: str
    direction: str
    station: str
    exam_title: str
    candidates: int
    attempts: int
    new: int
    conflicts: int
    at: datetime
    valid_until: datetime | None
