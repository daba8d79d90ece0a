"""Bank import from XLSX/CSV: every bad row before anything is saved; then into a user bank."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from baiwen_desktop.ui.trainer.common import TrainerContext
from baiwen_desktop.ui.trainer.import_preview import ImportPreviewDialog
from baiwen_desktop.ui.trainer.table import Column


def _preview(path: Path) -> Any:
    from baiwen_desktop.services.bank_transfer import preview_bank_file

    return preview_bank_file(path)


def _import(store: Any, path: Path, bank_name: str, actor: str) -> Any:
    from baiwen_desktop.services.bank_transfer import import_bank_file

    return import_bank_file(store, path, bank_name, actor)


class BankImportDialog(ImportPreviewDialog):
    def __init__(self, ctx: TrainerContext, path: Path, user_banks: list[str], target: str, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            path,
            self.tr("导入题库"),
            self.tr("请使用「下载导入模板」得到的表格填写。有任何错误时不会导入任何数据；题型和题干相同的题目算作重复，不会重复加入。"),
            [
                Column(self.tr("题型"), lambda q: q.qtype.value),
                Column(self.tr("题干"), lambda q: q.stem, width=460),
                Column(self.tr("答案"), lambda q: q.answer_text(), width=160),
                Column(self.tr("出处"), lambda q: q.source or ""),
            ],
            parent,
        )
        self.target = QComboBox()
        self.target.setEditable(True)
        self.target.addItems(user_banks)
        self.target.setCurrentText(target)
        self.target.setMinimumWidth(260)
        self.target.lineEdit().setPlaceholderText(self.tr("输入新题库名称或选择已有题库"))
        self.options.addWidget(QLabel(self.tr("导入到题库：")))
        self.options.addWidget(self.target)
        self.check()

    def read_file(self) -> tuple[Any, tuple[Any, ...]]:
        return _preview, (self.path,)

    def import_file(self) -> tuple[Any, tuple[Any, ...]]:
        return _import, (self.ctx.store, self.path, self.target.currentText().strip(), self.ctx.actor)

    def ready_text(self, n: int) -> str:
        return self.tr("检查通过：{0} 道题，没有错误。选择要导入的题库后点「导入」。").format(n)

    def import_label(self, n: int) -> str:
        return self.tr("导入 {0} 道题").format(n)

    def do_import(self) -> None:
        if not self.target.currentText().strip():
            self.status.show_error(self.tr("请填写要导入到的题库名称"))
            return
        super().do_import()
