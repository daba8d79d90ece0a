"""Cold start: process launch → station home shown, next to a bare PySide6 QMainWindow.

Each run is a fresh process (offscreen); the clock runs from spawning it until it prints
"ready". The data folder is prepared once beforehand (schema, bundled bank, an open
session), as on a station that has been used before.

    python bench/startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.setWindowTitle("bare")
w.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""

APP = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])

def poll():
    from baiwen_desktop.ui.station.home import HomePage
    for w in app.topLevelWidgets():
        page = getattr(w, "current_page", lambda: None)()
        if isinstance(page, HomePage) and page.loaded and page.isVisible() and page.start_buttons:
            print("ready", flush=True)
            app.quit()
            return
    QTimer.singleShot(5, poll)

QTimer.singleShot(0, poll)
from baiwen_desktop.ui.app import main
main(["--data-dir", sys.argv[1], "--windowed"])
"""


def prepare(folder: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "gui"))
    from station_driver import make_open_session

    from baiwen_desktop.services.context import open_app

    store = open_app(folder)
    make_open_session(store, 5)
    store.dispose()


def launch(code: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "ready":
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError("the child never became ready")
    proc.wait(30)
    return elapsed


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 7
    with tempfile.TemporaryDirectory(prefix="baiwen-start-") as tmp:
        data = Path(tmp) / "data"
        prepare(data)
        launch(BARE)  # warm the OS file cache for both
        launch(APP, str(data))
        bare, app = [], []
        for _ in range(runs):  # interleaved, so drift hits both alike
            bare.append(launch(BARE))
            app.append(launch(APP, str(data)))
    mb, ma = statistics.median(bare), statistics.median(app)
    print(f"runs: {runs} each, offscreen, {sys.executable}")
    print(f"bare QMainWindow shown : median {mb * 1000:7.0f} ms  (min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f})")
    print(f"baiwen home shown      : median {ma * 1000:7.0f} ms  (min {min(app) * 1000:.0f}, max {max(app) * 1000:.0f})")
    print(f"ratio                  : {ma / mb:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
