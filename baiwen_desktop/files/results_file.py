"""Results spreadsheets: one row per candidate, and a second sheet of per-question points."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

SUMMARY_HEADER = ["工号", "姓名", "单位", "得分", "总分", "是否合格", "用时(分钟)", "状态"]


def _atomic(path: Path, write) -> None:  # type: ignore[no-untyped-def]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=path.suffix)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_results(path: Path, fmt: str, summary: Sequence[Sequence[object]], question_header: Sequence[str], per_question: Sequence[Sequence[object]]) -> None:
    if fmt == "xlsx":
        def write(tmp: Path) -> None:
            wb = Workbook()
            ws = wb.active
            ws.title = "成绩"
            ws.append(SUMMARY_HEADER)
            for row in summary:
                ws.append(list(row))
            ws2 = wb.create_sheet("逐题得分")
            ws2.append(list(question_header))
            for row in per_question:
                ws2.append(list(row))
            for sheet in (ws, ws2):
                for cell in sheet[1]:
                    cell.font = Font(bold=True)
                sheet.freeze_panes = "A2"
            wb.save(tmp)
    else:
        # CSV holds one table; the per-question points go to a sibling file.
        def write(tmp: Path) -> None:
            with tmp.open("w", encoding="utf-8-sig", newline="") as f:
                w = csv.writer(f)
                w.writerow(SUMMARY_HEADER)
                w.writerows(summary)
            sibling = path.with_name(path.stem + "_逐题得分.csv")
            with sibling.open("w", encoding="utf-8-sig", newline="") as f:
                w = csv.writer(f)
                w.writerow(question_header)
                w.writerows(per_question)
    _atomic(path, write)
