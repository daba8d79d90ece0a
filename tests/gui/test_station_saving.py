"""Durability: saves run on the one background worker, and 已保存 appears only after commit."""

from __future__ import annotations

import threading

import pytest
import station_driver
from station_driver import (
    answer_current,
    confirm_start,
    correct_response,
    go_to,
    login,
    make_open_session,
    type_text,
    wait_saved,
)

from baiwen_desktop.core.question import QType
from baiwen_desktop.services import attempts

pytestmark = pytest.mark.gui
station_env = station_driver.station_env  # the fixture, shared with the trainer tests


def _sit(qtbot, store, station_env):  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1)
    window = station_env()
    who = opened.candidates[0]
    login(qtbot, window, who.employee_no, who.name)
    return confirm_start(qtbot, window)


def test_saved_only_after_commit_and_off_the_ui_thread(qtbot, store, station_env, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ew = _sit(qtbot, store, station_env)
    real = attempts.save_answer
    threads: list[threading.Thread] = []
    gate = threading.Event()

    def slow_save(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        gate.wait(5)  # hold the commit until the test has looked at the header
        return real(*args, **kwargs)

    monkeypatch.setattr(attempts, "save_answer", slow_save)
    ew.view.answer.choose(0)
    # the click did not wait for the database: the save is held (gate closed) yet the click has returned,
    # and nothing is committed yet (a save on the UI thread would have returned only after committing)
    assert not gate.is_set()
    assert attempts.load_attempt(store, ew.state.attempt_id).responses[0] is None
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is not threading.main_thread()
    assert ew.header.save_state.text() == "保存中…"
    assert attempts.load_attempt(store, ew.state.attempt_id).responses[0] is None
    qtbot.wait(200)  # the UI thread keeps running while the worker waits
    assert ew.header.save_state.text() == "保存中…"
    gate.set()

    def saved_and_committed() -> bool:
        if not ew.header.save_state.text().startswith("已保存"):
            return False
        # whenever the header says saved, the answer is in the database
        assert attempts.load_attempt(store, ew.state.attempt_id).responses[0] is not None
        return True

    qtbot.waitUntil(saved_and_committed, timeout=5000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert len({t.ident for t in threads}) == 1  # one ordered worker


def test_failed_save_shows_unsaved_and_retries(qtbot, store, station_env, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ew = _sit(qtbot, store, station_env)
    ew.saver._retry.setInterval(300)
    real = attempts.save_answer
    failures = [2]

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        if failures[0] > 0:
            failures[0] -= 1
            raise OSError("disk I/O error")
        return real(*args, **kwargs)

    monkeypatch.setattr(attempts, "save_answer", flaky)
    ew.view.answer.choose(1)
    qtbot.waitUntil(lambda: ew.header.save_state.property("state") == "failed")
    assert "未保存" in ew.header.save_state.text()
    wait_saved(qtbot, ew)
    assert failures == [0]
    assert attempts.load_attempt(store, ew.state.attempt_id).responses[0] == ew.model.responses[0]


def test_typing_is_saved_after_a_pause_and_on_leaving(qtbot, store, station_env, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ew = _sit(qtbot, store, station_env)
    short = next(i for i, it in enumerate(ew.model.items) if it.question.qtype is QType.SHORT)
    go_to(qtbot, ew, short)
    calls: list[object] = []
    real = attempts.save_answer

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[3])
        return real(*args, **kwargs)

    monkeypatch.setattr(attempts, "save_answer", counting)
    box = ew.view.answer.box
    box.setFocus()
    type_text(box, "工作机制，风险分析")
    assert ew.header.save_state.text() == "保存中…" and calls == []  # not after every key
    wait_saved(qtbot, ew)
    assert calls == ["工作机制，风险分析"]
    # leaving the box saves at once, without waiting for the pause
    type_text(box, "。")
    blank = next(i for i, it in enumerate(ew.model.items) if it.question.qtype is QType.BLANK)
    go_to(qtbot, ew, blank)
    qtbot.waitUntil(lambda: attempts.load_attempt(store, ew.state.attempt_id).responses[short] == "工作机制，风险分析。", timeout=2000)
    answer_current(qtbot, ew, correct_response(ew.model.item(blank)), "keyboard")
    wait_saved(qtbot, ew)
    assert attempts.load_attempt(store, ew.state.attempt_id).responses[blank] == correct_response(ew.model.item(blank))
