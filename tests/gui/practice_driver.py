"""Practise through the real station widgets: shared by the practice GUI tests, the bench and screenshots."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from station_driver import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    NAMES,
    ORGANISATION,
    STATION,
    UNITS,
    answer_current,
    click,
    correct_response,
    type_text,
    wait_home,
    wrong_response,
)

from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import accounts, roster, settings
from baiwen_desktop.services.roster import CandidateInfo
from baiwen_desktop.ui.main_window import MainWindow
from baiwen_desktop.ui.station.practice.login import PracticeLoginPage
from baiwen_desktop.ui.station.practice.menu import PracticeMenuPage
from baiwen_desktop.ui.station.practice.session import PracticePage


def make_trainees(store: Any, n: int = 3, class_name: str = "测试一班", prefix: str = "P") -> list[CandidateInfo]:
    """An admin, station settings and a roster; no exam session."""
    if not accounts.has_admin(store):
        accounts.create_trainer(store, ADMIN_USER, ADMIN_PASSWORD, is_admin=True, display_name="测试管理员")
    settings.put(store, {"organisation": ORGANISATION, "station": STATION, "setup_done": "1"}, ADMIN_USER)
    rows = [RosterRow(f"{prefix}{i + 1:04d}", NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else str(i)), UNITS[i % len(UNITS)], "", class_name) for i in range(n)]
    roster.import_rows(store, rows, ADMIN_USER)
    return [c for c in roster.list_candidates(store) if c.employee_no.startswith(prefix)]


def open_login(bot: Any, window: MainWindow) -> PracticeLoginPage:
    home = wait_home(bot, window)
    click(home.practice_button)  # type: ignore[arg-type]
    bot.waitUntil(lambda: isinstance(window.current_page(), PracticeLoginPage))
    return window.current_page()  # type: ignore[return-value]


def practice_login(bot: Any, window: MainWindow, employee_no: str, name: str) -> Any:
    page = window.current_page()
    if not isinstance(page, PracticeLoginPage):
        page = open_login(bot, window)
    click(page.employee_no)
    page.employee_no.clear()
    type_text(page.employee_no, employee_no)
    click(page.name)
    page.name.clear()
    type_text(page.name, name)
    click(page.next_button)
    bot.waitUntil(lambda: isinstance(window.current_page(), PracticeMenuPage) or page.error.isVisible(), timeout=10_000)
    return window.current_page()


def wait_menu(bot: Any, window: MainWindow) -> PracticeMenuPage:
    bot.waitUntil(lambda: isinstance(window.current_page(), PracticeMenuPage) and window.current_page().data is not None, timeout=10_000)
    return window.current_page()  # type: ignore[return-value]


def start_mode(bot: Any, window: MainWindow, key: str) -> PracticePage:
    menu = wait_menu(bot, window)
    click(menu.buttons[key])
    bot.waitUntil(lambda: isinstance(window.current_page(), PracticePage), timeout=10_000)
    return window.current_page()  # type: ignore[return-value]


def answer(bot: Any, page: PracticePage, right: bool, how: str = "mouse") -> bool:
    """Answer the question on screen, then 确定 (click or Enter). Returns whether it was right."""
    response = correct_response(page.item) if right else wrong_response(page.item)
    answer_current(bot, page, response, how)
    if how == "mouse":
        click(page.confirm_button)
    else:
        page.setFocus()
        QTest.keyClick(page, Qt.Key.Key_Return)
    bot.waitUntil(lambda: page.answered and page.feedback is not None)
    return page.last_correct


def next_question(bot: Any, page: PracticePage, how: str = "mouse") -> None:
    index = page.index
    if how == "mouse":
        click(page.next_button)
    else:
        QTest.keyClick(page, Qt.Key.Key_Return)
    bot.waitUntil(lambda: page.index == index + 1 and not page.answered)


def wait_saved(bot: Any, page: PracticePage) -> None:
    bot.waitUntil(lambda: page.saved_all() and page.header.save_state.property("state") == "saved", timeout=10_000)
