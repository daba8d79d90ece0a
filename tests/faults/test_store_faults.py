"""Issue 10 item 9: each database fault is found at start and explained; the CLI exits 2, never SQL.

The faults are real: a folder or file the user cannot write (root runs as `nobody` for it), a write
lock held by another process, overwritten pages, a schema stamped by a newer program. Only the full
disk is simulated, with SQLite's own page limit (a real SQLITE_FULL from the driver).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fault_helpers import (
    as_nobody,
    cli,
    corrupt_pages,
    give_away,
    locked_by_another_process,
    make_station,
    shared_folder,
    stamp_future,
)

from baiwen_desktop.core.errors import StoreFault
from baiwen_desktop.services.context import open_app
from baiwen_desktop.store import faults


def _fault(folder: Path) -> StoreFault:
    with pytest.raises(StoreFault) as e:
        open_app(folder)
    return e.value


def _no_sql(text: str) -> None:
    for leak in ("[SQL", "sqlite3.", "sqlalche", "Traceback", "INSERT", "SELECT", "OperationalError"):
        assert leak not in text


def test_read_only_folder() -> None:
    with shared_folder() as d:
        db = make_station(d / "data")
        give_away(d / "data")
        (d / "data").chmod(0o555)  # SQLite cannot make its -wal and -shm files
        with as_nobody():
            e = _fault(d / "data")
        assert e.kind == "read_only" and str(db) in e.zh and "只读" in e.zh and "写入权限" in e.zh
        r = cli(d / "data", "roster", "list", unprivileged=True)
        assert r.returncode == 2
        assert r.stderr.splitlines()[0] == f"错误：{e.zh}"
        _no_sql(r.stderr)


def test_read_only_database_file_fails_fast() -> None:
    with shared_folder() as d:
        db = make_station(d / "data")
        give_away(d / "data")
        db.chmod(0o444)  # the folder stays writable: reads work, the first write would not
        started = time.monotonic()
        with as_nobody():
            e = _fault(d / "data")
        assert e.kind == "read_only" and str(db) in e.zh
        assert time.monotonic() - started < 60  # not the 128 s hang of the review; a bound, not a speed target
        r = cli(d / "data", "exam", "list", unprivileged=True)
        assert r.returncode == 2 and "只读" in r.stderr
        _no_sql(r.stderr)


def test_locked_by_another_process(tmp_path: Path) -> None:
    db = make_station(tmp_path / "data")
    with locked_by_another_process(db):
        e = _fault(tmp_path / "data")
        assert e.kind == "locked" and "另一个程序占用" in e.zh and str(db) in e.zh
        r = cli(tmp_path / "data", "roster", "list")
        assert r.returncode == 2 and r.stderr.splitlines()[0] == f"错误：{e.zh}"
        _no_sql(r.stderr)
    open_app(tmp_path / "data").dispose()  # the other program closed: all good again


def test_corrupt_pages(tmp_path: Path) -> None:
    db = make_station(tmp_path / "data")
    corrupt_pages(db)
    e = _fault(tmp_path / "data")
    assert e.kind == "corrupt" and "已损坏" in e.zh and "备份" in e.zh
    r = cli(tmp_path / "data", "bank", "list")
    assert r.returncode == 2 and "已损坏" in r.stderr
    _no_sql(r.stderr)


def test_not_a_database_at_all(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "baiwen.sqlite3").write_bytes(b"PK\x03\x04 this is a zip file, copied over by mistake" * 100)
    assert _fault(tmp_path / "data").kind == "corrupt"


def test_schema_newer_than_the_program(tmp_path: Path) -> None:
    db = make_station(tmp_path / "data")
    stamp_future(db)
    before = db.read_bytes()
    e = _fault(tmp_path / "data")
    assert e.kind == "too_new" and "9999_from_the_future" in e.zh and "最新版本" in e.zh
    r = cli(tmp_path / "data", "exam", "list")
    assert r.returncode == 2 and "更新版本" in r.stderr
    _no_sql(r.stderr)
    assert db.read_bytes() == before  # never touched


def test_full_disk_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_station(tmp_path / "data")
    real_write = faults._write_stamp

    def full_disk_write(conn, stamp):  # type: ignore[no-untyped-def]
        # SQLite's page limit set to the file's size: the next page it needs is refused with SQLITE_FULL
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        conn.exec_driver_sql(f"PRAGMA max_page_count={pages}")
        real_write(conn, stamp * 50_000)

    monkeypatch.setattr(faults, "_write_stamp", full_disk_write)
    e = _fault(tmp_path / "data")
    assert e.kind == "disk_full" and "磁盘已满" in e.zh


def test_a_healthy_store_records_the_write_check(tmp_path: Path) -> None:
    store = open_app(tmp_path / "data")
    with store.engine.connect() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM setting WHERE key = 'store_write_check'").scalar() == 1
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000  # restored after the check's 3 s
    store.dispose()
