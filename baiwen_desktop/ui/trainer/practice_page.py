"""练习: the class view of practice – each of the 99 items coloured by class accuracy, the weakest
items first, who is behind; XLSX and PDF 学习情况报告; practice on/off per station."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.filenames import safe_filename
from baiwen_desktop.core.practice import ALL_ITEMS, Tally, accuracy_band, format_accuracy
from baiwen_desktop.services import practice, practice_export, roster
from baiwen_desktop.services.practice import ClassView
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage
from baiwen_desktop.ui.trainer.table import Column, DataTable

BAND_STYLE = {
    "none": "background:#e0e0e0; color:#555;",
    "low": "background:#e57373; color:#111;",
    "mid": "background:#ffd54f; color:#111;",
    "ok": "background:#aed581; color:#111;",
    "good": "background:#43a047; color:#fff;",
}
COLS = 10


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{round(v * 100)}%"


class PracticePage(TrainerPage):
    def __init__(self, ctx: TrainerContext) -> None:
        super().__init__(ctx, self.tr("练习"), self.tr("学员考前练习的情况：每个条目按全班正确率着色，最薄弱的在前；练习不影响考试成绩。"))
        top = QHBoxLayout()
        self.klass = QComboBox()
        self.klass.setMinimumWidth(160)
        self.klass.currentIndexChanged.connect(lambda _i: self.query())
        self.reload_button = QPushButton(self.tr("刷新"))
        self.reload_button.clicked.connect(self.query)
        self.xlsx_button = QPushButton(self.tr("导出 Excel…"))
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.pdf_button = QPushButton(self.tr("学习情况报告 PDF…"))
        self.pdf_button.clicked.connect(self.export_pdf)
        top.addWidget(QLabel(self.tr("班级")))
        top.addWidget(self.klass)
        top.addWidget(self.reload_button)
        top.addStretch(1)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.pdf_button)
        self.body.addLayout(top)
        switch = QHBoxLayout()
        self.station = QComboBox()
        self.station.setEditable(True)
        self.station.setMinimumWidth(200)
        self.station.currentTextChanged.connect(lambda _t: self._show_switch())
        self.switch_state = QLabel()
        self.off_button = QPushButton(self.tr("关闭练习"))
        self.off_button.clicked.connect(lambda: self.set_switch(False))
        self.on_button = QPushButton(self.tr("开启练习"))
        self.on_button.clicked.connect(lambda: self.set_switch(True))
        switch.addWidget(QLabel(self.tr("考点（电脑）")))
        switch.addWidget(self.station)
        switch.addWidget(self.switch_state)
        switch.addWidget(self.off_button)
        switch.addWidget(self.on_button)
        switch.addStretch(1)
        self.body.addLayout(switch)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.body.addWidget(self.summary)
        main = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("各条目全班正确率")))
        grid_box = QWidget()
        self.grid = QGridLayout(grid_box)
        self.grid.setSpacing(2)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.cells: dict[str, QLabel] = {}
        for n, key in enumerate(ALL_ITEMS):
            cell = QLabel(key)
            cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cell.setMinimumSize(52, 36)
            cell.setObjectName("practiceCell")
            self.cells[key] = cell
            self.grid.addWidget(cell, n // COLS, n % COLS)
        left.addWidget(grid_box)
        legend = QHBoxLayout()
        for band, text in (("good", "≥90%"), ("ok", "75–89%"), ("mid", "60–74%"), ("low", "<60%"), ("none", self.tr("无人练习"))):
            chip = QLabel(text)
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setStyleSheet(BAND_STYLE[band] + "padding:2px 6px;")
            legend.addWidget(chip)
        legend.addStretch(1)
        left.addLayout(legend)
        left.addStretch(1)
        main.addLayout(left)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("最薄弱的条目")))
        self.weak = DataTable(
            [
                Column(self.tr("条目"), lambda r: r[0]),
                Column(self.tr("答题次数"), lambda r: r[1].answered, numeric=True),
                Column(self.tr("正确率"), lambda r: format_accuracy(r[1]), key=lambda r: r[1].accuracy or 0.0, numeric=True),
            ],
            show_filter=False,
        )
        right.addWidget(self.weak, 1)
        right.addWidget(QLabel(self.tr("需要关注的学员（练得少或正确率低于 60%）")))
        self.behind = DataTable(
            [
                Column(self.tr("工号"), lambda t: t.employee_no),
                Column(self.tr("姓名"), lambda t: t.name),
                Column(self.tr("答题次数"), lambda t: t.answered, numeric=True),
                Column(self.tr("正确率"), lambda t: _pct(t.accuracy), key=lambda t: t.accuracy or 0.0, numeric=True),
                Column(self.tr("最近练习"), lambda t: t.last_at.strftime("%m-%d %H:%M") if t.last_at else self.tr("从未练习")),
            ],
            show_filter=False,
        )
        right.addWidget(self.behind, 1)
        main.addLayout(right, 1)
        self.body.addLayout(main, 1)
        self.view: ClassView | None = None
        self.switches: dict[str, bool] = {}

    def refresh(self) -> None:
        self.run(roster.class_names, self.ctx.store, on_done=self._show_classes)
        self.run(practice.station_switches, self.ctx.store, on_done=self._show_stations)

    def _show_classes(self, names: list[str]) -> None:
        current = self.klass.currentData()
        self.klass.blockSignals(True)
        self.klass.clear()
        self.klass.addItem(self.tr("全部学员"), "")
        for n in names:
            if n:
                self.klass.addItem(n, n)
        self.klass.setCurrentIndex(max(0, self.klass.findData(current)))
        self.klass.blockSignals(False)
        self.query()

    def _show_stations(self, switches: dict[str, bool]) -> None:
        self.switches = switches
        current = self.station.currentText() or self.ctx.station
        self.station.blockSignals(True)
        self.station.clear()
        for name in sorted({*switches, self.ctx.station} - {""}):
            self.station.addItem(name)
        self.station.setEditText(current)
        self.station.blockSignals(False)
        self._show_switch()

    def _show_switch(self) -> None:
        name = self.station.currentText().strip()
        on = self.switches.get(name, True)
        self.switch_state.setText(self.tr("练习：开启") if on else self.tr("练习：已关闭"))
        self.switch_state.setStyleSheet("color:#1b5e20;" if on else "color:#b3261e; font-weight:bold;")
        self.off_button.setEnabled(bool(name) and on)
        self.on_button.setEnabled(bool(name) and not on)

    def set_switch(self, enabled: bool) -> None:
        name = self.station.currentText().strip()
        if not name:
            return
        self.run(practice.set_practice_enabled, self.ctx.store, name, enabled, self.ctx.actor,
                 on_done=lambda _r: self.refresh())

    def query(self) -> None:
        self.run(practice.class_view, self.ctx.store, self.klass.currentData() or "", on_done=self._show)

    def _show(self, view: ClassView) -> None:
        self.view = view
        for key, cell in self.cells.items():
            t = view.items.get(key, Tally())
            cell.setText(f"{key}\n{_pct(t.accuracy)}")
            cell.setStyleSheet(BAND_STYLE[accuracy_band(t)] + "font-size:12px;")
            cell.setToolTip(self.tr("{0}：答题 {1} 次，答对 {2} 次").format(key, t.answered, t.right))
        answered = sum(t.answered for t in view.trainees)
        right = sum(t.right for t in view.trainees)
        active = sum(1 for t in view.trainees if t.answered)
        self.summary.setText(self.tr("学员 {0} 人，{1} 人练习过；共答题 {2} 次，正确率 {3}；需要关注 {4} 人。").format(
            len(view.trainees), active, answered, _pct(right / answered if answered else None), len(view.behind)))
        self.weak.set_rows([kv for kv in view.weakest() if kv[1].answered])
        self.behind.set_rows(view.behind)

    def _save_path(self, title: str, suffix: str, filters: str) -> Path | None:
        name = self.klass.currentData() or self.tr("全部学员")
        path, _ = QFileDialog.getSaveFileName(self, title, safe_filename(self.tr("{0}_学习情况").format(name), suffix), filters)
        if not path:
            return None
        out = Path(path)
        return out if out.suffix.lower() == suffix else out.with_suffix(suffix)

    def export_xlsx(self) -> None:
        out = self._save_path(self.tr("导出练习情况"), ".xlsx", self.tr("Excel 文件 (*.xlsx)"))
        if out is not None:
            self.run(practice_export.export_xlsx, self.ctx.store, out, self.klass.currentData() or "",
                     on_done=lambda p: self.notice.show_message(self.tr("已导出到 {0}").format(p)))

    def export_pdf(self) -> None:
        out = self._save_path(self.tr("保存学习情况报告"), ".pdf", self.tr("PDF 文件 (*.pdf)"))
        if out is not None:
            store, klass = self.ctx.store, self.klass.currentData() or ""
            self.run(lambda progress: practice_export.export_pdf(store, out, klass, progress),
                     on_done=lambda p: self.notice.show_message(self.tr("已保存学习情况报告：{0}").format(p)),
                     progress_text=self.tr("正在生成学习情况报告…"))


