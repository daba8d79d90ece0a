"""Python's cyclic garbage collector runs only on the UI thread (as in Anki's aqt).

Left to itself, the collector runs in whichever thread happens to allocate; when that is a
run_op or save worker, it can free a Qt wrapper caught in a reference cycle (a page and the
lambdas connected to its signals) away from the UI thread, and Qt crashes. So automatic
collection is switched off and a timer on the UI thread collects instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 1000


class _Collector(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("baiwen-gc")
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> None:
        gc.collect(0)
        if gc.get_count()[1] > 10:
            gc.collect()


def install() -> None:
    """Idempotent: call once the QApplication exists (MainWindow does)."""
    app = QCoreApplication.instance()
    if app is None or app.findChild(_Collector, "baiwen-gc") is not None:
        return
    gc.disable()
    _Collector(app)
