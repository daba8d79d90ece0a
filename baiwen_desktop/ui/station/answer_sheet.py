"""答题卡: every question number grouped by type, coloured answered / unanswered / marked."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.question import TYPE_ORDER
from baiwen_desktop.ui.station.exam_model import ExamModel
from baiwen_desktop.ui.station.styles import Display
from baiwen_desktop.ui.station.texts import type_label
from baiwen_desktop.ui.station.widgets import label, set_prop

COLUMNS = 5


class AnswerSheet(QFrame):
    jump = Signal(int)

    def __init__(self, model: ExamModel, display: Display) -> None:
        super().__init__()
        self.setObjectName("AnswerSheet")
        self.model = model
        cell = display.px(44)
        self.cell_px = cell
        self.setFixedWidth(COLUMNS * (cell + 8) + 48 + display.px(18))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 14, 8, 10)
        outer.setSpacing(8)
        outer.addWidget(label(self.tr("答题卡"), "", wrap=False, name="SheetTitle"))
        outer.addWidget(self._legend(display))
        body = QWidget()
        grid_box = QVBoxLayout(body)
        grid_box.setContentsMargins(0, 0, 8, 0)
        grid_box.setSpacing(6)
        self.cells: list[QToolButton] = [QToolButton() for _ in range(model.count)]
        self.stars: dict[int, QLabel] = {}
        for qtype in TYPE_ORDER:
            positions = [i for i, it in enumerate(model.items) if it.question.qtype is qtype]
            if not positions:
                continue
            grid_box.addWidget(label(self.tr("{0}（{1} 题）").format(type_label(qtype), len(positions)), "", wrap=False, name="SheetGroup"))
            grid = QGridLayout()
            grid.setSpacing(8)
            for k, pos in enumerate(positions):
                grid.addWidget(self._cell(pos), k // COLUMNS, k % COLUMNS)
            grid.setColumnStretch(COLUMNS, 1)
            grid_box.addLayout(grid)
        grid_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll, 1)
        self.scroll = scroll
        model.answer_changed.connect(self.refresh)
        # bound methods, not a lambda: Qt drops them when a font/contrast change replaces this sheet
        model.current_changed.connect(self._current_changed)
        self.refresh_all()

    def _current_changed(self, _pos: int) -> None:
        self.refresh_all()

    def _legend(self, display: Display) -> QWidget:
        box = QWidget()
        lay = QHBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        for state, marked, text in (("answered", "false", self.tr("已答")), ("unanswered", "false", self.tr("未答")), ("unanswered", "true", self.tr("标记"))):
            chip = label("★" if marked == "true" else "", "", wrap=False, name="LegendChip")
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setProperty("state", state)
            chip.setProperty("marked", marked)
            chip.setFixedSize(display.px(22), display.px(22))
            lay.addWidget(chip)
            lay.addWidget(label(text, "", wrap=False, name="Legend"))
            lay.addSpacing(6)
        lay.addStretch(1)
        return box

    def _cell(self, pos: int) -> QToolButton:
        b = self.cells[pos]
        b.setText(str(pos + 1))
        b.setObjectName("SheetCell")
        b.setFixedSize(self.cell_px, self.cell_px)  # fixed in code: a scroll area squeezes to minimum hints
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setCursor(Qt.CursorShape.PointingHandCursor)
        b.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        b.clicked.connect(lambda _c=False, p=pos: self.jump.emit(p))
        star = label("★", "", wrap=False, name="CellStar")  # marked is shown by shape too, not colour alone
        star.setParent(b)
        star.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        side = self.cell_px * 2 // 5
        star.setFixedSize(side, side)
        star.setAlignment(Qt.AlignmentFlag.AlignCenter)
        star.move(self.cell_px - side - 2, 1)
        star.hide()
        self.stars[pos] = star
        return b

    def refresh(self, pos: int) -> None:
        b = self.cells[pos]
        set_prop(b, "state", "answered" if self.model.answered(pos) else "unanswered")
        set_prop(b, "marked", "true" if self.model.marked[pos] else "false")
        self.stars[pos].setVisible(self.model.marked[pos])
        set_prop(b, "current", "true" if pos == self.model.current else "false")
        what = self.tr("已答") if self.model.answered(pos) else self.tr("未答")
        if self.model.marked[pos]:
            what += self.tr("，已标记")
        b.setToolTip(self.tr("第 {0} 题：{1}").format(pos + 1, what))
        b.setAccessibleName(b.toolTip())

    def refresh_all(self) -> None:
        for pos in range(self.model.count):
            self.refresh(pos)
        # after the layout has settled, or a freshly built sheet scrolls to stale positions
        QTimer.singleShot(0, self, self._show_current)  # cancelled if the sheet goes first

    def _show_current(self) -> None:
        self.scroll.ensureWidgetVisible(self.cells[self.model.current], 0, 40)
