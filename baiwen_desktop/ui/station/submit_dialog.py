"""交卷 confirmation: what is unanswered, partly answered or marked (click a number to go back), then confirm."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from baiwen_desktop.ui.station.exam_model import ExamModel
from baiwen_desktop.ui.station.flow_layout import FlowLayout
from baiwen_desktop.ui.station.overlay import OverlayShell, chip
from baiwen_desktop.ui.station.styles import Display
from baiwen_desktop.ui.station.widgets import button, label, set_prop

CARD_INNER_PX = 900


class SubmitPanel(OverlayShell):
    confirmed = Signal()
    jump = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, width=1000)
        self.title = label(self.tr("确认交卷"), "", name="OverlayTitle")
        self.summary = label("", "", name="OverlayText")
        self.unanswered_title = label("", "big")
        self.unanswered_box = QWidget()
        self.marked_title = label("", "big")
        self.marked_box = QWidget()
        self.warning = label(self.tr("交卷后不能再修改答案。"), "notice")
        self.back_button = button(self.tr("返回检查"), "primary", self.cancel)
        self.confirm_button = button(self.tr("确认交卷"), "danger", self.confirmed.emit)
        for b in (self.back_button, self.confirm_button):
            b.setMinimumWidth(260)
        widgets = (self.title, self.summary, self.unanswered_title, self.unanswered_box, self.marked_title, self.marked_box, self.warning)
        for w in widgets:
            self.card_layout.addWidget(w)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.confirm_button)
        self.card_layout.addLayout(row)
        self.unanswered: list[int] = []
        self.partial: list[int] = []
        self.marked: list[int] = []

    def open_for(self, model: ExamModel, display: Display) -> None:
        self.unanswered = model.unanswered()
        self.partial = model.partly_answered()
        self.marked = model.marked_positions()
        n = model.count
        counts = self.tr("共 {0} 题：已答 {1} 题，未答 {2} 题").format(n, model.answered_count(), len(self.unanswered))
        if self.partial:
            numbers = "、".join(str(p + 1) for p in self.partial[:8]) + ("……" if len(self.partial) > 8 else "")
            counts += self.tr("，没填完 {0} 题（第 {1} 题）").format(len(self.partial), numbers)
        self.summary.setText(counts + self.tr("，标记 {0} 题。").format(len(self.marked)))
        todo = sorted(self.unanswered + self.partial)  # one list to go back to, so the card still fits the screen
        if self.unanswered and self.partial:
            self.unanswered_title.setText(self.tr("还没有作答或没填完的题（点题号可以回去作答）："))
        elif self.partial:
            self.unanswered_title.setText(self.tr("没填完的填空题（点题号可以回去补填）："))
        elif self.unanswered:
            self.unanswered_title.setText(self.tr("还没有作答的题（点题号可以回去作答）："))
        else:
            self.unanswered_title.setText(self.tr("所有题目都已作答。"))
        self.marked_title.setText(self.tr("标记过的题（点题号可以回去检查）：") if self.marked else "")
        self.marked_title.setVisible(bool(self.marked))
        set_prop(self.card, "tone", "warn" if self.unanswered or self.partial else "")
        self.pop_up()
        self.layout().activate()  # the card's real width, for the rows below
        inner = min(CARD_INNER_PX, self.card.width() - 80)  # the card's margins are 40 px a side
        per_row = max(4, inner // (display.px(44) + 28))
        self._fill(self.marked_box, self.marked, per_row)
        # up to three rows of numbers to go back to, fewer on a short screen (1280×720, a large font)
        for rows in (3, 2, 1):
            self._fill(self.unanswered_box, todo, rows * per_row)
            if self.card_layout.totalHeightForWidth(self.card.width()) <= self.height() - 24:
                break
        self.back_button.setFocus()  # Enter goes back, never submits by accident

    def _fill(self, box: QWidget, positions: list[int], limit: int) -> None:
        old = box.layout()
        if old is not None:
            while old.count():
                w = old.takeAt(0).widget()
                if w is not None:
                    w.deleteLater()
            QWidget().setLayout(old)  # re-parent the old layout away so a new one can be set
        flow = FlowLayout(box, h_spacing=8, v_spacing=8)
        shown = positions if len(positions) <= limit else positions[: limit - 1]
        for pos in shown:
            flow.addWidget(chip(str(pos + 1), lambda p=pos: self._jump(p)))
        if len(shown) < len(positions):
            flow.addWidget(label(self.tr("……等 {0} 题").format(len(positions)), "big", wrap=False))
        for i in range(flow.count()):
            w = flow.itemAt(i).widget()
            w.ensurePolished()  # style-sheet sizes now, so the card's height can be measured
            w.setVisible(True)  # not only once the layout gets round to it: hidden items measure 0
        box.setVisible(bool(positions))

    def _jump(self, pos: int) -> None:
        self.hide()
        self.jump.emit(pos)

    def cancel(self) -> None:
        self.hide()
