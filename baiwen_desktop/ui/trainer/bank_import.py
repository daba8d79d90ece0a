"""Bank import from XLSX/CSV, Word, Moodle XML, GIFT or QTI: every problem before anything is saved,
what cannot be represented listed with its reason; then into a user bank."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from baiwen_desktop.ui.trainer.common import TrainerContext
from baiwen_desktop.ui.trainer.import_preview import ImportPreviewDialog
from baiwen_desktop.ui.trainer.table import Column, DataTable


def _preview(path: Path) -> Any:
    from baiwen_desktop.services.bank_transfer import read_bank_file

    report = read_bank_file(path)
    return report.questions, report.all_issues(), report.notes, report.unit_zh


def _import(store: Any, path: Path, bank_name: str, actor: str) -> Any:
    from baiwen_desktop.services.bank_transfer import import_bank_file

    return import_bank_file(store, path, bank_name, actor)


class BankImportDialog(ImportPreviewDialog):
    def __init__(self, ctx: TrainerContext, path: Path, user_banks: list[str], target: str, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            path,
            self.tr("导入题库"),
            self.tr("可导入「下载导入模板」得到的表格，或 Word、Moodle XML、GIFT、QTI 文件。有任何错误时不会导入任何数据；"
                    "无法转换的题目列在下方并说明原因；题型和题干相同的题目算作重复，不会重复加入。"),
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
        self.notes: list[Any] = []
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_table = DataTable(
            [
                Column(self.tr("位置"), lambda n: n.where, numeric=True, width=60),
                Column(self.tr("题目"), lambda n: n.question, width=200),
                Column(self.tr("处理"), lambda n: self.tr("已导入") if n.imported else self.tr("未导入"), width=70),
                Column(self.tr("原因"), lambda n: n.zh),
            ],
            show_filter=False,
        )
        layout = self.layout()
        layout.insertWidget(layout.count() - 1, self.note_label)
        layout.insertWidget(layout.count() - 1, self.note_table, 1)
        self.note_label.hide()
        self.note_table.hide()
        self.check()

    def _checked(self, result: tuple[Any, ...]) -> None:
        # What was left out first: it is what the trainer must act on.
        self.notes = sorted(result[2], key=lambda n: (n.imported, n.where)) if len(result) > 2 else []
        unit = result[3] if len(result) > 3 else "题"
        super()._checked((result[0], result[1]))
        skipped = sum(1 for n in self.notes if not n.imported)
        changed = len(self.notes) - skipped
        show = bool(self.notes) and not self.issues
        if show:
            self.note_label.setText(self.tr("{0} 道题无法转换，不会导入；{1} 处内容导入时有改动（见下表，位置为第几{2}）。").format(skipped, changed, unit))
            self.note_table.set_rows(self.notes)
        self.note_label.setVisible(show)
        self.note_table.setVisible(show)

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
