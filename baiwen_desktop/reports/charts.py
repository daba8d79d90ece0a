"""Bar charts for the summary (reportlab.graphics), each with the pass line marked."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from baiwen_desktop.reports.data import HistogramBin, UnitStat
from baiwen_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts
from baiwen_desktop.reports.formatting import fmt_score
from baiwen_desktop.reports.styles import ACCENT, BAD, GRID, MUTED

__all__ = ["histogram_chart", "unit_mean_chart"]

_BELOW = colors.HexColor("#D9A19C")  # units whose mean is under the pass line
_PASS_LINE = BAD


def histogram_chart(bins: Sequence[HistogramBin], pass_mark: Decimal, width: float, height: float) -> Drawing:
    """Score distribution: one bar per bin (people), a dashed vertical line at the pass mark."""
    d = _drawing(width, height)
    _title(d, "成绩分布（人数）", width, height)
    if not bins:
        return _empty(d, width, height)
    counts = [b.count for b in bins]
    chart = _base_chart(width, height, [_bin_label(b) for b in bins])
    chart.data = [counts]
    chart.bars[0].fillColor = ACCENT
    top, step = _nice_axis(max(counts) or 1, integer=True)
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = top, step
    chart.barLabelFormat = "%d"
    d.add(chart)
    # Bins split the axis evenly: place the pass mark inside its bin proportionally.
    pm = float(pass_mark)
    slot = chart.width / len(bins)
    for i, b in enumerate(bins):
        last = i == len(bins) - 1
        if b.low <= pm < b.high or (last and pm == b.high):
            frac = (pm - b.low) / (b.high - b.low) if b.high > b.low else 0.0
            x = chart.x + (i + frac) * slot
            d.add(
                Line(
                    x,
                    chart.y,
                    x,
                    chart.y + chart.height,
                    strokeColor=_PASS_LINE,
                    strokeWidth=1.2,
                    strokeDashArray=[4, 2],
                )
            )
            d.add(_label(f"合格线 {fmt_score(pass_mark)}", x + 3, chart.y + chart.height - 9, "start"))
            break
    return d


def unit_mean_chart(
    units: Sequence[UnitStat], pass_mark: Decimal, total: Decimal, width: float, height: float
) -> Drawing:
    """Mean score per 单位 on a 0..total scale, with a dashed horizontal pass line."""
    d = _drawing(width, height)
    _title(d, "各单位平均分", width, height)
    if not units:
        return _empty(d, width, height)
    many = len(units) > 8
    chart = _base_chart(width, height, [_short(u.unit, 7 if many else 10) for u in units], rotate=many)
    chart.width -= 26  # room for the pass-line label
    chart.data = [[u.mean for u in units]]
    for i, u in enumerate(units):
        chart.bars[(0, i)].fillColor = ACCENT if u.mean >= float(pass_mark) else _BELOW
    top, step = _nice_axis(float(total) or 1, integer=False)
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = max(top, float(total)), step
    chart.barLabelFormat = "%.1f"
    d.add(chart)
    y = chart.y + chart.height * float(pass_mark) / chart.valueAxis.valueMax
    d.add(
        Line(
            chart.x,
            y,
            chart.x + chart.width,
            y,
            strokeColor=_PASS_LINE,
            strokeWidth=1.2,
            strokeDashArray=[4, 2],
        )
    )
    # Label in the right margin, clear of the bars and their value labels.
    d.add(_label("合格线", chart.x + chart.width + 3, y + 1, "start"))
    d.add(_label(fmt_score(pass_mark), chart.x + chart.width + 3, y - 7, "start"))
    return d


# --- helpers ------------------------------------------------------------------------------------


def _drawing(width: float, height: float) -> Drawing:
    register_fonts()
    d = Drawing(width, height)
    d.initialFontName = FONT  # the renderer's default state would pull in unembedded Helvetica
    return d


def _base_chart(width: float, height: float, categories: list[str], rotate: bool = False) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 44 if rotate else 24
    chart.width, chart.height = width - chart.x - 8, height - chart.y - 26
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = MUTED
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E3E8E8")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.categoryAxis.categoryNames = categories
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.strokeColor = MUTED
    if rotate:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dx = 4
    chart.bars.strokeColor = None
    chart.barSpacing = 0
    chart.groupSpacing = 6
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    chart.barLabels.fillColor = colors.black
    return chart


def _nice_axis(peak: float, integer: bool) -> tuple[float, float]:
    """Axis top and step (1/2/5 × 10^n) with about 6 gridlines and headroom for the bar labels."""
    raw = peak * 1.12 / 6
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    if integer:
        step = max(1, math.ceil(step))
    top = step * math.ceil(peak * 1.12 / step)
    return float(top), float(step)


def _bin_label(b: HistogramBin) -> str:
    return f"{b.low:g}–{b.high:g}"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _title(d: Drawing, text: str, width: float, height: float) -> None:
    d.add(String(0, height - 11, text, fontName=FONT_BOLD, fontSize=9, fillColor=ACCENT))
    d.add(Line(0, height - 16, width, height - 16, strokeColor=GRID, strokeWidth=0.4))


def _label(text: str, x: float, y: float, anchor: str) -> String:
    return String(x, y, text, fontName=FONT, fontSize=7, fillColor=_PASS_LINE, textAnchor=anchor)


def _empty(d: Drawing, width: float, height: float) -> Drawing:
    d.add(
        String(
            width / 2, height / 2, "无数据", fontName=FONT, fontSize=9, fillColor=MUTED, textAnchor="middle"
        )
    )
    return d
