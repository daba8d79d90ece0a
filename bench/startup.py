"""Cold start: process launch → station home painted, next to a bare PySide6 QMainWindow painted.

Each run is a fresh process (offscreen); the clock runs from spawning it until it prints
"shown": the first paint event of the window (bare) or of the station home (ours) has been
delivered and the event loop has come round again. Ours then also prints "ready" when the
store has opened in the background and the home's 「开始考试」 is enabled: the time until a
trainee can start. The data folder is prepared once beforehand (schema, bundled bank, an open
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
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is w:
            QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
        return False

w = QMainWindow()
w.setWindowTitle("bare")
painted = Painted()
app.installEventFilter(painted)
w.show()
app.exec()
"""

APP = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
said = set()

def say(what):
    if what not in said:
        said.add(what)
        print(what, flush=True)

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and type(watched).__name__ == "HomePage" and watched.isVisible():
            QTimer.singleShot(0, lambda: say("shown"))
        return False

def poll():
    for w in app.topLevelWidgets():
        page = getattr(w, "current_page", lambda: None)()
        if type(page).__name__ == "HomePage" and page.loaded and page.start_buttons and page.start_buttons[0].isEnabled():
            say("ready")
            app.quit()
            return
    QTimer.singleShot(5, poll)

painted = Painted()
app.installEventFilter(painted)
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


def launch(code: str, *args: str) -> dict[str, float]:
    """Seconds from spawning the child to each line it prints ("shown", then "ready" for ours)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    seen = {line.strip(): time.perf_counter() - started for line in proc.stdout}
    proc.wait(30)
    if "shown" not in seen:
        raise RuntimeError("the child never showed its window")
    return seen


def _line(what: str, xs: list[float]) -> str:
    return f"{what:<33}: median {statistics.median(xs) * 1000:6.0f} ms  (min {min(xs) * 1000:.0f}, max {max(xs) * 1000:.0f})"


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 7
    with tempfile.TemporaryDirectory(prefix="baiwen-start-") as tmp:
        data = Path(tmp) / "data"
        prepare(data)
        launch(BARE)  # warm the OS file cache for both
        launch(APP, str(data))
        bare, shown, ready = [], [], []
        for _ in range(runs):  # interleaved, so drift hits both alike
            bare.append(launch(BARE)["shown"])
            ours = launch(APP, str(data))
            if "ready" not in ours:
                raise RuntimeError("the station never became ready")
            shown.append(ours["shown"])
            ready.append(ours["ready"])
    mb = statistics.median(bare)
    print(f"runs: {runs} each, offscreen, {sys.executable}")
    print(_line("bare QMainWindow painted", bare))
    print(_line("baiwen home painted (waiting)", shown))
    print(_line("baiwen home ready (开始考试 on)", ready))
    print(f"ratio home painted / bare      : {statistics.median(shown) / mb:.2f}×   (target ≤ 2×)")
    print(f"ratio home ready / bare        : {statistics.median(ready) / mb:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
