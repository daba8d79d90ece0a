"""The one place that writes cells of the spreadsheets we export, so that no cell becomes a formula.

XLSX: every text value is stored as a string cell (openpyxl would store "=..." as a live formula).
CSV: a text value that a spreadsheet would read as a formula (= + - @ tab CR) is prefixed with ',
as OWASP advises; a value that already starts with ' is prefixed too, so that `csv_unguard`
restores every value exactly when we read our own exports back.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl loads when a spreadsheet is written, not with every service (station start)
    from openpyxl.worksheet.worksheet import Worksheet

CSV_GUARD = "'"
# Leading characters that make Excel, LibreOffice or Sheets evaluate a CSV cell (plus the guard itself).
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", CSV_GUARD)


def csv_cell(value: object) -> object:
    """A value as written to CSV: numbers as they are, risky text behind a leading '."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_STARTS):
        return CSV_GUARD + value
    return value


def csv_unguard(text: str) -> str:
    """Undo `csv_cell` on a cell read back from CSV (only where the guard was added)."""
    if text.startswith(CSV_GUARD) and text[1:].startswith(CSV_FORMULA_STARTS):
        return text[1:]
    return text


def write_csv(path: Path, rows: Iterable[Sequence[object]]) -> None:
    """UTF-8 with BOM (Excel on a Chinese Windows reads a BOM-less file as GBK), CRLF, every cell guarded."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        for row in rows:
            w.writerow([csv_cell(v) for v in row])


def xlsx_value(value: object) -> object:
    """Text without the control characters XML cannot hold (openpyxl would refuse the whole file)."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def append_row(ws: Worksheet, values: Iterable[object]) -> None:
    """Append one row; every str becomes a string cell, never a formula."""
    ws.append([xlsx_value(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
