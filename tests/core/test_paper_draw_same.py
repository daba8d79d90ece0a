"""The draw with its random draws inlined gives the very papers the previous draw gave:
same picks, same order, and the generator left in the same state."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baiwen_desktop.core.exam import ExamDefinition
from baiwen_desktop.core.paper import PaperError, _spread_picks, draw_pool
from baiwen_desktop.core.question import Question
from tests.core.previous_draw import previous_spread_picks
from tests.core.test_paper_draw_properties import cases


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.integers(0, 2**64))
def test_inlined_draw_equals_the_previous_draw(case: tuple[list[Question], ExamDefinition], seed: int) -> None:
    bank, exam = case
    pool = draw_pool(exam.parts, bank)
    mine, theirs = random.Random(seed), random.Random(seed)
    try:
        want = previous_spread_picks(pool, theirs)
    except PaperError as e:
        try:
            _spread_picks(pool, mine)
        except PaperError as f:
            assert (f.zh, f.rule_no) == (e.zh, e.rule_no)
            return
        raise AssertionError("the previous draw refused, this one did not") from None
    assert [[q.id for q in part] for part in _spread_picks(pool, mine)] == [[q.id for q in part] for part in want]
    assert mine.getstate() == theirs.getstate()
