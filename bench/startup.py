"""Cold start: process launch → station home painted, next to a bare PySide6 QMainWindow painted.

Each run is a fresh process (offscreen); the clock runs from spawning it until it prints
"shown": the first paint event of the window (bare) or of the station home (ours) has been
delivered and the event loop has come round again. Ours then also prints "ready" when the
store has opened in the background and the home's 「开始考试」 is enabled: the time until a
trainee can start. The child's own CPU time (all threads) is printed beside the wall time: on
this shared machine it moves less with the others' load. The data folder is prepared once
beforehand (schema, bundled bank, an open session), as on a station that has been used before,
and the package's bytecode is compiled, as on an installed one.

    python bench/startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent

# Both children watch only their own window / home page: a Python event filter on the whole
# application would see every event of every widget and slow the app more than the bare window.
BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: (print("shown", time.process_time(), flush=True), app.quit()))
        return False

w = QMainWindow()
w.setWindowTitle("bare")
painted = Painted()
w.installEventFilter(painted)
w.show()
app.exec()
"""

APP = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
said = set()

def say(what):
    if what not in said:
        said.add(what)
        print(what, time.process_time(), flush=True)

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: say("shown"))
        return False

painted = Painted()
import baiwen_desktop.ui.app as station_app
from baiwen_desktop.ui.station.home import HomePage
first_paint = station_app.after_first_paint
fill_home = HomePage._loaded

def watch(page, then):
    # the page main() shows at once; its first paint is what "shown" means
    assert type(page).__name__ == "HomePage", page
    first_paint(page, then)
    page.installEventFilter(painted)  # installed last, so it sees the paint first

def filled(page, data):
    # told, not polled: a timer waking the UI thread every few ms would fight the worker for the GIL
    fill_home(page, data)
    if page.start_buttons and page.start_buttons[0].isEnabled():
        say("ready")
        app.quit()

HomePage._loaded = filled
station_app.after_first_paint = watch
station_app.main(["--data-dir", sys.argv[1], "--windowed"])
"""


def compile_bytecode() -> None:
    """As an installed station has it (pip and PyInstaller compile at install). Without it, where
    PYTHONDONTWRITEBYTECODE is set (this machine), every start compiles each module from source."""
    import compileall

    compileall.compile_dir(ROOT / "baiwen_desktop", quiet=1)


def prepare(folder: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "gui"))
    from station_driver import make_open_session

    from baiwen_desktop.services import station
    from baiwen_desktop.services.context import open_app

    store = open_app(folder)
    make_open_session(store, 5)
    station.station_identity(store)  # its name is in the data folder, as after any earlier start
    store.dispose()


def launch(code: str, *args: str) -> dict[str, tuple[float, float]]:
    """For each line the child prints ("shown", then "ready" for ours): seconds from spawning it,
    and the child's own CPU seconds at that moment (less moved by the other processes' load)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    watchdog = threading.Timer(120, proc.kill)  # a child that never gets there must not hang the bench
    watchdog.start()
    seen = {}
    for line in proc.stdout:
        what, cpu = line.split()
        seen[what] = (time.perf_counter() - started, float(cpu))
    watchdog.cancel()
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
        compile_bytecode()
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
    print(f"runs: {runs} each, offscreen, {sys.executable}")
    for kind, i in (("wall", 0), ("CPU", 1)):
        b, s, r = [x[i] for x in bare], [x[i] for x in shown], [x[i] for x in ready]
        mb = statistics.median(b)
        pairs = sorted(y / x for y, x in zip(s, b, strict=True))  # each run next to the bare run just before it
        print(f"-- {kind} time, from spawning the child --")
        print(_line("bare QMainWindow painted", b))
        print(_line("baiwen home painted (waiting)", s))
        print(_line("baiwen home ready (开始考试 on)", r))
        print(f"ratio home painted / bare      : {statistics.median(s) / mb:.2f}×   (target ≤ 2×; run by run {', '.join(f'{p:.2f}' for p in pairs)})")
        print(f"ratio home ready / bare        : {statistics.median(r) / mb:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
