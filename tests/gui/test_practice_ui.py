"""Practice on the station, driven through real widgets (mouse and keyboard); checks what was stored."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import station_driver
from practice_driver import (
    answer,
    make_trainees,
    next_question,
    practice_login,
    start_mode,
    wait_menu,
    wait_saved,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select
from station_driver import click, type_text

from baiwen_desktop.core.exam import parse_exam
from baiwen_desktop.core.practice import Mode
from baiwen_desktop.core.question import QType
from baiwen_desktop.services import attempts, exams, practice, sessions
from baiwen_desktop.store.models import Answer, Attempt
from baiwen_desktop.ui.station.practice.done import PracticeDonePage
from baiwen_desktop.ui.station.practice.login import PracticeLoginPage
from baiwen_desktop.ui.station.practice.mock import MockPage
from baiwen_desktop.ui.station.practice.progress import ProgressPage
from baiwen_desktop.ui.station.practice.reader import ReaderPage
from baiwen_desktop.ui.station.practice.session import PracticePage

pytestmark = pytest.mark.gui
station_env = station_driver.station_env


def _login(qtbot, window, person):  # type: ignore[no-untyped-def]
    practice_login(qtbot, window, person.employee_no, person.name)
    return wait_menu(qtbot, window)


def test_login_refusals_and_station_switch(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    people = make_trainees(store, 2)
    window = station_env()
    page = practice_login(qtbot, window, people[0].employee_no, "王五")
    assert isinstance(page, PracticeLoginPage) and "不在学员名单" in page.error.text()
    # an exam in progress: no practice for this trainee until it is over
    exam = exams.create_exam(store, parse_exam(station_driver.SMALL_EXAM, "t"), "t")
    sess = sessions.open_session(store, exam.id, "t", station="另一考场")
    attempts.start_attempt(store, sess.id, people[1].id, "另一考场")
    click(page.back_button)
    page = practice_login(qtbot, window, people[1].employee_no, people[1].name)
    assert isinstance(page, PracticeLoginPage) and "正在进行的考试" in page.error.text()
    # the trainer turns practice off for this station: the home button is disabled
    practice.set_practice_enabled(store, station_driver.STATION, False, "admin")
    window.go_home()
    home = station_driver.wait_home(qtbot, window)
    assert home.practice_button is not None and not home.practice_button.isEnabled()


def test_random_practice_by_mouse_stores_each_answer(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    person = make_trainees(store, 1)[0]
    window = station_env()
    _login(qtbot, window, person)
    page = start_mode(qtbot, window, "random")
    assert len(page.questions) == 20 and page.mode is Mode.RANDOM
    asked, verdicts = [], []
    for n, right in enumerate((True, False, True)):
        asked.append(page.item.question.id)
        verdicts.append(answer(qtbot, page, right, "mouse"))
        fb = page.feedback
        assert fb is not None and fb.verdict.text() == ("✓ 回答正确" if right else "✗ 回答错误")
        assert fb.key.text().startswith("正确答案：")
        assert fb.passage is not None and fb.spans, "the key phrase is highlighted in the source passage"
        assert "<span" in fb.passage.text()
        assert not page.view.answer.isEnabled()  # type: ignore[union-attr]
        rows = getattr(page.view.answer, "rows", [])  # type: ignore[union-attr]
        assert not rows or [r.tick.text() for r in rows if r.property("verdict") == "right"], "the right option is shown"
        assert all(r.property("verdict") != "wrong" for r in rows) or not right
        if n < 2:
            next_question(qtbot, page, "mouse")
    assert verdicts == [True, False, True]
    wait_saved(qtbot, page)
    stored = practice.answers_of(store, person.id)
    assert [(q, m, c) for q, m, c, _e in stored] == [(asked[0], "random", True), (asked[1], "random", False), (asked[2], "random", True)]
    assert practice.card_of(store, person.id, asked[1]).in_wrong_book  # type: ignore[union-attr]
    with store.session() as s:  # practice is never an exam attempt
        assert s.scalar(select(func.count()).select_from(Attempt)) == 0
        assert s.scalar(select(func.count()).select_from(Answer)) == 0
    click(page.end_button)
    qtbot.waitUntil(lambda: isinstance(window.current_page(), PracticeDonePage))
    assert "答了 3 题，答对 2 题" in " ".join(w.text() for w in window.current_page().findChildren(type(page.hint)))


def test_order_practice_by_keyboard_from_an_item(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    person = make_trainees(store, 1)[0]
    window = station_env()
    menu = _login(qtbot, window, person)
    assert menu.order_start.currentText() == "问1"
    menu.order_start.setCurrentIndex(menu.order_start.findData("问14"))
    page = start_mode(qtbot, window, "order")
    assert page.questions[0].source == "问14"
    ids = []
    for n in range(4):
        ids.append(page.item.question.id)
        answer(qtbot, page, n != 1, "keyboard")
        if n < 3:
            next_question(qtbot, page, "keyboard")
    wait_saved(qtbot, page)
    stored = practice.answers_of(store, person.id)
    assert [q for q, *_ in stored] == ids and {m for _q, m, _c, _e in stored} == {"order"}
    assert [c for _q, _m, c, _e in stored] == [True, False, True, True]
    assert all(e >= 0 for *_x, e in stored)
    QTest.keyClick(page, Qt.Key.Key_Escape)  # Esc ends the run
    qtbot.waitUntil(lambda: isinstance(window.current_page(), PracticeDonePage))


def test_focus_practice_by_section_and_type(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    person = make_trainees(store, 1)[0]
    window = station_env()
    menu = _login(qtbot, window, person)
    menu.focus_section.setCurrentIndex(menu.focus_section.findData("查行为规范"))
    menu.focus_type.setCurrentIndex(menu.focus_type.findData(QType.JUDGE.value))
    page = start_mode(qtbot, window, "focus")
    assert page.questions and all(q.qtype is QType.JUDGE and q.section == "查行为规范" for q in page.questions)
    answer(qtbot, page, False, "keyboard")
    wait_saved(qtbot, page)
    [(qid, mode, correct, _e)] = practice.answers_of(store, person.id)
    assert (qid, mode, correct) == (page.questions[0].id, "focus", False)


def test_wrong_book_and_review_from_what_was_stored(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    person = make_trainees(store, 1)[0]
    qs = {q.id: q for q in practice.bank_questions(store)}
    yesterday = datetime.now() - timedelta(days=1)
    practice.record_answer(store, person.id, qs["w01-01"], Mode.RANDOM, [0], False, 9000, now=yesterday)
    practice.record_answer(store, person.id, qs["w02-01"], Mode.RANDOM, [0], True, 20_000, now=yesterday)
    window = station_env()
    menu = _login(qtbot, window, person)
    assert menu.data.progress.due_today == 1 and menu.data.progress.wrong_book == 1
    assert menu.buttons["review"].isEnabled() and menu.buttons["wrong"].isEnabled()
    page = start_mode(qtbot, window, "review")
    assert [q.id for q in page.questions] == ["w01-01"]
    answer(qtbot, page, True, "mouse")
    wait_saved(qtbot, page)
    card = practice.card_of(store, person.id, "w01-01")
    assert card is not None and card.due.date() > datetime.now().date() and card.in_wrong_book and card.right_in_row == 1
    click(page.next_button)  # the last one: 完成
    qtbot.waitUntil(lambda: isinstance(window.current_page(), PracticeDonePage))
    click(window.current_page().menu_button)
    page = start_mode(qtbot, window, "wrong")
    assert [q.id for q in page.questions] == ["w01-01"]
    answer(qtbot, page, True, "keyboard")
    assert page.unbook_button.isVisible()
    click(page.unbook_button)
    qtbot.waitUntil(lambda: not practice.card_of(store, person.id, "w01-01").in_wrong_book)  # type: ignore[union-attr]
    assert [m for _q, m, _c, _e in practice.answers_of(store, person.id)] == ["random", "random", "review", "wrong"]


def test_mock_exam_is_timed_and_never_an_attempt(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    person = make_trainees(store, 1)[0]
    exams.create_exam(store, parse_exam(station_driver.SMALL_EXAM, "t"), "t")
    window = station_env()
    menu = _login(qtbot, window, person)
    assert menu.buttons["mock"].isEnabled()
    click(menu.buttons["mock"])
    qtbot.waitUntil(lambda: isinstance(window.current_page(), MockPage))
    page = window.current_page()
    assert page.header.clock.text().startswith("剩余 ") and len(page.items) == 10
    for pos in range(3):
        station_driver.answer_current(qtbot, page, station_driver.correct_response(page.items[pos]), "mouse")
        click(page.next_button)
        qtbot.waitUntil(lambda p=pos: page.index == p + 1)
    click(page.submit_button)
    assert not page.finished and page.submit_button.text() == "确认交卷（7 题未答）"
    click(page.submit_button)
    qtbot.waitUntil(lambda: page.finished)
    page.worker.stop()
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Attempt)) == 0
    stored = practice.answers_of(store, person.id)
    assert [q for q, *_ in stored] == [i.question.id for i in page.items[:3] if i.question.qtype is not QType.SHORT]
    assert {m for _q, m, _c, _e in stored} == {"mock"} and all(c for _q, _m, c, _e in stored)


def test_reader_search_links_to_questions_and_accuracy(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    person = make_trainees(store, 1)[0]
    qs = {q.id: q for q in practice.bank_questions(store)}
    practice.record_answer(store, person.id, qs["w14-01"], Mode.RANDOM, None, False, 9000)
    window = station_env()
    menu = _login(qtbot, window, person)
    click(menu.buttons["reader"])
    qtbot.waitUntil(lambda: isinstance(window.current_page(), ReaderPage) and window.current_page().data is not None)
    reader = window.current_page()
    assert reader.items.count() == 99
    click(reader.search_box)
    type_text(reader.search_box, "十项承诺")
    qtbot.waitUntil(lambda: reader.items.count() == 1)
    assert reader.current == "问14" and "0%" in reader.items.item(0).text()
    assert "练过 1 次，正确率 0%" in reader.stats.text() and "<span" in reader.passage.text()
    click(reader.practise_button)
    qtbot.waitUntil(lambda: isinstance(window.current_page(), PracticePage))
    assert {q.source for q in window.current_page().questions} == {"问14"}


def test_progress_page_and_display_controls(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    person = make_trainees(store, 1)[0]
    qs = {q.id: q for q in practice.bank_questions(store)}
    practice.record_answer(store, person.id, qs["w01-01"], Mode.RANDOM, None, True, 9000)
    practice.record_answer(store, person.id, qs["c01-01"], Mode.RANDOM, None, False, 9000)
    window = station_env()
    menu = _login(qtbot, window, person)
    click(menu.buttons["progress"])
    qtbot.waitUntil(lambda: isinstance(window.current_page(), ProgressPage) and hasattr(window.current_page(), "progress"))
    page = window.current_page()
    assert "已练 2 次，答对 1 次，正确率 50%" in page.summary.text() and "连续练习 1 天" in page.summary.text()
    assert page.items.item(0, 0).text() == "查1" and page.items.item(0, 3).text() == "0%"
    click(page.back_button)
    run = start_mode(qtbot, window, "random")
    station_driver.answer_current(qtbot, run, station_driver.correct_response(run.item), "mouse")
    before = run.view.answer.response()  # type: ignore[union-attr]
    click(run.header.bigger_button)
    click(run.header.contrast_button)
    assert run.display.scale > 1.0 and run.display.high_contrast
    assert run.view.answer.response() == before  # type: ignore[union-attr]
