"""The answer save's hot path on SQLite (store.hot): a long-lived connection with the engine's
durability, committed before save_answer returns, storing exactly what the Core path stores."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import bindparam, update
from sqlalchemy.exc import DBAPIError

from baiwen_desktop.core.errors import BaiwenError, LeaseLost
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, exams, roster, sessions
from baiwen_desktop.services.context import open_app
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Answer, Attempt


def _attempt(store: Store) -> attempts.AttemptState:
    roster.import_rows(store, [RosterRow("H1", "快存", "", "", "")], "t")
    exam = exams.create_exam(store, parse_exam(STANDARD_EXAM, "t"), "t")
    sess = sessions.open_session(store, exam.id, "t")
    card = attempts.find_candidate(store, sess.id, "H1", "快存")
    return attempts.start_attempt(store, sess.id, card.id, "t")


def _rows(db: Path, attempt_id: int) -> dict[int, tuple[object, ...]]:
    con = sqlite3.connect(db)  # another connection: sees only what is committed
    try:
        sql = "SELECT position, response, typeof(response), marked, typeof(marked), saved_at FROM answer WHERE attempt_id = ?"
        return {r[0]: r[1:] for r in con.execute(sql, (attempt_id,))}
    finally:
        con.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    s = open_app(tmp_path / "data")
    yield s
    s.dispose()


def _db(store: Store) -> Path:
    return Path(store.engine.url.database or "")


def test_the_hot_connection_has_the_engines_durability(sqlite_store: Store) -> None:
    assert sqlite_store.hot is not None
    assert sqlite_store.hot.pragmas() == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 10_000}


def test_committed_when_save_answer_returns_and_stored_as_the_core_path_stores(sqlite_store: Store) -> None:
    st = _attempt(sqlite_store)
    values = [([1, 3], True), ("变压器 answer", False), (None, False)]
    for pos, (response, marked) in enumerate(values):
        saved_at = attempts.save_answer(sqlite_store, st.attempt_id, pos, response, marked, token=st.lease_token)
        # read by another connection at once: the save's transaction is committed, not pending
        assert _rows(_db(sqlite_store), st.attempt_id)[pos][-1] == saved_at.isoformat(sep=" ", timespec="microseconds")
    hot, sqlite_store.hot = sqlite_store.hot, None  # the Core path (PostgreSQL's) on the same schema
    try:
        for pos, (response, marked) in enumerate(values, start=len(values)):
            attempts.save_answer(sqlite_store, st.attempt_id, pos, response, marked, token=st.lease_token)
    finally:
        sqlite_store.hot = hot
    rows = _rows(_db(sqlite_store), st.attempt_id)
    n = len(values)
    assert [rows[p][:4] for p in range(n)] == [rows[p][:4] for p in range(n, 2 * n)]
    # JSON as store/json_codec writes it (orjson: compact, Chinese as UTF-8)
    assert [rows[p][:4] for p in range(n)] == [
        ("[1,3]", "text", 1, "integer"),
        ('"变压器 answer"', "text", 0, "integer"),
        ("null", "text", 0, "integer"),
    ]
    back = attempts.load_attempt(sqlite_store, st.attempt_id)
    assert back.responses[:n] == [v for v, _ in values] and back.marked[:n] == [m for _, m in values]


def test_a_position_not_in_the_paper_rolls_the_claim_back(sqlite_store: Store) -> None:
    st = _attempt(sqlite_store)
    before = _rows(_db(sqlite_store), st.attempt_id)
    with pytest.raises(BaiwenError, match="题号不存在"):
        attempts.save_answer(sqlite_store, st.attempt_id, 999, [1], False, token=st.lease_token)
    assert _rows(_db(sqlite_store), st.attempt_id) == before
    # nothing left open: another connection can write (a held write lock would make this fail)
    assert attempts.heartbeat(sqlite_store, st.attempt_id, 1000, 0, token=st.lease_token).running
    attempts.save_answer(sqlite_store, st.attempt_id, 0, [2], False, token=st.lease_token)  # the connection is fine
    assert attempts.load_attempt(sqlite_store, st.attempt_id).responses[0] == [2]


def test_a_driver_error_drops_the_connection_and_the_next_save_opens_a_new_one(sqlite_store: Store) -> None:
    st = _attempt(sqlite_store)
    attempts.save_answer(sqlite_store, st.attempt_id, 0, [1], False, token=st.lease_token)
    sqlite_store.hot._proxy.driver_connection.close()  # type: ignore[union-attr]  # as if the driver failed
    with pytest.raises(DBAPIError) as e:
        attempts.save_answer(sqlite_store, st.attempt_id, 0, [2], False, token=st.lease_token)
    assert isinstance(e.value.orig, sqlite3.Error)
    attempts.save_answer(sqlite_store, st.attempt_id, 0, [3], False, token=st.lease_token)
    assert attempts.load_attempt(sqlite_store, st.attempt_id).responses[0] == [3]


def test_save_workers_in_two_threads_take_turns_on_the_one_connection(sqlite_store: Store) -> None:
    """One thread's failed save (rolled back) must never take another thread's save with it."""
    st = _attempt(sqlite_store)
    db = _db(sqlite_store)
    problems: list[object] = []

    def good() -> None:
        try:
            for i in range(150):
                attempts.save_answer(sqlite_store, st.attempt_id, i % 5, [i], False, token=st.lease_token)
                stored = _rows(db, st.attempt_id)[i % 5][0]
                if stored != f"[{i}]":  # acknowledged, so committed
                    problems.append((i, stored))
        except BaseException as e:  # reported below
            problems.append(e)

    def bad() -> None:
        for _ in range(150):
            try:
                attempts.save_answer(sqlite_store, st.attempt_id, 999, [0], False, token=st.lease_token)
            except BaiwenError:
                pass
            except BaseException as e:  # reported below
                problems.append(e)

    threads = [threading.Thread(target=good), threading.Thread(target=bad)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert problems == []
    assert attempts.load_attempt(sqlite_store, st.attempt_id).responses[:5] == [[145 + k] for k in range(5)]
    assert sqlite_store.engine.pool.checkedout() == 1  # type: ignore[attr-defined]  # one connection, kept
    sqlite_store.dispose()
    assert sqlite_store.engine.pool.checkedout() == 0  # type: ignore[attr-defined]  # given back at dispose


def test_a_save_never_commits_another_threads_unfinished_transaction(sqlite_store: Store) -> None:
    st = _attempt(sqlite_store)
    assert sqlite_store.hot is not None
    other = update(Answer).where(Answer.attempt_id == bindparam("a"), Answer.position == bindparam("p")).values(response=bindparam("r"))
    inside, a_started = threading.Event(), threading.Event()

    def failing_transaction() -> None:
        with contextlib.suppress(RuntimeError), sqlite_store.hot.transaction() as run:  # type: ignore[union-attr]
            run(other, a=st.attempt_id, p=1, r="never")
            inside.set()
            a_started.wait()
            time.sleep(0.3)  # give a save that does not wait its turn the time to commit this (not a speed assertion)
            raise RuntimeError("rolled back")

    t = threading.Thread(target=failing_transaction)
    t.start()
    inside.wait()
    a_started.set()
    attempts.save_answer(sqlite_store, st.attempt_id, 0, [1], False, token=st.lease_token)  # waits for its turn
    t.join()
    assert _rows(_db(sqlite_store), st.attempt_id)[1][0] == "null"  # the other transaction's write is gone
    assert _rows(_db(sqlite_store), st.attempt_id)[0][0] == "[1]"


def test_a_save_waiting_on_a_move_in_progress_is_refused_once_the_move_commits(sqlite_store: Store) -> None:
    st = _attempt(sqlite_store)
    attempts.save_answer(sqlite_store, st.attempt_id, 0, [1], False, token=st.lease_token)
    outcome: list[BaseException | None] = []
    started = threading.Event()

    def save() -> None:
        started.set()
        try:
            attempts.save_answer(sqlite_store, st.attempt_id, 1, [2], False, token=st.lease_token)
            outcome.append(None)
        except BaseException as e:  # checked below
            outcome.append(e)

    with sqlite_store.engine.connect() as mover:  # another PC's 转到本机继续, not committed yet
        mover.execute(update(Attempt).where(Attempt.id == st.attempt_id).values(lease_token="x" * 32, station="二号机"))
        t = threading.Thread(target=save)
        t.start()
        started.wait()
        time.sleep(0.3)  # let the save reach the database's write lock (not an assertion on speed)
        mover.commit()
    t.join()
    assert len(outcome) == 1 and isinstance(outcome[0], LeaseLost) and outcome[0].holder == "二号机"
    assert attempts.load_attempt(sqlite_store, st.attempt_id).responses[1] is None
