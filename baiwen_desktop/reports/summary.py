"""成绩汇总表: the whole session on A4 – statistics, two charts, then every candidate."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from baiwen_desktop.reports.charts import histogram_chart, unit_mean_chart
from baiwen_desktop.reports.data import (
    SUBMIT_MODE_LABELS,
    CandidateResult,
    ClassSummary,
    Progress,
    ReportHeader,
)
from baiwen_desktop.reports.document import build_document, draw_page_frame
from baiwen_desktop.reports.fonts import FONT, FONT_BOLD
from baiwen_desktop.reports.formatting import fmt_duration, fmt_percent, fmt_score
from baiwen_desktop.reports.paging import GroupMark, PageInfo
from baiwen_desktop.reports.rowtable import Column, RowTable
from baiwen_desktop.reports.styles import (
    ACCENT,
    BAD,
    GRID,
    HEAD_BG,
    MUTED,
    WIDTH,
    heading,
    styles,
    title_block,
)

__all__ = ["SortBy", "render_summary", "sorted_candidates"]

SortBy = Literal["unit", "score"]


def sorted_candidates(candidates: tuple[CandidateResult, ...], sort_by: SortBy) -> list[CandidateResult]:
    """ "unit": by 单位 then 工号; "score": highest score first, ties by 工号."""
    if sort_by == "unit":
        return sorted(candidates, key=lambda c: (c.unit, c.employee_no))
    if sort_by == "score":
        return sorted(candidates, key=lambda c: (-c.score, c.employee_no))
    raise ValueError(f"sort_by must be 'unit' or 'score', got {sort_by!r}")


def render_summary(
    summary: ClassSummary,
    header: ReportHeader,
    out_path: str | os.PathLike[str],
    sort_by: SortBy = "unit",
    progress: Progress | None = None,
) -> Path:
    """Write the class summary; ``progress`` gets (0, 2) before layout, (1, 2) after, (2, 2) when written."""
    if progress:
        progress(0, 2)
    order = "按单位、工号排序" if sort_by == "unit" else "按成绩从高到低排序"
    story: list[Flowable] = [
        GroupMark(0, header),
        *title_block(header, "成绩汇总表"),
        _stats_table(summary),
        Spacer(1, 5 * mm),
        histogram_chart(summary.histogram, summary.pass_mark, WIDTH, 150),
    ]
    if summary.unit_stats:
        story += [
            Spacer(1, 4 * mm),
            unit_mean_chart(summary.unit_stats, summary.pass_mark, summary.total, WIDTH, 165),
        ]
    story += [*heading(f"考生成绩明细（{order}）")]
    if any(not c.counts for c in summary.candidates):
        story.append(Paragraph("有补考的考生每次考试各列一行；灰色的一行不计入成绩、名次和统计。", styles().small))
    story += [
        _candidate_table(sorted_candidates(summary.candidates, sort_by), ranked=sort_by == "score"),
        _signature_block(),
    ]
    return build_document(out_path, story, header=header, document="成绩汇总表", decorate=_decorate, progress=progress)


def _stats_table(s: ClassSummary) -> Table:
    rows = [
        [
            "参考人数",
            str(s.count),
            "平均分",
            fmt_score(s.mean),
            "中位数",
            fmt_score(s.median),
            "标准差",
            fmt_score(s.stdev),
        ],
        [
            "最高分",
            fmt_score(s.max_score),
            "最低分",
            fmt_score(s.min_score),
            "合格线",
            f"{fmt_score(s.pass_mark)} / {fmt_score(s.total)}",
            "合格率",
            fmt_percent(s.pass_rate),
        ],
    ]
    label_w = 52.0
    t = Table(rows, colWidths=[label_w, WIDTH / 4 - label_w] * 4)
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 10, 13),
        ("BOX", (0, 0), (-1, -1), 0.9, ACCENT),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("FONT", (7, 1), (7, 1), FONT_BOLD, 10, 13),
    ]
    for col in (0, 2, 4, 6):
        style += [
            ("FONT", (col, 0), (col, -1), FONT_BOLD, 10, 13),
            ("BACKGROUND", (col, 0), (col, -1), HEAD_BG),
        ]
    t.setStyle(style)
    return t


def _candidate_table(candidates: list[CandidateResult], ranked: bool) -> RowTable:
    fixed = {"no": 34.0, "emp": 62.0, "name": 58.0, "score": 56.0, "result": 46.0, "time": 62.0, "mode": 62.0}
    columns = [
        Column("名次" if ranked else "序号", fixed["no"], "center"),
        Column("工号", fixed["emp"]),
        Column("姓名", fixed["name"]),
        Column("单位", WIDTH - sum(fixed.values())),  # 单位 takes what is left
        Column("得分", fixed["score"], "center"),
        Column("结果", fixed["result"], "center"),
        Column("用时", fixed["time"], "center"),
        Column("交卷方式", fixed["mode"], "center"),
    ]
    rows: list[list[str]] = []
    colours: dict[tuple[int, int], Color] = {}
    rank = counted = 0
    prev_score = None
    for i, c in enumerate(candidates):
        if c.counts:
            counted += 1
            if c.score != prev_score:  # competition ranking over the attempts that count: 1, 2, 2, 4
                rank, prev_score = counted, c.score
        rows.append(
            [
                (str(rank) if c.counts else "—") if ranked else str(i + 1),
                c.employee_no,
                f"{c.name}（{c.attempt_note.split(' · ')[0]}）" if c.attempt_note else c.name,
                c.unit,
                fmt_score(c.score),
                "合格" if c.passed else "不合格",
                fmt_duration(c.time_used_s),
                SUBMIT_MODE_LABELS.get(c.submit_mode, c.submit_mode),
            ]
        )
        if not c.counts:  # listed for the record only
            colours.update({(i, col): MUTED for col in range(len(columns))})
            continue
        if not c.passed:
            colours[(i, 4)] = colours[(i, 5)] = BAD
        if c.submit_mode != "normal":
            colours[(i, 7)] = MUTED
    return RowTable(columns, rows, colours)


def _signature_block() -> Flowable:
    line_w = 100.0
    label_w = (WIDTH - 3 * line_w) / 3
    t = Table([["制表：", "", "审核：", "", "日期：", ""]], colWidths=[label_w, line_w] * 3, rowHeights=[26])
    t.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 10.5),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            *(("LINEBELOW", (c, 0), (c, 0), 0.6, colors.black) for c in (1, 3, 5)),
        ]
    )
    return KeepTogether([Spacer(1, 8 * mm), t])


def _decorate(canv: Canvas, info: PageInfo) -> None:
    header: ReportHeader = info.group_data
    draw_page_frame(
        canv, info, running_title=f"{header.exam_title} · 成绩汇总表（续）", footer_left=header.organisation, notice=header.notice
    )
