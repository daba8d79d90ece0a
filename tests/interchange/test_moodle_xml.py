"""Moodle XML: the whole bundled bank round-trips; Moodle's own fixtures import with the expected report."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from baiwen_desktop.cli.main import main
from baiwen_desktop.core.errors import BaiwenError, ValidationError
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.files.interchange.moodle_xml import read_moodle, write_moodle
from baiwen_desktop.services import banks
from baiwen_desktop.services.bank_transfer import export_bank, import_bank_file, preview_bank_file
from baiwen_desktop.store.engine import Store
from tests.interchange.conftest import FIXTURES, differences


def test_bundled_bank_round_trips_in_memory(bundled: list[Question]) -> None:
    report = read_moodle(write_moodle(bundled), "bank.xml")
    assert report.errors == [] and report.notes == []
    assert differences(bundled, report.questions) == []
    assert [q.id for q in report.questions] == [q.id for q in bundled]


def test_bundled_bank_round_trips_through_a_new_bank(store: Store, tmp_path: Path, bundled: list[Question]) -> None:
    out = tmp_path / "bank.xml"
    assert export_bank(store, banks.BUNDLED_NAME, "moodle", out) == len(bundled) == 507
    outcome = import_bank_file(store, out, "Moodle 副本", actor="test")
    assert (outcome.imported, outcome.duplicates) == (507, 0)
    assert differences(bundled, banks.bank_questions(store, "Moodle 副本")) == []


def test_moodle_fixture_nested_categories_become_tags() -> None:
    qs, issues = preview_bank_file(FIXTURES / "moodle" / "nested_categories_with_questions.xml")
    assert issues == []
    assert [(q.qtype, q.stem, q.tags) for q in qs] == [
        (QType.JUDGE, "Testing Iota Question", ("Iota",)),
        (QType.SHORT, "Testing Kappa Essay Question", ("Iota", "Kappa")),
        (QType.JUDGE, "Testing Kappa Question", ("Iota", "Kappa")),
        (QType.JUDGE, "Testing Lambda Question", ("Iota", "Kappa", "Lambda")),
        (QType.JUDGE, "Testing Mu Question", ("Iota", "Mu")),
    ]
    assert all(q.truth is True for q in qs if q.qtype is QType.JUDGE)
    essay = qs[1]
    assert essay.points == () and essay.score == Decimal(1) and essay.reference == "（无参考答案）"


def test_moodle_fixture_report_names_what_changed() -> None:
    from baiwen_desktop.services.bank_transfer import read_bank_file

    report = read_bank_file(FIXTURES / "moodle" / "nested_categories_with_questions.xml").to_dict()
    assert report["questions"] == 5 and report["skipped"] == []
    assert [(c["where"], c["question"], c["reason"].split(" / ")[0]) for c in report["changed"]] == [
        (2, "Kappa Essay Question", "没有参考答案（评分信息为空）"),
        (2, "Kappa Essay Question", "没有评分要点：阅卷时须人工评分"),
    ]


def test_moodle_fixture_negative_and_partial_marks_are_reported() -> None:
    from baiwen_desktop.services.bank_transfer import read_bank_file

    report = read_bank_file(FIXTURES / "moodle" / "error_invalid_grades.xml")
    (q,) = report.questions
    assert q.qtype is QType.MULTI and q.options == ("1", "2", "3", "4", "5") and q.correct == (1, 2, 4)
    reasons = [n.zh for n in report.notes]
    assert reasons == ["选错扣分（负分）未导入：选错只是不得分", "各正确选项的分值比例不同：按全部选对才得分",
                       "HTML 格式（加粗、颜色、表格等）已去除，只保留文字"]
    assert all(n.imported for n in report.notes)


def test_unsupported_types_are_skipped_and_the_rest_imports(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mixed.xml"
    path.write_text("""<?xml version="1.0"?><quiz>
<question type="matching"><name><text>配对</text></name><questiontext format="html"><text>配对题</text></questiontext></question>
<question type="multichoice"><name><text>带图</text></name><questiontext format="html"><text>&lt;p&gt;看图&lt;img src="a.png"/&gt;&lt;/p&gt;</text></questiontext>
<answer fraction="100"><text>甲</text></answer><answer fraction="0"><text>乙</text></answer></question>
<question type="numerical"><name><text>数值</text></name><questiontext format="html"><text>1+1=?</text></questiontext></question>
<question type="shortanswer"><name><text>简答</text></name><questiontext format="html"><text>&lt;p&gt;首问负责制的“首问”指谁？&lt;/p&gt;</text></questiontext>
<answer fraction="100"><text>首位接待人员</text></answer><answer fraction="100"><text>首问责任人</text></answer><answer fraction="50"><text>接待人员</text></answer></question>
</quiz>""", encoding="utf-8")
    out = import_bank_file(store, path, "混合", actor="test")
    assert out.imported == 1
    report = out.report
    assert report is not None
    assert [(s["where"], s["question"]) for s in report["skipped"]] == [(1, "配对"), (2, "带图"), (3, "数值")]
    (q,) = banks.bank_questions(store, "混合")
    assert q.qtype is QType.BLANK and q.stem == "首问负责制的“首问”指谁？（  ）"
    assert q.blanks == (("首位接待人员", "首问责任人"),)
    assert [c["reason"].split(" / ")[0] for c in report["changed"]] == ["部分得分的答案未导入", "题干中没有空，已在末尾加上（  ）"]


def test_cloze_of_short_answers_is_a_fill_in(tmp_path: Path) -> None:
    data = """<quiz><question type="cloze"><name><text>c</text></name><questiontext format="html">
<text>抢修到达现场：城区 {1:SHORTANSWER:=45~=四十五} 分钟，农村 {1:SA:%100%90#好} 分钟。</text></questiontext></question>
<question type="cloze"><name><text>m</text></name><questiontext format="html"><text>选 {1:MULTICHOICE:=甲~乙}</text></questiontext></question></quiz>"""
    report = read_moodle(data.encode(), "c.xml")
    (q,) = report.questions
    assert q.stem == "抢修到达现场：城区 （  ） 分钟，农村 （  ） 分钟。"
    assert q.blanks == (("45", "四十五"), ("90",)) and q.score == Decimal(2)
    assert [(n.where, n.imported) for n in report.notes] == [(2, False)]


def test_an_error_in_an_importable_question_imports_nothing(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text("""<quiz><question type="truefalse"><name><text>好</text></name><questiontext><text>对吗</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
<question type="multichoice"><name><text>坏</text></name><questiontext><text>选哪个</text></questiontext>
<answer fraction="100"><text>甲</text></answer><answer fraction="0"><text></text></answer></question></quiz>""", encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        import_bank_file(store, path, "不应存在", actor="test")
    assert [(i.line, i.field) for i in e.value.issues] == [(2, "B")]
    assert "“坏”" in e.value.issues[0].zh
    assert "不应存在" not in [b.name for b in banks.list_banks(store)]


def test_a_file_with_nothing_importable_is_an_error(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "none.xml"
    path.write_text('<quiz><question type="matching"><name><text>m</text></name></question></quiz>', encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        import_bank_file(store, path, "空", actor="test")
    assert e.value.issues[0].zh == "文件中没有可导入的题目；跳过 1 题"


def test_entity_bomb_is_refused(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><quiz><question type="essay"><name><text>&c;</text></name></question></quiz>')
    path = tmp_path / "bomb.xml"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(BaiwenError, match="实体"):
        preview_bank_file(path)


def test_cli_import_prints_and_json_gives_the_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    src = FIXTURES / "moodle" / "nested_categories_with_questions.xml"
    assert main(["bank", "import", str(src), "--bank", "M", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "新增 5 题" in out and "第 2 题“Kappa Essay Question”：没有评分要点" in out
    assert main(["bank", "import", str(src), "--bank", "M", "--json", "--data-dir", data]) == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["imported"], got["duplicates"]) == (0, 5)
    assert got["report"]["format"] == "moodle" and len(got["report"]["changed"]) == 2


def test_cli_export_moodle(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "b.xml"
    assert main(["bank", "export", "--format", "moodle", str(out), "--data-dir", str(tmp_path / "d")]) == 0
    assert out.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    assert len(read_moodle(out.read_bytes(), "b.xml").questions) == 507


def test_an_unknown_encoding_is_a_file_error(tmp_path: Path) -> None:
    # found by fuzzing: expat raises LookupError for a declaration naming no real encoding
    path = tmp_path / "enc.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="U-F-8"?><quiz></quiz>')
    with pytest.raises(BaiwenError, match="不是有效的 XML"):
        preview_bank_file(path)
