"""The import report every interchange reader returns: what imports, what was left out and why, what is wrong.

Readers map each foreign question onto the key/value fields of the native format and let
`bankfile.build_question` validate them, so every format obeys the same rules as the text
and Excel formats. What a question holds that our model cannot represent is a `Note`:
left out (`imported=False`), or imported with the loss named (`imported=True`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from baiwen_desktop.core.bankfile import ID_RE, build_question, section_of_source
from baiwen_desktop.core.errors import Issue, ValidationError
from baiwen_desktop.core.numbers import exact_number
from baiwen_desktop.core.question import OPTION_LETTERS, Question
from baiwen_desktop.files.bank_excel import question_id

QUOTE_MAX = 80


def excerpt(text: str, limit: int = QUOTE_MAX) -> str:
    """One line of at most `limit` characters, for naming a question or quoting a paragraph."""
    one = re.sub(r"\s+", " ", text).strip()
    return one if len(one) <= limit else one[: limit - 1] + "…"


@dataclass(frozen=True)
class Note:
    """Something a question held that the import could not keep."""

    where: int  # question number (or paragraph / line, per format) in the file
    question: str  # its name or the start of its stem
    zh: str
    en: str
    imported: bool  # True: the question imported without it; False: the question was left out

    def to_dict(self) -> dict[str, Any]:
        return {"where": self.where, "question": self.question, "reason": f"{self.zh} / {self.en}",
                "imported": self.imported}


@dataclass
class ImportReport:
    file: str
    format: str
    unit_zh: str = "题"  # what `where` counts: 题 (question), 段 (paragraph), 行 (line)
    unit_en: str = "question"
    questions: list[Question] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)

    @property
    def skipped(self) -> list[Note]:
        return [n for n in self.notes if not n.imported]

    def all_issues(self) -> list[Issue]:
        """Errors, plus the one that a file with nothing importable is."""
        if self.errors or self.questions:
            return list(self.errors)
        why = f"；跳过 {len(self.skipped)} 题" if self.skipped else ""
        why_en = f"; {len(self.skipped)} skipped" if self.skipped else ""
        return [Issue(self.file, 1, f"文件中没有可导入的题目{why}", f"the file holds no question that can be imported{why_en}")]

    def check(self) -> None:
        """Raise ValidationError when nothing may be imported: any error, or nothing importable."""
        issues = self.all_issues()
        if issues:
            raise ValidationError(
                f"{self.file}：{len(issues)} 处错误，未导入任何题目",
                f"{self.file}: {len(issues)} error(s); nothing was imported",
                issues,
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "unit": self.unit_en,
            "questions": len(self.questions),
            "skipped": [n.to_dict() for n in self.notes if not n.imported],
            "changed": [n.to_dict() for n in self.notes if n.imported],
            "errors": [{"where": i.line, "field": i.field, "message": f"{i.zh} / {i.en}" if i.en else i.zh}
                       for i in self.all_issues()],
        }


class ReportBuilder:
    """Collects questions, notes and errors while a reader walks a file."""

    def __init__(self, file: str, fmt: str, unit_zh: str = "题", unit_en: str = "question") -> None:
        self.report = ImportReport(file, fmt, unit_zh, unit_en)
        self._ids: set[str] = set()

    def where(self, n: int) -> str:
        return f"第 {n} {self.report.unit_zh}"

    def skip(self, n: int, label: str, zh: str, en: str) -> None:
        self.report.notes.append(Note(n, excerpt(label), zh, en, imported=False))

    def note(self, n: int, label: str, zh: str, en: str) -> None:
        self.report.notes.append(Note(n, excerpt(label), zh, en, imported=True))

    def error(self, n: int, label: str, zh: str, en: str, key: str = "") -> None:
        quote = f"“{excerpt(label)}”" if label else ""
        self.report.errors.append(Issue(self.report.file, n, f"{quote}{zh}", en, key))

    def add(
        self,
        n: int,
        label: str,
        fields: dict[str, str | list[str]],
        *,
        qid: str = "",
        blanks: tuple[tuple[str, ...], ...] | None = None,
        points_optional: bool = False,
    ) -> Question | None:
        """Validate one question's fields (native keys) and keep it, or record its problems as errors.

        `blanks` gives 填空 alternatives exactly (they may hold `|` or `；`, which 答案 would split).
        `points_optional`: a foreign essay may come without 要点; it imports, graded by hand.
        """
        native: dict[str, list[tuple[str, int]]] = {}
        for key, value in fields.items():
            values = value if isinstance(value, list) else [value]
            kept = [(v, n) for v in values if v != "" or key in OPTION_LETTERS]  # an empty option is an error
            if kept:
                native[key] = kept
        if blanks is not None and "答案" not in native:
            native["答案"] = [(" | ".join("；".join(b) for b in blanks), n)]
        implied = section_of_source(native["出处"][0][0]) if "出处" in native else None
        q, issues = build_question(native, "q", implied, self.report.file, n, strict_source=False,
                                   difficulty_words=True, points_required=not points_optional)
        quote = f"“{excerpt(label)}”：" if label else ""
        for issue in issues:
            self.report.errors.append(Issue(issue.file, n, quote + issue.zh, issue.en, issue.field))
        if q is None:
            return None
        if blanks is not None:
            q = replace(q, blanks=blanks)
        return self._keep(q, qid)

    def add_located(
        self,
        n: int,
        label: str,
        fields: dict[str, list[tuple[str, int]]],
        *,
        qid: str = "",
        quote: Callable[[int], str],
    ) -> Question | None:
        """As `add`, for a format whose fields sit on lines of their own (Word paragraphs): each
        problem names the line of its field and quotes that line."""
        implied = section_of_source(fields["出处"][0][0]) if "出处" in fields else None
        q, issues = build_question(fields, "q", implied, self.report.file, n, strict_source=False, difficulty_words=True)
        for issue in issues:
            self.report.errors.append(Issue(issue.file, issue.line, f"“{excerpt(quote(issue.line))}”：{issue.zh}", issue.en, issue.field))
        if q is None:
            return None
        return self._keep(q, qid)

    def _keep(self, q: Question, qid: str) -> Question:
        qid = qid if ID_RE.match(qid or "") and qid not in self._ids else question_id(q.qtype, q.stem)
        if qid in self._ids:
            n_same = 2
            while f"{qid}-{n_same}" in self._ids:
                n_same += 1
            qid = f"{qid}-{n_same}"
        self._ids.add(qid)
        q = replace(q, id=qid)
        self.report.questions.append(q)
        return q

    def result(self) -> ImportReport:
        return self.report


def score_text(value: str | Decimal | float | None) -> str:
    """A score as the 分值 field writes it ('1.0000000' → '1'); '' when absent or not a number."""
    if value is None:
        return ""
    try:
        d = Decimal(str(value).strip())
    except ArithmeticError:
        return str(value)
    if not d.is_finite():
        return str(value)
    return exact_number(d)
