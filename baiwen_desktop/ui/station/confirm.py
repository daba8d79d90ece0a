"""Confirmation: who is sitting, the exam's rules, then 「我已阅读，开始答题」."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from baiwen_desktop.core.exam import ExamDefinition
from baiwen_desktop.core.question import format_score
from baiwen_desktop.services import attempts
from baiwen_desktop.services.attempts import AttemptState, CandidateCard
from baiwen_desktop.services.sessions import SessionInfo
from baiwen_desktop.ui.operations import error_text, run_op
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.texts import keyboard_help, type_label
from baiwen_desktop.ui.station.widgets import button, card, guarded, label


class ConfirmPage(QWidget):
    def __init__(self, window: Any, session: SessionInfo, candidate: CandidateCard) -> None:
        super().__init__()
        self.window_ = window
        self.session = session
        self.candidate = candidate
        self.busy = False
        prepare_page(self, window)
        exam = session.exam.definition
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 24, 48, 24)
        outer.setSpacing(12)
        outer.addWidget(label(self.tr("请核对信息并阅读考试须知"), "title"))
        content = QWidget()
        lay = QVBoxLayout(content)
        lay.setContentsMargins(0, 0, 12, 0)
        lay.setSpacing(14)
        lay.addWidget(self._who())
        lay.addWidget(self._rules(exam))
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        self.error = label("", "error")
        self.error.hide()
        outer.addWidget(self.error)
        row = QHBoxLayout()
        self.back_button = button(self.tr("不是我，返回"), "", window.go_home)
        self.start_button = button(self.tr("我已阅读，开始答题"), "primary", self.start)
        self.start_button.setMinimumWidth(360)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.start_button)
        outer.addLayout(row)

    def _who(self) -> QWidget:
        box = card()
        grid = QGridLayout(box)
        grid.setContentsMargins(32, 18, 32, 18)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(8)
        rows = ((self.tr("姓名"), self.candidate.name), (self.tr("工号"), self.candidate.employee_no), (self.tr("单位"), self.candidate.unit or "—"))
        for col, (name, value) in enumerate(rows):
            grid.addWidget(label(name, "fieldname", wrap=False), 0, 2 * col)
            grid.addWidget(label(value, "fieldvalue"), 0, 2 * col + 1)
        grid.setColumnStretch(5, 1)
        return box

    def _rules(self, exam: ExamDefinition) -> QWidget:
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(32, 18, 32, 22)
        lay.setSpacing(8)
        lay.addWidget(label(self.tr("考试须知"), "subtitle"))
        facts = self.tr("考试时长 {0} 分钟，共 {1} 题，满分 {2} 分，{3} 分合格。").format(
            exam.duration_minutes, exam.question_count, format_score(exam.total), format_score(exam.pass_mark)
        )
        lay.addWidget(label(facts, "big"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(36)
        grid.setVerticalSpacing(2)
        for n, p in enumerate(exam.parts):  # one cell per part so no line breaks inside "每题 2 分"
            text = self.tr("{0} {1} 道，每题 {2} 分").format(p.title or type_label(p.qtype), p.count, format_score(p.score_each))
            grid.addWidget(label(text, "body", wrap=False), n // 3, n % 3)
        grid.setColumnStretch(3, 1)
        lay.addLayout(grid)
        if exam.focus_loss_limit:
            leave = self.tr("考试期间不要离开考试窗口，也不要切换到其他程序；离开 {0} 次将自动交卷。").format(exam.focus_loss_limit)
        else:
            leave = self.tr("考试期间不要离开考试窗口，也不要切换到其他程序；每次离开都会被记录。")
        rules = (
            self.tr("本次考试为闭卷考试，请勿查阅书籍、资料或手机。"),
            leave,
            self.tr("每道题的答案都会自动保存，不需要手动保存。"),
            self.tr("没把握的题可以点「标记」，之后在右侧答题卡上点题号回来检查。"),
            self.tr("答完后点「交卷」。考试时间到，系统会自动交卷。"),
            keyboard_help(),
        )
        for n, text in enumerate(rules, start=1):
            lay.addWidget(label(f"{n}. {text}", "body"))
        return box

    def start(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.start_button.setEnabled(False)
        self.start_button.setText(self.tr("正在准备试卷…"))
        run_op(
            self, attempts.start_attempt, self.window_.store, self.session.id, self.candidate.id, self.window_.identity,
            on_done=guarded(self, self._started), on_error=guarded(self, self._failed),
        )

    def _started(self, state: AttemptState) -> None:
        from baiwen_desktop.ui.station.flow import open_exam

        open_exam(self.window_, state)

    def _failed(self, e: BaseException) -> None:
        self.busy = False
        self.start_button.setEnabled(True)
        self.start_button.setText(self.tr("我已阅读，开始答题"))
        self.error.setText(error_text(e))
        self.error.show()
