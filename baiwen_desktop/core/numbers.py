"""The one number rule for scores a person reads: every PDF, export and screen goes through here.

Scores are stored exactly (Decimal, 0.01). What is shown is rounded half up to one decimal
place and a trailing ".0" is dropped: 70.19 → 70.2, 59.95 → 60, 90.00 → 90. Pass/fail is decided
on the shown score, so a document can never print "60 分 不合格" with a pass mark of 60.
See docs/grading.md.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["SCORE_STEP", "exact_number", "format_score", "passes", "round_score"]

SCORE_STEP = Decimal("0.1")


def _decimal(value: Decimal | float | int) -> Decimal:
    # repr of a float is its shortest round-trip text: 60.25 stays 60.25, not 60.24999…
    return value if isinstance(value, Decimal) else Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def round_score(value: Decimal | float | int) -> Decimal:
    """The score as shown: half up to 0.1 (Decimal, so 0.05 always goes up)."""
    return _decimal(value).quantize(SCORE_STEP, rounding=ROUND_HALF_UP)


def format_score(value: Decimal | float | int) -> str:
    """Text of `round_score`: '70.2', '60', '0'; never '60.0', '-0' or an exponent."""
    text = format(round_score(value), "f")
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def passes(score: Decimal, pass_mark: Decimal) -> bool:
    """合格 when the score as shown reaches the pass mark."""
    return round_score(score) >= pass_mark


def exact_number(value: Decimal) -> str:
    """A defined value written back to a file unchanged (2 not 2.00, 0.25 stays 0.25)."""
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text
