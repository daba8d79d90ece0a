"""Results spreadsheets: one row per candidate, then the points per question in two shapes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.files.safe_cells import append_row, write_csv

SUMMARY_SHEET = "成绩"
SUMMARY_HEADER = ["工号", "姓名", "单位", "得分", "总分", "是否合格", "用时(分钟)", "状态", "班级", "交卷时间", "考试", "考次", "计入成绩"]
# One row per candidate and question: filter or pivot it in Excel.
LONG_SHEET = "逐题得分"
LONG_HEADER = ["考试", "班级", "工号", "姓名", "单位", "交卷时间", "卷面题序", "题目", "出处", "题目ID", "题型", "得分", "满分", "作答", "标准答案", "考次", "计入成绩"]
# One row per candidate, one column per question (the same question in the same column for everyone).
WIDE_SHEET = "按题得分"
WIDE_FIXED = ["考试", "班级", "工号", "姓名", "单位", "交卷时间", "得分", "考次", "计入成绩"]


@dataclass(frozen=True)
class Sheet:
    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]


# A station's copy of results (exam from an HQ package) says so in every row, in a last column:
# row 1 stays the header and the columns before it keep their places, so whatever re-reads these
# files (Excel filters, pandas, our tests) still works. In CSV this column is the whole mark: a
# title or "# comment" line above the header is what CSV readers take for the header (or choke on),
# and renaming the file the trainer chose would surprise them; a column also survives sorting,
# filtering and copying rows into another sheet. XLSX adds the mark to the printed page header and
# the document title as well.
NOTICE_COLUMN = "成绩性质"


def with_notice(sheets: Sequence[Sheet], notice: str) -> list[Sheet]:
    """Each sheet with the NOTICE_COLUMN holding `notice` in every row (no change when notice is empty)."""
    if not notice:
        return list(sheets)
    return [Sheet(sh.name, [*sh.header, NOTICE_COLUMN], [[*row, notice] for row in sh.rows]) for sh in sheets]


def write_results(path: Path, fmt: str, sheets: Sequence[Sheet], notice: str = "") -> list[Path]:
    """XLSX: one workbook, a sheet each. CSV holds one table, so each further sheet goes to a
    sibling file `<name>_<sheet>.csv`. Returns the files written. A `notice` (站点成绩，以总部为准)
    marks every row and, in XLSX, every printed page.

    Every cell goes through files.safe_cells: a 姓名 such as "=HYPERLINK(...)" stays text.
    """
    sheets = with_notice(sheets, notice)
    if fmt == "xlsx":
        wb = Workbook()
        wb.remove(wb.active)
        if notice:
            wb.properties.title = notice
        for sh in sheets:
            ws = wb.create_sheet(sh.name)
            append_row(ws, sh.header)
            for row in sh.rows:
                append_row(ws, row)
            for cell in ws[1]:
                cell.font = Font(bold=True)
            ws.freeze_panes = "A2"
            if notice:
                ws.cell(row=1, column=len(sh.header)).font = Font(bold=True, color="B3261E")
                ws.oddHeader.center.text = notice  # printed atop every page of a station's copy
                ws.evenHeader.center.text = notice
        with atomic_path(path) as tmp:
            wb.save(tmp)
        return [path]
    written = []
    for i, sh in enumerate(sheets):
        target = path if i == 0 else path.with_name(f"{path.stem}_{sh.name}.csv")
        with atomic_path(target) as tmp:
            write_csv(tmp, [sh.header, *sh.rows])
        written.append(target)
    return written
