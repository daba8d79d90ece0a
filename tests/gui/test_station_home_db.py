"""Station home when the database goes away: no stale 开始考试, a clear message, and it comes back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import station_driver
from station_driver import make_open_session

from baiwen_desktop.ui.station import home as home_module
from baiwen_desktop.ui.station.home import HomePage

pytestmark = pytest.mark.gui
station_env = station_driver.station_env


def test_home_says_the_database_is_unreachable_and_retries(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    if store.engine.url.get_backend_name() != "sqlite":
        pytest.skip("moves the SQLite file away")
    make_open_session(store, 1)
    window = station_env()
    home = window.current_page()
    assert isinstance(home, HomePage) and len(home.start_buttons) == 1
    home.timer.setInterval(200)  # do not wait 10 s for the next look
    db = Path(store.engine.url.database)
    away = db.with_name("moved-away.db")
    store.engine.dispose()
    os.replace(db, away)
    db.mkdir()  # a folder where the file was: every new connection fails to open it
    try:
        qtbot.waitUntil(lambda: home.unreachable is not None, timeout=10_000)
        assert home.start_buttons == [] and home.timer.interval() == home_module.RETRY_MS
        texts = " ".join(w.text() for w in home.body.findChildren(type(home.where)))
        assert "连不上考试数据库" in texts and "开始考试" not in texts
        home.reload()  # a failed retry keeps the one card and raises nothing (pytest-qt would fail on it)
        qtbot.wait(300)
        assert home.unreachable is not None and len(home.body.findChildren(type(home.where), "")) > 0
    finally:
        db.rmdir()
        os.replace(away, db)
    home.reload()
    qtbot.waitUntil(lambda: len(home.start_buttons) == 1, timeout=10_000)
    assert home.unreachable is None and home.timer.interval() == home_module.REFRESH_MS
