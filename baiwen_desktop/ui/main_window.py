"""The one top-level window: a stack of pages (station home, exam flow, trainer console)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from baiwen_desktop.services.station import StationIdentity, as_identity
from baiwen_desktop.ui import gc_guard

APP_TITLE = "百问百查考试系统"


class MainWindow(QMainWindow):
    """Holds the store, this PC's identity and the current page; pages navigate through it.

    At start the store may be None while it opens in the background (`store_opened` follows).
    """

    def __init__(self, store: Any, station: StationIdentity | str) -> None:
        super().__init__()
        gc_guard.install()  # collect cycles on the UI thread only
        self.store = store
        self.identity = as_identity(store, station)
        self.prefs = QSettings("baiwen", "baiwen_desktop")  # per-station display preferences
        self.setWindowTitle(self.tr("百问百查考试系统"))
        self.setMinimumSize(960, 600)  # fits 1280×720 (1920×1080 at 150 %) with a taskbar
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)

    @property
    def station(self) -> str:
        """This PC's name (考场 shows it; audit entries carry it)."""
        return self.identity.name

    @station.setter
    def station(self, name: str) -> None:
        self.identity = StationIdentity(self.identity.id, name)

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
        """The station home; on a PC that has no name yet, first the page that names it."""
        if not self.identity.name:
            from baiwen_desktop.ui.station.name_page import StationNamePage

            self.show_page(StationNamePage(self))
            return
        from baiwen_desktop.ui.station.home import HomePage

        self.show_page(HomePage(self))

    def store_opened(self, store: Any, identity: StationIdentity) -> None:
        """The store, opened in the background while the home waited, is ready: the pages may use it."""
        from baiwen_desktop.ui.station.home import HomePage

        renamed = identity.name != self.identity.name
        self.store, self.identity = store, identity
        page = self.current_page()
        if isinstance(page, HomePage) and identity.name and not renamed:
            page.store_ready()
        else:  # no name yet (the naming page), or another name (its own display settings)
            self.go_home()

    def open_admin(self) -> None:
        """「管理」: trainer login, then the console (or first-run setup when there is no admin)."""
        from baiwen_desktop.ui.trainer.entry import open_admin

        open_admin(self)
