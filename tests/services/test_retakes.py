"""补考 as a policy: a second session needs a confirmation naming the first; a candidate who
handed the exam in starts again only with a trainer's grant, used up in the start transaction;
成绩, exports and score sheets show every attempt and which one counts; certificates follow it."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from baiwen_desktop.cli.main import main
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import parse_exam
from baiwen_desktop.core.question import QType
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, certs, documents, exams, results, retakes, roster, sessions
from baiwen_desktop.services.sessions import SessionAlreadyOpen
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Attempt, AuditEvent, Certificate, RetakeGrant

TEN_SINGLE = {"title": "补考规则测验", "duration_minutes": 10, "pass_mark": "6", "parts": [{"type": "单选", "count": 10, "score_each": "1"}]}


def make_exam(store: Store, **overrides: Any) -> int:
    roster.import_rows(store, [RosterRow("E1", "张三", "城区供电所", "", "一班"), RosterRow("E2", "李四", "城区供电所", "", "二班")], "t")
    return exams.create_exam(store, parse_exam({**TEN_SINGLE, **overrides}, "test"), "t").id


def sit(store: Store, session_id: int, right: int, employee_no: str = "E1", name: str = "张三") -> int:
    """Log in, answer `right` of the 10 questions correctly, hand in; returns the attempt id."""
    card = attempts.find_candidate(store, session_id, employee_no, name)
    st = attempts.start_attempt(store, session_id, card.id, "PC-1")
    for pos, item in enumerate(st.paper.items):
        q = item.question
        assert q.qtype is QType.SINGLE
        wrong = next(i for i in range(len(q.options)) if i not in q.correct)
        attempts.save_answer(store, st.attempt_id, pos, sorted(q.correct) if pos < right else [wrong], False, token=st.lease_token)
    attempts.submit(store, st.attempt_id)
    return st.attempt_id


def test_a_second_session_for_the_same_class_needs_a_confirmation_naming_the_first(store: Store) -> None:
    exam_id = make_exam(store)
    first = sessions.open_session(store, exam_id, "t", class_name="一班")
    with pytest.raises(SessionAlreadyOpen) as info:
        sessions.open_session(store, exam_id, "t", class_name="一班")
    assert info.value.existing.id == first.id
    assert info.value.zh.startswith(f"考试“补考规则测验”已为一班开考（第 {first.id} 场，")
    with pytest.raises(SessionAlreadyOpen):
        sessions.open_session(store, exam_id, "t", class_name="")  # everyone includes 一班
    other = sessions.open_session(store, exam_id, "t", class_name="二班")  # another class: no question
    second = sessions.open_session(store, exam_id, "t", class_name="一班", confirm_second=True)
    assert len({first.id, other.id, second.id}) == 3
    sessions.close_session(store, first.id, "t")
    sessions.close_session(store, second.id, "t")
    sessions.open_session(store, exam_id, "t", class_name="一班")  # nothing open for 一班 any more


def test_a_retake_needs_a_grant_used_up_in_the_start_transaction(any_store: Store) -> None:
    store = any_store
    exam_id = make_exam(store)
    s1 = sessions.open_session(store, exam_id, "t", class_name="一班")
    first = sit(store, s1.id, right=2)
    s2 = sessions.open_session(store, exam_id, "t", class_name="一班", confirm_second=True)
    # the loophole of a second session is closed, at login and in the start transaction itself
    with pytest.raises(BaiwenError, match="您已交卷，不能再次参加本场考试"):
        attempts.find_candidate(store, s2.id, "E1", "张三")
    with store.session() as s:
        cand_id = s.scalar(select(Attempt.candidate_id).where(Attempt.id == first))
    with pytest.raises(BaiwenError, match="您已交卷，补考需监考老师批准"):
        attempts.start_attempt(store, s2.id, cand_id, "PC-2")
    with store.session() as s:
        assert [a.id for a in s.scalars(select(Attempt))] == [first]

    with pytest.raises(BaiwenError, match="请填写补考原因"):
        retakes.grant(store, exam_id, "E1", "  ", "trainer")
    g = retakes.grant(store, exam_id, "E1", "首考不合格，培训后补考", "trainer")
    with pytest.raises(BaiwenError, match="已有一次尚未使用的补考"):
        retakes.grant(store, exam_id, "E1", "again", "trainer")
    retake = sit(store, s2.id, right=10)
    with store.session() as s:
        assert s.get(RetakeGrant, g.id).attempt_id == retake  # type: ignore[union-attr]
        (event,) = s.scalars(select(AuditEvent).where(AuditEvent.event == "retake_grant")).all()
        assert (event.actor, event.detail) == ("trainer", "准予补考：首考不合格，培训后补考")
    with pytest.raises(BaiwenError, match="您已交卷，不能再次参加本场考试"):  # the grant is used up
        attempts.find_candidate(store, s2.id, "E1", "张三")
    hist, open_grant = retakes.history(store, exam_id, "E1")
    assert [(h.label, h.score, h.passed_label) for h in hist] == [("首考", Decimal("2"), "不合格"), ("补考", Decimal("10"), "合格")]
    assert open_grant is None


def test_two_pcs_starting_on_one_grant_give_one_attempt(any_store: Store) -> None:
    store = any_store
    exam_id = make_exam(store)
    sess = sessions.open_session(store, exam_id, "t", class_name="一班")
    first = sit(store, sess.id, right=3)
    retakes.grant(store, exam_id, "E1", "补考", "trainer")
    card = attempts.find_candidate(store, sess.id, "E1", "张三")
    outcomes: list[object] = []

    def start() -> None:
        try:
            outcomes.append(attempts.start_attempt(store, sess.id, card.id, "PC-x").attempt_id)
        except Exception as e:  # refused: the grant is used up (or the row was held by the winner)
            outcomes.append(e)

    threads = [threading.Thread(target=start) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    started = [o for o in outcomes if isinstance(o, int)]
    assert len(started) == 1
    with store.session() as s:
        assert sorted(a.id for a in s.scalars(select(Attempt))) == sorted([first, started[0]])


@pytest.mark.parametrize(("policy", "counted"), [("best", 1), ("first", 0), ("last", 2), ("最高", 1)])
def test_the_attempt_that_counts_follows_the_exam_setting(store: Store, policy: str, counted: int) -> None:
    exam_id = make_exam(store, counts=policy)
    sess = sessions.open_session(store, exam_id, "t", class_name="一班")
    ids = [sit(store, sess.id, right=2)]
    for right in (9, 7):
        retakes.grant(store, exam_id, "E1", "补考", "t")
        ids.append(sit(store, sess.id, right=right))
    every = results.results(store, exam_id, every_attempt=True)
    assert [(r.attempt_id, r.attempt_label, r.score, r.counts) for r in every] == [
        (ids[0], "首考", Decimal("2.00"), counted == 0),
        (ids[1], "补考", Decimal("9.00"), counted == 1),
        (ids[2], "补考2", Decimal("7.00"), counted == 2),
    ]
    (row,) = results.results(store, exam_id)
    assert row.attempt_id == ids[counted]


def test_unknown_counting_setting_is_refused() -> None:
    with pytest.raises(BaiwenError) as info:
        parse_exam({**TEN_SINGLE, "counts": "average"}, "x.toml")
    assert any(i.field == "counts" for i in info.value.issues)  # type: ignore[attr-defined]


def test_exports_and_score_sheets_show_every_attempt_and_certificates_follow_the_one_that_counts(store: Store, tmp_path: Path) -> None:
    exam_id = make_exam(store)
    sess = sessions.open_session(store, exam_id, "t", class_name="一班")
    first = sit(store, sess.id, right=7)
    certs.setup_issuer(store, "sign-pass-1", "JN01", "t")
    signer = certs.unlock(store, "sign-pass-1", "t")
    day = date(2026, 12, 1)
    (c1,) = documents.issue_certificates(store, results.results(store, exam_id), signer, day)
    retakes.grant(store, exam_id, "E1", "申请提高成绩", "t")
    second = sit(store, sess.id, right=9)
    (c2,) = documents.issue_certificates(store, results.results(store, exam_id), signer, day)
    assert (c1.score, c2.score, c2.number) == (Decimal("7.00"), Decimal("9.00"), "BWBC-JN01-2026-000002")
    with store.session() as s:
        old = s.scalar(select(Certificate).where(Certificate.number == c1.number))
        assert old is not None and old.revoked and old.revoke_reason == "计入成绩的答卷已改为另一次考试"
        assert s.scalar(select(Certificate.attempt_id).where(Certificate.number == c2.number)) == second
    assert certs.verify(store, c1.qr_payload).reason == "已作废"

    out = tmp_path / "r.xlsx"
    assert results.export(store, exam_id, "xlsx", out) == 1
    wb = load_workbook(out, read_only=True)
    sheet = [r[:1] + r[3:4] + r[11:13] for r in wb["成绩"].iter_rows(values_only=True)]
    wb.close()
    assert sheet == [("工号", "得分", "考次", "计入成绩"), ("E1", 7, "首考", "否"), ("E1", 9, "补考", "是")]
    (pdf,) = documents.generate(store, "scoresheets", exam_id, tmp_path / "s.pdf")
    pages = [p.extract_text().replace(" ", "") for p in PdfReader(pdf).pages]
    assert len(pages) == 2
    assert "成绩单（首考·不计入成绩）" in pages[0] and "成绩单（补考·计入成绩）" in pages[1]
    assert first < second



def test_class_summary_lists_every_attempt_and_counts_only_the_one_that_counts(store: Store, tmp_path: Path) -> None:
    exam_id = make_exam(store)
    sess = sessions.open_session(store, exam_id, "t", class_name="")
    sit(store, sess.id, right=4)
    sit(store, sess.id, right=8, employee_no="E2", name="李四")
    retakes.grant(store, exam_id, "E1", "首考不合格", "t")
    sit(store, sess.id, right=7)
    summary = documents.class_summary(results.results(store, exam_id, every_attempt=True))
    listed = [(c.employee_no, c.score, c.attempt_note, c.counts) for c in summary.candidates]
    assert listed == [
        ("E1", Decimal("4.00"), "首考 · 不计入成绩", False),
        ("E1", Decimal("7.00"), "补考 · 计入成绩", True),
        ("E2", Decimal("8.00"), "", True),
    ]
    assert (summary.count, summary.mean, summary.min_score, summary.pass_rate) == (2, 7.5, 7.0, 1.0)
    (pdf,) = documents.generate(store, "summary", exam_id, tmp_path / "sum.pdf", sort_by="score")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace(" ", "").replace("\n", "")
    assert "张三（首考）" in text and "张三（补考）" in text and "灰色的一行不计入成绩" in text
    assert "1E2李四" in text and "2E1张三（补考）" in text and "—E1张三（首考）" in text

def test_cli_grants_a_retake(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    exam_id = make_exam(store)
    sess = sessions.open_session(store, exam_id, "t", class_name="一班")
    sit(store, sess.id, right=1)
    args = ["--data-dir", str(store.data_dir)]
    assert main(["retake", "grant", "--exam", str(exam_id), "--employee-no", "E1", "--reason", "病假后补考", *args]) == 0
    assert capsys.readouterr().out.strip() == "已准予补考 / retake granted: E1 张三（病假后补考）"
    assert main(["retake", "grant", "--exam", str(exam_id), "--employee-no", "E2", "--reason", "x", *args]) == 1
    assert "还没有交卷" in capsys.readouterr().err


def test_cli_session_open_twice_needs_force(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    exam_id = make_exam(store)
    args = ["--data-dir", str(store.data_dir)]
    assert main(["session", "open", "--exam", str(exam_id), "--class", "一班", *args]) == 0
    capsys.readouterr()
    assert main(["session", "open", "--exam", str(exam_id), "--class", "一班", *args]) == 1
    assert "已为一班开考" in capsys.readouterr().err
    assert main(["session", "open", "--exam", str(exam_id), "--class", "一班", "--force", *args]) == 0
    assert len([s for s in sessions.open_sessions(store) if s.class_name == "一班"]) == 2
