"""Trainer login. Wrong passwords and the lockout are counted by the accounts service."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from baiwen_desktop.services import accounts
from baiwen_desktop.services.accounts import TrainerInfo
from baiwen_desktop.ui.trainer.card import CardPage
from baiwen_desktop.ui.trainer.common import run_guarded

LAST_USER_KEY = "trainer/last_username"


class LoginPage(CardPage):
    def __init__(self, window: Any) -> None:
        super().__init__(
            self.tr("管理员登录"),
            (self.tr("培训管理员、监考人员在此登录。"), self.tr("连续输错 5 次密码，账号将锁定 60 秒。")),
            width=600,
        )
        self.window_ = window
        self.busy = False
        form = self.form()
        self.username = QLineEdit(str(window.prefs.value(LAST_USER_KEY, "") or ""))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.field(self.tr("用户名")), self.username)
        form.addRow(self.field(self.tr("密码")), self.password)
        self.card.addLayout(form)
        self.notice, self.back_button, self.login_button = self.add_notice_and_buttons(window.go_home, self.tr("登录"), self.submit)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        (self.password if self.username.text() else self.username).setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        if not self.username.text().strip():
            self.notice.show_error(self.tr("请输入用户名"))
            return
        self.busy = True
        self.login_button.setEnabled(False)
        run_guarded(
            self,
            accounts.authenticate,
            self.window_.store,
            self.username.text(),
            self.password.text(),
            self.window_.station,
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, trainer: TrainerInfo) -> None:
        self.busy = False
        self.window_.prefs.setValue(LAST_USER_KEY, trainer.username)
        from baiwen_desktop.ui.trainer.entry import open_console

        open_console(self.window_, trainer)

    def _failed(self, e: BaseException) -> None:
        self.busy = False
        self.login_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.notice.show_error(e)
