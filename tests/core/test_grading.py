from __future__ import annotations

from decimal import Decimal

import pytest

from baiwen_desktop.core.grading import grade_blanks, grade_item, key_text, response_text
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.question import QType, Question, ScoringPoint

D = Decimal


def item(q: Question, score: str = "2", order: tuple[int, ...] | None = None) -> PaperItem:
    return PaperItem(q, D(score), 0, order if order is not None else tuple(range(len(q.options))))


SINGLE = Question("s", QType.SINGLE, "城市地区供电可靠率不低于（  ）。", D(1), options=("99%", "99.9%", "96%", "99.99%"), correct=(1,))
MULTI = Question("m", QType.MULTI, "“四个服务”包括", D(2), options=("党和国家", "电力客户", "发电企业", "供电企业"), correct=(0, 1, 2))
ALL_RIGHT = Question("a", QType.MULTI, "都对", D(2), options=("甲", "乙", "丙"), correct=(0, 1, 2))
JUDGE = Question("j", QType.JUDGE, "城区抢修45分钟到达。", D(1), truth=True)
BLANK = Question("b", QType.BLANK, "城区（  ）分钟，农村（  ）分钟，边远（  ）小时。", D(3), blanks=(("45",), ("90",), ("2", "两")))
ORDER_FREE = Question(
    "o", QType.BLANK, "四种意识：（  ）（  ）（  ）（  ）", D(4),
    blanks=(("企业意识",), ("大局意识",), ("责任意识",), ("服务意识",)), order_free=((0, 1, 2, 3),),
)
SHORT = Question(
    "t", QType.SHORT, "薄弱环节？", D(6), reference="…",
    points=(ScoringPoint(("服务观念",), D(2)), ScoringPoint(("服务意识", "意识"), D(2)), ScoringPoint(("监督考核", "考核监督"), D(2))),
)


def test_single_exact_match() -> None:
    assert grade_item(item(SINGLE), [1]).points == D(2)
    assert grade_item(item(SINGLE), [0]).points == D(0)
    assert grade_item(item(SINGLE), None).answered is False


def test_judge_exact_match() -> None:
    assert grade_item(item(JUDGE, "1"), True).correct
    assert grade_item(item(JUDGE, "1"), False).points == 0


@pytest.mark.parametrize(
    ("chosen", "strict", "partial"),
    [
        ([0, 1, 2], "2.00", "2.00"),  # all right
        ([0, 1], "0.00", "1.00"),  # a subset of the right ones
        ([0], "0.00", "1.00"),
        ([0, 1, 3], "0.00", "0.00"),  # any wrong option gives 0
        ([0, 1, 2, 3], "0.00", "0.00"),  # ticking everything never pays
        ([3], "0.00", "0.00"),
    ],
)
def test_multi_policies(chosen: list[int], strict: str, partial: str) -> None:
    assert grade_item(item(MULTI), chosen, "strict").points == D(strict)
    assert grade_item(item(MULTI), chosen, "partial").points == D(partial)


def test_partial_fraction_is_configurable() -> None:
    assert grade_item(item(MULTI, "3"), [0], "partial", D("0.4")).points == D("1.20")


def test_ticking_every_option_pays_only_when_all_are_correct() -> None:
    assert grade_item(item(ALL_RIGHT), [0, 1, 2], "strict").points == D(2)


def test_blank_per_blank_scores_and_normalisation() -> None:
    g = grade_item(item(BLANK, "3"), ["四十五", "９０", "三"])
    assert g.blank_results == (True, True, False)
    assert g.points == D("2.00")
    assert grade_item(item(BLANK, "3"), ["45", "九十", "两"]).points == D(3)


def test_blank_scores_are_exact_decimals() -> None:
    g = grade_item(item(BLANK, "2"), ["45", "x", "x"])  # 2 * 1/3
    assert g.points == D("0.67")
    assert isinstance(g.points, Decimal)


def test_order_free_group_any_order_but_no_double_counting() -> None:
    it = item(ORDER_FREE, "4")
    assert grade_item(it, ["服务意识", "企业意识", "责任意识", "大局意识"]).points == D(4)
    # the same right answer twice counts once
    assert grade_item(it, ["服务意识", "服务意识", "责任意识", "大局意识"]).points == D(3)


def test_order_matters_outside_a_group() -> None:
    assert grade_item(item(BLANK, "3"), ["90", "45", "2"]).blank_results == (False, False, True)


def test_short_answer_is_a_pending_suggestion() -> None:
    g = grade_item(item(SHORT, "6"), "要转变服务观念，加强监督考核。")
    assert g.pending
    assert g.matched_points == (0, 2)
    assert g.points == D(4)


def test_short_answer_scales_to_paper_score() -> None:
    g = grade_item(item(SHORT, "3"), "服务观念、意识、考核监督")
    assert g.points == D(3)


def test_letters_follow_the_candidates_shuffled_order() -> None:
    it = item(SINGLE, order=(3, 1, 0, 2))  # shown: D:99.99% B:99.9% ... so 99.9% is shown as B
    assert key_text(it) == "B"
    it2 = item(SINGLE, order=(1, 0, 2, 3))
    assert key_text(it2) == "A"
    assert response_text(it2, [0]) == "B"


def test_blank_keys_are_normalised_as_the_answers_are() -> None:
    """The keys go through normalise (full-width, case, Chinese numerals, trailing punctuation), kept
    per question by grading's cache: the same verdicts the second time a question is graded."""
    blanks = (("１０ｋＶ",), ("三相。", "三相制"))
    for _ in range(2):
        assert grade_blanks(blanks, (), ["10kv", "3相"]) == [True, True]
        assert grade_blanks(blanks, (), ["10kv", "三项"]) == [True, False]
