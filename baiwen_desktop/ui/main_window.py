"""The one top-level window: a stack of pages (station home, exam flow, trainer console)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from baiwen_desktop.ui import gc_guard

APP_TITLE = "百问百查考试系统"


class MainWindow(QMainWindow):
    """Holds the store, the station name and the current page; pages navigate through it."""

    def __init__(self, store: Any, station: str) -> None:
        super().__init__()
        gc_guard.install()  # collect cycles on the UI thread only
        self.store = store
        self.station = station
        self.prefs = QSettings("baiwen", "baiwen_desktop")  # per-station display preferences
        self.setWindowTitle(self.tr("百问百查考试系统"))
        self.setMinimumSize(960, 600)  # fits 1280×720 (1920×1080 at 150 %) with a taskbar
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)

    def show_page(self, page: QWidget) -> None:
        """Replace the current page; the old one is deleted so its timers stop."""
        old = self.stack.currentWidget()
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def go_home(self) -> None:
        from baiwen_desktop.ui.station.home import HomePage

        self.show_page(HomePage(self))

    def open_admin(self) -> None:
        """「管理」: trainer login, then the console (or first-run setup when there is no admin)."""
        from baiwen_desktop.ui.trainer.entry import open_admin

        open_admin(self)
