"""Trainers' own question banks as spreadsheets: one row per question, XLSX or CSV.

Each row is mapped onto the key -> [(value, line)] fields of the native format and
validated by `bankfile.build_question`, so both formats obey exactly the same rules;
only the location of a problem is translated (line -> Excel row, key -> column header).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.core.bankfile import answer_field, build_question, order_free_field, section_of_source
from baiwen_desktop.core.errors import BaiwenError, Issue, ValidationError, clip
from baiwen_desktop.core.normalise import normalise
from baiwen_desktop.core.question import OPTION_LETTERS, QType, Question
from baiwen_desktop.files.safe_cells import append_row, write_csv
from baiwen_desktop.files.tabular import read_table

TableFormat = Literal["xlsx", "csv"]

OPTION_COLUMNS = tuple(f"选项{letter}" for letter in OPTION_LETTERS)
COLUMNS: tuple[str, ...] = ("题型", "题干", *OPTION_COLUMNS, "答案", "解析", "难度", "分值", "知识点", "出处", "评分要点")
# Optional trailing columns, written on export only when needed so that nothing is lost
# in a round trip (the template has no place for them): 填空 乱序, and a 章节 that 出处 does not imply.
EXTRA_COLUMNS: tuple[str, ...] = ("乱序", "章节")

# Spreadsheet column -> native key, and back for locating issues.
_KEY_OF = {**{col: letter for col, letter in zip(OPTION_COLUMNS, OPTION_LETTERS, strict=True)}, "评分要点": "要点"}
_COLUMN_OF = {key: col for col, key in _KEY_OF.items()}

_WIDTHS = {"题型": 9, "题干": 48, "答案": 22, "解析": 40, "难度": 7, "分值": 7, "知识点": 18, "出处": 9, "评分要点": 34, "乱序": 8, "章节": 12}
_OPTION_WIDTH = 18
_PLACEHOLDER_ID = "row"  # build_question wants an id; the real one is derived from the content


def question_id(qtype: QType, stem: str) -> str:
    """A stable id for a spreadsheet question, so re-importing a file yields the same ids."""
    digest = hashlib.sha256(f"{qtype.value}\n{normalise(stem)}".encode()).hexdigest()
    return "x" + digest[:10]


# ---------------------------------------------------------------- reading


def read_bank_table(path: Path) -> tuple[list[Question], list[Issue]]:
    """Every question that validates, and every problem found in its rows.

    A whole-file problem (missing, a folder, not a table, undecodable, a zip bomb) raises
    BaiwenError: it belongs to no row, so it is not reported as one.
    """
    name = path.name
    try:
        table = read_table(path, txt_as_csv=True)
    except ValidationError as e:  # cells too long or holding control characters: row by row
        return [], list(e.issues)
    issues = _header_issues(name, table.header)
    if issues:
        return [], issues
    index = {h: i for i, h in enumerate(table.header) if h}
    questions: list[Question] = []
    for row, cells in table.rows:
        values = {col: cells[i].strip() if i < len(cells) else "" for col, i in index.items()}
        q, row_issues = _row_question(name, row, values)
        issues.extend(row_issues)
        if q is not None:
            questions.append(q)
    if not table.rows:
        issues.append(Issue(name, 1, "文件中没有题目：第 1 行是表头，第 2 行起每行一题", "the file holds no questions: row 1 is the header, one question per row below it"))
    return questions, issues


def parse_bank_table(path: Path) -> list[Question]:
    """Read a bank spreadsheet; raise ValidationError listing every problem if any row is bad."""
    questions, issues = read_bank_table(path)
    if issues:
        raise import_error(path.name, issues)
    return questions


def import_error(name: str, issues: list[Issue]) -> ValidationError:
    """One error for a whole file: how many problems, on which rows (the first ten), nothing imported."""
    rows = sorted({i.line for i in issues})
    more = len(rows) > 10
    zh_rows = "、".join(map(str, rows[:10])) + (" 等" if more else " ")
    en_rows = ", ".join(map(str, rows[:10])) + (", ..." if more else "")
    return ValidationError(
        f"{name}：{len(issues)} 处错误（第 {zh_rows}行），未导入任何题目",
        f"{name}: {len(issues)} error(s) in row(s) {en_rows}; nothing was imported",
        issues,
    )


def _header_issues(name: str, header: Sequence[str]) -> list[Issue]:
    """Row 1 must hold the template's columns in order; the extra columns may follow."""
    present = [h for h in header if h]
    unknown = {i: h for i, h in enumerate(header) if h and h not in COLUMNS and h not in EXTRA_COLUMNS}
    issues: list[Issue] = []
    for pos, col in enumerate(COLUMNS):
        if col in present:
            continue
        letter = get_column_letter(pos + 1)
        if pos in unknown:  # a misspelt header: one error, not "missing" plus "unknown"
            got = unknown.pop(pos)
            issues.append(Issue(name, 1, f"第 1 行第 {letter} 列应为“{col}”，而不是“{clip(got)}”", f"row 1, column {letter} must be '{col}', not '{clip(got)}'", col))
        else:
            issues.append(Issue(name, 1, f"第 1 行缺少列“{col}”（应在第 {letter} 列）", f"row 1 lacks the column '{col}' (column {letter})", col))
    for i, h in unknown.items():
        letter = get_column_letter(i + 1)
        issues.append(Issue(name, 1, f"第 1 行第 {letter} 列“{clip(h)}”不是模板中的列", f"row 1, column {letter}: '{clip(h)}' is not a template column", clip(h)))
    dupes = sorted({h for h in present if present.count(h) > 1})
    issues += [Issue(name, 1, f"第 1 行列“{clip(h)}”出现了多次", f"row 1 has the column '{clip(h)}' more than once", clip(h)) for h in dupes]
    if not issues:
        for i, (got, want) in enumerate(zip(header, COLUMNS, strict=False)):
            if got != want:
                issues.append(Issue(name, 1, f"第 1 行第 {get_column_letter(i + 1)} 列应为“{want}”，而不是“{clip(got)}”（列的顺序须与模板一致）", f"row 1, column {get_column_letter(i + 1)} must be '{want}', not '{clip(got)}' (keep the template's column order)", want))
                break
    return issues


def _row_question(name: str, row: int, values: dict[str, str]) -> tuple[Question | None, list[Issue]]:
    if not values.get("题型"):
        return None, [Issue(name, row, "缺少题型（单选题/多选题/判断题/填空题/简答题）", "missing question type", "题型")]
    fields: dict[str, list[tuple[str, int]]] = {}
    for col, value in values.items():
        if not value:
            continue  # an empty cell means "not given": defaults apply, as for an absent native key
        key = _KEY_OF.get(col, col)
        if key == "要点":
            # One cell holds every point; an empty piece stays in so that it is reported.
            fields[key] = [(p.strip(), row) for p in value.split("|")]
        else:
            fields[key] = [(value, row)]
    # 出处 问14 implies its section, as a native file's 章节 header would.
    implied = section_of_source(values.get("出处", ""))
    q, issues = build_question(fields, _PLACEHOLDER_ID, implied, name, row, strict_source=False, difficulty_words=True)
    for issue in issues:  # every field sits on `row` already; only the key needs its column name
        issue.field = _COLUMN_OF.get(issue.field, issue.field)
    if q is None:
        return None, issues
    return replace(q, id=question_id(q.qtype, q.stem)), []


# ---------------------------------------------------------------- writing


def _number(d: Decimal) -> int | float:
    """A score as a spreadsheet number (float keeps 0.5; repr round-trips it exactly)."""
    return int(d) if d == d.to_integral_value() else float(d)


def _extras(questions: Sequence[Question]) -> list[str]:
    extras = []
    if any(q.order_free for q in questions):
        extras.append("乱序")
    if any(q.section != section_of_source(q.source or "") for q in questions):
        extras.append("章节")
    return extras


def _row_values(q: Question, extras: Sequence[str]) -> list[object]:
    options = list(q.options) + [""] * (len(OPTION_LETTERS) - len(q.options))
    row: list[object] = [
        q.qtype.label,
        q.stem,
        *options,
        answer_field(q),
        q.explanation,
        q.difficulty,
        _number(q.score),
        "、".join(q.tags),
        q.source or "",
        " | ".join(p.to_text() for p in q.points),
    ]
    for col in extras:
        if col == "乱序":
            row.append(order_free_field(q))
        else:
            row.append(q.section or "")
    return row


def _style_header(ws: Worksheet, header: Sequence[str]) -> None:
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, col in enumerate(header, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = _WIDTHS.get(col, _OPTION_WIDTH)
        if col not in ("难度", "分值"):
            # Text format, so Excel keeps what is typed: "99.9%" or "1-4" must not become numbers or dates.
            dim.number_format = "@"
    ws.freeze_panes = "A2"


def write_bank_table(questions: Sequence[Question], path: Path, fmt: TableFormat) -> None:
    """Write questions in the template's layout (plus 乱序/章节 columns when some question needs them)."""
    extras = _extras(questions)
    header = [*COLUMNS, *extras]
    rows = [_row_values(q, extras) for q in questions]
    if fmt == "xlsx":

        def write(tmp: Path) -> None:
            wb = Workbook()
            ws = wb.active
            assert ws is not None
            ws.title = "题目"
            append_row(ws, header)
            for row in rows:
                append_row(ws, row)
            _style_header(ws, header)
            wb.save(tmp)

    elif fmt == "csv":

        def write(tmp: Path) -> None:
            write_csv(tmp, [header, *rows])

    else:
        raise BaiwenError(f"表格格式应为 xlsx 或 csv，而不是“{clip(fmt)}”", f"table format must be xlsx or csv, not '{clip(fmt)}'")
    with atomic_path(path) as tmp:
        write(tmp)


# ---------------------------------------------------------------- template

_EXAMPLES: tuple[tuple[object, ...], ...] = (
    ("单选题", "按照供电服务“十项承诺”，城市地区供电可靠率不低于（  ）。", "99%", "99.9%", "96%", "99.99%", "", "",
     "B", "“十项承诺”第⑴条：城市地区供电可靠率不低于99.9%。", 1, "", "十项承诺、供电可靠率", "问14", ""),
    ("多选题", "员工应树立的“四种意识”包括（  ）。", "企业意识", "大局意识", "责任意识", "效益意识", "", "",
     "A、B、C", "问15：企业意识、大局意识、责任意识、服务意识。", "较易", 2, "四种意识", "问15", ""),
    ("判断题", "城市地区居民客户端电压合格率不低于95%。", "", "", "", "", "", "",
     "错误", "应为不低于96%。", 2, "", "十项承诺", "问14", ""),
    ("填空题", "供电抢修人员到达现场的时间一般不超过：城区范围（  ）分钟；农村地区（  ）分钟。", "", "", "", "", "", "",
     "45；四十五 | 90；九十", "城区范围45分钟；农村地区90分钟。", "", "", "十项承诺、故障抢修", "问14", ""),
    ("简答题", "结合工作实际，分析供电服务存在哪些薄弱环节。", "", "", "", "", "", "",
     "可从服务观念、服务意识、服务技能、执行制度等方面分析。", "", "较难", 4, "服务短板", "问13",
     "服务观念=1 | 服务意识=1 | 服务技能=1 | 执行制度/制度执行=1"),
)

_HELP: tuple[tuple[str, str, str, str], ...] = (
    ("题型", "必填", "单选题、多选题、判断题、填空题、简答题（也可写 单选/多选/判断/填空/简答）", "单选题"),
    ("题干", "必填", "题目内容。填空题用（  ）、( ) 或 ____ 标出每一个空", "城市地区供电可靠率不低于（  ）。"),
    ("选项A–选项F", "单选、多选必填", "按顺序填写 2–6 个选项，中间不能留空；判断、填空、简答题不填", "99.9%"),
    ("答案", "必填",
     "单选：一个字母；多选：两个或以上字母，可写 ABD、A,B,D 或 A、B、D；判断：正确/错误、对/错、√/× 或 T/F；"
     "填空：各空之间用 | 分隔，同一空的几种可接受写法用 ； 或 ; 分隔，空的个数须与题干中的（  ）个数相同；简答：参考答案",
     "B ／ ABD ／ 错误 ／ 45；四十五 | 90"),
    ("解析", "选填", "答案的依据，考后显示给考生", "问14第⑴条：……"),
    ("难度", "选填", "1–5 或 易/较易/中等/较难/难（对应 1–5）；不填为 3（中等）", "2 或 较易"),
    ("分值", "选填", "正数；不填按题型默认：单选 1 分、多选 2 分、判断 1 分、填空每空 1 分、简答为评分要点之和（填写时须等于该和）", "2"),
    ("知识点", "选填", "可写多个，用 、 或 , 分隔，用于按知识点抽题和统计", "十项承诺、供电可靠率"),
    ("出处", "选填", "题目依据的条目；写作 问N 或 查N 时须为 问1–问49、查1–查50，并据此确定章节", "问14"),
    ("评分要点", "简答题必填", "多个要点用 | 分隔，每个写作 关键词/同义词=分值；考生答案含任一关键词即得该要点分值", "服务意识=1 | 执行制度/制度执行=1"),
    ("乱序（可选列）", "选填", "可加在最后一列之后：填空题中可以任意顺序作答的空，如 1-4 或 1,3；多组用 ； 分隔", "1-4"),
    ("章节（可选列）", "选填", "可加在最后一列之后：问、查制度执行、查行为规范、查措施落实、查监督保障；不填时由出处确定", "问"),
)


def write_csv_template(path: Path) -> None:
    """The CSV template: the header row only (UTF-8 with BOM); the column help is in the XLSX template."""
    with atomic_path(path) as tmp:
        write_csv(tmp, [COLUMNS])


def write_template(path: Path) -> None:
    """An empty import template: the header row, and a sheet「填写说明」with one example per type."""

    def write(tmp: Path) -> None:
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "题目"
        ws.append(list(COLUMNS))
        _style_header(ws, COLUMNS)
        types = DataValidation(type="list", formula1='"单选题,多选题,判断题,填空题,简答题"', allow_blank=True)
        types.error = "请选择 单选题/多选题/判断题/填空题/简答题"
        types.errorTitle = "题型"
        ws.add_data_validation(types)
        types.add("A2:A5000")

        help_ws = wb.create_sheet("填写说明")
        bold = Font(bold=True)
        wrap = Alignment(wrap_text=True, vertical="top")
        notes = (
            "题库导入模板填写说明",
            "1. 在第一张工作表「题目」中填写：第 1 行是表头，不要修改或调换顺序；从第 2 行起每行一道题。",
            "2. 导入时检查每一行；只要有一处错误，整个文件都不导入，并列出所有错误的行号和列名，改正后重新导入即可。",
            "3. 重复导入同一文件是安全的：题型和题干相同的题目算作重复，不会再次加入。",
        )
        for text in notes:
            help_ws.append([text])
        help_ws["A1"].font = Font(bold=True, size=14)
        help_ws.append([])
        help_ws.append(["列名", "说明", "示例", "是否必填"])
        head = help_ws.max_row
        for col, required, text, example in _HELP:
            help_ws.append([col, text, example, required])
        for r in help_ws.iter_rows(min_row=head, max_row=help_ws.max_row):
            for cell in r:
                cell.alignment = wrap
        for cell in help_ws[head]:
            cell.font = bold
        help_ws.append([])
        help_ws.append(["示例（每种题型一行，可复制到「题目」工作表中参照填写）"])
        help_ws.cell(row=help_ws.max_row, column=1).font = bold
        help_ws.append(list(COLUMNS))
        for cell in help_ws[help_ws.max_row]:
            cell.font = bold
        for example in _EXAMPLES:
            help_ws.append(list(example))
        # The column table and the example rows share columns: A 列名/题型, B 说明/题干, C 示例/选项A.
        for i, col in enumerate(COLUMNS, start=1):
            help_ws.column_dimensions[get_column_letter(i)].width = {1: 16, 2: 60, 3: 30, 4: 14}.get(i, _WIDTHS.get(col, 12))
        for r in help_ws.iter_rows(min_row=help_ws.max_row - len(_EXAMPLES) + 1, max_row=help_ws.max_row):
            for cell in r:
                cell.alignment = wrap
        wb.save(tmp)

    with atomic_path(path) as tmp:

        write(tmp)
