"""Moving between the trainee screens that involve an attempt: exam window and result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from baiwen_desktop.services import attempts, settings
from baiwen_desktop.services.attempts import AttemptState, SubmitResult
from baiwen_desktop.ui.operations import error_text, run_op
from baiwen_desktop.ui.station.exam_window import ExamWindow
from baiwen_desktop.ui.station.page import BusyPage
from baiwen_desktop.ui.station.widgets import guarded


@dataclass(frozen=True)
class ResultData:
    result: SubmitResult
    state: AttemptState
    return_seconds: int


def fetch_result(store: Any, attempt_id: int) -> ResultData:
    seconds = settings.get(store, "result_return_seconds")
    return ResultData(attempts.result_of(store, attempt_id), attempts.load_attempt(store, attempt_id), int(seconds or 60))


def open_exam(window: Any, state: AttemptState, resumed: bool = False) -> ExamWindow:
    """Show the kiosk exam window; the main window waits behind it."""
    window.show_page(BusyPage(window, QCoreApplication.translate("StationFlow", "考试进行中"), QCoreApplication.translate("StationFlow", "请在考试窗口中答题。")))
    exam_window = ExamWindow(window, state, resumed)
    exam_window.begin()
    return exam_window


def exam_window_of(window: Any) -> ExamWindow | None:
    """The exam window now open over `window`, if any (used by tests and screenshots)."""
    for w in window.findChildren(ExamWindow):
        if not w.finished:
            return w
    return None


def show_result(window: Any, attempt_id: int, notice: str = "") -> None:
    from baiwen_desktop.ui.station.result_page import DonePage, ResultPage

    page = BusyPage(window, QCoreApplication.translate("StationFlow", "已交卷"), notice or QCoreApplication.translate("StationFlow", "正在读取成绩……"))
    window.show_page(page)
    window.raise_()
    window.activateWindow()

    def loaded(data: ResultData) -> None:
        if data.state.exam.show_score:
            window.show_page(ResultPage(window, data, notice))
        else:
            window.show_page(DonePage(window, data.return_seconds, notice))

    def failed(e: BaseException) -> None:
        # the paper is submitted; only the score could not be read back
        window.show_page(DonePage(window, 60, notice or error_text(e)))

    run_op(page, fetch_result, window.store, attempt_id, on_done=guarded(page, loaded), on_error=guarded(page, failed))
