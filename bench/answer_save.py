"""One answer save (attempts.save_answer, its own committed transaction) vs a raw SQLite
insert-and-commit with the same pragmas, median over N, in the same run.

    python bench/answer_save.py [N]
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, exams, roster, sessions
from baiwen_desktop.services.context import open_app


def bench_service(n: int, folder: Path) -> list[float]:
    store = open_app(folder / "svc")
    roster.import_rows(store, [RosterRow("B1", "测速", "", "", "")], "bench")
    exam = exams.create_exam(store, parse_exam(STANDARD_EXAM, "bench"), "bench")
    sess = sessions.open_session(store, exam.id, "bench")
    card = attempts.find_candidate(store, sess.id, "B1", "测速")
    st = attempts.start_attempt(store, sess.id, card.id, "bench")
    times = []
    for i in range(n):
        t = time.perf_counter()
        attempts.save_answer(store, st.attempt_id, i % len(st.paper.items), [i % 4], bool(i % 2), token=st.lease_token)
        times.append(time.perf_counter() - t)
    store.dispose()
    return times


def bench_raw(n: int, folder: Path) -> list[float]:
    con = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        con.execute(f"PRAGMA {pragma}")
    con.execute(
        "CREATE TABLE answer (id INTEGER PRIMARY KEY, attempt_id INT, position INT, response TEXT, marked INT, saved_at TEXT)"
    )
    times = []
    for i in range(n):
        t = time.perf_counter()
        con.execute("BEGIN")
        con.execute(
            "INSERT INTO answer (attempt_id, position, response, marked, saved_at) VALUES (1, ?, ?, ?, datetime('now'))",
            (i, f"[{i % 4}]", i % 2),
        )
        con.execute("COMMIT")
        times.append(time.perf_counter() - t)
    con.close()
    return times


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        raw = statistics.median(bench_raw(n, folder)) * 1000
        svc = statistics.median(bench_service(n, folder)) * 1000
    print(f"answer save (service, own transaction): median {svc:.3f} ms over {n}")
    print(f"raw sqlite3 insert+commit, same pragmas: median {raw:.3f} ms over {n}")
    print(f"ratio: {svc / raw:.2f}x")


if __name__ == "__main__":
    main()
