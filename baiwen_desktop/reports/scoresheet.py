"""成绩单: one candidate's graded paper, A4 portrait.

Batch output puts every candidate into one PDF, each starting on a new page with its own
"第 x 页 / 共 y 页" numbering; the footer carries a short verification code over the
candidate's key fields so a printed sheet can be matched against the database.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from baiwen_desktop.reports.data import SUBMIT_MODE_LABELS, CandidateResult, Progress, ReportHeader
from baiwen_desktop.reports.document import build_document, draw_page_frame
from baiwen_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts
from baiwen_desktop.reports.formatting import fmt_duration, fmt_percent, fmt_score
from baiwen_desktop.reports.output import candidate_filename, unique_path
from baiwen_desktop.reports.paging import GroupMark, PageInfo
from baiwen_desktop.reports.rowtable import Column, RowTable
from baiwen_desktop.reports.styles import (
    ACCENT,
    BAD,
    GOOD,
    GRID,
    HEAD_BG,
    MUTED,
    WIDTH,
    cell,
    grid_style,
    heading,
    title_block,
)

__all__ = [
    "render_scoresheet",
    "render_scoresheet_files",
    "render_scoresheets",
    "verification_code",
]

PathLike = str | os.PathLike[str]

_PARTIAL = colors.HexColor("#B26A00")


def verification_code(result: CandidateResult, header: ReportHeader) -> str:
    """First 8 hex digits (upper case) of SHA-256 over the candidate's key fields.

    Covers identity, exam, score, result and every question's answer and points, so a
    re-typed or edited printout no longer matches the code the services layer recomputes.
    """
    fields = [
        header.exam_title,
        header.exam_date.isoformat(),
        result.employee_no,
        result.name,
        result.unit,
        fmt_score(result.score),
        fmt_score(result.total),
        result.passed,
        [[q.no, q.answer, fmt_score(q.points)] for q in result.question_rows],
    ]
    blob = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:8].upper()


def render_scoresheets(
    results: Sequence[CandidateResult],
    header: ReportHeader,
    out_path: PathLike,
    show_correct_answers: bool = True,
    progress: Progress | None = None,
) -> Path:
    """All candidates in one PDF, each starting on a new page; returns the written path."""
    register_fonts()
    total = len(results)
    story: list[Flowable] = []
    for i, result in enumerate(results):
        if i:
            story.append(PageBreak())
        code = verification_code(result, header)
        on_draw = (lambda i=i: progress(i, total)) if progress else None
        story.append(GroupMark(i, (result, header, code), on_draw))
        story.extend(_candidate_story(result, header, code, show_correct_answers))
    if not story:
        raise ValueError("render_scoresheets needs at least one candidate")
    out = build_document(out_path, story, header=header, document="成绩单", decorate=_decorate)
    if progress:
        progress(total, total)
    return out


def render_scoresheet(
    result: CandidateResult,
    header: ReportHeader,
    out_path: PathLike,
    show_correct_answers: bool = True,
    progress: Progress | None = None,
) -> Path:
    """One candidate's score sheet as its own PDF."""
    return render_scoresheets([result], header, out_path, show_correct_answers, progress)


def render_scoresheet_files(
    results: Sequence[CandidateResult],
    header: ReportHeader,
    out_dir: PathLike,
    show_correct_answers: bool = True,
    progress: Progress | None = None,
) -> list[Path]:
    """One PDF per candidate in ``out_dir``, named ``工号_姓名.pdf`` (``_2`` … on clashes)."""
    taken: set[str] = set()
    paths: list[Path] = []
    for i, result in enumerate(results):
        path = unique_path(Path(out_dir), candidate_filename(result.employee_no, result.name), taken)
        paths.append(render_scoresheets([result], header, path, show_correct_answers))
        if progress:
            progress(i + 1, len(results))
    return paths


# --- layout -------------------------------------------------------------------------------------


def _candidate_story(
    result: CandidateResult, header: ReportHeader, code: str, show_correct: bool
) -> list[Flowable]:
    story: list[Flowable] = [
        *title_block(header, f"成绩单（{result.attempt_note}）" if result.attempt_note else "成绩单"),
        _info_table(result, code),
    ]
    if result.type_rows:
        story += [*heading("分题型统计"), _type_table(result)]
    if result.question_rows:
        story += [*heading("答题明细"), _question_table(result, show_correct)]
    story.append(_signature_block())
    return story


def _info_table(r: CandidateResult, code: str) -> Table:
    widths = [48, 100, 56, 86, 48, 155]
    widths[-1] = WIDTH - sum(widths[:-1])
    result_text = "合格" if r.passed else "不合格"
    rows = [
        [
            "工号",
            cell(r.employee_no, widths[1]),
            "姓名",
            cell(r.name, widths[3]),
            "单位",
            cell(r.unit, widths[5]),
        ],
        [
            "得分",
            f"{fmt_score(r.score)} / {fmt_score(r.total)}",
            "考试结果",
            result_text,
            "合格线",
            fmt_score(r.pass_mark),
        ],
        [
            "用时",
            fmt_duration(r.time_used_s),
            "交卷方式",
            SUBMIT_MODE_LABELS.get(r.submit_mode, r.submit_mode),
            "校验码",
            code,
        ],
    ]
    t = Table(rows, colWidths=widths)
    t.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 10, 13),
            ("FONT", (0, 0), (0, -1), FONT_BOLD, 10, 13),
            ("FONT", (2, 0), (2, -1), FONT_BOLD, 10, 13),
            ("FONT", (4, 0), (4, -1), FONT_BOLD, 10, 13),
            ("BACKGROUND", (0, 0), (0, -1), HEAD_BG),
            ("BACKGROUND", (2, 0), (2, -1), HEAD_BG),
            ("BACKGROUND", (4, 0), (4, -1), HEAD_BG),
            ("FONT", (1, 1), (1, 1), FONT_BOLD, 12, 14),
            ("FONT", (3, 1), (3, 1), FONT_BOLD, 12, 14),
            ("TEXTCOLOR", (3, 1), (3, 1), GOOD if r.passed else BAD),
            ("BOX", (0, 0), (-1, -1), 0.9, ACCENT),
            ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (0, -1), "CENTER"),
            ("ALIGN", (2, 0), (2, -1), "CENTER"),
            ("ALIGN", (4, 0), (4, -1), "CENTER"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
    )
    return t


def _type_table(r: CandidateResult) -> Table:
    rows: list[list[str]] = [["题型", "题数", "答对", "得分", "满分", "得分率"]]
    for t in r.type_rows:
        rate = fmt_percent(float(t.points / t.max_points)) if t.max_points else "—"
        rows.append(
            [t.type_label, str(t.count), str(t.correct), fmt_score(t.points), fmt_score(t.max_points), rate]
        )
    rows.append(
        [
            "合计",
            str(sum(t.count for t in r.type_rows)),
            str(sum(t.correct for t in r.type_rows)),
            fmt_score(r.score),
            fmt_score(r.total),
            fmt_percent(float(r.score / r.total)) if r.total else "—",
        ]
    )
    table = Table(rows, colWidths=[WIDTH - 5 * 66] + [66] * 5)
    style = grid_style(n_rows=len(rows))
    style.add("ALIGN", (1, 1), (-1, -1), "CENTER")
    style.add("FONT", (0, -1), (-1, -1), FONT_BOLD, 9, 11.5)
    style.add("LINEABOVE", (0, -1), (-1, -1), 0.9, ACCENT)
    table.setStyle(style)
    return table


def _question_table(r: CandidateResult, show_correct: bool) -> RowTable:
    fixed = [28, 44, 84, 46]  # 题号, 题型, 出处, 得分
    free = WIDTH - sum(fixed)
    columns = [
        Column("题号", fixed[0], "center"),
        Column("题型", fixed[1], "center"),
        Column("出处", fixed[2]),
    ]
    if show_correct:
        columns += [Column("考生答案", free / 2), Column("正确答案", free / 2)]
    else:
        columns.append(Column("考生答案", free))
    columns.append(Column("得分", fixed[3], "center"))
    points_col = len(columns) - 1
    rows: list[list[str]] = []
    colours: dict[tuple[int, int], Color] = {}
    for i, q in enumerate(r.question_rows):
        row = [str(q.no), q.type_label, q.source, q.answer or "未作答"]
        if not q.answer:
            colours[(i, 3)] = MUTED
        if show_correct:
            row.append(q.correct_answer)
        row.append(f"{fmt_score(q.points)}/{fmt_score(q.max_points)}")
        rows.append(row)
        if q.points < q.max_points:
            colours[(i, points_col)] = BAD if q.points <= 0 else _PARTIAL
    # Splits across pages with the column header repeated; long answers wrap inside their cell.
    return RowTable(columns, rows, colours)


def _signature_block() -> Flowable:
    line_w = 100.0
    label_w = (WIDTH - 3 * line_w) / 3
    t = Table(
        [["考生签字：", "", "监考签字：", "", "日期：", ""]], colWidths=[label_w, line_w] * 3, rowHeights=[26]
    )
    t.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 10.5),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
            ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
            ("LINEBELOW", (5, 0), (5, 0), 0.6, colors.black),
        ]
    )
    # Keep the signatures with a little space above them, never alone on a new page's top edge.
    return KeepTogether([Spacer(1, 10 * mm), t])


def _decorate(canv: Canvas, info: PageInfo) -> None:
    result, header, code = info.group_data
    draw_page_frame(
        canv,
        info,
        running_title=f"{header.exam_title} · 成绩单（续）",
        running_right=f"{result.employee_no}  {result.name}",
        footer_left=header.organisation,
        footer_right=f"校验码 {code}",
        notice=header.notice,
    )
