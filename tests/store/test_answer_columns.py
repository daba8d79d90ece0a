"""store.answer_columns.answers_by_attempt: each attempt's answers as columns, the values the plain
row-by-row read gives (SQLite: joined by group_concat and split again), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import Text, bindparam, cast, func, insert, null, select, text, update

from baiwen_desktop.store import answer_columns
from baiwen_desktop.store.answer_columns import AnswerColumns, answers_by_attempt
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Answer
from tests.store.test_many_rows import RESPONSES

# responses with what the joining could trip on: commas, quotes, backslashes, newlines, U+001E, Chinese
MORE = [*RESPONSES, ["a,b", '引"号'], "反\\斜\n换行,逗号", "\x1e", [","], None]
POINTS = [Decimal("1.50"), None, Decimal("0.33"), Decimal("2"), Decimal("0.00"), Decimal("12345678.91"), Decimal("0.07"), Decimal("2.67")]


def _sqlite_only(store: Store) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("the grouped read is SQLite's")


def _plain(store: Store, attempt_ids: list[int], counted: bool) -> dict[int, AnswerColumns]:
    """The reference: SQLAlchemy's own rows, attempt by attempt."""
    ta = Answer.__table__
    points = func.coalesce(ta.c.final_points, ta.c.auto_points) if counted else ta.c.final_points
    out: dict[int, AnswerColumns] = {}
    with store.session() as s:
        for aid, aid_, pos, raw, pts in s.execute(
            select(ta.c.attempt_id, ta.c.id, ta.c.position, cast(ta.c.response, Text), points.label("p")).where(ta.c.attempt_id.in_(attempt_ids)).order_by(ta.c.attempt_id, ta.c.position)
        ):
            got = out.setdefault(aid, AnswerColumns([], [], [], []))
            got.ids.append(aid_)
            got.positions.append(pos)
            got.responses.append(raw)
            got.points.append(pts)
    return out


def _fill(store: Store, aid: int, responses: list[object], skip: int | None = None) -> None:
    ta = Answer.__table__
    with store.session() as s, s.begin():
        rows = [{"attempt_id": aid, "position": i, "response": r, "marked": False, "saved_at": datetime(2026, 7, 15)} for i, r in enumerate(responses) if i != skip]
        s.connection().execute(insert(ta), rows)
        ids = list(s.scalars(select(ta.c.id).where(ta.c.attempt_id == aid).order_by(ta.c.position)))
        s.connection().execute(
            update(ta).where(ta.c.id == bindparam("b_id")).values(auto_points=bindparam("a"), final_points=bindparam("f")),
            [{"b_id": x, "a": POINTS[i % len(POINTS)], "f": POINTS[(i * 3) % len(POINTS)] if i % 4 else None} for i, x in enumerate(ids)],
        )


def test_each_attempts_answers_are_the_plain_reads_values(any_store: Store, two_attempts: tuple[int, int]) -> None:
    ours, gappy = two_attempts
    _fill(any_store, ours, MORE)
    _fill(any_store, gappy, MORE[:7], skip=3)  # a position missing
    with any_store.session() as s, s.begin():  # SQL NULL (never written), beside JSON null ("null")
        s.execute(update(Answer).where(Answer.attempt_id == ours, Answer.position == 1).values(response=null()))
    with any_store.session() as s:
        for counted in (False, True):
            got = answers_by_attempt(s.connection(), [ours, gappy, -1], counted=counted)
            assert repr(got) == repr(_plain(any_store, [ours, gappy], counted))  # repr: Decimal('1.50'), not just equal to 1.5
            if any_store.engine.dialect.name == "sqlite":
                assert answer_columns._grouped(s.connection(), [ours, gappy], counted, True) == got  # read grouped, not row by row
            without = answers_by_attempt(s.connection(), [ours, gappy], counted=counted, with_ids=False)
            assert without == {k: v._replace(ids=[]) for k, v in got.items()}
            assert got[gappy].positions == [0, 1, 2, 4, 5, 6] and got[ours].responses[1] is None and got[ours].responses[0] == "null"
    want = [POINTS[(i * 3) % len(POINTS)] if i % 4 else None for i in range(len(MORE))]
    assert got[ours].points == [f if f is not None else POINTS[i % len(POINTS)] for i, f in enumerate(want)]  # counted: final, else auto
    with any_store.session() as s:
        assert answers_by_attempt(s.connection(), [], counted=True) == {}


def test_a_response_holding_a_separator_is_read_grouped_with_its_value(any_store: Store, two_attempts: tuple[int, int]) -> None:
    """A stored text with U+001F (no JSON writer makes one; group_concat's separator before the
    responses came as a JSON array), a comma, quotes and backslashes: read grouped, as the plain read
    gives it."""
    _sqlite_only(store := any_store)
    ours, theirs = two_attempts
    _fill(store, ours, MORE[:4])
    _fill(store, theirs, MORE[:4])
    with store.session() as s, s.begin():
        s.execute(update(Answer).where(Answer.attempt_id == ours, Answer.position == 1).values(response=cast(text("'\"a\x1fb,\\\"\t\"'"), Text)))
    with store.session() as s:
        grouped = answer_columns._grouped(s.connection(), [ours, theirs], True, True)
        got = answers_by_attempt(s.connection(), [ours, theirs], counted=True)
    assert grouped == got == _plain(store, [ours, theirs], True) and got[ours].responses[1] == '"a\x1fb,\\"\t"'


def test_a_batch_that_does_not_add_up_is_read_row_by_row(any_store: Store, two_attempts: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """If the grouped columns do not hold `count` values each, that batch is read row by row."""
    _sqlite_only(store := any_store)
    ours, theirs = two_attempts
    _fill(store, ours, MORE[:4])
    _fill(store, theirs, MORE[:4])
    monkeypatch.setattr(answer_columns, "_order_text", lambda n: "[" + ",".join(map(str, range(n + 1))) + "]")  # never in order
    monkeypatch.setattr(answer_columns, "orjson", SimpleNamespace(loads=lambda text: [0]))  # one value, not four
    with store.session() as s:
        assert answer_columns._grouped(s.connection(), [ours, theirs], True, True) is None
        got = answers_by_attempt(s.connection(), [ours, theirs], counted=True)
    monkeypatch.undo()
    assert got == _plain(store, [ours, theirs], True)


def test_points_read_as_text_are_the_columns_values_for_every_cent(any_store: Store, two_attempts: tuple[int, int]) -> None:
    """SQLite's 15-digit text of a stored Numeric(10, 2) value gives back the stored double: every cent
    up to 100 and large values read as the row-by-row read gives them."""
    _sqlite_only(store := any_store)
    ours, _ = two_attempts
    ta = Answer.__table__
    values = [Decimal(c) / 100 for c in range(10_001)] + [Decimal("99999999.99"), Decimal("12345678.05"), Decimal("-3.45")]
    with store.session() as s, s.begin():
        s.connection().execute(insert(ta), [{"attempt_id": ours, "position": i, "response": None, "marked": False, "saved_at": datetime(2026, 7, 15), "auto_points": v} for i, v in enumerate(values)])
    with store.session() as s:
        got = answers_by_attempt(s.connection(), [ours], counted=True)[ours]
        assert answer_columns._grouped(s.connection(), [ours], True, False) is not None  # this was the grouped read
    assert repr(got) == repr(_plain(store, [ours], True)[ours]) and list(map(str, got.points)) == [str(v.quantize(Decimal("0.01"))) for v in values]
