"""Shared rows are stamped and checked by the database's clock, not the PC's.

Each test runs the database clock hours away from this PC's clock (by patching the module's
db_now): a PC whose clock is wrong must not shorten or stretch a lock, a code's 30 minutes,
or change a certificate's year and date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from baiwen_desktop.core.certsign import payload_fields
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import accounts, attempt_handover, certs, documents, exams, retakes, roster
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Candidate, Certificate, Exam, ResumeCode, RetakeGrant, Trainer
from tests.services.test_certs import issuer, passed_rows
from tests.services.test_resume_access import _attempt

SERVER = datetime(2031, 1, 1, 0, 10)  # the server's clock: years away from this PC's


class Clock:
    """A database clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self, _bind: object) -> datetime:
        return self.now


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock(SERVER)
    for module in (accounts, attempt_handover, certs, documents, exams, retakes, roster):
        monkeypatch.setattr(module, "db_now", clock)
    return clock


def test_a_resume_code_lives_30_minutes_by_the_server_clock(store: Store, server: Clock) -> None:
    attempt_id = _attempt(store)
    code = attempt_handover.issue_resume_code(store, attempt_id, "admin")
    with store.session() as s:
        assert s.get(ResumeCode, attempt_id).expires_at == SERVER + timedelta(minutes=30)
    server.now = SERVER + timedelta(minutes=30, seconds=1)
    with pytest.raises(BaiwenError, match="过期"):
        attempt_handover.authorise_resume(store, attempt_id, code, "一号机")
    code = attempt_handover.issue_resume_code(store, attempt_id, "admin")
    server.now += timedelta(minutes=29)
    assert attempt_handover.authorise_resume(store, attempt_id, code, "一号机").attempt_id == attempt_id


def test_an_account_lock_lasts_60_seconds_by_the_server_clock(store: Store, server: Clock) -> None:
    accounts.create_trainer(store, "admin", "right-pw1", is_admin=True)
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(BaiwenError):
            accounts.authenticate(store, "admin", "wrong")
    with store.session() as s:
        t = s.scalar(select(Trainer).where(Trainer.username == "admin"))
        assert (t.created_at, t.locked_until) == (SERVER, SERVER + timedelta(seconds=60))
    server.now = SERVER + timedelta(seconds=59)
    with pytest.raises(BaiwenError, match="锁定"):
        accounts.authenticate(store, "admin", "right-pw1")
    assert [t.locked_until for t in accounts.list_trainers(store)] == [SERVER + timedelta(seconds=60)]  # 设置 shows it
    server.now = SERVER + timedelta(seconds=61)
    assert [t.locked_until for t in accounts.list_trainers(store)] == [None]  # over: nothing to show
    assert accounts.authenticate(store, "admin", "right-pw1").username == "admin"


def test_certificates_take_their_year_and_date_from_the_server(store: Store, tmp_path: Path, server: Clock) -> None:
    rows = passed_rows(store, tmp_path, n=4)
    signer = issuer(store)
    server.now = datetime(2030, 12, 31, 23, 59, 58)  # New Year's Eve on the server
    first = documents.issue_certificates(store, rows[:1], signer)
    server.now = datetime(2031, 1, 1, 0, 0, 1)
    second = documents.issue_certificates(store, rows[1:2], signer)
    assert [c.number.split("-")[-2:] for c in first + second] == [["2030", "000001"], ["2031", "000001"]]
    with store.session() as s:
        stored = {c.number: c for c in s.scalars(select(Certificate))}
    assert stored[first[0].number].issued_at == datetime(2030, 12, 31, 23, 59, 58)
    assert payload_fields(stored[second[0].number].payload).issue_date == date(2031, 1, 1)
    certs.revoke(store, first[0].number, "复核", "admin")
    assert stored[first[0].number].revoked_at is None  # the copy read before
    with store.session() as s:
        assert s.scalar(select(Certificate.revoked_at).where(Certificate.number == first[0].number)) == server.now


def test_records_are_stamped_by_the_server_clock(store: Store, tmp_path: Path, server: Clock) -> None:
    rows = passed_rows(store, tmp_path, n=2)
    server.now = SERVER + timedelta(hours=1)
    retakes.grant(store, rows[0].exam_id, rows[0].employee_no, "补考", "admin")
    roster.import_rows(store, [RosterRow("E901", "新学员", "城区供电所", "", "二班")], "t")
    roster.save_candidate(store, RosterRow("E902", "另一学员", "城区供电所", "", "二班"), "t")
    info = exams.create_exam(store, parse_exam(STANDARD_EXAM, "t"), "t")
    with store.session() as s:
        assert s.scalar(select(RetakeGrant.granted_at)) == server.now
        assert s.get(Exam, info.id).created_at == server.now
        assert s.get(Exam, rows[0].exam_id).created_at == SERVER
        rows_ = s.execute(select(Candidate.employee_no, Candidate.created_at).where(Candidate.employee_no.in_(["E901", "E902"])))
        stamps = {no: at for no, at in rows_}
    assert stamps == {"E901": server.now, "E902": server.now}
