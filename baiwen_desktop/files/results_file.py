"""Results spreadsheets: one row per candidate, and a second sheet of per-question points."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.files.safe_cells import append_row, write_csv

SUMMARY_HEADER = ["工号", "姓名", "单位", "得分", "总分", "是否合格", "用时(分钟)", "状态"]


def write_results(
    path: Path,
    fmt: str,
    summary: Sequence[Sequence[object]],
    question_header: Sequence[str],
    per_question: Sequence[Sequence[object]],
) -> None:
    """XLSX: sheets 成绩 and 逐题得分. CSV holds one table, so the points go to a sibling file.

    Every cell goes through files.safe_cells: a 姓名 such as "=HYPERLINK(...)" stays text.
    """
    if fmt == "xlsx":
        wb = Workbook()
        ws = wb.active
        ws.title = "成绩"
        ws2 = wb.create_sheet("逐题得分")
        for sheet, head, rows in ((ws, SUMMARY_HEADER, summary), (ws2, question_header, per_question)):
            append_row(sheet, head)
            for row in rows:
                append_row(sheet, row)
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        with atomic_path(path) as tmp:
            wb.save(tmp)
        return
    for target, head, rows in ((path, SUMMARY_HEADER, summary), (path.with_name(path.stem + "_逐题得分.csv"), question_header, per_question)):
        with atomic_path(target) as tmp:
            write_csv(tmp, [head, *rows])
