"""An exam's answer rows read attempt by attempt as columns (bulk grading, item analysis).

An HQ exam has 300,000 answer rows, read whole by grading and again by the item analysis; on SQLite
a result row each (a tuple and its values built by sqlite3) costs more than the database's own
read. There each attempt comes as ONE row whose columns are its answers' values gathered by
json_group_array (ids, positions, the stored response texts as JSON strings: SQLite builds these
arrays faster than group_concat's text, and orjson reads them back in C) and group_concat (the
points as SQLite's text of the number).

The values are those of the row-by-row read (store.many_rows.fetch_columns): response texts as
stored, None for NULL; points through the column's own result processor. A number's text is
SQLite's 15 significant digits, which give back the stored double for every value a Numeric(10, 2)
column is written with (a Decimal of at most 10 digits made a float). Anything unexpected (a count
that does not add up) reads that batch row by row instead. Elsewhere (PostgreSQL, whose driver
converts the values itself) it is the row-by-row read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

import orjson
from sqlalchemy import Connection, Text, cast, func, literal, select

from baiwen_desktop.store.many_rows import fetch_columns
from baiwen_desktop.store.models import Answer


class AnswerColumns(NamedTuple):
    """One attempt's answers in position order, a list per column."""

    ids: list[int]
    positions: list[int]
    responses: list[str | None]  # the stored JSON text, None for SQL NULL
    points: list[Decimal | None]


def answers_by_attempt(conn: Connection, attempt_ids: Sequence[int], *, counted: bool, with_ids: bool = True) -> dict[int, AnswerColumns]:
    """The answers of `attempt_ids` (attempts without any are left out), in position order.

    `points`: with `counted` the points that count (the trainer's final points, else the automatic
    ones), else the final points alone. Without `with_ids` the `ids` are left empty."""
    if not attempt_ids:
        return {}
    if conn.dialect.name == "sqlite":
        got = _grouped(conn, attempt_ids, counted, with_ids)
        if got is not None:
            return got
    return _row_by_row(conn, attempt_ids, counted, with_ids)


def _points(counted: bool) -> Any:
    t = Answer.__table__.c
    return func.coalesce(t.final_points, t.auto_points) if counted else t.final_points


def _row_by_row(conn: Connection, attempt_ids: Sequence[int], counted: bool, with_ids: bool) -> dict[int, AnswerColumns]:
    t = Answer.__table__.c
    owners, ids, positions, responses, points = fetch_columns(
        conn,
        select(t.attempt_id, t.id, t.position, cast(t.response, Text), _points(counted).label("points"))
        .where(t.attempt_id.in_(attempt_ids))
        .order_by(t.attempt_id, t.position),
    )
    out: dict[int, AnswerColumns] = {}
    end = 0
    for owner, n in Counter(owners).items():  # in attempt order
        start, end = end, end + n
        out[owner] = AnswerColumns(list(ids[start:end]) if with_ids else [], list(positions[start:end]), list(responses[start:end]), list(points[start:end]))
    return out


def _grouped(conn: Connection, attempt_ids: Sequence[int], counted: bool, with_ids: bool) -> dict[int, AnswerColumns] | None:
    t = Answer.__table__.c
    empty = literal("")
    stmt = (
        select(
            t.attempt_id,
            func.count(),
            func.json_group_array(t.id) if with_ids else empty,
            func.json_group_array(t.position),
            func.json_group_array(cast(t.response, Text)),  # each a JSON string (null for NULL): a text, not JSON to SQLite
            func.group_concat(func.coalesce(_points(counted), empty)),
        )
        .where(t.attempt_id.in_(attempt_ids))
        .group_by(t.attempt_id)
    )
    result = conn.execute(stmt)
    try:
        rows = result.cursor.fetchall()  # sqlite3's own rows
    finally:
        result.close()
    processor = Answer.__table__.c.final_points.type.dialect_impl(conn.dialect).result_processor(conn.dialect, None)
    number = _Numbers(processor)
    text_or_none = {"": None}.get
    out: dict[int, AnswerColumns] = {}
    for owner, n, ids, positions, responses, points in rows:
        # a paper's answers as a start writes them: positions 0 … n-1 (compared as text, not parsed)
        in_order = positions == _order_text(n)
        at = list(range(n)) if in_order else orjson.loads(positions)
        id_list = orjson.loads(ids) if with_ids else []
        texts = orjson.loads(responses)
        # no points at all (a paper being handed in): n empty texts, read without splitting them
        marks = None if points == _commas(n) else points.split(",")
        if not len(at) == len(texts) == n or (marks is not None and len(marks) != n) or (with_ids and len(id_list) != n):
            return None
        if not in_order and any(map(int.__gt__, at, at[1:])):  # group_concat follows the scan, not a stated order: sort
            order = sorted(range(n), key=at.__getitem__)
            id_list = [id_list[i] for i in order] if with_ids else []
            at, texts = [at[i] for i in order], [texts[i] for i in order]
            marks = None if marks is None else [marks[i] for i in order]
        # an empty stored text as None, as this read always gave it
        out[owner] = AnswerColumns(
            id_list, at, list(map(text_or_none, texts, texts)) if "" in texts else texts, [None] * n if marks is None else list(map(number.__getitem__, marks))
        )
    return out


def _order_text(n: int) -> str:
    """"[0,1,…,n-1]": json_group_array's text of the positions 0 … n-1."""
    got = _ORDER_TEXTS.get(n)
    if got is None:
        got = _ORDER_TEXTS[n] = "[" + ",".join(map(str, range(n))) + "]"
    return got


_ORDER_TEXTS: dict[int, str] = {}


def _commas(n: int) -> str:
    """group_concat's text of n empty texts: n - 1 commas."""
    return "," * (n - 1)


class _Numbers(dict[str, Decimal | None]):
    """SQLite's text of a stored number -> the column's value for it (a few distinct points per exam)."""

    def __init__(self, processor: Callable[[Any], Any] | None) -> None:
        super().__init__({"": None})
        self.processor = processor

    def __missing__(self, text: str) -> Decimal | None:
        value = float(text)
        got = self[text] = self.processor(value) if self.processor is not None else Decimal(text)
        return got


__all__ = ["AnswerColumns", "answers_by_attempt"]
