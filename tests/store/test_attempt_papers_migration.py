"""Migration 0011_attempt_papers: a 0010 database holding attempts upgrades in place (SQLite and PostgreSQL).
Every frozen paper moves, as stored (the same JSON text), from attempt.paper into attempt_paper, the
column is gone, the app reads every paper back identical, deleting an attempt deletes its paper, and a
downgrade puts the same texts back into attempt.paper."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from old_attempts import ATTEMPT_0010, stored_papers
from sqlalchemy import Engine, LargeBinary, Text, cast, delete, func, insert, inspect, select, text

from baiwen_desktop.core.paper import Paper, PaperItem
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.services import frozen_papers
from baiwen_desktop.store.engine import (
    HEAD_REVISION,
    alembic_config,
    current_revision,
    make_engine,
    open_store,
    upgrade,
)
from baiwen_desktop.store.models import Attempt, AttemptPaper

QUESTIONS = [
    Question(f"q{n}", QType.SINGLE, f"第 {n} 题：安全帽的使用期限从何时算起？", Decimal(1), options=("出厂", "领用", "首次使用", "检验"), correct=(n % 4,))
    for n in range(6)
]
# 2,345 attempts: three of the migration's batches of 1,000, the last one short
N = 2345


def _paper(n: int) -> Paper:
    return Paper(tuple(PaperItem(QUESTIONS[(n + k) % 6], Decimal("1.5") if k else Decimal(1), k % 2, (3, 2, 1, 0) if n % 2 else (0, 1, 2, 3)) for k in range(3)),
                 ("单选题", "第二部分"))


@pytest.fixture
def url(shared_db_url: str) -> str:
    return shared_db_url


def _texts(engine: Engine) -> dict[int, bytes]:
    """Each stored paper's JSON text as the database holds it, wherever it is held."""
    with engine.connect() as c:
        as_bytes = LargeBinary if c.dialect.name == "sqlite" else Text
        if inspect(c).has_table("attempt_paper"):
            t = AttemptPaper.__table__
            rows = c.execute(select(t.c.attempt_id, cast(t.c.paper, as_bytes)).order_by(t.c.attempt_id))
        else:
            rows = c.execute(select(ATTEMPT_0010.c.id, cast(ATTEMPT_0010.c.paper, as_bytes)).order_by(ATTEMPT_0010.c.id))
        return {n: v if isinstance(v, bytes) else v.encode() for n, v in rows}


def _old_database(url: str) -> tuple[dict[int, Any], dict[int, bytes]]:
    """A database at 0010_bank_digests with N attempts: papers by reference (0009's form), one empty."""
    engine = make_engine(url)
    upgrade(engine, "0010_bank_digests")
    with engine.begin() as c:
        c.execute(text("INSERT INTO candidate (id, employee_no, name, unit, post, class_name, created_at) VALUES (1, 'A1', '老张', '', '', '', '2025-01-01 00:00:00')"))
        c.execute(text("INSERT INTO exam (id, title, definition, archived, created_at) VALUES (1, 't', '{}', false, '2025-01-01 00:00:00')"))
    from sqlalchemy.orm import Session

    with Session(engine) as s, s.begin():
        stored = dict(zip(range(1, N + 1), frozen_papers.freeze_many(s, [_paper(n) for n in range(1, N + 1)]), strict=True))
        stored[N] = {}  # an empty paper, as an old test row might have
        s.connection().execute(insert(ATTEMPT_0010), [
            {"id": n, "exam_id": 1, "candidate_id": 1, "status": "submitted", "exam_definition": {}, "paper": paper, "seed": 0,
             "started_at": datetime(2025, 1, 1, 9, 0), "limit_ms": 60_000, "total": Decimal(4), "pass_mark": Decimal(3)}
            for n, paper in stored.items()
        ])
    with engine.connect() as c:
        before = stored_papers(c)
    texts = _texts(engine)
    engine.dispose()
    assert before == stored and len(texts) == N
    return before, texts


def test_a_0010_database_with_attempts_upgrades_and_every_paper_reads_back_identical(url: str, tmp_path: Path) -> None:
    before, texts = _old_database(url)
    store = open_store(tmp_path / "data", url)  # what the app does at start
    try:
        assert current_revision(store.engine) == HEAD_REVISION == "0011_attempt_papers"
        with store.engine.connect() as c:
            assert "paper" not in {col["name"] for col in inspect(c).get_columns("attempt")}
            assert stored_papers(c) == before
        assert _texts(store.engine) == texts  # the same JSON text, byte for byte
        with store.session() as s:
            assert frozen_papers.thaw_many(s, frozen_papers.stored_many(s, range(1, N))) == {n: _paper(n) for n in range(1, N)}
            assert frozen_papers.stored(s, N) == {}
            assert frozen_papers.thaw_attempt(s, 7) == _paper(7)  # the app's own read (load_attempt, grading)
        # deleting an attempt deletes its paper (ON DELETE CASCADE)
        with store.engine.begin() as c:
            c.execute(delete(Attempt.__table__).where(Attempt.__table__.c.id == 5))
        with store.engine.connect() as c:
            assert c.execute(select(func.count()).select_from(AttemptPaper)).scalar() == N - 1
            assert c.execute(select(func.count()).select_from(AttemptPaper).where(AttemptPaper.attempt_id == 5)).scalar() == 0
        # an attempt row updated (a heartbeat, a hand-in) leaves its paper as it was
        with store.engine.begin() as c:
            c.execute(Attempt.__table__.update().where(Attempt.__table__.c.id == 7).values(counted_ms=1234, status="forced"))
        assert _texts(store.engine) == {n: t for n, t in texts.items() if n != 5}
    finally:
        store.dispose()


def test_the_downgrade_puts_the_same_papers_back_into_the_attempt_rows(url: str, tmp_path: Path) -> None:
    before, texts = _old_database(url)
    open_store(tmp_path / "data", url).dispose()
    engine = make_engine(url)
    try:
        with engine.connect() as conn, conn.begin():
            command.downgrade(alembic_config(conn), "0010_bank_digests")
        assert current_revision(engine) == "0010_bank_digests"
        assert not inspect(engine).has_table("attempt_paper")
        assert _texts(engine) == texts
        with engine.connect() as c:
            assert stored_papers(c) == before
        upgrade(engine)  # and up again
        assert _texts(engine) == texts
    finally:
        engine.dispose()


def test_a_migration_that_fails_half_way_is_rolled_back_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error after the first batch (disk full, say): the 0010 database is left whole, the next start upgrades it."""
    url = f"sqlite:///{(tmp_path / 'old.sqlite3').as_posix()}"
    before, texts = _old_database(url)
    from sqlalchemy.engine import Connection

    execute = Connection.execute
    copies = []

    def failing(self: Connection, statement: object, *args: object, **kwargs: object) -> object:
        if str(statement).startswith("INSERT INTO attempt_paper"):
            copies.append(statement)
            if len(copies) == 2:
                raise OSError("disk full")
        return execute(self, statement, *args, **kwargs)  # type: ignore[arg-type]

    engine = make_engine(url)
    try:
        monkeypatch.setattr(Connection, "execute", failing)
        with pytest.raises(OSError):
            upgrade(engine)
        monkeypatch.setattr(Connection, "execute", execute)
        assert current_revision(engine) == "0010_bank_digests"
        assert not inspect(engine).has_table("attempt_paper")
        assert _texts(engine) == texts
        upgrade(engine)
        assert current_revision(engine) == HEAD_REVISION
        assert _texts(engine) == texts
        with engine.connect() as c:
            assert stored_papers(c) == before
    finally:
        engine.dispose()
