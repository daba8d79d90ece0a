"""core.stats.item_stats in C (map over lists) gives bit for bit the figures of the generator
version it replaced (copied below), so an item analysis reads the same before and after."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from baiwen_desktop.core.stats import ItemStats, item_stats


def _previous_pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0 or sxx * syy == 0:  # the product's underflow: once a ZeroDivisionError in both
        return 0.0
    return sxy / math.sqrt(sxx * syy)


def _previous_item_stats(index: int, fractions: Sequence[float], totals: Sequence[float]) -> ItemStats:
    n = len(fractions)
    if n == 0:
        return ItemStats(index, 0.0, 0.0, 0.0)
    order = sorted(range(n), key=lambda c: totals[c])
    k = max(1, round(n * 0.27))
    lower, upper = order[:k], order[-k:]
    p = statistics.fmean(fractions)
    d = statistics.fmean(fractions[c] for c in upper) - statistics.fmean(fractions[c] for c in lower)
    return ItemStats(index, p, d, _previous_pearson(fractions, totals))


fraction = st.one_of(st.sampled_from([0.0, 1.0, 0.5, 1 / 3, 2 / 3]), st.floats(0, 1))
total = st.one_of(st.integers(0, 100).map(float), st.floats(0, 100), st.sampled_from([72.5, 33.33, 66.67]))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(fraction, total), max_size=80))
def test_item_stats_are_those_of_the_previous_version(rows: list[tuple[float, float]]) -> None:
    fractions = [f for f, _ in rows]
    totals = [t for _, t in rows]
    got, want = item_stats(3, fractions, totals), _previous_item_stats(3, fractions, totals)
    assert (got.facility, got.discrimination, got.point_biserial) == (want.facility, want.discrimination, want.point_biserial)
    assert got == want  # bit for bit, not approximately


def test_item_stats_when_the_deviations_product_underflows() -> None:
    """Found by the test above: totals 0 and 7.5e-162 make sxx*syy underflow to 0.0, which was a
    ZeroDivisionError in both versions; no correlation is 0.0, as for a constant column."""
    got = item_stats(0, [0.0, 1 / 3], [0.0, 7.492494081700633e-162])
    assert got.point_biserial == 0.0
    assert got == _previous_item_stats(0, [0.0, 1 / 3], [0.0, 7.492494081700633e-162])
