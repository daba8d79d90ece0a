"""`baiwen-desktop` / `python -m baiwen_desktop`: start the station."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.resources import resources_dir
from baiwen_desktop.services import station
from baiwen_desktop.services.context import open_app
from baiwen_desktop.ui.fonts import install_fonts
from baiwen_desktop.ui.main_window import APP_TITLE, MainWindow
from baiwen_desktop.ui.qt_chinese import install_qt_chinese


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
    install_fonts(app)  # type: ignore[arg-type]
    install_translation(app)  # type: ignore[arg-type]
    try:
        store = open_app(args.data_dir, args.db_url)
    except BaiwenError as e:
        QMessageBox.critical(None, APP_TITLE, QCoreApplication.translate("App", "无法打开数据库：{0}").format(e.zh))
        return 1
    window = create_window(store)
    if args.windowed:
        window.show()
    else:
        # fill the screen even where no window manager honours "maximized" (kiosk sessions)
        window.setGeometry(app.primaryScreen().availableGeometry())  # type: ignore[union-attr]
        window.showMaximized()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
