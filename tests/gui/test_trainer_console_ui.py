"""The console's screen rules from the first exam day: messages never push a page down, empty
pages say what to do next, the bank opens at 问1, every dialog fits a 1366×768 screen."""

from __future__ import annotations

from typing import Any

import pytest
import test_trainer_support
from PySide6.QtCore import QPoint
from test_trainer_support import click, open_page

from baiwen_desktop.ui.trainer.common import TrainerPage

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env


def _y(page: TrainerPage, widget: Any) -> int:
    return widget.mapTo(page, QPoint(0, 0)).y()


def test_messages_float_without_moving_the_page(qtbot: Any, store: Any, console_env: Any) -> None:
    page = open_page(qtbot, console_env(), "exams")
    before = _y(page, page.table)
    page.notice.show_error("出错了：题库不存在")
    qtbot.wait(300)  # layouts settle
    assert page.notice.isVisible() and _y(page, page.table) == before  # errors stay, over the page
    assert page.notice.geometry().bottom() <= _y(page, page.new_button)  # one line beside the title, over nothing
    click(qtbot, page.notice)
    assert not page.notice.isVisible()
    page.notice.INFO_MS = 1000
    page.notice.show_message("已创建考试“测试”，可以在「考场」中开考")
    assert page.notice.isVisible()
    qtbot.waitUntil(lambda: not page.notice.isVisible(), timeout=5000)  # 成功 messages fade
    assert page.notice.kind == "info" and "已创建" in page.notice.text() and _y(page, page.table) == before


def _source_order(source: str) -> tuple[int, int]:
    return (0 if source[0] == "问" else 1, int(source[1:]))


def test_bank_opens_at_wen1_in_source_order(qtbot: Any, store: Any, console_env: Any) -> None:
    page = open_page(qtbot, console_env(), "bank")
    qtbot.waitUntil(lambda: len(page.table.rows()) > 400, timeout=10_000)
    shown = [q.source for q in page.table.visible_rows()]
    assert shown[0] == "问1" and page.table.selected().source == "问1"
    assert shown == sorted(shown, key=_source_order)  # 问2 before 问10, every 问 before 查
    assert shown.index("问10") > shown.index("问9") and shown[-1].startswith("查")
    sources = [page.source.itemData(i) for i in range(1, page.source.count())]
    assert sources[:3] == ["问1", "问2", "问3"] and sources == sorted(sources, key=_source_order)


def _hint(page: Any) -> tuple[str, str] | None:
    h = page.table.empty_hint
    return (h.text.text(), h.button.text()) if h.isVisible() else None


def test_empty_pages_say_the_next_step(qtbot: Any, store: Any, console_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
    from baiwen_desktop.services import exams

    console = console_env()
    roster_page = open_page(qtbot, console, "roster")
    assert _hint(roster_page) is not None and _hint(roster_page)[1] == "导入名单…"
    chosen: list[str] = []
    monkeypatch.setattr(roster_page, "choose_import_file", lambda: chosen.append("roster"))
    roster_page.table.set_empty_hint(*_hint(roster_page), roster_page.choose_import_file)  # rebind to the stub
    click(qtbot, roster_page.table.empty_hint.button)
    assert chosen == ["roster"]

    sessions_page = open_page(qtbot, console, "sessions")
    assert _hint(sessions_page) == ("还没有考试，开考前先在「考试」中新建一场考试。", "去新建考试")
    click(qtbot, sessions_page.table.empty_hint.button)  # goes to 考试, whose empty table offers 新建考试
    exam_page = console.page("exams")
    qtbot.waitUntil(lambda: console.stack.currentWidget() is exam_page and not exam_page.busy, timeout=5000)
    assert _hint(exam_page) is not None and _hint(exam_page)[1] == "新建考试…"
    click(qtbot, exam_page.table.empty_hint.button)
    qtbot.waitUntil(lambda: exam_page.form is not None and exam_page.form.isVisible(), timeout=5000)
    exam_page.form.reject()

    exams.create_exam(store, parse_exam(STANDARD_EXAM, "std"), "t")
    exam_page.refresh()
    qtbot.waitUntil(lambda: len(exam_page.table.rows()) == 1, timeout=5000)
    assert _hint(exam_page) is None
    sessions_page = open_page(qtbot, console, "sessions")
    assert _hint(sessions_page) is not None and _hint(sessions_page)[1] == "开考…"


def test_first_run_page_has_the_station_look_and_no_wrapped_words(qtbot: Any, store: Any, tmp_path: Any) -> None:
    from PySide6.QtWidgets import QLabel
    from station_driver import isolate_prefs
    from test_trainer_support import new_window

    from baiwen_desktop.ui.trainer.first_run import FirstRunPage

    isolate_prefs(tmp_path / "qsettings")
    window = new_window(store)
    page = FirstRunPage(window)
    window.show_page(page)
    qtbot.waitExposed(window)
    qtbot.wait(100)
    assert page.objectName() == "StationPage" and "#00706b" in page.styleSheet()  # the station's colours
    for lab in page.findChildren(QLabel):
        if lab is page.notice or not lab.isVisible():
            continue
        assert not lab.wordWrap(), lab.text()  # short lines that never break inside a word (密|码)
        assert lab.width() >= lab.sizeHint().width(), f"{lab.text()} is cut off"
    for size in ((1366, 768), (1280, 720)):  # 100 %, and 1920×1080 at 150 %
        window.resize(*size)
        qtbot.wait(100)
        assert page.save_button.mapTo(window, page.save_button.rect().bottomLeft()).y() <= window.height(), size
        assert page.pass_mark.lineEdit().width() > 100  # the 及格分 text is drawn (a styled NoButtons box hid it)
    window.close()
