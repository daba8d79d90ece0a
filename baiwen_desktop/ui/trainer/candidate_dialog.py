"""Add or edit one candidate; the dialog stays open until the save has succeeded."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import roster
from baiwen_desktop.services.roster import CandidateInfo
from baiwen_desktop.ui.trainer.common import Notice, Runner, TrainerContext


class CandidateDialog(QDialog):
    def __init__(self, ctx: TrainerContext, classes: list[str], candidate: CandidateInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.candidate = candidate
        self.saved: CandidateInfo | None = None
        self.setWindowTitle(self.tr("编辑考生") if candidate else self.tr("新增考生"))
        self.setMinimumWidth(460)
        c = candidate
        self.employee_no = QLineEdit(c.employee_no if c else "")
        self.name = QLineEdit(c.name if c else "")
        self.unit = QLineEdit(c.unit if c else "")
        self.post = QLineEdit(c.post if c else "")
        self.class_name = QComboBox()
        self.class_name.setEditable(True)
        self.class_name.addItems(["", *classes])
        self.class_name.setCurrentText(c.class_name if c else "")
        self.class_name.lineEdit().setPlaceholderText(self.tr("选择或输入新的班级/批次"))
        self.notice = Notice()
        form = QFormLayout(self)
        form.addRow(self.tr("工号 *"), self.employee_no)
        form.addRow(self.tr("姓名 *"), self.name)
        form.addRow(self.tr("单位"), self.unit)
        form.addRow(self.tr("岗位/班组"), self.post)
        form.addRow(self.tr("班级/批次"), self.class_name)
        form.addRow(self.notice)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.runner = Runner(self, self.notice.show_error)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def row(self) -> RosterRow:
        return RosterRow(
            self.employee_no.text().strip(),
            self.name.text().strip(),
            self.unit.text().strip(),
            self.post.text().strip(),
            self.class_name.currentText().strip(),
        )

    def save(self) -> None:
        row = self.row()
        if not row.employee_no or not row.name:
            self.notice.show_error(self.tr("工号和姓名不能为空"))
            return

        def done(info: CandidateInfo) -> None:
            self.saved = info
            self.accept()

        cid = self.candidate.id if self.candidate else None
        self.runner.run(roster.save_candidate, self.ctx.store, row, self.ctx.actor, cid, on_done=done)
