"""First run: create the first administrator, then name the organisation and the station."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QLineEdit

from baiwen_desktop.services import accounts, documents, settings
from baiwen_desktop.services.accounts import TrainerInfo
from baiwen_desktop.ui.trainer.card import CardPage
from baiwen_desktop.ui.trainer.common import run_guarded


@dataclass(frozen=True)
class SetupForm:
    username: str
    password: str
    organisation: str
    station: str
    certificate_title: str
    pass_mark: float


def apply_setup(store: Any, form: SetupForm) -> TrainerInfo:
    """Runs off the UI thread: the account first, so a bad password leaves nothing half-done."""
    trainer = accounts.create_trainer(store, form.username, form.password, is_admin=True, actor=form.username)
    settings.put(
        store,
        {
            "organisation": form.organisation,
            "station": form.station,
            "certificate_title": form.certificate_title,
            "default_pass_mark": f"{form.pass_mark:g}",
            "setup_done": "1",
        },
        actor=form.username,
    )
    documents.ensure_keys(store)  # the certificate signing key pair is made on first run
    return trainer


class FirstRunPage(CardPage):
    def __init__(self, window: Any) -> None:
        super().__init__(
            self.tr("首次使用：设置管理员和考点"),
            self.tr("本机还没有管理员账号。请设置管理员密码（请牢记，系统不提供默认密码），并填写单位和考点信息。"),
            width=600,
        )
        self.window_ = window
        self.busy = False
        form = QFormLayout()
        form.setSpacing(10)
        self.username = QLineEdit("admin")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("至少 {0} 位").format(accounts.MIN_PASSWORD))
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2.setPlaceholderText(self.tr("再输入一次"))
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(self.tr("如：国网某县供电公司"))
        self.station = QLineEdit()
        self.station.setPlaceholderText(self.tr("如：培训中心第一考场"))
        self.cert_title = QLineEdit(settings.DEFAULTS["certificate_title"])
        self.pass_mark = QDoubleSpinBox()
        self.pass_mark.setRange(0, 1000)
        self.pass_mark.setDecimals(1)
        self.pass_mark.setValue(float(settings.DEFAULTS["default_pass_mark"]))
        self.pass_mark.setSuffix(self.tr(" 分"))
        form.addRow(self.tr("管理员用户名"), self.username)
        form.addRow(self.tr("管理员密码"), self.password)
        form.addRow(self.tr("确认密码"), self.password2)
        form.addRow(QLabel(""))
        form.addRow(self.tr("单位名称"), self.organisation)
        form.addRow(self.tr("考点名称"), self.station)
        form.addRow(self.tr("证书名称"), self.cert_title)
        form.addRow(self.tr("默认及格分"), self.pass_mark)
        self.card.addLayout(form)
        self.notice, self.back_button, self.save_button = self.add_notice_and_buttons(
            window.go_home, self.tr("完成设置并进入管理"), self.submit
        )

    def problems(self) -> list[str]:
        out = []
        if not self.username.text().strip():
            out.append(self.tr("请填写管理员用户名"))
        if len(self.password.text()) < accounts.MIN_PASSWORD:
            out.append(self.tr("密码至少 {0} 位").format(accounts.MIN_PASSWORD))
        elif self.password.text() != self.password2.text():
            out.append(self.tr("两次输入的密码不一致"))
        if not self.organisation.text().strip():
            out.append(self.tr("请填写单位名称"))
        if not self.station.text().strip():
            out.append(self.tr("请填写考点名称"))
        if not self.cert_title.text().strip():
            out.append(self.tr("请填写证书名称"))
        return out

    def submit(self) -> None:
        problems = self.problems()
        if problems:
            self.notice.show_error("\n".join(problems))
            return
        form = SetupForm(
            self.username.text().strip(),
            self.password.text(),
            self.organisation.text().strip(),
            self.station.text().strip(),
            self.cert_title.text().strip(),
            self.pass_mark.value(),
        )
        self.busy = True
        self.save_button.setEnabled(False)
        run_guarded(self, apply_setup, self.window_.store, form, on_done=self._done, on_error=self._failed)

    def _done(self, trainer: TrainerInfo) -> None:
        self.busy = False
        from baiwen_desktop.ui.trainer.entry import open_console

        open_console(self.window_, trainer)

    def _failed(self, e: BaseException) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.notice.show_error(e)
