"""试题分析: item statistics with a plain-language reading for trainers, A4 portrait."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from baiwen_desktop.reports.data import (
    FLAG_HARD,
    FLAG_LOW_D,
    FLAG_NEG_RPB,
    FLAG_TOO_EASY,
    ItemAnalysis,
    ItemAnalysisRow,
    Progress,
    ReportHeader,
    flags_for,
)
from baiwen_desktop.reports.document import build_document, draw_page_frame
from baiwen_desktop.reports.fonts import FONT, FONT_BOLD
from baiwen_desktop.reports.formatting import fmt_ratio, para_text
from baiwen_desktop.reports.paging import GroupMark, PageInfo
from baiwen_desktop.reports.styles import (
    ACCENT,
    BAD,
    GRID,
    HEAD_BG,
    MUTED,
    WIDTH,
    cell,
    grid_style,
    heading,
    styles,
    title_block,
)

__all__ = [
    "analysis_reading",
    "difficulty_word",
    "flags_for",
    "reliability_word",
    "render_item_analysis",
]


_KEY_BG = colors.HexColor("#D7EFDD")  # correct option(s)
_STRONG_BG = colors.HexColor("#FBE3C8")  # a distractor drawing more candidates than the key
_FLAG_BG = colors.HexColor("#FBEAEA")

# How each flag is phrased in the reading, in the order the reading lists them.
_FLAG_PHRASES = (
    (FLAG_LOW_D, "区分度偏低"),
    (FLAG_NEG_RPB, "与总分负相关"),
    (FLAG_HARD, "过难"),
    (FLAG_TOO_EASY, "过易"),
)
FEW_CANDIDATES = 30  # below this, item statistics are too noisy to act on alone
# The reading names this many flagged questions at most: a random-paper exam over a large bank can
# flag thousands, and the reading's box is one table cell that cannot split across pages.
NAMED_IN_READING = 20


def difficulty_word(mean_p: float) -> str:
    """Mean facility → wording: P < 0.4 偏难, 0.4 ≤ P ≤ 0.8 适中, P > 0.8 偏易."""
    if mean_p < 0.4:
        return "难度偏难"
    if mean_p <= 0.8:
        return "难度适中"
    return "难度偏易"


def reliability_word(value: float) -> str:
    """≥0.9 很好, ≥0.8 较好, ≥0.7 尚可, ≥0.6 偏低, below that 较低."""
    if value >= 0.9:
        return "很好"
    if value >= 0.8:
        return "较好"
    if value >= 0.7:
        return "尚可"
    if value >= 0.6:
        return "偏低"
    return "较低，成绩的稳定性不足"


def analysis_reading(analysis: ItemAnalysis) -> str:
    """One paragraph for trainers, e.g.

    本次考试共 40 人参加，平均难度 P=0.72，难度适中；信度 KR-20=0.81，较好；
    3 道题区分度偏低，建议修订：第5、12、31题。
    """
    head = f"本次考试共 {analysis.candidate_count} 人参加"
    ps = [r.p for r in analysis.rows if r.p is not None]
    if ps:
        mean_p = sum(ps) / len(ps)
        head += f"，平均难度 P={mean_p:.2f}，{difficulty_word(mean_p)}"
    clauses = [head]
    if analysis.reliability is not None:
        rel = analysis.reliability
        clauses.append(f"信度 {analysis.reliability_name}={rel:.2f}，{reliability_word(rel)}")
    flagged = [r for r in analysis.rows if r.effective_flags()]
    if flagged:
        counts = [
            f"{n} 道题{phrase}"
            for flag, phrase in _FLAG_PHRASES
            if (n := sum(1 for r in flagged if flag in r.effective_flags()))
        ]
        ordered = sorted(flagged, key=lambda r: r.no)
        named = ordered[:NAMED_IN_READING]
        if all(r.label for r in ordered):  # named by 出处, as on the score sheet
            which = "、".join(r.label for r in named)
        else:
            which = "第" + "、".join(str(r.no) for r in named) + "题"
        if len(ordered) > len(named):  # the rest are marked in 逐题指标 below
            which += f"等 {len(ordered)} 道（见下方逐题指标的标记列）"
        clauses.append(f"{'、'.join(counts)}，建议修订：{which}")
    elif analysis.rows:
        clauses.append("各题指标均在正常范围，暂无需修订的题目")
    text = "；".join(clauses) + "。"
    if analysis.candidate_count < FEW_CANDIDATES:
        text += f"参考人数不足 {FEW_CANDIDATES} 人，各项指标波动较大，仅供参考。"
    return text


def render_item_analysis(
    analysis: ItemAnalysis,
    header: ReportHeader,
    out_path: str | os.PathLike[str],
    progress: Progress | None = None,
) -> Path:
    """Write the item analysis; ``progress`` gets (0, 2), (1, 2) after layout, (2, 2) when written."""
    if progress:
        progress(0, 2)
    st = styles()
    story: list[Flowable] = [GroupMark(0, header), *title_block(header, "试题分析")]
    story += [_reading_box(analysis), Spacer(1, 3 * mm), _key_numbers(analysis)]
    story += [*heading("逐题指标"), _item_table(analysis.rows)]
    story.append(
        Paragraph(
            "标记规则：P&lt;0.20 过难；P&gt;0.95 过易；D&lt;0.20 区分度低；点二列相关 r<sub>pb</sub>&lt;0 负相关。"
            "P：答对率（难度）；D：高分组与低分组答对率之差（区分度）。",
            st.small,
        )
    )
    choice_rows = [r for r in analysis.rows if r.distractors]
    if choice_rows:
        story += [
            *heading("选择题选项分布"),
            _distractor_table(choice_rows, analysis.candidate_count),
        ]
        story.append(
            Paragraph(
                "绿色底：正确选项；橙色底：选的人比正确选项还多的干扰项（题意不清或答案有误？）；"
                "灰色 0：无人选择的干扰项。",
                st.small,
            )
        )
    return build_document(out_path, story, header=header, document="试题分析", decorate=_decorate, progress=progress)


# --- layout -------------------------------------------------------------------------------------


def _reading_box(analysis: ItemAnalysis) -> Table:
    st = styles()
    para = Paragraph(para_text(analysis_reading(analysis)), st.body)
    t = Table([[para]], colWidths=[WIDTH])
    t.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 10),  # cell default is Helvetica, which would be referenced
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F1F6F5")),
            ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]
    )
    return t


def _key_numbers(a: ItemAnalysis) -> Table:
    ps = [r.p for r in a.rows if r.p is not None]
    ds = [r.d for r in a.rows if r.d is not None]
    flagged = sum(1 for r in a.rows if r.effective_flags())
    values = [
        ("参考人数", str(a.candidate_count)),
        ("题目数", str(len(a.rows))),
        ("平均难度 P", fmt_ratio(sum(ps) / len(ps) if ps else None)),
        ("平均区分度 D", fmt_ratio(sum(ds) / len(ds) if ds else None)),
        (f"信度 {a.reliability_name}", fmt_ratio(a.reliability)),
        ("建议修订", f"{flagged} 题"),
    ]
    t = Table([[k for k, _ in values], [v for _, v in values]], colWidths=[WIDTH / len(values)] * len(values))
    t.setStyle(
        [
            ("FONT", (0, 0), (-1, 0), FONT, 8.5, 11),
            ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
            ("FONT", (0, 1), (-1, 1), FONT_BOLD, 13, 16),
            ("TEXTCOLOR", (-1, 1), (-1, 1), BAD if flagged else ACCENT),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("BOX", (0, 0), (-1, -1), 0.9, ACCENT),
            ("LINEBEFORE", (1, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
    )
    return t


def _item_table(rows: Sequence[ItemAnalysisRow]) -> Table:
    st = styles()
    widths = [28, 40, 62, 0, 34, 34, 34, 70]
    widths[3] = WIDTH - sum(widths)
    head: list[str | Flowable] = [
        "题号",
        "题型",
        "题目",
        "题干摘要",
        "P",
        "D",
        Paragraph("r<sub>pb</sub>", st.cell_head),
        "标记",
    ]
    table_rows: list[list[str | Flowable]] = [head]
    cmds: list[tuple] = []
    for i, r in enumerate(rows, start=1):
        flags = r.effective_flags()
        table_rows.append(
            [
                str(r.no),
                cell(r.type_label, widths[1]),
                cell(r.name, widths[2]),
                cell(_excerpt(r.stem_excerpt), widths[3]),
                fmt_ratio(r.p),
                fmt_ratio(r.d),
                fmt_ratio(r.rpb),
                cell("、".join(flags), widths[7]) if flags else "",
            ]
        )
        if flags:
            cmds += [("BACKGROUND", (7, i), (7, i), _FLAG_BG), ("TEXTCOLOR", (7, i), (7, i), BAD)]
            # Point at the number that raised the flag.
            own = flags_for(r.p, r.d, r.rpb)
            if FLAG_HARD in own or FLAG_TOO_EASY in own:
                cmds.append(("TEXTCOLOR", (4, i), (4, i), BAD))
            if FLAG_LOW_D in own:
                cmds.append(("TEXTCOLOR", (5, i), (5, i), BAD))
            if FLAG_NEG_RPB in own:
                cmds.append(("TEXTCOLOR", (6, i), (6, i), BAD))
    table = Table(table_rows, colWidths=widths, repeatRows=1)
    style = grid_style(n_rows=len(table_rows))
    style.add("ALIGN", (0, 1), (1, -1), "CENTER")
    style.add("ALIGN", (4, 1), (6, -1), "CENTER")
    style.add("ALIGN", (7, 1), (7, -1), "CENTER")
    for c in cmds:
        style.add(*c)
    table.setStyle(style)
    return table


def _option_order(option: str) -> tuple[int, str]:
    # Letters first (A, B, …), then anything else such as 未作答.
    return (0 if len(option) == 1 and option.isalpha() else 1, option)


def _distractor_table(rows: Sequence[ItemAnalysisRow], candidates: int) -> Table:
    options = sorted({o for r in rows for o in (r.distractors or {})}, key=_option_order)
    fixed = [28, 62, 40, 48]
    opt_w = (WIDTH - sum(fixed)) / max(1, len(options))
    head = ["题号", "题目", "题型", "正确答案", *options]
    table_rows: list[list[str]] = [head]
    cmds: list[tuple] = []
    for i, r in enumerate(rows, start=1):
        counts = r.distractors or {}
        key = set(r.key)
        key_count = min((counts.get(k, 0) for k in key), default=0)
        line = [str(r.no), r.name, r.type_label, r.key or "—"]
        for j, opt in enumerate(options, start=len(fixed)):
            if opt not in counts:
                line.append("")
                continue
            n = counts[opt]
            share = f"{n / candidates:.0%}" if candidates else "—"
            line.append(f"{n}（{share}）")
            if opt in key:
                cmds += [
                    ("BACKGROUND", (j, i), (j, i), _KEY_BG),
                    ("FONT", (j, i), (j, i), FONT_BOLD, 9, 11.5),
                ]
            elif len(key) == 1 and n > key_count:
                cmds.append(("BACKGROUND", (j, i), (j, i), _STRONG_BG))
            elif n == 0:
                cmds.append(("TEXTCOLOR", (j, i), (j, i), MUTED))
        table_rows.append(line)
    table = Table(table_rows, colWidths=fixed + [opt_w] * len(options), repeatRows=1)
    # No zebra: the cell colours carry the meaning here.
    style = grid_style(zebra=False)
    style.add("ALIGN", (0, 1), (-1, -1), "CENTER")
    for c in cmds:
        style.add(*c)
    table.setStyle(style)
    return table


def _excerpt(stem: str, limit: int = 60) -> str:
    stem = " ".join(stem.split())
    return stem if len(stem) <= limit else stem[: limit - 1] + "…"


def _decorate(canv: Canvas, info: PageInfo) -> None:
    header: ReportHeader = info.group_data
    draw_page_frame(
        canv, info, running_title=f"{header.exam_title} · 试题分析（续）", footer_left=header.organisation, notice=header.notice
    )
