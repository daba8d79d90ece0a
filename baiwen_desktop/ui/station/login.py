"""Login: 工号 + 姓名, checked against the session's roster before anything starts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from baiwen_desktop.services import attempts
from baiwen_desktop.services.attempts import CandidateCard
from baiwen_desktop.services.sessions import SessionInfo
from baiwen_desktop.ui.operations import error_text, run_op
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.widgets import button, card, guarded, label


class RosterLoginPage(QWidget):
    """工号 + 姓名 checked against the roster off the UI thread; subclasses say where to look and go."""

    def __init__(self, window: Any, title: str, prompt: str, action: str) -> None:
        super().__init__()
        self.window_ = window
        self.busy = False
        prepare_page(self, window)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 28, 48, 28)
        outer.setSpacing(14)
        outer.addWidget(label(title, "title"))
        outer.addWidget(label(prompt, "big"))
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
        self.next_button = button(action, "primary", self.submit)
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
        run_op(self, self._lookup, no, name, on_done=guarded(self, self._found), on_error=guarded(self, self._refused))

    def _lookup(self, no: str, name: str) -> CandidateCard:
        raise NotImplementedError

    def _found(self, card_: CandidateCard) -> None:
        raise NotImplementedError

    def _refused(self, e: BaseException) -> None:
        self.busy = False
        self.next_button.setEnabled(True)
        self.show_error(error_text(e))
        self.name.setFocus()
        self.name.selectAll()


class LoginPage(RosterLoginPage):
    """The exam: the session's roster, then the confirmation page."""

    def __init__(self, window: Any, session: SessionInfo) -> None:
        self.session = session
        super().__init__(window, session.exam.title, self.tr("请输入您的工号和姓名，然后点「下一步」。"), self.tr("下一步"))

    def _lookup(self, no: str, name: str) -> CandidateCard:
        return attempts.find_candidate(self.window_.store, self.session.id, no, name)

    def _found(self, card_: CandidateCard) -> None:
        from baiwen_desktop.ui.station.confirm import ConfirmPage

        self.window_.show_page(ConfirmPage(self.window_, self.session, card_))
