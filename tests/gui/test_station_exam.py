"""A whole exam through the real widgets: every type by mouse and by keyboard, marks, the
answer sheet, the 交卷 confirmation, the result page; then the database agrees."""

from __future__ import annotations

from decimal import Decimal

import pytest
import station_driver
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from station_driver import (
    answer_current,
    click,
    confirm_start,
    correct_response,
    go_to,
    login,
    make_open_session,
    wait_result,
    wait_saved,
    wrong_response,
)

from baiwen_desktop.core.grading import is_answered
from baiwen_desktop.core.question import QType, format_score
from baiwen_desktop.services import attempts, results
from baiwen_desktop.ui.station.result_page import ResultPage

pytestmark = pytest.mark.gui
station_env = station_driver.station_env  # the fixture, shared with the trainer tests


def test_whole_exam(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 3)
    window = station_env()
    who = opened.candidates[0]
    login(qtbot, window, who.employee_no, who.name)
    ew = confirm_start(qtbot, window)
    assert ew.isFullScreen() and ew.windowFlags() & Qt.WindowType.FramelessWindowHint
    items = ew.model.items
    seen: dict[QType, int] = {}
    expected = []
    for pos, item in enumerate(items):
        t = item.question.qtype
        how = "mouse" if seen.get(t, 0) == 0 else "keyboard"  # first of each type by mouse, second by keys
        seen[t] = seen.get(t, 0) + 1
        go_to(qtbot, ew, pos, "sheet" if how == "mouse" else "keys")
        response = wrong_response(item) if t is QType.JUDGE and how == "mouse" else correct_response(item)
        answer_current(qtbot, ew, response, how)
        qtbot.waitUntil(lambda p=pos: ew.model.answered(p))
        expected.append(response)
    assert set(seen.values()) == {2}
    # mark two questions: Ctrl+M and the button; the sheet shows them
    go_to(qtbot, ew, 1, "sheet")
    QTest.keyClick(ew, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    go_to(qtbot, ew, 4, "sheet")
    click(ew.mark_button)
    assert ew.model.marked_positions() == [1, 4]
    assert ew.sheet.cells[1].property("marked") == "true" and ew.view.marked_chip.isVisibleTo(ew.view)
    # ←/→ move when no text box has the focus
    ew.setFocus()
    QTest.keyClick(ew, Qt.Key.Key_Right)
    assert ew.model.current == 5
    QTest.keyClick(ew, Qt.Key.Key_Left)
    assert ew.model.current == 4
    wait_saved(qtbot, ew)
    assert ew.header.progress.text() == f"已答 {len(items)}/{len(items)}"
    # Ctrl+Enter opens the confirmation; 返回检查 closes it; a marked number jumps back
    QTest.keyClick(ew, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert ew.submit_panel.isVisible() and ew.submit_panel.unanswered == [] and ew.submit_panel.marked == [1, 4]
    click(ew.submit_panel.back_button)
    assert not ew.submit_panel.isVisible()
    click(ew.submit_button)
    chips = [w for w in ew.submit_panel.marked_box.findChildren(type(ew.submit_panel.back_button)) if w.text() == "2"]
    click(chips[0])
    assert ew.model.current == 1 and not ew.submit_panel.isVisible()
    click(ew.submit_button)
    click(ew.submit_panel.confirm_button)
    page = wait_result(qtbot, window)
    assert isinstance(page, ResultPage)

    # the database has exactly what was answered, and the score the page shows
    judge_miss = next(it for it in items if it.question.qtype is QType.JUDGE)
    total = sum((it.score for it in items), Decimal(0))
    state = attempts.load_attempt(store, ew.state.attempt_id)
    assert state.status == "submitted"
    assert state.marked == [i in (1, 4) for i in range(len(items))]
    for item, want, got in zip(items, expected, state.responses, strict=True):
        assert is_answered(item, got)
        assert got == want, item.question.id
    (row,) = results.results(store, opened.exam_id)
    assert row.score == total - judge_miss.score
    assert row.passed is None and row.passed_label == "待复核"  # 简答 await a trainer
    objective = total - judge_miss.score - sum((it.score for it in items if it.question.qtype is QType.SHORT), Decimal(0))
    assert page.score.text() == f"{format_score(objective)} 分"  # 简答 suggestions stay out until confirmed
    assert page.verdict.text() == "简答待复核"
    assert page.review is not None and page.review.entries == 1 + 2  # the wrong 判断 and both 简答
