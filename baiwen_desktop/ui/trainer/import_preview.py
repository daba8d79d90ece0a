"""The shape every file import shares: read and check the whole file, show every problem by row
and column, and enable 「导入」 only for a clean file. Nothing is saved before that click."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from baiwen_desktop.core.errors import Issue, ValidationError
from baiwen_desktop.ui.screen_fit import fit_to_screen
from baiwen_desktop.ui.trainer.common import Notice, Runner, TrainerContext
from baiwen_desktop.ui.trainer.table import Column, DataTable


class ImportPreviewDialog(QDialog):
    """Subclasses give `read_file` (runs off the UI thread) and `import_file`, and may add options."""

    def __init__(self, ctx: TrainerContext, path: Path, title: str, hint: str, columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.items: list[Any] = []
        self.issues: list[Issue] = []
        self.outcome: Any = None
        self.setWindowTitle(title)
        fit_to_screen(self, 960, 620)

        self.file_label = QLabel()
        self.file_label.setStyleSheet("font-weight:bold;")
        self.reload_button = QPushButton(self.tr("重新读取文件"))
        self.reload_button.setToolTip(self.tr("在 Excel 中改好并保存后，点这里重新检查"))
        self.reload_button.clicked.connect(self.check)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.reload_button)
        hint_label = QLabel(hint)
        hint_label.setWordWrap(True)
        hint_label.setStyleSheet("color:#555;")
        self.status = Notice()
        self.issue_table = DataTable(
            [
                Column(self.tr("行号"), lambda i: i.line, numeric=True, width=70),
                Column(self.tr("列"), lambda i: i.field, width=120),
                Column(self.tr("问题"), lambda i: i.zh),
            ],
            show_filter=False,
        )
        self.item_table = DataTable(columns, show_filter=False)
        self.options = QHBoxLayout()  # subclasses add their choices here (target bank, class)
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.do_import)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addLayout(self.options)
        bottom.addStretch(1)
        bottom.addWidget(cancel)
        bottom.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint_label)
        layout.addWidget(self.status)
        layout.addWidget(self.issue_table, 1)
        layout.addWidget(self.item_table, 1)
        layout.addLayout(bottom)
        self.issue_table.hide()
        self.runner = Runner(self, self.status.show_error)

    # ---- for subclasses -------------------------------------------------------------------
    def read_file(self) -> tuple[Callable[..., tuple[list[Any], list[Issue]]], tuple[Any, ...]]:
        raise NotImplementedError

    def import_file(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        raise NotImplementedError

    def ready_text(self, n: int) -> str:
        return self.tr("检查通过：共 {0} 条，没有错误。确认无误后点「导入」。").format(n)

    def import_label(self, n: int) -> str:
        return self.tr("导入 {0} 条").format(n)

    # ---- behaviour ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.runner.busy

    @property
    def clean(self) -> bool:
        return bool(self.items) and not self.issues

    def check(self) -> None:
        self.file_label.setText(self.tr("文件：{0}").format(self.path.name))
        self.import_button.setEnabled(False)
        self.import_button.setText(self.tr("导入"))
        self.status.show_message(self.tr("正在检查文件…"), "info")
        fn, args = self.read_file()
        self.runner.run(fn, *args, on_done=self._checked, on_error=self._failed)

    def _checked(self, result: tuple[list[Any], list[Issue]]) -> None:
        self.items, self.issues = list(result[0]), list(result[1])
        if self.issues:
            self.item_table.hide()
            self.issue_table.show()
            self.issue_table.set_rows(self.issues)
            self.status.show_message(
                self.tr("发现 {0} 处错误，未导入任何数据。请在 Excel 中改正下列各行后保存，再点「重新读取文件」。").format(len(self.issues)),
                "error",
            )
            return
        self.issue_table.hide()
        self.item_table.show()
        self.item_table.set_rows(self.items)
        if not self.items:
            self.status.show_message(self.tr("文件中没有可导入的内容"), "warn")
            return
        self.status.show_message(self.ready_text(len(self.items)))
        self.import_button.setText(self.import_label(len(self.items)))
        self.import_button.setEnabled(True)

    def _failed(self, e: BaseException) -> None:
        if isinstance(e, ValidationError) and e.issues:
            self._checked(([], e.issues))
        else:
            self.items, self.issues = [], []
            self.item_table.hide()
            self.issue_table.hide()
            self.status.show_error(e)

    def do_import(self) -> None:
        if not self.clean:
            return
        self.import_button.setEnabled(False)

        def done(outcome: Any) -> None:
            self.outcome = outcome
            self.accept()

        def failed(e: BaseException) -> None:
            self._failed(e)
            self.import_button.setEnabled(self.clean)

        fn, args = self.import_file()
        self.runner.run(fn, *args, on_done=done, on_error=failed)
