"""One safe file-name function (issue 10 item 6): hostile titles and names never leave the folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from baiwen_desktop.cli.main import main
from baiwen_desktop.core.filenames import MAX_NAME_BYTES, safe_filename
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.reports.output import candidate_filename
from baiwen_desktop.services import roster
from baiwen_desktop.services.context import open_app
from baiwen_desktop.services.demo import run_demo
from baiwen_desktop.store.models import Exam

HOSTILE_NAMES = ["../../../逃逸", "/etc/passwd", "CON", "lpt1.txt", "张\u202e三fdp.exe", "..", "a\u200bb\u2066c", "C:\\Windows\\x", "名字. . ."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("../../x", "____x"),
        ("/abs/path", "_abs_path"),
        ("C:\\Windows\\system32", "C__Windows_system32"),
        ("..", "_"),
        ("...", "_"),
        (".hidden", "hidden"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("Com1", "_Com1"),
        ("LPT9 .pdf", "_LPT9 .pdf"),
        ("COM10", "COM10"),
        ("CONSOLE", "CONSOLE"),
        ("名字. . .", "名字"),
        ("  两边 空格  ", "两边 空格"),
        ("a\x00b\x1fc\x7fd", "abcd"),
        ("tab\there", "tab_here"),
        ("张\u202e三fdp.exe", "张三fdp.exe"),  # RLO would display it as exe.pdf
        ("x\u200b\u2066y\u2069", "xy"),
        ('a<b>c:d"e|f?g*h', "a_b_c_d_e_f_g_h"),
        ("", "_"),
        ("\u202e", "_"),
        ("百问百查闭卷考试_成绩单", "百问百查闭卷考试_成绩单"),
    ],
)
def test_safe_filename(text: str, expected: str) -> None:
    assert safe_filename(text) == expected


def test_length_is_limited_in_bytes_without_splitting_a_character() -> None:
    name = safe_filename("长" * 500, ".pdf")
    assert name.endswith(".pdf") and len(name.removesuffix(".pdf").encode()) <= MAX_NAME_BYTES
    assert set(name.removesuffix(".pdf")) == {"长"}
    assert len(safe_filename("a" * 1000).encode()) == MAX_NAME_BYTES


def test_candidate_filename_uses_it() -> None:
    assert candidate_filename("../1", "CON") == "__1_CON.pdf"
    assert candidate_filename("CON", "") == "_CON.pdf"
    assert candidate_filename("A1", "张\u202e三") == "A1_张三.pdf"


def hostile_demo(data: Path, tmp_path: Path) -> int:
    store = open_app(data)
    try:
        exam_id = run_demo(store, tmp_path / "demo", candidates=len(HOSTILE_NAMES), seed=4, with_pdfs=False).exam_id
        people = sorted(roster.list_candidates(store), key=lambda p: p.employee_no)
        for p, name in zip(people, HOSTILE_NAMES, strict=True):
            roster.save_candidate(store, RosterRow("../" + p.employee_no, name, "", "", p.class_name), "t", p.id)
        with store.session() as s, s.begin():
            s.execute(update(Exam).where(Exam.id == exam_id).values(title="../../标题/逃逸"))
    finally:
        store.dispose()
    return exam_id


def test_cli_per_candidate_files_stay_in_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    exam_id = hostile_demo(data, tmp_path)
    out = tmp_path / "a" / "b" / "out"
    code = main(["report", "scoresheets", "--exam", str(exam_id), "--per-candidate", "--out", str(out), "--data-dir", str(data)])
    assert code == 0, capsys.readouterr().err
    inside = sorted(p.name for p in out.iterdir())
    assert len(inside) == len(HOSTILE_NAMES) and all(n.endswith(".pdf") for n in inside)
    everywhere = [p for p in tmp_path.rglob("*.pdf") if "demo" not in p.parts]
    assert all(p.parent == out for p in everywhere)  # nothing escaped upwards
    for n in inside:
        assert n == safe_filename(n.removesuffix(".pdf"), ".pdf")  # already safe: a fixed point
        assert "\u202e" not in n and ".." not in n and "/" not in n
