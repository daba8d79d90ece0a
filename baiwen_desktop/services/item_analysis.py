"""试题分析 of an exam, column by column: per question the fractions, totals and choices of the
candidates whose paper had it, read straight from the answer rows.

An HQ exam has thousands of counted attempts × 100 answers drawn from thousands of questions.
Only what the statistics need is read (each answer's points and, for a choice question, its
response; each paper's questions and scores), with no per-answer result object, response text
or key text. The figures are those of the per-candidate rows (services.results) computed in
the same order: rows by (unit, employee_no, attempt), answers by position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Text, cast, func, select, type_coerce

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.question import OPTION_LETTERS, QType, Question, question_label
from baiwen_desktop.core.stats import distractor_counts, item_stats, reliability
from baiwen_desktop.reports.data import ItemAnalysis, ItemAnalysisRow
from baiwen_desktop.services import frozen_papers, results
from baiwen_desktop.store import json_codec
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Answer, Attempt, Score

CHUNK = 500  # attempts whose papers and answers are read at a time
_ZERO = Decimal(0)


@dataclass
class _Column:
    """One question over the candidates whose paper had it, in row order."""

    question: Question  # as frozen in the first of those papers
    first_position: int
    choice: bool  # 单选/多选: the responses are counted per option
    first_score: str  # the item's score as stored in the first of those papers
    count: int = 0
    fractions: list[float] = field(default_factory=list)
    totals: list[float] = field(default_factory=list)
    points: list[Decimal] = field(default_factory=list)
    responses: list[str | None] = field(default_factory=list)  # stored JSON text, choice questions only


def exam_item_analysis(store: Store, exam_id: int, class_name: str | None = None) -> ItemAnalysis:
    """Per question over the candidates whose paper had it; reliability over the items every
    candidate had. The attempts are those of the 试题分析 report: the one that counts per
    candidate, final (not awaiting 阅卷)."""
    rows = [r for r in results.results(store, exam_id, class_name, with_questions=False) if not r.pending_review]
    if not rows:
        raise BaiwenError("该考试还没有已定分的成绩（简答题需先完成阅卷）", "no final results for this exam yet (review short answers first)")
    return item_analysis_of(store, rows)


def item_analysis_of(store: Store, rows: Sequence[results.ResultRow]) -> ItemAnalysis:
    """The analysis of these attempts (their `questions` are not used: read column-wise here)."""
    columns: dict[str, _Column] = {}  # by question id, in the order first seen
    fraction_of: dict[tuple[Decimal, str], float] = {}
    score_of: dict[str, Decimal] = {}
    points = type_coerce(func.coalesce(Answer.final_points, Answer.auto_points), Score)  # the points that count
    with store.session() as s:
        for start in range(0, len(rows), CHUNK):
            part = rows[start : start + CHUNK]
            ids = [r.attempt_id for r in part]
            papers = frozen_papers.thaw_refs(s, dict(list(s.execute(select(Attempt.id, Attempt.paper).where(Attempt.id.in_(ids))))))
            answers: dict[int, list[Any]] = {aid: [] for aid in ids}
            for attempt_id, position, raw, pts in s.execute(
                select(Answer.attempt_id, Answer.position, cast(Answer.response, Text), points)
                .where(Answer.attempt_id.in_(ids))
                .order_by(Answer.attempt_id, Answer.position)
            ):
                answers[attempt_id].append((position, raw, pts or _ZERO))
            for r in part:
                items = papers.pop(r.attempt_id)
                total = float(r.score)
                for position, raw, pts in answers.pop(r.attempt_id):
                    q, score_text = items[position]
                    col = columns.get(q.id)
                    if col is None:
                        col = columns[q.id] = _Column(q, position, q.qtype in (QType.SINGLE, QType.MULTI), score_text)
                    elif position < col.first_position:
                        col.first_position = position
                    fr = fraction_of.get((pts, score_text))
                    if fr is None:
                        score = score_of.get(score_text)
                        if score is None:
                            score = score_of[score_text] = Decimal(score_text)
                        fr = fraction_of[(pts, score_text)] = float(pts / score) if score else 0.0
                    col.count += 1
                    col.fractions.append(fr)
                    col.totals.append(total)
                    col.points.append(pts)
                    if col.choice:
                        col.responses.append(raw)
    return _analysis(columns, len(rows), score_of)


def _analysis(columns: dict[str, _Column], candidates: int, score_of: dict[str, Decimal]) -> ItemAnalysis:
    order = sorted(columns, key=lambda qid: columns[qid].first_position)
    decoded: dict[str | None, Any] = {}
    out = []
    for no, qid in enumerate(order, start=1):
        col = columns[qid]
        question = col.question
        st = item_stats(no - 1, col.fractions, col.totals)
        distractors = key = None
        if col.choice:
            choices = []
            for raw in col.responses:
                if raw not in decoded:
                    decoded[raw] = None if raw is None else json_codec.loads(raw)
                value = decoded[raw]
                choices.append(value if isinstance(value, list) else None)
            counts = distractor_counts(choices, len(question.options))
            distractors = {OPTION_LETTERS[i]: c for i, c in enumerate(counts)}
            key = "".join(OPTION_LETTERS[i] for i in question.correct)
        out.append(
            ItemAnalysisRow(
                no, qid, question.qtype.label, question.stem, st.facility, st.discrimination, st.point_biserial, distractors, key or "",
                label=question_label(qid, question.source),
            )
        )
    common = [qid for qid in order if columns[qid].count == candidates]
    rel: float | None = None
    name = "KR-20"
    if len(common) >= 2 and candidates >= 2:
        # every candidate had these items, so each column is in the rows' order
        matrix = [list(row) for row in zip(*(columns[qid].points for qid in common), strict=True)]
        maxes = [score_of[columns[qid].first_score] for qid in common]  # the first row's, as before
        name, rel = reliability(matrix, maxes)
    return ItemAnalysis(tuple(out), rel, name, candidates)


__all__ = ["exam_item_analysis", "item_analysis_of"]
