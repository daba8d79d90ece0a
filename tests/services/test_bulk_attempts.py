"""Bulk start and submit: the same papers, rows, grades and audit events as one by one, all-or-nothing per batch."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Text, cast, func, select

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.core.paper import generate_paper
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, banks, bulk_attempts, exams, frozen_papers, roster, sessions
from baiwen_desktop.services.context import open_app
from baiwen_desktop.services.demo import simulate_response
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import LIVE, Answer, Attempt, AuditEvent


def _session(store: Store, n: int) -> tuple[int, int, list[int]]:
    roster.import_rows(store, [RosterRow(f"E{i:03d}", f"考生{i}", "城区供电所", "", "一班") for i in range(n)], "t")
    created = exams.create_exam(store, parse_exam(STANDARD_EXAM, "t"), "t")
    sess = sessions.open_session(store, created.id, "t", class_name="一班")
    return created.id, sess.id, [c.id for c in roster.list_candidates(store, class_name="一班")]


def test_start_many_gives_each_candidate_the_paper_start_attempt_would(any_store: Store) -> None:
    exam_id, session_id, ids = _session(any_store, 7)
    got = bulk_attempts.start_many(any_store, session_id, ids, "一号机", batch=3)  # three batches
    assert len(got) == len(set(got)) == 7
    bank = banks.bank_questions(any_store, parse_exam(STANDARD_EXAM, "t").bank)
    tokens = set()
    for aid, cid in zip(got, ids, strict=True):
        st = attempts.load_attempt(any_store, aid)
        assert st.candidate.id == cid and st.status == LIVE and st.station == "一号机"
        want = generate_paper(parse_exam(STANDARD_EXAM, "t"), bank, f"exam-{exam_id}", st.candidate.employee_no, seed=0)
        assert st.paper.to_dict() == want.to_dict()
        assert st.responses == [None] * 47 and st.marked == [False] * 47 and st.limit_ms == 60 * 60_000
        tokens.add(st.lease_token)
    assert len(tokens) == 7
    with any_store.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.event == "start", AuditEvent.exam_id == exam_id)) == 7
        assert s.scalar(select(func.count()).select_from(Answer)) == 7 * 47


def test_a_batch_with_an_earlier_attempt_starts_nobody(any_store: Store) -> None:
    _, session_id, ids = _session(any_store, 5)
    attempts.start_attempt(any_store, session_id, ids[3], "一号机")
    with pytest.raises(BaiwenError) as err:
        bulk_attempts.start_many(any_store, session_id, ids, "一号机")
    assert "E003" in err.value.zh
    with any_store.session() as s:
        assert s.scalar(select(func.count()).select_from(Attempt)) == 1
    sessions.close_session(any_store, session_id, "t")
    with pytest.raises(BaiwenError, match="已结束"):
        bulk_attempts.start_many(any_store, session_id, ids[:2], "一号机")


def test_submit_many_grades_as_submit_does(any_store: Store) -> None:
    exam_id, session_id, ids = _session(any_store, 6)
    got = bulk_attempts.start_many(any_store, session_id, ids, "一号机")
    rng = random.Random(3)
    for aid in got[:5]:  # the last candidate answers nothing
        st = attempts.load_attempt(any_store, aid)
        for pos, item in enumerate(st.paper.items):
            if rng.random() < 0.9:
                attempts.save_answer(any_store, aid, pos, simulate_response(item, 0.7, rng), False, token=st.lease_token)
    assert bulk_attempts.submit_many(any_store, got, "submitted", "", counted_ms={aid: 1_000 * (i + 1) for i, aid in enumerate(got)}, batch=4) == 6
    with any_store.session() as s, s.begin():
        before = {}
        for a in s.scalars(select(Attempt).where(Attempt.id.in_(got))):
            assert a.status == "submitted" and a.submitted_at is not None and a.counted_ms == 1_000 * (got.index(a.id) + 1)
            before[a.id] = (a.score, a.passed, a.pending_review, [(x.auto_points, x.final_points) for x in sorted(a.answers, key=lambda x: x.position)])
            attempts.grade_attempt(s, a)  # the one-by-one grading of the same answers
            s.flush()
            assert (a.score, a.passed, a.pending_review, [(x.auto_points, x.final_points) for x in sorted(a.answers, key=lambda x: x.position)]) == before[a.id]
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.event == "submit", AuditEvent.exam_id == exam_id)) == 6
    assert any(p for _, _, p, _ in before.values())  # answered 简答 await 阅卷, as after submit
    silent = before[got[5]]
    assert silent[0] == Decimal(0) and silent[1] is False and not silent[2]
    assert bulk_attempts.submit_many(any_store, got, "forced", "监考收卷") == 0  # finished ones stay as they are
    assert attempts.result_of(any_store, got[0]).status == "submitted"


def test_start_many_writes_the_answer_rows_start_attempt_writes(any_store: Store) -> None:
    """Compared as stored (the text of each column), not as read back: JSON null, false, the start time."""
    _, session_id, ids = _session(any_store, 3)
    many = bulk_attempts.start_many(any_store, session_id, ids[:2], "一号机")
    one = attempts.start_attempt(any_store, session_id, ids[2], "一号机").attempt_id
    ta, a = Answer.__table__, Attempt.__table__
    with any_store.session() as s:
        rows = {
            aid: list(
                s.execute(
                    select(ta.c.position, cast(ta.c.response, Text), cast(ta.c.marked, Text), cast(ta.c.saved_at, Text) == cast(a.c.started_at, Text),
                           ta.c.auto_points, ta.c.final_points, ta.c.reviewed_by, ta.c.comment)
                    .join(a, a.c.id == ta.c.attempt_id).where(ta.c.attempt_id == aid).order_by(ta.c.position)
                )
            )
            for aid in [*many, one]
        }
    want = rows[one]
    assert len(want) == 47 and want[0][1] == "null" and want[0][3] in (True, 1)
    assert [tuple(r) for r in want] == [(i, "null", want[0][2], want[0][3], None, None, None, "") for i in range(47)]
    assert rows[many[0]] == rows[many[1]] == want


def test_submit_many_grades_a_paper_with_answer_rows_missing_as_submit_does(any_store: Store) -> None:
    """Rows of some positions gone (a hand-edited or damaged database): the rows that are there are
    graded against their own positions' questions, as the one-by-one grading does."""
    _, session_id, ids = _session(any_store, 2)
    got = bulk_attempts.start_many(any_store, session_id, ids, "一号机")
    rng = random.Random(5)
    for aid in got:
        st = attempts.load_attempt(any_store, aid)
        for pos, item in enumerate(st.paper.items):
            attempts.save_answer(any_store, aid, pos, simulate_response(item, 0.6, rng), False, token=st.lease_token)
    with any_store.session() as s, s.begin():
        s.execute(Answer.__table__.delete().where(Answer.attempt_id == got[0], Answer.position.in_([0, 3, 7])))
    assert bulk_attempts.submit_many(any_store, got, "submitted", "") == 2
    with any_store.session() as s, s.begin():
        for a in s.scalars(select(Attempt).where(Attempt.id.in_(got))):
            bulk = (a.score, [(x.position, x.auto_points, x.final_points) for x in sorted(a.answers, key=lambda x: x.position)])
            attempts.grade_attempt(s, a)
            s.flush()
            assert (a.score, [(x.position, x.auto_points, x.final_points) for x in sorted(a.answers, key=lambda x: x.position)]) == bulk
            assert len(bulk[1]) == (44 if a.id == got[0] else 47)


def _start_rows(store: Store) -> tuple[list[tuple[object, ...]], ...]:
    """Every row a start writes, as stored (JSON columns as their text), but lease tokens and times."""
    a, ta, ev = Attempt.__table__, Answer.__table__, AuditEvent.__table__
    with store.session() as s:
        return (
            [tuple(r) for r in s.execute(select(a.c.id, a.c.candidate_id, a.c.status, frozen_papers.stored_text(s), cast(a.c.exam_definition, Text), a.c.total,
                                                a.c.pass_mark, a.c.limit_ms, a.c.station).order_by(a.c.id))],
            [tuple(r) for r in s.execute(select(ta.c.id, ta.c.attempt_id, ta.c.position, cast(ta.c.response, Text), ta.c.marked, ta.c.comment).order_by(ta.c.id))],
            [tuple(r) for r in s.execute(select(ev.c.id, ev.c.actor, ev.c.event, ev.c.candidate_id, ev.c.attempt_id, ev.c.detail).where(ev.c.event == "start").order_by(ev.c.id))],
        )


def _started(path: Path, ahead: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple[object, ...]], ...]:
    """9 candidates started in batches of 2 in a new SQLite database, each batch drawn ahead in the thread or not."""
    monkeypatch.setattr(bulk_attempts, "DRAW_AHEAD", ahead)
    store = open_app(path)
    try:
        _, session_id, ids = _session(store, 9)
        bulk_attempts.start_many(store, session_id, ids, "一号机", batch=2)
        return _start_rows(store)
    finally:
        store.dispose()


def test_start_many_drawing_ahead_stores_what_drawing_in_each_batch_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The next batch's papers drawn in a thread while a batch is written: the very rows, ids and texts,
    whether the thread made every paper (its questions loaded) or the batch made some."""
    made: list[int | None] = []  # per batch: how many of its papers the thread made, None: nothing drawn ahead
    papers = bulk_attempts._papers

    def watched(*args: object) -> object:
        drawn = args[-1]
        made.append(None if drawn is None else sum(p is not None for p in drawn.papers))  # type: ignore[attr-defined]
        return papers(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(bulk_attempts, "_papers", watched)
    banks.forget_cached()
    inline = _started(tmp_path / "inline", False, monkeypatch)
    assert made == [None] * 5
    made.clear()
    ahead = _started(tmp_path / "ahead", True, monkeypatch)  # the same draws: every question loaded by the first run
    assert made == [2, 2, 2, 2, 1]
    made.clear()
    banks.forget_cached()
    cold = _started(tmp_path / "cold", True, monkeypatch)  # few loaded: the batches make most papers
    assert len(made) == 5 and None not in made and sum(made) < 9  # type: ignore[arg-type]
    assert ahead == inline == cold and len(inline[0]) == 9 and len(inline[1]) == 9 * 47 and len(inline[2]) == 9


def test_start_many_draws_again_when_an_employee_number_changed_after_it_drew_ahead(any_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The numbers read before the batches are not the ones a batch reads in its transaction: the batch
    draws those candidates' papers itself, from the numbers it read."""
    exam_id, session_id, ids = _session(any_store, 5)
    read = bulk_attempts._employee_numbers
    monkeypatch.setattr(bulk_attempts, "_employee_numbers", lambda s, cids: {**read(s, cids), ids[1]: "E999", ids[4]: "E998"})
    got = bulk_attempts.start_many(any_store, session_id, ids, "一号机", batch=2)
    bank = banks.bank_questions(any_store, parse_exam(STANDARD_EXAM, "t").bank)
    for aid in got:
        st = attempts.load_attempt(any_store, aid)
        want = generate_paper(parse_exam(STANDARD_EXAM, "t"), bank, f"exam-{exam_id}", st.candidate.employee_no, seed=0)
        assert st.paper.to_dict() == want.to_dict()


def test_start_many_takes_nothing_drawn_ahead_from_other_digests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The thread's questions named by other digests than the batch reads (the bank cache replaced
    meanwhile): the batch makes those papers and texts itself."""
    inline = _started(tmp_path / "inline", False, monkeypatch)
    loaded = banks.cached_with_digests
    monkeypatch.setattr(banks, "cached_with_digests", lambda *a: (lambda f, d: (f, dict.fromkeys(d, "0" * 64)))(*loaded(*a)))
    assert _started(tmp_path / "ahead", True, monkeypatch) == inline
