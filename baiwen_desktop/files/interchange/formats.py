"""One entry point per direction: read any supported question file into an ImportReport; write a format."""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from baiwen_desktop.core.bankfile import load_bank, parse_text
from baiwen_desktop.core.errors import BaiwenError, Issue
from baiwen_desktop.core.question import Question
from baiwen_desktop.files.bank_excel import read_bank_table
from baiwen_desktop.files.interchange.detect import detect_format
from baiwen_desktop.files.interchange.docx_bank import read_docx, write_docx
from baiwen_desktop.files.interchange.gift import read_gift, write_gift
from baiwen_desktop.files.interchange.moodle_xml import read_moodle, write_moodle
from baiwen_desktop.files.interchange.qti import read_qti, write_qti22, write_qti30
from baiwen_desktop.files.interchange.report import ImportReport
from baiwen_desktop.files.interchange.safe import read_limited
from baiwen_desktop.files.zipguard import check_zip

FORMAT_NAMES = {
    "native": "题库文本", "xlsx": "Excel", "csv": "CSV", "docx": "Word", "moodle": "Moodle XML",
    "gift": "GIFT", "qti": "QTI",
}
# Export formats beyond the spreadsheet/native ones, with the file suffix each writes.
INTERCHANGE_EXPORTS: dict[str, str] = {"docx": ".docx", "moodle": ".xml", "gift": ".gift", "qti": ".zip", "qti3": ".zip"}
Writer = Callable[[Sequence[Question]], bytes]


def writer(fmt: str) -> Writer:
    writers: dict[str, Writer] = {"docx": write_docx, "moodle": write_moodle, "gift": write_gift, "qti": write_qti22, "qti3": write_qti30}
    if fmt not in writers:
        raise BaiwenError(f"不支持的导出格式“{fmt}”", f"unsupported export format '{fmt}'")
    return writers[fmt]


def _native(path: Path) -> ImportReport:
    report = ImportReport(path.name, "native", "行", "line")
    if path.is_dir():
        text = load_bank([path])
        report.questions, report.errors = text.questions, text.issues
        return report
    try:
        content = read_limited(path).decode("utf-8")
    except UnicodeDecodeError as e:
        report.errors.append(Issue(path.name, 1, f"不是 UTF-8 编码：{e.reason}", "not UTF-8"))
        return report
    # A user's file: 解析 and 出处 are optional, unlike in the bundled bank.
    text = parse_text(content, path.name, strict_source=False)
    report.questions, report.errors = text.questions, list(text.issues)
    for qid, n in Counter(q.id for q in text.questions).items():
        if n > 1:
            file, line = text.lines[qid]
            report.errors.append(Issue(file, line, f"题号“{qid}”重复", f"duplicate id '{qid}'"))
    return report


def _table(path: Path, fmt: str) -> ImportReport:
    report = ImportReport(path.name, fmt, "行", "row")
    report.questions, report.errors = read_bank_table(path)
    return report


def read_question_file(path: Path) -> ImportReport:
    """Whatever the file holds, as a report. Problems in questions become its errors; a whole-file
    problem (missing, unreadable, not any supported format, not well-formed) raises BaiwenError."""
    path = Path(path)
    fmt = detect_format(path)
    if fmt in ("xlsx", "csv"):
        return _table(path, fmt)
    if not path.exists():
        raise BaiwenError(f"找不到文件 {path}", f"file not found: {path}")
    if fmt == "native":
        return _native(path)
    if fmt == "moodle":
        return read_moodle(read_limited(path), path.name)
    if fmt == "gift":
        return read_gift(read_limited(path), path.name)
    if fmt == "docx":
        check_zip(path, "Word")
        return read_docx(read_limited(path), path.name)
    if fmt == "qti":
        if zipfile.is_zipfile(path):
            check_zip(path, "QTI")
        return read_qti(read_limited(path), path.name)
    raise BaiwenError(
        f"{path.name}：无法识别文件格式；支持 Excel/CSV 模板、题库文本、Word（.docx）、Moodle XML、GIFT 和 QTI",
        f"{path.name}: unrecognised format; expected the Excel/CSV template, native text, Word (.docx), Moodle XML, GIFT or QTI",
    )
