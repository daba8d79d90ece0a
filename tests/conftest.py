"""Shared fixtures: a fresh store per test (SQLite, or PostgreSQL when .ci/run provides one)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from baiwen_desktop.services.context import open_app
from baiwen_desktop.store.engine import Store, open_store

PG_URL = os.environ.get("BAIWEN_TEST_PG_URL")  # e.g. postgresql+psycopg://postgres@127.0.0.1:5433/postgres


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A SQLite store in a temp data dir, with the bundled bank loaded."""
    s = open_app(tmp_path / "data")
    yield s
    s.dispose()


def _need_pg() -> None:
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("BAIWEN_TEST_PG_URL is not set: .ci/run must start PostgreSQL")
        pytest.skip("no PostgreSQL server (set BAIWEN_TEST_PG_URL)")


def _pg_database() -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = "bw_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")  # type: ignore[arg-type]
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)  # type: ignore[arg-type]
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same test on SQLite and on a real PostgreSQL server."""
    if request.param == "sqlite":
        s = open_app(tmp_path / "data")
        yield s
        s.dispose()
        return
    _need_pg()
    for url in _pg_database():
        s = open_app(tmp_path / "data", url)
        yield s
        s.dispose()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives widgets (uses qtbot) carries the `gui` marker, wherever it lives,
    so `-m "not gui"` really leaves out every Qt test."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """One database URL that several PCs' stores share: a SQLite file, or a scratch database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{(tmp_path / 'shared.sqlite3').as_posix()}"
        return
    _need_pg()
    yield from _pg_database()


@pytest.fixture
def two_pcs(shared_db_url: str, tmp_path: Path) -> Iterator[Callable[[], Store]]:
    """Each call opens another PC's store (its own engine, its own caches) on one shared database."""
    opened: list[Store] = []

    def open_pc() -> Store:
        opened.append(open_store(tmp_path / f"pc-{len(opened)}", shared_db_url))
        return opened[-1]

    yield open_pc
    for st in opened:
        st.dispose()
