"""考试 and 考场: an exam the bank cannot satisfy is refused with the shortfall shown, one it can is
created and previewed; a session is opened, watched live, a candidate force-submitted, a resume
code issued, and the session closed."""

from __future__ import annotations

from typing import Any

import pytest
import test_trainer_support
from PySide6.QtWidgets import QMessageBox
from test_trainer_support import answer_yes, click, open_page, wait_idle

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempt_handover, attempts, exams, roster, sessions
from baiwen_desktop.ui.trainer.exam_form import ExamForm
from baiwen_desktop.ui.trainer.exam_page import ExamPage
from baiwen_desktop.ui.trainer.session_page import SessionPage

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env  # the shared fixture
CLASS = "2025年第一期"


def set_spin(qtbot: Any, spin: Any, text: str) -> None:
    """Type a number into a spin box as a user would: select all, type, leave."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    spin.interpretText()


def test_unsatisfiable_exam_is_refused_then_a_satisfiable_one_is_created(qtbot: Any, store: Any, console_env: Any) -> None:
    page: ExamPage = open_page(qtbot, console_env(), "exams")
    click(qtbot, page.new_button)
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible(), timeout=5000)
    form: ExamForm = page.form
    qtbot.waitUntil(lambda: "可以满足全部规则" in form.live_text, timeout=5000)

    first = form.rules[0]
    assert first.qtype.currentData() == "单选"
    set_spin(qtbot, first.count, "500")
    qtbot.waitUntil(lambda: "缺" in form.live_text, timeout=5000)
    assert "第 1 部分（单选题）需要 500 道" in form.live_text
    assert first.status.text().startswith("✘ 缺")
    click(qtbot, form.save_button)
    wait_idle(qtbot, form)
    assert form.isVisible() and "500" in form.notice.text()
    assert exams.list_exams(store) == []

    set_spin(qtbot, first.count, "20")
    form.title.clear()
    qtbot.keyClicks(form.title, "Quiz A")
    qtbot.waitUntil(lambda: "可以满足全部规则" in form.live_text, timeout=5000)
    assert "共 47 题，总分 100 分" in form.live_text
    # the 出处 rule is on by default and the box switches it
    assert form.spread_sources.isChecked() and form.definition().spread_sources is True
    form.spread_sources.click()
    assert form.definition().spread_sources is False
    form.spread_sources.click()
    click(qtbot, form.save_button)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=5000)
    wait_idle(qtbot, page)
    (created,) = exams.list_exams(store)
    assert created.title == "Quiz A" and created.definition.question_count == 47
    assert [e.title for e in page.table.rows()] == ["Quiz A"]

    # the paper a candidate would see: every question, options in shuffled order, no key
    page.table.select_first()
    click(qtbot, page.preview_button)
    preview = page.preview
    assert preview is not None
    wait_idle(qtbot, preview)
    assert preview.paper is not None and len(preview.paper.items) == 47
    text = preview.view.toPlainText()
    assert "一、单选题" in text and "答案：" not in text
    assert "组卷规则已放宽" not in text and created.definition.spread_sources is True
    assert len({i.question.source for i in preview.paper.items}) == 47  # 47 different 出处

    click(qtbot, page.duplicate_button)
    qtbot.waitUntil(lambda: len(page.table.rows()) == 2, timeout=5000)
    page.table.select_where(lambda e: e.title == "Quiz A")
    click(qtbot, page.archive_button)
    qtbot.waitUntil(lambda: [e.title for e in page.table.rows()] == ["Quiz A（副本）"], timeout=5000)


def _setup(store: Any) -> int:
    roster.import_rows(store, [RosterRow(f"K{i}", f"考生{i}", "城区供电所", "", CLASS) for i in range(1, 4)], "t")
    roster.import_rows(store, [RosterRow("X9", "别班考生", "营销部", "", "别的班")], "t")
    return exams.create_exam(store, parse_exam(STANDARD_EXAM, "std"), "t").id


def test_open_watch_force_submit_resume_code_and_close(qtbot: Any, store: Any, console_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    exam_id = _setup(store)
    page: SessionPage = open_page(qtbot, console_env(), "sessions")
    page.exam.setCurrentIndex(page.exam.findData(exam_id))
    page.klass.setCurrentIndex(page.klass.findData(CLASS))
    assert page.here.isChecked()
    asked = answer_yes(monkeypatch)
    click(qtbot, page.open_button)
    qtbot.waitUntil(lambda: page.session_id is not None and len(page.table.rows()) == 3, timeout=5000)
    assert asked[0].startswith("确定现在开考吗") and CLASS in asked[0] and "注意" not in asked[0]
    (opened,) = sessions.open_sessions(store)
    assert (opened.class_name, opened.station) == (CLASS, page.ctx.station)
    assert {r.status_label for r in page.table.rows()} == {"未开始"}

    # two candidates start on exam stations; the table follows on its own (3 s timer)
    started = {}
    for no, name in (("K1", "考生1"), ("K2", "考生2")):
        card = attempts.find_candidate(store, opened.id, no, name)
        started[no] = attempts.start_attempt(store, opened.id, card.id, "考试机1")
    qtbot.waitUntil(lambda: sum(r.status == "in_progress" for r in page.table.rows()) == 2, timeout=8000)
    cols = {c.title: c for c in page.table.model.columns}
    running = [r for r in page.table.rows() if r.status == "in_progress"]
    assert {cols["考试机"].text(r) for r in running} == {"考试机1"}
    assert {cols["已答"].text(r) for r in running} == {"0 / 47"}
    assert all(cols["上次上报"].text(r).endswith("秒前") for r in running)
    assert "答题中 2" in page.summary.text()

    asked = answer_yes(monkeypatch)
    page.table.select_where(lambda r: r.employee_no == "K1")
    click(qtbot, page.force_button)
    qtbot.waitUntil(lambda: any(r.employee_no == "K1" and r.status == "forced" for r in page.table.rows()), timeout=8000)
    assert "强制交卷" in asked[0]
    assert attempts.result_of(store, started["K1"].attempt_id).status == "forced"

    page.table.select_where(lambda r: r.employee_no == "K2")
    click(qtbot, page.code_button)
    qtbot.waitUntil(lambda: page.code_dialog is not None and page.code_dialog.isVisible(), timeout=5000)
    code = page.code_dialog.code
    assert len(code) == 6 and code.isdigit() and page.code_dialog.code_label.text().replace(" ", "") == code
    assert attempt_handover.authorise_resume(store, started["K2"].attempt_id, code).attempt_id == started["K2"].attempt_id
    page.code_dialog.accept()

    click(qtbot, page.close_button)
    qtbot.waitUntil(lambda: sessions.open_sessions(store) == [], timeout=5000)
    assert "还有 1 名考生正在答题，结束考场将为他们强制交卷" in asked[-1]
    qtbot.waitUntil(lambda: page.session_id is None, timeout=5000)


def test_open_with_a_common_end_time(qtbot: Any, store: Any, console_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date, datetime, time, timedelta

    from PySide6.QtCore import QTime

    from baiwen_desktop.ui.trainer import session_page

    # the page's clock and the server's read 10:00 today: the test means the same at 23:59 as at noon
    now = datetime.combine(date.today(), time(10, 0))

    class TenOClock(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
            return now

    class Today(date):
        @classmethod
        def today(cls) -> date:  # type: ignore[override]
            return now.date()

    monkeypatch.setattr(session_page, "datetime", TenOClock)
    monkeypatch.setattr(session_page, "date", Today)
    monkeypatch.setattr(sessions, "db_now", lambda s: now)  # the service checks the end against the server clock
    exam_id = _setup(store)
    page: SessionPage = open_page(qtbot, console_env(), "sessions")
    page.exam.setCurrentIndex(page.exam.findData(exam_id))
    click(qtbot, page.ends)
    end = now + timedelta(minutes=30)
    page.ends_at.setTime(QTime(end.hour, end.minute))
    asked = answer_yes(monkeypatch)
    click(qtbot, page.open_button)
    qtbot.waitUntil(lambda: page.session_id is not None, timeout=5000)
    (opened,) = sessions.open_sessions(store)
    assert opened.ends_at is not None and opened.ends_at.strftime("%H:%M") == end.strftime("%H:%M")
    assert f"统一收卷：{end:%H:%M}" in asked[0]


@pytest.mark.parametrize(("console_hour", "server_hour", "opens"), [(11, 10, True), (10, 11, False)])
def test_whether_the_end_time_has_passed_is_the_servers_call(
    qtbot: Any, store: Any, console_env: Any, monkeypatch: pytest.MonkeyPatch, console_hour: int, server_hour: int, opens: bool
) -> None:
    """End 10:30: a console whose clock is an hour fast may still open it; one an hour slow is refused."""
    from datetime import date, datetime, time

    from PySide6.QtCore import QTime

    from baiwen_desktop.ui.trainer import session_page

    console, server = (datetime.combine(date.today(), time(h, 0)) for h in (console_hour, server_hour))

    class ConsoleClock(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
            return console

    monkeypatch.setattr(session_page, "datetime", ConsoleClock)
    monkeypatch.setattr(sessions, "db_now", lambda s: server)
    exam_id = _setup(store)
    page: SessionPage = open_page(qtbot, console_env(), "sessions")
    page.exam.setCurrentIndex(page.exam.findData(exam_id))
    click(qtbot, page.ends)
    page.ends_at.setTime(QTime(10, 30))
    answer_yes(monkeypatch)
    click(qtbot, page.open_button)
    wait_idle(qtbot, page)
    if opens:
        qtbot.waitUntil(lambda: page.session_id is not None, timeout=5000)
        (opened,) = sessions.open_sessions(store)
        assert opened.ends_at == datetime.combine(date.today(), time(10, 30))
    else:
        qtbot.waitUntil(lambda: "统一收卷时间 10:30 已过" in page.notice.text(), timeout=5000)
        assert sessions.open_sessions(store) == []


def test_open_asks_first_and_warns_of_a_duplicate(qtbot: Any, store: Any, console_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    exam_id = _setup(store)
    page: SessionPage = open_page(qtbot, console_env(), "sessions")
    page.exam.setCurrentIndex(page.exam.findData(exam_id))
    page.klass.setCurrentIndex(page.klass.findData(CLASS))
    asked: list[str] = []

    def say_no(box: QMessageBox) -> int:
        asked.append(box.text())
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)  # Enter is the safe answer
        return int(QMessageBox.StandardButton.No)

    monkeypatch.setattr(QMessageBox, "exec", say_no)
    click(qtbot, page.open_button)
    wait_idle(qtbot, page)
    assert len(asked) == 1 and sessions.open_sessions(store) == []  # 否: nothing opened
    asked_yes = answer_yes(monkeypatch)
    click(qtbot, page.open_button)
    qtbot.waitUntil(lambda: page.session_id is not None, timeout=5000)
    (first,) = sessions.open_sessions(store)
    click(qtbot, page.open_button)  # the same exam for the same class again: the question says so
    qtbot.waitUntil(lambda: len(sessions.open_sessions(store)) == 2, timeout=5000)
    assert asked_yes[1].startswith(f"注意：这场考试已经为{CLASS}开考（考场 #{first.id}，")
