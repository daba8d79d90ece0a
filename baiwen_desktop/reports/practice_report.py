"""学习情况报告: the class's practice on A4 – totals, accuracy by section and the weakest items
as charts, all 99 items coloured by accuracy, who is behind, then every trainee."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from baiwen_desktop.reports.data import Progress, ReportHeader
from baiwen_desktop.reports.document import build_document, draw_page_frame
from baiwen_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts
from baiwen_desktop.reports.formatting import para_text
from baiwen_desktop.reports.paging import GroupMark, PageInfo
from baiwen_desktop.reports.styles import ACCENT, GRID, MUTED, WIDTH, grid_style, heading, styles

__all__ = ["BAND_COLOURS", "ItemRow", "PracticeReport", "TraineeLine", "render_practice_report"]

BAND_COLOURS = {
    "none": colors.HexColor("#E0E0E0"),
    "low": colors.HexColor("#E57373"),
    "mid": colors.HexColor("#FFD54F"),
    "ok": colors.HexColor("#AED581"),
    "good": colors.HexColor("#43A047"),
}
SPACE = "&nbsp;&nbsp;&nbsp;&nbsp;"  # Paragraph collapses ordinary and ideographic spaces
BAND_LEGEND = (("good", "≥ 90%"), ("ok", "75%–89%"), ("mid", "60%–74%"), ("low", "< 60%"), ("none", "无人练习"))


@dataclass(frozen=True)
class ItemRow:
    key: str  # 问14
    section: str
    answered: int
    right: int
    band: str

    @property
    def accuracy(self) -> float | None:
        return self.right / self.answered if self.answered else None


@dataclass(frozen=True)
class TraineeLine:
    employee_no: str
    name: str
    class_name: str
    answered: int
    right: int
    items_seen: int
    last_at: datetime | None
    behind: bool

    @property
    def accuracy(self) -> float | None:
        return self.right / self.answered if self.answered else None


@dataclass(frozen=True)
class PracticeReport:
    class_name: str  # "" = everyone
    generated_at: datetime
    items: tuple[ItemRow, ...]  # all 99, in source order
    weakest: tuple[ItemRow, ...]  # practised items, lowest accuracy first
    sections: tuple[tuple[str, int, int], ...]  # (section, answered, right)
    trainees: tuple[TraineeLine, ...]


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{round(v * 100)}%"


def render_practice_report(report: PracticeReport, header: ReportHeader, out_path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
    if progress:
        progress(0, 2)
    register_fonts()
    st = styles()
    answered = sum(t.answered for t in report.trainees)
    right = sum(t.right for t in report.trainees)
    active = sum(1 for t in report.trainees if t.answered)
    practised = sum(1 for i in report.items if i.answered)
    who = report.class_name or "全部学员"
    facts = [
        f"范围：{who}", f"学员 {len(report.trainees)} 人（{active} 人练习过）", f"答题 {answered} 次",
        f"正确率 {_pct(right / answered if answered else None)}", f"练到的条目 {practised}/{len(report.items)}",
    ]
    behind = [t for t in report.trainees if t.behind]
    story: list[Flowable] = [
        GroupMark(0, header),
        Paragraph(para_text(header.exam_title), st.title),
        Paragraph("学　习　情　况　报　告", st.subtitle),
        Paragraph(SPACE.join(para_text(m) for m in (f"组织单位：{header.organisation}", f"统计时间：{report.generated_at:%Y-%m-%d %H:%M}")), st.meta),
        Spacer(1, 4 * mm),
        Paragraph(SPACE.join(para_text(f) for f in facts), st.body),
        KeepTogether([*heading("各条目班级正确率（颜色越红越薄弱）"), _item_grid(report.items), Spacer(1, 2 * mm), _legend()]),
        Spacer(1, 4 * mm),
        _section_chart(report.sections, WIDTH, 130),
        Spacer(1, 3 * mm),
        _weakest_chart([r for r in report.weakest if r.answered >= WEAKEST_MIN][:12], WIDTH, 200),
        *heading(f"需要关注的学员（{len(behind)} 人：练得少或正确率低于 60%）"),
        _trainee_table(behind) if behind else Paragraph("没有。", st.body),
        *heading("全部学员"),
        _trainee_table(list(report.trainees)),
    ]
    running = f"{header.exam_title}　学习情况报告　{who}"

    def decorate(canv: object, info: PageInfo) -> None:
        draw_page_frame(canv, info, running_title=running, footer_left=header.organisation)  # type: ignore[arg-type]

    out = build_document(out_path, story, header=header, document="学习情况报告", decorate=decorate)
    if progress:
        progress(2, 2)
    return out


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = FONT  # the renderer's default state would pull in unembedded Helvetica
    return d


def _title(d: Drawing, text: str, width: float, height: float) -> None:
    d.add(String(width / 2, height - 12, text, fontName=FONT_BOLD, fontSize=10, textAnchor="middle"))


def _section_chart(sections: Sequence[tuple[str, int, int]], width: float, height: float) -> Drawing:
    d = _drawing(width, height)
    _title(d, "各部分正确率（%）", width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 22, width - 60, height - 46
    chart.data = [[round(100 * r / a) if a else 0 for _s, a, r in sections]]
    chart.categoryAxis.categoryNames = [s for s, _a, _r in sections]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.visibleGrid = True
    chart.bars[0].fillColor = ACCENT
    chart.barLabelFormat = "%d%%"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 6
    d.add(chart)
    return d


def _weakest_chart(rows: Sequence[ItemRow], width: float, height: float) -> Drawing:
    d = _drawing(width, height)
    _title(d, f"最薄弱的条目（至少答过 {WEAKEST_MIN} 次；班级正确率 %，答题次数）", width, height)
    if not rows:
        d.add(String(width / 2, height / 2, "还没有练习记录", fontName=FONT, fontSize=9, fillColor=MUTED, textAnchor="middle"))
        return d
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 110, 10, width - 150, height - 34
    ordered = list(reversed(rows))  # the weakest at the top
    chart.data = [[round(100 * (r.accuracy or 0)) for r in ordered]]
    chart.categoryAxis.categoryNames = [f"{r.key}（{r.answered} 次）" for r in ordered]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    for i, r in enumerate(ordered):
        chart.bars[(0, i)].fillColor = BAND_COLOURS[r.band]
    chart.barLabelFormat = "%d%%"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    return d


COLS = 10
WEAKEST_MIN = 5  # an item answered once or twice says little about the class


def _item_grid(items: Sequence[ItemRow]) -> Table:
    cells: list[list[str]] = []
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 7.5),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.white),
    ]
    for n, item in enumerate(items):
        r, c = divmod(n, COLS)
        if c == 0:
            cells.append([""] * COLS)
        cells[r][c] = f"{item.key}\n{_pct(item.accuracy)}"
        style.append(("BACKGROUND", (c, r), (c, r), BAND_COLOURS[item.band]))
    t = Table(cells, colWidths=[WIDTH / COLS] * COLS, rowHeights=[9 * mm] * len(cells))
    t.setStyle(TableStyle(style))
    return t


def _legend() -> Table:
    cells = [[text for _b, text in BAND_LEGEND]]
    style = [("FONT", (0, 0), (-1, -1), FONT, 7.5), ("ALIGN", (0, 0), (-1, -1), "CENTER")]
    for i, (band, _t) in enumerate(BAND_LEGEND):
        style.append(("BACKGROUND", (i, 0), (i, 0), BAND_COLOURS[band]))
    t = Table(cells, colWidths=[28 * mm] * len(BAND_LEGEND), hAlign="LEFT")
    t.setStyle(TableStyle(style))
    return t


def _trainee_table(rows: Sequence[TraineeLine]) -> Table:
    head = ["工号", "姓名", "班级", "答题次数", "答对", "正确率", "练过条目", "最近练习"]
    body = [
        [t.employee_no, t.name, t.class_name, str(t.answered), str(t.right), _pct(t.accuracy), f"{t.items_seen}/99",
         t.last_at.strftime("%Y-%m-%d") if t.last_at else "从未练习"]
        for t in rows
    ]
    widths = [0.13, 0.13, 0.16, 0.1, 0.09, 0.09, 0.1, 0.2]
    t = Table([head, *body], colWidths=[WIDTH * w for w in widths], repeatRows=1)
    t.setStyle(grid_style(n_rows=len(body) + 1))
    return t
