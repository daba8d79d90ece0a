"""Each `baiwen` command, called as the console script's main()."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from baiwen_desktop import __version__
from baiwen_desktop.cli.main import main
from baiwen_desktop.core.numbers import round_score


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path) -> str:
    return str(tmp_path / "data")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_bank_check_bundled_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bank", "check")
    assert code == 0 and "通过" in out


def test_bank_check_reports_file_and_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_text("章节: 问\n=== x-1\n题型: 单选\n出处: 问1\n题干: 问\nA: 甲\nB: 乙\n答案: C\n解析: 无\n", encoding="utf-8")
    code, out, _ = run(capsys, "bank", "check", str(f))
    assert code == 1
    assert f"{f}:8:" in out and "不存在的选项" in out


def test_bank_stats_json_and_list(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, out, _ = run(capsys, "bank", "stats", "--json", "--data-dir", data)
    st = json.loads(out)
    assert code == 0 and st["total"] >= 400
    assert st["by_type"]["单选"] >= 140 and st["by_type"]["简答"] >= 30
    code, out, _ = run(capsys, "bank", "list", "--data-dir", data)
    assert "百问百查（2009版）" in out


def test_bank_stats_coverage(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    out_md = tmp_path / "COVERAGE.md"
    assert run(capsys, "bank", "stats", "--coverage", str(out_md), "--data-dir", data)[0] == 0
    text = out_md.read_text(encoding="utf-8")
    assert "| 问14 |" in text and "| 查50 |" in text and "未覆盖的条目：无" in text


def test_roster_import_and_list(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    with f.open("w", encoding="gbk", newline="") as fh:
        csv.writer(fh).writerows([["工号", "姓名", "单位"], ["9", "赵六", "西河供电所"]])
    code, out, _ = run(capsys, "roster", "import", str(f), "--data-dir", data)
    assert code == 0 and "新增 added 1" in out
    code, out, _ = run(capsys, "roster", "list", "--json", "--data-dir", data)
    assert json.loads(out)[0]["name"] == "赵六"


def test_roster_import_error_is_one_clear_message(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    f.write_text("工号,姓名\n,无名\n", encoding="utf-8")
    code, _, err = run(capsys, "roster", "import", str(f), "--data-dir", data)
    assert code == 1
    assert "错误" in err and "error" in err and "r.csv:2:" in err and "Traceback" not in err


def test_missing_file_is_not_a_traceback(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, _, err = run(capsys, "roster", "import", "/nonexistent.xlsx", "--data-dir", data)
    assert code == 1 and "找不到文件" in err and "file not found" in err


def test_exam_create_list_and_unsatisfiable(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    ok = tmp_path / "ok.toml"
    ok.write_text('title = "季度考试"\nduration_minutes = 30\npass_mark = 12\n[[parts]]\ntype = "判断"\ncount = 20\nscore_each = 1\n', encoding="utf-8")
    code, out, _ = run(capsys, "exam", "create", str(ok), "--data-dir", data)
    assert code == 0 and "季度考试" in out
    big = tmp_path / "big.toml"
    big.write_text('title = "太多"\nduration_minutes = 30\npass_mark = 1\n[[parts]]\ntype = "简答"\ncount = 900\nscore_each = 1\n', encoding="utf-8")
    code, _, err = run(capsys, "exam", "create", str(big), "--data-dir", data)
    assert code == 1 and "需要 900 道题" in err and "needs 900" in err
    code, out, _ = run(capsys, "exam", "list", "--json", "--data-dir", data)
    assert [e["title"] for e in json.loads(out)] == ["季度考试"]


def test_demo_and_results_export(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    out_dir = tmp_path / "demo"
    code, out, _ = run(capsys, "demo", "--out", str(out_dir), "--candidates", "6", "--seed", "3", "--data-dir", data)
    assert code == 0 and "6 人" in out
    res = json.loads((out_dir / "results.json").read_text(encoding="utf-8"))
    assert len(res["candidates"]) == 6
    assert all(len(c["questions"]) == 47 for c in res["candidates"])
    xlsx = tmp_path / "r.xlsx"
    code, _, _ = run(capsys, "results", "export", "--exam", str(res["exam"]["id"]), "--format", "xlsx", str(xlsx), "--data-dir", data)
    assert code == 0
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["成绩", "逐题得分", "按题得分"]
    rows = list(wb["成绩"].iter_rows(values_only=True))
    assert rows[0][:4] == ("工号", "姓名", "单位", "得分") and len(rows) == 7
    scores = sorted(float(round_score(Decimal(c["score"]))) for c in res["candidates"])
    assert sorted(r[3] for r in rows[1:]) == scores
    csv_out = tmp_path / "r.csv"
    assert run(capsys, "results", "export", "--exam", str(res["exam"]["id"]), "--format", "csv", str(csv_out), "--data-dir", data)[0] == 0
    assert csv_out.read_text(encoding="utf-8-sig").startswith("工号,姓名")
