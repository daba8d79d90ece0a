"""The item analysis as services.documents computed it before the column-wise rewrite
(services/item_analysis.py), kept verbatim as the reference its tests compare against."""

from __future__ import annotations

from collections import defaultdict

from baiwen_desktop.core.question import OPTION_LETTERS, QType, question_label
from baiwen_desktop.core.stats import distractor_counts, item_stats, reliability
from baiwen_desktop.reports.data import ItemAnalysis, ItemAnalysisRow
from baiwen_desktop.services import frozen_papers, results
from baiwen_desktop.store.engine import Store


def item_analysis(store: Store, rows: list[results.ResultRow]) -> ItemAnalysis:
    """Per question over the candidates whose paper had it; reliability over the common items."""
    totals = {r.attempt_id: float(r.score) for r in rows}
    seen: dict[str, list[tuple[int, results.QuestionResult]]] = defaultdict(list)
    for r in rows:
        for q in r.questions:
            seen[q.question_id].append((r.attempt_id, q))
    # the questions as frozen in the papers: carried by the rows (services.results); read again only if not
    missing = [r.attempt_id for r in rows if any(q.question is None for q in r.questions)]
    papers = _papers(store, missing) if missing else {}
    order = sorted(seen, key=lambda qid: min(q.position for _, q in seen[qid]))
    out = []
    for no, qid in enumerate(order, start=1):
        entries = seen[qid]
        fr = [float(q.points / q.max_points) if q.max_points else 0.0 for _, q in entries]
        st = item_stats(no - 1, fr, [totals[a] for a, _ in entries])
        first_attempt, first = entries[0]
        question = first.question or papers[first_attempt][first.position]
        distractors = key = None
        if question.qtype in (QType.SINGLE, QType.MULTI):
            counts = distractor_counts([q.response if isinstance(q.response, list) else None for _, q in entries], len(question.options))
            distractors = {OPTION_LETTERS[i]: c for i, c in enumerate(counts)}
            key = "".join(OPTION_LETTERS[i] for i in question.correct)
        out.append(
            ItemAnalysisRow(
                no, qid, question.qtype.label, question.stem, st.facility, st.discrimination, st.point_biserial, distractors, key or "",
                label=question_label(qid, question.source),
            )
        )
    common = [qid for qid in order if len(seen[qid]) == len(rows)]
    rel: float | None = None
    name = "KR-20"
    if len(common) >= 2 and len(rows) >= 2:
        by_attempt = {r.attempt_id: {q.question_id: q for q in r.questions} for r in rows}
        matrix = [[by_attempt[r.attempt_id][qid].points for qid in common] for r in rows]
        maxes = [by_attempt[rows[0].attempt_id][qid].max_points for qid in common]
        name, rel = reliability(matrix, maxes)
    return ItemAnalysis(tuple(out), rel, name, len(rows))


def _papers(store: Store, attempt_ids: list[int]) -> dict[int, list]:  # type: ignore[type-arg]
    with store.session() as s:
        stored = frozen_papers.stored_many(s, attempt_ids)
        return {aid: [i.question for i in paper.items] for aid, paper in frozen_papers.thaw_many(s, stored).items()}
