"""A training room: several stations (each its own data folder, so its own station id) on one
database. Run on PostgreSQL (the room's server) and on SQLite (one PC, several processes)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from baiwen_desktop.core.errors import AttemptClosed, BaiwenError, LeaseLost
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import (
    accounts,
    attempt_handover,
    attempts,
    audit,
    exams,
    roster,
    sessions,
    station,
)
from baiwen_desktop.services.context import open_app
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store, make_engine, open_store, upgrade
from baiwen_desktop.store.models import Answer, Attempt, ExamSession

PASSWORD = "trainer-pw-1"
Open = Callable[[str], Store]


@pytest.fixture
def room(shared_db_url: str, tmp_path: Path) -> Iterator[Open]:
    """`room("一号机")` opens a station (its own data folder) on the room's one database."""
    url = shared_db_url
    opened: list[Store] = []

    def open_station(name: str) -> Store:
        folder = tmp_path / f"pc-{len(opened)}"
        store = open_app(folder, url, sync_bank=not opened)
        station.rename_station(folder, name)
        opened.append(store)
        return store

    yield open_station
    for s in opened:
        s.dispose()


def _exam_session(store: Store, n: int = 2, ends_at: datetime | None = None) -> sessions.SessionInfo:
    accounts.create_trainer(store, "zhang", PASSWORD, is_admin=True)
    roster.import_rows(store, [RosterRow(f"E{i:03d}", f"考生{i}", "城区供电所", "", "一班") for i in range(n)], "t")
    exam = exams.create_exam(store, parse_exam(STANDARD_EXAM, "t"), "t")
    return sessions.open_session(store, exam.id, "zhang", class_name="一班", ends_at=ends_at)


def _me(store: Store) -> station.StationIdentity:
    return station.station_identity(store)


def _start(store: Store, sess: sessions.SessionInfo, no: str = "E000") -> attempts.AttemptState:
    card = attempts.find_candidate(store, sess.id, no, f"考生{int(no[1:])}")
    return attempts.start_attempt(store, sess.id, card.id, _me(store))


def test_each_data_folder_is_its_own_station(room: Open, tmp_path: Path) -> None:
    a, b = room("一号机"), room("二号机")
    ia, ib = _me(a), _me(b)
    assert ia.id != ib.id and (ia.name, ib.name) == ("一号机", "二号机")
    assert station.station_identity(a) == ia  # stable across starts
    saved = json.loads((a.data_dir / "station.json").read_text(encoding="utf-8"))
    assert saved == {"id": ia.id, "name": "一号机"}
    sess = _exam_session(a)
    st = _start(a, sess)
    with a.session() as s:
        row = s.get(Attempt, st.attempt_id)
        assert row is not None and (row.station_id, row.station) == (ia.id, "一号机")
    # 继续未完成的考试 lists only the PC holding the attempt
    assert attempt_handover.unfinished_attempts(a, ia) == [(st.attempt_id, "E000", "考生0")]
    assert attempt_handover.unfinished_attempts(b, ib) == []


def test_moving_an_attempt_refuses_the_old_holders_writes(room: Open) -> None:
    a, b = room("一号机"), room("二号机")
    sess = _exam_session(a)
    st = _start(a, sess)
    attempts.save_answer(a, st.attempt_id, 0, [1], False, token=st.lease_token, station="一号机")
    assert attempt_handover.held_elsewhere(b, "E000", _me(b)) == [(st.attempt_id, "E000", "考生0", "一号机")]
    with pytest.raises(BaiwenError, match="密码错误"):
        attempt_handover.authorise_resume(b, st.attempt_id, "wrong-password", _me(b), "zhang")
    moved = attempt_handover.authorise_resume(b, st.attempt_id, PASSWORD, _me(b), "zhang")  # 转到本机继续
    assert moved.lease_token != st.lease_token and moved.station == "二号机"
    assert moved.responses[0] == [1]  # the answers came along

    with pytest.raises(LeaseLost) as refused:
        attempts.save_answer(a, st.attempt_id, 1, [2], False, token=st.lease_token, station="一号机")
    assert refused.value.holder == "二号机" and "二号机" in refused.value.zh
    beat = attempts.heartbeat(a, st.attempt_id, 999_000, 9, token=st.lease_token, answered=40, station="一号机")
    assert (beat.status, beat.holder) == ("moved", "二号机")
    with pytest.raises(LeaseLost):
        attempts.submit(a, st.attempt_id, "submitted", counted_ms=999_000, token=st.lease_token)
    assert attempts.record_focus_loss(a, st.attempt_id, "一号机", token=st.lease_token) == 0

    # nothing the old holder sent after the move was stored
    now = attempts.load_attempt(b, st.attempt_id)
    assert now.status == "in_progress" and now.responses[1] is None and now.counted_ms == 0 and now.current_index == 0
    assert now.focus_losses == 0
    # the new holder carries on
    attempts.save_answer(b, st.attempt_id, 1, [3], False, token=moved.lease_token)
    assert attempts.heartbeat(b, st.attempt_id, 5000, 1, token=moved.lease_token).running
    assert attempt_handover.unfinished_attempts(a, _me(a)) == []
    assert [x[0] for x in attempt_handover.unfinished_attempts(b, _me(b))] == [st.attempt_id]

    # audited on both sides, the refusal once however often the old PC tried
    (move,) = audit.query(b, event="lease_move")
    assert move.station == "二号机" and "从“一号机”转到“二号机”" in move.detail and "zhang" in move.detail
    (revoked,) = audit.query(b, event="lease_revoked")
    assert revoked.station == "一号机"
    (refusal,) = audit.query(b, event="lease_refused")
    assert refusal.station == "一号机" and "第 2 题" in refusal.detail and "未保存" in refusal.detail


def test_force_submit_reaches_the_station_at_its_next_heartbeat(room: Open) -> None:
    from baiwen_desktop.ui.station import exam_window

    # reach: one heartbeat every BEAT_SECONDS, checked on the window's 1-second tick
    assert exam_window.BEAT_SECONDS + 1 <= 4
    a, console = room("一号机"), room("教师机")
    sess = _exam_session(a)
    st = _start(a, sess)
    attempts.save_answer(a, st.attempt_id, 0, [1], False, token=st.lease_token)
    assert attempts.heartbeat(a, st.attempt_id, 60_000, 3, token=st.lease_token, answered=1).running
    attempts.submit(console, st.attempt_id, "forced", "监考 zhang 强制交卷", actor="zhang")
    beat = attempts.heartbeat(a, st.attempt_id, 75_000, 4, token=st.lease_token, answered=2)
    assert (beat.status, beat.reason) == ("forced", "监考 zhang 强制交卷")
    # the paper's clock stopped at the forced moment: what the station counted after is not stored
    final = attempts.load_attempt(console, st.attempt_id)
    assert beat.counted_ms == final.counted_ms and 60_000 <= final.counted_ms < 75_000
    assert final.current_index == 3
    with pytest.raises(AttemptClosed):
        attempts.save_answer(a, st.attempt_id, 1, [1], False, token=st.lease_token)


def test_an_answer_save_does_not_reset_the_count_a_forced_finish_carries_on_from(room: Open) -> None:
    """heartbeat_at is when counted_ms was reported: a save between two beats must not move it,
    or a trainer's 强制交卷 right after would drop the seconds since the last beat."""
    a, console = room("一号机"), room("教师机")
    sess = _exam_session(a)
    st = _start(a, sess)
    began = time.monotonic()
    assert attempts.heartbeat(a, st.attempt_id, 60_000, 0, token=st.lease_token).running
    with a.session() as s, s.begin():  # the report was 2 s ago (server clock)
        beat_at = s.scalar(select(Attempt.heartbeat_at).where(Attempt.id == st.attempt_id))
        assert beat_at is not None
        s.execute(update(Attempt).where(Attempt.id == st.attempt_id).values(heartbeat_at=beat_at - timedelta(seconds=2)))
    attempts.save_answer(a, st.attempt_id, 0, [1], False, token=st.lease_token)
    attempts.submit(console, st.attempt_id, "forced", "监考 zhang 强制交卷", actor="zhang")
    elapsed_ms = (time.monotonic() - began) * 1000
    counted = attempts.load_attempt(console, st.attempt_id).counted_ms
    assert 62_000 <= counted <= 62_000 + elapsed_ms + 1


def test_closing_the_session_force_submits_and_refuses_new_starts(room: Open) -> None:
    a = room("一号机")
    sess = _exam_session(a, 2)
    st = _start(a, sess, "E000")
    card = attempts.find_candidate(a, sess.id, "E001", "考生1")
    assert sessions.close_session(a, sess.id, "zhang") == 1
    assert attempts.heartbeat(a, st.attempt_id, 1000, 0, token=st.lease_token).status == "forced"
    with pytest.raises(BaiwenError, match="已结束"):
        attempts.start_attempt(a, sess.id, card.id, _me(a))
    with a.session() as s:
        assert s.scalar(select(Attempt.id).where(Attempt.candidate_id == card.id)) is None


def test_twenty_concurrent_starts_make_one_attempt(room: Open) -> None:
    first = room("一号机")
    sess = _exam_session(first)
    card = attempts.find_candidate(first, sess.id, "E000", "考生0")
    stations = [first] + [room(f"{n}号机") for n in range(2, 21)]
    barrier = threading.Barrier(len(stations))
    outcomes: list[object] = []

    def start(store: Store) -> None:
        barrier.wait()
        try:
            outcomes.append(attempts.start_attempt(store, sess.id, card.id, _me(store)))
        except BaiwenError as e:
            outcomes.append(e)

    threads = [threading.Thread(target=start, args=(s,)) for s in stations]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    started = [o for o in outcomes if isinstance(o, attempts.AttemptState)]
    refused = [o for o in outcomes if isinstance(o, BaiwenError)]
    assert (len(started), len(refused)) == (1, 19), outcomes
    assert all("未完成" in e.zh for e in refused)
    with first.session() as s:
        assert s.scalars(select(Attempt.id).where(Attempt.candidate_id == card.id)).all() == [started[0].attempt_id]  # type: ignore[union-attr]


def test_the_database_refuses_a_second_live_attempt_and_unknown_status(room: Open) -> None:
    a = room("一号机")
    sess = _exam_session(a)
    st = _start(a, sess)
    with a.session() as s:
        row = s.get(Attempt, st.attempt_id)
        assert row is not None
        twin = {c.key: getattr(row, c.key) for c in Attempt.__table__.columns if c.key != "id"}
    with pytest.raises(IntegrityError), a.session() as s, s.begin():
        s.add(Attempt(**twin))
    with pytest.raises(IntegrityError), a.session() as s, s.begin():
        s.execute(update(Attempt).where(Attempt.id == st.attempt_id).values(status="paused"))
    attempts.submit(a, st.attempt_id, token=st.lease_token)
    with a.session() as s, s.begin():  # a retake after a finished attempt is the policy's business, not the index's
        s.add(Attempt(**{**twin, "lease_token": "x"}))


def test_common_end_time_uses_the_servers_clock_even_for_a_silent_station(room: Open) -> None:
    a = room("一号机")
    sess = _exam_session(a, 2)
    st = _start(a, sess, "E000")
    with a.session() as s, s.begin():
        server = db_now(s)
        assert abs((server - datetime.now()).total_seconds()) < 5  # same machine: same reading, whatever the server's zone
        s.execute(update(ExamSession).where(ExamSession.id == sess.id).values(ends_at=server - timedelta(seconds=2)))
    rows = sessions.live_rows(a, sess.id)  # the console's poll does 统一收卷 for PCs that went quiet
    (row,) = [r for r in rows if r.attempt_id == st.attempt_id]
    assert row.status == "auto_submitted"
    final = attempts.result_of(a, st.attempt_id)
    assert final.reason == attempts.SESSION_END
    with a.session() as s:
        got = s.get(Attempt, st.attempt_id)
        assert got is not None and got.submitted_at == server - timedelta(seconds=2)  # stopped at the end time
    beat = attempts.heartbeat(a, st.attempt_id, 1000, 0, token=st.lease_token)
    assert (beat.status, beat.reason) == ("auto_submitted", attempts.SESSION_END)


def test_live_rows_show_pc_answered_count_silence_and_clock_offset(room: Open) -> None:
    a = room("一号机")
    sess = _exam_session(a, 2)
    st = _start(a, sess, "E000")
    attempts.heartbeat(a, st.attempt_id, 30_000, 5, token=st.lease_token, answered=12, station_clock=datetime.now() + timedelta(seconds=12))
    (row,) = [r for r in sessions.live_rows(a, sess.id) if r.attempt_id]
    assert (row.station, row.answered, row.question_count, row.lost, row.status_label) == ("一号机", 12, len(st.paper.items), False, "答题中")
    assert row.since_report_s is not None and row.since_report_s < 5
    if a.is_sqlite:
        assert row.clock_offset_ms is None  # one PC: one clock
    else:
        assert row.clock_offset_ms is not None and 11_000 < row.clock_offset_ms < 13_000
    with a.session() as s, s.begin():
        s.execute(update(Attempt).where(Attempt.id == st.attempt_id).values(heartbeat_at=db_now(s) - timedelta(seconds=31)))
    (row,) = [r for r in sessions.live_rows(a, sess.id) if r.attempt_id]
    assert row.lost and row.status_label == "失联" and row.since_report_s is not None and row.since_report_s >= 31


def test_two_station_processes_one_database(room: Open) -> None:
    """Two real processes, each with its own data folder: the second takes the attempt over; the
    first is refused (on SQLite: one PC, two processes, one file)."""
    a = room("甲")
    sess = _exam_session(a)
    st = _start(a, sess)
    script = (
        "import sys; from baiwen_desktop.services import attempt_handover, attempts, station; from baiwen_desktop.services.context import open_app;"
        "s = open_app(sys.argv[1], sys.argv[2], sync_bank=False); me = station.rename_station(s.data_dir, '乙');"
        "m = attempt_handover.authorise_resume(s, int(sys.argv[3]), sys.argv[4], me, 'zhang');"
        "attempts.save_answer(s, m.attempt_id, 0, [2], False, token=m.lease_token); print(m.lease_token)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(a.data_dir.parent / "other-process"), a.url, str(st.attempt_id), PASSWORD],
        capture_output=True, text=True, timeout=120, check=True,
    )
    new_token = out.stdout.strip()
    assert len(new_token) == 32 and new_token != st.lease_token
    with pytest.raises(LeaseLost, match="乙"):
        attempts.save_answer(a, st.attempt_id, 0, [0], False, token=st.lease_token)
    assert attempts.heartbeat(a, st.attempt_id, 1, 1, token=st.lease_token).status == "moved"
    assert attempts.load_attempt(a, st.attempt_id).responses[0] == [2]


def test_upgrade_from_0002_keeps_answers_and_the_newest_of_duplicate_live_attempts(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'old.sqlite3').as_posix()}"
    engine = make_engine(url)
    upgrade(engine, "0002")
    with engine.begin() as c:
        c.execute(text("INSERT INTO candidate (id, employee_no, name, unit, post, class_name, created_at) VALUES (1, 'A1', '老张', '', '', '', '2025-01-01 00:00:00')"))
        c.execute(text("INSERT INTO exam (id, title, definition, archived, created_at) VALUES (1, 't', '{}', 0, '2025-01-01 00:00:00')"))
        for n in (1, 2):  # the split-brain bug: two live attempts for one candidate
            c.execute(text(
                "INSERT INTO attempt (id, exam_id, candidate_id, station, status, submit_reason, exam_definition, paper, seed, started_at,"
                " limit_ms, counted_ms, current_index, focus_losses, total, pass_mark, pending_review, heartbeat_at)"
                f" VALUES ({n}, 1, 1, '考场', 'in_progress', '', '{{}}', '{{}}', 0, '2025-01-01 09:00:0{n}', 60000, 0, 0, 0, 100, 60, 0,"
                f" '2025-01-01 09:10:0{n}')"
            ))
            c.execute(text(f"INSERT INTO answer (attempt_id, position, response, marked, saved_at, comment) VALUES ({n}, 0, '[1]', 0, '2025-01-01 09:05:00', '')"))
    engine.dispose()
    store = open_store(tmp_path, url)
    with store.session() as s:
        rows = {a.id: (a.status, a.submit_reason, a.station_id, a.submitted_at) for a in s.scalars(select(Attempt))}
        assert s.scalar(select(text("count(*)")).select_from(Answer)) == 2  # the table rebuild cascaded nothing
    assert rows[2] == ("in_progress", "", "", None)
    assert rows[1][0] == "forced" and "保留最新一份" in rows[1][1] and rows[1][3] == datetime(2025, 1, 1, 9, 10, 1)
    # the old station (named 考场 in its settings) still finds its unfinished attempt after the upgrade
    assert [x[0] for x in attempt_handover.unfinished_attempts(store, station.StationIdentity("new-id", "考场"))] == [2]
    store.dispose()


def test_an_old_single_pc_install_keeps_its_station_name(tmp_path: Path) -> None:
    from baiwen_desktop.services import settings

    own = open_app(tmp_path / "old", sync_bank=False)  # SQLite in its own data folder
    settings.put(own, {"station": "一号考场"}, "t")
    (own.data_dir / "station.json").unlink(missing_ok=True)
    assert station.station_identity(own).name == "一号考场"
    shared = open_app(tmp_path / "new", own.url, sync_bank=False)  # another folder on that database
    assert station.station_identity(shared).name == ""  # asks at first start
    own.dispose()
    shared.dispose()
