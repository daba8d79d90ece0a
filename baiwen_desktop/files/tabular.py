"""Read a one-sheet table from XLSX or CSV (UTF-8, UTF-8 with BOM, or GBK), with row numbers.

Whole-file problems (missing, a folder, wrong kind, undecodable, a zip bomb) raise BaiwenError;
problems in cells (too long, control characters) raise ValidationError naming each row and column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from baiwen_desktop.core.errors import BaiwenError, Issue, ValidationError, clip
from baiwen_desktop.files.safe_cells import csv_unguard
from baiwen_desktop.files.zipguard import check_zip

MAX_CELL_CHARS = 131_072  # as the csv module's default field limit
MAX_ROWS = 100_000
MAX_CSV_BYTES = 100 * 1024 * 1024
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, LF and CR are text


@dataclass(frozen=True)
class Table:
    path: Path
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as Excel shows it, cells)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + data.count(b"\r", 0, offset) - data.count(b"\r\n", 0, offset) + 1


def decode_csv_bytes(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) first; a GBK file fails UTF-8 and is read as GB18030."""
    name = Path(path).name
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as e:  # a BOM says UTF-8: do not guess GBK
            line = _line_of(data, e.start + 3)
            raise BaiwenError(
                f"{name}：第 {line} 行有不是 UTF-8 的字节（文件开头标明是 UTF-8），请用“UTF-8”重新保存",
                f"{name}: line {line} holds a byte that is not UTF-8 (the file starts with a UTF-8 BOM); save it again as UTF-8",
            ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_line = _line_of(data, e.start)
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise BaiwenError(
            f"{name}：无法识别文件编码（应为 UTF-8 或 GBK；第 {utf8_line} 行起无法读取）",
            f"{name}: unknown encoding (expected UTF-8 or GBK; unreadable from line {utf8_line})",
        ) from None


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _column(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(min(i + 1, 16384))


def _nonempty(name: str, rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    n = 0
    for i, r in rows:
        if any(r):
            n += 1
            if n > MAX_ROWS:
                raise BaiwenError(f"{name}：超过 {MAX_ROWS} 行，请分成几个文件导入", f"{name}: more than {MAX_ROWS} rows; split the file")
            yield i, r


def _xlsx_rows(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    check_zip(path, "Excel")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a damaged file
        raise BaiwenError(f"{path.name}：不是有效的 Excel 文件（{clip(e)}）", f"{path.name}: not a valid XLSX file ({clip(e)})") from None
    try:
        if not wb.worksheets:
            raise BaiwenError(f"{path.name}：没有工作表", f"{path.name}: the workbook has no sheet")
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # trust the cells, not a (possibly hostile) declared size
        rows = ((i, [_cell(c) for c in row]) for i, row in enumerate(ws.iter_rows(values_only=True), start=1))
        return list(_nonempty(path.name, rows))
    except BaiwenError:
        raise
    except Exception as e:  # a damaged sheet part
        raise BaiwenError(f"{path.name}：不是有效的 Excel 文件（{clip(e)}）", f"{path.name}: not a valid XLSX file ({clip(e)})") from None
    finally:
        wb.close()


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise BaiwenError(f"{path.name}：文件超过 100 MB，拒绝读取", f"{path.name}: larger than 100 MB; refused")
    text = decode_csv_bytes(path.read_bytes(), path)
    # newline="": CR-only line ends (old Excel for Mac) split rows as LF and CRLF do.
    reader = csv.reader(io.StringIO(text, newline=""))
    # Our exports guard formula-like text with a leading ' (files.safe_cells): take it off again.
    rows = ((i, [csv_unguard(c).strip() for c in row]) for i, row in enumerate(reader, start=1))
    try:
        return list(_nonempty(path.name, rows))
    except csv.Error as e:
        line = reader.line_num
        if "field limit" in str(e):
            raise ValidationError(
                f"{path.name}：第 {line} 行有单元格超过 {MAX_CELL_CHARS} 个字符，未导入任何数据",
                f"{path.name}: line {line} has a cell longer than {MAX_CELL_CHARS} characters; nothing imported",
                [Issue(path.name, line, f"单元格超过 {MAX_CELL_CHARS} 个字符", f"a cell is longer than {MAX_CELL_CHARS} characters")],
            ) from None
        raise BaiwenError(f"{path.name}：第 {line} 行 CSV 格式错误（{clip(e)}）", f"{path.name}: line {line}: bad CSV ({clip(e)})") from None


def _cell_issues(name: str, raw: list[tuple[int, list[str]]]) -> list[Issue]:
    header = raw[0][1]
    issues: list[Issue] = []
    for n, cells in raw:
        for i, c in enumerate(cells):
            col = _column(i)
            field = clip(header[i]) if n != raw[0][0] and i < len(header) and header[i] else col
            if len(c) > MAX_CELL_CHARS:
                issues.append(Issue(name, n, f"第 {col} 列有 {len(c)} 个字符，超过上限 {MAX_CELL_CHARS}",
                                    f"column {col} holds {len(c)} characters, over the limit of {MAX_CELL_CHARS}", field))
            elif CONTROL_CHARS.search(c):
                issues.append(Issue(name, n, f"第 {col} 列含有控制字符（如 NUL），请删除", f"column {col} holds a control character (such as NUL)", field))
    return issues


def read_table(path: Path, *, txt_as_csv: bool = False) -> Table:
    """The first sheet (or the CSV) as rows of stripped text; empty rows are skipped.

    `txt_as_csv`: also read a .txt as CSV (bank imports, where a .txt may be either format).
    """
    path = Path(path)
    accepted = ".xlsx 或 .csv"
    if path.is_dir():
        raise BaiwenError(f"{path.name}：是文件夹，不是文件；请选择一个 {accepted} 文件", f"{path.name} is a folder, not a file; choose an .xlsx or .csv file")
    if not path.exists():
        raise BaiwenError(f"找不到文件 {path}", f"file not found: {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        raw = _xlsx_rows(path)
    elif suffix == ".csv" or (suffix == ".txt" and txt_as_csv):
        raw = _csv_rows(path)
    elif suffix in (".xls", ".et", ".wps"):
        raise BaiwenError(f"{path.name}：不支持旧版 Excel/WPS 格式，请在 Excel 或 WPS 中“另存为” .xlsx", f"{path.name}: old Excel/WPS format; save it as .xlsx first")
    else:
        got = f"“{clip(suffix)}”文件" if suffix else "没有扩展名的文件"
        raise BaiwenError(f"{path.name}：只支持 {accepted} 文件，不支持{got}", f"{path.name}: only .xlsx or .csv files are supported, not '{clip(suffix) or 'no extension'}'")
    if not raw:
        raise BaiwenError(f"{path.name}：文件是空的", f"{path.name}: the file is empty")
    issues = _cell_issues(path.name, raw)
    if issues:
        rows = sorted({i.line for i in issues})
        raise ValidationError(
            f"{path.name}：{len(issues)} 处错误（第 {'、'.join(map(str, rows[:10]))}{' 等' if len(rows) > 10 else ' '}行），未导入任何数据",
            f"{path.name}: {len(issues)} error(s) in row(s) {', '.join(map(str, rows[:10]))}{', ...' if len(rows) > 10 else ''}; nothing imported",
            issues,
        )
    header = raw[0][1]
    width = len(header)
    rows = [(i, (r + [""] * width)[: max(width, len(r))]) for i, r in raw[1:]]
    return Table(path, [h.strip() for h in header], rows)
