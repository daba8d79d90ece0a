"""One answer save (attempts.save_answer: lease claim + answer UPDATE, one committed transaction)
vs raw sqlite3 with the same durability, median over N, in the same run.

    python bench/answer_save.py [N] [ROUNDS]

Baselines, each its own file in the same folder, each one transaction per answer with a COMMIT
before the next (journal_mode=WAL, synchronous=FULL, printed from every connection):
  - the issue's floor: raw sqlite3 INSERT + COMMIT of one answer row;
  - the same two UPDATEs our save runs, handwritten on raw sqlite3 against the app's schema;
  - the previous implementation (a pooled Core connection per save), for reference.
The kinds take turns in ROUNDS slices (each kind first in turn) so that a change in the machine's
load hits them all alike.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import update

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, exams, roster, sessions
from baiwen_desktop.services.context import open_app
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import LIVE, Answer, Attempt

PRAGMAS = ("journal_mode", "synchronous")  # synchronous: 2 = FULL
Save = Callable[[int], None]


def _pragmas(con: sqlite3.Connection) -> str:
    return ", ".join(f"{p}={con.execute(f'PRAGMA {p}').fetchone()[0]}" for p in PRAGMAS)


def _raw_connection(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        con.execute(f"PRAGMA {pragma}")
    return con


def _attempt(folder: Path) -> tuple[Store, attempts.AttemptState]:
    store = open_app(folder)
    roster.import_rows(store, [RosterRow("B1", "测速", "", "", "")], "bench")
    exam = exams.create_exam(store, parse_exam(STANDARD_EXAM, "bench"), "bench")
    sess = sessions.open_session(store, exam.id, "bench")
    card = attempts.find_candidate(store, sess.id, "B1", "测速")
    return store, attempts.start_attempt(store, sess.id, card.id, "bench")


def service(folder: Path) -> tuple[Save, str, Callable[[], None]]:
    store, st = _attempt(folder / "svc")
    size = len(st.paper.items)
    assert store.hot is not None
    settings = ", ".join(f"{p}={v}" for p, v in store.hot.pragmas().items() if p in PRAGMAS)

    def save(i: int) -> None:
        attempts.save_answer(store, st.attempt_id, i % size, [i % 4], bool(i % 2), token=st.lease_token)

    return save, settings, store.dispose


def pooled_core(folder: Path) -> tuple[Save, str, Callable[[], None]]:
    """What save_answer did before: a pooled Connection per save, Core statements."""
    store, st = _attempt(folder / "core")
    size = len(st.paper.items)
    claim = update(Attempt).where(Attempt.id == st.attempt_id, Attempt.lease_token == st.lease_token, Attempt.status == LIVE)
    answer = update(Answer).where(Answer.attempt_id == st.attempt_id)

    def save(i: int) -> None:
        with store.engine.begin() as conn:
            now = db_now(conn)
            assert conn.execute(claim.values(heartbeat_at=now)).rowcount == 1
            assert conn.execute(answer.where(Answer.position == i % size).values(response=[i % 4], marked=bool(i % 2), saved_at=now)).rowcount == 1

    with store.engine.connect() as conn:
        settings = ", ".join(f"{p}={conn.exec_driver_sql(f'PRAGMA {p}').scalar()}" for p in PRAGMAS)
    return save, settings, store.dispose


def raw_same(folder: Path) -> tuple[Save, str, Callable[[], None]]:
    """Our two statements, handwritten, on the app's schema."""
    store, st = _attempt(folder / "same")
    size = len(st.paper.items)
    store.dispose()
    con = _raw_connection(folder / "same" / "baiwen.sqlite3")
    claim = "UPDATE attempt SET lease_token=lease_token WHERE attempt.id = ? AND attempt.lease_token = ? AND attempt.status = ?"
    answer = "UPDATE answer SET response=?, marked=?, saved_at=? WHERE answer.attempt_id = ? AND answer.position = ?"

    def save(i: int) -> None:
        now = str(datetime.now())
        con.execute("BEGIN")
        assert con.execute(claim, (st.attempt_id, st.lease_token, LIVE)).rowcount == 1
        assert con.execute(answer, (f"[{i % 4}]", i % 2, now, st.attempt_id, i % size)).rowcount == 1
        con.execute("COMMIT")

    return save, _pragmas(con), con.close


def raw_insert(folder: Path) -> tuple[Save, str, Callable[[], None]]:
    """The issue's floor: one INSERT and its COMMIT."""
    con = _raw_connection(folder / "raw.sqlite3")
    con.execute("CREATE TABLE answer (id INTEGER PRIMARY KEY, attempt_id INT, position INT, response TEXT, marked INT, saved_at TEXT)")

    def save(i: int) -> None:
        con.execute("BEGIN")
        con.execute(
            "INSERT INTO answer (attempt_id, position, response, marked, saved_at) VALUES (1, ?, ?, ?, datetime('now'))",
            (i, f"[{i % 4}]", i % 2),
        )
        con.execute("COMMIT")

    return save, _pragmas(con), con.close


KINDS = {
    "answer save (attempts.save_answer)": service,
    "raw sqlite3 INSERT+COMMIT (the issue's floor)": raw_insert,
    "raw sqlite3, our two UPDATEs + COMMIT": raw_same,
    "previous save: pooled Core connection per save": pooled_core,
}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    wall: dict[str, list[float]] = {k: [] for k in KINDS}
    cpu: dict[str, list[float]] = {k: [] for k in KINDS}
    with tempfile.TemporaryDirectory() as d:
        made = {name: make(Path(d)) for name, make in KINDS.items()}
        names = list(made)
        for r in range(rounds):
            for name in names[r % 4 :] + names[: r % 4]:  # each kind first in turn
                save = made[name][0]
                for i in range(r * n // rounds, (r + 1) * n // rounds):
                    t, c = time.perf_counter(), time.process_time()
                    save(i)
                    cpu[name].append(time.process_time() - c)
                    wall[name].append(time.perf_counter() - t)
        for _, _, close in made.values():
            close()
    ms = {k: statistics.median(v) * 1000 for k, v in wall.items()}
    cpu_ms = {k: statistics.median(v) * 1000 for k, v in cpu.items()}
    for name, (_, settings, _) in made.items():
        print(f"{name}: median {ms[name]:.3f} ms ({cpu_ms[name]:.3f} ms CPU) over {n}  [{settings}]")
    ours, floor, same, before = KINDS
    print(f"ratio vs raw INSERT+COMMIT: {ms[ours] / ms[floor]:.2f}x (target <= 2x); CPU {cpu_ms[ours] / cpu_ms[floor]:.2f}x")
    print(f"ratio vs raw, same two UPDATEs: {ms[ours] / ms[same]:.2f}x; CPU {cpu_ms[ours] / cpu_ms[same]:.2f}x")
    print(f"previous save vs raw INSERT+COMMIT: {ms[before] / ms[floor]:.2f}x; CPU {cpu_ms[before] / cpu_ms[floor]:.2f}x")
    print("(all four: one transaction per answer, COMMIT returned before the next; when the disk is busy the fsync")
    print(" dominates every median and the wall ratios tend to 1: the CPU ratios show the code's own cost)")


if __name__ == "__main__":
    main()
