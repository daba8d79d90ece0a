"""One hand-in path: 结束考场 (close_session), 统一收卷 (sweep), bulk hand-in (submit_many) and
finishing.finish_locked_many store exactly what attempts.finish_locked stores one paper at a time.

Each case builds the same class (简答 answered and not, answer rows missing, a response that is
SQL NULL, trainer's points already on a row, recent / silent / near-limit holders, one paper
already handed in), takes what finish_locked one by one stores at a fixed `now` in a transaction
that is rolled back, then runs the real path at the same `now` (db_now patched) and compares every
column of every attempt, answer and finishing audit row as the database stores it (cast to text).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, Text, bindparam, cast, null, select, update

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.core.question import QType
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, bulk_attempts, exams, finishing, roster, sessions
from baiwen_desktop.services.demo import simulate_response
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import LIVE, Answer, Attempt, AuditEvent, ExamSession

ACTOR = "zhang"
FINISH_EVENTS = tuple(finishing.EVENTS.values())


class Class_:
    def __init__(self, store: Store, ends_passed: bool, answered: float = 0.85, accuracy: Callable[[int], float] = lambda k: 0.3 + 0.08 * k) -> None:
        """Eight candidates' papers started and answered (each question with chance `answered`,
        right with chance `accuracy(k)` for the k-th candidate); `now` is a fixed time after all of it."""
        roster.import_rows(store, [RosterRow(f"E{i:03d}", f"考生{i}", "城区供电所", "", "一班") for i in range(8)], "t")
        exam = parse_exam({**STANDARD_EXAM, "multi_policy": "partial"}, "t")
        created = exams.create_exam(store, exam, "t")
        self.session_id = sessions.open_session(store, created.id, "t", class_name="一班").id
        ids = [c.id for c in roster.list_candidates(store, class_name="一班")]
        self.ids = bulk_attempts.start_many(store, self.session_id, ids, "一号机", batch=3)
        with store.session() as s:
            self.now = db_now(s) + timedelta(minutes=1)
        rng = random.Random(4)
        ta, at = Answer.__table__, Attempt.__table__
        rows = []
        shorts: dict[int, list[int]] = {}
        for k, aid in enumerate(self.ids[1:], start=1):  # the first answers nothing
            st = attempts.load_attempt(store, aid)
            for pos, item in enumerate(st.paper.items):
                if item.question.qtype is QType.SHORT:
                    shorts.setdefault(aid, []).append(pos)
                if rng.random() < answered or (k == 2 and item.question.qtype is QType.SHORT):
                    rows.append({"a": aid, "p": pos, "r": simulate_response(item, accuracy(k), rng)})
        limit = 60 * 60_000
        beats = {  # attempt -> (heartbeat_at, counted_ms): reporting, silent (失联), never, at the limit
            self.ids[3]: (self.now - timedelta(seconds=5), 600_000),
            self.ids[4]: (self.now - timedelta(seconds=40), 700_000),
            self.ids[5]: (None, 0),
            self.ids[6]: (self.now - timedelta(seconds=2), limit - 1_000),
            self.ids[7]: (self.now - timedelta(seconds=29), 1_234_567),
        }
        with store.session() as s, s.begin():
            conn = s.connection()
            conn.execute(update(ta).where(ta.c.attempt_id == bindparam("a"), ta.c.position == bindparam("p")).values(response=bindparam("r")), rows)
            conn.execute(ta.delete().where(ta.c.attempt_id == self.ids[1], ta.c.position.in_([0, 3, 7])))  # rows missing
            conn.execute(update(ta).where(ta.c.attempt_id == self.ids[1], ta.c.position == 9).values(response=null()))  # SQL NULL
            a2 = shorts[self.ids[2]]  # a trainer's points already on an answered 简答 (kept) and on objective rows (regraded)
            conn.execute(update(ta).where(ta.c.attempt_id == self.ids[2], ta.c.position == a2[0]).values(final_points=3))
            conn.execute(update(ta).where(ta.c.attempt_id == self.ids[2], ta.c.position.in_([1, 2])).values(auto_points=7, final_points=7))
            for aid, (beat, counted) in beats.items():
                conn.execute(update(at).where(at.c.id == aid).values(heartbeat_at=beat, counted_ms=counted))
            if ends_passed:
                conn.execute(update(ExamSession).where(ExamSession.id == self.session_id).values(ends_at=self.now - timedelta(seconds=3)))
        # one paper handed in already: every path leaves it as it is
        attempts.submit(store, self.ids[7], "submitted", counted_ms=1_300_000)
        # a holder's last count, for the paths that take one: below, above the stored count, past the limit
        self.counted = {self.ids[0]: 5_000, self.ids[3]: 900_000, self.ids[4]: 100, self.ids[6]: limit + 50_000}


def _snapshot(conn: Connection, ids: list[int]) -> dict[str, Any]:
    """Every column as stored (text), of the attempts, their answers and their finishing audit rows."""
    at, ta, ev = Attempt.__table__, Answer.__table__, AuditEvent.__table__
    text = lambda t: [cast(c, Text).label(c.name) for c in t.columns]  # noqa: E731
    return {
        "attempts": [tuple(r) for r in conn.execute(select(*text(at)).where(at.c.id.in_(ids)).order_by(at.c.id))],
        "answers": [tuple(r) for r in conn.execute(select(*text(ta)).where(ta.c.attempt_id.in_(ids)).order_by(ta.c.id))],
        "audit": [
            tuple(r)
            for r in conn.execute(
                select(*(c for c in text(ev) if c.name not in ("id", "at")))
                .where(ev.c.attempt_id.in_(ids), ev.c.event.in_(FINISH_EVENTS))
                .order_by(ev.c.attempt_id, ev.c.id)
            )
        ],
        "audit_at": [r[0] for r in conn.execute(select(ev.c.at).where(ev.c.attempt_id.in_(ids), ev.c.event.in_(FINISH_EVENTS)).order_by(ev.c.attempt_id, ev.c.id))],
    }


def _one_by_one(store: Store, c: Class_, mode: str, reason: str, actor: str | None, counted: dict[int, int]) -> dict[str, Any]:
    """What attempts.finish_locked stores for each live paper at `c.now` (then rolled back)."""
    with store.session() as s:
        s.begin()
        for a in s.scalars(select(Attempt).where(Attempt.id.in_(c.ids), Attempt.status == LIVE).order_by(Attempt.id).with_for_update()):
            attempts.finish_locked(s, a, mode, reason, actor, c.now, counted.get(a.id))
        s.flush()
        got = _snapshot(s.connection(), c.ids)
        s.rollback()
    return got


def _fixed_clock(monkeypatch: pytest.MonkeyPatch, now: datetime) -> None:
    for module in (attempts, bulk_attempts, sessions):
        monkeypatch.setattr(module, "db_now", lambda _bind: now)


def _direct(store: Store, c: Class_, counted: dict[int, int]) -> None:
    with store.session() as s, s.begin():
        assert finishing.finish_locked_many(s, c.ids[::-1], "auto_submitted", attempts.SESSION_END, None, c.now, counted) == c.ids[:7]


PATHS: dict[str, tuple[str, str, str | None, bool, Callable[[Store, Class_, dict[int, int]], None]]] = {
    # name: mode, reason, actor, holders' counts given, the path
    "submit": ("submitted", "", None, True, lambda st, c, n: [attempts.submit(st, aid, "submitted", counted_ms=n.get(aid)) for aid in c.ids]),  # type: ignore[dict-item]
    "submit_many": ("submitted", "", None, True, lambda st, c, n: bulk_attempts.submit_many(st, c.ids, "submitted", "", counted_ms=n, batch=3)),  # type: ignore[dict-item]
    "close_session": ("forced", f"监考 {ACTOR} 结束考场", ACTOR, False, lambda st, c, n: sessions.close_session(st, c.session_id, ACTOR)),  # type: ignore[dict-item]
    "sweep": ("auto_submitted", attempts.SESSION_END, "system", False, lambda st, c, n: sessions.sweep(st, c.session_id)),  # type: ignore[dict-item]
    "finish_locked_many": ("auto_submitted", attempts.SESSION_END, None, True, _direct),
}


@pytest.mark.parametrize(
    ("path", "ends_passed"),
    # 统一收卷 (sweep) finishes nothing before the session's end: test_sweep_before_the_end_finishes_nothing
    [(p, e) for p in PATHS for e in (False, True) if e or p != "sweep"],
    ids=lambda v: v if isinstance(v, str) else ("end_passed" if v else "no_end"),
)
def test_every_hand_in_path_stores_what_finish_locked_stores(any_store: Store, monkeypatch: pytest.MonkeyPatch, path: str, ends_passed: bool) -> None:
    c = Class_(any_store, ends_passed)
    mode, reason, actor, with_counts, run = PATHS[path]
    counted = c.counted if with_counts else {}
    want = _one_by_one(any_store, c, mode, reason, actor, counted)
    _fixed_clock(monkeypatch, c.now)
    run(any_store, c, counted)
    with any_store.engine.connect() as conn:
        got = _snapshot(conn, c.ids)
    assert got["attempts"] == want["attempts"]
    assert got["answers"] == want["answers"]
    assert got["audit"] == want["audit"]
    assert len(got["attempts"]) == 8 and len(got["answers"]) == 8 * 47 - 3 and len(got["audit"]) == 8
    # what the cases were meant to reach
    with any_store.session() as s:
        rows = {a.id: a for a in s.scalars(select(Attempt).where(Attempt.id.in_(c.ids)))}
        assert rows[c.ids[7]].status == "submitted" and rows[c.ids[7]].counted_ms == 1_300_000  # left as it was
        assert rows[c.ids[2]].pending_review and rows[c.ids[2]].passed is None  # an answered 简答 not yet reviewed
        assert not rows[c.ids[0]].pending_review and rows[c.ids[0]].score == 0  # nothing answered: nothing to review
        assert {a.status for aid, a in rows.items() if aid != c.ids[7]} == {mode}
        ends = s.scalar(select(ExamSession.ends_at).where(ExamSession.id == c.session_id))
        at_end = ends is not None and reason == attempts.SESSION_END
        assert {a.submitted_at for aid, a in rows.items() if aid != c.ids[7]} == {ends if at_end else c.now}
        # capped at the limit; after the session's end the time since it is not counted
        assert rows[c.ids[6]].counted_ms == (60 * 60_000 if with_counts or ends is None else 60 * 60_000 - 1_000)
    if path != "submit":  # the bulk path's audit rows carry its transaction's time (finish_locked reads the clock per row)
        assert set(got["audit_at"][:7]) == {c.now}


def test_the_most_common_points_written_to_every_answer_first_then_the_others(any_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A class that answers nearly everything right, a paper per batch: on SQLite a batch's most
    common points, when at least half of its answers have them (a 单选's 2 and a 填空's 2.00 are equal
    and stored alike), go to all its answers by id ranges, then every other pair to its own answers
    (written twice). What is stored is still finish_locked's, row for row."""
    c = Class_(any_store, ends_passed=False, answered=1.0, accuracy=lambda k: 0.97)
    want = _one_by_one(any_store, c, "submitted", "", None, c.counted)
    _fixed_clock(monkeypatch, c.now)
    calls: list[list[int]] = []
    real = finishing.update_by_ids
    monkeypatch.setattr(finishing, "update_by_ids", lambda conn, table, ids, values: calls.append(sorted(ids)) or real(conn, table, ids, values))
    bulk_attempts.submit_many(any_store, c.ids, "submitted", "", counted_ms=c.counted, batch=1)
    with any_store.engine.connect() as conn:
        got = _snapshot(conn, c.ids)
        batches = [sorted(conn.scalars(select(Answer.id).where(Answer.attempt_id == aid))) for aid in c.ids[:7]]  # ids[7] was handed in
    assert got["answers"] == want["answers"] and got["attempts"] == want["attempts"] and got["audit"] == want["audit"]
    whole = [ids for ids in calls if ids in batches]
    written = sum(map(len, calls))
    if any_store.engine.dialect.name == "sqlite":
        assert batches[0] in whole and len(whole) >= 4 and written > sum(map(len, batches))  # the others written again
    else:  # PostgreSQL: each answer written once
        assert written == sum(map(len, batches))


def test_close_session_closes_and_counts_in_the_same_transaction(any_store: Store) -> None:
    c = Class_(any_store, ends_passed=False)
    assert sessions.close_session(any_store, c.session_id, ACTOR) == 7
    with any_store.session() as s:
        sess = s.get(ExamSession, c.session_id)
        assert sess is not None and sess.closed_at is not None
        events = list(s.execute(select(AuditEvent.event, AuditEvent.detail).where(AuditEvent.event.in_(["session_close", "force_submit"])).order_by(AuditEvent.id)))
        assert [e for e, _ in events] == ["force_submit"] * 7 + ["session_close"] and events[-1][1] == "强制交卷 7 人"
        assert {a.submitted_at for a in s.scalars(select(Attempt).where(Attempt.id.in_(c.ids[:7])))} == {sess.closed_at}
    assert sessions.sweep(any_store, c.session_id) == 0


def test_sweep_before_the_end_finishes_nothing(any_store: Store) -> None:
    c = Class_(any_store, ends_passed=False)
    assert sessions.sweep(any_store, c.session_id) == 0
    with any_store.session() as s:
        assert sorted(s.scalars(select(Attempt.id).where(Attempt.status == LIVE))) == c.ids[:7]  # the seven live ones stay live


def test_a_failing_close_leaves_every_paper_live(any_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """One transaction: the session, every forced paper and the audit rows commit together or not at all."""
    c = Class_(any_store, ends_passed=False)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit refused")

    monkeypatch.setattr(sessions.audit, "record", broken)
    with pytest.raises(RuntimeError):
        sessions.close_session(any_store, c.session_id, ACTOR)
    with any_store.session() as s:
        assert s.scalar(select(ExamSession.closed_at).where(ExamSession.id == c.session_id)) is None
        assert sorted(s.scalars(select(Attempt.id).where(Attempt.status == LIVE))) == c.ids[:7]
        assert s.scalar(select(AuditEvent.id).where(AuditEvent.event == "force_submit")) is None


def test_answers_grouped_by_pair_the_same_past_a_byte_of_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """finishing._grouped picks each Pair object's answer ids by the grader's byte codes, or by
    identity once a grader made more than 256 pairs: the same groups (0 and 0.00 kept apart)."""
    from decimal import Decimal as D

    from baiwen_desktop.core.grading import ExamGrades

    grades = ExamGrades("strict", D("0.5"), lambda text: None)
    made = [grades._pair(p) for p in ((D(1), D(1)), (D(0), D(0)), (D("0.00"), D("0.00")), (D("2.5"), None))]
    pairs = [made[i] for i in (0, 1, 0, 2, 3, 0, 1, 2)]
    ids = [10, 11, 12, 13, 14, 15, 16, 17]
    by_codes = [(p, n, list(f())) for p, n, f in finishing._grouped(grades, ids, pairs)]
    monkeypatch.setattr(grades, "codes", lambda _pairs: None)
    by_identity = [(p, n, list(f())) for p, n, f in finishing._grouped(grades, ids, pairs)]
    want = [(made[0], 3, [10, 12, 15]), (made[1], 2, [11, 16]), (made[2], 2, [13, 17]), (made[3], 1, [14])]
    assert by_codes == want and by_identity == want
    assert [p for p, _, _ in by_codes][1] is made[1] and [p for p, _, _ in by_codes][2] is made[2]
