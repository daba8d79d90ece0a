"""Issue 10 item 11: on POSIX the data folder is 0700 and the database (with -wal, -shm) and log 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from baiwen_desktop import errorlog
from baiwen_desktop.services import settings
from baiwen_desktop.services.context import open_app

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_a_new_data_folder_is_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual default, which would give 0755 and 0644
    try:
        data = tmp_path / "data"
        store = open_app(data)
        settings.put(store, {"organisation": "国网测试县供电公司"}, "t")
        db = data / "baiwen.sqlite3"
        assert _mode(data) == 0o700
        assert _mode(db) == 0o600
        wal, shm = db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")
        assert wal.exists() and shm.exists()  # open in WAL mode: both copy the database's mode
        assert _mode(wal) == 0o600 and _mode(shm) == 0o600
        errorlog.stop()
        log = errorlog.record(RuntimeError("x"), data)
        assert log == data / "logs" / "baiwen.log" and _mode(log) == 0o600 and _mode(log.parent) == 0o700
        errorlog.stop()
        store.dispose()
    finally:
        os.umask(old)


def test_an_older_stations_database_is_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_app(data).dispose()
    db = data / "baiwen.sqlite3"
    db.chmod(0o644)  # as the program before this change left it
    store = open_app(data)
    assert _mode(db) == 0o600
    store.dispose()
