"""`baiwen demo` lists what it wrote and leaves no temp folder; documents name questions by 出处."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from baiwen_desktop.cli.main import main
from baiwen_desktop.services import documents, results
from baiwen_desktop.services.demo import run_demo
from baiwen_desktop.store.engine import Store


def text_of(path: Path) -> str:
    return "".join(p.extract_text() for p in PdfReader(path).pages).replace(" ", "").replace("\n", "")


def test_demo_lists_its_files_and_removes_its_temp_data_dir(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp_root))
    monkeypatch.setattr("tempfile.tempdir", None)  # re-read TMPDIR
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "--candidates", "4", "--seed", "2"]) == 0
    text = capsys.readouterr().out
    listed = [Path(line.strip()) for line in text.splitlines() if line.startswith("  ")]
    assert [p.name for p in listed] == ["results.json", "成绩单.pdf", "成绩汇总表.pdf", "试题分析.pdf", "合格证书.pdf"]
    assert all(p.parent == out and p.is_file() for p in listed)
    assert "已删除" in text and "removed" in text
    assert list(temp_root.iterdir()) == []  # no baiwen-demo-* folder left behind


def test_demo_with_data_dir_keeps_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["demo", "--out", str(tmp_path / "o"), "--candidates", "3", "--no-pdf", "--data-dir", str(data)]) == 0
    text = capsys.readouterr().out
    assert f"  {tmp_path / 'o' / 'results.json'}" in text and ".pdf" not in text
    assert f"数据目录 / data dir: {data}" in text and any(data.iterdir())


def test_item_analysis_and_score_sheet_name_questions_alike(store: Store, tmp_path: Path) -> None:
    exam_id = run_demo(store, tmp_path / "demo", candidates=3, seed=5, with_pdfs=False).exam_id
    row = results.results(store, exam_id)[0]
    (analysis,) = documents.generate(store, "analysis", exam_id, tmp_path / "a.pdf")
    (sheets,) = documents.generate(store, "scoresheets", exam_id, tmp_path / "s.pdf")
    a_text, s_text = text_of(analysis), text_of(sheets)
    assert not re.search(r"[wc]\d\d-\d\d", a_text + s_text)  # no raw ids such as w33-06
    first = row.questions[0]
    number = int(first.question_id.rsplit("-", 1)[1])
    label = f"{first.source}-{number}"
    assert f"1{first.qtype}题{label}" in a_text  # 题号, 题型, 题目 in the item table
    assert f"1{first.qtype}题{label}" in s_text  # 题号, 题型, 出处 on the score sheet
