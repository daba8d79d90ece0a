"""A centred card on a plain background: the layout of the first-run and login pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from baiwen_desktop.ui.trainer.common import Notice


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

    def add_notice_and_buttons(self, go_home: Callable[[], None], primary_text: str, on_primary: Callable[[], None]) -> tuple[Notice, QPushButton, QPushButton]:
        """The card's foot: a notice line, then 「返回考试首页」 on the left and the main action on the right."""
        notice = Notice()
        self.card.addWidget(notice)
        back = QPushButton(self.tr("返回考试首页"))
        back.clicked.connect(go_home)
        primary = QPushButton(primary_text)
        primary.setDefault(True)
        primary.setStyleSheet("font-weight:bold; padding:6px 18px;")
        primary.clicked.connect(on_primary)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(primary)
        self.card.addLayout(buttons)
        return notice, back, primary
