"""What every trainee page shares: the station style sheet at the chosen 字号/对比."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from baiwen_desktop.ui.station.styles import Display, apply_display, load_display
from baiwen_desktop.ui.station.widgets import label


def prepare_page(page: QWidget, window: Any) -> Display:
    """Name the page for the style sheet and style it; returns the display in force."""
    page.setObjectName("StationPage")
    page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    display = load_display(window)
    apply_display(page, display)
    return display


class BusyPage(QWidget):
    """A plain page with one message: behind the exam window, or while a result loads."""

    def __init__(self, window: Any, title: str, text: str = "") -> None:
        super().__init__()
        prepare_page(self, window)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 48, 48, 48)
        lay.addStretch(1)
        self.title = label(title, "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = label(text, "big")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.title)
        lay.addWidget(self.text)
        lay.addStretch(2)
