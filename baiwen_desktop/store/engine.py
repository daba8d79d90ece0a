"""The one place that opens the database: engine, pragmas, migrations at start."""

from __future__ import annotations

import importlib.util
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from baiwen_desktop.store import json_codec
from baiwen_desktop.store.hot_writer import HotWriter

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration; a test checks it against alembic's head. Knowing it lets a start on an
# up-to-date database skip importing alembic (about 0.3 s of the station's cold start).
HEAD_REVISION = "0011_attempt_papers"


BUSY_TIMEOUT_MS = 10_000  # a write waits this long for another connection's lock, then fails


@dataclass
class Store:
    engine: Engine
    sessions: sessionmaker[Session]
    url: str
    data_dir: Path
    hot: HotWriter | None = None  # SQLite file: the answer saves' long-lived connection

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        return self.sessions()

    def dispose(self) -> None:
        if self.hot is not None:
            self.hot.close()
        self.engine.dispose()


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / 'baiwen.sqlite3').as_posix()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL + synchronous=FULL: a committed answer survives a power cut.
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def _local_offset() -> str:
    minutes = round(datetime.now().astimezone().utcoffset().total_seconds() / 60)  # type: ignore[union-attr]
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _server_session_zone(dbapi_connection: Any, _record: Any) -> None:
    # Timestamps are naive local times. Reading the server's clock in this PC's UTC offset
    # (LOCALTIMESTAMP) gives the server's "now" on the same scale, whatever zone the server is in.
    cur = dbapi_connection.cursor()
    cur.execute(f"SET TIME ZONE INTERVAL '{_local_offset()}' HOUR TO MINUTE")
    cur.close()
    dbapi_connection.commit()


def _has_psycopg() -> bool:
    # The bundle leaves psycopg out unless built with BAIWEN_BUNDLE_POSTGRES=1 (build.spec).
    return importlib.util.find_spec("psycopg") is not None


def make_engine(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, json_serializer=json_codec.dumps, json_deserializer=json_codec.loads)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if u.get_backend_name() == "postgresql" and not _has_psycopg():
        from baiwen_desktop.store.faults import no_postgres_driver

        raise no_postgres_driver(u.render_as_string(hide_password=True))
    engine = create_engine(url, pool_pre_ping=True, json_serializer=json_codec.dumps, json_deserializer=json_codec.loads)
    if u.get_backend_name() == "postgresql":
        event.listen(engine, "connect", _server_session_zone)
    return engine


def location(engine: Engine) -> str:
    """Where the data is, for messages: the SQLite file, or the server's URL without its password."""
    if engine.dialect.name == "sqlite":
        return str(Path(engine.url.database or ""))
    return engine.url.render_as_string(hide_password=True)


def alembic_config(connection: Any | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision` in place (an old station database keeps its data)."""
    current = current_revision(engine)
    if revision == "head" and current == HEAD_REVISION:
        return
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    if current is not None:
        try:
            ScriptDirectory.from_config(alembic_config()).get_revision(current)
        except CommandError:  # made by a newer program: never touch it
            from baiwen_desktop.store.faults import too_new

            raise too_new(location(engine), current) from None

    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Rebuilding a table in batch mode drops the old one; with foreign keys on, that
            # DROP would cascade into the answers. SQLite's own recipe: keys off, rebuild, check.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                if sqlite:
                    # pysqlite opens a transaction only before DML: without this BEGIN, CREATE TABLE and a
                    # batch rebuild commit on their own, and a crash mid-migration leaves a half-upgraded
                    # file that every later start refuses. IMMEDIATE: a second process waits, then sees head.
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                command.upgrade(alembic_config(conn), revision)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("foreign key check failed after migration")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def private_sqlite_file(db: Path) -> None:
    """Create the database file 0600 before SQLite does (it would make it 0644; its -wal and -shm files
    copy the database's mode), and take group/other access away from an older station's file."""
    if os.name != "posix":
        return
    if not db.exists():
        try:
            os.close(os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # an empty file is an empty database
        except FileExistsError:  # another process made it first
            pass
        return
    for f in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        try:
            st = f.stat()
            if st.st_mode & 0o077 and st.st_uid == os.geteuid():
                f.chmod(stat.S_IMODE(st.st_mode) & 0o700)  # only takes access away: a read-only file stays so
        except OSError:  # not there, or not ours (a shared folder): leave it as it is
            pass


def open_store(data_dir: Path, url: str | None = None, migrate: bool = True) -> Store:
    """Open (and upgrade in place) the database: SQLite in `data_dir` unless a URL is given."""
    # 0700 folder, 0600 files: another local account cannot read answers, names or the audit log
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    url = url or sqlite_url(data_dir)
    engine = make_engine(url)
    sqlite_file = engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:")
    if sqlite_file:
        private_sqlite_file(Path(engine.url.database))  # type: ignore[arg-type]
    if migrate:
        upgrade(engine)
    hot = HotWriter(engine) if sqlite_file else None
    return Store(engine, sessionmaker(engine, expire_on_commit=False), url, data_dir, hot)
