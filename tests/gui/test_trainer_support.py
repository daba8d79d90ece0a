"""Helpers for the trainer-console GUI tests (no tests here). Use from a test module:

    import test_trainer_support
    from test_trainer_support import click, open_page, wait_idle

    console_env = test_trainer_support.console_env  # bound by name, so no import is "redefined"
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox, QWidget
from station_driver import close_window, isolate_prefs, type_text

from baiwen_desktop.services import accounts, settings
from baiwen_desktop.ui.fonts import install_fonts
from baiwen_desktop.ui.main_window import MainWindow
from baiwen_desktop.ui.trainer.common import TrainerPage
from baiwen_desktop.ui.trainer.console import ConsolePage
from baiwen_desktop.ui.trainer.login import LoginPage

pytestmark = pytest.mark.gui

ADMIN, PASSWORD = "trainer", "correct-horse"
STATION = "培训中心第一考场"


def click(qtbot: Any, widget: QWidget) -> None:
    assert widget.isEnabled(), f"{widget.objectName() or widget} is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def wait_idle(qtbot: Any, widget: Any, timeout: int = 10_000) -> None:
    """Wait until a page or dialog has no background call running."""
    qtbot.waitUntil(lambda: not widget.busy, timeout=timeout)


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation box is answered 是 without being shown; returns the questions asked."""
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box.text())
        assert box.button(QMessageBox.StandardButton.Yes).text() == "是"
        return int(QMessageBox.StandardButton.Yes)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def type_into_input_dialog(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """The next QInputDialog gets `text` typed and 确定 pressed, without being shown."""

    def exec_(dialog: QInputDialog) -> int:
        dialog.setTextValue(text)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QInputDialog, "exec", exec_)


def new_window(store: Any) -> MainWindow:
    app = QApplication.instance()
    if not getattr(app, "_baiwen_fonts", False):  # the same flag the station driver sets
        install_fonts(app)  # type: ignore[arg-type]
        app._baiwen_fonts = True  # type: ignore[attr-defined]
    window = MainWindow(store, STATION)
    window.resize(1366, 768)
    window.show()
    return window


def login_console(qtbot: Any, window: MainWindow, username: str = ADMIN, password: str = PASSWORD) -> ConsolePage:
    """「管理」 → the login page → type the account → the console."""
    window.open_admin()
    qtbot.waitUntil(lambda: isinstance(window.current_page(), LoginPage), timeout=5000)
    page: LoginPage = window.current_page()  # type: ignore[assignment]
    page.username.clear()
    type_text(page.username, username)
    type_text(page.password, password)
    click(qtbot, page.login_button)
    qtbot.waitUntil(lambda: isinstance(window.current_page(), ConsolePage), timeout=10_000)
    return window.current_page()  # type: ignore[return-value]


def open_page(qtbot: Any, console: ConsolePage, key: str) -> Any:
    """Click a module in the console's menu and wait for its data."""
    row = next(i for i, m in enumerate(console.modules) if m.key == key)
    item = console.nav.item(row)
    qtbot.mouseClick(console.nav.viewport(), Qt.MouseButton.LeftButton, pos=console.nav.visualItemRect(item).center())
    page: TrainerPage = console.page(key)
    qtbot.waitUntil(lambda: console.stack.currentWidget() is page, timeout=5000)
    wait_idle(qtbot, page)
    return page


@pytest.fixture
def console_env(qtbot: Any, store: Any, tmp_path: Path) -> Iterator[Callable[..., ConsolePage]]:
    """`console_env()` logs the trainer into a console window on the test store (created as needed)."""
    isolate_prefs(tmp_path / "qsettings")
    made: list[MainWindow] = []

    def open_console(username: str = ADMIN, password: str = PASSWORD) -> ConsolePage:
        if not accounts.has_admin(store):
            accounts.create_trainer(store, ADMIN, PASSWORD, is_admin=True, display_name="培训老师")
            settings.put(store, {"organisation": "国网测试县供电公司", "station": STATION, "setup_done": "1"}, ADMIN)
        window = new_window(store)
        made.append(window)
        return login_console(qtbot, window, username, password)

    yield open_console
    for w in made:
        close_window(w)
