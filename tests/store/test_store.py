"""The store on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from baiwen_desktop.core.canonical import canonical_hash
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempt_handover, attempts, banks, exams, review, roster, sessions
from baiwen_desktop.store.engine import HEAD_REVISION, Store, make_engine, open_store, upgrade
from baiwen_desktop.store.models import Answer, Attempt, BankQuestion


def _open_session(store: Store, n: int = 3, **over: object) -> sessions.SessionInfo:
    roster.import_rows(store, [RosterRow(f"E{i:03d}", f"考生{i}", "城区供电所", "", "一班") for i in range(n)], "t")
    exam = exams.create_exam(store, parse_exam({**STANDARD_EXAM, **over}, "t"), "t")
    return sessions.open_session(store, exam.id, "t", class_name="一班")


def test_bundled_bank_is_loaded(any_store: Store) -> None:
    info = banks.list_banks(any_store)
    assert info[0].bundled and info[0].question_count >= 400


def test_attempt_freezes_paper_and_grades_it(any_store: Store) -> None:
    sess = _open_session(any_store)
    card = attempts.find_candidate(any_store, sess.id, "E001", "考生1")
    st = attempts.start_attempt(any_store, sess.id, card.id, "一号机")
    first = st.paper.items[0]
    # answer everything right
    for i, item in enumerate(st.paper.items):
        q = item.question
        resp: object
        if q.qtype.value in ("单选", "多选"):
            resp = list(q.correct)
        elif q.qtype.value == "判断":
            resp = bool(q.truth)
        elif q.qtype.value == "填空":
            resp = [b[0] for b in q.blanks]
        else:
            resp = "，".join(p.keywords[0] for p in q.points)
        attempts.save_answer(any_store, st.attempt_id, i, resp, False, token=st.lease_token)  # type: ignore[arg-type]
    # editing the bank afterwards (every stem, every key) changes nothing for the started attempt
    with any_store.session() as s, s.begin():
        for bq in s.scalars(select(BankQuestion)):
            c = dict(bq.content)
            c["stem"] = "（已改）" + c["stem"]
            c["correct"] = [len(c["options"]) - 1] if c["options"] else []
            c["truth"] = None if c["truth"] is None else not c["truth"]
            bq.content = c
            bq.digest = canonical_hash(c)  # as every writer of bank rows keeps it (migration 0010)
    with any_store.session() as s:
        assert s.scalar(select(BankQuestion.content).where(BankQuestion.qid == first.question.id))["stem"].startswith("（已改）")
    again = attempts.load_attempt(any_store, st.attempt_id)
    assert again.paper.items[0] == first and not again.paper.items[0].question.stem.startswith("（已改）")
    res = attempts.submit(any_store, st.attempt_id)
    assert res.pending_review and res.passed is None
    objective = sum((t.points for t in res.by_type if t.qtype != "简答"), Decimal(0))
    assert objective == Decimal(90)
    pending = review.pending(any_store)
    assert len(pending) >= 2
    # each confirmed 简答 but the last leaves the attempt pending; the last one makes it final
    assert [review.set_score(any_store, p.answer_id, p.max_points, "trainer") for p in pending] == [False] * (len(pending) - 1) + [True]
    final = attempts.result_of(any_store, st.attempt_id)
    assert final.score == Decimal(100) and final.passed is True and not final.pending_review


def test_each_save_is_committed_and_visible_to_a_new_connection(any_store: Store) -> None:
    sess = _open_session(any_store)
    card = attempts.find_candidate(any_store, sess.id, "E000", "考生0")
    st = attempts.start_attempt(any_store, sess.id, card.id, "一号机")
    attempts.save_answer(any_store, st.attempt_id, 3, [1], True, token=st.lease_token)
    fresh = make_engine(any_store.url)  # another process would see the same
    with fresh.connect() as c:
        row = c.execute(select(Answer.response, Answer.marked).where(Answer.attempt_id == st.attempt_id, Answer.position == 3)).one()
    fresh.dispose()
    assert row == ([1], True)


def test_no_save_after_submit(any_store: Store) -> None:
    from baiwen_desktop.core.errors import BaiwenError

    sess = _open_session(any_store)
    card = attempts.find_candidate(any_store, sess.id, "E000", "考生0")
    st = attempts.start_attempt(any_store, sess.id, card.id, "一号机")
    attempts.submit(any_store, st.attempt_id)
    with pytest.raises(BaiwenError):
        attempts.save_answer(any_store, st.attempt_id, 0, [0], False, token=st.lease_token)
    with pytest.raises(BaiwenError, match="已交卷"):
        attempts.find_candidate(any_store, sess.id, "E000", "考生0")


def test_login_must_match_roster(any_store: Store) -> None:
    from baiwen_desktop.core.errors import BaiwenError

    sess = _open_session(any_store)
    with pytest.raises(BaiwenError, match="名单"):
        attempts.find_candidate(any_store, sess.id, "E000", "别人")
    with any_store.session() as s:
        assert s.scalar(select(Attempt.id)) is None


def test_heartbeat_and_resume_code(any_store: Store) -> None:
    from baiwen_desktop.core.errors import BaiwenError

    sess = _open_session(any_store)
    card = attempts.find_candidate(any_store, sess.id, "E002", "考生2")
    st = attempts.start_attempt(any_store, sess.id, card.id, "二号机")
    attempts.heartbeat(any_store, st.attempt_id, 123_000, 7, token=st.lease_token)
    assert attempt_handover.unfinished_attempts(any_store, "二号机") == [(st.attempt_id, "E002", "考生2")]
    code = attempt_handover.issue_resume_code(any_store, st.attempt_id, "trainer")
    with pytest.raises(BaiwenError):
        attempt_handover.authorise_resume(any_store, st.attempt_id, "000000" if code != "000000" else "111111")
    back = attempt_handover.authorise_resume(any_store, st.attempt_id, code)
    assert (back.counted_ms, back.current_index) == (123_000, 7)
    with pytest.raises(BaiwenError):  # one-time
        attempt_handover.authorise_resume(any_store, st.attempt_id, code)


def test_sqlite_pragmas(store: Store) -> None:
    with store.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_migration_upgrades_a_first_schema_database(tmp_path: Path) -> None:
    """A station's database made by the first schema upgrades in place, keeping its data."""
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine, "0001")
    assert "certificate" not in inspect(engine).get_table_names()
    with engine.begin() as c:
        c.execute(text("INSERT INTO candidate (employee_no, name, unit, post, class_name, created_at) VALUES ('A1', '老张', '', '', '', '2025-01-01 00:00:00')"))
    engine.dispose()
    store = open_store(tmp_path, url)  # what the app does at start
    assert "certificate" in inspect(store.engine).get_table_names()
    assert [c.name for c in roster.list_candidates(store)] == ["老张"]
    with store.engine.connect() as c:
        assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION


def test_head_revision_constant_matches_alembic() -> None:
    from alembic.script import ScriptDirectory

    from baiwen_desktop.store.engine import alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_postgres_url_without_the_driver_is_a_clear_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    from baiwen_desktop.core.errors import StoreFault
    from baiwen_desktop.store import engine

    monkeypatch.setattr(engine, "_has_psycopg", lambda: False)
    with pytest.raises(StoreFault) as e:
        make_engine("postgresql+psycopg://exam:secret@192.168.1.10/baiwen")
    assert e.value.kind == "no_driver"
    assert "PostgreSQL 驱动" in str(e.value) and "secret" not in str(e.value)
