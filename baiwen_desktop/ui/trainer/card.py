"""The first-run and trainer-login pages: the station's look (colours, card, buttons) at a
slightly smaller size, since they are reached from the station home and set up the station."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from baiwen_desktop.ui.station.styles import Display, apply_display
from baiwen_desktop.ui.station.widgets import button, card, label
from baiwen_desktop.ui.trainer.common import Notice

CARD_DISPLAY = Display(0.85, False)  # the station style, compact enough for a form of seven fields
_EXTRA = """
QDoubleSpinBox, QSpinBox { font-size: 20px; min-height: 40px; padding: 2px 10px;
    border: 2px solid #7d8f8c; border-radius: 8px; background: #ffffff; color: #111111; }
QDoubleSpinBox:focus, QSpinBox:focus { border: 3px solid #00706b; }
QLabel[role="section"] { font-size: 20px; font-weight: bold; color: #00605b; }
QLineEdit { min-height: 40px; }
QAbstractSpinBox QLineEdit { min-height: 0; border: none; padding: 0 0 0 12px; background: transparent; }
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button { width: 0; border: none; }  /* typed; NoButtons with a border hides the text */
"""


class CardPage(QWidget):
    """The brand line, then `self.card` (a QVBoxLayout) inside a white card on the station background."""

    def __init__(self, title: str, subtitle_lines: tuple[str, ...] = (), width: int = 560) -> None:
        super().__init__()
        self.setObjectName("StationPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        apply_display(self, CARD_DISPLAY)
        self.setStyleSheet(self.styleSheet() + _EXTRA)
        frame = card()
        frame.setFixedWidth(width)
        self.card = QVBoxLayout(frame)
        self.card.setContentsMargins(36, 22, 36, 22)
        self.card.setSpacing(10)
        self.heading = label(title, "title", wrap=False)
        self.card.addWidget(self.heading)
        for line in subtitle_lines:  # short lines, never wrapped: no break inside a word (密|码)
            self.card.addWidget(label(line, "hint", wrap=False))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(frame)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 20, 48, 16)
        outer.addWidget(label(self.tr("百问百查考试系统 · 管理"), "brand", wrap=False))
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    @staticmethod
    def form() -> QFormLayout:
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return form

    @staticmethod
    def field(text: str) -> QLabel:
        return label(text, "fieldname", wrap=False)

    def add_notice_and_buttons(self, go_home: Callable[[], None], primary_text: str, on_primary: Callable[[], None]) -> tuple[Notice, QPushButton, QPushButton]:
        """The card's foot: a notice line, then 「返回考试首页」 on the left and the main action on the right."""
        notice = Notice()
        self.card.addWidget(notice)
        back = button(self.tr("返回考试首页"), "", go_home)
        primary = button(primary_text, "primary", on_primary)
        primary.setDefault(True)
        primary.setMinimumWidth(220)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(primary)
        self.card.addLayout(buttons)
        return notice, back, primary
