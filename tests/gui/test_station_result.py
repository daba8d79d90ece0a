"""The trainee's result page: while 简答 await a trainer, the objective score and 简答待复核 are
shown apart, so the big number is the sum of the per-type table; afterwards the total and verdict."""

from __future__ import annotations

from decimal import Decimal

import pytest
import station_driver
from station_driver import correct_response, make_open_session, sit_exam, wrong_response

from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.question import QType, format_score
from baiwen_desktop.services import attempts, review
from baiwen_desktop.ui.station.flow import fetch_result
from baiwen_desktop.ui.station.result_page import ResultPage

pytestmark = pytest.mark.gui
station_env = station_driver.station_env


def _half_right(item: PaperItem, pos: int) -> object:
    """Objective questions alternately right and wrong; 简答 with only the first 要点 (a fraction)."""
    if item.question.qtype is QType.SHORT:
        return item.question.points[0].keywords[0] + "。"
    return correct_response(item) if pos % 2 == 0 else wrong_response(item)


def _cells(page: ResultPage) -> list[str]:
    return [w.text() for w in page.findChildren(type(page.score)) if w.objectName() == "TableCell"]


def test_objective_score_apart_until_the_trainer_confirms(qtbot, store, station_env) -> None:  # type: ignore[no-untyped-def]
    opened = make_open_session(store, 1)
    window = station_env()
    who = opened.candidates[0]
    ew = sit_exam(qtbot, window, who.employee_no, who.name, _half_right)
    page = window.current_page()
    assert isinstance(page, ResultPage)
    result = attempts.result_of(store, ew.state.attempt_id)
    assert result.pending_review and result.passed is None
    objective = sum((it.score for pos, it in enumerate(ew.model.items) if it.question.qtype is not QType.SHORT and pos % 2 == 0), Decimal(0))
    suggested = result.score - objective
    assert suggested > 0  # the 简答 suggestion that used to be added into the big number
    assert result.objective_score == objective
    assert page.score.text() == f"{format_score(objective)} 分"
    assert page.score_caption.isVisible() and page.score_caption.text() == "客观题得分"
    assert page.verdict.text() == "简答待复核"
    # the big number is exactly what the per-type rows add up to; 简答 says 待复核
    cells = _cells(page)
    shown_points = [c.split(" / ")[0] for c in cells if " / " in c]
    assert sum(Decimal(p) for p in shown_points) == objective and "待复核" in cells

    for p in review.pending(store):  # the trainer confirms 1 point for each 简答
        review.set_score(store, p.answer_id, Decimal(1), "admin")
    data = fetch_result(store, ew.state.attempt_id)
    final = ResultPage(window, data)
    qtbot.addWidget(final)
    assert final.score.text() == f"{format_score(objective + 2)} 分" and not final.score_caption.isVisibleTo(final)
    assert final.verdict.text() in ("合格", "不合格") and "待复核" not in _cells(final)


def test_an_hq_package_exam_says_station_result_hq_decides(qtbot, store, station_env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from baiwen_desktop.core.exam import parse_exam
    from baiwen_desktop.services import exams, results
    from baiwen_desktop.services.demo import run_demo

    small = {"title": "站点考试", "duration_minutes": 30, "pass_mark": 6,
             "parts": [{"type": "单选", "count": 5, "score_each": 1}, {"type": "判断", "count": 5, "score_each": 1}]}
    hq = exams.create_exam(store, parse_exam({**small, "extra": {"hq_package": {"package_id": "0f1e2d3c-1111-4000-8000-000000000000"}}}, "t"), "t")
    own = exams.create_exam(store, parse_exam(small, "t"), "t")
    window = station_env()
    pages = {}
    for exam in (hq, own):
        run_demo(store, tmp_path / str(exam.id), candidates=1, seed=exam.id, with_pdfs=False, exam_id=exam.id)
        (row,) = results.results(store, exam.id)
        pages[exam.id] = ResultPage(window, fetch_result(store, row.attempt_id))
        qtbot.addWidget(pages[exam.id])
    assert pages[hq.id].station_copy is not None and pages[hq.id].station_copy.text() == "站点成绩，以总部为准"
    assert pages[own.id].station_copy is None
