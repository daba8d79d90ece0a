"""Two stations of a training room (two data folders, one database) through their real windows."""

from __future__ import annotations

from typing import Any

import pytest
import station_driver
from station_driver import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    answer_current,
    click,
    close_window,
    confirm_start,
    correct_response,
    login,
    make_open_session,
    new_window,
    type_text,
    wait_home,
    wait_saved,
)

from baiwen_desktop.services import attempt_handover, attempts, audit
from baiwen_desktop.services.context import open_app
from baiwen_desktop.ui.station import exam_window
from baiwen_desktop.ui.station.flow import exam_window_of
from baiwen_desktop.ui.station.move_page import MovePage
from baiwen_desktop.ui.station.resume_page import ResumePage

station_env = station_driver.station_env  # the fixture, shared with the trainer tests

pytestmark = pytest.mark.gui


class FakeTime:
    """The exam window's monotonic clock, moved by the test instead of by sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _controlled(ew: Any) -> FakeTime:
    t = FakeTime()
    ew._monotonic = t
    ew._last_beat = t()
    ew.clock._monotonic = t
    ew.clock._running_since = t()
    return t


@pytest.fixture
def second_pc(qtbot, store, tmp_path):  # type: ignore[no-untyped-def]
    """Another PC of the room: its own data folder (so its own station id) on the same database."""
    other = open_app(tmp_path / "pc2", store.url, sync_bank=False)
    made: list[Any] = []

    def open_window(name: str = "二号机") -> Any:
        w = new_window(qtbot, other, name)
        made.append(w)
        return w

    yield open_window
    for w in made:
        close_window(w)
    other.dispose()


def test_move_to_another_pc_locks_the_old_window_within_5_seconds(qtbot, store, station_env, second_pc) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1)
    old = station_env("一号机")
    who = opened.candidates[0]
    login(qtbot, old, who.employee_no, who.name)
    ew = confirm_start(qtbot, old)
    answer_current(qtbot, ew, correct_response(ew.model.item(0)))
    wait_saved(qtbot, ew)
    t = _controlled(ew)
    attempt_id = ew.state.attempt_id

    # on the second PC: 转到本机继续 → 工号 → the trainer authorises
    new = second_pc("二号机")
    home = wait_home(qtbot, new)
    click(home.move_button)
    qtbot.waitUntil(lambda: isinstance(new.current_page(), MovePage))
    type_text(new.current_page().employee_no, who.employee_no)
    click(new.current_page().find_button)
    qtbot.waitUntil(lambda: isinstance(new.current_page(), ResumePage))
    page = new.current_page()
    assert "在“一号机”上" in page.group.checkedButton().text()
    type_text(page.username, ADMIN_USER)
    type_text(page.secret, ADMIN_PASSWORD)
    click(page.resume_button)
    qtbot.waitUntil(lambda: exam_window_of(new) is not None, timeout=10_000)
    moved = exam_window_of(new)
    assert moved is not None and moved.state.responses[0] == correct_response(ew.model.item(0))

    # the old PC learns at its next heartbeat: at most BEAT_SECONDS (+ the 1 s tick) later
    assert not ew.overlay.isVisible()
    t.now += exam_window.BEAT_SECONDS
    qtbot.waitUntil(lambda: ew.overlay.isVisible() and ew.overlay.kind == "moved", timeout=5000)
    assert ew.overlay.title.text() == "本场考试已转到其他电脑"
    assert "“二号机”" in ew.overlay.text.text() and "这里的操作不会被保存" in ew.overlay.text.text()
    assert ew.finishing and not ew.timer.isActive()

    # what the old window does afterwards is not stored
    ew.view.answer.choose(2)
    ew._edited(1, [0], True)
    qtbot.wait(300)
    assert attempts.load_attempt(store, attempt_id).responses[1] is None
    (refused,) = audit.query(store, event="lease_refused")
    assert refused.station == "一号机" and "心跳" in refused.detail
    (move,) = audit.query(store, event="lease_move")
    assert move.station == "二号机"

    # 返回首页 frees the old PC
    ew.overlay.press()
    wait_home(qtbot, old)
    assert exam_window_of(old) is None and exam_window_of(new) is moved


def test_a_refused_save_locks_at_once(qtbot, store, station_env, second_pc) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1)
    old = station_env("一号机")
    who = opened.candidates[0]
    login(qtbot, old, who.employee_no, who.name)
    ew = confirm_start(qtbot, old)
    second_pc("二号机")
    other = old.store  # same database; authorise as the second PC would
    from baiwen_desktop.services.station import StationIdentity

    attempt_handover.authorise_resume(other, ew.state.attempt_id, ADMIN_PASSWORD, StationIdentity("pc-2", "二号机"), ADMIN_USER)
    answer_current(qtbot, ew, correct_response(ew.model.item(0)))
    qtbot.waitUntil(lambda: ew.overlay.isVisible() and ew.overlay.kind == "moved", timeout=5000)
    assert ew.header.save_state.text() != "已保存"  # never claimed: the save was refused
    assert attempts.load_attempt(store, ew.state.attempt_id).responses[0] is None


def test_force_submit_stops_the_clock_at_the_forced_time(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1)
    window = station_env("一号机")
    who = opened.candidates[0]
    login(qtbot, window, who.employee_no, who.name)
    ew = confirm_start(qtbot, window)
    t = _controlled(ew)
    t.now += 60
    ew.heartbeat()
    qtbot.waitUntil(lambda: attempts.load_attempt(store, ew.state.attempt_id).counted_ms >= 60_000)
    attempts.submit(store, ew.state.attempt_id, "forced", "监考 admin 强制交卷", actor="admin")
    forced_at = attempts.load_attempt(store, ew.state.attempt_id).counted_ms
    t.now += exam_window.BEAT_SECONDS + 40  # the station noticed late: its own count ran on
    qtbot.waitUntil(lambda: ew.finishing, timeout=5000)
    assert ew.clock.counted_ms == forced_at  # stopped where the server stopped it


def test_first_start_on_a_shared_database_asks_for_this_pcs_name(qtbot, store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from baiwen_desktop.services import station
    from baiwen_desktop.ui.main_window import MainWindow
    from baiwen_desktop.ui.station.home import HomePage
    from baiwen_desktop.ui.station.name_page import StationNamePage

    station_driver.isolate_prefs(tmp_path / "qsettings")
    other = open_app(tmp_path / "pc3", store.url, sync_bank=False)  # the room's database, not this folder's own
    window = MainWindow(other, station.station_identity(other))
    try:
        window.go_home()
        window.show()
        page = window.current_page()
        assert isinstance(page, StationNamePage)
        click(page.save_button)
        qtbot.waitUntil(lambda: page.error.isVisible())
        assert page.error.text() == "请填写本机名称"
        type_text(page.name, "15号机")
        click(page.save_button)
        qtbot.waitUntil(lambda: isinstance(window.current_page(), HomePage), timeout=5000)
        assert window.station == "15号机" and station.station_identity(other).name == "15号机"
    finally:
        close_window(window)
        other.dispose()
