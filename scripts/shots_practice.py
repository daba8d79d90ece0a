"""Render every practice screen to PNG, at 1366×768 and at 1920×1080 (called by screenshots.py).

Drives the real widgets (tests/gui/practice_driver.py) on a throw-away data folder with a roster,
some practice history, and one exam definition for the mock.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

SIZES = ((1366, 768), (1920, 1080))


def render_all(out: Path) -> list[Path]:
    saved: list[Path] = []
    for w, h in SIZES:
        saved += render_practice(out, w, h)
    return saved


def render_practice(out: Path, width: int, height: int) -> list[Path]:
    import practice_driver as pd
    import station_driver as drv

    from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
    from baiwen_desktop.core.practice import Mode
    from baiwen_desktop.core.question import QType
    from baiwen_desktop.services import exams, practice
    from baiwen_desktop.services.context import open_app
    from baiwen_desktop.ui.station.practice.done import PracticeDonePage
    from baiwen_desktop.ui.station.practice.mock import MockPage
    from baiwen_desktop.ui.station.practice.progress import ProgressPage
    from baiwen_desktop.ui.station.practice.reader import ReaderPage
    from baiwen_desktop.ui.station.styles import Display, save_display

    bot = drv.Waiter()
    saved: list[Path] = []

    def shot(name: str, widget: QWidget) -> None:
        QTest.qWait(150)
        path = out / f"practice_{width}x{height}_{len(saved) + 1:02d}_{name}.png"
        widget.grab().save(str(path))
        saved.append(path)
        print(path)

    tmp = Path(tempfile.mkdtemp(prefix="baiwen-practice-shots-"))
    drv.isolate_prefs(tmp / "qsettings")
    store = open_app(tmp / "data")
    people = pd.make_trainees(store, 6)
    exams.create_exam(store, parse_exam({**STANDARD_EXAM, "title": "百问百查闭卷考试（模拟）"}, "shots"), "admin")
    qs = practice.bank_questions(store)
    # a week of history for the first trainee: some wrong, some due today
    for day in range(6, 0, -1):
        for n, q in enumerate(qs[day * 20 : day * 20 + 12]):
            practice.record_answer(store, people[0].id, q, Mode.RANDOM, None, n % 4 != 0, 8000 + 1000 * n, now=datetime.now() - timedelta(days=day))
    window = drv.new_window(bot, store)
    window.resize(width, height)
    shot("home", window)
    pd.practice_login(bot, window, people[0].employee_no, "王五")
    shot("login_error", window)
    pd.practice_login(bot, window, people[0].employee_no, people[0].name)
    pd.wait_menu(bot, window)
    shot("menu", window)

    run = pd.start_mode(bot, window, "random")
    shot("question", window)
    pd.answer(bot, run, True)
    shot("feedback_right", window)
    pd.next_question(bot, run)
    pd.answer(bot, run, False)
    shot("feedback_wrong", window)
    _scroll_down(run)
    shot("feedback_wrong_passage", window)
    while run.item.question.qtype is not QType.MULTI:
        if not run.answered:
            pd.answer(bot, run, True)
        pd.next_question(bot, run)
    drv.answer_current(bot, run, drv.wrong_response(run.item), "mouse")
    shot("multi_question", window)
    click_confirm = run.confirm_button
    drv.click(click_confirm)
    bot.waitUntil(lambda: run.feedback is not None)
    drv.click(run.header.contrast_button)
    shot("feedback_high_contrast", window)
    drv.click(run.header.contrast_button)
    drv.click(run.header.bigger_button)
    drv.click(run.header.bigger_button)
    shot("feedback_large_font", window)
    save_display(window, Display(1.0, False))
    drv.click(run.end_button)
    bot.waitUntil(lambda: isinstance(window.current_page(), PracticeDonePage))
    shot("done", window)
    drv.click(window.current_page().menu_button)

    blank = pd.wait_menu(bot, window)
    blank.focus_type.setCurrentIndex(blank.focus_type.findData(QType.BLANK.value))
    run = pd.start_mode(bot, window, "focus")
    shot("blank_question", window)
    pd.answer(bot, run, True, "keyboard")
    shot("blank_feedback", window)
    drv.click(run.end_button)
    bot.waitUntil(lambda: isinstance(window.current_page(), PracticeDonePage))
    drv.click(window.current_page().menu_button)

    run = pd.start_mode(bot, window, "wrong")
    pd.answer(bot, run, True)
    shot("wrong_book", window)
    drv.click(run.end_button)
    bot.waitUntil(lambda: isinstance(window.current_page(), PracticeDonePage))
    drv.click(window.current_page().menu_button)

    menu = pd.wait_menu(bot, window)
    drv.click(menu.buttons["reader"])
    bot.waitUntil(lambda: isinstance(window.current_page(), ReaderPage) and window.current_page().data is not None)
    shot("reader", window)
    reader = window.current_page()
    drv.click(reader.search_box)
    drv.type_text(reader.search_box, "十项承诺")
    bot.waitUntil(lambda: reader.items.count() == 1)
    shot("reader_search", window)
    drv.click(reader.back_button)

    menu = pd.wait_menu(bot, window)
    drv.click(menu.buttons["progress"])
    bot.waitUntil(lambda: isinstance(window.current_page(), ProgressPage) and hasattr(window.current_page(), "progress"))
    shot("progress", window)
    drv.click(window.current_page().back_button)

    menu = pd.wait_menu(bot, window)
    drv.click(menu.buttons["mock"])
    bot.waitUntil(lambda: isinstance(window.current_page(), MockPage))
    mock = window.current_page()
    drv.answer_current(bot, mock, drv.correct_response(mock.items[0]), "mouse")
    shot("mock_question", window)
    for pos in range(8):
        drv.answer_current(bot, mock, drv.correct_response(mock.items[mock.index]), "mouse")
        drv.click(mock.next_button)
        bot.waitUntil(lambda p=pos: mock.index == p + 1)
    drv.click(mock.submit_button)
    shot("mock_confirm", window)
    drv.click(mock.submit_button)
    bot.waitUntil(lambda: mock.finished)
    shot("mock_result", window)
    mock.worker.stop()

    # the trainer's class view, with more trainees' history
    for k, person in enumerate(people[1:], start=1):
        for n, q in enumerate(qs[k * 37 : k * 37 + 15 * k]):
            practice.record_answer(store, person.id, q, Mode.RANDOM, None, (n + k) % 3 != 0, 9000, now=datetime.now() - timedelta(hours=n))
    from baiwen_desktop.ui.trainer.console import ConsolePage
    from baiwen_desktop.ui.trainer.login import LoginPage

    window.go_home()
    drv.wait_home(bot, window)
    window.open_admin()
    bot.waitUntil(lambda: isinstance(window.current_page(), LoginPage))
    login = window.current_page()
    drv.type_text(login.username, drv.ADMIN_USER)
    drv.type_text(login.password, drv.ADMIN_PASSWORD)
    drv.click(login.login_button)
    bot.waitUntil(lambda: isinstance(window.current_page(), ConsolePage), timeout=10_000)
    console = window.current_page()
    page = console.open("practice")
    bot.waitUntil(lambda: page.view is not None and not page.busy, timeout=10_000)
    shot("console_class_view", window)
    drv.close_window(window)
    store.dispose()
    return saved


def _scroll_down(page: QWidget) -> None:
    from PySide6.QtWidgets import QScrollArea

    for area in page.findChildren(QScrollArea):
        bar = area.verticalScrollBar()
        bar.setValue(bar.maximum())
