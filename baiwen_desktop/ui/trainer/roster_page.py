"""考生: the roster. Import with an error preview, add, edit, search, group into 班级/批次."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton

from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import roster
from baiwen_desktop.services.roster import CandidateInfo
from baiwen_desktop.ui.trainer.candidate_dialog import CandidateDialog
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage, ask_text
from baiwen_desktop.ui.trainer.roster_import import RosterImportDialog
from baiwen_desktop.ui.trainer.table import Column, DataTable


def assign_class(store: Any, people: list[CandidateInfo], class_name: str, actor: str) -> int:
    for c in people:
        roster.save_candidate(store, RosterRow(c.employee_no, c.name, c.unit, c.post, class_name), actor, c.id)
    return len(people)


class RosterPage(TrainerPage):
    def __init__(self, ctx: TrainerContext) -> None:
        super().__init__(ctx, self.tr("考生"), self.tr("考生名单按班级/批次分组；开考时选择班级，只有名单中的考生能登录考试。"))
        self.classes: list[str] = []
        self.import_dialog: RosterImportDialog | None = None
        self.candidate_dialog: CandidateDialog | None = None

        self.import_button = QPushButton(self.tr("导入名单（Excel/CSV）…"))
        self.import_button.clicked.connect(self.choose_import_file)
        self.add_button = QPushButton(self.tr("新增考生…"))
        self.add_button.clicked.connect(lambda: self.edit_candidate(None))
        self.edit_button = QPushButton(self.tr("编辑所选…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.class_button = QPushButton(self.tr("所选考生分到班级…"))
        self.class_button.clicked.connect(self.assign_class)
        actions = QHBoxLayout()
        for b in (self.import_button, self.add_button, self.edit_button, self.class_button):
            actions.addWidget(b)
        actions.addStretch(1)
        self.body.addLayout(actions)

        self.class_filter = QComboBox()
        self.class_filter.setMinimumWidth(200)
        self.class_filter.currentIndexChanged.connect(self._apply_class_filter)
        self.table = DataTable(
            [
                Column(self.tr("工号"), lambda c: c.employee_no),
                Column(self.tr("姓名"), lambda c: c.name),
                Column(self.tr("单位"), lambda c: c.unit),
                Column(self.tr("岗位/班组"), lambda c: c.post),
                Column(self.tr("班级/批次"), lambda c: c.class_name),
            ],
            filter_placeholder=self.tr("搜索工号、姓名、单位"),
            id_of=lambda c: c.id,
            multi=True,
        )
        self.table.add_tool(QLabel(self.tr("班级/批次")))
        self.table.add_tool(self.class_filter)
        self.table.activated.connect(self.edit_candidate)
        self.table.set_empty_hint(
            self.tr("还没有考生名单。导入单位发来的名单（Excel 或 CSV），名单中的考生才能登录考试。"),
            self.tr("导入名单…"), self.choose_import_file,
        )
        self.body.addWidget(self.table, 1)

    def refresh(self) -> None:
        self.run(roster.list_candidates, self.ctx.store, on_done=self._show)

    def _show(self, people: list[CandidateInfo]) -> None:
        self.classes = sorted({c.class_name for c in people if c.class_name})
        current = self.class_filter.currentData()
        self.class_filter.blockSignals(True)
        self.class_filter.clear()
        self.class_filter.addItem(self.tr("全部"), None)
        for name in self.classes:
            self.class_filter.addItem(f"{name}（{sum(1 for c in people if c.class_name == name)}）", name)
        if any(not c.class_name for c in people):
            self.class_filter.addItem(self.tr("未分班"), "")
        self.class_filter.setCurrentIndex(max(0, self.class_filter.findData(current)))
        self.class_filter.blockSignals(False)
        self.table.set_rows(people)
        self._apply_class_filter()

    def _apply_class_filter(self) -> None:
        wanted = self.class_filter.currentData()
        self.table.set_predicate(None if wanted is None else (lambda c: c.class_name == wanted))

    # ---- import -------------------------------------------------------------------------------
    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择考生名单"), "", self.tr("名单文件 (*.xlsx *.csv)"))
        if path:
            self.open_import(Path(path))

    def open_import(self, path: Path) -> RosterImportDialog:
        dialog = RosterImportDialog(self.ctx, path, self.classes, self)
        dialog.accepted.connect(lambda: self._imported(dialog))
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, dialog: RosterImportDialog) -> None:
        o = dialog.outcome
        if o is not None:
            self.notice.show_message(self.tr("名单已导入：新增 {0} 人，更新 {1} 人，未变 {2} 人").format(o.added, o.updated, o.unchanged))
        self.refresh()

    # ---- edit ---------------------------------------------------------------------------------
    def edit_selected(self) -> None:
        candidate = self.table.selected()
        if candidate is None:
            self.notice.show_error(self.tr("请先在表格中选择一名考生"))
        else:
            self.edit_candidate(candidate)

    def edit_candidate(self, candidate: CandidateInfo | None) -> CandidateDialog:
        dialog = CandidateDialog(self.ctx, self.classes, candidate, self)
        dialog.accepted.connect(self._saved)
        self.candidate_dialog = dialog
        dialog.open()
        return dialog

    def _saved(self) -> None:
        d = self.candidate_dialog
        if d is not None and d.saved is not None:
            self.notice.show_message(self.tr("已保存考生 {0} {1}").format(d.saved.employee_no, d.saved.name))
        self.refresh()

    def assign_class(self) -> None:
        people = self.table.selected_rows()
        if not people:
            self.notice.show_error(self.tr("请先在表格中选择考生（按住 Ctrl 或 Shift 可多选）"))
            return
        name = ask_text(self, self.tr("分到班级"), self.tr("把所选 {0} 名考生分到班级/批次：").format(len(people)), items=self.classes)
        if name is None:
            return

        def done(n: int) -> None:
            self.notice.show_message(self.tr("已把 {0} 名考生分到“{1}”").format(n, name))
            self.refresh()

        self.run(assign_class, self.ctx.store, people, name, self.ctx.actor, on_done=done)
