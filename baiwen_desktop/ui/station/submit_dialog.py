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
        self.partial_title = label("", "big")
        self.partial_box = QWidget()
        self.marked_title = label("", "big")
        self.marked_box = QWidget()
        self.warning = label(self.tr("交卷后不能再修改答案。"), "notice")
        self.back_button = button(self.tr("返回检查"), "primary", self.cancel)
        self.confirm_button = button(self.tr("确认交卷"), "danger", self.confirmed.emit)
        for b in (self.back_button, self.confirm_button):
            b.setMinimumWidth(260)
        widgets = (self.title, self.summary, self.unanswered_title, self.unanswered_box, self.partial_title, self.partial_box, self.marked_title, self.marked_box, self.warning)
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
            counts += self.tr("，没填完 {0} 题").format(len(self.partial))
        self.summary.setText(counts + self.tr("，标记 {0} 题。").format(len(self.marked)))
        if self.unanswered:
            self.unanswered_title.setText(self.tr("还没有作答的题（点题号可以回去作答）："))
        elif self.partial:
            self.unanswered_title.setText(self.tr("其余题目都已作答。"))
        else:
            self.unanswered_title.setText(self.tr("所有题目都已作答。"))
        # at most three rows of unanswered and one each of partly answered and marked numbers, so the card fits
        per_row = max(4, CARD_INNER_PX // (display.px(44) + 28))
        self._fill(self.unanswered_box, self.unanswered, 3 * per_row)
        self.partial_title.setText(self.tr("还有空没填的填空题（点题号可以回去补填）：") if self.partial else "")
        self.partial_title.setVisible(bool(self.partial))
        self._fill(self.partial_box, self.partial, per_row)
        self.marked_title.setText(self.tr("标记过的题（点题号可以回去检查）：") if self.marked else "")
        self.marked_title.setVisible(bool(self.marked))
        self._fill(self.marked_box, self.marked, per_row)
        set_prop(self.card, "tone", "warn" if self.unanswered or self.partial else "")
        self.pop_up()
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
        box.setVisible(bool(positions))

    def _jump(self, pos: int) -> None:
        self.hide()
        self.jump.emit(pos)

    def cancel(self) -> None:
        self.hide()
