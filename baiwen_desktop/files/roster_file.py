"""Roster files (考生名单): 工号, 姓名, 单位, 岗位/班组, 班级. Every bad row is reported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.core.errors import BaiwenError, Issue, ValidationError, clip
from baiwen_desktop.files.safe_cells import append_row, write_csv
from baiwen_desktop.files.tabular import read_table

COLUMNS = {
    "employee_no": ("工号", "员工编号", "编号"),
    "name": ("姓名",),
    "unit": ("单位", "部门", "所在单位"),
    "post": ("岗位/班组", "岗位", "班组"),
    "class_name": ("班级/批次", "班级", "批次"),
}
REQUIRED = ("employee_no", "name")


def accepted_headers(lang: str = "zh") -> str:
    """The row-1 headers a roster may use, for errors, help and the README."""
    parts = []
    for key, names in COLUMNS.items():
        alts = names[1:]
        if lang == "zh":
            need = "必填" if key in REQUIRED else "选填"
            parts.append(f"{names[0]}（{need}{'，也可写作 ' + '、'.join(alts) if alts else ''}）")
        else:
            need = "required" if key in REQUIRED else "optional"
            parts.append(f"{names[0]} ({need}{', or ' + ', '.join(alts) if alts else ''})")
    return ("；" if lang == "zh" else "; ").join(parts)


@dataclass(frozen=True)
class RosterRow:
    employee_no: str
    name: str
    unit: str = ""
    post: str = ""
    class_name: str = ""


def write_roster_template(path: Path) -> None:
    """An empty roster: row 1 holds the five headers (工号 and 姓名 required); .xlsx or .csv by the name."""
    header = [names[0] for names in COLUMNS.values()]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with atomic_path(path) as tmp:
            write_csv(tmp, [header])
        return
    if suffix != ".xlsx":
        raise BaiwenError(
            f"名单模板只能是 .xlsx 或 .csv：请让文件名以其中之一结尾（现在是“{clip(suffix) or '无扩展名'}”）",
            f"the roster template is .xlsx or .csv only: end the file name with one of them (not '{clip(suffix) or 'no extension'}')",
        )
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "考生名单"
    append_row(ws, header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col in "ABCDE":
        ws.column_dimensions[col].width = 16
        ws.column_dimensions[col].number_format = "@"  # 工号 such as 00123 stays text
    ws.freeze_panes = "A2"
    with atomic_path(path) as tmp:
        wb.save(tmp)


def parse_roster(path: Path) -> list[RosterRow]:
    table = read_table(path)
    where = path.name
    index: dict[str, int] = {}
    for key, names in COLUMNS.items():
        for i, h in enumerate(table.header):
            if h in names:
                index[key] = i
                break
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in index]
    if missing:
        raise ValidationError(
            f"{where}：第 1 行缺少列 {'、'.join(missing)}。第 1 行应为表头，可用的列：{accepted_headers()}",
            f"{where}: row 1 lacks column(s) {', '.join(missing)}. Row 1 must be the header; accepted columns: {accepted_headers('en')}",
            [Issue(where, 1, f"缺少列“{m}”", f"missing column '{m}'", m) for m in missing],
        )
    issues: list[Issue] = []
    rows: list[RosterRow] = []
    seen: dict[str, int] = {}
    for n, cells in table.rows:
        vals = {k: cells[i].strip() if i < len(cells) else "" for k, i in index.items()}
        if not vals["employee_no"]:
            issues.append(Issue(where, n, "工号为空", "employee number is empty", "工号"))
        elif vals["employee_no"] in seen:
            issues.append(Issue(where, n, f"工号 {clip(vals['employee_no'])} 与第 {seen[vals['employee_no']]} 行重复", "duplicate employee number", "工号"))
        elif len(vals["employee_no"]) > 32:
            issues.append(Issue(where, n, "工号超过 32 个字符", "employee number longer than 32 characters", "工号"))
        if not vals["name"]:
            issues.append(Issue(where, n, "姓名为空", "name is empty", "姓名"))
        elif len(vals["name"]) > 64:
            issues.append(Issue(where, n, "姓名过长", "name too long", "姓名"))
        seen.setdefault(vals["employee_no"], n)
        rows.append(RosterRow(vals["employee_no"], vals["name"], vals.get("unit", ""), vals.get("post", ""), vals.get("class_name", "")))
    if issues:
        raise ValidationError(f"{where}：有 {len(issues)} 处错误，未导入任何数据", f"{where}: {len(issues)} error(s); nothing imported", issues)
    return rows
