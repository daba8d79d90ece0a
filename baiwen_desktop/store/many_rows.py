"""Core executemany and fetch for hundreds of thousands of rows on SQLite (HQ-sized grading, paper starts).

`Connection.execute(stmt, rows)` does SQLAlchemy's per-row work for every parameter set
(construct_params, a dict per row, each value's bind processor looked up again): several
microseconds a row, more than SQLite's own insert or update. Here the statement is compiled
once, each bind's processor is taken once, and the rows go to sqlite3's executemany as
tuples, in the caller's transaction. The values written are those SQLAlchemy would write:
the same processors (a Decimal as REAL, JSON through the engine's serializer, datetimes as text).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime
from itertools import compress, islice, repeat
from operator import add, ge, itemgetter, lt, ne, sub
from typing import Any

import orjson
from sqlalchemy import (
    JSON,
    Connection,
    DateTime,
    Numeric,
    Table,
    bindparam,
    func,
    literal_column,
    select,
    update,
)
from sqlalchemy.sql import Insert, Select, Update

from baiwen_desktop.store import json_codec

Processor = Callable[[Any], Any] | None


def executemany(conn: Connection, stmt: Insert | Update, rows: Sequence[Mapping[str, Any]]) -> None:
    """Run `stmt` once per row, as `conn.execute(stmt, rows)` does: `insert(table)` with rows
    keyed by column, or an `update(table)` with explicit `bindparam`s; every row has the same keys.

    Literal values written in the statement (`t.c.status == "x"`) are converted once; an
    insert's column left out of the rows takes its scalar default (a callable default, computed
    per row by SQLAlchemy, is refused). Not SQLite: SQLAlchemy's own executemany (PostgreSQL's
    driver batches the rows itself).
    """
    if not rows:
        return
    dialect = conn.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        conn.execute(stmt, rows)
        return
    _run(conn, stmt, list(rows[0]), lambda key: map(itemgetter(key), rows), len(rows))


def executemany_columns(
    conn: Connection, stmt: Insert | Update, columns: Mapping[str, Sequence[Any]], *, repeating: Collection[str] = (),
    json_texts: Mapping[str, Sequence[str]] | None = None, datetime_texts: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """`executemany` with the rows given column by column (each sequence one column, all of one
    length): a caller that makes thousands of rows need not build a dict for each.

    On SQLite, shortcuts for the value conversions (elsewhere they change nothing):
    `repeating`: columns of few distinct hashable values (flags, points), each converted once; values
    equal in Python must be stored alike (True and 1 are). `json_texts`: JSON columns whose values the
    caller has at hand as the store's JSON text of each (store.json_codec.dumps), written as they are;
    a column given only as text (not in `columns`) is read back from it where the texts are not written.
    `datetime_texts`: DateTime columns given only as text, each `t.isoformat(" ", "microseconds")` of a
    naive datetime `t` (a caller that reads times as text need not make a datetime of each: ≈ 2 µs a
    value); written as they are where that is the store's text for `t`, else as `t` would be.
    """
    for key, texts in (datetime_texts or {}).items():
        column = stmt.table.c.get(key)  # type: ignore[union-attr]
        if column is None or not isinstance(column.type, DateTime) or (texts and not (_naive_text(texts[0]) and _naive_text(texts[-1]))):
            raise ValueError(f"{key!r}: not a DateTime column given as naive isoformat(' ', 'microseconds') texts")
    only_text = {k: v for k, v in (json_texts or {}).items() if k not in columns}  # JSON columns given only as text
    for key, texts in only_text.items():
        column = stmt.table.c.get(key)  # type: ignore[union-attr]
        if column is None or not isinstance(column.type, JSON) or (texts and not (_own_json_text(texts[0]) and _own_json_text(texts[-1]))):
            raise ValueError(f"{key!r}: the texts given are not what the JSON column writes")
    times = {k: list(map(datetime.fromisoformat, v)) for k, v in (datetime_texts or {}).items()} if not _sqlite(conn) else {}
    if not _sqlite(conn):
        times.update({k: list(map(json_codec.loads, v)) for k, v in only_text.items()})
    given: dict[str, Sequence[Any]] = {**columns, **times}
    lengths = {len(c) for c in given.values()} | {len(c) for c in (json_texts or {}).values()} | {len(c) for c in (datetime_texts or {}).values()}
    if len(lengths) != 1:
        raise ValueError(f"columns of different lengths: {sorted(lengths)}")
    n = lengths.pop()
    if not n:
        return
    if not _sqlite(conn):
        keys = list(given)
        conn.execute(stmt, [dict(zip(keys, row, strict=True)) for row in zip(*given.values(), strict=True)])
        return
    _run(conn, stmt, [*columns, *(datetime_texts or {}), *only_text], {**columns, **(datetime_texts or {}), **only_text}.__getitem__, n,
         set(repeating), json_texts or {}, set(datetime_texts or {}), set(only_text))


def _sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite" and conn.dialect.paramstyle == "qmark"


def _run(
    conn: Connection, stmt: Insert | Update, keys: list[str], column: Callable[[str], Sequence[Any] | Iterable[Any]], n: int,
    repeating: set[str] | None = None, json_texts: Mapping[str, Sequence[str]] | None = None, datetime_texts: set[str] | None = None,
    checked_texts: set[str] | None = None,
) -> None:
    """SQLite: the statement compiled once, each bind's processor taken once, the values converted
    column by column in C (map, zip): a Python call per value costs more than the insert."""
    dialect = conn.dialect
    compiled = stmt.compile(dialect=dialect, column_keys=keys)
    params: list[Iterable[Any]] = []
    given = set(keys)
    for name in compiled.positiontup or ():
        bind = compiled.binds[name]
        processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
        writes_iso = isinstance(bind.type, DateTime) and _writes_iso(processor)
        if writes_iso:
            processor = _faster_datetime(processor)
        if bind.key in given and not bind.unique:
            values = column(bind.key)
            if datetime_texts and bind.key in datetime_texts:
                if writes_iso:  # the texts are what the store writes
                    params.append(values)
                else:
                    parsed = map(datetime.fromisoformat, values)
                    params.append(map(processor, parsed) if processor is not None else parsed)
            elif json_texts and bind.key in json_texts:
                texts = json_texts[bind.key]
                if checked_texts and bind.key in checked_texts:  # given only as text, checked by executemany_columns
                    if processor is None or processor(json_codec.loads(texts[0])) != texts[0]:
                        raise ValueError(f"{bind.key!r}: the texts given are not what the JSON column writes")
                elif not isinstance(bind.type, JSON) or processor is None or any(processor(values[i]) != texts[i] for i in (0, n - 1)):  # type: ignore[index]
                    raise ValueError(f"{bind.key!r}: the texts given are not what the JSON column writes")
                params.append(texts)
            elif repeating and bind.key in repeating and processor is not None:
                once = {v: processor(v) for v in set(values)}
                params.append(map(once.__getitem__, values))
            else:
                params.append(map(processor, values) if processor is not None else values)
            continue
        if bind.unique:  # a literal written in the statement
            value = bind.effective_value
        else:  # an insert's column the rows leave out
            default = stmt.table.c[bind.key].default if isinstance(stmt, Insert) else None  # type: ignore[union-attr]
            if default is None or not default.is_scalar:
                raise ValueError(f"rows give no value for {bind.key!r}")
            value = default.arg  # type: ignore[attr-defined]
        params.append(repeat(processor(value) if processor else value, n))
    conn.exec_driver_sql(compiled.string, list(zip(*params, strict=True)) if params else [()] * n)


def fetch_columns(conn: Connection, stmt: Select[Any]) -> list[Sequence[Any]]:
    """The rows `conn.execute(stmt)` gives, column by column: one sequence per selected column.

    For hundreds of thousands of rows on SQLite (an HQ exam's 300,000 answer rows are read by
    grading and again by the item analysis), where SQLAlchemy's result rows cost ≈ 1.5 µs a row
    more than sqlite3's own fetch: SQLAlchemy runs the statement, the rows are fetched from its
    sqlite3 cursor, and only the columns whose type converts a value (a Numeric to Decimal) go
    through that type's result processor, a column at a time. Not SQLite: SQLAlchemy's own rows
    (PostgreSQL's driver converts the values itself).
    """
    dialect = conn.dialect
    result = conn.execute(stmt)
    width = len(stmt.selected_columns)
    if dialect.name != "sqlite":
        rows: list[Any] = list(result)
    else:
        try:
            rows = result.cursor.fetchall()  # sqlite3's own rows, no Row object each
        finally:
            result.close()
    if not rows:
        return [() for _ in range(width)]
    columns = list(zip(*rows, strict=True))
    if dialect.name == "sqlite":
        for i, c in enumerate(stmt.selected_columns):
            proc = c.type.dialect_impl(dialect).result_processor(dialect, None)
            if proc is not None:
                # a Numeric's value depends on the stored number alone (SQLite keeps an integral one as an
                # integer, so 1 and 1.0 are one key alike), and points take a few distinct values
                values = _Memo(proc) if isinstance(c.type, Numeric) else None
                columns[i] = tuple(map(values.__getitem__ if values is not None else proc, columns[i]))
    return columns


class _Memo(dict[Any, Any]):
    """processor(value) for each distinct value once."""

    def __init__(self, processor: Callable[[Any], Any]) -> None:
        super().__init__()
        self.processor = processor

    def __missing__(self, value: Any) -> Any:
        got = self[value] = self.processor(value)
        return got


def update_by_ids(conn: Connection, table: Table, ids: Sequence[int], values: Mapping[str, Any]) -> None:
    """UPDATE `table` SET `values` WHERE id IN `ids`, in the caller's transaction.

    For many rows given the same values (graded answers share a few (auto, final) pairs): SQLite
    updates them in one statement in about half the time of one UPDATE per row. There the ids go as
    one JSON array text that json_each reads, so no bind is rendered per id; elsewhere IN lists of
    5,000 ids. A run of RUN or more consecutive ids among `ids` (a paper's answers are inserted
    together) goes as one `id BETWEEN first AND last` instead: every row in that range is one of
    `ids`, and SQLite walks the range in order with no list of ids to build and look up.
    """
    if not ids:
        return
    ordered = list(ids)
    if not all(map(lt, ordered, islice(ordered, 1, None))):  # not already sorted and distinct
        ordered = sorted(set(ordered))
    runs, rest = _runs(ordered)
    t = table.c.id
    for first, last in runs:
        conn.execute(update(table).where(t.between(first, last)).values(**values))
    if not rest:
        return
    if conn.dialect.name == "sqlite":
        listed = select(literal_column("value")).select_from(func.json_each(bindparam("ids")))
        conn.execute(update(table).where(t.in_(listed)).values(**values), {"ids": orjson.dumps(rest).decode()})  # a JSON array text
        return
    for i in range(0, len(rest), 5_000):
        conn.execute(update(table).where(t.in_(rest[i : i + 5_000])).values(**values))


RUN = 64  # consecutive ids updated as one range


def _runs(ids: list[int]) -> tuple[list[tuple[int, int]], list[int]]:
    """Sorted distinct `ids` as (first, last) of each run of RUN or more consecutive ids, and the
    ids in no such run."""
    n = len(ids)
    # where a run breaks: ids[i] != ids[i - 1] + 1 (compared in C: a Python step per id costs more)
    starts = [0, *compress(range(1, n), map(ne, islice(ids, 1, None), map(add, ids, repeat(1)))), n]
    lengths = list(map(sub, islice(starts, 1, None), starts))
    long_runs = [(starts[k], starts[k + 1]) for k in compress(range(len(lengths)), map(ge, lengths, repeat(RUN)))]
    if not long_runs:
        return [], ids
    rest: list[int] = []
    end = 0
    for a, b in long_runs:
        rest += ids[end:a]
        end = b
    rest += ids[end:]
    runs = [(ids[a], ids[b - 1]) for a, b in long_runs]
    return runs, rest


_SAMPLES = (datetime(2026, 7, 15, 9, 30, 5, 123456), datetime(999, 1, 2, 3, 4, 5), datetime(2026, 12, 31, 23, 59, 59))


def _own_json_text(text: Any) -> bool:
    """Whether `text` is json_codec's own text of a value."""
    try:
        return isinstance(text, str) and json_codec.dumps(json_codec.loads(text)) == text
    except ValueError:
        return False


def _naive_text(text: Any) -> bool:
    """Whether `text` is isoformat(" ", "microseconds") of a naive datetime."""
    try:
        t = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return t.tzinfo is None and t.isoformat(" ", "microseconds") == text


def _writes_iso(processor: Processor) -> bool:
    """Whether a DateTime bind processor writes a naive datetime as its isoformat(" ", "microseconds")
    (SQLite's DATETIME, checked on samples: another storage format keeps SQLAlchemy's processor)."""
    return processor is not None and all(processor(t) == t.isoformat(" ", "microseconds") for t in _SAMPLES)


def _faster_datetime(processor: Processor) -> Processor:
    """SQLite's DATETIME processor builds a dict per value for a %-format; a naive datetime's
    isoformat(" ", "microseconds") is the same text, ten times faster (for a processor that
    _writes_iso). Anything else goes to SQLAlchemy's."""
    if processor is None:
        return None

    def naive_datetime(value: Any) -> Any:
        if type(value) is datetime and value.tzinfo is None:
            return value.isoformat(" ", "microseconds")
        return processor(value)

    return naive_datetime


__all__ = ["executemany", "executemany_columns", "fetch_columns", "update_by_ids"]
