"""One big clickable answer row: a letter badge, the option text (wrapping), a tick when chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout

from baiwen_desktop.ui.station.widgets import label, set_prop


class OptionRow(QFrame):
    clicked = Signal()

    def __init__(self, letter: str, text: str, square: bool, badge_px: int) -> None:
        super().__init__()
        self.setObjectName("OptionRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the exam window, not the row
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.letter = letter
        lay = QHBoxLayout(self)
        lay.setContentsMargins(16, 10, 18, 10)
        lay.setSpacing(18)
        self.badge = label(letter, "", wrap=False, name="OptionBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setFixedSize(badge_px, badge_px)
        self.badge.setProperty("shape", "square" if square else "circle")
        self.text = label(text, "", name="OptionText")
        self.tick = label(self.tr("✓ 已选"), "", wrap=False, name="OptionTick")
        self.tick.setVisible(False)
        lay.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.tick, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setAccessibleName(f"{letter} {text}")
        self.set_selected(False)

    def set_selected(self, on: bool) -> None:
        set_prop(self, "selected", "true" if on else "false")
        set_prop(self.badge, "selected", "true" if on else "false")
        self.tick.setVisible(on)

    def is_selected(self) -> bool:
        return self.property("selected") == "true"

    def set_cursor(self, on: bool) -> None:
        set_prop(self, "cursor", "true" if on else "false")

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton and self.rect().contains(e.position().toPoint()):
            self.clicked.emit()
        e.accept()
