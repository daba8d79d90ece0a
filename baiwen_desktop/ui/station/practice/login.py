"""Practice login: 工号 + 姓名 against the roster (no session); refused during one's exam."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from baiwen_desktop.services import practice
from baiwen_desktop.services.attempts import CandidateCard
from baiwen_desktop.ui.operations import error_text, run_op
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.widgets import button, card, guarded, label


class PracticeLoginPage(QWidget):
    def __init__(self, window: Any) -> None:
        super().__init__()
        self.window_ = window
        self.busy = False
        prepare_page(self, window)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 28, 48, 28)
        outer.setSpacing(14)
        outer.addWidget(label(self.tr("练习"), "title"))
        outer.addWidget(label(self.tr("请输入您的工号和姓名，然后点「开始练习」。练习不计成绩。"), "big"))
        box = card()
        form = QFormLayout(box)
        form.setContentsMargins(36, 28, 36, 28)
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(20)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.employee_no = self._input(self.tr("例如：D00001"))
        self.name = self._input(self.tr("例如：张三"))
        form.addRow(label(self.tr("工号"), "fieldname", wrap=False), self.employee_no)
        form.addRow(label(self.tr("姓名"), "fieldname", wrap=False), self.name)
        outer.addWidget(box)
        self.error = label("", "error")
        self.error.hide()
        outer.addWidget(self.error)
        row = QHBoxLayout()
        self.back_button = button(self.tr("返回"), "", window.go_home)
        self.next_button = button(self.tr("开始练习"), "primary", self.submit)
        self.next_button.setMinimumWidth(260)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        outer.addLayout(row)
        outer.addStretch(1)
        self.employee_no.returnPressed.connect(self.name.setFocus)
        self.name.returnPressed.connect(self.submit)
        self.employee_no.setFocus()

    def _input(self, placeholder: str) -> QLineEdit:
        box = QLineEdit()
        box.setPlaceholderText(placeholder)
        box.setMaxLength(40)
        box.setMinimumWidth(420)
        box.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        return box

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def submit(self) -> None:
        if self.busy:
            return
        no, name = self.employee_no.text().strip(), self.name.text().strip()
        if not no or not name:
            self.show_error(self.tr("请填写工号和姓名"))
            (self.employee_no if not no else self.name).setFocus()
            return
        self.busy = True
        self.next_button.setEnabled(False)
        self.show_error("")
        run_op(self, practice.login, self.window_.store, self.window_.station, no, name,
               on_done=guarded(self, self._found), on_error=guarded(self, self._refused))

    def _found(self, trainee: CandidateCard) -> None:
        from baiwen_desktop.ui.station.practice.menu import PracticeMenuPage

        self.window_.show_page(PracticeMenuPage(self.window_, trainee))

    def _refused(self, e: BaseException) -> None:
        self.busy = False
        self.next_button.setEnabled(True)
        self.show_error(error_text(e))
        self.name.setFocus()
        self.name.selectAll()
