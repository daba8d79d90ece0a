"""设置: organisation, station and certificate; passwords; trainer accounts; where the data lives."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.services import accounts, package_keys, settings, station
from baiwen_desktop.services.accounts import TrainerInfo
from baiwen_desktop.services.station import StationIdentity
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage
from baiwen_desktop.ui.trainer.table import Column, DataTable


def save_settings(store: Any, values: dict[str, str], pc_name: str, actor: str) -> StationIdentity:
    """The shared settings go to the database, this PC's name to its data folder."""
    ident = station.rename_station(store.data_dir, pc_name)
    settings.put(store, values, actor)
    return ident


def masked_url(url: str) -> str:
    """A database URL safe to show on screen: the password replaced by ***."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


def _left(button: QPushButton) -> QWidget:
    """A button at its natural width, not stretched across a form column."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(button)
    row.addStretch(1)
    return box


def locked_text(t: TrainerInfo) -> str:
    """The lock's end; accounts.list_trainers leaves out a lock already over by the server's clock."""
    return t.locked_until.strftime("%H:%M:%S") if t.locked_until else ""


def _password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


class AddTrainerDialog(QDialog):
    """A new trainer account: name, password twice, administrator or not."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加管理员账号"))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(self.tr("可选，如：张老师"))
        self.password = _password_edit(self.tr("至少 {0} 位").format(accounts.MIN_PASSWORD))
        self.password2 = _password_edit(self.tr("再输入一次"))
        self.is_admin = QCheckBox(self.tr("可以管理其他账号（管理员）"))
        self.error = QLabel()
        self.error.setStyleSheet("color:#b3261e;")
        form = QFormLayout(self)
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("显示名称"), self.display_name)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("确认密码"), self.password2)
        form.addRow("", self.is_admin)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("添加"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _check(self) -> None:
        if not self.username.text().strip():
            self.error.setText(self.tr("请填写用户名"))
        elif len(self.password.text()) < accounts.MIN_PASSWORD:
            self.error.setText(self.tr("密码至少 {0} 位").format(accounts.MIN_PASSWORD))
        elif self.password.text() != self.password2.text():
            self.error.setText(self.tr("两次输入的密码不一致"))
        else:
            self.accept()


class SettingsPage(TrainerPage):
    def __init__(self, ctx: TrainerContext) -> None:
        super().__init__(ctx, self.tr("设置"), self.tr("单位、考点和证书信息会印在成绩单和证书上。"))
        self.add_dialog: AddTrainerDialog | None = None
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(14)
        grid.addWidget(self._station_box(), 0, 0)
        grid.addWidget(self._password_box(), 1, 0)
        grid.addWidget(self._accounts_box(), 0, 1)
        grid.addWidget(self._data_box(), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        self.body.addWidget(scroll, 1)

    # ---- sections -------------------------------------------------------------------------
    def _station_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("单位与证书"))
        form = QFormLayout(box)
        self.organisation = QLineEdit()
        self.station = QLineEdit()
        self.station.setPlaceholderText(self.tr("如：培训中心，印在成绩单上"))
        self.pc_name = QLineEdit()
        self.pc_name.setToolTip(self.tr("这台电脑的名字，保存在本机数据文件夹中；考场里显示每位考生在哪台电脑上"))
        self.cert_title = QLineEdit()
        self.cert_prefix = QLineEdit()
        self.cert_prefix.setPlaceholderText(self.tr("如：BWBC，证书编号为 前缀-发证代码-年份-序号"))
        self.issuer_code = QLabel()  # set once with the 签发口令 (first run or `baiwen cert setup`)
        self.pass_mark = QDoubleSpinBox()
        self.pass_mark.setRange(0, 1000)
        self.pass_mark.setDecimals(1)
        self.pass_mark.setSuffix(self.tr(" 分"))
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.clicked.connect(self.save_settings)
        form.addRow(self.tr("单位名称"), self.organisation)
        form.addRow(self.tr("考点名称"), self.station)
        form.addRow(self.tr("本机名称"), self.pc_name)
        form.addRow(self.tr("证书名称"), self.cert_title)
        form.addRow(self.tr("证书编号前缀"), self.cert_prefix)
        form.addRow(self.tr("发证代码"), self.issuer_code)
        form.addRow(self.tr("新建考试的默认及格分"), self.pass_mark)
        form.addRow("", _left(self.save_button))
        return box

    def _password_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("修改我的密码"))
        form = QFormLayout(box)
        self.old_password = _password_edit()
        self.new_password = _password_edit(self.tr("至少 {0} 位").format(accounts.MIN_PASSWORD))
        self.new_password2 = _password_edit(self.tr("再输入一次"))
        self.password_button = QPushButton(self.tr("修改密码"))
        self.password_button.clicked.connect(self.change_password)
        form.addRow(self.tr("原密码"), self.old_password)
        form.addRow(self.tr("新密码"), self.new_password)
        form.addRow(self.tr("确认新密码"), self.new_password2)
        form.addRow("", _left(self.password_button))
        return box

    def _accounts_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("管理员账号"))
        layout = QVBoxLayout(box)
        self.trainers = DataTable(
            [
                Column(self.tr("用户名"), lambda t: t.username),
                Column(self.tr("显示名称"), lambda t: t.display_name),
                Column(self.tr("管理员"), lambda t: self.tr("是") if t.is_admin else self.tr("否")),
                Column(self.tr("锁定至"), locked_text),
            ],
            id_of=lambda t: t.username,
            show_filter=False,
        )
        layout.addWidget(self.trainers)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加账号…"))
        self.add_button.clicked.connect(self.add_trainer)
        self.remove_button = QPushButton(self.tr("删除所选账号"))
        self.remove_button.clicked.connect(self.remove_trainer)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        allowed = self.ctx.trainer.is_admin
        for b in (self.add_button, self.remove_button):
            b.setEnabled(allowed)
            if not allowed:
                b.setToolTip(self.tr("只有管理员可以管理账号"))
        return box

    def _data_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("数据"))
        form = QFormLayout(box)
        store = self.ctx.store
        # read-only line edits: a long path scrolls instead of widening the page, and can be copied
        url = QLineEdit(masked_url(str(store.url)))
        folder = QLineEdit(str(store.data_dir))
        station_id = QLineEdit(self.ctx.window.identity.id)  # what IT staff match against `baiwen station show`
        # the station key's fingerprint: read to HQ by phone, printed on every result package's cover
        self.station_fingerprint = QLineEdit()
        self.station_fingerprint.setStyleSheet("font-size:16px; font-weight:bold; letter-spacing:1px;")
        for edit in (url, folder, station_id, self.station_fingerprint):
            edit.setReadOnly(True)
            edit.setCursorPosition(0)
            edit.setToolTip(edit.text())
        self.open_folder_button = QPushButton(self.tr("打开数据文件夹"))
        self.open_folder_button.clicked.connect(self.open_data_folder)
        form.addRow(self.tr("数据库"), url)
        form.addRow(self.tr("数据文件夹"), folder)
        form.addRow(self.tr("本机标识"), station_id)
        form.addRow(self.tr("本机指纹"), self.station_fingerprint)
        form.addRow("", _left(self.open_folder_button))
        return box

    # ---- behaviour ------------------------------------------------------------------------
    def refresh(self) -> None:
        self.run(settings.get_all, self.ctx.store, on_done=self._show_settings)
        self.run(accounts.list_trainers, self.ctx.store, on_done=self.trainers.set_rows)
        self.run(package_keys.station_fingerprint, self.ctx.store.data_dir, on_done=self._show_fingerprint)

    def _show_fingerprint(self, fp: str) -> None:
        self.station_fingerprint.setText(fp)
        self.station_fingerprint.setToolTip(self.tr("本机密钥的指纹：站点交回成绩包时，电话读给总部核对；也印在成绩包封面上"))

    def _show_settings(self, cfg: dict[str, str]) -> None:
        self.organisation.setText(cfg["organisation"])
        self.station.setText(cfg["station"])
        self.pc_name.setText(self.ctx.station)
        self.cert_title.setText(cfg["certificate_title"])
        self.cert_prefix.setText(cfg["certificate_prefix"])
        self.issuer_code.setText(cfg["issuer_code"] or self.tr("（尚未设置：首次生成证书时设置）"))
        try:
            self.pass_mark.setValue(float(cfg["default_pass_mark"]))
        except ValueError:
            self.pass_mark.setValue(60)

    def save_settings(self) -> None:
        if not self.organisation.text().strip() or not self.station.text().strip() or not self.pc_name.text().strip():
            self.notice.show_error(self.tr("单位名称、考点名称和本机名称不能为空"))
            return
        pc_name = self.pc_name.text().strip()
        values = {
            "organisation": self.organisation.text().strip(),
            "station": self.station.text().strip(),
            "certificate_title": self.cert_title.text().strip(),
            "certificate_prefix": self.cert_prefix.text().strip(),
            "default_pass_mark": f"{self.pass_mark.value():g}",
        }

        def saved(ident: StationIdentity) -> None:
            self.ctx.window.identity = ident
            self.notice.show_message(self.tr("设置已保存"))

        self.run(save_settings, self.ctx.store, values, pc_name, self.ctx.actor, on_done=saved)

    def change_password(self) -> None:
        new = self.new_password.text()
        if len(new) < accounts.MIN_PASSWORD:
            self.notice.show_error(self.tr("新密码至少 {0} 位").format(accounts.MIN_PASSWORD))
            return
        if new != self.new_password2.text():
            self.notice.show_error(self.tr("两次输入的新密码不一致"))
            return

        def changed(_: Any) -> None:
            for edit in (self.old_password, self.new_password, self.new_password2):
                edit.clear()
            self.notice.show_message(self.tr("密码已修改，下次登录请使用新密码"))

        self.run(accounts.change_password, self.ctx.store, self.ctx.actor, self.old_password.text(), new, on_done=changed)

    def add_trainer(self) -> AddTrainerDialog:
        dialog = AddTrainerDialog(self)
        dialog.accepted.connect(lambda: self._create_trainer(dialog))
        self.add_dialog = dialog
        dialog.open()
        return dialog

    def _create_trainer(self, dialog: AddTrainerDialog) -> None:
        def added(t: TrainerInfo) -> None:
            self.notice.show_message(self.tr("已添加账号 {0}").format(t.username))
            self.refresh()

        self.run(
            accounts.create_trainer,
            self.ctx.store,
            dialog.username.text().strip(),
            dialog.password.text(),
            is_admin=dialog.is_admin.isChecked(),
            display_name=dialog.display_name.text().strip(),
            actor=self.ctx.actor,
            on_done=added,
        )

    def remove_trainer(self) -> None:
        t = self.trainers.selected()
        if t is None:
            self.notice.show_error(self.tr("请先在表格中选择一个账号"))
            return
        if not self.confirm(self.tr("删除账号"), self.tr("确定删除账号“{0}”吗？").format(t.username)):
            return

        def removed(_: Any) -> None:
            self.notice.show_message(self.tr("已删除账号 {0}").format(t.username))
            self.refresh()

        self.run(accounts.remove_trainer, self.ctx.store, t.username, self.ctx.actor, on_done=removed)

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.store.data_dir)))
