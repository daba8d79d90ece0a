"""Practice storage on SQLite and PostgreSQL: durable answers, cards, login rules, progress, class view."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.core.practice import Focus, Mode
from baiwen_desktop.core.question import QType
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, exams, practice, roster, sessions
from baiwen_desktop.store.engine import Store, open_store
from baiwen_desktop.store.models import Answer, Attempt, AuditEvent, Certificate, PracticeAnswer

NOW = datetime(2026, 3, 2, 9, 0)


def _roster(store: Store) -> None:
    roster.import_rows(store, [RosterRow(f"E{i:03d}", f"学员{i}", "城区供电所", "", "一班") for i in range(4)], "t")


def _q(store: Store, qid: str):  # type: ignore[no-untyped-def]
    return next(q for q in practice.bank_questions(store) if q.id == qid)


def test_login_against_roster_switch_and_exam_in_progress(any_store: Store) -> None:
    _roster(any_store)
    card = practice.login(any_store, "一号机", " e001 ", "学员1")
    assert (card.employee_no, card.name) == ("E001", "学员1")
    with pytest.raises(BaiwenError, match="不在学员名单"):
        practice.login(any_store, "一号机", "E001", "学员2")
    practice.set_practice_enabled(any_store, "一号机", False, "admin")
    assert not practice.practice_enabled(any_store, "一号机") and practice.practice_enabled(any_store, "二号机")
    with pytest.raises(BaiwenError, match="已被培训老师关闭"):
        practice.login(any_store, "一号机", "E001", "学员1")
    practice.login(any_store, "二号机", "E001", "学员1")
    practice.set_practice_enabled(any_store, "一号机", True, "admin")
    exam = exams.create_exam(any_store, parse_exam(STANDARD_EXAM, "t"), "t")
    sess = sessions.open_session(any_store, exam.id, "t")
    attempts.start_attempt(any_store, sess.id, card.id, "三号机")
    with pytest.raises(BaiwenError, match="正在进行的考试"):
        practice.login(any_store, "一号机", "E001", "学员1")


def test_answers_are_stored_apart_from_exams(any_store: Store) -> None:
    _roster(any_store)
    cid = practice.login(any_store, "一号机", "E002", "学员2").id
    w = _q(any_store, "w01-01")
    st = practice.record_answer(any_store, cid, w, Mode.ORDER, [0], False, 12_000, "一号机", now=NOW)
    assert st.in_wrong_book and st.due == NOW + timedelta(days=1)
    st = practice.record_answer(any_store, cid, w, Mode.WRONG, [1], True, 12_000, "一号机", now=NOW + timedelta(days=1))
    assert st.right_in_row == 1 and st.reps == 2
    assert practice.answers_of(any_store, cid) == [("w01-01", "order", False, 12_000), ("w01-01", "wrong", True, 12_000)]
    with any_store.session() as s:
        assert s.scalar(select(func.count()).select_from(Attempt)) == 0
        assert s.scalar(select(func.count()).select_from(Answer)) == 0
        assert s.scalar(select(func.count()).select_from(Certificate)) == 0
        assert s.scalar(select(func.count()).select_from(PracticeAnswer)) == 2
    assert [q.id for q in practice.questions_for(any_store, cid, practice.Request(Mode.WRONG), now=NOW)] == ["w01-01"]
    practice.remove_from_wrong_book(any_store, cid, "w01-01")
    assert practice.questions_for(any_store, cid, practice.Request(Mode.WRONG), now=NOW) == []


def test_modes_pick_the_right_questions(any_store: Store) -> None:
    _roster(any_store)
    cid = practice.login(any_store, "", "E000", "学员0").id
    order = practice.questions_for(any_store, cid, practice.Request(Mode.ORDER))
    assert order[0].source == "问1" and order[-1].source == "查50"
    practice.record_answer(any_store, cid, order[0], Mode.ORDER, None, True, 9_000, now=NOW)
    assert practice.questions_for(any_store, cid, practice.Request(Mode.ORDER))[0].id == order[1].id  # resumes
    assert [q.source for q in practice.questions_for(any_store, cid, practice.Request(Mode.ORDER, start="查7"))][:1] == ["查7"]
    focus = practice.questions_for(any_store, cid, practice.Request(Mode.FOCUS, Focus(types=(QType.BLANK,), sections=("问",))))
    assert focus and {(q.qtype, q.section) for q in focus} == {(QType.BLANK, "问")}
    rnd = practice.questions_for(any_store, cid, practice.Request(Mode.RANDOM, seed=3, limit=20))
    assert len(rnd) == 20 and len({q.id for q in rnd}) == 20
    # 今日复习: a wrong answer yesterday is due today; a right one is not
    wrong_q, right_q = order[2], order[3]
    practice.record_answer(any_store, cid, wrong_q, Mode.ORDER, None, False, 9_000, now=NOW - timedelta(days=1))
    practice.record_answer(any_store, cid, right_q, Mode.ORDER, None, True, 20_000, now=NOW - timedelta(days=1))
    due = practice.questions_for(any_store, cid, practice.Request(Mode.REVIEW), now=NOW)
    assert [q.id for q in due] == [wrong_q.id]


def test_progress_and_class_view(any_store: Store) -> None:
    _roster(any_store)
    qs = {q.id: q for q in practice.bank_questions(any_store)}
    a, b = (practice.login(any_store, "", f"E00{i}", f"学员{i}").id for i in (1, 2))
    for day in (2, 1, 0):
        practice.record_answer(any_store, a, qs["w01-01"], Mode.RANDOM, None, True, 5_000, now=NOW - timedelta(days=day))
    practice.record_answer(any_store, a, qs["w14-01"], Mode.RANDOM, None, False, 5_000, now=NOW)
    for _ in range(5):
        practice.record_answer(any_store, b, qs["w14-01"], Mode.RANDOM, None, False, 5_000, now=NOW)
    practice.record_answer(any_store, b, qs["c01-01"], Mode.RANDOM, None, True, 5_000, now=NOW)
    practice.record_answer(any_store, b, qs["c02-01"], Mode.RANDOM, None, False, 5_000, now=NOW)
    p = practice.progress(any_store, a, now=NOW)
    assert (p.answered, p.right, p.streak, p.today, p.wrong_book, p.questions_seen) == (4, 3, 3, 2, 1, 2)
    assert (p.by_item["问1"].answered, p.by_item["问1"].right, p.by_item["问14"].right) == (3, 3, 0)
    assert p.by_section["问"].answered == 4 and p.due_today == 0
    assert practice.progress(any_store, a, now=NOW + timedelta(days=1)).due_today == 1
    view = practice.class_view(any_store, "一班", now=NOW)
    assert len(view.items) == 99
    assert view.items["问14"].answered == 6 and view.items["问14"].right == 0
    # one wrong answer on 查2 ranks after 问14's six: items answered under 5 times come after
    assert [k for k, _t in view.weakest()[:4]] == ["问14", "查2", "问1", "查1"]
    rows = {t.employee_no: t for t in view.trainees}
    assert (rows["E001"].answered, rows["E001"].right, rows["E002"].answered) == (4, 3, 7)
    assert [t.employee_no for t in view.behind] == ["E000", "E003", "E002"]  # none, none, then 14% right
    with any_store.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.event == "submit")) == 0


def test_mock_exam_is_never_an_attempt(any_store: Store) -> None:
    _roster(any_store)
    exam = exams.create_exam(any_store, parse_exam(STANDARD_EXAM, "t"), "t")
    assert (exam.id, exam.title) in practice.mock_exams(any_store)
    mock = practice.start_mock(any_store, exam.id, "E001", seed=5)
    assert len(mock.paper.items) == mock.exam.question_count
    with any_store.session() as s:
        assert s.scalar(select(func.count()).select_from(Attempt)) == 0


_WRITER = """
import sys
from datetime import datetime
from pathlib import Path
from baiwen_desktop.core.practice import Mode
from baiwen_desktop.services import practice
from baiwen_desktop.store.engine import open_store
store = open_store(Path(sys.argv[1]))
qs = practice.bank_questions(store)
for i in range(100000):
    practice.record_answer(store, 1, qs[i % len(qs)], Mode.RANDOM, None, i % 3 == 0, 1000 + i)
    print(i, flush=True)
"""


def test_practice_answers_survive_kill_9(store: Store, tmp_path: Path) -> None:
    """A writer process is killed mid-stream: every answer it reported committed is there."""
    _roster(store)
    data_dir = store.data_dir
    store.dispose()
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(data_dir)], stdout=subprocess.PIPE, text=True, env={**os.environ})
    assert proc.stdout is not None
    reported = -1
    deadline = time.monotonic() + 120
    while reported < 30 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        reported = int(line.split()[0])
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert reported >= 30
    again = open_store(data_dir)
    try:
        stored = practice.answers_of(again, 1)
        assert len(stored) >= reported + 1
        assert [e for _q, _m, _c, e in stored[: reported + 1]] == [1000 + i for i in range(reported + 1)]
    finally:
        again.dispose()
