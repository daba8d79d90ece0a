"""GIFT: the whole bundled bank round-trips; Moodle's GIFT fixtures import with the expected report."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from baiwen_desktop.cli.main import main
from baiwen_desktop.core.errors import ValidationError
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.files.interchange.gift import read_gift, write_gift
from baiwen_desktop.services import banks
from baiwen_desktop.services.bank_transfer import export_bank, import_bank_file, read_bank_file
from baiwen_desktop.store.engine import Store
from tests.interchange.conftest import FIXTURES, differences


def test_bundled_bank_round_trips_in_memory(bundled: list[Question]) -> None:
    report = read_gift(write_gift(bundled), "bank.gift")
    assert report.errors == [] and report.notes == []
    assert differences(bundled, report.questions) == []
    assert [q.id for q in report.questions] == [q.id for q in bundled]


def test_bundled_bank_round_trips_through_a_new_bank(store: Store, tmp_path: Path, bundled: list[Question]) -> None:
    out = tmp_path / "bank.gift"
    assert export_bank(store, banks.BUNDLED_NAME, "gift", out) == 507
    outcome = import_bank_file(store, out, "GIFT 副本", actor="test")
    assert (outcome.imported, outcome.duplicates) == (507, 0)
    assert differences(bundled, banks.bank_questions(store, "GIFT 副本")) == []


def test_moodle_gift_fixture() -> None:
    report = read_bank_file(FIXTURES / "gift" / "questions.gift.txt")
    assert report.format == "gift" and report.errors == []
    got = [(q.qtype, q.stem) for q in report.questions]
    assert got == [
        (QType.SHORT, "How are you?"),
        (QType.SINGLE, "What's between orange and green in the spectrum?"),
        (QType.MULTI, "What's between orange and green in the spectrum?"),
        (QType.BLANK, "Which is the best animal?（  ）"),
        (QType.JUDGE, '42 is the Absolute Answer to everything.";'),
        (QType.JUDGE, "TSL is blablabla."),
        (QType.JUDGE, "TSL is blablabla."),
    ]
    single, multi, blank, judge = report.questions[1], report.questions[2], report.questions[3], report.questions[4]
    assert single.options == ("yellow", "red", "blue") and single.correct == (0,)
    assert multi.options == ("yellow", "red", "off-beige", "blue") and multi.correct == (0, 2)
    assert blank.blanks == (("Frog",),)
    assert judge.truth is False and judge.explanation == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert [(n.where, n.question, n.zh) for n in report.skipped] == [
        (5, "Moodle activities", "配对题无法转换为本系统的题型"),
        (31, "Q5", "数值题（含误差范围）无法转换为本系统的题型"),
    ]
    changed = {(n.question, n.zh) for n in report.notes if n.imported}
    assert ("colours", "选错扣分（负分）未导入：选错只是不得分") in changed
    assert ("Shortanswer", "部分得分的答案未导入") in changed
    assert ("Q8", "没有评分要点：阅卷时须人工评分") in changed


def test_moodle_gift_category_fixture(store: Store) -> None:
    path = FIXTURES / "gift" / "questions_in_category.gift.txt"
    report = read_bank_file(path)
    assert [(q.qtype, q.stem) for q in report.questions] == [
        (QType.SINGLE, "Listen to this greeting:\nWhat language is being spoken?"),
        (QType.BLANK, "Anyone who uses Moodle is a ...（  ）"),
        (QType.JUDGE, "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Environment."),
    ]
    assert [n.question for n in report.skipped] == ["Moodle activities"]
    out = import_bank_file(store, path, "G", actor="test")
    assert (out.imported, out.duplicates) == (3, 0)


def test_gift_errors_name_the_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.gift"
    path.write_text("::好::对吗{T}\n\n// 第二题\n::坏::选哪个{\n=甲\n~\n}\n", encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        import_bank_file(store, path, "不应存在", actor="test")
    assert [(i.line, i.field) for i in e.value.issues] == [(4, "B")]
    assert e.value.issues[0].zh.startswith("“坏”")
    assert "不应存在" not in [b.name for b in banks.list_banks(store)]


def test_multi_blank_key_and_scores_survive(tmp_path: Path) -> None:
    q = Question("t-1", QType.BLANK, "城区（  ）分钟，农村（  ）分钟。", Decimal("1.5"), blanks=(("45", "四十五"), ("90",)),
                 explanation="问14 #1: {见} 承诺", tags=("抢修",))
    (back,) = read_gift(write_gift([q]), "t.gift").questions
    assert back == q


def test_cli_export_gift(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "b.gift"
    assert main(["bank", "export", "--format", "gift", str(out), "--data-dir", str(tmp_path / "d")]) == 0
    assert len(read_gift(out.read_bytes(), "b.gift").questions) == 507
