"""Practice rules: FSRS with fixed dates, the 错题本, mode order, the bundled source text."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from fsrs import Rating

from baiwen_desktop.core import practice as rules
from baiwen_desktop.core.bankfile import load_bank
from baiwen_desktop.core.practice import Focus, Tally
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.core.source_text import find_spans, highlight_spans, parse_source, search
from baiwen_desktop.resources import resources_dir

NOW = datetime(2026, 3, 2, 9, 0)
BANK = load_bank([Path(__file__).resolve().parents[2] / "question_bank"]).questions
SOURCE = parse_source((resources_dir() / "source" / "baiwen_2009.txt").read_text(encoding="utf-8"))


def q(qid: str, source: str, qtype: QType = QType.SINGLE) -> Question:
    from decimal import Decimal

    return Question(qid, qtype, "题干", Decimal(1), options=("甲", "乙"), correct=(0,), source=source, section=rules.item_section(source))


def test_wrong_answer_is_due_sooner_than_right_one() -> None:
    start = rules.new_card(1, NOW)
    wrong = rules.apply_answer(start, QType.SINGLE, False, 20_000, NOW)
    right = rules.apply_answer(start, QType.SINGLE, True, 20_000, NOW)
    quick = rules.apply_answer(start, QType.SINGLE, True, 4_000, NOW)
    assert wrong.due == datetime(2026, 3, 3, 9, 0)  # Again: tomorrow
    assert right.due == datetime(2026, 3, 4, 9, 0)  # Good: in two days
    assert quick.due == datetime(2026, 3, 10, 9, 0)  # Easy (answered in 4 s): in eight days
    # reviewed on the day it falls due, right again: the interval grows
    again = rules.apply_answer(right, QType.SINGLE, True, 20_000, right.due)
    assert again.due == datetime(2026, 3, 15, 9, 0)
    assert (wrong.reps, wrong.lapses, right.lapses) == (1, 1, 0)


def test_rating_comes_from_right_wrong_and_time() -> None:
    assert rules.rating_for(QType.JUDGE, False, 1_000) is Rating.Again
    assert rules.rating_for(QType.JUDGE, True, 6_000) is Rating.Easy
    assert rules.rating_for(QType.JUDGE, True, 6_001) is Rating.Good
    assert rules.rating_for(QType.JUDGE, True, 25_001) is Rating.Hard
    assert rules.rating_for(QType.MULTI, True, 30_000) is Rating.Good


def test_wrong_book_leaves_after_three_right_in_a_row() -> None:
    s = rules.apply_answer(rules.new_card(1, NOW), QType.JUDGE, False, 5_000, NOW)
    assert s.in_wrong_book and s.wrong_since == NOW
    s = rules.apply_answer(s, QType.JUDGE, True, 5_000, NOW)
    s = rules.apply_answer(s, QType.JUDGE, True, 5_000, NOW)
    s = rules.apply_answer(s, QType.JUDGE, False, 5_000, NOW)  # a slip resets the run
    assert s.in_wrong_book and s.right_in_row == 0 and s.wrong_since == NOW
    for _ in range(2):
        s = rules.apply_answer(s, QType.JUDGE, True, 5_000, NOW)
    assert s.in_wrong_book and s.right_in_row == 2
    s = rules.apply_answer(s, QType.JUDGE, True, 5_000, NOW)
    assert not s.in_wrong_book and s.wrong_since is None
    assert not rules.remove_from_wrong_book(rules.apply_answer(s, QType.JUDGE, False, 1, NOW)).in_wrong_book


def test_order_is_by_source_item_and_resumes() -> None:
    qs = [q("x3", "查1"), q("x1", "问10"), q("x2", "问2"), q("x4", "问2")]
    assert [x.id for x in rules.in_order(qs)] == ["x2", "x4", "x1", "x3"]
    assert [x.id for x in rules.order_from(qs, {"x2"}, None)] == ["x4", "x1", "x3", "x2"]
    assert [x.id for x in rules.order_from(qs, set(), "问10")] == ["x1", "x3"]
    ordered = rules.in_order(BANK)
    assert (ordered[0].source, ordered[-1].source) == ("问1", "查50")


def test_random_focus_and_review_selection() -> None:
    a = [x.id for x in rules.shuffled(BANK, 7)]
    assert a == [x.id for x in rules.shuffled(reversed(BANK), 7)] and a != [x.id for x in rules.shuffled(BANK, 8)]
    judge_cha = rules.focused(BANK, Focus(sections=("查行为规范",), types=(QType.JUDGE,)))
    assert judge_cha and all(x.qtype is QType.JUDGE and x.section == "查行为规范" for x in judge_cha)
    tagged = rules.focused(BANK, Focus(tags=("十项承诺",)))
    assert tagged and all("十项承诺" in x.tags for x in tagged)
    qs = [q("a", "问1"), q("b", "问2"), q("c", "问3")]
    due = {"a": datetime(2026, 3, 2, 23, 0), "b": datetime(2026, 3, 1, 8, 0), "c": datetime(2026, 3, 3, 0, 0)}
    assert [x.id for x in rules.due_first(qs, due, NOW)] == ["b", "a"]


def test_streak_and_tally() -> None:
    today = date(2026, 3, 2)
    assert rules.streak_days([date(2026, 3, 2), date(2026, 3, 1), date(2026, 2, 28), date(2026, 2, 26)], today) == 3
    assert rules.streak_days([date(2026, 3, 1), date(2026, 2, 28)], today) == 2  # not yet today
    assert rules.streak_days([date(2026, 2, 27)], today) == 0
    t = Tally().add(True).add(False).add(True)
    assert (t.answered, t.right, rules.format_accuracy(t)) == (3, 2, "67%")


def test_bundled_source_text_has_every_item_fixed() -> None:
    assert list(SOURCE) == list(rules.ALL_ITEMS)
    text = "".join(i.text for i in SOURCE.values())
    assert "臵" not in text and text.count("装置") >= 10
    assert SOURCE["问36"].title.startswith("用电检查人员必须遵守的检查纪律")
    assert SOURCE["问48"].title == "营销安全风险是如何分类的?"
    assert SOURCE["问49"].title == "客户服务安全风险的内涵是什么?"
    assert SOURCE["查21"].title == "查客户受电装置隐患整改情况。"
    assert "99.9%" in SOURCE["问14"].body
    assert {x.source for x in BANK} <= set(SOURCE)
    assert rules.item_section("查11") == "查制度执行" and rules.item_section("查12") == "查行为规范"


def test_key_phrase_is_found_in_the_passage() -> None:
    w0101 = next(x for x in BANK if x.id == "w01-01")  # answer 可持续
    item = SOURCE["问1"]
    spans = highlight_spans(item, w0101)
    assert any("可持续" in item.text[s:e] for s, e in spans)
    # half-width commas and spaces in the saved page still match the bank's full-width text
    assert find_spans("不低于 99.9%,居民", ["不低于99.9%，居民"]) == [(0, 12)]
    found = sum(bool(highlight_spans(SOURCE[x.source], x)) for x in BANK)
    assert found >= len(BANK) - 5


def test_search_source() -> None:
    assert search(SOURCE, "十项承诺") == ["问14"]
    assert search(SOURCE, "查21") == ["查21"]
    assert len(search(SOURCE, "")) == 99
