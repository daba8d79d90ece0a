"""Fixtures shared by the store tests."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Answer, Attempt


@pytest.fixture
def two_attempts(any_store: Store) -> tuple[int, int]:
    """Two attempts started by bulk_attempts.start_many, their answer rows deleted."""
    from baiwen_desktop.services import bulk_attempts
    from tests.services.test_bulk_attempts import _session

    _, session_id, ids = _session(any_store, 2)
    got = bulk_attempts.start_many(any_store, session_id, ids, "一号机")
    with any_store.session() as s, s.begin():
        s.execute(Answer.__table__.delete().where(Answer.attempt_id.in_(got)))
        assert s.scalar(select(Attempt.id).where(Attempt.id == got[0])) == got[0]
    return got[0], got[1]
