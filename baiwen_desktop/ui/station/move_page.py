"""「转到本机继续」, first step: whose exam? The 工号 finds the live attempt held by another PC."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from baiwen_desktop.services import attempt_handover
from baiwen_desktop.ui.operations import error_text, run_op
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.widgets import button, card, guarded, label


class MovePage(QWidget):
    def __init__(self, window: Any) -> None:
        super().__init__()
        self.window_ = window
        self.busy = False
        prepare_page(self, window)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 28, 48, 28)
        outer.setSpacing(14)
        outer.addWidget(label(self.tr("转到本机继续"), "title"))
        outer.addWidget(label(self.tr("考生原来的电脑出了故障时，可以换到这台电脑上接着答题。请输入考生的工号。"), "big"))
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(36, 22, 36, 26)
        lay.setSpacing(12)
        lay.addWidget(label(self.tr("工号"), "fieldname"))
        self.employee_no = QLineEdit()
        self.employee_no.setPlaceholderText(self.tr("例如：D00001"))
        self.employee_no.setMaxLength(40)
        self.employee_no.setMaximumWidth(520)
        self.employee_no.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.employee_no.returnPressed.connect(self.submit)
        lay.addWidget(self.employee_no)
        outer.addWidget(box)
        self.error = label("", "error")
        self.error.hide()
        outer.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(button(self.tr("返回"), "", window.go_home))
        row.addStretch(1)
        self.find_button = button(self.tr("下一步"), "primary", self.submit)
        self.find_button.setMinimumWidth(260)
        row.addWidget(self.find_button)
        outer.addLayout(row)
        outer.addStretch(1)
        self.employee_no.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        if not self.employee_no.text().strip():
            self._failed(None)
            return
        self.busy = True
        self.find_button.setEnabled(False)
        run_op(
            self, attempt_handover.held_elsewhere, self.window_.store, self.employee_no.text(), self.window_.identity,
            on_done=guarded(self, self._found), on_error=guarded(self, self._failed),
        )

    def _found(self, rows: list[tuple[int, str, str, str]]) -> None:
        from baiwen_desktop.ui.station.resume_page import ResumePage

        listed = [(attempt_id, no, self.tr("{0}，在“{1}”上").format(name, pc or self.tr("未命名的电脑"))) for attempt_id, no, name, pc in rows]
        self.window_.show_page(ResumePage(self.window_, listed, moving=True))

    def _failed(self, e: BaseException | None) -> None:
        self.busy = False
        self.find_button.setEnabled(True)
        self.error.setText(error_text(e) if e is not None else self.tr("请输入工号"))
        self.error.show()
        self.employee_no.setFocus()
