"""Results of an exam: the table trainers see, statistics, and spreadsheet export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import select

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.grading import key_text, response_text
from baiwen_desktop.core.numbers import round_score
from baiwen_desktop.core.paper import Paper
from baiwen_desktop.core.question import QType, Question, question_label, source_order
from baiwen_desktop.core.stats import ScoreSummary, summarise
from baiwen_desktop.files.results_file import (
    LONG_HEADER,
    LONG_SHEET,
    SUMMARY_HEADER,
    SUMMARY_SHEET,
    WIDE_FIXED,
    WIDE_SHEET,
    Sheet,
    write_results,
)
from baiwen_desktop.services import exams, frozen_papers, retakes
from baiwen_desktop.services.attempts import FINISHED
from baiwen_desktop.services.sessions import STATUS_LABELS
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Answer, Attempt, Candidate, Exam


@dataclass(frozen=True)
class QuestionResult:
    position: int
    question_id: str
    qtype: str
    source: str
    response: object
    answer_text: str
    key_text: str
    points: Decimal
    max_points: Decimal
    pending: bool
    question: Question | None = field(default=None, compare=False, repr=False)  # as frozen in the paper


@dataclass(frozen=True)
class ResultRow:
    attempt_id: int
    exam_id: int
    employee_no: str
    name: str
    unit: str
    class_name: str
    score: Decimal
    total: Decimal
    pass_mark: Decimal
    passed: bool | None
    pending_review: bool
    time_used_s: int
    status: str
    status_label: str
    started_at: datetime
    submitted_at: datetime | None
    questions: list[QuestionResult]
    candidate_id: int = 0
    attempt_no: int = 1  # 1 = 首考, 2 = 补考, …
    counts: bool = True  # the attempt that counts for 成绩 and the certificate

    @property
    def attempt_label(self) -> str:
        return retakes.attempt_label(self.attempt_no)

    @property
    def counts_label(self) -> str:
        return "计入" if self.counts else ""

    @property
    def passed_label(self) -> str:
        return "待复核" if self.passed is None else ("合格" if self.passed else "不合格")


class _Picked(NamedTuple):
    """results()'s query row as a plain tuple: a SQLAlchemy Row's attribute read costs ~2 µs (a
    name lookup each time), a NamedTuple's is a C index; thousands of rows × ~20 reads each."""

    id: int
    status: str
    score: Decimal | None
    total: Decimal
    pass_mark: Decimal
    passed: bool | None
    pending_review: bool
    counted_ms: int
    started_at: datetime
    submitted_at: datetime | None
    candidate_id: int
    employee_no: str
    name: str
    unit: str
    class_name: str


def results(
    store: Store, exam_id: int, class_name: str | None = None, every_attempt: bool = False, with_questions: bool = True
) -> list[ResultRow]:
    """Finished attempts of an exam: the one that counts per candidate (the exam's `counts`
    setting: 首考 / 最高 / 最后), or with `every_attempt` all of them, each marked 首考/补考 and
    whether it counts. Without `with_questions` the rows' `questions` are left empty and no
    paper is read (the class summary needs only the scores).

    Read as plain rows (no ORM objects; the answers of all chosen attempts in one query): an
    HQ exam has thousands of attempts × 100 answers.
    """
    with store.session() as s:
        exam_row = s.get(Exam, exam_id)
        policy = str((exam_row.definition if exam_row else {}).get("counts", "best"))
        stmt = (
            select(
                Attempt.id, Attempt.status, Attempt.score, Attempt.total, Attempt.pass_mark, Attempt.passed, Attempt.pending_review,
                Attempt.counted_ms, Attempt.started_at, Attempt.submitted_at,
                Candidate.id.label("candidate_id"), Candidate.employee_no, Candidate.name, Candidate.unit, Candidate.class_name,
            )
            .join(Candidate, Attempt.candidate_id == Candidate.id)
            .where(Attempt.exam_id == exam_id)
            .order_by(Attempt.id)
        )
        if class_name:
            stmt = stmt.where(Candidate.class_name == class_name)
        by_candidate: dict[int, list[tuple[int, Any]]] = {}
        result = s.execute(stmt)
        if tuple(result.keys()) != _Picked._fields:  # the select above and _Picked name the same columns in order
            raise AssertionError(f"results(): {tuple(result.keys())} != {_Picked._fields}")
        for a in map(_Picked._make, result):
            mine = by_candidate.setdefault(a.candidate_id, [])
            mine.append((len(mine) + 1, a))  # numbered over every attempt, finished or not
        pairs = []
        for mine in by_candidate.values():
            done = [t for t in mine if t[1].status in FINISHED]
            if not done:
                continue
            counted = counting_attempt([a for _, a in done], policy)
            pairs += [(n, a, a.id == counted) for n, a in done if every_attempt or a.id == counted]
        out: list[ResultRow] = []
        for part in (pairs[i : i + 500] for i in range(0, len(pairs), 500)):  # 500 papers decoded at a time
            ids = [a.id for _, a, _ in part] if with_questions else []
            papers = frozen_papers.thaw_many(s, frozen_papers.stored_many(s, ids)) if ids else {}
            answers: dict[int, list[Any]] = {aid: [] for aid in ids}
            if ids:
                for ans in s.execute(
                    select(Answer.attempt_id, Answer.position, Answer.response, Answer.auto_points, Answer.final_points)
                    .where(Answer.attempt_id.in_(ids))
                    .order_by(Answer.attempt_id, Answer.position)
                ):
                    answers[ans.attempt_id].append(ans)
            for n, a, counts in part:
                out.append(_row(exam_id, n, a, counts, papers.pop(a.id, None), answers.pop(a.id, [])))
    out.sort(key=lambda r: (r.unit, r.employee_no, r.attempt_no))
    return out


def _row(exam_id: int, n: int, a: Any, counts: bool, paper: Paper | None, answers: list[Any]) -> ResultRow:
    qs = []
    if paper is not None:
        for ans in answers:
            item = paper.items[ans.position]
            pts = ans.final_points if ans.final_points is not None else (ans.auto_points or Decimal(0))
            qs.append(
                QuestionResult(
                    ans.position, item.question.id, item.question.qtype.value, item.question.source or "",
                    ans.response, response_text(item, ans.response), key_text(item), pts, item.score, ans.final_points is None,
                    item.question,
                )
            )
    return ResultRow(
        a.id, exam_id, a.employee_no, a.name, a.unit, a.class_name, a.score or Decimal(0), a.total, a.pass_mark,
        a.passed, a.pending_review, a.counted_ms // 1000, a.status, STATUS_LABELS.get(a.status, a.status),
        a.started_at, a.submitted_at, qs, a.candidate_id, n, counts,
    )


def counting_attempt(done: list[Attempt], policy: str) -> int:
    """The id of the attempt that counts among a candidate's finished ones (in start order)."""
    if policy == "first":
        return done[0].id
    if policy == "last":
        return done[-1].id
    return max(done, key=lambda a: (a.score or Decimal(0), -a.id)).id  # 最高; the earlier one on a tie


def summary(rows: list[ResultRow]) -> ScoreSummary:
    if not rows:
        return summarise([], Decimal(100), Decimal(60))
    return summarise([r.score for r in rows], rows[0].total, rows[0].pass_mark)


def _when(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S") if t else ""


def _num(d: Decimal) -> float | int:
    """A score cell under the one number rule, as a number Excel can sum."""
    r = round_score(d)
    return int(r) if r == r.to_integral_value() else float(r)


def export_sheets(rows: list[ResultRow], exam_title: str) -> list[Sheet]:
    """成绩, 逐题得分 (one row per candidate and question) and 按题得分 (a column per question).

    Papers are drawn per candidate, so a paper position names different questions for
    different people; both per-question sheets are keyed by the question itself (出处 + id).
    """
    summary_rows = [
        [
            r.employee_no, r.name, r.unit, _num(r.score), _num(r.total), r.passed_label, round(r.time_used_s / 60, 1),
            r.status_label, r.class_name, _when(r.submitted_at), exam_title, r.attempt_label, "是" if r.counts else "否",
        ]
        for r in rows
    ]
    long_rows = []
    columns: dict[str, QuestionResult] = {}
    for r in rows:
        who = [exam_title, r.class_name, r.employee_no, r.name, r.unit, _when(r.submitted_at)]
        for q in r.questions:
            columns.setdefault(q.question_id, q)
            long_rows.append(
                [
                    *who, q.position + 1, question_label(q.question_id, q.source), q.source, q.question_id, QType(q.qtype).label,
                    _num(q.points), _num(q.max_points), q.answer_text, q.key_text, r.attempt_label, "是" if r.counts else "否",
                ]
            )
    order = sorted(columns, key=lambda qid: source_order(qid, columns[qid].source))
    wide_header = WIDE_FIXED + [f"{question_label(qid, columns[qid].source)}（{qid}）" for qid in order]
    wide_rows = []
    for r in rows:
        got = {q.question_id: _num(q.points) for q in r.questions}
        wide_rows.append(
            [exam_title, r.class_name, r.employee_no, r.name, r.unit, _when(r.submitted_at), _num(r.score), r.attempt_label, "是" if r.counts else "否"]
            + [got.get(qid, "") for qid in order]
        )
    return [
        Sheet(SUMMARY_SHEET, SUMMARY_HEADER, summary_rows),
        Sheet(LONG_SHEET, LONG_HEADER, long_rows),
        Sheet(WIDE_SHEET, wide_header, wide_rows),
    ]


def export(store: Store, exam_id: int, fmt: str, out: Path, class_name: str | None = None) -> int:
    """Write the results spreadsheet(s), every attempt marked 首考/补考 and 计入成绩; returns the number of candidates."""
    if fmt not in ("xlsx", "csv"):
        raise BaiwenError("导出格式应为 xlsx 或 csv", "format must be xlsx or csv")
    rows = results(store, exam_id, class_name, every_attempt=True)
    exam = exams.get_exam(store, exam_id)
    write_results(out, fmt, export_sheets(rows, exam.title), notice=exams.STATION_COPY if exams.is_station_copy(exam) else "")
    return len({r.candidate_id for r in rows})
