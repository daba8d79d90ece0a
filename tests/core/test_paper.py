from __future__ import annotations

import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baiwen_desktop.core.exam import parse_exam
from baiwen_desktop.core.paper import PaperError, _shuffled, check_rules, generate_paper
from baiwen_desktop.core.question import QType, Question

D = Decimal


def bank() -> list[Question]:
    qs = []
    for i in range(30):
        qs.append(Question(f"s{i:02d}", QType.SINGLE, f"单选{i}", D(1), options=("a", "b", "c", "d"), correct=(i % 4,), section="问", difficulty=1 + i % 5))
    for i in range(10):
        qs.append(Question(f"j{i:02d}", QType.JUDGE, f"判断{i}", D(1), truth=bool(i % 2), section="查行为规范", tags=("95598",)))
    return qs


def exam(**over: object):
    data = {"title": "t", "duration_minutes": 30, "pass_mark": 10, "parts": [
        {"type": "单选", "count": 10, "score_each": 2}, {"type": "判断", "count": 5, "score_each": 1}]}
    data.update(over)
    return parse_exam(data, "test")


def test_deterministic_per_candidate() -> None:
    a = generate_paper(exam(), bank(), "e1", "C001", 0)
    b = generate_paper(exam(), bank(), "e1", "C001", 0)
    assert a == b
    c = generate_paper(exam(), bank(), "e1", "C002", 0)
    assert [i.question.id for i in a.items] != [i.question.id for i in c.items]
    d = generate_paper(exam(), bank(), "e1", "C001", 1)
    assert [i.question.id for i in a.items] != [i.question.id for i in d.items]


def test_independent_of_bank_order() -> None:
    qs = bank()
    assert generate_paper(exam(), qs, "e1", "C1") == generate_paper(exam(), list(reversed(qs)), "e1", "C1")


@pytest.mark.parametrize("candidate", [f"C{n}" for n in range(20)])
def test_no_duplicates_and_rules_respected(candidate: str) -> None:
    p = generate_paper(exam(), bank(), "e1", candidate)
    ids = [i.question.id for i in p.items]
    assert len(ids) == len(set(ids)) == 15
    assert [i.question.qtype for i in p.items] == [QType.SINGLE] * 10 + [QType.JUDGE] * 5
    assert p.total == D(25)


def test_overlapping_rules_never_repeat_a_question() -> None:
    e = exam(parts=[{"type": "单选", "count": 20, "score_each": 1}, {"type": "单选", "count": 10, "score_each": 1}])
    p = generate_paper(e, bank(), "e1", "C1")
    assert len({i.question.id for i in p.items}) == 30


def test_unsatisfiable_rule_names_rule_needed_available() -> None:
    e = exam(parts=[{"type": "单选", "count": 5, "score_each": 1}, {"type": "判断", "count": 11, "score_each": 1}])
    with pytest.raises(PaperError) as err:
        generate_paper(e, bank(), "e1", "C1")
    assert (err.value.rule_no, err.value.needed, err.value.available) == (2, 11, 10)
    assert "第 2 部分" in err.value.zh and "11" in err.value.zh and "10" in err.value.zh
    assert [c.missing for c in check_rules(e, bank())] == [0, 1]


def test_filters_by_section_tag_and_difficulty() -> None:
    e = exam(pass_mark=0, parts=[{"type": "单选", "count": 6, "score_each": 1, "difficulty_min": 1, "difficulty_max": 1}])
    assert check_rules(e, bank())[0].available == 6
    e2 = exam(pass_mark=0, parts=[{"type": "判断", "count": 1, "score_each": 1, "tags": ["95598"], "sections": ["查行为规范"]}])
    assert check_rules(e2, bank())[0].available == 10
    e3 = exam(pass_mark=0, parts=[{"type": "判断", "count": 1, "score_each": 1, "sections": ["问"]}])
    assert check_rules(e3, bank())[0].available == 0


def test_fixed_paper_same_questions_options_still_shuffled() -> None:
    e = exam(fixed_paper=True)
    papers = [generate_paper(e, bank(), "e1", f"C{n}") for n in range(8)]
    ids = {tuple(i.question.id for i in p.items) for p in papers}
    assert len(ids) == 1
    orders = {tuple(i.option_order for i in p.items) for p in papers}
    assert len(orders) > 1


def test_no_option_shuffle_keeps_order() -> None:
    p = generate_paper(exam(shuffle_options=False), bank(), "e1", "C1")
    assert all(i.option_order == (0, 1, 2, 3) for i in p.items if i.question.qtype is QType.SINGLE)


def test_paper_round_trips_through_json_form() -> None:
    from baiwen_desktop.core.paper import Paper

    p = generate_paper(exam(), bank(), "e1", "C1")
    assert Paper.from_dict(p.to_dict()) == p


def test_a_memo_shares_only_identical_questions() -> None:
    from dataclasses import replace

    from baiwen_desktop.core.paper import Paper, QuestionMemo

    a = generate_paper(exam(), bank(), "e1", "C1")
    changed = Paper(tuple(replace(i, question=replace(i.question, correct=(3,))) if n == 0 else i for n, i in enumerate(a.items)), a.part_titles)
    memo: QuestionMemo = {}
    first, again, other = (Paper.from_dict(p.to_dict(), memo) for p in (a, a, changed))
    assert first == again == a and other == changed  # the same papers as without a memo
    assert all(x.question is y.question for x, y in zip(first.items, again.items, strict=True))
    assert other.items[0].question is not first.items[0].question and other.items[0].question.correct == (3,)
    assert other.items[1].question is first.items[1].question


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**64), st.integers(1, 9), st.integers(1, 5))
def test_option_shuffle_draws_as_random_shuffle(seed: int, n: int, times: int) -> None:
    """assemble_paper's inlined shuffle gives the orders random.shuffle gave (the papers drawn
    before it) and leaves the generator where shuffle leaves it."""
    mine, theirs = random.Random(seed), random.Random(seed)
    for _ in range(times):
        order = list(range(n))
        theirs.shuffle(order)
        assert _shuffled(n, mine.getrandbits) == tuple(order)
    assert mine.getstate() == theirs.getstate()


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=8), st.integers(0, 2**32), st.sampled_from([2, 3, 4, 5, 6, 7]))
def test_a_papers_option_orders_are_random_shuffles_in_paper_order(candidate: str, seed: int, options: int) -> None:
    """paper_items' inlined shuffle: each choice item's order is what random.shuffle gives, drawn one
    item after another from the paper's option generator (the papers drawn before it)."""
    from baiwen_desktop.core.paper import _rng, draw_questions, paper_items

    qs = [Question(f"m{i:02d}", QType.MULTI, f"多选{i}", D(1), options=tuple("abcdefg"[:options]), correct=(0, 1)) for i in range(12)] + bank()
    ex = exam(parts=[{"type": "单选", "count": 6, "score_each": 2}, {"type": "多选", "count": 5, "score_each": 1}, {"type": "判断", "count": 3, "score_each": 1}])
    items = paper_items(ex, draw_questions(ex, qs, "e1", candidate, seed), "e1", candidate, seed)
    theirs = _rng("e1", candidate, seed, ex.seed, "options")
    for q, _, _, order in items:
        want = list(range(len(q.options)))
        if q.qtype in (QType.SINGLE, QType.MULTI):
            theirs.shuffle(want)
        assert order == tuple(want)
    assert [i.option_order for i in generate_paper(ex, qs, "e1", candidate, seed).items] == [order for *_, order in items]
