"""Size a window to what it wants, but never beyond the screen it opens on.

Stations have 1366×768 screens at 100 % and 1920×1080 at 150 % (1280×720 logical pixels), with a
taskbar; a dialog taller than that hides its 保存 button below the screen edge."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_PX = 40  # title bar and borders the window manager adds around a dialog
SMALLEST_SCREEN = QSize(1280, 720)  # 1920×1080 at 150 %: every dialog's minimum must fit this


def available(widget: QWidget) -> QSize:
    """The free area of the screen the widget (or its parent) is on, minus the window frame."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry().size() if screen is not None else SMALLEST_SCREEN
    return QSize(area.width() - FRAME_PX, area.height() - FRAME_PX)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """resize(width, height), shrunk to the screen; content that needs more scrolls inside."""
    room = available(widget)
    widget.resize(min(width, room.width()), min(height, room.height()))
