"""我的进度: answered, accuracy overall, by section and by item (weakest first), streak, due today."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.practice import Tally, format_accuracy, source_key
from baiwen_desktop.core.question import SECTIONS
from baiwen_desktop.services import practice
from baiwen_desktop.services.attempts import CandidateCard
from baiwen_desktop.services.practice import Progress
from baiwen_desktop.ui.operations import run_op
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.practice.header import PracticeHeader
from baiwen_desktop.ui.station.styles import Display, apply_display, save_display
from baiwen_desktop.ui.station.widgets import button, card, guarded, label


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName("ProgressTable")
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    t.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return t


def _fill(t: QTableWidget, rows: list[tuple[str, Tally]]) -> None:
    t.setRowCount(len(rows))
    for r, (name, tally) in enumerate(rows):
        for c, text in enumerate((name, str(tally.answered), str(tally.right), format_accuracy(tally))):
            cell = QTableWidgetItem(text)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            t.setItem(r, c, cell)


class ProgressPage(QWidget):
    def __init__(self, window: Any, trainee: CandidateCard) -> None:
        super().__init__()
        self.window_ = window
        self.trainee = trainee
        self.display: Display = prepare_page(self, window)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = PracticeHeader(self.tr("我的进度"), trainee, self.display.high_contrast)
        self.header.bigger.connect(lambda: self._set_display(self.display.bigger()))
        self.header.smaller.connect(lambda: self._set_display(self.display.smaller()))
        self.header.contrast_toggled.connect(lambda on: self._set_display(Display(self.display.scale, on)))
        outer.addWidget(self.header)
        body = QVBoxLayout()
        body.setContentsMargins(36, 16, 36, 16)
        body.setSpacing(12)
        box = card()
        box_lay = QVBoxLayout(box)
        box_lay.setContentsMargins(24, 14, 24, 14)
        self.summary = label(self.tr("正在读取…"), "big", name="ProgressSummary")
        box_lay.addWidget(self.summary)
        body.addWidget(box)
        tables = QHBoxLayout()
        tables.setSpacing(18)
        col1 = QVBoxLayout()
        col1.addWidget(label(self.tr("按部分"), "subtitle"))
        self.sections = _table([self.tr("部分"), self.tr("答题次数"), self.tr("答对"), self.tr("正确率")])
        col1.addWidget(self.sections, 1)
        col2 = QVBoxLayout()
        col2.addWidget(label(self.tr("按条目（最弱的在前）"), "subtitle"))
        self.items = _table([self.tr("条目"), self.tr("答题次数"), self.tr("答对"), self.tr("正确率")])
        col2.addWidget(self.items, 1)
        tables.addLayout(col1, 1)
        tables.addLayout(col2, 1)
        body.addLayout(tables, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.back_button = button(self.tr("返回练习首页"), "primary", self.back)
        self.back_button.setMinimumWidth(240)
        row.addWidget(self.back_button)
        body.addLayout(row)
        outer.addLayout(body, 1)
        run_op(self, practice.progress, window.store, trainee.id, on_done=guarded(self, self._loaded))

    def _set_display(self, display: Display) -> None:
        self.display = display
        save_display(self.window_, display)
        apply_display(self, display)

    def _loaded(self, p: Progress) -> None:
        self.progress = p
        self.summary.setText(self.tr(
            "已练 {0} 次，答对 {1} 次，正确率 {2}\n练过 {3}/{4} 道题　连续练习 {5} 天　今天已练 {6} 题　今天待复习 {7} 题　错题本 {8} 题"
        ).format(p.answered, p.right, format_accuracy(Tally(p.answered, p.right)), p.questions_seen, p.bank_size, p.streak, p.today, p.due_today, p.wrong_book))
        _fill(self.sections, [(s, p.by_section.get(s, Tally())) for s in SECTIONS])
        weakest = sorted(p.by_item.items(), key=lambda kv: (kv[1].accuracy or 0.0, source_key(kv[0])))
        _fill(self.items, weakest)

    def back(self) -> None:
        from baiwen_desktop.ui.station.practice.menu import PracticeMenuPage

        self.window_.show_page(PracticeMenuPage(self.window_, self.trainee))
