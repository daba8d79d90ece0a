"""A real crash: a process saving answers is killed with SIGKILL at random points, again and again.

Every answer the process acknowledged (printed after save_answer returned) must be in the database,
or a later value for that question; the file must pass PRAGMA integrity_check. Some kills land while
the process is still starting (schema check, write check), most in the middle of saves.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, exams, roster, sessions
from baiwen_desktop.services.context import open_app
from baiwen_desktop.store.engine import make_engine
from baiwen_desktop.store.models import Answer

KILLS = 20  # the issue asks for at least 20; each costs a process start (~1 s on a quiet machine)
SEED = int(os.environ.get("BAIWEN_KILL9_SEED", "20261201"))
CHILD = Path(__file__).with_name("exam_child.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")


def _reader(p: subprocess.Popen[str], lines: list[str]) -> threading.Thread:
    def read() -> None:
        assert p.stdout is not None
        for line in p.stdout:
            lines.append(line.strip())

    t = threading.Thread(target=read, daemon=True)
    t.start()
    return t


def _order(value: str) -> tuple[int, int]:
    run, seq = value.split("-")
    return int(run), int(seq)


def test_kill_9_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    data = tmp_path / "data"
    store = open_app(data)
    roster.import_rows(store, [RosterRow("K001", "考生", "城区供电所", "", "一班")], "t")
    exam = exams.create_exam(store, parse_exam(STANDARD_EXAM, "t"), "t")
    sess = sessions.open_session(store, exam.id, "t", class_name="一班")
    card = attempts.find_candidate(store, sess.id, "K001", "考生")
    state = attempts.start_attempt(store, sess.id, card.id, "一号机")
    positions = len(state.paper.items)
    store.dispose()

    acked: dict[int, str] = {}  # position -> the newest acknowledged value
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    mid_write = 0
    for run in range(KILLS):
        lines: list[str] = []
        p = subprocess.Popen(
            [sys.executable, str(CHILD), str(data), str(state.attempt_id), str(run), str(positions), state.lease_token],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        reader = _reader(p, lines)
        if run % 6 == 5:  # now and then while it is still starting up
            time.sleep(rng.uniform(0.0, 0.6))
        else:
            deadline = time.monotonic() + 60
            while "READY" not in lines and p.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            assert "READY" in lines, p.stderr.read() if p.poll() is not None else "no READY in 60 s"  # type: ignore[union-attr]
            time.sleep(rng.uniform(0.0, 0.25))
        p.send_signal(signal.SIGKILL)
        assert p.wait(timeout=30) == -signal.SIGKILL
        reader.join(timeout=10)
        for line in lines:
            if line.startswith("ACK "):
                _, pos, value = line.split()
                acked[int(pos)] = value
        mid_write += any(line.startswith("ACK ") for line in lines)
        # after every kill: each acknowledged answer is there (or a newer one that committed unprinted)
        engine = make_engine(f"sqlite:///{data / 'baiwen.sqlite3'}")
        with engine.connect() as c:
            stored = dict(c.execute(select(Answer.position, Answer.response).where(Answer.attempt_id == state.attempt_id)).all())
        engine.dispose()
        lost = {pos: (v, stored.get(pos)) for pos, v in acked.items() if not isinstance(stored.get(pos), str) or _order(stored[pos]) < _order(v)}
        assert lost == {}, f"run {run} (seed {SEED}): acknowledged answers lost {lost}"

    assert mid_write >= KILLS // 2, f"only {mid_write} kills landed mid-write"
    assert len(acked) > 0
    engine = make_engine(f"sqlite:///{data / 'baiwen.sqlite3'}")
    with engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()
    # and the station still opens the database and resumes the attempt with those answers
    store = open_app(data)
    back = attempts.load_attempt(store, state.attempt_id)
    assert all(back.responses[pos] is not None for pos in acked)
    store.dispose()
