"""签发口令: the trainer unlocks the organisation's certificate key for this console session.

On an installation upgraded from v1 there is no issuer yet: the same dialog sets it up
(issuer code and 签发口令, entered twice). The unlocked key lives only in memory, on the
logged-in trainer's context, until they log out.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from baiwen_desktop.services import certs
from baiwen_desktop.ui.trainer.common import Notice, run_guarded


def _password_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


class UnlockDialog(QDialog):
    """Returns (accept) with `self.issuer` set once the 签发口令 opened the key."""

    def __init__(self, store: Any, actor: str, setting_up: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor, self.setting_up = store, actor, setting_up
        self.issuer: certs.Issuer | None = None
        self.setWindowTitle(self.tr("设置签发口令") if setting_up else self.tr("输入签发口令"))
        self.setMinimumWidth(520)
        if setting_up:
            text = self.tr("本单位还没有证书签发密钥。请设置发证代码（成为证书编号的一部分，如 BWBC-JN01-2026-000123）"
                           "和签发口令。签发口令用来保护签名密钥，请交给负责发证的老师保管，丢失后只能更换密钥。")
        else:
            text = self.tr("签发合格证书需要本单位的签发口令。口令只在本次登录期间有效，退出管理后需重新输入。")
        hint = QLabel(text)
        hint.setWordWrap(True)
        form = QFormLayout()
        self.issuer_code = QLineEdit()
        self.issuer_code.setMaxLength(8)
        self.issuer_code.setPlaceholderText(self.tr("2–8 位字母或数字，如 JN01"))
        self.passphrase = _password_field(self.tr("至少 {0} 位").format(certs.MIN_PASSPHRASE))
        self.passphrase2 = _password_field(self.tr("再输入一次"))
        if setting_up:
            form.addRow(self.tr("发证代码"), self.issuer_code)
        form.addRow(self.tr("签发口令"), self.passphrase)
        if setting_up:
            form.addRow(self.tr("确认签发口令"), self.passphrase2)
        self.notice = Notice()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("设置并解锁") if setting_up else self.tr("解锁"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)

    def show_error(self, e: BaseException | str) -> None:
        self.notice.show_error(e)
        self.adjustSize()  # the wrapped notice needs room; the dialog grows to show it whole

    def problems(self) -> list[str]:
        out = []
        if self.setting_up:
            if not certs.ISSUER_CODE.fullmatch(self.issuer_code.text().strip().upper()):
                out.append(self.tr("发证代码应为 2–8 位字母或数字，如 JN01"))
            if len(self.passphrase.text()) < certs.MIN_PASSPHRASE:
                out.append(self.tr("签发口令至少 {0} 位").format(certs.MIN_PASSPHRASE))
            elif self.passphrase.text() != self.passphrase2.text():
                out.append(self.tr("两次输入的签发口令不一致"))
        elif not self.passphrase.text():
            out.append(self.tr("请输入签发口令"))
        return out

    def submit(self) -> None:
        problems = self.problems()
        if problems:
            self.show_error("\n".join(problems))
            return
        self.ok_button.setEnabled(False)
        run_guarded(self, unlock_or_setup, self.store, self.passphrase.text(), self.issuer_code.text(), self.actor, self.setting_up,
                    on_done=self._done, on_error=self._failed)

    def _done(self, issuer: certs.Issuer) -> None:
        self.issuer = issuer
        self.accept()

    def _failed(self, e: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.passphrase.selectAll()
        self.show_error(e)


def unlock_or_setup(store: Any, passphrase: str, issuer_code: str, actor: str, setting_up: bool) -> certs.Issuer:
    """Runs off the UI thread (scrypt takes a moment)."""
    if setting_up:
        certs.setup_issuer(store, passphrase, issuer_code, actor)
    return certs.unlock(store, passphrase, actor)
