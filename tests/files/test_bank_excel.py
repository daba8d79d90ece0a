"""Trainers' banks as XLSX/CSV: import (all or nothing, idempotent), export, template, CLI."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from baiwen_desktop.cli.main import main
from baiwen_desktop.core.bankfile import load_bank
from baiwen_desktop.core.errors import BaiwenError, ValidationError
from baiwen_desktop.core.normalise import normalise
from baiwen_desktop.core.question import QType, Question, ScoringPoint
from baiwen_desktop.files.bank_excel import COLUMNS, parse_bank_table, question_id, write_template
from baiwen_desktop.services import banks
from baiwen_desktop.services.bank_transfer import export_bank, import_bank_file, preview_bank_file
from baiwen_desktop.services.context import open_app
from baiwen_desktop.store.engine import Store

BANK = "培训中心题库"

# One row per type, using the looser spellings a trainer may type (GBK-encodable throughout).
VALID_ROWS: list[list[object]] = [
    ["单选题", "城市地区供电可靠率不低于（  ）。", "99%", "99.9%", "96%", "99.99%", "", "", "b", "十项承诺第一条。", 1, "", "十项承诺、供电可靠率", "问14", ""],
    ["多选", "员工应树立的意识包括（ ）。", "企业意识", "大局意识", "效益意识", "责任意识", "服务意识", "", "A、B、D、E", "", "较易", 3, "四种意识,员工", "问15", ""],
    ["判断题", "城市居民客户端电压合格率不低于95%。", "", "", "", "", "", "", "×", "应为96%。", "", "", "", "", ""],
    ["判断", "供电服务应当做到首问负责。", "", "", "", "", "", "", "T", "", "易", "", "", "", ""],
    ["填空题", "抢修到达现场时间：城区 ____ 分钟，农村( )分钟。", "", "", "", "", "", "", "45；四十五 | 90;九十", "", 2, "", "故障抢修", "问14", ""],
    ["简答题", "分析供电服务存在哪些薄弱环节。", "", "", "", "", "", "", "从服务观念、服务技能等方面分析。", "", "难", "", "服务短板", "问13", "服务观念=1 | 执行制度/制度执行=1.5"],
]

CONTENT_FIELDS = ("qtype", "stem", "options", "correct", "truth", "blanks", "order_free", "reference", "points",
                  "explanation", "source", "section", "tags", "difficulty", "score")


def content(q: Question) -> tuple[object, ...]:
    return tuple(getattr(q, f) for f in CONTENT_FIELDS)


@pytest.fixture
def bank_store(tmp_path: Path) -> Iterator[Store]:
    s = open_app(tmp_path / "data")
    yield s
    s.dispose()


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], header: Sequence[str] = COLUMNS) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(header))
    for row in rows:
        ws.append([None if v == "" else v for v in row])  # empty cells, as Excel leaves them
    wb.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str, header: Sequence[str] = COLUMNS) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def count(store: Store, name: str = BANK) -> int:
    return next((b.question_count for b in banks.list_banks(store) if b.name == name), 0)


def check_valid_rows(qs: list[Question]) -> None:
    assert [q.qtype for q in qs] == [QType.SINGLE, QType.MULTI, QType.JUDGE, QType.JUDGE, QType.BLANK, QType.SHORT]
    single, multi, judge_f, judge_t, blank, short = qs
    assert single.options == ("99%", "99.9%", "96%", "99.99%") and single.correct == (1,)
    assert single.difficulty == 1 and single.score == Decimal(1) and single.tags == ("十项承诺", "供电可靠率")
    assert single.source == "问14" and single.section == "问"  # section implied by 出处
    assert single.explanation == "十项承诺第一条。"
    assert multi.options[4] == "服务意识" and multi.correct == (0, 1, 3, 4)
    assert multi.difficulty == 2 and multi.score == Decimal(3) and multi.tags == ("四种意识", "员工")
    assert judge_f.truth is False and judge_f.difficulty == 3 and judge_f.source is None and judge_f.section is None
    assert judge_t.truth is True and judge_t.difficulty == 1
    assert blank.blanks == (("45", "四十五"), ("90", "九十")) and blank.score == Decimal(2)
    assert short.reference == "从服务观念、服务技能等方面分析。" and short.difficulty == 5
    assert short.points == (ScoringPoint(("服务观念",), Decimal(1)), ScoringPoint(("执行制度", "制度执行"), Decimal("1.5")))
    assert short.score == Decimal("2.5")
    assert all(q.id == question_id(q.qtype, q.stem) for q in qs)


# ---------------------------------------------------------------- valid imports


@pytest.mark.parametrize("kind", ["xlsx", "gbk", "utf-8-sig", "utf-8"])
def test_import_valid_file(bank_store: Store, tmp_path: Path, kind: str) -> None:
    if kind == "xlsx":
        path = write_xlsx(tmp_path / "bank.xlsx", VALID_ROWS)
    else:
        path = write_csv(tmp_path / "bank.csv", VALID_ROWS, kind)
    out = import_bank_file(bank_store, path, BANK, actor="test")
    assert (out.imported, out.duplicates) == (6, 0)
    check_valid_rows(banks.bank_questions(bank_store, BANK))


def test_gbk_file_really_is_gbk(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "g.csv", VALID_ROWS, "gbk").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    check_valid_rows(parse_bank_table(tmp_path / "g.csv"))


def test_reimport_is_idempotent(bank_store: Store, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bank.xlsx", VALID_ROWS)
    first = import_bank_file(bank_store, path, BANK, actor="test")
    ids = [q.id for q in banks.bank_questions(bank_store, BANK)]
    second = import_bank_file(bank_store, path, BANK, actor="test")
    assert (first.imported, first.duplicates) == (6, 0)
    assert (second.imported, second.duplicates) == (0, 6)
    assert count(bank_store) == 6
    # the same stems with other spacing/punctuation width are still duplicates, and ids are stable
    rows = [list(r) for r in VALID_ROWS]
    rows[0][1] = " 城市地区供电可靠率不低于（  ）。 "
    third = import_bank_file(bank_store, write_csv(tmp_path / "again.csv", rows, "utf-8"), BANK, actor="test")
    assert (third.imported, third.duplicates) == (0, 6)
    assert [q.id for q in parse_bank_table(path)] == ids


def test_importing_into_the_bundled_bank_fails(bank_store: Store, tmp_path: Path) -> None:
    before = count(bank_store, banks.BUNDLED_NAME)
    with pytest.raises(BaiwenError, match="只读"):
        import_bank_file(bank_store, write_xlsx(tmp_path / "b.xlsx", VALID_ROWS), banks.BUNDLED_NAME, actor="test")
    assert count(bank_store, banks.BUNDLED_NAME) == before


# ---------------------------------------------------------------- errors

GOOD = ["单选题", "好题目（  ）。", "甲", "乙", "", "", "", "", "A", "", "", "", "", "", ""]


def row(**cells: object) -> list[object]:
    r: list[object] = list(GOOD)
    for col, value in cells.items():
        r[COLUMNS.index(col)] = value
    return r


# (row, column) -> the cells of that row; every row after the first valid one has exactly one kind of error
BAD_ROWS: list[tuple[str | None, list[object]]] = [
    (None, row()),
    ("题型", row(题型="问答题", 题干="题型不对（  ）。")),
    ("答案", row(题干="单选给了两个字母（  ）。", 答案="AB")),
    ("答案", row(题型="多选题", 题干="多选只给一个字母（  ）。", 答案="A")),
    ("答案", row(题干="字母指向不存在的选项（  ）。", 答案="D")),
    ("答案", row(题型="判断题", 题干="判断答案写错。", 选项A="", 选项B="", 答案="可能")),
    ("答案", row(题型="填空题", 题干="两个空（  ）和（  ）只给一个。", 选项A="", 选项B="", 答案="甲")),
    ("难度", row(题干="难度写错（  ）。", 难度="很难")),
    ("分值", row(题干="分值为零（  ）。", 分值=0)),
    ("分值", row(题干="分值为负（  ）。", 分值=-2)),
    ("评分要点", row(题型="简答题", 题干="要点写错。", 选项A="", 选项B="", 答案="参考答案", 评分要点="服务意识=1 | 没有分值")),
    ("题干", row(题干="")),
    ("选项C", row(题干="选项中间空了一个（  ）。", 选项B="", 选项C="丙")),
    ("分值", row(题型="简答题", 题干="分值与要点合计不符。", 选项A="", 选项B="", 答案="参考", 分值=5, 评分要点="甲=1 | 乙=1")),
    ("题型", row(题型="", 题干="没有题型（  ）。")),
]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_every_bad_row_is_reported_and_nothing_imported(bank_store: Store, tmp_path: Path, kind: str) -> None:
    import_bank_file(bank_store, write_xlsx(tmp_path / "first.xlsx", VALID_ROWS), BANK, actor="test")
    before = count(bank_store)
    rows = [r for _, r in BAD_ROWS]
    path = write_xlsx(tmp_path / "bad.xlsx", rows) if kind == "xlsx" else write_csv(tmp_path / "bad.csv", rows, "gbk")
    with pytest.raises(ValidationError) as info:
        import_bank_file(bank_store, path, BANK, actor="test")
    expected = {(n, col) for n, (col, _) in enumerate(BAD_ROWS, start=2) if col}
    found = {(i.line, i.field) for i in info.value.issues}
    assert found == expected
    assert all(i.file == path.name and i.zh and i.en for i in info.value.issues)
    assert "未导入" in info.value.zh
    assert count(bank_store) == before


def test_messages_name_the_problem(tmp_path: Path) -> None:
    _, issues = preview_bank_file(write_xlsx(tmp_path / "bad.xlsx", [r for _, r in BAD_ROWS]))
    by_row = {i.line: i for i in issues}
    assert "未知题型" in by_row[3].zh
    assert "正好一个字母" in by_row[4].zh
    assert "至少两个字母" in by_row[5].zh
    assert "不存在的选项" in by_row[6].zh
    assert "可能" in by_row[7].zh
    assert "2 个空" in by_row[8].zh
    assert "易/较易/中等/较难/难" in by_row[9].zh
    assert "正数" in by_row[10].zh
    assert "没有分值" in by_row[12].zh


def test_preview_returns_valid_questions_and_issues(tmp_path: Path) -> None:
    questions, issues = preview_bank_file(write_xlsx(tmp_path / "mixed.xlsx", [*VALID_ROWS, BAD_ROWS[2][1]]))
    assert len(questions) == 6 and [(i.line, i.field) for i in issues] == [(8, "答案")]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ([*COLUMNS[:8], "答 案", *COLUMNS[9:]], "答案"),  # misspelt
        ([c for c in COLUMNS if c != "解析"], "解析"),  # a column deleted
        ([*COLUMNS[:2], COLUMNS[3], COLUMNS[2], *COLUMNS[4:]], "选项A"),  # two columns swapped
    ],
)
def test_bad_header(bank_store: Store, tmp_path: Path, header: list[str], field: str) -> None:
    path = write_xlsx(tmp_path / "h.xlsx", [GOOD[: len(header)]], header=header)
    with pytest.raises(ValidationError) as info:
        import_bank_file(bank_store, path, BANK, actor="test")
    issues = info.value.issues
    assert len(issues) == 1, issues
    assert (issues[0].line, issues[0].field) == (1, field)
    assert count(bank_store) == 0


def test_header_only_and_unknown_extra_column(tmp_path: Path) -> None:
    _, issues = preview_bank_file(write_xlsx(tmp_path / "empty.xlsx", []))
    assert [i.line for i in issues] == [1] and "没有题目" in issues[0].zh
    _, issues = preview_bank_file(write_xlsx(tmp_path / "extra.xlsx", [GOOD], header=[*COLUMNS, "备注"]))
    assert [(i.line, i.field) for i in issues] == [(1, "备注")]


def test_missing_file_is_a_file_error_not_a_row_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(BaiwenError, match="找不到文件") as e:
        preview_bank_file(tmp_path / "nope.xlsx")
    assert not isinstance(e.value, ValidationError)  # no row: the file is not there
    code = main(["bank", "import", str(tmp_path / "nope.xlsx"), "--bank", BANK, "--data-dir", str(tmp_path / "d")])
    err = capsys.readouterr().err
    assert code == 1 and "找不到文件" in err and "file not found" in err
    assert "row" not in err and "第 1 行" not in err
    code = main(["bank", "import", str(tmp_path / "nope.xlsx"), "--bank", BANK, "--json", "--data-dir", str(tmp_path / "d")])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["errors"][0]["row"] is None and "找不到文件" in data["errors"][0]["message"]


# ---------------------------------------------------------------- round trips


def _deduplicated(questions: list[Question]) -> list[Question]:
    """What an import keeps: the first of each type + normalised stem."""
    seen: set[tuple[str, str]] = set()
    out = []
    for q in questions:
        key = (q.qtype.value, normalise(q.stem))
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out


@pytest.mark.parametrize("target", ["bank.xlsx", "bank.csv", "bank.txt", "native_folder"])
def test_round_trip_of_the_bundled_bank(bank_store: Store, tmp_path: Path, target: str) -> None:
    original = banks.bank_questions(bank_store, banks.BUNDLED_NAME)
    assert original, "the bundled bank is empty"
    fmt = {"bank.xlsx": "xlsx", "bank.csv": "csv"}.get(target, "native")
    out = tmp_path / target
    assert export_bank(bank_store, banks.BUNDLED_NAME, fmt, out) == len(original)
    result = import_bank_file(bank_store, out, "副本", actor="test")
    expected = _deduplicated(original)
    assert (result.imported, result.duplicates) == (len(expected), len(original) - len(expected))
    copied = banks.bank_questions(bank_store, "副本")
    assert [content(q) for q in copied] == [content(q) for q in expected]
    if fmt == "native":
        back = load_bank([out])  # the native export is also a valid bank for `baiwen bank check`
        assert back.issues == [] and [content(q) for q in back.questions] == [content(q) for q in original]
        assert [q.id for q in copied] == [q.id for q in expected]  # native ids survive


def test_round_trip_keeps_order_free_and_sections(bank_store: Store, tmp_path: Path) -> None:
    rows = [[*r, "", ""] for r in VALID_ROWS]
    rows.append(["填空题", "四种意识是（  ）、（  ）、（  ）、（  ）。", "", "", "", "", "", "", "企业 | 大局 | 责任 | 服务", "", "", "", "", "", "", "1-4", "问"])
    path = write_xlsx(tmp_path / "extra.xlsx", rows, header=[*COLUMNS, "乱序", "章节"])
    import_bank_file(bank_store, path, BANK, actor="test")
    qs = banks.bank_questions(bank_store, BANK)
    assert qs[-1].order_free == ((0, 1, 2, 3),) and qs[-1].section == "问" and qs[-1].source is None
    for fmt in ("xlsx", "csv"):
        export_bank(bank_store, BANK, fmt, tmp_path / f"out.{fmt}")
        assert [content(q) for q in parse_bank_table(tmp_path / f"out.{fmt}")] == [content(q) for q in qs]


def test_exported_xlsx_has_the_template_header(bank_store: Store, tmp_path: Path) -> None:
    import_bank_file(bank_store, write_xlsx(tmp_path / "in.xlsx", VALID_ROWS), BANK, actor="test")
    export_bank(bank_store, BANK, "xlsx", tmp_path / "out.xlsx")
    ws = load_workbook(tmp_path / "out.xlsx").worksheets[0]
    assert [c.value for c in ws[1]] == list(COLUMNS)  # no 乱序/章节 columns when nothing needs them
    assert ws.freeze_panes == "A2"
    assert (tmp_path / "out.csv").exists() is False
    export_bank(bank_store, BANK, "csv", tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")


# ---------------------------------------------------------------- template


def test_template_header_and_examples_import(bank_store: Store, tmp_path: Path) -> None:
    write_template(tmp_path / "t.xlsx")
    wb = load_workbook(tmp_path / "t.xlsx")
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == list(COLUMNS) and all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2" and ws.column_dimensions["B"].width > 20
    assert wb.sheetnames[1] == "填写说明"
    help_rows = [[c.value for c in r] for r in wb["填写说明"].iter_rows()]
    explained = {str(r[0]) for r in help_rows if r[0]}
    assert {"题型", "题干", "选项A–选项F", "答案", "解析", "难度", "分值", "知识点", "出处", "评分要点"} <= explained
    start = next(i for i, r in enumerate(help_rows) if r[: len(COLUMNS)] == list(COLUMNS))
    examples = [r[: len(COLUMNS)] for r in help_rows[start + 1:]]
    assert {r[0] for r in examples} == {"单选题", "多选题", "判断题", "填空题", "简答题"}
    # the examples are valid rows: copied under the template header they import cleanly
    path = write_xlsx(tmp_path / "filled.xlsx", [["" if v is None else v for v in r] for r in examples])
    assert import_bank_file(bank_store, path, BANK, actor="test").imported == 5


# ---------------------------------------------------------------- CLI


def cli(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--data-dir", str(data)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_template_import_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, out, _ = cli(capsys, data, "bank", "template", str(tmp_path / "t.xlsx"))
    assert code == 0 and (tmp_path / "t.xlsx").exists()

    path = write_xlsx(tmp_path / "bank.xlsx", VALID_ROWS)
    code, out, _ = cli(capsys, data, "bank", "import", str(path), "--bank", BANK, "--json")
    got = json.loads(out)
    assert code == 0 and got["report"]["format"] == "xlsx" and got["report"]["skipped"] == []
    assert {k: got[k] for k in ("imported", "duplicates", "errors")} == {"imported": 6, "duplicates": 0, "errors": []}
    code, out, _ = cli(capsys, data, "bank", "import", str(path), "--bank", BANK)
    assert code == 0 and "重复 6" in out

    for fmt in ("xlsx", "csv", "native"):
        target = tmp_path / f"out_{fmt}.{'txt' if fmt == 'native' else fmt}"
        code, out, _ = cli(capsys, data, "bank", "export", "--bank", BANK, "--format", fmt, str(target), "--json")
        assert code == 0 and json.loads(out)["questions"] == 6
        code, out, _ = cli(capsys, data, "bank", "import", str(target), "--bank", f"副本{fmt}", "--json")
        got = json.loads(out)
        assert {k: got[k] for k in ("imported", "duplicates", "errors")} == {"imported": 6, "duplicates": 0, "errors": []}
    store = open_app(data)
    try:
        check_valid_rows(banks.bank_questions(store, BANK))
        assert [content(q) for q in banks.bank_questions(store, "副本native")] == [content(q) for q in banks.bank_questions(store, BANK)]
    finally:
        store.dispose()


def test_cli_import_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = write_csv(tmp_path / "bad.csv", [r for _, r in BAD_ROWS], "utf-8-sig")
    code, out, _ = cli(capsys, data, "bank", "import", str(path), "--bank", BANK, "--json")
    assert code == 1
    answer = json.loads(out)
    assert set(answer) == {"imported", "duplicates", "errors", "report"}
    assert answer["report"]["format"] == "csv"
    assert answer["imported"] == 0 and answer["duplicates"] == 0
    assert {(e["row"], e["column"]) for e in answer["errors"]} == {(n, c) for n, (c, _) in enumerate(BAD_ROWS, start=2) if c}
    assert all(set(e) == {"row", "column", "message"} and " / " in e["message"] for e in answer["errors"])

    code, out, err = cli(capsys, data, "bank", "import", str(path), "--bank", BANK)
    assert code == 1
    assert "第 4 行" in err and "[答案]" in err and "单选题的答案必须正好一个字母" in err and "single-choice" in err
    assert "[评分要点]" in err and "[选项C]" in err

    code, out, _ = cli(capsys, data, "bank", "import", str(tmp_path / "missing.xlsx"), "--bank", BANK, "--json")
    assert code == 1 and json.loads(out)["errors"][0]["row"] is None  # a whole-file problem has no row

    good = write_xlsx(tmp_path / "good.xlsx", VALID_ROWS)
    code, out, err = cli(capsys, data, "bank", "import", str(good), "--bank", banks.BUNDLED_NAME)
    assert code == 1 and "只读" in err
    code, out, _ = cli(capsys, data, "bank", "import", str(good), "--bank", banks.BUNDLED_NAME, "--json")
    assert code == 1 and "只读" in json.loads(out)["errors"][0]["message"]

    code, out, _ = cli(capsys, data, "bank", "list", "--json")
    assert BANK not in [b["name"] for b in json.loads(out)]  # nothing was created by the failed imports
