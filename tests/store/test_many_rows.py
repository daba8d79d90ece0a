"""store.many_rows.executemany writes exactly the rows SQLAlchemy's own executemany writes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    Table,
    Text,
    bindparam,
    cast,
    create_engine,
    insert,
    select,
    update,
)

from baiwen_desktop.store import json_codec, many_rows
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.many_rows import (
    executemany,
    executemany_columns,
    fetch_columns,
    update_by_ids,
)
from baiwen_desktop.store.models import Answer

RESPONSES = [None, [2], [0, 3], True, False, ["45", "两"], "服务意识", "", 0, 1.5, {"a": "变压器"}]


def _raw(store: Store, attempt_id: int) -> list[tuple[object, ...]]:
    ta = Answer.__table__
    with store.session() as s:
        return list(
            s.execute(
                select(ta.c.position, cast(ta.c.response, Text), cast(ta.c.marked, Text), cast(ta.c.saved_at, Text),
                       cast(ta.c.auto_points, Text), cast(ta.c.final_points, Text), ta.c.comment, ta.c.reviewed_by)
                .where(ta.c.attempt_id == attempt_id).order_by(ta.c.position)
            )
        )


def test_inserts_and_updates_store_what_execute_stores(any_store: Store, two_attempts: tuple[int, int]) -> None:
    ours, theirs = two_attempts
    ta = Answer.__table__
    saved = datetime(2026, 7, 15, 9, 30, 5, 123456)
    for aid, run in ((ours, executemany), (theirs, lambda conn, stmt, rows: conn.execute(stmt, rows))):
        with any_store.session() as s, s.begin():
            rows = [{"attempt_id": aid, "position": i, "response": r, "marked": i % 2 == 0, "saved_at": saved} for i, r in enumerate(RESPONSES)]
            run(s.connection(), insert(ta), rows)  # comment: the column's default ""
        with any_store.session() as s, s.begin():
            ids = list(s.scalars(select(ta.c.id).where(ta.c.attempt_id == aid).order_by(ta.c.position)))
            stmt = update(ta).where(ta.c.id == bindparam("b_id"), ta.c.comment == "").values(
                auto_points=bindparam("auto"), final_points=bindparam("final"), reviewed_by=bindparam("who")
            )
            points = [Decimal("1.50"), Decimal(0), Decimal("0.33"), None, Decimal("2")]
            run(s.connection(), stmt, [{"b_id": x, "auto": points[i % 5], "final": points[(i + 1) % 5], "who": None} for i, x in enumerate(ids)])
    got, want = _raw(any_store, ours), _raw(any_store, theirs)
    assert len(got) == len(RESPONSES) and got == want
    with any_store.session() as s:  # and read back through the ORM types, the same values
        a = [tuple(r) for r in s.execute(select(ta.c.response, ta.c.marked, ta.c.saved_at, ta.c.auto_points, ta.c.final_points, ta.c.comment).where(ta.c.attempt_id == ours).order_by(ta.c.position))]
    assert [r[0] for r in a] == RESPONSES
    assert a[0][1:] == (True, saved, Decimal("1.50"), Decimal("0.00"), "")


def test_rows_given_by_column_store_what_execute_stores(any_store: Store, two_attempts: tuple[int, int]) -> None:
    ours, theirs = two_attempts
    ta = Answer.__table__
    saved = datetime(2026, 7, 15, 9, 30, 5, 123456)
    n = len(RESPONSES)
    finals = [Decimal("1.50"), None, Decimal("0.33")] * 4
    with any_store.session() as s, s.begin():
        executemany_columns(s.connection(), insert(ta), {
            "attempt_id": [ours] * n, "position": list(range(n)), "response": RESPONSES, "marked": [i % 3 == 0 for i in range(n)],
            "saved_at": [saved] * n, "auto_points": [Decimal(i % 4) for i in range(n)], "final_points": finals[:n],
        }, repeating=("marked", "auto_points", "final_points"), json_texts={"response": [json_codec.dumps(r) for r in RESPONSES]})
        # reviewed_by: NULL; comment: the column's default ""
        s.connection().execute(insert(ta), [
            {"attempt_id": theirs, "position": i, "response": r, "marked": i % 3 == 0, "saved_at": saved, "auto_points": Decimal(i % 4),
             "final_points": finals[i], "reviewed_by": None, "comment": ""} for i, r in enumerate(RESPONSES)
        ])
    got, want = _raw(any_store, ours), _raw(any_store, theirs)
    assert len(got) == n and got == want
    with any_store.session() as s:
        assert [r for (r,) in s.execute(select(ta.c.response).where(ta.c.attempt_id == ours).order_by(ta.c.position))] == RESPONSES


def test_json_texts_that_are_not_what_the_column_writes_are_refused(any_store: Store, two_attempts: tuple[int, int]) -> None:
    ours, _ = two_attempts
    ta = Answer.__table__
    columns = {"attempt_id": [ours] * 2, "position": [0, 1], "response": [[1], "两"], "saved_at": [datetime(2026, 1, 1)] * 2}
    with any_store.session() as s, s.begin():
        if any_store.engine.dialect.name != "sqlite":  # elsewhere the values are written: the texts are not used
            executemany_columns(s.connection(), insert(ta), columns, json_texts={"response": ["[2]", "x"]})
            return
        with pytest.raises(ValueError, match="'response'"):
            executemany_columns(s.connection(), insert(ta), columns, json_texts={"response": ["[1]", '"两 "']})
        with pytest.raises(ValueError, match="'saved_at'"):  # not a JSON column
            executemany_columns(s.connection(), insert(ta), columns, json_texts={"response": ["[1]", '"两"'], "saved_at": ["a", "b"]})


def test_json_given_only_as_text_stores_what_execute_stores(any_store: Store, two_attempts: tuple[int, int]) -> None:
    """A JSON column given only as the store's text (no values at hand) holds what those values would give."""
    ours, theirs = two_attempts
    ta = Answer.__table__
    n = len(RESPONSES)
    saved = [datetime(2026, 7, 15, 9, 30, 5)] * n
    with any_store.session() as s, s.begin():
        executemany_columns(s.connection(), insert(ta), {"attempt_id": [ours] * n, "position": list(range(n)), "saved_at": saved},
                            json_texts={"response": [json_codec.dumps(r) for r in RESPONSES]})
        s.connection().execute(insert(ta), [{"attempt_id": theirs, "position": i, "response": r, "saved_at": saved[i]} for i, r in enumerate(RESPONSES)])
    assert _raw(any_store, ours) == _raw(any_store, theirs)
    with any_store.session() as s:
        assert [r for (r,) in s.execute(select(ta.c.response).where(ta.c.attempt_id == ours).order_by(ta.c.position))] == RESPONSES
        for bad in (["[1]", '{"a": 1}'], ["[1, 2]", "[1]"], ["[1]", "nonsense"]):  # not json_codec's own text of a value
            with pytest.raises(ValueError, match="'response'"):
                executemany_columns(s.connection(), insert(ta), {"attempt_id": [ours] * 2, "position": [20, 21], "saved_at": saved[:2]},
                                    json_texts={"response": bad})
        with pytest.raises(ValueError, match="'comment'"):  # not a JSON column
            executemany_columns(s.connection(), insert(ta), {"attempt_id": [ours], "position": [22], "saved_at": saved[:1]},
                                json_texts={"comment": ['"x"']})
        s.rollback()


def test_columns_of_different_lengths_are_refused() -> None:
    meta = MetaData()
    t = Table("t", meta, Column("id", Integer, primary_key=True), Column("n", Integer))
    engine = create_engine("sqlite://")
    meta.create_all(engine)
    with engine.begin() as conn:
        with pytest.raises(ValueError, match="different lengths"):
            executemany_columns(conn, insert(t), {"id": [1, 2], "n": [1]})
        executemany_columns(conn, insert(t), {"id": [], "n": []})  # nothing to write
        assert list(conn.execute(select(t.c.id))) == []
    engine.dispose()


def test_a_column_left_out_with_a_computed_default_is_refused() -> None:
    meta = MetaData()
    t = Table("t", meta, Column("id", Integer, primary_key=True), Column("n", Integer, default=7), Column("at", DateTime, default=datetime.now))
    engine = create_engine("sqlite://")
    meta.create_all(engine)
    with engine.begin() as conn:
        executemany(conn, insert(t), [{"id": 1, "at": datetime(2026, 1, 1)}])  # n: its scalar default
        assert list(conn.execute(select(t.c.n))) == [(7,)]
        with pytest.raises(ValueError, match="'at'"):  # computed per row by SQLAlchemy: not guessed here
            executemany(conn, insert(t), [{"id": 2, "n": 1}])
    engine.dispose()


def test_datetimes_are_stored_as_sqlalchemy_stores_them() -> None:
    """The naive-datetime shortcut writes SQLAlchemy's text; anything else still goes through SQLAlchemy."""
    from datetime import UTC, date, timedelta, timezone

    meta = MetaData()
    t = Table("t", meta, Column("id", Integer, primary_key=True), Column("at", DateTime))
    engine = create_engine("sqlite://")
    meta.create_all(engine)
    values = [datetime(2026, 12, 1, 9, 0), datetime(2026, 12, 1, 9, 0, 1, 5), datetime(999, 1, 2, 3, 4, 5, 999999), datetime(1, 1, 1),
              datetime(9999, 12, 31, 23, 59, 59, 999999), datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
              datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=8))), date(2026, 12, 1), None]
    with engine.begin() as conn:
        executemany(conn, insert(t), [{"id": i, "at": v} for i, v in enumerate(values)])
        conn.execute(insert(t), [{"id": 100 + i, "at": v} for i, v in enumerate(values)])
        text = {i: x for i, x in conn.execute(select(t.c.id, cast(t.c.at, Text)))}
    engine.dispose()
    assert [text[i] for i in range(len(values))] == [text[100 + i] for i in range(len(values))]
    assert text[1] == "2026-12-01 09:00:01.000005" and text[8] is None


def test_datetimes_given_as_text_store_what_execute_stores(any_store: Store, two_attempts: tuple[int, int]) -> None:
    """datetime_texts: each text is isoformat(" ", "microseconds") of a naive datetime; the row holds what that datetime gives."""
    ours, theirs = two_attempts
    ta = Answer.__table__
    times = [datetime(2026, 12, 1, 9, 0), datetime(2026, 12, 1, 9, 0, 1, 5), datetime(999, 1, 2, 3, 4, 5, 999999), datetime(9999, 12, 31, 23, 59, 59)]
    n = len(times)
    with any_store.session() as s, s.begin():
        executemany_columns(s.connection(), insert(ta), {"attempt_id": [ours] * n, "position": list(range(n)), "response": [None] * n},
                            datetime_texts={"saved_at": [t.isoformat(" ", "microseconds") for t in times]})
        s.connection().execute(insert(ta), [{"attempt_id": theirs, "position": i, "response": None, "saved_at": t} for i, t in enumerate(times)])
    assert _raw(any_store, ours) == _raw(any_store, theirs)
    with any_store.session() as s:
        assert list(s.scalars(select(ta.c.saved_at).where(ta.c.attempt_id == ours).order_by(ta.c.position))) == times
        for texts in (["2026-12-01 09:00:00", "2026-12-01 09:00:00.000000"], ["2026-12-01T09:00:00.000000"] * 2, ["2026-12-01 09:00:00.000000+08:00"] * 2):
            with pytest.raises(ValueError, match="'saved_at'"):  # not the text of a naive datetime as given
                executemany_columns(s.connection(), insert(ta), {"attempt_id": [ours] * 2, "position": [7, 8], "response": [None] * 2},
                                    datetime_texts={"saved_at": texts})
        with pytest.raises(ValueError, match="'response'"):  # not a DateTime column
            executemany_columns(s.connection(), insert(ta), {"attempt_id": [ours], "position": [7], "saved_at": [times[0]]},
                                datetime_texts={"response": ["2026-12-01 09:00:00.000000"]})
        s.rollback()


def test_datetimes_given_as_text_to_a_store_that_writes_another_text() -> None:
    """A DateTime column whose processor writes another format gets what that processor makes of each datetime."""
    from sqlalchemy.dialects.sqlite import DATETIME

    meta = MetaData()
    odd = DATETIME(storage_format="%(year)04d/%(month)02d/%(day)02d %(hour)02d.%(minute)02d.%(second)02d")
    t = Table("t", meta, Column("id", Integer, primary_key=True), Column("at", odd))
    engine = create_engine("sqlite://")
    meta.create_all(engine)
    with engine.begin() as conn:
        executemany_columns(conn, insert(t), {"id": [1]}, datetime_texts={"at": ["2026-12-01 09:08:07.000000"]})
        assert list(conn.execute(select(cast(t.c.at, Text)))) == [("2026/12/01 09.08.07",)]
    engine.dispose()


def test_fetch_columns_reads_what_execute_reads(any_store: Store, two_attempts: tuple[int, int]) -> None:
    ta = Answer.__table__
    aid = two_attempts[0]
    with any_store.session() as s, s.begin():
        rows = [{"attempt_id": aid, "position": i, "response": r, "marked": False, "saved_at": datetime(2026, 7, 15)} for i, r in enumerate(RESPONSES)]
        executemany(s.connection(), insert(ta), rows)
        points = [Decimal("1.50"), None, Decimal("0.33"), Decimal("2"), Decimal("0.00")]
        ids = list(s.scalars(select(ta.c.id).where(ta.c.attempt_id == aid).order_by(ta.c.position)))
        executemany(s.connection(), update(ta).where(ta.c.id == bindparam("b_id")).values(final_points=bindparam("f")), [{"b_id": x, "f": points[i % 5]} for i, x in enumerate(ids)])
    stmt = select(ta.c.attempt_id, ta.c.position, cast(ta.c.response, Text), ta.c.final_points, ta.c.saved_at).where(ta.c.attempt_id.in_([aid, -1])).order_by(ta.c.position)
    with any_store.session() as s:
        got = fetch_columns(s.connection(), stmt)
        want = [tuple(r) for r in s.execute(stmt)]
    assert len(got) == 5 and [list(c) for c in got] == [list(c) for c in zip(*want, strict=True)] and len(want) == len(RESPONSES)
    assert list(got[3][:5]) == points and str(got[3][0]) == "1.50"  # Decimal, as the column's type reads it
    assert got[4][0] == datetime(2026, 7, 15)
    with any_store.session() as s:
        assert fetch_columns(s.connection(), stmt.where(ta.c.position < 0)) == [()] * 5


def test_update_by_ids_sets_exactly_those_rows(any_store: Store, two_attempts: tuple[int, int]) -> None:
    ta = Answer.__table__
    aid = two_attempts[0]
    with any_store.session() as s, s.begin():
        executemany(s.connection(), insert(ta), [{"attempt_id": aid, "position": i, "response": None, "marked": False, "saved_at": datetime(2026, 7, 15)} for i in range(12_000)])
        ids = list(s.scalars(select(ta.c.id).where(ta.c.attempt_id == aid).order_by(ta.c.position)))
        update_by_ids(s.connection(), ta, ids[::2], {"auto_points": Decimal("1.50"), "final_points": None})  # more than one IN list elsewhere
        update_by_ids(s.connection(), ta, ids[1::3], {"auto_points": Decimal("0.33"), "final_points": Decimal("2")})
        update_by_ids(s.connection(), ta, [], {"auto_points": Decimal("9")})
    with any_store.session() as s:
        got = {x: (a, f) for x, a, f in s.execute(select(ta.c.id, ta.c.auto_points, ta.c.final_points).where(ta.c.attempt_id == aid))}
    for i, x in enumerate(ids):
        want = (Decimal("0.33"), Decimal("2")) if i % 3 == 1 else (Decimal("1.50"), None) if i % 2 == 0 else (None, None)
        assert got[x] == want, i


def test_update_by_ids_sets_runs_of_consecutive_ids_and_nothing_between(any_store: Store, two_attempts: tuple[int, int]) -> None:
    """Runs of RUN or more consecutive ids go as id ranges: every row of a run is set, the rows
    between runs and just past their ends are not; ids given out of order or twice are the same set."""
    ta = Answer.__table__
    aid = two_attempts[0]
    with any_store.session() as s, s.begin():
        executemany(s.connection(), insert(ta), [{"attempt_id": aid, "position": i, "response": None, "marked": False, "saved_at": datetime(2026, 7, 15)} for i in range(1_000)])
        ids = list(s.scalars(select(ta.c.id).where(ta.c.attempt_id == aid).order_by(ta.c.id)))
        assert ids == list(range(ids[0], ids[0] + 1_000))
        run = many_rows.RUN
        chosen = ids[10 : 10 + run] + ids[200:203] + ids[300 : 300 + 2 * run] + ids[500 : 500 + run - 1] + ids[-run:]  # runs, short runs, the last id
        given = chosen[::-1] + chosen[:5]
        assert many_rows._runs(sorted(set(given)))[0] == [(ids[10], ids[9 + run]), (ids[300], ids[299 + 2 * run]), (ids[-run], ids[-1])]
        update_by_ids(s.connection(), ta, given, {"auto_points": Decimal("0.50"), "final_points": Decimal("1")})
    with any_store.session() as s:
        got = {x: (a, f) for x, a, f in s.execute(select(ta.c.id, ta.c.auto_points, ta.c.final_points).where(ta.c.attempt_id == aid))}
    assert sorted(x for x, v in got.items() if v != (None, None)) == sorted(chosen)
    assert {got[x] for x in chosen} == {(Decimal("0.50"), Decimal("1.00"))}
