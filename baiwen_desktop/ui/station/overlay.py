"""Messages inside the exam window: a dimmed cover with a card on top.

Not separate dialogs: a kiosk window that stays on top could hide a dialog behind it on
some window managers and leave the candidate stuck.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from baiwen_desktop.ui.station.widgets import button, label, set_prop


class OverlayShell(QWidget):
    """A dimmed cover over the whole parent with a centred card; subclasses fill the card."""

    def __init__(self, parent: QWidget, width: int = 900) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.card = QFrame()
        self.card.setObjectName("OverlayCard")
        self.card.setMaximumWidth(width)
        self.card.setMinimumWidth(min(width, 640))
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(40, 30, 40, 30)
        self.card_layout.setSpacing(18)
        row.addWidget(self.card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if e.type() == QEvent.Type.Resize and obj is self.parent():
            self.setGeometry(self.parentWidget().rect())
        return False

    def pop_up(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()


class MessageOverlay(OverlayShell):
    """A title, a message and (optionally) one button; Enter or Space presses the button."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.title = label("", "", name="OverlayTitle")
        self.text = label("", "", name="OverlayText")
        self.ok = button("", "primary", self._close)
        self.ok.setMinimumWidth(320)
        self.card_layout.addWidget(self.title)
        self.card_layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ok)
        row.addStretch(1)
        self.card_layout.addLayout(row)
        self._on_close: Callable[[], None] | None = None
        self.kind = ""

    def show_message(self, title: str, text: str, button_text: str = "", tone: str = "warn", kind: str = "", on_close: Callable[[], None] | None = None) -> None:
        """Show a message; without `button_text` it stays until `dismiss()` (e.g. 正在交卷)."""
        self.title.setText(title)
        self.text.setText(text)
        self.ok.setText(button_text)
        self.ok.setVisible(bool(button_text))
        set_prop(self.card, "tone", tone)
        self._on_close = on_close
        self.kind = kind
        self.pop_up()
        if button_text:
            self.ok.setFocus()

    @property
    def has_button(self) -> bool:
        return self.isVisible() and not self.ok.isHidden()

    def press(self) -> None:
        if self.has_button:
            self._close()

    def dismiss(self) -> None:
        self.kind = ""
        self.hide()

    def _close(self) -> None:
        callback, self._on_close = self._on_close, None
        self.dismiss()
        if callback is not None:
            callback()


def chip(text: str, on_click: Callable[[], None]) -> QPushButton:
    b = button(text, "", on_click)
    b.setObjectName("JumpChip")
    return b
