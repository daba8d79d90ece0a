"""Small building blocks shared by the trainee screens: big labels and buttons, safe callbacks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QWidget
from shiboken6 import isValid


def label(text: str = "", role: str = "body", wrap: bool = True, name: str = "") -> QLabel:
    """A read-only label: no selecting, copying, dragging or context menu (exam rules)."""
    w = QLabel(text)
    w.setTextFormat(Qt.TextFormat.PlainText)
    w.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    w.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    w.setWordWrap(wrap)
    if role:
        w.setProperty("role", role)
    if name:
        w.setObjectName(name)
    return w


class ElidedLabel(QLabel):
    """One line that shortens itself with '…' instead of pushing the window wider."""

    def __init__(self, text: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._elide()

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        width = self.width() if self.width() > 0 else 10_000
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, width))


def button(text: str, role: str = "", on_click: Callable[[], Any] | None = None) -> QPushButton:
    b = QPushButton(text)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    b.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    if role:
        b.setProperty("role", role)
    if on_click is not None:
        b.clicked.connect(lambda _checked=False: on_click())
    return b


def card() -> QFrame:
    f = QFrame()
    f.setProperty("role", "card")
    f.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # never squashed: scroll instead
    return f


def set_prop(w: QWidget, name: str, value: Any) -> None:
    """Change a dynamic property the style sheet selects on, and restyle the widget."""
    if w.property(name) == value:
        return
    w.setProperty(name, value)
    w.style().unpolish(w)
    w.style().polish(w)
    w.update()


def alive(obj: Any) -> bool:
    return obj is not None and isValid(obj)


def guarded(owner: Any, fn: Callable[..., Any]) -> Callable[..., None]:
    """Wrap a run_op callback so it does nothing once its page has been replaced."""

    def call(*args: Any) -> None:
        if alive(owner):
            fn(*args)

    return call
