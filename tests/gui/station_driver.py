"""Sit an exam through the real station widgets: shared by the GUI tests and scripts/screenshots.py.

Functions take a `bot` with `waitUntil(callable, timeout=ms)` and `wait(ms)`: pytest-qt's
`qtbot`, or `Waiter()` below when there is no pytest. Use from a test module:

    import station_driver
    from station_driver import make_open_session, sit_exam

    station_env = station_driver.station_env  # the fixture (an assignment, so ruff's F811 stays quiet)
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, QThreadPool
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from baiwen_desktop.core.exam import parse_exam
from baiwen_desktop.core.grading import Response
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.question import QType
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import accounts, exams, roster, sessions, settings
from baiwen_desktop.services.roster import CandidateInfo
from baiwen_desktop.services.sessions import SessionInfo
from baiwen_desktop.ui.fonts import install_fonts
from baiwen_desktop.ui.main_window import MainWindow
from baiwen_desktop.ui.station.answer_widgets import BlankAnswer, OptionsAnswer, ShortAnswer
from baiwen_desktop.ui.station.confirm import ConfirmPage
from baiwen_desktop.ui.station.exam_window import ExamWindow
from baiwen_desktop.ui.station.flow import exam_window_of
from baiwen_desktop.ui.station.home import HomePage
from baiwen_desktop.ui.station.login import LoginPage

ADMIN_USER, ADMIN_PASSWORD = "admin", "secret123"
STATION = "第一考场"
ORGANISATION = "国网测试县供电公司"
WINDOW_SIZE = (1366, 768)

# two of each type: the whole-exam test answers one by mouse and one by keyboard
SMALL_EXAM: dict[str, Any] = {
    "title": "百问百查测验",
    "duration_minutes": 30,
    "pass_mark": 12,
    "focus_loss_limit": 3,
    "parts": [
        {"type": "单选", "count": 2, "score_each": 2},
        {"type": "多选", "count": 2, "score_each": 3},
        {"type": "判断", "count": 2, "score_each": 1},
        {"type": "填空", "count": 2, "score_each": 2},
        {"type": "简答", "count": 2, "score_each": 5},
    ],
}

NAMES = ["张建国", "李秀英", "王志强", "刘桂芳", "陈海涛", "杨丽娟", "赵德明", "周玉兰"]
UNITS = ["城区供电所", "东山供电所", "客户服务中心"]


class Waiter:
    """qtbot's waiting API for code that runs outside pytest (scripts)."""

    def wait(self, ms: int) -> None:
        QTest.qWait(ms)

    def waitUntil(self, condition: Callable[[], Any], timeout: int = 5000) -> None:
        waited = 0
        while True:
            try:
                ok = condition()
            except AssertionError:
                ok = False
            if ok is None or ok:
                return
            if waited >= timeout:
                raise TimeoutError("waitUntil timed out")
            QTest.qWait(20)
            waited += 20


@dataclass(frozen=True)
class OpenSession:
    session: SessionInfo
    candidates: list[CandidateInfo]

    @property
    def exam_id(self) -> int:
        return self.session.exam.id


def make_open_session(
    store: Any,
    n_candidates: int = 3,
    exam_overrides: dict[str, Any] | None = None,
    station: str = "",
    class_name: str = "测试一班",
    prefix: str = "T",
) -> OpenSession:
    """An admin, station settings, a roster and an open session of SMALL_EXAM (with overrides)."""
    if not accounts.has_admin(store):
        accounts.create_trainer(store, ADMIN_USER, ADMIN_PASSWORD, is_admin=True, display_name="测试管理员")
    settings.put(store, {"organisation": ORGANISATION, "station": STATION, "setup_done": "1"}, ADMIN_USER)
    rows = [
        RosterRow(f"{prefix}{i + 1:04d}", NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else str(i)), UNITS[i % len(UNITS)], "", class_name)
        for i in range(n_candidates)
    ]
    roster.import_rows(store, rows, ADMIN_USER, source="test")
    definition = {**copy.deepcopy(SMALL_EXAM), **(exam_overrides or {})}
    exam = exams.create_exam(store, parse_exam(definition, "test exam"), ADMIN_USER)
    sess = sessions.open_session(store, exam.id, ADMIN_USER, class_name=class_name, station=station)
    return OpenSession(sess, roster.list_candidates(store, class_name=class_name))


# ---------- windows ----------
def isolate_prefs(folder: Path) -> None:
    """Keep 字号/对比 preferences written by tests out of the real user profile."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))


def new_window(bot: Any, store: Any, station: str = STATION) -> MainWindow:
    app = QApplication.instance()
    if not getattr(app, "_baiwen_fonts", False):
        install_fonts(app)  # type: ignore[arg-type]
        app._baiwen_fonts = True  # type: ignore[attr-defined]
    window = MainWindow(store, station)
    window.resize(*WINDOW_SIZE)
    window.go_home()
    window.show()
    wait_home(bot, window)
    return window


def wait_home(bot: Any, window: MainWindow) -> HomePage:
    bot.waitUntil(lambda: isinstance(window.current_page(), HomePage) and window.current_page().loaded, timeout=10_000)
    return window.current_page()  # type: ignore[return-value]


def close_window(window: MainWindow) -> None:
    """Tear down as a test ends: stop exam workers, delete windows, let background ops finish."""
    from shiboken6 import isValid

    if isValid(window):
        for ew in window.findChildren(ExamWindow):
            ew.finished = True
            ew.worker.stop()
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QThreadPool.globalInstance().waitForDone(10_000)
    QCoreApplication.processEvents()


def crash(window: MainWindow) -> None:
    """The windows vanish without 交卷 (saves already committed stay). A tidy stand-in: the save queue is
    flushed first. The real crash, a process killed with SIGKILL mid-save, is tests/crash/test_kill9.py."""
    close_window(window)


@pytest.fixture
def station_env(qtbot: Any, store: Any, tmp_path: Path) -> Iterator[Callable[..., MainWindow]]:
    """`station_env()` opens a station window on the test store; all are torn down afterwards."""
    isolate_prefs(tmp_path / "qsettings")
    made: list[MainWindow] = []

    def open_window(station: str = STATION) -> MainWindow:
        w = new_window(qtbot, store, station)
        made.append(w)
        return w

    yield open_window
    for w in made:
        close_window(w)


# ---------- the trainee flow ----------
def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_text(widget: QWidget, text: str) -> None:
    """Type like a trainee: ASCII as key presses, 汉字 committed by the input method."""
    run = ""
    for ch in text + "\0":
        if ch != "\0" and not ch.isascii():
            run += ch
            continue
        if run:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
            run = ""
        if ch != "\0":
            QTest.keyClicks(widget, ch)


def start_login(bot: Any, window: MainWindow, index: int = 0) -> LoginPage:
    home = wait_home(bot, window)
    bot.waitUntil(lambda: len(home.start_buttons) > index)
    click(home.start_buttons[index])
    bot.waitUntil(lambda: isinstance(window.current_page(), LoginPage))
    return window.current_page()  # type: ignore[return-value]


def login(bot: Any, window: MainWindow, employee_no: str, name: str) -> QWidget:
    """Type 工号 and 姓名 and press 下一步; returns the ConfirmPage, or the LoginPage showing an error."""
    page = window.current_page()
    if not isinstance(page, LoginPage):
        page = start_login(bot, window)
    page.employee_no.clear()
    page.name.clear()
    type_text(page.employee_no, employee_no)
    type_text(page.name, name)
    click(page.next_button)
    bot.waitUntil(lambda: isinstance(window.current_page(), ConfirmPage) or (not page.busy and not page.error.isHidden()), timeout=10_000)
    return window.current_page()  # type: ignore[return-value]


def confirm_start(bot: Any, window: MainWindow) -> ExamWindow:
    page = window.current_page()
    assert isinstance(page, ConfirmPage), page
    click(page.start_button)
    bot.waitUntil(lambda: exam_window_of(window) is not None, timeout=10_000)
    ew = exam_window_of(window)
    assert ew is not None
    return ew


def correct_response(item: PaperItem) -> Response:
    q = item.question
    if q.qtype in (QType.SINGLE, QType.MULTI):
        return sorted(q.correct)
    if q.qtype is QType.JUDGE:
        return bool(q.truth)
    if q.qtype is QType.BLANK:
        return [alts[0] for alts in q.blanks]
    return "，".join(p.keywords[0] for p in q.points) + "。"


def wrong_response(item: PaperItem) -> Response:
    q = item.question
    if q.qtype in (QType.SINGLE, QType.MULTI):
        wrong = [i for i in range(len(q.options)) if i not in q.correct]
        return [wrong[0]]
    if q.qtype is QType.JUDGE:
        return not q.truth
    if q.qtype is QType.BLANK:
        return ["不知道"] * len(q.blanks)
    return "不清楚。"


Policy = str | Callable[[PaperItem, int], Response]


def policy_response(policy: Policy, item: PaperItem, pos: int) -> Response:
    if callable(policy):
        return policy(item, pos)
    return {"correct": correct_response, "wrong": wrong_response}.get(policy, lambda _i: None)(item)


def answer_current(bot: Any, ew: ExamWindow, response: Response, how: str = "mouse") -> None:
    """Answer the question on screen as a candidate would, by `mouse` or `keyboard`."""
    answer = ew.view.answer  # type: ignore[union-attr]
    if response is None:
        return
    if isinstance(answer, OptionsAnswer):
        if answer.kind is QType.JUDGE:
            wanted = {0 if response else 1}
        else:
            wanted = {answer.values.index(i) for i in response}  # type: ignore[union-attr]
        current = set(answer.selected_positions())
        if answer.multi:
            todo = sorted(wanted ^ current)
        else:
            todo = sorted(wanted - current)
        for n, pos in enumerate(todo):
            if how == "mouse":
                click(answer.rows[pos])
            elif answer.multi and n == len(todo) - 1:  # the last one by cursor + Space
                ew.setFocus()
                answer.set_cursor(-1)
                for _ in range(pos + 1):
                    QTest.keyClick(ew, Qt.Key.Key_Down)
                QTest.keyClick(ew, Qt.Key.Key_Space)
            else:
                ew.setFocus()
                QTest.keyClick(ew, Qt.Key(int(Qt.Key.Key_A) + pos) if n % 2 == 0 else Qt.Key(int(Qt.Key.Key_1) + pos))
        return
    if isinstance(answer, BlankAnswer):
        for box, text in zip(answer.edits, response, strict=False):  # type: ignore[arg-type]
            _type_into(box, str(text), how)
        ew.setFocus()  # leaving the box saves at once
        return
    if isinstance(answer, ShortAnswer):
        _type_into(answer.box, str(response), how)
        ew.setFocus()


def _type_into(box: QWidget, text: str, how: str) -> None:
    if how == "mouse":
        click(box)
    else:
        box.setFocus()
    if isinstance(box, QLineEdit):
        box.selectAll()
    type_text(box, text)


def go_to(bot: Any, ew: ExamWindow, pos: int, how: str = "sheet") -> None:
    """Move to question `pos`: by the answer sheet, or by the keyboard (PgDn/PgUp)."""
    if how == "sheet":
        click(ew.sheet.cells[pos])
    else:
        key = Qt.Key.Key_PageDown if pos > ew.model.current else Qt.Key.Key_PageUp
        while ew.model.current != pos:
            QTest.keyClick(ew, key)
    bot.waitUntil(lambda: ew.model.current == pos and ew.view is not None and ew.view.pos == pos)


def wait_saved(bot: Any, ew: ExamWindow, timeout: int = 10_000) -> None:
    bot.waitUntil(lambda: ew.saver.idle and ew.header.save_state.property("state") == "saved", timeout=timeout)


def submit(bot: Any, ew: ExamWindow) -> None:
    """交卷 through the confirmation panel."""
    click(ew.submit_button)
    bot.waitUntil(lambda: ew.submit_panel.isVisible())
    click(ew.submit_panel.confirm_button)


def wait_result(bot: Any, window: MainWindow) -> QWidget:
    from baiwen_desktop.ui.station.result_page import DonePage, ResultPage

    bot.waitUntil(lambda: isinstance(window.current_page(), (ResultPage, DonePage)), timeout=15_000)
    return window.current_page()  # type: ignore[return-value]


def sit_exam(
    bot: Any,
    window: MainWindow,
    employee_no: str,
    name: str,
    answer_policy: Policy = "correct",
    how: str = "mouse",
    finish: bool = True,
) -> ExamWindow:
    """Log in, confirm, answer every question in order (PgDn between them), and 交卷."""
    page = login(bot, window, employee_no, name)
    assert isinstance(page, ConfirmPage), getattr(getattr(page, "error", None), "text", lambda: page)()
    ew = confirm_start(bot, window)
    for pos, item in enumerate(ew.model.items):
        go_to(bot, ew, pos, "keys" if how == "keyboard" else "sheet")
        answer_current(bot, ew, policy_response(answer_policy, item, pos), how)
    wait_saved(bot, ew)
    if finish:
        submit(bot, ew)
        wait_result(bot, window)
    return ew


def simulate_focus_loss(bot: Any, ew: ExamWindow) -> None:
    """The candidate switches to another program and comes back."""
    app = QApplication.instance()
    ew.guard.grace_ms = 0
    ew.guard.delay_ms = 0
    before = ew.focus_losses
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    bot.waitUntil(lambda: ew.focus_losses > before or ew.finishing, timeout=5000)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
