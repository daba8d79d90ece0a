"""A statement's SQL text for SQLite's own cursor (sqlite3), compiled once.

For the few statements of a hot path where SQLAlchemy's per-execution work (parameter handling,
result rows) costs as much as SQLite's: the caller runs the text on the session's DBAPI connection,
in the same transaction, with the parameters in the order given here (checked against the compiled
statement) and plain values (texts, numbers) that need no bind processing.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.dialects import sqlite
from sqlalchemy.sql import ClauseElement


def sqlite_sql(stmt: ClauseElement, order: Sequence[str]) -> str:
    compiled = stmt.compile(dialect=sqlite.dialect())
    if list(compiled.positiontup or ()) != list(order):
        raise RuntimeError(f"parameters in the order {compiled.positiontup}, not {list(order)}")
    return compiled.string
