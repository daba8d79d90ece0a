"""The exam clock in the window: warnings at 5 and 1 minutes, auto-submit at zero, heartbeats."""

from __future__ import annotations

import pytest
import station_driver
from station_driver import (
    answer_current,
    confirm_start,
    correct_response,
    login,
    make_open_session,
    wait_result,
    wait_saved,
)

from baiwen_desktop.core.clock import ExamClock
from baiwen_desktop.services import attempts, audit
from baiwen_desktop.ui.station.result_page import ResultPage

pytestmark = pytest.mark.gui
station_env = station_driver.station_env  # the fixture, shared with the trainer tests


def test_warnings_then_auto_submit_at_zero(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1, {"duration_minutes": 10})
    window = station_env()
    who = opened.candidates[0]
    login(qtbot, window, who.employee_no, who.name)
    ew = confirm_start(qtbot, window)
    answer_current(qtbot, ew, correct_response(ew.model.item(0)))
    wait_saved(qtbot, ew)
    # an injected monotonic clock: the window's own 1-second timer does the rest
    now = [1000.0]
    ew.clock = ExamClock(ew.state.limit_ms, 0, None, monotonic=lambda: now[0])
    ew.clock.start()
    now[0] += 10 * 60 - 4 * 60  # 4 minutes left
    qtbot.waitUntil(lambda: ew.banner.isVisible(), timeout=3000)
    assert "5 分钟" in ew.banner.text() and ew.header.clock.property("warn") == "soon"
    assert ew.header.clock.text() == "剩余 04:00"
    now[0] += 4 * 60 - 30  # 30 seconds left: red
    qtbot.waitUntil(lambda: ew.header.clock.property("warn") == "urgent", timeout=3000)
    assert "1 分钟" in ew.banner.text()
    now[0] += 31
    page = wait_result(qtbot, window)
    assert isinstance(page, ResultPage)
    assert "考试时间到" in " ".join(w.text() for w in page.findChildren(type(ew.banner)))
    state = attempts.load_attempt(store, ew.state.attempt_id)
    assert state.status == "auto_submitted"
    assert state.counted_ms >= state.limit_ms
    assert state.responses[0] == correct_response(ew.model.item(0))
    (event,) = audit.query(store, event="auto_submit")
    assert "考试时间到" in event.detail


def test_heartbeat_records_time_and_page(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1)
    window = station_env()
    who = opened.candidates[0]
    login(qtbot, window, who.employee_no, who.name)
    ew = confirm_start(qtbot, window)
    ew.clock.counted_ms = 123_000
    ew.go(3)
    qtbot.waitUntil(lambda: attempts.load_attempt(store, ew.state.attempt_id).current_index == 3, timeout=5000)
    assert attempts.load_attempt(store, ew.state.attempt_id).counted_ms >= 123_000
