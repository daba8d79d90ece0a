"""题库: the bundled bank is read-only until copied; the question editor validates like an import
and shows each problem under its field; a bank file with an error is previewed, not imported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import test_trainer_support
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog
from station_driver import type_text
from test_trainer_support import click, open_page, type_into_input_dialog, wait_idle

from baiwen_desktop.files.bank_excel import COLUMNS, write_template
from baiwen_desktop.services import banks
from baiwen_desktop.ui.trainer.bank_page import BankPage

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env  # the shared fixture
MY_BANK = "我的练习题库"


def copy_bundled(qtbot: Any, page: BankPage, monkeypatch: pytest.MonkeyPatch) -> None:
    type_into_input_dialog(monkeypatch, MY_BANK)
    click(qtbot, page.copy_button)
    qtbot.waitUntil(lambda: page.bank.currentData() == MY_BANK, timeout=10_000)
    wait_idle(qtbot, page)


def test_edit_question_with_an_invalid_answer_shows_the_error_inline(
    qtbot: Any, store: Any, console_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page: BankPage = open_page(qtbot, console_env(), "bank")
    assert page.current_bank is not None and page.current_bank.bundled
    assert not page.new_button.isEnabled() and not page.edit_button.isEnabled()
    assert "复制为新题库" in page.edit_button.toolTip()

    copy_bundled(qtbot, page, monkeypatch)
    page.qtype.setCurrentIndex(page.qtype.findData("单选"))
    qtbot.waitUntil(lambda: page.table.rows() and {q.qtype.value for q in page.table.rows()} == {"单选"}, timeout=5000)
    original = page.table.selected()
    assert original is not None and page.edit_button.isEnabled()
    assert original.stem[:10] in page.detail.toPlainText()

    click(qtbot, page.edit_button)
    editor = page.editor
    assert editor is not None and editor.isVisible()
    editor.answer.clear()
    qtbot.keyClicks(editor.answer, "Z")
    click(qtbot, editor.save_button)
    error = editor.errors["答案"]
    assert error.isVisible() and "不存在的选项" in error.text()
    assert editor.isVisible()
    assert next(q for q in banks.search_questions(store, MY_BANK, qtype="单选") if q.id == original.id).correct == original.correct

    editor.answer.clear()
    qtbot.keyClicks(editor.answer, "B")
    assert not error.isVisible()  # re-checked as the trainer types, once a save has failed
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5000)
    saved = next(q for q in banks.bank_questions(store, MY_BANK) if q.id == original.id)
    assert saved.correct == (1,)
    assert next(q for q in banks.bank_questions(store, banks.BUNDLED_NAME) if q.id == original.id).correct == original.correct


def test_new_short_answer_needs_scoring_points(qtbot: Any, store: Any, console_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    page: BankPage = open_page(qtbot, console_env(), "bank")
    copy_bundled(qtbot, page, monkeypatch)
    before = len(banks.bank_questions(store, MY_BANK))
    click(qtbot, page.new_button)
    editor = page.editor
    assert editor is not None
    editor.qtype.setCurrentIndex(editor.qtype.findData("简答"))
    assert editor.reference.isVisible() and not editor.answer.isVisible()
    type_text(editor.stem, "供电服务“十项承诺”中，对居民客户的报装时限有何要求？")
    type_text(editor.reference, "居民客户不超过3个工作日。")
    click(qtbot, editor.save_button)
    assert "至少要有一个要点" in editor.errors["要点"].text()
    type_text(editor.points, "3个工作日/三个工作日=2")
    assert not editor.errors["要点"].isVisible()
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5000)
    assert len(banks.bank_questions(store, MY_BANK)) == before + 1


def test_bank_file_with_an_error_is_previewed_and_not_imported(
    qtbot: Any, store: Any, tmp_path: Path, console_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "题库.xlsx"
    write_template(path)
    wb = load_workbook(path)
    ws = wb["题目"]
    good = {"题型": "单选题", "题干": "客户服务热线是（  ）。", "选项A": "95598", "选项B": "12345", "答案": "A"}
    bad = {**good, "题干": "供电服务热线的号码是（  ）。", "答案": "Z"}
    for row in (good, bad):
        ws.append([row.get(c, "") for c in COLUMNS])
    wb.save(path)

    page: BankPage = open_page(qtbot, console_env(), "bank")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    click(qtbot, page.import_button)
    dialog = page.import_dialog
    assert dialog is not None
    wait_idle(qtbot, dialog)
    assert [(i.line, i.field) for i in dialog.issue_table.rows()] == [(3, "答案")]
    assert not dialog.import_button.isEnabled()
    assert not any(b.name == "题库" for b in banks.list_banks(store))
    dialog.reject()


def test_filter_by_tag_offers_the_banks_tags(qtbot: Any, store: Any, console_env: Any) -> None:
    page: BankPage = open_page(qtbot, console_env(), "bank")
    qtbot.waitUntil(lambda: page.tag_completer.model() is not None and page.tag_completer.model().rowCount() > 0, timeout=10_000)
    offered = page.tag_completer.model().stringList()
    assert "十项承诺" in offered
    total = len(page.table.rows())
    type_text(page.tag, "十项承诺")
    qtbot.waitUntil(lambda: 0 < len(page.table.rows()) < total, timeout=10_000)
    assert all("十项承诺" in "、".join(q.tags) for q in page.table.rows())


def test_moodle_file_preview_lists_what_is_skipped_then_imports(
    qtbot: Any, store: Any, tmp_path: Path, console_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "moodle.xml"
    path.write_text("""<?xml version="1.0"?><quiz>
<question type="category"><category><text>$course$/供电服务</text></category></question>
<question type="matching"><name><text>配对题</text></name><questiontext><text>把服务与承诺配对</text></questiontext></question>
<question type="truefalse"><name><text>首问负责</text></name><questiontext format="html"><text>&lt;p&gt;供电服务应当做到&lt;b&gt;首问负责&lt;/b&gt;。&lt;/p&gt;</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
</quiz>""", encoding="utf-8")
    page: BankPage = open_page(qtbot, console_env(), "bank")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    click(qtbot, page.import_button)
    dialog = page.import_dialog
    assert dialog is not None
    wait_idle(qtbot, dialog)
    assert [q.stem for q in dialog.item_table.rows()] == ["供电服务应当做到首问负责。"]
    assert [(n.where, n.question, n.imported) for n in dialog.note_table.rows()] == [(1, "配对题", False), (2, "首问负责", True)]
    assert dialog.note_table.isVisible() and "1 道题无法转换" in dialog.note_label.text()
    assert dialog.import_button.isEnabled()
    dialog.target.setCurrentText("Moodle 题目")
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: any(b.name == "Moodle 题目" for b in banks.list_banks(store)), timeout=10_000)
    (q,) = banks.bank_questions(store, "Moodle 题目")
    assert q.qtype.value == "判断" and q.truth is True and q.tags == ("供电服务",)
