"""试题分析 of an exam, column by column: per question the fractions, totals and choices of the
candidates whose paper had it, read straight from the answer rows.

An HQ exam has thousands of counted attempts × 100 answers drawn from thousands of questions.
Only what the statistics need is read (each answer's points and, for a choice question, its
response; each paper's questions and scores), with no per-answer result object, response text
or key text. The figures are those of the per-candidate rows (services.results) computed in
the same order: rows by (unit, employee_no, attempt), answers by position.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.gc_pause import cycle_collection_paused
from baiwen_desktop.core.question import OPTION_LETTERS, QType, Question, question_label
from baiwen_desktop.core.stats import distractor_counts, item_stats, reliability
from baiwen_desktop.reports.data import ItemAnalysis, ItemAnalysisRow
from baiwen_desktop.services import frozen_papers, results
from baiwen_desktop.store import json_codec
from baiwen_desktop.store.answer_columns import AnswerColumns, answers_by_attempt
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Attempt

CHUNK = 500  # attempts whose papers and answers are read at a time
_ZERO = Decimal(0)
_ORDER = list(range(1_000))  # positions 0, 1, 2, …: a paper's answers as a start writes them
_NO_ANSWERS = AnswerColumns([], [], [], [])


@dataclass(slots=True, eq=False)  # compared by identity, in C: `None in cols` looks at 100 of them a paper
class _Column:
    """One question over the candidates whose paper had it, in row order."""

    question: Question  # as frozen in the first of those papers
    choice: bool  # 单选/多选: the responses are counted per option
    first_score: str  # the item's score as stored in the first of those papers
    fractions: list[float] = field(default_factory=list)
    totals: list[float] = field(default_factory=list)
    points: list[Decimal] = field(default_factory=list)
    responses: list[str | None] = field(default_factory=list)  # stored JSON text (read for choice questions only)
    positions: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.fractions)

    @property
    def first_position(self) -> int:
        return min(self.positions)


@cycle_collection_paused()
def exam_item_analysis(store: Store, exam_id: int, class_name: str | None = None) -> ItemAnalysis:
    """Per question over the candidates whose paper had it; reliability over the items every
    candidate had. The attempts are those of the 试题分析 report: the one that counts per
    candidate, final (not awaiting 阅卷)."""
    rows = [r for r in results.results(store, exam_id, class_name, with_questions=False) if not r.pending_review]
    if not rows:
        raise BaiwenError("该考试还没有已定分的成绩（简答题需先完成阅卷）", "no final results for this exam yet (review short answers first)")
    return item_analysis_of(store, rows)


class _Fractions(dict[tuple[Decimal, str], float]):
    """(points, score text) -> the fraction of the item's score earned: a few distinct pairs per exam."""

    def __init__(self) -> None:
        super().__init__()
        self.scores: dict[str, Decimal] = {}

    def __missing__(self, key: tuple[Decimal, str]) -> float:
        pts, score_text = key
        score = self.scores.get(score_text)
        if score is None:
            score = self.scores[score_text] = Decimal(score_text)
        fr = self[key] = float(pts / score) if score else 0.0
        return fr


# NULL and any zero (0.00) as Decimal 0, as the per-candidate rows read them (`points or 0`); in C:
# dict.get(points, points)
_AS_ZERO = {None: _ZERO, _ZERO: _ZERO}.get


@cycle_collection_paused()  # 300,000 answer rows and 3,000 decoded papers alive at once: see core.gc_pause
def item_analysis_of(store: Store, rows: Sequence[results.ResultRow]) -> ItemAnalysis:
    """The analysis of these attempts (their `questions` are not used: read column-wise here).

    Each answer is appended to its question's column as the rows are read, in row order: one
    Python step per answer. (Gathering flat row-order lists into columns afterwards, all in C,
    reads 300,000 entries at random, a cache miss each, and costs more than this loop.)"""
    columns: list[_Column] = []  # in the order first seen
    by_id: dict[str, _Column] = {}  # question id -> its column
    by_object: dict[int, _Column] = {}  # id(question object) -> its column (papers share their Question objects)
    seen: list[object] = []  # keeps those objects alive, so no id() is reused meanwhile
    fraction_of = _Fractions()
    with store.session() as s:
        for part, stored, answers in _chunks(s, rows):
            papers = frozen_papers.thaw_texts(s, stored)
            for r in part:
                qs, texts = papers.pop(r.attempt_id)
                _, mine, raws, earned = answers.get(r.attempt_id, _NO_ANSWERS)
                earned = list(map(_AS_ZERO, earned, earned))
                if mine != _ORDER[: len(qs)]:  # not every position in order, as a start writes them
                    qs, texts = [qs[p] for p in mine], [texts[p] for p in mine]
                cols = list(map(by_object.get, map(id, qs)))
                if None in cols:  # a question object not seen yet
                    for i, q in enumerate(qs):
                        if cols[i] is None:
                            col = by_id.get(q.id)
                            if col is None:
                                col = by_id[q.id] = _Column(q, q.qtype in (QType.SINGLE, QType.MULTI), texts[i])
                                columns.append(col)
                            by_object[id(q)] = cols[i] = col
                            seen.append(q)
                total = float(r.score)
                for col, fraction, pts, raw, pos in zip(cols, map(fraction_of.__getitem__, zip(earned, texts, strict=True)), earned, raws, mine, strict=True):
                    col.fractions.append(fraction)
                    col.totals.append(total)
                    col.points.append(pts)
                    col.responses.append(raw)
                    col.positions.append(pos)
    return _analysis({col.question.id: col for col in columns}, len(rows), fraction_of.scores)


_Chunk = tuple[Sequence[results.ResultRow], dict[int, Any], dict[int, AnswerColumns]]


def _chunks(s: Session, rows: Sequence[results.ResultRow]) -> Iterator[_Chunk]:
    """The rows CHUNK at a time, each with its attempts' stored papers (frozen_papers.stored_text) and
    answer columns, read in the session's one transaction. (Reading the next chunk on a thread while
    this one is worked on was measured on a quiet machine: no faster, so it was left out.)"""
    conn = s.connection()
    paper_text = frozen_papers.stored_text(s)
    for start in range(0, len(rows), CHUNK):
        part = rows[start : start + CHUNK]
        ids = [r.attempt_id for r in part]
        stored = dict(list(conn.execute(select(Attempt.id, paper_text).where(Attempt.id.in_(ids)))))
        yield part, stored, answers_by_attempt(conn, ids, counted=True, with_ids=False)


def _analysis(columns: dict[str, _Column], candidates: int, score_of: dict[str, Decimal]) -> ItemAnalysis:
    order = sorted(columns, key=lambda qid: columns[qid].first_position)
    chosen_of: dict[tuple[str | None, int], list[int]] = {}  # (stored response, options) -> its count per option
    out = []
    for no, qid in enumerate(order, start=1):
        col = columns[qid]
        question = col.question
        st = item_stats(no - 1, col.fractions, col.totals)
        distractors = key = None
        if col.choice:
            # each distinct stored response counted once and weighted by how many gave it: the same
            # sums distractor_counts makes over every response (a question has a few distinct ones)
            n = len(question.options)
            counts = [0] * n
            for raw, times in Counter(col.responses).items():
                chosen = chosen_of.get((raw, n))
                if chosen is None:
                    value = None if raw is None else json_codec.loads(raw)
                    chosen = chosen_of[raw, n] = distractor_counts([value if isinstance(value, list) else None], n)
                counts = [c + got * times for c, got in zip(counts, chosen, strict=True)]
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
