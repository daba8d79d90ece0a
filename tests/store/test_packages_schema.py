"""Migration 0008_packages: an old station database upgrades in place, and the database itself keeps a
merged station attempt or audit row from being inserted twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from baiwen_desktop.store.engine import HEAD_REVISION, Store, make_engine, open_store, upgrade
from baiwen_desktop.store.models import Attempt, AuditEvent, Package


def _old_attempt(c, n: int, status: str, paper: bool = True) -> None:  # type: ignore[no-untyped-def]
    """An attempt row; `paper`: with the column it had before 0011_attempt_papers."""
    column, value = (" paper,", " '{}',") if paper else ("", "")
    c.execute(text(
        "INSERT INTO attempt (id, exam_id, candidate_id, station, station_id, lease_token, status, submit_reason, exam_definition,"
        f"{column} seed, started_at, limit_ms, counted_ms, answered_count, current_index, focus_losses, total, pass_mark, pending_review)"
        f" VALUES ({n}, 1, 1, '考场', '', '', '{status}', '', '{{}}',{value} 0, '2025-01-01 09:00:0{n}', 60000, 0, 0, 0, 0, 100, 60, 0)"
    ))


def test_a_0007_database_upgrades_in_place_and_keeps_its_partial_indexes(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'old.sqlite3').as_posix()}"
    engine = make_engine(url)
    upgrade(engine, "0007_room")
    with engine.begin() as c:
        c.execute(text("INSERT INTO candidate (id, employee_no, name, unit, post, class_name, created_at) VALUES (1, 'A1', '老张', '', '', '', '2025-01-01 00:00:00')"))
        c.execute(text("INSERT INTO exam (id, title, definition, archived, created_at) VALUES (1, 't', '{}', 0, '2025-01-01 00:00:00')"))
        _old_attempt(c, 1, "submitted")
        c.execute(text("INSERT INTO answer (attempt_id, position, response, marked, saved_at, comment) VALUES (1, 0, '[1]', 0, '2025-01-01 09:05:00', '')"))
        c.execute(text("INSERT INTO audit_event (at, actor, event, attempt_id, station, detail) VALUES ('2025-01-01 09:06:00', 'x', 'submit', 1, '', '')"))
    engine.dispose()
    store = open_store(tmp_path, url)
    with store.session() as s:
        a = s.get(Attempt, 1)
        assert a is not None and (a.origin_station_id, a.origin_attempt_id, a.origin_digest, len(a.answers)) == ("", None, "", 1)
        ev = s.scalars(select(AuditEvent)).one()
        assert (ev.origin_station_id, ev.origin_event_id) == ("", None)
    with store.engine.begin() as c:
        assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION == "0011_attempt_papers"
        # one live attempt per candidate is still a PARTIAL index: a finished attempt and a live one coexist
        _old_attempt(c, 2, "in_progress", paper=False)
    with pytest.raises(IntegrityError), store.engine.begin() as c:
        _old_attempt(c, 3, "in_progress", paper=False)
    store.dispose()


def _finished(origin: str, origin_id: int | None, id_: int) -> dict[str, object]:
    return {
        "id": id_, "exam_id": 1, "candidate_id": 1, "status": "submitted", "exam_definition": {},
        "started_at": __import__("datetime").datetime(2025, 1, 1), "limit_ms": 1, "total": 100, "pass_mark": 60,
        "origin_station_id": origin, "origin_attempt_id": origin_id,
    }


def test_one_station_attempt_and_audit_row_can_be_merged_only_once(any_store: Store) -> None:
    from datetime import datetime

    with any_store.engine.begin() as c:
        c.execute(text("INSERT INTO candidate (id, employee_no, name, unit, post, class_name, created_at) VALUES (1, 'A1', '老张', '', '', '', '2025-01-01 00:00:00')"))
        c.execute(text("INSERT INTO exam (id, title, definition, archived, created_at) VALUES (1, 't', '{}', false, '2025-01-01 00:00:00')"))
    with any_store.session() as s, s.begin():
        # attempts sat here (no origin) never collide; one per station attempt id
        s.add_all([Attempt(**_finished("", None, 1)), Attempt(**_finished("", None, 2)), Attempt(**_finished("S1", 7, 3)), Attempt(**_finished("S2", 7, 4))])
        s.add_all([AuditEvent(at=datetime(2025, 1, 1), actor="a", event="e", origin_station_id="S1", origin_event_id=5),
                   AuditEvent(at=datetime(2025, 1, 1), actor="a", event="e")])
    with pytest.raises(IntegrityError), any_store.session() as s, s.begin():
        s.add(Attempt(**_finished("S1", 7, 5)))
    with pytest.raises(IntegrityError), any_store.session() as s, s.begin():
        s.add(AuditEvent(at=datetime(2025, 1, 1), actor="a", event="e", origin_station_id="S1", origin_event_id=5))
    # the same package recorded twice (same id and direction) is refused by the key
    with any_store.session() as s, s.begin():
        s.add(Package(id="p" * 36, direction="in", kind="result", created_at=datetime(2025, 1, 1), detail={}))
        s.add(Package(id="p" * 36, direction="out", kind="exam", created_at=datetime(2025, 1, 1), detail={}))
    with pytest.raises(IntegrityError), any_store.session() as s, s.begin():
        s.add(Package(id="p" * 36, direction="in", kind="result", created_at=datetime(2025, 1, 1), detail={}))
