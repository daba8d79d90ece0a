"""Strict exam TOML (issue 10 item 7, issue 12): unknown keys, strict types, encodings, real line numbers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from baiwen_desktop.cli.main import main
from baiwen_desktop.core.errors import BaiwenError, ValidationError
from baiwen_desktop.core.exam import load_exam_toml, parse_exam

GOOD = 'title = "月考"\nduration_minutes = 30\npass_mark = 6\n\n[[parts]]\ntype = "判断"\ncount = 10\nscore_each = 1\n'


def write(tmp_path: Path, text: str | bytes, name: str = "exam.toml") -> Path:
    f = tmp_path / name
    f.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return f


def issues(tmp_path: Path, text: str | bytes) -> list[tuple[int, str, str]]:
    with pytest.raises(ValidationError) as e:
        load_exam_toml(write(tmp_path, text))
    return [(i.line, i.field, i.zh) for i in e.value.issues]


def test_unknown_keys_name_the_closest_known_key(tmp_path: Path) -> None:
    text = GOOD.replace("score_each = 1", "score_ech = 1\nsection = [\"问\"]").replace("pass_mark = 6", "pass_mark = 6\nshufle_options = false")
    got = issues(tmp_path, text)
    assert (4, "shufle_options", "未知的键“shufle_options”，是不是“shuffle_options”？") in got
    assert (10, "parts[1].section", "第 1 个组卷规则：未知的键“section”，是不是“sections”？") in got
    assert (9, "parts[1].score_ech", "第 1 个组卷规则：未知的键“score_ech”，是不是“score_each”？") in got
    assert any(f == "parts[1].score_each" for _, f, _ in got)  # and the real key is missing


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("duration_minutes = 30", "duration_minutes = true", "duration_minutes", 2),
        ("duration_minutes = 30", "duration_minutes = 30.0", "duration_minutes", 2),
        ("pass_mark = 6", "pass_mark = 1e-400", "pass_mark", 3),
        ("pass_mark = 6", "pass_mark = 1e400", "pass_mark", 3),
        ("pass_mark = 6", 'pass_mark = "6"', "pass_mark", 3),
        ("pass_mark = 6", "pass_mark = true", "pass_mark", 3),
        ("pass_mark = 6", "pass_mark = nan", "pass_mark", 3),
        ("score_each = 1", "score_each = 1e400", "parts[1].score_each", 8),
        ("score_each = 1", "score_each = 0.001", "parts[1].score_each", 8),
        ("count = 10", "count = true", "parts[1].count", 7),
        ("count = 10", "count = 1e3", "parts[1].count", 7),
        ('type = "判断"', "type = 3", "parts[1].type", 6),
        ('title = "月考"', "title = 3", "title", 1),
        ("count = 10", 'count = 10\nsections = "问"', "parts[1].sections", 8),
        ("count = 10", "count = 10\ndifficulty_min = true", "parts[1].difficulty_min", 8),
    ],
)
def test_strict_types(tmp_path: Path, old: str, new: str, field: str, line: int) -> None:
    got = issues(tmp_path, GOOD.replace(old, new))
    assert [(ln, f) for ln, f, _ in got] == [(line, field)]


def test_wrongly_shaped_parts(tmp_path: Path) -> None:
    base = 'title = "月考"\nduration_minutes = 30\npass_mark = 1\n'
    assert [(ln, f) for ln, f, _ in issues(tmp_path, base + "parts = 3\n")] == [(4, "parts")]
    assert [(ln, f) for ln, f, _ in issues(tmp_path, base + 'parts = ["单选"]\n')] == [(4, "parts[1]")]
    assert [(ln, f) for ln, f, _ in issues(tmp_path, base + '[parts]\ntype = "单选"\ncount = 1\nscore_each = 1\n')] == [(4, "parts")]
    got = issues(tmp_path, base + '[[parts]]\ntype = "单选"\ncount = 1\nscore_each = 1\n[[parts]]\ntype = "作文"\ncount = 1\nscore_each = 1\n')
    assert [(ln, f) for ln, f, _ in got] == [(9, "parts[2].type")]
    assert "第 2 个组卷规则" in got[0][2]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_toml_in_utf8_bom_and_gbk_with_any_line_ends(tmp_path: Path, encoding: str, newline: str) -> None:
    e = load_exam_toml(write(tmp_path, GOOD.replace("月考", "营销部月考").replace("\n", newline).encode(encoding)))
    assert e.title == "营销部月考" and e.total == Decimal(10)
    with pytest.raises(ValidationError) as err:
        load_exam_toml(write(tmp_path, GOOD.replace("count = 10", "count = 0").replace("\n", newline).encode(encoding)))
    assert [(i.line, i.field) for i in err.value.issues] == [(7, "parts[1].count")]


def test_non_text_and_bad_bytes_are_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    for raw, expect in (
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是文字文件"),
        (b"\xef\xbb\xbf" + GOOD.encode() + b'bank = "\xff\xfe"\n', ":9:"),
        (b'title = "\xff\xff\xff\xff"\n', "不是文字文件"),
        (GOOD.replace("count = 10", "count = = 10").encode(), ":7:"),
    ):
        f = write(tmp_path, raw)
        with pytest.raises(BaiwenError):
            load_exam_toml(f)
        code = main(["exam", "create", str(f), "--data-dir", data])
        err = capsys.readouterr().err
        assert code == 1 and expect in err and err.count("\n") <= 2, err
        assert "内部错误" not in err


def test_cli_shows_real_lines_not_file_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path, GOOD.replace("duration_minutes = 30", "duration_minutes = true").replace("score_each = 1", "score_ech = 1"))
    code = main(["exam", "create", str(f), "--data-dir", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{f}:2: [duration_minutes]" in err and f"{f}:8: [parts[1].score_ech]" in err
    assert ":0:" not in err


def test_forms_and_stored_definitions_stay_lenient() -> None:
    # The console's form and the database give numbers as text and may carry any stored key.
    e = parse_exam({"title": "表单", "duration_minutes": 30, "pass_mark": "6.5", "parts": [{"type": "判断", "count": 10, "score_each": "1"}], "future_key": 1}, "form")
    assert e.pass_mark == Decimal("6.5") and e.total == Decimal(10)
    with pytest.raises(ValidationError) as err:
        parse_exam({"title": "表单", "duration_minutes": True, "pass_mark": 1, "parts": [{"type": "判断", "count": 1, "score_each": 1}]}, "form")
    assert str(err.value.issues[0]).startswith("form: [duration_minutes]")  # no fake ":0:"
