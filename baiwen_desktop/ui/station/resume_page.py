"""「继续未完成的考试」 (and 「转到本机继续」 from another PC): the invigilator authorises with a
named account's password or a one-time 恢复码; this PC then holds the attempt."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QRadioButton, QVBoxLayout, QWidget

from baiwen_desktop.services import attempt_handover
from baiwen_desktop.services.attempts import AttemptState
from baiwen_desktop.ui.operations import error_text, run_op
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.widgets import button, card, guarded, label


class ResumePage(QWidget):
    def __init__(self, window: Any, unfinished: list[tuple[int, str, str]], moving: bool = False) -> None:
        super().__init__()
        self.window_ = window
        self.unfinished = unfinished
        self.busy = False
        prepare_page(self, window)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 28, 48, 28)
        outer.setSpacing(14)
        if moving:
            outer.addWidget(label(self.tr("转到本机继续"), "title"))
            outer.addWidget(label(self.tr(
                "考生原来的电脑出了故障时，可以在这台电脑上接着答题，已作答的答案都在。转过来以后，原来那台电脑会被锁定，"
                "它上面的操作不再保存。需要监考老师输入 6 位恢复码，或填写自己的账号和密码。"), "big"))
        else:
            outer.addWidget(label(self.tr("继续未完成的考试"), "title"))
            outer.addWidget(label(self.tr("考试中途断电或死机后，可以从上次的位置继续，已作答的答案都在。需要监考老师输入 6 位恢复码，或填写自己的账号和密码。"), "big"))
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(36, 22, 36, 26)
        lay.setSpacing(14)
        lay.addWidget(label(self.tr("考生"), "fieldname"))
        self.group = QButtonGroup(self)
        for n, (attempt_id, no, name) in enumerate(unfinished):
            rb = QRadioButton(f"{name}（{no}）")
            rb.setProperty("attempt_id", attempt_id)
            rb.setChecked(n == 0)
            self.group.addButton(rb, n)
            lay.addWidget(rb)
        lay.addWidget(label(self.tr("监考老师账号（使用恢复码时不填）"), "fieldname"))
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("用恢复码时留空"))
        self.username.setMaximumWidth(520)
        self.username.returnPressed.connect(lambda: self.secret.setFocus())
        lay.addWidget(self.username)
        lay.addWidget(label(self.tr("恢复码或密码"), "fieldname"))
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("请监考老师输入"))
        self.secret.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.secret.setMaximumWidth(520)
        self.secret.returnPressed.connect(self.submit)
        lay.addWidget(self.secret)
        outer.addWidget(box)
        self.error = label("", "error")
        self.error.hide()
        outer.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(button(self.tr("返回"), "", window.go_home))
        row.addStretch(1)
        self.resume_button = button(self.tr("转到本机继续") if moving else self.tr("恢复考试"), "primary", self.submit)
        self.resume_button.setMinimumWidth(260)
        row.addWidget(self.resume_button)
        outer.addLayout(row)
        outer.addStretch(1)
        self.secret.setFocus()

    def chosen_attempt(self) -> int:
        b = self.group.checkedButton()
        return int(b.property("attempt_id")) if b is not None else self.unfinished[0][0]

    def submit(self) -> None:
        if self.busy:
            return
        if not self.secret.text().strip():
            self._refused(None)
            return
        self.busy = True
        self.resume_button.setEnabled(False)
        run_op(
            self, attempt_handover.authorise_resume, self.window_.store, self.chosen_attempt(), self.secret.text(), self.window_.identity,
            self.username.text(),
            on_done=guarded(self, self._resumed), on_error=guarded(self, self._refused),
        )

    def _resumed(self, state: AttemptState) -> None:
        from baiwen_desktop.ui.station.flow import open_exam

        open_exam(self.window_, state, resumed=True)

    def _refused(self, e: BaseException | None) -> None:
        self.busy = False
        self.resume_button.setEnabled(True)
        self.error.setText(error_text(e) if e is not None else self.tr("请输入恢复码，或账号和密码"))
        self.error.show()
        self.secret.selectAll()
        self.secret.setFocus()
