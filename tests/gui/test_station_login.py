"""Home and login: what the station offers, and a login that is refused starts nothing."""

from __future__ import annotations

import pytest
import station_driver
from station_driver import click, login, make_open_session, start_login

from baiwen_desktop.services import attempt_handover, sessions
from baiwen_desktop.ui.station.confirm import ConfirmPage
from baiwen_desktop.ui.station.home import HomePage
from baiwen_desktop.ui.station.login import LoginPage

pytestmark = pytest.mark.gui
station_env = station_driver.station_env  # the fixture, shared with the trainer tests


def _attempt_count(store, session_id: int) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for r in sessions.live_rows(store, session_id) if r.attempt_id is not None)


def test_home_without_session(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    window = station_env()
    assert "百问百查考试系统" in window.windowTitle()
    home = window.current_page()
    assert isinstance(home, HomePage) and home.start_buttons == []
    assert home.practice_button is not None and home.practice_button.isEnabled()
    assert home.admin_button.isEnabled() and home.resume_button is None


def test_home_shows_the_open_session(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 2)
    window = station_env()
    home = window.current_page()
    assert len(home.start_buttons) == 1 and "国网测试县供电公司" in home.where.text()
    texts = " ".join(w.text() for w in home.body.findChildren(type(home.where)))
    assert opened.session.exam.title in texts and "30 分钟" in texts and "共 10 题" in texts


def test_refused_login_starts_nothing(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 2)
    window = station_env()
    who = opened.candidates[0]
    page = login(qtbot, window, who.employee_no, who.name + "错")
    assert isinstance(page, LoginPage)
    assert page.error.isVisible() and "不在本场考试名单中" in page.error.text()
    assert _attempt_count(store, opened.session.id) == 0
    # an empty field is caught before asking the database
    page.name.clear()
    click(page.next_button)
    assert page.error.text() == "请填写工号和姓名"
    # the right name goes on to the confirmation, still without an attempt
    page = login(qtbot, window, who.employee_no, who.name)
    assert isinstance(page, ConfirmPage)
    assert who.name in " ".join(w.text() for w in page.findChildren(type(page.error)))
    assert _attempt_count(store, opened.session.id) == 0
    assert attempt_handover.unfinished_attempts(store, window.station) == []


def test_back_from_login_goes_home(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    make_open_session(store, 1)
    window = station_env()
    page = start_login(qtbot, window)
    click(page.back_button)
    qtbot.waitUntil(lambda: isinstance(window.current_page(), HomePage))


def test_login_accepts_full_width_digits_and_dot_variants(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    from baiwen_desktop.files.roster_file import RosterRow
    from baiwen_desktop.services import roster

    opened = make_open_session(store, 1)
    roster.import_rows(store, [RosterRow("T0099", "阿卜杜·热合曼", "城区供电所", "", "测试一班")], "admin")
    window = station_env()
    page = login(qtbot, window, "Ｔ００９９", "阿卜杜.热合曼")
    assert isinstance(page, ConfirmPage), page.error.text()  # type: ignore[attr-defined]
    assert page.candidate.employee_no == "T0099" and page.candidate.name == "阿卜杜·热合曼"
    assert _attempt_count(store, opened.session.id) == 0
