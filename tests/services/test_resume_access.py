"""Issue 10 items 1–3: resume goes through the account lockout or a guarded one-time code; login timing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import (
    accounts,
    attempt_handover,
    attempts,
    audit,
    exams,
    resume_codes,
    roster,
    sessions,
)
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import ResumeCode

T0 = datetime(2026, 11, 27, 9, 0)


def _attempt(store: Store) -> int:
    roster.import_rows(store, [RosterRow("E001", "考生1", "城区供电所", "", "一班")], "t")
    exam = exams.create_exam(store, parse_exam(STANDARD_EXAM, "t"), "t")
    sess = sessions.open_session(store, exam.id, "t", class_name="一班")
    card = attempts.find_candidate(store, sess.id, "E001", "考生1")
    return attempts.start_attempt(store, sess.id, card.id, "一号机").attempt_id


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_resume_password_counts_toward_the_console_lockout(store: Store) -> None:
    accounts.create_trainer(store, "admin", "right-pw1", is_admin=True)
    attempt_id = _attempt(store)
    for _ in range(5):  # locked at the console
        with pytest.raises(BaiwenError):
            accounts.authenticate(store, "admin", "wrong", now=T0)
    for _ in range(10):  # the resume page does not get round it, even with the right password
        with pytest.raises(BaiwenError, match="锁定"):
            attempt_handover.authorise_resume(store, attempt_id, "right-pw1", "一号机", "admin", now=T0 + timedelta(seconds=1))
    with pytest.raises(BaiwenError, match="锁定"):
        attempt_handover.authorise_resume(store, attempt_id, "right-pw1", "一号机", "admin", now=T0 + timedelta(seconds=59))
    back = attempt_handover.authorise_resume(store, attempt_id, "right-pw1", "一号机", "admin", now=T0 + timedelta(seconds=61))
    assert back.attempt_id == attempt_id
    assert audit.query(store, event="resume")[0].detail.startswith("经管理员 admin授权")


def test_wrong_resume_passwords_lock_the_account_for_console_login(store: Store) -> None:
    accounts.create_trainer(store, "admin", "right-pw1", is_admin=True)
    attempt_id = _attempt(store)
    for n in range(5):
        with pytest.raises(BaiwenError, match="锁定" if n == 4 else "用户名或密码错误"):
            attempt_handover.authorise_resume(store, attempt_id, "wrong", "一号机", "admin", now=T0)
    with pytest.raises(BaiwenError, match="锁定"):
        accounts.authenticate(store, "admin", "right-pw1", now=T0 + timedelta(seconds=10))
    assert [e.detail for e in audit.query(store, event="lockout")] == ["连续 5 次密码错误，锁定 60 秒"]


def test_a_password_without_an_account_name_is_refused(store: Store) -> None:
    accounts.create_trainer(store, "admin", "right-pw1", is_admin=True)
    attempt_id = _attempt(store)
    with pytest.raises(BaiwenError, match="账号"):
        attempt_handover.authorise_resume(store, attempt_id, "right-pw1", "一号机")
    assert audit.query(store, event="resume") == []


def test_five_wrong_codes_lock_with_growing_waits(store: Store) -> None:
    attempt_id = _attempt(store)
    code = attempt_handover.issue_resume_code(store, attempt_id, "admin", now=T0)
    bad = _wrong(code)
    for n in range(1, 5):
        with pytest.raises(BaiwenError, match=f"再错 {5 - n} 次"):
            attempt_handover.authorise_resume(store, attempt_id, bad, "一号机", now=T0)
    with pytest.raises(BaiwenError, match="锁定 1 分钟"):
        attempt_handover.authorise_resume(store, attempt_id, bad, "一号机", now=T0)
    with pytest.raises(BaiwenError, match="已锁定"):  # the right code waits out the lock too
        attempt_handover.authorise_resume(store, attempt_id, code, "一号机", now=T0 + timedelta(seconds=59))
    t1 = T0 + timedelta(seconds=61)
    for _ in range(5):
        with pytest.raises(BaiwenError):
            attempt_handover.authorise_resume(store, attempt_id, bad, "一号机", now=t1)
    with store.session() as s:
        row = s.get(ResumeCode, attempt_id)
        assert row is not None and row.lockouts == 2 and row.locked_until == t1 + timedelta(minutes=2)
    with pytest.raises(BaiwenError, match="已锁定"):
        attempt_handover.authorise_resume(store, attempt_id, code, "一号机", now=t1 + timedelta(seconds=119))
    assert attempt_handover.authorise_resume(store, attempt_id, code, "一号机", now=t1 + timedelta(seconds=121)).attempt_id == attempt_id
    # every try is audited: 10 wrong, 2 while locked
    failed = [e.detail for e in audit.query(store, event="resume_failed")]
    assert len(failed) == 12
    assert failed.count("恢复码已锁定时再次输入") == 2
    assert [resume_codes.lock_length(n).total_seconds() for n in (1, 2, 3, 7, 30)] == [60, 120, 240, 3600, 3600]


def test_code_expires_after_30_minutes_and_after_use(store: Store) -> None:
    attempt_id = _attempt(store)
    code = attempt_handover.issue_resume_code(store, attempt_id, "admin", now=T0)
    with pytest.raises(BaiwenError, match="过期"):
        attempt_handover.authorise_resume(store, attempt_id, code, "一号机", now=T0 + timedelta(minutes=30))
    code = attempt_handover.issue_resume_code(store, attempt_id, "admin", now=T0 + timedelta(minutes=31))
    attempt_handover.authorise_resume(store, attempt_id, code, "一号机", now=T0 + timedelta(minutes=60))
    with pytest.raises(BaiwenError, match="不正确"):
        attempt_handover.authorise_resume(store, attempt_id, code, "一号机", now=T0 + timedelta(minutes=61))


def test_code_is_stored_with_salted_scrypt(store: Store) -> None:
    attempt_id = _attempt(store)
    a = attempt_handover.issue_resume_code(store, attempt_id, "admin", now=T0)
    with store.session() as s:
        first = s.scalar(select(ResumeCode.code_hash))
    b = attempt_handover.issue_resume_code(store, attempt_id, "admin", now=T0)
    with store.session() as s:
        second = s.scalar(select(ResumeCode.code_hash))
    assert first is not None and second is not None
    assert first.startswith("scrypt$16384$8$1$") and a not in first
    if a == b:  # same code, different salt: different hash
        assert first != second
    salt_a, salt_b = first.split("$")[4], second.split("$")[4]
    assert salt_a != salt_b


def test_other_codes_are_not_accepted(store: Store) -> None:
    attempt_id = _attempt(store)
    with pytest.raises(BaiwenError, match="6 位恢复码"):
        attempt_handover.authorise_resume(store, attempt_id, "12345", "一号机", now=T0)
    with pytest.raises(BaiwenError, match="不正确"):  # no code issued yet
        attempt_handover.authorise_resume(store, attempt_id, "123456", "一号机", now=T0)


def test_login_runs_the_kdf_for_unknown_names_and_locked_accounts(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts.create_trainer(store, "admin", "right-pw1", is_admin=True)
    accounts.decoy_hash()  # made once, outside the count
    calls: list[str] = []
    real = accounts.verify_password
    monkeypatch.setattr(accounts, "verify_password", lambda pw, stored: calls.append(pw) or real(pw, stored))
    for name in ("nobody", "admin"):
        with pytest.raises(BaiwenError) as e:
            accounts.authenticate(store, name, "guess-1", now=T0)
        assert str(e.value).startswith("用户名或密码错误（连续 5 次错误将锁定 60 秒）")  # the same words for both
    assert calls == ["guess-1", "guess-1"]
    for _ in range(4):
        with pytest.raises(BaiwenError):
            accounts.authenticate(store, "admin", "guess-1", now=T0)
    calls.clear()
    with pytest.raises(BaiwenError, match="锁定"):
        accounts.authenticate(store, "admin", "right-pw1", now=T0 + timedelta(seconds=1))
    assert calls == ["right-pw1"]
