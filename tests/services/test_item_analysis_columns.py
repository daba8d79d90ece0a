"""The column-wise item analysis (services/item_analysis.py) gives exactly the figures of the
per-candidate rows it replaced (tests/services/previous_item_analysis.py), on generated classes."""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.reports.data import ItemAnalysis
from baiwen_desktop.services import (
    attempts,
    bulk_attempts,
    documents,
    exams,
    item_analysis,
    results,
    retakes,
    roster,
    sessions,
)
from baiwen_desktop.services.demo import simulate_response
from baiwen_desktop.services.item_analysis import exam_item_analysis
from baiwen_desktop.store.engine import Store
from tests.services.previous_item_analysis import item_analysis as previous_item_analysis

_class_no = itertools.count()


def _previous(store: Store, exam_id: int) -> ItemAnalysis:
    """What documents.generate("analysis") computed before: the counting, final rows with their questions."""
    return previous_item_analysis(store, [r for r in results.results(store, exam_id) if not r.pending_review])


def _sit(store: Store, people: int, rng: random.Random, *, fixed: bool, short: bool, policy: str, counts: str, retakers: int, units: int) -> int:
    """A class of `people` sits a small exam (responses through attempts.save_answer); some retake it."""
    n = next(_class_no)
    cls = f"分析班{n}"
    units_ = ["城区供电所", "城郊供电所", "营销部"][:units]
    roster.import_rows(store, [RosterRow(f"A{n:03d}{i:03d}", f"考生{i}", rng.choice(units_), "", cls) for i in range(people)], "t")
    parts = [
        {"type": "单选", "count": 3, "score_each": 2},
        {"type": "多选", "count": 2, "score_each": 3},
        {"type": "判断", "count": 2, "score_each": 1},
        {"type": "填空", "count": 1, "score_each": 2},
    ] + ([{"type": "简答", "count": 1, "score_each": 5}] if short else [])
    exam = parse_exam(
        {**STANDARD_EXAM, "title": f"分析{n}", "pass_mark": 10, "parts": parts, "fixed_paper": fixed, "multi_policy": policy, "counts": counts, "allow_retake": True}, "t"
    )
    exam_id = exams.create_exam(store, exam, "t").id
    session_id = sessions.open_session(store, exam_id, "t", class_name=cls).id
    ids = [c.id for c in roster.list_candidates(store, class_name=cls)]
    started = bulk_attempts.start_many(store, session_id, ids, "一号机")
    retaking = ids[:retakers]
    for round_ in range(2):
        for aid in started:
            st_ = attempts.load_attempt(store, aid)
            accuracy = rng.random()
            for pos, item in enumerate(st_.paper.items):
                if item.question.qtype.value == "简答" and rng.random() < 0.5:
                    continue  # an unanswered 简答 is final (0); an answered one awaits 阅卷
                if rng.random() < 0.9:
                    attempts.save_answer(store, aid, pos, simulate_response(item, accuracy, rng), False, token=st_.lease_token)
        bulk_attempts.submit_many(store, started, "submitted", "")
        if round_ or not retaking:
            break
        started = []
        for cid in retaking:
            c = next(c for c in roster.list_candidates(store, class_name=cls) if c.id == cid)
            retakes.grant(store, exam_id, c.employee_no, "补考", "t")
            started.append(attempts.start_attempt(store, session_id, cid, "一号机").attempt_id)
    return exam_id


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    people=st.integers(1, 9),
    seed=st.integers(0, 2**16),
    fixed=st.booleans(),
    short=st.booleans(),
    policy=st.sampled_from(["strict", "partial"]),
    counts=st.sampled_from(["first", "best", "last"]),
    retakers=st.integers(0, 2),
    units=st.integers(1, 3),
)
def test_column_wise_analysis_equals_the_previous_one(
    store: Store, people: int, seed: int, fixed: bool, short: bool, policy: str, counts: str, retakers: int, units: int
) -> None:
    exam_id = _sit(store, people, random.Random(seed), fixed=fixed, short=short, policy=policy, counts=counts, retakers=min(retakers, people), units=units)
    try:
        want = _previous(store, exam_id)
    except IndexError:  # every counting attempt awaits 阅卷: no rows
        with pytest.raises(BaiwenError):
            exam_item_analysis(store, exam_id)
        return
    if not want.rows:
        return
    got = exam_item_analysis(store, exam_id)
    assert got == want
    assert got.candidate_count == len([r for r in results.results(store, exam_id) if not r.pending_review])


def test_a_fixed_paper_class_has_a_reliability_and_the_pdf_uses_these_figures(store: Store, tmp_path: Path) -> None:
    exam_id = _sit(store, 30, random.Random(5), fixed=True, short=False, policy="partial", counts="best", retakers=0, units=3)
    got = exam_item_analysis(store, exam_id)
    assert got == _previous(store, exam_id)
    assert got.reliability is not None and got.reliability_name in ("KR-20", "Cronbach α") and len(got.rows) == 8  # one paper for all (a 补考 would draw another)
    assert got.rows[0].distractors is not None and sum(got.rows[0].distractors.values()) > 0
    (pdf,) = documents.generate(store, "analysis", exam_id, tmp_path / "a.pdf")
    assert pdf.stat().st_size > 0


def test_an_analysis_read_in_chunks_is_the_previous_one(any_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    exam_id = _sit(any_store, 9, random.Random(3), fixed=False, short=False, policy="partial", counts="best", retakers=2, units=2)
    monkeypatch.setattr(item_analysis, "CHUNK", 2)  # 9 counting attempts: five chunks
    reads: list[int] = []
    real = item_analysis.answers_by_attempt

    def spy(conn: Any, ids: Any, **kw: Any) -> Any:
        reads.append(len(ids))
        return real(conn, ids, **kw)

    monkeypatch.setattr(item_analysis, "answers_by_attempt", spy)
    assert exam_item_analysis(any_store, exam_id) == _previous(any_store, exam_id)
    assert reads == [2, 2, 2, 2, 1]
