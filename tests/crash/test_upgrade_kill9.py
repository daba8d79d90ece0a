"""A real crash during the upgrade of an old station's SQLite database: the process is killed with
SIGKILL in the middle of migration 0009's paper conversion (a power cut while the app starts after an
update). The next start must upgrade it as if nothing had happened: no half-made table left behind
that stops every later start, and every paper reads back identical."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from old_attempts import ATTEMPT_0010, stored_papers
from sqlalchemy import insert, inspect, text

from baiwen_desktop.core.paper import Paper, PaperItem
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.services import frozen_papers
from baiwen_desktop.store.engine import (
    HEAD_REVISION,
    current_revision,
    make_engine,
    open_store,
    sqlite_url,
    upgrade,
)

CHILD = Path(__file__).with_name("upgrade_child.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

# 450 attempts (three of the migration's batches of 200), each a paper of 4 of 12 questions stored whole
QUESTIONS = [
    Question(f"q{n}", QType.SINGLE, f"第 {n} 题：安全帽的使用期限从何时算起？", Decimal(1), options=("出厂", "领用", "首次使用", "检验"), correct=(n % 4,))
    for n in range(12)
]
PAPERS = {
    n: Paper(tuple(PaperItem(QUESTIONS[(n + k) % 12], Decimal(2), 0, (3, 2, 1, 0) if n % 2 else (0, 1, 2, 3)) for k in range(4)), ("单选题",))
    for n in range(1, 451)
}


def _old_database(url: str) -> dict[int, Any]:
    """A station's database at 0008_packages whose attempts hold their papers whole, as 0008 stored them."""
    engine = make_engine(url)
    upgrade(engine, "0008_packages")
    with engine.begin() as c:
        c.execute(text("INSERT INTO candidate (id, employee_no, name, unit, post, class_name, created_at) VALUES (1, 'A1', '老张', '', '', '', '2025-01-01 00:00:00')"))
        c.execute(text("INSERT INTO exam (id, title, definition, archived, created_at) VALUES (1, 't', '{}', false, '2025-01-01 00:00:00')"))
        c.execute(insert(ATTEMPT_0010), [
            {"id": n, "exam_id": 1, "candidate_id": 1, "status": "submitted", "exam_definition": {}, "paper": p.to_dict(), "seed": 0,
             "started_at": datetime(2025, 1, 1, 9, 0), "limit_ms": 60_000, "total": Decimal(8), "pass_mark": Decimal(6)}
            for n, p in PAPERS.items()
        ])
    with engine.connect() as c:
        before = stored_papers(c)
    engine.dispose()
    assert before == {n: p.to_dict() for n, p in PAPERS.items()}
    return before


def test_kill_9_in_the_middle_of_the_0009_conversion_leaves_the_0008_database_whole(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    url = sqlite_url(data)
    before = _old_database(url)
    p = subprocess.Popen([sys.executable, str(CHILD), str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert p.stdout is not None
    line = p.stdout.readline().strip()  # blocks until the child is inside the conversion (or has died)
    assert line == "CONVERTING", p.stderr.read() if p.stderr else line
    p.send_signal(signal.SIGKILL)
    assert p.wait(timeout=30) == -signal.SIGKILL

    engine = make_engine(url)
    try:
        # exactly the database before the update: version, tables and papers
        assert current_revision(engine) == "0008_packages"
        assert not inspect(engine).has_table("question_snapshot")
        with engine.connect() as c:
            assert stored_papers(c) == before
            assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        engine.dispose()

    store = open_store(data)  # the next start upgrades it
    try:
        assert current_revision(store.engine) == HEAD_REVISION
        with store.session() as s:
            stored = frozen_papers.stored_many(s, PAPERS)
            assert frozen_papers.thaw_many(s, stored) == PAPERS
    finally:
        store.dispose()


def test_a_migration_that_fails_half_way_is_rolled_back_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same without a kill: an error inside the conversion (disk full, say) undoes the table it made."""
    url = sqlite_url(tmp_path)
    before = _old_database(url)
    from sqlalchemy.engine import Connection

    execute = Connection.execute

    def failing(self: Connection, statement: object, *args: object, **kwargs: object) -> object:
        if str(statement).startswith("UPDATE attempt SET paper"):
            raise OSError("disk full")
        return execute(self, statement, *args, **kwargs)  # type: ignore[arg-type]

    engine = make_engine(url)
    try:
        monkeypatch.setattr(Connection, "execute", failing)
        with pytest.raises(OSError):
            upgrade(engine)
        monkeypatch.setattr(Connection, "execute", execute)
        assert current_revision(engine) == "0008_packages"
        assert not inspect(engine).has_table("question_snapshot")
        upgrade(engine)  # and the next start converts every paper
        with engine.connect() as c:
            after = stored_papers(c)
        assert after.keys() == before.keys() and all(isinstance(i["question"], str) for n in PAPERS for i in after[n]["items"])
    finally:
        engine.dispose()
