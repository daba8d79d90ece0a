"""Paper rule: one question per 出处 as far as the rules allow; relaxations are named."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from baiwen_desktop.core.bankfile import load_bank
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.core.paper import Relaxation, generate_paper
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.datadir import bundled_bank_dir

D = Decimal


def single(qid: str, source: str) -> Question:
    return Question(qid, QType.SINGLE, qid, D(1), options=("a", "b"), correct=(0,), source=source, section="问")


def judge(qid: str, source: str) -> Question:
    return Question(qid, QType.JUDGE, qid, D(1), truth=True, source=source, section="问")


def exam(singles: int, judges: int = 0, **over: object):  # type: ignore[no-untyped-def]
    parts = [{"type": "单选", "count": singles, "score_each": 1}]
    if judges:
        parts.append({"type": "判断", "count": judges, "score_each": 1})
    return parse_exam({"title": "t", "duration_minutes": 30, "pass_mark": 1, "parts": parts, **over}, "test")


# 问1…问10, three 单选 each
TEN_ITEMS = [single(f"w{n:02d}-{k:02d}", f"问{n}") for n in range(1, 11) for k in range(1, 4)]


def sources(paper) -> Counter[str]:  # type: ignore[no-untyped-def]
    return Counter(i.question.source for i in paper.items)


def test_enough_items_means_one_question_each() -> None:
    for c in range(20):
        p = generate_paper(exam(10), TEN_ITEMS, "e", f"C{c}")
        assert sources(p) == Counter({f"问{n}": 1 for n in range(1, 11)})
        assert p.relaxations == ()


def test_a_second_question_only_where_needed_and_named() -> None:
    for c in range(20):
        p = generate_paper(exam(12), TEN_ITEMS, "e", f"C{c}")
        counts = sources(p)
        assert sorted(counts.values()) == [1] * 8 + [2, 2]  # never a third before every item has a second
        doubled = sorted((s for s, n in counts.items() if n == 2), key=lambda s: int(s[1:]))
        assert [r.source for r in p.relaxations] == doubled
        for r in p.relaxations:
            ids = tuple(sorted(i.question.id for i in p.items if i.question.source == r.source))
            assert r == Relaxation(r.source, ids, (1,))


def test_relaxation_text() -> None:
    r = Relaxation("问37", ("w37-01", "w37-03"), (1, 2))
    assert r.describe() == "问37 出了 2 道题（问37-1、问37-3）：第 1、2 部分没有足够的其他出处可选"


def test_a_later_rule_keeps_the_items_only_it_can_use() -> None:
    # 判断 exist only on 问1–问3; 单选 on 问1–问6. A greedy draw for 单选 would often take 问1–问3.
    bank = [single(f"s{n}", f"问{n}") for n in range(1, 7)] + [judge(f"j{n}", f"问{n}") for n in range(1, 4)]
    for c in range(30):
        p = generate_paper(exam(3, 3), bank, "e", f"C{c}")
        by_part = [{i.question.source for i in p.items if i.part == k} for k in (0, 1)]
        assert by_part == [{"问4", "问5", "问6"}, {"问1", "问2", "问3"}]
        assert p.relaxations == ()


def test_deterministic_and_off_switch() -> None:
    a = generate_paper(exam(12), TEN_ITEMS, "e", "C1")
    b = generate_paper(exam(12), list(reversed(TEN_ITEMS)), "e", "C1")
    assert a == b and a.relaxations == b.relaxations
    assert generate_paper(exam(12), TEN_ITEMS, "e", "C2") != a
    # switched off: plain random draw, some paper takes three questions from one item, nothing is reported
    plain = [generate_paper(exam(12, spread_sources=False), TEN_ITEMS, "e", f"C{c}") for c in range(30)]
    assert all(p.relaxations == () for p in plain)
    assert any(max(sources(p).values()) >= 3 for p in plain)


def test_standard_exam_on_the_bundled_bank_has_47_distinct_items() -> None:
    bank = load_bank([bundled_bank_dir()]).questions
    e = parse_exam(STANDARD_EXAM, "standard")
    for c in range(10):
        p = generate_paper(e, bank, "exam-1", f"E{c:03d}")
        assert len(p.items) == 47 and len(sources(p)) == 47 and p.relaxations == ()
    fixed = parse_exam({**STANDARD_EXAM, "fixed_paper": True}, "standard")
    assert len(sources(generate_paper(fixed, bank, "exam-1", "E1"))) == 47
