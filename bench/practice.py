"""Practice: from 「确定答案」 to the next question on screen, with 10,000 practice answers on record.

Drives the real PracticePage offscreen. Each step: click 确定答案 (grade, feedback shown, answer
queued), wait until the answer is committed (its own transaction), click 下一题 and wait until the
next question is built and shown; each part is timed. Same steps on an empty record in the same run
are the baseline. The target applies to 下一题 -> next question: the save runs, and the next question
is prepared, while the feedback is read (READ_MS between the commit and 下一题, not timed).

    QT_QPA_PLATFORM=offscreen python bench/practice.py [N_STEPS] [N_ON_RECORD]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "gui"))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TARGET_MS = 50
READ_MS = 300  # reading the feedback takes seconds; the next question is prepared meanwhile


def fill_record(store: object, candidate_id: int, n: int) -> None:
    """n practice answers over 60 days, inserted in bulk (what weeks of study leave behind)."""
    from baiwen_desktop.core.practice import CardState, Mode, apply_answer, new_card
    from baiwen_desktop.services import practice
    from baiwen_desktop.store.models import PracticeAnswer, PracticeCard

    qs = practice.bank_questions(store)  # type: ignore[arg-type]
    start = datetime.now() - timedelta(days=60)
    cards: dict[str, CardState] = {}
    rows = []
    for i in range(n):
        q = qs[(i * 7) % len(qs)]
        at = start + timedelta(minutes=8 * i)
        correct = i % 4 != 0
        cards[q.id] = apply_answer(cards.get(q.id) or new_card(i + 1, at), q.qtype, correct, 9000, at)
        rows.append(PracticeAnswer(candidate_id=candidate_id, bank=practice.BANK, qid=q.id, source=q.source or "", section=q.section or "",
                                   mode=Mode.RANDOM.value, correct=correct, elapsed_ms=9000, response=None, answered_at=at, station="bench"))
    with store.session() as s, s.begin():  # type: ignore[attr-defined]
        s.add_all(rows)
        s.add_all(PracticeCard(candidate_id=candidate_id, bank=practice.BANK, qid=qid, fsrs=c.fsrs, due=c.due, reps=c.reps, lapses=c.lapses,
                               in_wrong_book=c.in_wrong_book, right_in_row=c.right_in_row, wrong_since=c.wrong_since, updated_at=datetime.now())
                  for qid, c in cards.items())


def run(folder: Path, steps: int, on_record: int) -> dict[str, list[float]]:
    import practice_driver as pd
    import station_driver as drv

    from baiwen_desktop.services import practice
    from baiwen_desktop.services.context import open_app

    bot = drv.Waiter()
    drv.isolate_prefs(folder / "qsettings")
    store = open_app(folder / "data")
    person = pd.make_trainees(store, 1)[0]
    fill_record(store, person.id, on_record)
    assert len(practice.answers_of(store, person.id)) == on_record
    window = drv.new_window(bot, store)
    pd.practice_login(bot, window, person.employee_no, person.name)
    pd.wait_menu(bot, window)
    menu = window.current_page()
    menu.order_start.setCurrentIndex(0)
    page = pd.start_mode(bot, window, "order")
    times: dict[str, list[float]] = {"feedback": [], "commit": [], "next": [], "cycle": []}
    for i in range(steps):
        drv.answer_current(bot, page, drv.correct_response(page.item) if i % 3 else drv.wrong_response(page.item), "mouse")
        index = page.index
        t0 = time.perf_counter()
        drv.click(page.confirm_button)  # graded, feedback built, answer queued
        QCoreApplication.processEvents()
        t1 = time.perf_counter()
        while not page.saved_all():  # committed in its own transaction
            QCoreApplication.processEvents()
        t2 = time.perf_counter()
        bot.wait(READ_MS)  # the trainee reads the feedback
        t2r = time.perf_counter()
        drv.click(page.next_button)
        while page.index != index + 1:
            QCoreApplication.processEvents()
        QCoreApplication.processEvents()  # the new question laid out and painted
        t3 = time.perf_counter()
        for key, ms in (("feedback", t1 - t0), ("commit", t2 - t0), ("next", t3 - t2r), ("cycle", t2 - t0 + t3 - t2r)):
            times[key].append(ms * 1000)
    assert len(practice.answers_of(store, person.id)) == on_record + steps
    drv.close_window(window)
    store.dispose()
    return times


def main() -> None:
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    on_record = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as d:
        base = run(Path(d) / "empty", steps, 0)
        full = run(Path(d) / "full", steps, on_record)
    labels = {
        "feedback": "确定答案 -> feedback on screen",
        "commit": "确定答案 -> answer committed (background)",
        "next": "下一题 -> next question on screen",
        "cycle": "确定答案 -> committed, + 下一题 -> next on screen",
    }
    print(f"{steps} steps; {on_record} practice answers on record vs an empty record (baseline), same run")
    for key, text in labels.items():
        f, b = statistics.median(full[key]), statistics.median(base[key])
        p95 = sorted(full[key])[max(0, int(len(full[key]) * 0.95) - 1)]
        print(f"{text:52s} median {f:6.1f} ms (p95 {p95:6.1f}), baseline {b:6.1f} ms, ratio {f / b:.2f}x")
    nxt = statistics.median(full["next"])
    print(f"target: next question <= {TARGET_MS} ms after answering: {nxt:.1f} ms, {'met' if nxt <= TARGET_MS else 'NOT met'}")

if __name__ == "__main__":
    main()
