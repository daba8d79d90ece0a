"""Import trainers' banks from XLSX/CSV (or native text) and export any bank to those formats."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Literal

from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.core.bankfile import format_bank
from baiwen_desktop.core.errors import BaiwenError, Issue
from baiwen_desktop.core.question import Question
from baiwen_desktop.files.bank_excel import import_error, write_bank_table
from baiwen_desktop.files.interchange.formats import INTERCHANGE_EXPORTS, read_question_file, writer
from baiwen_desktop.files.interchange.report import ImportReport
from baiwen_desktop.services import banks
from baiwen_desktop.services.banks import ImportOutcome
from baiwen_desktop.store.engine import Store

ExportFormat = Literal["xlsx", "csv", "native", "docx", "moodle", "gift", "qti", "qti3"]
EXPORT_FORMATS: tuple[str, ...] = ("xlsx", "csv", "native", *INTERCHANGE_EXPORTS)
NATIVE_FILE = "bank.txt"  # the question file of a native folder export


def issue_dicts(issues: list[Issue]) -> list[dict[str, object]]:
    """Issues as the rows a CLI --json answer or a preview table shows: row, column, message."""
    return [{"row": i.line, "column": i.field, "message": f"{i.zh} / {i.en}" if i.en else i.zh} for i in issues]


def read_bank_file(path: Path) -> ImportReport:
    """The import report for any supported file: questions, what was left out and why, errors."""
    return read_question_file(Path(path))


def preview_bank_file(path: Path) -> tuple[list[Question], list[Issue]]:
    """What an import would add, and every problem found; raises nothing for bad content."""
    report = read_bank_file(path)
    return report.questions, report.all_issues()


def _check_writable(store: Store, bank_name: str) -> None:
    if not bank_name.strip():
        raise BaiwenError("请指定题库名称", "a bank name is required")
    info = next((b for b in banks.list_banks(store) if b.name == bank_name), None)
    if info is not None and info.bundled:
        raise BaiwenError(
            f"内置题库“{bank_name}”是只读的，不能导入；请导入到自建题库（另起一个名称）",
            f"the bundled bank '{bank_name}' is read-only; import into a bank of your own (another name)",
        )


def import_bank_file(store: Store, path: Path, bank_name: str, actor: str) -> ImportOutcome:
    """Import every question of a file into a user bank, or nothing if any row is bad.

    Re-importing is idempotent: a question whose type and normalised stem are already
    in the bank counts as a duplicate (and spreadsheet ids are content-derived, so stable).
    """
    path = Path(path)
    _check_writable(store, bank_name)  # before reading: a read-only target is the first thing to say
    report = read_bank_file(path)
    issues = report.all_issues()
    if issues and report.format in ("xlsx", "csv", "native"):
        raise import_error(path.name, issues)
    report.check()
    outcome = banks.add_questions(store, bank_name, report.questions, actor, source_file=path.name)
    outcome.report = report.to_dict()
    return outcome


def _atomic_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _toml_str(s: str) -> str:
    # A JSON string (non-ASCII kept) is a valid TOML basic string.
    return json.dumps(s, ensure_ascii=False)


def export_bank(store: Store, bank_name: str, fmt: ExportFormat, out: Path) -> int:
    """Write a bank as xlsx, csv or native text; returns the number of questions written.

    native: `out` ending in .txt is one self-contained file (each question names its own
    章节, no file header), which `load_bank` reads back; any other `out` is a folder with
    bank.toml and bank.txt, like question_bank/.
    """
    if fmt not in EXPORT_FORMATS:
        names = "、".join(EXPORT_FORMATS)
        raise BaiwenError(f"导出格式应为 {names} 之一，而不是“{fmt}”", f"format must be one of {', '.join(EXPORT_FORMATS)}, not '{fmt}'")
    out = Path(out)
    info = banks.get_bank_info(store, bank_name)
    questions = banks.bank_questions(store, bank_name)
    if fmt in INTERCHANGE_EXPORTS:
        data = writer(fmt)(questions)
        with atomic_path(out) as tmp:
            tmp.write_bytes(data)
        return len(questions)
    if fmt in ("xlsx", "csv"):
        write_bank_table(questions, out, "xlsx" if fmt == "xlsx" else "csv")
        return len(questions)
    head = f"# 题库：{info.name}（共 {len(questions)} 题，由 baiwen bank export 导出）\n\n"
    body = head + format_bank(questions)
    if out.suffix.lower() == ".txt":
        _atomic_text(out, body)
    else:
        if out.exists() and not out.is_dir():
            raise BaiwenError(f"{out} 不是文件夹；导出为单个文件请用 .txt 结尾", f"{out} is not a folder; end the name with .txt for one file")
        # bundled = false: a copy is a user bank, so 解析/出处 stay optional when it is read back.
        meta = f"name = {_toml_str(info.name)}\ndescription = {_toml_str(info.description)}\nbundled = false\n"
        _atomic_text(out / "bank.toml", meta)
        _atomic_text(out / NATIVE_FILE, body)
    return len(questions)
