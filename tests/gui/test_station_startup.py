"""Issue 14 item 1, the property behind the start-up figure (bench/startup.py measures the time):
the station home is painted before SQLAlchemy, alembic, cryptography or ReportLab is imported; the
store opens behind it while the home's buttons wait, and then the home works as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import station_driver
from fault_helpers import make_station
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from baiwen_desktop.services import station
from baiwen_desktop.services.context import open_app
from baiwen_desktop.ui import app as app_module
from baiwen_desktop.ui.main_window import MainWindow
from baiwen_desktop.ui.station.name_page import StationNamePage

pytestmark = pytest.mark.gui

HEAVY = ("sqlalchemy", "alembic", "cryptography", "reportlab")

# A cold process as a station starts: notes what is imported when the home is first painted, and
# what the home looks like once its store has opened.
CHILD = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

HEAVY = %r
app = QApplication(sys.argv[:1])
seen = {}

def page_state(page):
    return {
        "heavy": [m for m in HEAVY if m in sys.modules],
        "store": page.window_.store is not None,
        "admin": page.admin_button.isEnabled(),
        "move": page.move_button.isEnabled(),
        "start": [b.isEnabled() for b in page.start_buttons],
    }

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and type(watched).__name__ == "HomePage" and "painted" not in seen:
            seen["painted"] = {**page_state(watched), "status": watched.status.text(), "visible": watched.isVisible()}
        return False

def poll():
    page = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow").current_page()
    if page.loaded and page.start_buttons:
        seen["ready"] = page_state(page)
        app.quit()
    else:
        QTimer.singleShot(10, poll)

def give_up():
    seen["timeout"] = True
    app.quit()

painted = Painted()
app.installEventFilter(painted)
QTimer.singleShot(0, poll)
QTimer.singleShot(60_000, give_up)
from baiwen_desktop.ui.app import main
main(["--data-dir", sys.argv[1], "--windowed"])
print(json.dumps(seen), flush=True)
"""


def _start_cold(data: Path, tmp_path: Path) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    r = subprocess.run([sys.executable, "-c", CHILD % (HEAVY,), str(data)], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_the_home_is_painted_before_the_heavy_libraries_are_imported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = open_app(data)
    station_driver.make_open_session(store, 1)
    station.station_identity(store)  # a station that has been used before: its name is in the data folder
    store.dispose()
    seen = _start_cold(data, tmp_path)
    assert "timeout" not in seen, seen
    painted, ready = seen["painted"], seen["ready"]
    assert painted["heavy"] == [] and painted["visible"]
    assert painted["store"] is False and painted["status"] == "正在准备…"
    assert painted["admin"] is False and painted["move"] is False and painted["start"] == []  # nothing to click yet
    assert ready["store"] is True and ready["admin"] is True and ready["move"] is True and ready["start"] == [True]
    assert {"sqlalchemy", "cryptography"} <= set(ready["heavy"])  # the store did open, behind the home
    assert "alembic" not in ready["heavy"] and "reportlab" not in ready["heavy"]  # an up-to-date schema needs no alembic


def test_a_pc_without_a_name_is_asked_for_it_once_the_store_is_open(qtbot: Any, tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_station(data)
    assert not station.identity_file(data).exists()
    station_driver.isolate_prefs(tmp_path / "qsettings")
    seen: dict[str, Any] = {}

    def look() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        if window.store is None:
            QTimer.singleShot(20, look)
            return
        seen["page"] = window.current_page()
        QApplication.exit(0)

    QTimer.singleShot(0, look)
    assert app_module.main(["--data-dir", str(data), "--windowed"]) == 0
    assert isinstance(seen["page"], StationNamePage)
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            window_store = w.store
            station_driver.close_window(w)
            if window_store is not None:
                window_store.dispose()


CLOSE_WHILE_OPENING = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
import baiwen_desktop.ui.app as station_app
first_paint = station_app.after_first_paint

def open_then_close(page, then):
    def opening():
        then()  # the store starts opening on its worker thread...
        QTimer.singleShot(20, page.window().close)  # ...and the trainee closes the window at once
    first_paint(page, opening)

station_app.after_first_paint = open_then_close
print("exit", station_app.main(["--data-dir", sys.argv[1], "--windowed"]), flush=True)
"""


def test_closing_while_the_store_opens_ends_cleanly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_station(data)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    r = subprocess.run([sys.executable, "-c", CLOSE_WHILE_OPENING, str(data)], capture_output=True, text=True, env=env, timeout=120)
    assert (r.returncode, r.stdout.strip()) == (0, "exit 0")
    assert "Error calling Python override" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    log = data / "logs" / "baiwen.log"  # nothing unexpected was logged either (a signal from a deleted job)
    assert not log.exists() or "Traceback" not in log.read_text(encoding="utf-8")
