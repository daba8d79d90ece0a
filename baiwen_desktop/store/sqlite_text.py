"""A statement's SQL text for SQLite's own cursor (sqlite3), compiled once.

For the few statements of a hot path where SQLAlchemy's per-execution work (parameter handling,
result rows) costs as much as SQLite's: the caller runs the text on the session's DBAPI connection,
in the same transaction, with the parameters in the order given here (checked against the compiled
statement) and plain values (texts, numbers) that need no bind processing; or, through `sqlite_plan`
and `plan_params`, named values converted as the columns' types would convert them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite
from sqlalchemy.sql import ClauseElement

Slots = tuple[tuple[str | None, Any, Any], ...]
DIALECT = sqlite.dialect()


def sqlite_sql(stmt: ClauseElement, order: Sequence[str]) -> str:
    compiled = stmt.compile(dialect=sqlite.dialect())
    if list(compiled.positiontup or ()) != list(order):
        raise RuntimeError(f"parameters in the order {compiled.positiontup}, not {list(order)}")
    return compiled.string


def sqlite_plan(stmt: ClauseElement) -> tuple[str, Slots]:
    """A statement's SQLite text and, per '?': (the name of a b_… parameter the caller gives, None, its
    type's conversion) or (None, a literal written in the statement as SQLAlchemy sends it, None).
    Any other parameter (a column default SQLAlchemy would fill in) is refused: give it as a b_… one."""
    compiled = stmt.compile(dialect=DIALECT)
    slots: list[tuple[str | None, Any, Any]] = []
    for name in compiled.positiontup or ():
        bind = compiled.binds[name]
        convert = bind.type.dialect_impl(DIALECT).bind_processor(DIALECT)
        if name.startswith("b_"):
            slots.append((name, None, convert))
        elif bind.unique:
            value = bind.effective_value
            slots.append((None, convert(value) if convert else value, None))
        else:
            raise RuntimeError(f"{name}: give it as a b_ parameter")
    return compiled.string, tuple(slots)


def plan_params(slots: Slots, **values: Any) -> tuple[Any, ...]:
    """The parameters of a `sqlite_plan` statement, in its order, each converted by its type."""
    return tuple(fixed if name is None else convert(values[name]) if convert else values[name] for name, fixed, convert in slots)


def driver(conn: Connection) -> Any:
    """The sqlite3 connection under `conn`: the same transaction."""
    return conn.connection.driver_connection
