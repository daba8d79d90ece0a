"""`baiwen-desktop` / `python -m baiwen_desktop`: start the station."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.datadir import resolve_data_dir
from baiwen_desktop.resources import resources_dir
from baiwen_desktop.services import station
from baiwen_desktop.services.context import open_app
from baiwen_desktop.ui import error_hooks
from baiwen_desktop.ui.fonts import install_fonts
from baiwen_desktop.ui.main_window import APP_TITLE, MainWindow
from baiwen_desktop.ui.qt_chinese import install_qt_chinese
from baiwen_desktop.ui.station import save_worker


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


def create_window(store: object) -> MainWindow:
    window = MainWindow(store, station.station_identity(store))  # type: ignore[arg-type]
    window.go_home()
    return window


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    error_hooks.install(resolve_data_dir(args.data_dir))
    install_fonts(app)  # type: ignore[arg-type]
    install_translation(app)  # type: ignore[arg-type]
    store = open_or_explain(args.data_dir, args.db_url)
    if store is None:
        return 2
    # the exam's ordered writes finish before the process ends (a queued answer is never dropped)
    app.aboutToQuit.connect(save_worker.stop_all)
    window = create_window(store)
    if args.windowed:
        window.show()
    else:
        # fill the screen even where no window manager honours "maximized" (kiosk sessions)
        window.setGeometry(app.primaryScreen().availableGeometry())  # type: ignore[union-attr]
        window.showMaximized()
    return app.exec()


def open_or_explain(data_dir: str | None, db_url: str | None) -> Any:
    """Open the store, proving it can write; a fault or a bug gets a dialog and None (no 开始考试)."""
    title = QCoreApplication.translate("App", "无法使用数据库")
    try:
        return open_app(data_dir, db_url)
    except BaiwenError as e:  # StoreFault: what is wrong and what to do
        box = QMessageBox(QMessageBox.Icon.Critical, title, e.zh, QMessageBox.StandardButton.Ok)
    except Exception as e:
        box = QMessageBox(QMessageBox.Icon.Critical, title, error_hooks.logged_text(e), QMessageBox.StandardButton.Ok)
    box.setObjectName("storeFaultBox")
    box.exec()
    return None


if __name__ == "__main__":
    raise SystemExit(main())
