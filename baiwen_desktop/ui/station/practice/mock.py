"""模拟考试: a timed mock of an exam definition. Drawn in memory, graded in memory, never an attempt,
never in 成绩, never certified. Objective answers then go to practice (错题本, review) like any practice."""

from __future__ import annotations

import random
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.clock import format_remaining
from baiwen_desktop.core.grading import Response, grade_item
from baiwen_desktop.core.practice import Mode, check
from baiwen_desktop.core.question import QType, format_score
from baiwen_desktop.services import practice
from baiwen_desktop.services.attempts import CandidateCard
from baiwen_desktop.services.practice import MockExam
from baiwen_desktop.ui.operations import error_text, run_op
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.practice.header import PracticeHeader
from baiwen_desktop.ui.station.practice.keys import option_key
from baiwen_desktop.ui.station.question_view import QuestionView
from baiwen_desktop.ui.station.save_worker import SaveWorker
from baiwen_desktop.ui.station.styles import Display, apply_display, save_display
from baiwen_desktop.ui.station.widgets import button, card, guarded, label


def start_mock(parent: Any, window: Any, trainee: CandidateCard, exam_id: int) -> None:
    def opened(mock: MockExam) -> None:
        window.show_page(MockPage(window, trainee, mock))

    def failed(e: BaseException) -> None:
        if hasattr(parent, "_say"):
            parent._say(error_text(e))

    run_op(parent, practice.start_mock, window.store, exam_id, trainee.employee_no, random.randrange(1, 1_000_000),
           on_done=guarded(parent, opened), on_error=guarded(parent, failed))


class MockPage(QWidget):
    def __init__(self, window: Any, trainee: CandidateCard, mock: MockExam) -> None:
        super().__init__()
        self.window_ = window
        self.trainee = trainee
        self.mock = mock
        self.items = mock.paper.items
        self.responses: list[Response] = [None] * len(self.items)
        self.spent_ms = [0] * len(self.items)
        self.index = 0
        self.finished = False
        self.limit_ms = mock.exam.duration_minutes * 60_000
        self.display: Display = prepare_page(self, window)
        self.worker = SaveWorker()
        worker = self.worker
        self.destroyed.connect(lambda *_: worker.stop())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.header = PracticeHeader(self.tr("模拟考试：{0}（不计成绩）").format(mock.exam.title), trainee, self.display.high_contrast)
        self.header.clock.show()
        self.header.bigger.connect(lambda: self._set_display(self.display.bigger()))
        self.header.smaller.connect(lambda: self._set_display(self.display.smaller()))
        self.header.contrast_toggled.connect(lambda on: self._set_display(Display(self.display.scale, on)))
        lay.addWidget(self.header)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        lay.addWidget(self.scroll, 1)
        nav = QFrame()
        nav.setObjectName("NavBar")
        row = QHBoxLayout(nav)
        row.setContentsMargins(24, 10, 24, 10)
        row.setSpacing(16)
        self.prev_button = button(self.tr("← 上一题"), "", lambda: self.go(self.index - 1))
        self.next_button = button(self.tr("下一题 →"), "primary", lambda: self.go(self.index + 1))
        self.submit_button = button(self.tr("交卷"), "danger", self.ask_submit)
        self.confirming = False
        self.quit_button = button(self.tr("放弃模拟"), "", self.quit)
        for b in (self.prev_button, self.next_button, self.submit_button, self.quit_button):
            b.setMinimumWidth(160)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(self.quit_button)
        row.addWidget(self.submit_button)
        lay.addWidget(nav)
        self.clock = QElapsedTimer()
        self.clock.start()
        self.on_question = QElapsedTimer()
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.view: QuestionView | None = None
        self.show_question(0)
        self.tick()

    def remaining_ms(self) -> int:
        return max(0, self.limit_ms - self.clock.elapsed())

    def tick(self) -> None:
        if self.finished:
            return
        left = self.remaining_ms()
        self.header.clock.setText(self.tr("剩余 {0}").format(format_remaining(left)))
        if left <= 0:
            self.submit()

    def show_question(self, index: int) -> None:
        if self.view is not None and self.on_question.isValid():
            self.spent_ms[self.index] += self.on_question.elapsed()
        self.index = index
        view = QuestionView(self.items[index], index, len(self.items), self.responses[index], False, self.display)
        view.answer.edited.connect(lambda r, _now, p=index: self._edited(p, r))
        self.scroll.setWidget(view)
        self.view = view
        self.on_question.start()
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.items) - 1)
        self._progress()
        self.setFocus()

    def _edited(self, pos: int, response: Response) -> None:
        self.responses[pos] = response
        self._progress()

    def _progress(self) -> None:
        done = sum(r is not None for r in self.responses)
        self.header.set_progress(self.tr("已答 {0}/{1}").format(done, len(self.items)))

    def go(self, index: int) -> None:
        if self.confirming:  # moving on means "not yet"
            self.confirming = False
            self.submit_button.setText(self.tr("交卷"))
        if not self.finished and 0 <= index < len(self.items):
            self.show_question(index)

    def _set_display(self, display: Display) -> None:
        self.display = display
        save_display(self.window_, display)
        apply_display(self, display)
        self.show_question(self.index)

    def quit(self) -> None:
        self.finished = True
        self.timer.stop()
        self._back()

    def _back(self) -> None:
        from baiwen_desktop.ui.station.practice.menu import PracticeMenuPage

        self.window_.show_page(PracticeMenuPage(self.window_, self.trainee))

    def ask_submit(self) -> None:
        """The first click asks (saying what is unanswered), the second hands in."""
        if self.confirming:
            self.submit()
            return
        left = sum(r is None for r in self.responses)
        self.confirming = True
        self.submit_button.setText(self.tr("确认交卷（{0} 题未答）").format(left) if left else self.tr("确认交卷"))

    def submit(self) -> None:
        """Grade in memory; send the objective answers to practice; show the score."""
        if self.finished:
            return
        self.finished = True
        self.timer.stop()
        self.spent_ms[self.index] += self.on_question.elapsed()
        exam = self.mock.exam
        score = sum((grade_item(i, r, exam.multi_policy, exam.partial_fraction).points for i, r in zip(self.items, self.responses, strict=True)), start=type(exam.total)(0))
        right = 0
        for item, response, spent in zip(self.items, self.responses, self.spent_ms, strict=True):
            if response is None or item.question.qtype is QType.SHORT:
                continue
            correct, _g = check(item, response)
            right += int(correct)
            self.worker.put(("answer",), practice.record_answer, self.window_.store, self.trainee.id, item.question, Mode.MOCK, response, correct, spent, self.window_.station)
        self.result = (score, right)
        self._show_result(score, right)

    def _show_result(self, score: Any, right: int) -> None:
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(36, 24, 36, 24)
        lay.setSpacing(12)
        exam = self.mock.exam
        lay.addWidget(label(self.tr("模拟考试结束（不计成绩，不发证书）"), "title"))
        lay.addWidget(label(self.tr("得分 {0} / {1}（{2} 分合格）").format(format_score(score), format_score(exam.total), format_score(exam.pass_mark)), "huge", name="MockScore"))
        answered = sum(r is not None for r in self.responses)
        lay.addWidget(label(self.tr("共 {0} 题，作答 {1} 题，客观题答对 {2} 题。答错的题已放进错题本。简答题只作参考，不计入对错。").format(len(self.items), answered, right), "big"))
        lay.addStretch(1)
        outer = QWidget()
        col = QVBoxLayout(outer)
        col.setContentsMargins(36, 24, 36, 24)
        col.addWidget(box)
        col.addStretch(1)
        self.scroll.setWidget(outer)
        self.prev_button.hide()
        self.next_button.hide()
        self.submit_button.hide()
        self.quit_button.setText(self.tr("返回练习首页"))
        self.quit_button.clicked.disconnect()
        self.quit_button.clicked.connect(self._back)

    def showEvent(self, e: Any) -> None:
        super().showEvent(e)
        QApplication.instance().installEventFilter(self)

    def hideEvent(self, e: Any) -> None:
        QApplication.instance().removeEventFilter(self)
        super().hideEvent(e)

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if e.type() != QEvent.Type.KeyPress or self.finished or not isinstance(obj, QWidget) or not (obj is self or self.isAncestorOf(obj)):
            return False
        K = Qt.Key
        key = e.key()  # type: ignore[attr-defined]
        if key in (K.Key_PageDown, K.Key_PageUp):
            self.go(self.index + (1 if key == K.Key_PageDown else -1))
            return True
        if isinstance(QApplication.focusWidget(), (QLineEdit, QPlainTextEdit)):
            return False
        if key in (K.Key_Right, K.Key_Left):
            self.go(self.index + (1 if key == K.Key_Right else -1))
            return True
        if self.view is None:
            return False
        return option_key(self.view.answer, key)
