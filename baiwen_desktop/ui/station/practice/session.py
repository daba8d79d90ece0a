"""A practice run: one question at a time in the exam's widgets, 确定 → feedback → 下一题.

Each answer is committed by the ordered SaveWorker (its own transaction) before the header says
已保存; a failed save is retried. Keys: A–F/1–6 choose, ↑/↓ + Space, Enter 确定 then 下一题,
→/PgDn 下一题 once answered, Esc leaves a text box, then ends the run.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.grading import Response
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.practice import Mode, Tally, check, format_accuracy, practice_item
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.services import practice
from baiwen_desktop.services.attempts import CandidateCard
from baiwen_desktop.ui.station.answer_widgets import OptionsAnswer
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.practice.feedback import FeedbackPanel
from baiwen_desktop.ui.station.practice.header import PracticeHeader
from baiwen_desktop.ui.station.practice.keys import option_key
from baiwen_desktop.ui.station.question_view import QuestionView
from baiwen_desktop.ui.station.save_worker import SaveWorker
from baiwen_desktop.ui.station.styles import Display, apply_display, save_display
from baiwen_desktop.ui.station.widgets import button, label, set_prop

RETRY_MS = 2000
PREPARE_AFTER_MS = 60


class CurrentPage(QStackedWidget):
    """A stack sized by its current page only (a hidden, prepared page must not add scroll space)."""

    def sizeHint(self) -> QSize:
        w = self.currentWidget()
        return w.sizeHint() if w is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        w = self.currentWidget()
        return w.minimumSizeHint() if w is not None else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        w = self.currentWidget()
        return w.hasHeightForWidth() if w is not None else False

    def heightForWidth(self, width: int) -> int:
        w = self.currentWidget()
        return w.heightForWidth(width) if w is not None else -1


def mark_options(answer: OptionsAnswer) -> None:
    """After 确定: the right options say so; a wrong choice says it was the trainee's."""
    q = answer.item.question
    right = {0 if q.truth else 1} if q.qtype is QType.JUDGE else {answer.values.index(i) for i in q.correct}
    for pos, row in enumerate(answer.rows):
        verdict = "right" if pos in right else ("wrong" if row.is_selected() else "")
        set_prop(row, "verdict", verdict)
        if verdict:
            row.tick.setText(row.tr("✓ 正确答案") if verdict == "right" else row.tr("✗ 您的选择"))
        row.tick.setVisible(bool(verdict))


class PracticePage(QWidget):
    def __init__(self, window: Any, trainee: CandidateCard, mode: Mode, questions: Sequence[Question], title: str, seed: int | None = None) -> None:
        super().__init__()
        self.window_ = window
        self.store = window.store
        self.trainee = trainee
        self.mode = mode
        self.questions = list(questions)
        self.seed = seed if seed is not None else int(time.time())
        self.display: Display = prepare_page(self, window)
        self.index = 0
        self.tally = Tally()
        self.answered = False
        self.response: Response = None
        self.item = practice_item(self.questions[0], self.seed)
        self.view: QuestionView | None = None
        self.prepared: tuple[int, QWidget, QVBoxLayout, QuestionView] | None = None
        self.feedback: FeedbackPanel | None = None
        self.pending = 0  # answers queued, not yet committed
        self.failed: list[tuple[Any, ...]] = []
        self.next_shown_at: float = 0.0  # for bench/practice.py
        self.elapsed = QElapsedTimer()
        self.worker = SaveWorker()
        worker = self.worker
        self.destroyed.connect(lambda *_: worker.stop())
        self.worker.job_done.connect(self._saved)
        self.worker.job_failed.connect(self._save_failed)
        self._build(title)
        self.show_question(0)

    # ---------- building ----------
    def _build(self, title: str) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.header = PracticeHeader(title, self.trainee, self.display.high_contrast)
        self.header.bigger.connect(lambda: self.set_display(self.display.bigger()))
        self.header.smaller.connect(lambda: self.set_display(self.display.smaller()))
        self.header.contrast_toggled.connect(lambda on: self.set_display(Display(self.display.scale, on)))
        lay.addWidget(self.header)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages = CurrentPage()  # the question on screen, and the next one being prepared
        self.scroll.setWidget(self.pages)
        lay.addWidget(self.scroll, 1)
        nav = QFrame()
        nav.setObjectName("NavBar")
        row = QHBoxLayout(nav)
        row.setContentsMargins(24, 10, 24, 10)
        row.setSpacing(16)
        self.confirm_button = button(self.tr("确定答案"), "primary", self.confirm)
        self.confirm_button.setToolTip(self.tr("确定答案（Enter）"))
        self.next_button = button(self.tr("下一题 →"), "primary", self.next)
        self.next_button.setToolTip(self.tr("下一题（Enter 或 →）"))
        self.unbook_button = button(self.tr("移出错题本"), "", self.remove_from_book)
        self.unbook_button.setToolTip(self.tr("已经掌握：不再在错题本里出现"))
        self.end_button = button(self.tr("结束练习"), "", self.end)
        self.end_button.setToolTip(self.tr("结束练习（Esc）"))
        self.hint = label("", "hint", wrap=False)
        for b in (self.confirm_button, self.next_button, self.unbook_button, self.end_button):
            b.setMinimumWidth(180)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.confirm_button)
        row.addWidget(self.next_button)
        row.addWidget(self.hint, 1)
        row.addWidget(self.unbook_button)
        row.addWidget(self.end_button)
        lay.addWidget(nav)

    def showEvent(self, e: Any) -> None:
        super().showEvent(e)
        QApplication.instance().installEventFilter(self)

    def hideEvent(self, e: Any) -> None:
        QApplication.instance().removeEventFilter(self)
        super().hideEvent(e)

    # ---------- questions ----------
    def show_question(self, index: int) -> None:
        self.index = index
        self.answered = False
        self.response = None
        self.item = practice_item(self.questions[index], self.seed)
        self._render(self._take_prepared(index))
        self.elapsed.start()
        self.next_shown_at = time.perf_counter()

    def _build_question(self, item: PaperItem, index: int, response: Response) -> tuple[QWidget, QVBoxLayout, QuestionView]:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, self.display.px(24))
        col.setSpacing(0)
        view = QuestionView(item, index, len(self.questions), response, False, self.display, practice=True)
        view.answer.edited.connect(self._edited)
        col.addWidget(view)
        col.addStretch(1)
        return box, col, view

    def _prepare_next(self) -> None:
        """Build the next question while the feedback is read, so 下一题 only has to switch pages."""
        nxt = self.index + 1
        if nxt >= len(self.questions):
            return
        box, col, view = self._build_question(practice_item(self.questions[nxt], self.seed), nxt, None)
        self.pages.addWidget(box)
        box.ensurePolished()  # the style sheet work happens now, not on 下一题
        self.prepared = (nxt, box, col, view)

    def _take_prepared(self, index: int) -> tuple[QWidget, QVBoxLayout, QuestionView] | None:
        prepared, self.prepared = self.prepared, None
        if prepared is not None and prepared[0] == index:
            return prepared[1], prepared[2], prepared[3]
        if prepared is not None:
            self.pages.removeWidget(prepared[1])
            prepared[1].deleteLater()
        return None

    def _render(self, built: tuple[QWidget, QVBoxLayout, QuestionView] | None = None) -> None:
        """Show the question (prepared, or built now) and, once answered, its feedback."""
        box, col, view = built or self._build_question(self.item, self.index, self.response)
        self.feedback = None
        self.column = col
        if self.answered:
            self._add_feedback(view)
        old = self.pages.currentWidget()
        if box.parent() is not self.pages:
            self.pages.addWidget(box)
        self.pages.setCurrentWidget(box)
        if old is not None and old is not box:
            self.pages.removeWidget(old)
            old.deleteLater()
        self._relayout()
        self.scroll.verticalScrollBar().setValue(0)
        self.view = view
        self._buttons()
        self.unbook_button.setEnabled(True)
        self._show_progress()
        first_input = getattr(view.answer, "first_input", None)
        target = first_input() if first_input is not None and not self.answered else None
        if target is not None:
            QTimer.singleShot(0, target, lambda: target.setFocus() if self.view is view else None)
        else:
            self.setFocus()

    def _add_feedback(self, view: QuestionView) -> None:
        view.answer.setEnabled(False)
        if isinstance(view.answer, OptionsAnswer):
            mark_options(view.answer)
        self.feedback = FeedbackPanel(self.item, self.response, self.last_correct, practice.source_items().get(self.item.question.source or ""), self.display.high_contrast)
        wrap = QHBoxLayout()
        wrap.setContentsMargins(self.display.px(36), 0, self.display.px(36), 0)
        wrap.addWidget(self.feedback)
        self.column.insertLayout(1, wrap)
        self._relayout()
        self._buttons()

    def _relayout(self) -> None:
        """The scroll area re-reads the page's height only on its own LayoutRequest (a stacked page
        growing does not send one)."""
        QApplication.postEvent(self.pages, QEvent(QEvent.Type.LayoutRequest))

    def _buttons(self) -> None:
        self.confirm_button.setVisible(not self.answered)
        self.next_button.setVisible(self.answered)
        self.next_button.setText(self.tr("下一题 →") if self.index < len(self.questions) - 1 else self.tr("完成"))
        self.unbook_button.setVisible(self.answered and self.mode is Mode.WRONG)

    def _show_progress(self) -> None:
        self.header.set_progress(self.tr("第 {0}/{1} 题　答对 {2}　正确率 {3}").format(
            self.index + 1, len(self.questions), self.tally.right, format_accuracy(self.tally)))

    def _edited(self, response: Response, _now: bool) -> None:
        if not self.answered:
            self.response = response
            self.hint.setText("")

    def confirm(self) -> None:
        if self.answered or self.view is None:
            return
        self.response = self.view.answer.response()  # type: ignore[attr-defined]
        if self.response is None:
            self.hint.setText(self.tr("请先作答，再点「确定答案」"))
            return
        elapsed_ms = self.elapsed.elapsed()
        correct, _grade = check(self.item, self.response)
        self.last_correct = correct
        self.answered = True
        self.tally = self.tally.add(correct)
        self.hint.setText("")
        self._save(self.item.question, self.response, correct, elapsed_ms)
        self._add_feedback(self.view)
        self._show_progress()
        self.setFocus()
        index = self.index  # after the feedback is painted, while it is read
        QTimer.singleShot(PREPARE_AFTER_MS, self, lambda: self._prepare_next() if self.index == index and self.answered and self.prepared is None else None)
        if self.feedback is not None:
            QTimer.singleShot(0, self, lambda: self.scroll.ensureWidgetVisible(self.feedback.verdict, 0, 40) if self.feedback else None)

    def next(self) -> None:
        if not self.answered:
            return
        if self.index + 1 < len(self.questions):
            self.show_question(self.index + 1)
        else:
            self.end()

    def remove_from_book(self) -> None:
        self.worker.put(("unbook",), practice.remove_from_wrong_book, self.store, self.trainee.id, self.item.question.id)
        self.unbook_button.setEnabled(False)
        self.hint.setText(self.tr("已移出错题本"))

    def end(self) -> None:
        from baiwen_desktop.ui.station.practice.done import PracticeDonePage

        self.window_.show_page(PracticeDonePage(self.window_, self.trainee, self.mode.label, self.tally))

    # ---------- saving ----------
    def _save(self, q: Question, response: Response, correct: bool, elapsed_ms: int) -> None:
        args = (self.store, self.trainee.id, q, self.mode, response, correct, elapsed_ms, self.window_.station)
        self.pending += 1
        self.header.set_save_state("saving")
        self.worker.put(("answer", args), practice.record_answer, *args)

    def _saved(self, tag: Any, _result: Any) -> None:
        if tag[0] != "answer":
            return
        self.pending -= 1
        if self.pending == 0 and not self.failed:
            self.header.set_save_state("saved")

    def _save_failed(self, tag: Any, _error: BaseException) -> None:
        if tag[0] != "answer":
            return
        self.header.set_save_state("failed")
        args = tag[1]
        QTimer.singleShot(RETRY_MS, self, lambda: self.worker.put(tag, practice.record_answer, *args))

    def saved_all(self) -> bool:
        return self.pending == 0

    # ---------- display ----------
    def set_display(self, display: Display) -> None:
        self.display = display
        save_display(self.window_, display)
        apply_display(self, display)
        self._take_prepared(-1)  # built at the old size
        self._render()
        if self.answered:
            self._prepare_next()

    # ---------- keyboard ----------
    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if e.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget) or not (obj is self or self.isAncestorOf(obj)):
            return False
        return self.handle_key(e)  # type: ignore[arg-type]

    def handle_key(self, e: QKeyEvent) -> bool:
        K = Qt.Key
        key, mods = e.key(), e.modifiers()
        focus = QApplication.focusWidget()
        in_text = isinstance(focus, (QLineEdit, QPlainTextEdit))
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        enter = key in (K.Key_Return, K.Key_Enter)
        if key == K.Key_Escape:
            if in_text:
                self.setFocus()
            else:
                self.end()
            return True
        if enter and (not in_text or ctrl or isinstance(focus, QLineEdit)):
            if self.answered:
                self.next()
            else:
                if isinstance(focus, QLineEdit):
                    self._edited(self.view.answer.response(), True)  # type: ignore[union-attr, attr-defined]
                self.confirm()
            return True
        if key in (K.Key_PageDown, K.Key_Right) and self.answered and (key == K.Key_PageDown or not in_text):
            self.next()
            return True
        if in_text or mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        if self.view is None or self.answered:
            return False
        return option_key(self.view.answer, key)
