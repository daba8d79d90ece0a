"""First run: create the first administrator, name the organisation and the station, and set up
the organisation's certificate issuer (issuer code and 签发口令)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLineEdit

from baiwen_desktop.services import accounts, certs, settings
from baiwen_desktop.services.accounts import TrainerInfo
from baiwen_desktop.ui.station.widgets import label
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
    issuer_code: str = ""
    sign_passphrase: str = ""


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
    if not certs.has_issuer(store):  # another PC of a shared database may have set it up already
        certs.setup_issuer(store, form.sign_passphrase, form.issuer_code, actor=form.username)
    return trainer


class FirstRunPage(CardPage):
    def __init__(self, window: Any) -> None:
        super().__init__(
            self.tr("首次使用：设置管理员和考点"),
            (
                self.tr("本机还没有管理员账号。请设置管理员密码，并填写单位和考点信息。"),
                self.tr("请牢记密码：系统没有默认密码，忘记后无法找回。"),
            ),
            width=1040,
        )
        self.window_ = window
        self.busy = False
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
        self.issuer_code = QLineEdit()
        self.issuer_code.setMaxLength(8)
        self.issuer_code.setPlaceholderText(self.tr("如 JN01，印在证书编号中"))
        self.sign_pass = QLineEdit()
        self.sign_pass.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_pass.setPlaceholderText(self.tr("至少 {0} 位，签发证书时输入").format(certs.MIN_PASSPHRASE))
        self.sign_pass2 = QLineEdit()
        self.sign_pass2.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_pass2.setPlaceholderText(self.tr("再输入一次"))
        self.pass_mark = QDoubleSpinBox()
        self.pass_mark.setRange(0, 1000)
        self.pass_mark.setDecimals(1)
        self.pass_mark.setValue(float(settings.DEFAULTS["default_pass_mark"]))
        self.pass_mark.setSuffix(self.tr(" 分"))
        # two columns, so the card fits a 1366×768 screen: who manages, and where
        admin = self.form()
        admin.addRow(label(self.tr("管理员"), "section", wrap=False))
        admin.addRow(self.field(self.tr("用户名")), self.username)
        admin.addRow(self.field(self.tr("密码")), self.password)
        admin.addRow(self.field(self.tr("确认密码")), self.password2)
        admin.addRow(self.field(self.tr("签发口令")), self.sign_pass)
        admin.addRow(self.field(self.tr("确认口令")), self.sign_pass2)
        place = self.form()
        place.addRow(label(self.tr("单位和考点"), "section", wrap=False))
        place.addRow(self.field(self.tr("单位名称")), self.organisation)
        place.addRow(self.field(self.tr("考点名称")), self.station)
        place.addRow(self.field(self.tr("证书名称")), self.cert_title)
        place.addRow(self.field(self.tr("发证代码")), self.issuer_code)
        place.addRow(self.field(self.tr("默认及格分")), self.pass_mark)
        columns = QHBoxLayout()
        columns.setSpacing(36)
        columns.addLayout(admin, 1)
        columns.addLayout(place, 1)
        self.card.addLayout(columns)
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
        if not certs.ISSUER_CODE.fullmatch(self.issuer_code.text().strip().upper()):
            out.append(self.tr("发证代码应为 2–8 位字母或数字，如 JN01"))
        if len(self.sign_pass.text()) < certs.MIN_PASSPHRASE:
            out.append(self.tr("签发口令至少 {0} 位").format(certs.MIN_PASSPHRASE))
        elif self.sign_pass.text() != self.sign_pass2.text():
            out.append(self.tr("两次输入的签发口令不一致"))
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
            self.issuer_code.text().strip().upper(),
            self.sign_pass.text(),
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
