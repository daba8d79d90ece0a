"""Crash recovery: the windows vanish mid-exam; a new station window resumes with a code."""

from __future__ import annotations

import pytest
import station_driver
from station_driver import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    answer_current,
    click,
    confirm_start,
    correct_response,
    crash,
    go_to,
    login,
    make_open_session,
    type_text,
    wait_home,
    wait_saved,
)

from baiwen_desktop.services import attempt_handover, attempts, audit
from baiwen_desktop.ui.station.flow import exam_window_of
from baiwen_desktop.ui.station.resume_page import ResumePage

pytestmark = pytest.mark.gui
station_env = station_driver.station_env  # the fixture, shared with the trainer tests


def _start_and_answer(qtbot, store, station_env, opened, n: int):  # type: ignore[no-untyped-def]
    window = station_env()
    who = opened.candidates[0]
    login(qtbot, window, who.employee_no, who.name)
    ew = confirm_start(qtbot, window)
    for pos in range(n):
        go_to(qtbot, ew, pos)
        answer_current(qtbot, ew, correct_response(ew.model.item(pos)))
    ew.toggle_mark()
    go_to(qtbot, ew, n)
    wait_saved(qtbot, ew)
    ew.clock.counted_ms = 95_000  # as if the candidate had been sitting for a while
    ew.heartbeat()
    attempt_id = ew.state.attempt_id
    qtbot.waitUntil(lambda: attempts.load_attempt(store, attempt_id).current_index == n and attempts.load_attempt(store, attempt_id).counted_ms >= 95_000)
    return window, attempt_id


def _open_resume(qtbot, window) -> ResumePage:  # type: ignore[no-untyped-def]
    home = wait_home(qtbot, window)
    assert home.resume_button is not None
    click(home.resume_button)
    qtbot.waitUntil(lambda: isinstance(window.current_page(), ResumePage))
    return window.current_page()  # type: ignore[return-value]


def test_resume_after_crash_with_code(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1)
    window, attempt_id = _start_and_answer(qtbot, store, station_env, opened, 3)
    before = attempts.load_attempt(store, attempt_id)
    crash(window)

    window = station_env()  # the station restarts: a new window on the same database
    page = _open_resume(qtbot, window)
    type_text(page.secret, "000000")
    click(page.resume_button)
    qtbot.waitUntil(lambda: page.error.isVisible())
    assert "不正确" in page.error.text() and exam_window_of(window) is None
    code = attempt_handover.issue_resume_code(store, attempt_id, ADMIN_USER)
    page.secret.clear()
    type_text(page.secret, code)
    click(page.resume_button)
    qtbot.waitUntil(lambda: exam_window_of(window) is not None)
    ew = exam_window_of(window)
    assert ew.model.current == 3  # the same question
    assert ew.model.responses == before.responses and ew.model.marked == before.marked
    assert all(ew.model.answered(p) for p in range(3)) and ew.sheet.cells[2].property("state") == "answered"
    expected_left = before.limit_ms - before.counted_ms
    assert abs(ew.clock.remaining_ms() - expected_left) < 5000
    assert ew.overlay.isVisible() and "第 4 题" in ew.overlay.text.text()
    ew.overlay.press()
    assert [e.event for e in audit.query(store, exam_id=opened.exam_id)][:2] == ["resume", "resume_code"]
    # the code is used up
    crash(window)
    window = station_env()
    page = _open_resume(qtbot, window)
    type_text(page.secret, code)
    click(page.resume_button)
    qtbot.waitUntil(lambda: page.error.isVisible())


def test_resume_with_trainer_password(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1)
    window, _ = _start_and_answer(qtbot, store, station_env, opened, 1)
    crash(window)
    window = station_env()
    page = _open_resume(qtbot, window)
    type_text(page.secret, ADMIN_PASSWORD)  # a password with no account named is refused
    click(page.resume_button)
    qtbot.waitUntil(lambda: page.error.isVisible())
    assert "账号" in page.error.text() and exam_window_of(window) is None
    type_text(page.username, ADMIN_USER)
    page.secret.clear()
    type_text(page.secret, ADMIN_PASSWORD)
    click(page.resume_button)
    qtbot.waitUntil(lambda: exam_window_of(window) is not None)
    assert exam_window_of(window).model.current == 1
    assert f"管理员 {ADMIN_USER}" in audit.query(store, event="resume")[0].detail
