"""start_attempt's rows as SQLAlchemy's types write them, on both databases (on SQLite the start's
statements but the attempt insert run on sqlite3's own cursor: store.sqlite_text.sqlite_plan)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import NoResultFound

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, exams, roster, sessions
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Answer, AuditEvent


def _started(store: Store) -> tuple[attempts.AttemptState, int, datetime]:
    roster.import_rows(store, [RosterRow("E001", "考生一", "城区供电所", "", "一班")], "t")
    created = exams.create_exam(store, parse_exam(STANDARD_EXAM, "t"), "t")
    ends_at = (datetime.now() + timedelta(hours=2)).replace(microsecond=123456)
    sess = sessions.open_session(store, created.id, "t", class_name="一班", ends_at=ends_at)
    card = attempts.find_candidate(store, sess.id, "E001", "考生一")
    return attempts.start_attempt(store, sess.id, card.id, "一号机"), created.id, ends_at


def test_start_writes_the_rows_sqlalchemy_would(any_store: Store) -> None:
    st, exam_id, ends_at = _started(any_store)
    assert st.ends_at == ends_at and isinstance(st.ends_at, datetime)  # the session's end, read back under the lock
    assert attempts.load_attempt(any_store, st.attempt_id).ends_at == ends_at
    now = st.server_now
    with any_store.session() as s:
        answers = s.execute(select(Answer.position, Answer.response, Answer.marked, Answer.saved_at, Answer.comment).where(Answer.attempt_id == st.attempt_id).order_by(Answer.position)).all()
        assert [tuple(a) for a in answers] == [(i, None, False, now, "") for i in range(47)]
        (event,) = s.scalars(select(AuditEvent).where(AuditEvent.attempt_id == st.attempt_id)).all()
        assert (event.at, event.actor, event.event, event.candidate_id, event.exam_id, event.station, event.detail, event.origin_station_id, event.origin_event_id) == (
            now, "E001", "start", st.candidate.id, exam_id, "一号机", "47 题", "", None,
        )
        if s.get_bind().dialect.name == "sqlite":  # the stored values themselves: JSON null as text, SQLAlchemy's time text
            raw = s.execute(text("SELECT response, typeof(response), marked, typeof(marked), saved_at FROM answer WHERE attempt_id = :a AND position = 0"), {"a": st.attempt_id}).one()
            assert tuple(raw) == ("null", "text", 0, "integer", now.strftime("%Y-%m-%d %H:%M:%S.%f"))
            (at,) = s.execute(text("SELECT at FROM audit_event WHERE id = :i"), {"i": event.id}).one()
            assert at == now.strftime("%Y-%m-%d %H:%M:%S.%f")


def test_start_for_no_such_candidate_raises_as_before(any_store: Store) -> None:
    roster.import_rows(any_store, [RosterRow("E001", "考生一", "城区供电所", "", "一班")], "t")
    created = exams.create_exam(any_store, parse_exam(STANDARD_EXAM, "t"), "t")
    sess = sessions.open_session(any_store, created.id, "t", class_name="一班")
    with pytest.raises(NoResultFound):
        attempts.start_attempt(any_store, sess.id, 999_999, "一号机")
