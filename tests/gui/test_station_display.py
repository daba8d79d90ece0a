"""字号 A-/A+ and 高对比 are remembered per station; retakes and hidden scores; back home."""

from __future__ import annotations

import pytest
import station_driver
from station_driver import (
    click,
    confirm_start,
    go_to,
    login,
    make_open_session,
    sit_exam,
    wait_home,
    wait_result,
)

from baiwen_desktop.ui.station.home import HomePage
from baiwen_desktop.ui.station.login import LoginPage
from baiwen_desktop.ui.station.result_page import DonePage, ResultPage
from baiwen_desktop.ui.station.styles import load_display

pytestmark = pytest.mark.gui
station_env = station_driver.station_env  # the fixture


def test_font_size_and_contrast_are_remembered(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 2)
    window = station_env()
    who = opened.candidates[0]
    login(qtbot, window, who.employee_no, who.name)
    ew = confirm_start(qtbot, window)
    assert load_display(window).scale == 1.0
    click(ew.header.bigger_button)
    click(ew.header.bigger_button)
    click(ew.header.contrast_button)
    assert ew.display.scale == 1.3 and ew.display.high_contrast
    assert "#000000" in ew.styleSheet() and f"font-size: {round(25 * 1.3)}px" in ew.styleSheet()  # the option text
    click(ew.header.smaller_button)
    assert ew.display.scale == 1.15
    # a new window on this station (e.g. the next candidate) starts with the same choice
    again = station_env()
    assert load_display(again).scale == 1.15 and load_display(again).high_contrast
    assert "#000000" in again.current_page().styleSheet()
    # another station keeps its own
    other = station_env("第二考场")
    assert load_display(other).scale == 1.0 and not load_display(other).high_contrast


def test_moving_on_after_a_font_or_contrast_change_raises_nothing(qtbot, store, station_env, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each change rebuilds the answer sheet; the old one's slots must go with it. (A slot left
    connected to the deleted sheet raised on every later question: the app showed 内部错误 each time.)"""
    raised: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda kind, value, tb: raised.append(value))  # where PySide6 sends a slot's error
    opened = make_open_session(store, 1)
    window = station_env()
    login(qtbot, window, opened.candidates[0].employee_no, opened.candidates[0].name)
    ew = confirm_start(qtbot, window)
    click(ew.header.bigger_button)
    click(ew.header.contrast_button)
    qtbot.wait(50)  # the old sheets' deleteLater runs
    for pos in (1, 2, 0):
        go_to(qtbot, ew, pos)
        click(ew.next_button)
    qtbot.waitUntil(lambda: ew.model.current == 1)
    assert raised == []
    assert ew.sheet.cells[1].property("current") == "true" and ew.sheet.cells[0].property("current") == "false"


def test_no_second_sitting_without_retakes(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 2)
    window = station_env()
    who = opened.candidates[0]
    sit_exam(qtbot, window, who.employee_no, who.name, "correct")
    page = window.current_page()
    assert isinstance(page, ResultPage)
    click(page.return_bar.home_button)
    wait_home(qtbot, window)
    page = login(qtbot, window, who.employee_no, who.name)
    assert isinstance(page, LoginPage) and "已交卷" in page.error.text()


def test_hidden_score_says_submitted_and_counts_down(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1, {"show_score": False})
    window = station_env()
    who = opened.candidates[0]
    sit_exam(qtbot, window, who.employee_no, who.name, "blank")
    page = wait_result(qtbot, window)
    assert isinstance(page, DonePage)
    bar = page.return_bar
    assert bar.countdown.text() == "60 秒后自动返回首页"
    # the real timer runs the countdown (started at 3 s so the test does not sit through 60)
    assert bar.timer.isActive() and bar.timer.interval() == 1000
    bar.left = 3
    qtbot.waitUntil(lambda: bar.countdown.text() == "2 秒后自动返回首页", timeout=5000)
    assert isinstance(window.current_page(), DonePage)
    qtbot.waitUntil(lambda: bar.countdown.text() == "1 秒后自动返回首页", timeout=5000)
    qtbot.waitUntil(lambda: isinstance(window.current_page(), HomePage), timeout=5000)
