"""The exam window cannot be closed or left unnoticed: close, Alt+F4 and Esc are refused;
leaving the window is audited and the exam's limit submits the paper."""

from __future__ import annotations

import pytest
import station_driver
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from station_driver import confirm_start, login, make_open_session, simulate_focus_loss, wait_result

from baiwen_desktop.services import attempts, audit
from baiwen_desktop.ui.station.result_page import ResultPage

pytestmark = pytest.mark.gui
station_env = station_driver.station_env  # the fixture, shared with the trainer tests

REFUSAL = "请交卷，或请监考老师处理"


def _sit(qtbot, store, station_env, **overrides):  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1, overrides)
    window = station_env()
    who = opened.candidates[0]
    login(qtbot, window, who.employee_no, who.name)
    return opened, window, confirm_start(qtbot, window)


def test_close_alt_f4_and_esc_are_refused(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    _, _, ew = _sit(qtbot, store, station_env)
    flags = ew.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint
    assert ew.isFullScreen()
    assert ew.close() is False
    assert ew.isVisible() and ew.overlay.isVisible() and ew.overlay.text.text() == REFUSAL
    ew.overlay.press()
    event = QCloseEvent()
    QApplication.sendEvent(ew, event)  # what the window manager sends for Alt+F4 / the X button
    assert not event.isAccepted() and ew.isVisible()
    ew.overlay.press()
    QTest.keyClick(ew, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert ew.isVisible() and ew.overlay.isVisible() and ew.overlay.text.text() == REFUSAL
    ew.overlay.press()
    ew.setFocus()
    QTest.keyClick(ew, Qt.Key.Key_Escape)
    assert ew.isVisible() and ew.overlay.isVisible()
    QTest.keyClick(ew, Qt.Key.Key_Return)  # Enter dismisses the message
    assert not ew.overlay.isVisible()
    assert attempts.load_attempt(store, ew.state.attempt_id).status == "in_progress"


def test_question_text_cannot_be_copied(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    _, _, ew = _sit(qtbot, store, station_env)
    labels = ew.findChildren(QLabel)
    assert labels and all(lb.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction for lb in labels)
    stem = ew.view.findChild(QLabel, "Stem")
    outside = QLabel("不在考试窗口里")  # the control: the same event reaches a label outside the exam
    qtbot.addWidget(outside)
    spy = _ContextMenuSpy()
    for w in (stem, outside):
        w.installEventFilter(spy)  # object filters run after the application's: the exam's filter is first
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), w.mapToGlobal(QPoint(5, 5)))
        QApplication.sendEvent(w, event)  # through QApplication.notify, like a real right click
    assert spy.seen == [outside]  # swallowed in the exam: no context menu, no copy


class _ContextMenuSpy(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[QObject] = []

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ContextMenu:
            self.seen.append(obj)
        return False


def test_focus_loss_is_audited_and_limited(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened, window, ew = _sit(qtbot, store, station_env, focus_loss_limit=2)
    simulate_focus_loss(qtbot, ew)
    qtbot.waitUntil(lambda: ew.overlay.isVisible() and ew.overlay.kind == "focus")
    assert "第 1 次" in ew.overlay.text.text() and "离开 2 次将自动交卷" in ew.overlay.text.text()
    (row,) = audit.query(store, event="focus_lost")
    assert row.candidate.startswith(opened.candidates[0].employee_no) and "第 1 次" in row.detail
    ew.overlay.press()
    simulate_focus_loss(qtbot, ew)
    page = wait_result(qtbot, window)
    assert isinstance(page, ResultPage)
    state = attempts.load_attempt(store, ew.state.attempt_id)
    assert state.status == "auto_submitted" and state.focus_losses == 2
    assert len(audit.query(store, event="focus_lost")) == 2
    (submitted,) = audit.query(store, event="auto_submit")
    assert "离开考试窗口 2 次" in submitted.detail


def test_unlimited_focus_loss_only_warns(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    _, _, ew = _sit(qtbot, store, station_env, focus_loss_limit=0)
    for n in (1, 2, 3):
        simulate_focus_loss(qtbot, ew)
        qtbot.waitUntil(lambda n=n: ew.overlay.isVisible() and f"第 {n} 次" in ew.overlay.text.text())
        ew.overlay.press()
    assert not ew.finishing and attempts.load_attempt(store, ew.state.attempt_id).status == "in_progress"


def test_forced_submit_from_console_ends_the_window(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    _, window, ew = _sit(qtbot, store, station_env)
    attempts.submit(store, ew.state.attempt_id, "forced", "监考老师强制交卷", actor="admin")
    ew.view.answer.choose(0)  # the next save is refused by the service: the window follows
    page = wait_result(qtbot, window)
    assert "监考老师已结束您的考试" in " ".join(w.text() for w in page.findChildren(QLabel))
