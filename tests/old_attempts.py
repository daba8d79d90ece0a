"""The attempt table as it was before 0011_attempt_papers (its frozen paper in a column `paper`), for
tests that build a database at an older revision; and the stored papers read at any revision."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, Connection, MetaData, Table, inspect, select

from baiwen_desktop.store.models import Attempt, AttemptPaper

ATTEMPT_0010: Table = Attempt.__table__.to_metadata(MetaData())  # type: ignore[attr-defined]
ATTEMPT_0010.append_column(Column("paper", JSON(), nullable=False))


def stored_papers(conn: Connection) -> dict[int, Any]:
    """Attempt id -> its stored paper as the JSON column reads it: from attempt_paper at 0011 and later,
    from attempt.paper before."""
    if inspect(conn).has_table("attempt_paper"):
        t = AttemptPaper.__table__
        return dict(list(conn.execute(select(t.c.attempt_id, t.c.paper).order_by(t.c.attempt_id))))  # type: ignore[attr-defined]
    return dict(list(conn.execute(select(ATTEMPT_0010.c.id, ATTEMPT_0010.c.paper).order_by(ATTEMPT_0010.c.id))))
