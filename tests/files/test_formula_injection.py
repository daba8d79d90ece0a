"""Formula injection (issue 10 item 4): hostile text in every export stays text, and our own exports round-trip."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.files.bank_excel import parse_bank_table, write_bank_table
from baiwen_desktop.files.roster_file import RosterRow, parse_roster
from baiwen_desktop.files.safe_cells import csv_cell, csv_unguard
from baiwen_desktop.services import results, roster
from baiwen_desktop.services.demo import run_demo
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Exam

HOSTILE = [
    "=HYPERLINK(\"http://x\",\"点我\")",
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=cmd|' /C calc'!A0",
    "\r=1+1",
    "'=already guarded",
    "''",
    "=",
]


@pytest.mark.parametrize("text", [*HOSTILE, "普通文本", "a'b", "'plain", "", "45"])
def test_guard_round_trips_exactly(text: str) -> None:
    guarded = csv_cell(text)
    assert isinstance(guarded, str)
    assert csv_unguard(guarded) == text
    if text[:1] in ("=", "+", "-", "@", "\t", "\r", "'"):
        assert guarded == "'" + text
    else:
        assert guarded == text
    assert csv_cell(3.5) == 3.5 and csv_cell(-2) == -2  # numbers stay numbers


def _hostile_questions() -> list[Question]:
    out = []
    for i, text in enumerate(HOSTILE):
        out.append(Question(id=f"x{i}", qtype=QType.JUDGE, stem=text + f"（第{i}题）", truth=True, score=Decimal(1),
                            explanation=text, tags=(text.replace(",", "").strip() or "空",)))  # a comma would split the tag
    return out


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_bank_export_is_inert_and_round_trips(tmp_path: Path, fmt: str) -> None:
    qs = _hostile_questions()
    out = tmp_path / f"bank.{fmt}"
    write_bank_table(qs, out, fmt)  # type: ignore[arg-type]
    if fmt == "xlsx":
        ws = load_workbook(out)["题目"]
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)
    else:
        with out.open(encoding="utf-8-sig", newline="") as f:
            cells = [c for row in csv.reader(f) for c in row]
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    back = parse_bank_table(out)
    # Import strips surrounding spaces/tabs from every cell; everything else comes back exactly.
    assert [(q.stem, q.explanation) for q in back] == [(q.stem.strip(), q.explanation.strip()) for q in qs]
    assert [q.tags for q in back] == [tuple(t.strip() for t in q.tags) for q in qs]


@pytest.fixture
def hostile_exam(store: Store, tmp_path: Path) -> int:
    outcome = run_demo(store, tmp_path / "demo", candidates=len(HOSTILE), seed=2, with_pdfs=False)
    people = sorted(roster.list_candidates(store), key=lambda p: p.employee_no)
    for i, (p, text) in enumerate(zip(people, HOSTILE, strict=True)):
        row = RosterRow(f"{text}{i}", text + "姓名", text + "单位", "", "=班级" + p.class_name)
        roster.save_candidate(store, row, "t", p.id)
    with store.session() as s, s.begin():
        s.execute(update(Exam).where(Exam.id == outcome.exam_id).values(title="=1+1 考试"))
    return outcome.exam_id


def hostile_numbers() -> set[str]:
    return {f"{t}{i}".strip() for i, t in enumerate(HOSTILE)}  # the roster keeps 工号 stripped


def test_results_xlsx_cells_are_text(store: Store, hostile_exam: int, tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    results.export(store, hostile_exam, "xlsx", out)
    wb = load_workbook(out)
    names = set()
    assert wb.sheetnames == ["成绩", "逐题得分", "按题得分"]
    for sheet in wb.sheetnames:
        for row in wb[sheet].iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet, cell.coordinate, cell.value)
        rows = list(wb[sheet].iter_rows(values_only=True))
        col = rows[0].index("姓名")
        names |= {r[col] for r in rows[1:]}
    assert names == {(t + "姓名").strip() for t in HOSTILE}  # the roster keeps names stripped
    numbers = {r[0] for r in wb["成绩"].iter_rows(min_row=2, values_only=True)}
    assert numbers == hostile_numbers()
    units = {r[2].replace("\r", "\n") for r in wb["成绩"].iter_rows(min_row=2, values_only=True)}
    # openpyxl's own XML reader turns a CR into LF, with lxml installed it keeps the CR; still text either way
    assert units == {(t + "单位").replace("\r", "\n") for t in HOSTILE}


def test_results_csv_cells_are_guarded_and_read_back(store: Store, hostile_exam: int, tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    results.export(store, hostile_exam, "csv", out)
    for f in (out, tmp_path / "r_逐题得分.csv", tmp_path / "r_按题得分.csv"):
        with f.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for c in r), f.name
        col = rows[0].index("姓名")
        names = {csv_unguard(r[col]) for r in rows[1:]}
        assert names == {(t + "姓名").strip() for t in HOSTILE}
    # The results file is a valid roster: reading it back gives the very names and units (less outer spaces).
    back = parse_roster(out)
    assert {(r.name, r.unit) for r in back} == {((t + "姓名").strip(), (t + "单位").strip()) for t in HOSTILE}
    assert {r.employee_no for r in back} == hostile_numbers()
    assert {r.class_name for r in back} == {"=班级演示班（种子2）"}
