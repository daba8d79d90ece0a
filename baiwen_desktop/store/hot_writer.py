"""Short write transactions on one long-lived SQLite connection: the answer save's hot path.

Going through a pooled Connection costs a checkout, a reset, and SQLAlchemy's execution layer
per statement: about five times the INSERT+COMMIT itself. Here each Core statement is compiled
once, and every transaction runs it on the DBAPI connection the writer keeps. That connection
comes from the engine's pool, so it has the engine's pragmas (WAL, synchronous=FULL, foreign
keys, busy timeout): the commit is exactly as durable as any other.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.sql import Executable

# the SQL, and per '?': (keyword of run(), None, the type's bind processor) or (None, fixed value, None)
_Plan = tuple[str, list[tuple[str | None, Any, Callable[[Any], Any] | None]]]
Run = Callable[..., int]  # run(statement, **values) -> rowcount


class HotWriter:
    """One connection for the store's hot writes; a lock lets the save workers take turns on it."""

    def __init__(self, engine: Engine) -> None:
        assert engine.dialect.name == "sqlite" and engine.dialect.paramstyle == "qmark"
        self._engine = engine
        self._lock = threading.Lock()
        self._proxy: PoolProxiedConnection | None = None
        self._plans: dict[Executable, _Plan] = {}

    def _plan(self, stmt: Executable) -> _Plan:
        plan = self._plans.get(stmt)
        if plan is None:
            dialect = self._engine.dialect
            compiled = stmt.compile(dialect=dialect)
            slots: list[tuple[str | None, Any, Callable[[Any], Any] | None]] = []
            for name in compiled.positiontup or ():
                bind = compiled.binds[name]
                processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
                if bind.unique:  # a literal written in the statement: converted once, here
                    value = bind.effective_value
                    slots.append((None, processor(value) if processor else value, None))
                else:  # a bindparam("x"): the keyword x of run()
                    slots.append((bind.key, None, processor))
            plan = self._plans[stmt] = (compiled.string, slots)
        return plan

    @contextmanager
    def transaction(self) -> Iterator[Run]:
        """One transaction: committed when the block ends (and only then), rolled back if it raises."""
        with self._lock:
            if self._proxy is None:
                self._proxy = self._engine.raw_connection()
            dbapi = self._proxy.driver_connection
            sql = ""
            # a value used by several statements (the save's timestamp) is converted once; the
            # entry holds the value, so its id() cannot be reused during the transaction
            converted: dict[tuple[Callable[[Any], Any], int], tuple[Any, Any]] = {}

            def run(stmt: Executable, **values: Any) -> int:
                nonlocal sql
                sql, slots = self._plan(stmt)
                params = []
                for key, fixed, processor in slots:
                    if key is None:
                        params.append(fixed)
                        continue
                    value = values[key]
                    if processor is not None:
                        done = converted.get((processor, id(value)))
                        if done is None:
                            done = converted[(processor, id(value))] = (value, processor(value))
                        value = done[1]
                    params.append(value)
                return dbapi.execute(sql, params).rowcount

            try:
                yield run
                sql = "COMMIT"
                dbapi.commit()
            except sqlite3.Error as e:
                self._discard()
                raise DBAPIError.instance(sql, None, e, sqlite3.Error) from e
            except BaseException:
                try:
                    dbapi.rollback()
                except sqlite3.Error:
                    self._discard()
                raise

    def pragmas(self) -> dict[str, Any]:
        """The durability settings of the connection the saves use (the bench prints them, a test checks them)."""
        with self.transaction():
            dbapi = self._proxy.driver_connection  # type: ignore[union-attr]
            return {name: dbapi.execute(f"PRAGMA {name}").fetchone()[0] for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}

    def _discard(self) -> None:
        # after a driver error the connection may be in any state: drop it, the next save opens a new one
        if self._proxy is not None:
            self._proxy.invalidate()
            self._proxy = None

    def close(self) -> None:
        with self._lock:
            if self._proxy is not None:
                self._proxy.close()
                self._proxy = None
