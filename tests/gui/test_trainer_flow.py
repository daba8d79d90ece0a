"""A candidate sits the exam on a station window (the station engineer's driver), then the trainer
grades the 简答 answers in 阅卷 until the total is final, and exports the results to XLSX."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import station_driver
import test_trainer_support
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from station_driver import ADMIN_PASSWORD, ADMIN_USER, make_open_session, sit_exam
from test_trainer_support import click, open_page, wait_idle

from baiwen_desktop.core.numbers import round_score
from baiwen_desktop.files.results_file import SUMMARY_HEADER
from baiwen_desktop.services import audit, results
from baiwen_desktop.ui.trainer.results_page import ResultsPage
from baiwen_desktop.ui.trainer.review_page import ReviewPage

pytestmark = pytest.mark.gui
station_env = station_driver.station_env  # the station engineer's fixture
console_env = test_trainer_support.console_env  # the shared fixture


def test_sit_grade_and_export(
    qtbot: Any, store: Any, tmp_path: Path, station_env: Any, console_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = make_open_session(store, n_candidates=1)
    person = setup.candidates[0]
    station = station_env()
    sit_exam(qtbot, station, person.employee_no, person.name, "correct")
    (row,) = results.results(store, setup.exam_id)
    assert row.passed is None and row.pending_review  # two 简答 wait for the trainer

    console = console_env(ADMIN_USER, ADMIN_PASSWORD)
    review: ReviewPage = open_page(qtbot, console, "review")
    qtbot.waitUntil(lambda: len(review.items) == 2, timeout=5000)
    assert review.questions.count() == 2  # one entry per question, each with its candidates
    first = review.current
    assert first is not None and first.employee_no == person.employee_no
    html = review.answer_view.toHtml()
    assert "#ffff00" in html  # matched keywords highlighted
    assert first.matched_keywords and first.matched_keywords[0] in review.answer_view.toPlainText()
    assert first.reference[:8] in review.question_view.toPlainText()
    assert review.score.maximum() == float(first.max_points)
    # named by 出处 (问33-6), as on the score sheet and in the item analysis; never the raw id
    number = int(first.question_id.rsplit("-", 1)[1])
    assert first.label.endswith(f"-{number}") and first.label[0] in "问查"
    assert review.question_view.toPlainText().startswith(first.label)
    assert review.questions.item(0).text().startswith(first.label) and first.question_id not in review.questions.item(0).text()

    review.score.setFocus()
    review.score.selectAll()
    qtbot.keyClicks(review.score, "3.5")
    review.score.interpretText()
    qtbot.keyClicks(review.comment, "ok")
    click(qtbot, review.confirm_button)
    wait_idle(qtbot, review)
    assert "3.5" in review.notice.text() and first.label in review.notice.text() and "总分已确定" not in review.notice.text()
    assert len(review.items) == 1 and review.current is not None

    assert review.score.hasFocus()  # the next answer is ready for the keyboard
    qtbot.keyClick(review.score, Qt.Key.Key_Return)  # Enter confirms the suggested score for the second one
    wait_idle(qtbot, review)
    assert "总分已确定" in review.notice.text()
    assert review.current is None and "没有待阅" in review.count_label.text()
    (row,) = results.results(store, setup.exam_id)
    assert row.passed is not None and not row.pending_review
    assert Decimal("3.5") in [q.points for q in row.questions if q.qtype == "简答"]
    assert len(audit.query(store, event="score_change")) == 2

    page: ResultsPage = open_page(qtbot, console, "results")
    page.exam.setCurrentIndex(page.exam.findData(setup.exam_id))
    wait_idle(qtbot, page)
    assert [r.employee_no for r in page.table.rows()] == [person.employee_no]
    assert page.stat_labels["count"].text() == "1"
    assert sum(c for _, _, c in page.histogram.bins) == 1

    out = tmp_path / "成绩.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    click(qtbot, page.export_xlsx)
    wait_idle(qtbot, page)
    assert out.exists() and "已导出 1 名考生" in page.notice.text()
    wb = load_workbook(out, read_only=True)
    sheet = list(wb["成绩"].iter_rows(values_only=True))
    wb.close()
    assert list(sheet[0]) == SUMMARY_HEADER
    assert sheet[1][0] == person.employee_no and sheet[1][1] == person.name
    assert Decimal(str(sheet[1][3])) == round_score(row.score) and sheet[1][5] == row.passed_label
