"""Read a one-sheet table from XLSX or CSV (UTF-8, UTF-8 with BOM, or GBK), with row numbers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.files.safe_cells import csv_unguard


@dataclass(frozen=True)
class Table:
    path: Path
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as Excel shows it, cells)


def decode_csv_bytes(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) first; a GBK file fails UTF-8 and is read as GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise BaiwenError(f"{path.name}：无法识别文件编码（应为 UTF-8 或 GBK）", f"{path.name}: unknown encoding (expected UTF-8 or GBK)") from None


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def read_table(path: Path) -> Table:
    if not path.exists():
        raise BaiwenError(f"找不到文件 {path}", f"file not found: {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises many types for a damaged file
            raise BaiwenError(f"{path.name}：不是有效的 Excel 文件（{e}）", f"{path.name}: not a valid XLSX file") from None
        ws = wb.worksheets[0]
        raw = [(i, [_cell(c) for c in row]) for i, row in enumerate(ws.iter_rows(values_only=True), start=1)]
        wb.close()
    elif suffix in (".csv", ".txt"):
        text = decode_csv_bytes(path.read_bytes(), path)
        # Our exports guard formula-like text with a leading ' (files.safe_cells): take it off again.
        raw = [(i, [csv_unguard(c).strip() for c in row]) for i, row in enumerate(csv.reader(io.StringIO(text)), start=1)]
    else:
        raise BaiwenError(f"{path.name}：只支持 .xlsx 或 .csv 文件", f"{path.name}: only .xlsx or .csv files are supported")
    raw = [(i, r) for i, r in raw if any(r)]
    if not raw:
        raise BaiwenError(f"{path.name}：文件是空的", f"{path.name}: the file is empty")
    header = raw[0][1]
    width = len(header)
    rows = [(i, (r + [""] * width)[: max(width, len(r))]) for i, r in raw[1:]]
    return Table(path, [h.strip() for h in header], rows)
