"""Keyboard paths in the exam window and the 填空 answered rule, through the real widgets."""

from __future__ import annotations

import pytest
import station_driver
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from station_driver import (
    click,
    confirm_start,
    go_to,
    login,
    make_open_session,
    type_text,
    wait_result,
    wait_saved,
)

from baiwen_desktop.core.question import QType
from baiwen_desktop.ui.station.exam_window import ExamWindow
from baiwen_desktop.ui.station.result_page import ResultPage
from baiwen_desktop.ui.station.texts import keyboard_help

pytestmark = pytest.mark.gui
station_env = station_driver.station_env

CTRL = Qt.KeyboardModifier.ControlModifier


def _start(qtbot, store, station_env, overrides=None) -> ExamWindow:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1, overrides)
    window = station_env()
    who = opened.candidates[0]
    login(qtbot, window, who.employee_no, who.name)
    return confirm_start(qtbot, window)


def _focused_after_move(qtbot, ew: ExamWindow) -> object:  # type: ignore[no-untyped-def]
    """Where the cursor rests on the current question: in the box for 填空/简答."""
    if ew.model.item().question.qtype in (QType.BLANK, QType.SHORT):
        qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), (QLineEdit, QPlainTextEdit)))
    return QApplication.focusWidget() or ew


@pytest.mark.parametrize(("forward", "back"), [((Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_PageUp, Qt.KeyboardModifier.NoModifier)),
                                               ((Qt.Key.Key_Right, CTRL), (Qt.Key.Key_Left, CTRL))])
def test_next_and_previous_from_every_type(qtbot, store, station_env, forward, back) -> None:  # type: ignore[no-untyped-def]
    ew = _start(qtbot, store, station_env)
    n = ew.model.count
    types_left: set[QType] = set()
    for pos in range(n - 1):  # forward through the whole paper, the key going wherever the focus is
        assert ew.model.current == pos
        target = _focused_after_move(qtbot, ew)
        types_left.add(ew.model.item().question.qtype)
        QTest.keyClick(target, forward[0], forward[1])  # type: ignore[arg-type]
        qtbot.waitUntil(lambda p=pos: ew.model.current == p + 1)
    assert types_left == set(QType)  # every type was left by the key, 填空/简答 with the cursor in the box
    for pos in range(n - 1, 0, -1):
        target = _focused_after_move(qtbot, ew)
        QTest.keyClick(target, back[0], back[1])  # type: ignore[arg-type]
        qtbot.waitUntil(lambda p=pos: ew.model.current == p - 1)


def test_plain_arrow_in_a_text_box_still_moves_the_text_cursor(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    ew = _start(qtbot, store, station_env)
    pos = next(i for i, it in enumerate(ew.model.items) if it.question.qtype is QType.SHORT)
    go_to(qtbot, ew, pos)
    box = _focused_after_move(qtbot, ew)
    assert isinstance(box, QPlainTextEdit)
    type_text(box, "abc")
    QTest.keyClick(box, Qt.Key.Key_Left)
    assert ew.model.current == pos and box.textCursor().position() == 2


def test_keyboard_help_names_the_keys(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1)
    window = station_env()
    page = login(qtbot, window, opened.candidates[0].employee_no, opened.candidates[0].name)
    texts = [w.text() for w in page.findChildren(type(page.error))]
    assert any(keyboard_help() in t for t in texts)
    for key in ("PgDn", "Ctrl+→", "PgUp", "Ctrl+←"):
        assert key in keyboard_help()
    ew = confirm_start(qtbot, window)
    assert "PgDn" in ew.next_button.toolTip() and "Ctrl+→" in ew.next_button.toolTip()


def test_enter_on_the_focused_buttons_of_the_submit_panel(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    ew = _start(qtbot, store, station_env)
    window = ew.window_
    QTest.keyClick(ew, Qt.Key.Key_Return, CTRL)
    panel = ew.submit_panel
    assert panel.isVisible() and QApplication.focusWidget() is panel.back_button
    QTest.keyClick(panel.back_button, Qt.Key.Key_Return)  # Enter on 返回检查 goes back
    assert not panel.isVisible() and not ew.finishing
    click(ew.submit_button)
    panel.confirm_button.setFocus()
    QTest.keyClick(panel.confirm_button, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert isinstance(wait_result(qtbot, window), ResultPage)


def test_a_half_filled_blank_is_not_answered(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    overrides = {"pass_mark": 5, "parts": [{"type": "填空", "count": 4, "score_each": 2}, {"type": "判断", "count": 1, "score_each": 1}]}
    ew = _start(qtbot, store, station_env, overrides)
    pos = next(i for i, it in enumerate(ew.model.items) if it.question.qtype is QType.BLANK and len(it.question.blanks) >= 2)
    go_to(qtbot, ew, pos)
    edits = ew.view.answer.edits  # type: ignore[union-attr]
    edits[0].setFocus()
    type_text(edits[0], "第一空")
    ew.setFocus()
    wait_saved(qtbot, ew)
    assert ew.model.unanswered() == [i for i in range(ew.model.count) if i != pos]
    assert ew.model.partly_answered() == [pos] and not ew.model.answered(pos)
    assert ew.header.progress.text() == f"已答 0/{ew.model.count}"
    assert ew.sheet.cells[pos].property("state") == "unanswered"
    click(ew.submit_button)
    panel = ew.submit_panel
    assert panel.partial == [pos] and f"没填完 1 题（第 {pos + 1} 题）" in panel.summary.text()
    chips = [c.text() for c in panel.unanswered_box.findChildren(type(panel.back_button))]
    assert chips == [str(i + 1) for i in range(ew.model.count)]  # the half-filled one listed with the empty ones
    assert "没填完" in panel.unanswered_title.text()
    panel.cancel()
    for box in edits[1:]:  # fill the rest: now it counts
        box.setFocus()
        type_text(box, "其余")
    ew.setFocus()
    wait_saved(qtbot, ew)
    assert ew.model.answered(pos) and ew.model.partly_answered() == []
    assert ew.header.progress.text() == f"已答 1/{ew.model.count}"
    click(ew.submit_button)
    assert panel.partial == [] and "没填完" not in panel.summary.text() + panel.unanswered_title.text()
