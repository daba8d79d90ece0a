"""A centred card on a plain background: the layout of the first-run and login pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget


class CardPage(QWidget):
    """`self.card` is a QVBoxLayout inside a white, centred box of fixed width."""

    def __init__(self, title: str, subtitle: str = "", width: int = 560) -> None:
        super().__init__()
        self.setObjectName("cardPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # let the style sheet paint the page
        self.setStyleSheet("#cardPage { background:#eef2f6; } #card { background:white; border:1px solid #d5dbe3; border-radius:8px; }")
        frame = QFrame()
        frame.setObjectName("card")
        frame.setFixedWidth(width)
        self.card = QVBoxLayout(frame)
        self.card.setContentsMargins(32, 26, 32, 26)
        self.card.setSpacing(12)
        heading = QLabel(title)
        heading.setStyleSheet("font-size:22px; font-weight:bold; color:#1f3b57;")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card.addWidget(heading)
        if subtitle:
            sub = QLabel(subtitle)
            sub.setWordWrap(True)
            sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
            sub.setStyleSheet("color:#555;")
            self.card.addWidget(sub)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(frame)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
