"""Hostile spreadsheets (issue 10 items 5 and 7, issue 12): zip bombs, odd encodings and line ends,
huge or control-character cells, folders and wrong extensions: one clear error, exit 1, nothing imported."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from baiwen_desktop.cli.main import main
from baiwen_desktop.core.errors import BaiwenError, ValidationError, clip
from baiwen_desktop.files.bank_excel import COLUMNS, write_template
from baiwen_desktop.files.roster_file import parse_roster
from baiwen_desktop.files.tabular import read_table
from baiwen_desktop.files.zipguard import check_zip
from baiwen_desktop.services import roster
from baiwen_desktop.services.bank_transfer import export_bank, preview_bank_file
from baiwen_desktop.store.engine import Store

MB = 1024 * 1024


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path) -> str:
    return str(tmp_path / "data")


def bomb(path: Path, inflated: int, member: str = "xl/sharedStrings.xml") -> Path:
    """A real workbook whose `member` is replaced by `inflated` bytes of one repeated letter (about 1000:1)."""
    src = path.with_suffix(".src.xlsx")
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(COLUMNS))
    ws.append(["判断题", "题干", *[""] * 6, "对"])
    wb.save(src)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != member:
                zout.writestr(info, zin.read(info))
        with zout.open(member, "w", force_zip64=True) as f:
            head = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
            f.write(head)
            chunk = b"A" * MB
            left = inflated - len(head) - 20
            while left > 0:
                f.write(chunk[: min(MB, left)])
                left -= MB
            f.write(b"</t></si></sst>")
    src.unlink()
    return path


def test_zip_bomb_over_100_mb_is_refused_before_parsing(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str) -> None:
    path = bomb(tmp_path / "bomb.xlsx", 101 * MB)
    assert path.stat().st_size < 400_000  # small on disk
    with pytest.raises(BaiwenError, match="超过上限 100 MB"):
        check_zip(path)
    code, _, err = run(capsys, "bank", "import", str(path), "--bank", "炸弹", "--data-dir", data)
    assert code == 1 and "bomb.xlsx" in err and "zip bomb" in err and len(err) < 400
    code, _out, err = run(capsys, "roster", "import", str(path), "--data-dir", data)
    assert code == 1 and "zip bomb" in err and len(err) < 400


def test_high_ratio_member_is_refused(tmp_path: Path) -> None:
    path = bomb(tmp_path / "ratio.xlsx", 3 * MB)  # small in total, but 1000:1
    with pytest.raises(BaiwenError, match="压缩比") as e:
        preview_bank_file(path)
    assert "sharedStrings.xml" in e.value.en and len(str(e.value)) < 400


def test_too_many_members_and_not_a_zip(tmp_path: Path) -> None:
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(30):
            z.writestr(f"p{i}.xml", "")
    with pytest.raises(BaiwenError, match="30 个部件"):
        check_zip(many, max_members=20)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(BaiwenError, match="不是有效的 Excel 文件"):
        read_table(fake)


def test_real_files_pass_the_guard(store: Store, tmp_path: Path) -> None:
    export_bank(store, "百问百查（2009版）", "xlsx", tmp_path / "bank.xlsx")
    write_template(tmp_path / "template.xlsx")
    for f in ("bank.xlsx", "template.xlsx"):
        check_zip(tmp_path / f)
    assert len(preview_bank_file(tmp_path / "bank.xlsx")[0]) == 507


def test_error_quotes_at_most_80_characters_of_a_cell(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(",".join(COLUMNS) + "\n" + "X" * 100_000 + ",题干\n", encoding="utf-8")
    _, issues = preview_bank_file(path)
    assert issues and all(len(i.zh) < 200 and len(i.en) < 200 for i in issues)
    assert "X" * 80 + "…" in issues[0].zh
    assert clip("a\nb" * 100) == ("a b" * 100)[:80] + "…"


# ---------------------------------------------------------------- item 7: encodings, line ends, cells


ROSTER = "工号,姓名,单位\n"


def test_cr_only_line_ends_are_read(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes("工号,姓名,单位\rA1,张三,城区\rA2,李四,城区\r".encode())
    assert [(r.employee_no, r.name) for r in parse_roster(path)] == [("A1", "张三"), ("A2", "李四")]


def test_cell_over_131072_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str) -> None:
    path = tmp_path / "big.csv"
    path.write_text(ROSTER + "A1,张三,城区\nA2," + "长" * (131_072 + 1) + ",城区\n", encoding="utf-8")
    code, _, err = run(capsys, "roster", "import", str(path), "--data-dir", data)
    assert code == 1 and "big.csv" in err and "第 3 行" in err and "131072" in err and len(err) < 600
    xlsx = tmp_path / "big.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工号", "姓名"])
    ws.append(["A1", "长" * (131_072 + 1)])
    wb.save(xlsx)
    with pytest.raises(ValidationError) as e:  # an XLSX cell holds at most 32,767 characters: too long a name
        parse_roster(xlsx)
    assert [(i.line, i.field, i.zh) for i in e.value.issues] == [(2, "姓名", "姓名过长")]


def test_bom_file_with_one_bad_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ROSTER.encode() + "A1,张三,城区\n".encode() + b"A2,\xff\xfe,x\n")
    code, _, err = run(capsys, "roster", "import", str(path), "--data-dir", data)
    assert code == 1 and "bom.csv" in err and "第 3 行" in err and "UTF-8" in err


def test_nul_and_control_characters_in_roster_fields(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str) -> None:
    path = tmp_path / "nul.csv"
    path.write_text(ROSTER + "A1,张三,城区\nA2,李\x00四,城区\nA3,王五,城\x07区\n", encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        roster.import_roster(store, path, "t")
    assert [(i.line, i.field) for i in e.value.issues] == [(3, "姓名"), (4, "单位")]
    assert roster.list_candidates(store) == []  # nothing imported
    code, _, err = run(capsys, "roster", "import", str(path), "--data-dir", data)
    assert code == 1 and "控制字符" in err and "control character" in err
    with pytest.raises(BaiwenError, match="姓名含有控制字符"):  # the console's single edit too
        roster.save_candidate(store, roster.RosterRow("A9", "王\x00五"), "t")
    assert roster.list_candidates(store) == []


def test_gbk_and_utf8_rosters_still_read(tmp_path: Path) -> None:
    for enc in ("gbk", "utf-8", "utf-8-sig"):
        path = tmp_path / f"r-{enc}.csv"
        path.write_text(ROSTER + "A1,张三,城区供电所\n", encoding=enc)
        assert [(r.name, r.unit) for r in parse_roster(path)] == [("张三", "城区供电所")]


# ---------------------------------------------------------------- issue 12: what roster import accepts


def test_roster_folder_and_txt_are_refused_with_the_real_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str) -> None:
    folder = tmp_path / "名单"
    folder.mkdir()
    code, _, err = run(capsys, "roster", "import", str(folder), "--data-dir", data)
    assert code == 1 and "是文件夹" in err and "is a folder" in err
    txt = tmp_path / "名单.txt"
    txt.write_text(ROSTER + "A1,张三,城区\n", encoding="utf-8")
    code, _, err = run(capsys, "roster", "import", str(txt), "--data-dir", data)
    assert code == 1 and "只支持 .xlsx 或 .csv" in err and "“.txt”" in err
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    code, _, err = run(capsys, "roster", "import", str(xls), "--data-dir", data)
    assert code == 1 and "另存为" in err


def test_missing_roster_column_lists_the_accepted_headers(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text("编码,名字\nA1,张三\n", encoding="utf-8")
    code, _, err = run(capsys, "roster", "import", str(path), "--data-dir", data)
    assert code == 1 and "缺少列 工号、姓名" in err
    for header in ("工号", "员工编号", "姓名", "单位", "部门", "岗位/班组", "班级/批次", "批次"):
        assert header in err
    assert "accepted columns" in err


def test_json_outputs_have_numbers_not_strings(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str) -> None:
    toml = tmp_path / "e.toml"
    toml.write_text('title = "季度考试"\nduration_minutes = 30\npass_mark = 7.5\n[[parts]]\ntype = "判断"\ncount = 10\nscore_each = 1.5\n', encoding="utf-8")
    code, out, _ = run(capsys, "exam", "create", str(toml), "--json", "--data-dir", data)
    created = json.loads(out)
    assert code == 0 and created["total"] == 15 and created["questions"] == 10
    code, out, _ = run(capsys, "exam", "list", "--json", "--data-dir", data)
    listed = json.loads(out)
    assert listed[0]["total"] == 15 and listed[0]["pass_mark"] == 7.5 and listed[0]["duration_minutes"] == 30


# ---------------------------------------------------------------- issue 12: bank template formats, item 7: bank scores


def test_bank_template_csv_is_csv_and_unknown_suffix_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str) -> None:
    out = tmp_path / "x.csv"
    code, _, err = run(capsys, "bank", "template", str(out), "--data-dir", data)
    assert code == 0, err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"PK")  # a CSV, not a zip
    assert raw.decode("utf-8-sig").splitlines() == [",".join(COLUMNS)]
    assert read_table(out).header == list(COLUMNS)
    for name, extra in (("x.txt", []), ("x", []), ("y.csv", ["--format", "xlsx"])):
        code, _, err = run(capsys, "bank", "template", str(tmp_path / name), *extra, "--data-dir", data)
        assert code == 1 and ("模板只能是" in err or "不符" in err) and not (tmp_path / name).exists(), (name, err)


@pytest.mark.parametrize("score", ["1e400", "1E-400", "0.001", "1001", "nan", "-1"])
def test_absurd_bank_scores_are_refused(tmp_path: Path, score: str) -> None:
    path = tmp_path / "s.csv"
    row = ["判断题", "供电服务应当做到首问负责。", "", "", "", "", "", "", "对", "", "", score, "", "", ""]
    path.write_text(",".join(COLUMNS) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    qs, found = preview_bank_file(path)
    assert qs == [] and [(i.line, i.field) for i in found] == [(2, "分值")]
    row[11] = "2.5"
    path.write_text(",".join(COLUMNS) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    assert [str(q.score) for q in preview_bank_file(path)[0]] == ["2.5"]


def test_roster_template_and_readme_document_the_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str) -> None:
    from baiwen_desktop.files.roster_file import COLUMNS as ROSTER_COLUMNS

    for name in ("名单.xlsx", "名单.csv"):
        code, out, err = run(capsys, "roster", "template", str(tmp_path / name), "--data-dir", data)
        assert code == 0, err
        assert "工号（必填" in out
        assert parse_roster(tmp_path / name) == []  # the header is accepted as it is
    table = read_table(tmp_path / "名单.csv")
    assert table.header == ["工号", "姓名", "单位", "岗位/班组", "班级/批次"]
    code, _, err = run(capsys, "roster", "template", str(tmp_path / "名单.txt"), "--data-dir", data)
    assert code == 1 and ".xlsx 或 .csv" in err
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for names in ROSTER_COLUMNS.values():
        for header in names:
            assert header in readme, header


def test_documented_exam_example_passes_the_strict_loader() -> None:
    from baiwen_desktop.core.exam import load_exam_toml

    exam = load_exam_toml(Path(__file__).parents[2] / "docs" / "exam-example.toml")
    assert exam.total == 100 and exam.question_count == 47


def _numeric_strings(value: object, path: str = "") -> list[str]:
    """Paths of JSON strings that are really numbers (a score or count printed as text)."""
    import re

    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _numeric_strings(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _numeric_strings(v, f"{path}[{i}]")]
    return [path] if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value) else []


def test_every_json_output_gives_numbers_as_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, out, err = run(capsys, "demo", "--out", str(tmp_path / "demo"), "--candidates", "3", "--no-pdf", "--json", "--data-dir", data)
    assert code == 0, err
    demo = json.loads(out)
    assert isinstance(demo["mean"], int | float) and isinstance(demo["pass_rate"], int | float)
    outputs = [demo]
    for argv in (["exam", "list"], ["bank", "list"], ["bank", "stats"], ["roster", "list"]):
        code, out, err = run(capsys, *argv, "--json", "--data-dir", data)
        assert code == 0, err
        outputs.append(json.loads(out))
    found = [p for o in outputs for p in _numeric_strings(o) if not p.endswith(("employee_no", "seed"))]
    assert found == []
