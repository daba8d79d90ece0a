"""`baiwen-desktop` / `python -m baiwen_desktop`: start the station.

The station home is shown first, with its buttons waiting; the store (SQLAlchemy, alembic, the
services, cryptography) is opened on a worker thread once the home has been painted. A database
that cannot be used gets the same dialog as ever, and the program ends with code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QThreadPool, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.datadir import resolve_data_dir
from baiwen_desktop.resources import resources_dir
from baiwen_desktop.services import station
from baiwen_desktop.ui import error_hooks
from baiwen_desktop.ui.fonts import install_fonts
from baiwen_desktop.ui.main_window import APP_TITLE, MainWindow
from baiwen_desktop.ui.operations import run_op
from baiwen_desktop.ui.qt_chinese import install_qt_chinese
from baiwen_desktop.ui.station.home import HomePage

if TYPE_CHECKING:
    from baiwen_desktop.services.station import StationIdentity

OPEN_ANYWAY_MS = 3_000  # a page the platform never paints (a hidden window) still gets its store
WAIT_AT_EXIT_MS = 30_000  # longer than SQLite's busy timeout


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="baiwen-desktop", description=APP_TITLE)
    p.add_argument("--data-dir", default=None)
    p.add_argument("--db-url", default=None)
    p.add_argument("--windowed", action="store_true", help="不全屏（调试用）/ do not go full screen")
    args, _qt = p.parse_known_args(argv)
    return args


def install_translation(app: QApplication) -> None:
    """Chinese is the source language; an English .qm follows the system locale if present.

    Otherwise Qt's own strings (OK/Cancel, file dialogs) are switched to Chinese as well.
    """
    translator = QTranslator(app)
    if translator.load(QLocale.system(), "baiwen", "_", str(resources_dir() / "translations")):
        app.installTranslator(translator)
        return
    install_qt_chinese(app)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    data_dir = resolve_data_dir(args.data_dir)
    error_hooks.install(data_dir)
    install_fonts(app)  # type: ignore[arg-type]
    install_translation(app)  # type: ignore[arg-type]
    # the exam's ordered writes finish before the process ends (a queued answer is never dropped)
    app.aboutToQuit.connect(stop_save_workers)
    # the name from the data folder (display settings are per station); the store comes later
    window = MainWindow(None, station.read_identity(data_dir) or station.StationIdentity("", ""))
    window.show_page(HomePage(window))  # waiting for the store (a PC without a name is asked for it then)
    if args.windowed:
        window.show()
    else:
        # fill the screen even where no window manager honours "maximized" (kiosk sessions)
        window.setGeometry(app.primaryScreen().availableGeometry())  # type: ignore[union-attr]
        window.showMaximized()
    after_first_paint(window.current_page(), lambda: open_in_background(window, args.data_dir, args.db_url))
    code = app.exec()
    if window.store is None:  # the fault dialog ended it, or closed while the store was opening
        window.hide()
    # a store still opening (closed at once) finishes before the interpreter goes away under it
    QThreadPool.globalInstance().waitForDone(WAIT_AT_EXIT_MS)
    return code


def stop_save_workers() -> None:
    # imported here: no exam has run before the home is shown, so no worker can be waiting then
    from baiwen_desktop.ui.station import save_worker

    save_worker.stop_all()


def open_station(data_dir: str | None, db_url: str | None) -> tuple[Any, StationIdentity]:
    """On a worker thread: open (upgrade, sync, prove a write) the store; this PC's identity."""
    from baiwen_desktop.services.context import open_app

    store = open_app(data_dir, db_url)
    try:
        return store, station.station_identity(store)
    except BaseException:
        store.dispose()
        raise


def open_in_background(window: MainWindow, data_dir: str | None, db_url: str | None) -> None:
    run_op(
        window, open_station, data_dir, db_url,
        on_done=lambda opened: window.store_opened(*opened), on_error=lambda e: cannot_open(window, e),
    )


def cannot_open(window: QWidget, e: BaseException) -> None:
    """A fault (StoreFault: what is wrong and what to do) or a bug: a dialog, then the program ends (code 2)."""
    title = QCoreApplication.translate("App", "无法使用数据库")
    text = e.zh if isinstance(e, BaiwenError) else error_hooks.logged_text(e)
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, window)
    box.setObjectName("storeFaultBox")
    box.exec()
    QApplication.exit(2)


class _FirstPaint(QObject):
    """Calls `then` once, from the event loop just after `widget` was first painted."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget, self.then, self.fired = widget, then, False
        widget.installEventFilter(self)
        QTimer.singleShot(OPEN_ANYWAY_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        if self.fired:
            return
        self.fired = True
        self.widget.removeEventFilter(self)
        self.then()


def after_first_paint(widget: QWidget | None, then: Callable[[], None]) -> None:
    if widget is None:
        QTimer.singleShot(0, then)
        return
    _FirstPaint(widget, then)


if __name__ == "__main__":
    raise SystemExit(main())
