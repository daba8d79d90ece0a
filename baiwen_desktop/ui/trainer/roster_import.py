"""Roster import: every bad row (row number, column, message) before anything is saved."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from baiwen_desktop.core.errors import Issue, ValidationError
from baiwen_desktop.files.roster_file import RosterRow, parse_roster
from baiwen_desktop.services import roster
from baiwen_desktop.services.roster import RosterImport
from baiwen_desktop.ui.trainer.common import TrainerContext
from baiwen_desktop.ui.trainer.import_preview import ImportPreviewDialog
from baiwen_desktop.ui.trainer.table import Column


def check_roster(path: Path) -> tuple[list[RosterRow], list[Issue]]:
    try:
        return parse_roster(path), []
    except ValidationError as e:
        return [], list(e.issues)


def import_roster_file(store: Any, path: Path, actor: str, default_class: str) -> RosterImport:
    """Re-read the file at import time (it may have changed since the preview); all or nothing."""
    if not default_class:
        return roster.import_roster(store, path, actor)
    rows = [r if r.class_name else replace(r, class_name=default_class) for r in parse_roster(path)]
    return roster.import_rows(store, rows, actor, source=path.name)


class RosterImportDialog(ImportPreviewDialog):
    def __init__(self, ctx: TrainerContext, path: Path, classes: list[str], parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            path,
            self.tr("导入考生名单"),
            self.tr("第一行是列名：工号、姓名（必填），单位、岗位/班组、班级/批次（选填）。有任何错误时不会导入任何数据。"),
            [
                Column(self.tr("工号"), lambda r: r.employee_no),
                Column(self.tr("姓名"), lambda r: r.name),
                Column(self.tr("单位"), lambda r: r.unit),
                Column(self.tr("岗位/班组"), lambda r: r.post),
                Column(self.tr("班级/批次"), lambda r: r.class_name),
            ],
            parent,
        )
        self.default_class = QComboBox()
        self.default_class.setEditable(True)
        self.default_class.addItems(["", *classes])
        self.default_class.setMinimumWidth(220)
        self.options.addWidget(QLabel(self.tr("文件中未填班级的考生分到：")))
        self.options.addWidget(self.default_class)
        self.check()

    def read_file(self) -> tuple[Any, tuple[Any, ...]]:
        return check_roster, (self.path,)

    def import_file(self) -> tuple[Any, tuple[Any, ...]]:
        return import_roster_file, (self.ctx.store, self.path, self.ctx.actor, self.default_class.currentText().strip())

    def ready_text(self, n: int) -> str:
        return self.tr("检查通过：{0} 名考生，没有错误。确认无误后点「导入」。").format(n)

    def import_label(self, n: int) -> str:
        return self.tr("导入 {0} 名考生").format(n)
