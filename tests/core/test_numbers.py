"""The one number rule for scores a person reads (docs/grading.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from baiwen_desktop.core.numbers import exact_number, format_score, passes, round_score
from baiwen_desktop.core.question import format_score as reexported
from baiwen_desktop.reports.formatting import fmt_score

D = Decimal


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D("70.19"), "70.2"),
        (D("70.15"), "70.2"),  # half up, not half even
        (D("70.25"), "70.3"),
        (D("70.14"), "70.1"),
        (D("59.95"), "60"),
        (D("90.00"), "90"),
        (D("90"), "90"),
        (D("0.05"), "0.1"),
        (D("0.04"), "0"),
        (D("0"), "0"),
        (D("-0.00"), "0"),
        (D("1E+2"), "100"),
        (D("100.0"), "100"),
        (60.25, "60.3"),  # a float mean: its shortest text is rounded, not its binary value
        (58.98, "59"),
        (91, "91"),
        (2.675, "2.7"),
    ],
)
def test_format_score(value: Decimal | float | int, shown: str) -> None:
    assert format_score(value) == shown
    assert fmt_score(value) == shown and reexported(value) == shown


def test_round_score_is_a_decimal_step_of_a_tenth() -> None:
    assert round_score(D("70.19")) == D("70.2") and str(round_score(D("59.95"))) == "60.0"
    assert round_score(33.333333) == D("33.3")


def test_pass_is_decided_on_the_shown_score() -> None:
    assert passes(D("59.95"), D("60")) is True  # shown as 60: a document never says "60 分 不合格"
    assert passes(D("59.94"), D("60")) is False
    assert passes(D("60.00"), D("60")) is True
    assert passes(D("60.04"), D("60.1")) is False


def test_defined_values_are_written_exactly() -> None:
    assert exact_number(D("0.25")) == "0.25" and exact_number(D("2.00")) == "2" and exact_number(D("1E+1")) == "10"
