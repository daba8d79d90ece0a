"""Issue 10 items 9–10 in the GUI: a bad database gets a dialog and no 开始考试; a bug is logged and shown
as one sentence with the log's path; quitting lets the exam's save worker finish its queue."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import pytest
import station_driver
from fault_helpers import corrupt_pages, locked_by_another_process, make_station, stamp_future
from PySide6.QtCore import QTimer, qCritical
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from baiwen_desktop import errorlog
from baiwen_desktop.services import attempts
from baiwen_desktop.services.context import open_app
from baiwen_desktop.ui import app as app_module
from baiwen_desktop.ui import error_hooks
from baiwen_desktop.ui.main_window import MainWindow
from baiwen_desktop.ui.operations import run_op
from baiwen_desktop.ui.station.home import HomePage

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _hooks_restored() -> Any:
    errorlog.stop()
    yield
    error_hooks.uninstall()
    errorlog.stop()


def _boxes(name: str) -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()]


def _run_main_and_read_dialog(qtbot: Any, data: Path) -> tuple[int, str]:
    seen: list[str] = []

    def close_box() -> None:
        boxes = _boxes("storeFaultBox")
        if not boxes:
            QTimer.singleShot(50, close_box)
            return
        seen.append(boxes[0].text())
        boxes[0].accept()

    QTimer.singleShot(50, close_box)
    code = app_module.main(["--data-dir", str(data), "--windowed"])
    return code, seen[0] if seen else ""


@pytest.mark.parametrize("fault", ["corrupt", "too_new", "locked"])
def test_a_bad_database_gets_a_dialog_and_no_station(qtbot: Any, tmp_path: Path, fault: str) -> None:
    data = tmp_path / "data"
    db = make_station(data)
    if fault == "corrupt":
        corrupt_pages(db)
        code, text = _run_main_and_read_dialog(qtbot, data)
        assert "数据库文件已损坏" in text and "备份" in text
    elif fault == "too_new":
        stamp_future(db)
        code, text = _run_main_and_read_dialog(qtbot, data)
        assert "更新版本" in text and "请安装最新版本" in text
    else:
        with locked_by_another_process(db):
            code, text = _run_main_and_read_dialog(qtbot, data)
        assert "另一个程序占用" in text
    assert code == 2
    assert str(db) in text and "SQL" not in text
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_an_exception_in_a_slot_is_logged_and_shown(qtbot: Any, tmp_path: Path) -> None:
    path = error_hooks.install(tmp_path / "data")
    assert sys.excepthook is error_hooks._excepthook
    button = QPushButton("坏按钮")
    qtbot.addWidget(button)

    def broken() -> None:
        raise RuntimeError("a bug in a slot")

    button.clicked.connect(broken)
    with qtbot.captureExceptions() as caught:  # pytest-qt's own hook is inside ours: take ours back
        sys.excepthook = error_hooks._excepthook
        button.click()
    assert caught == []
    qtbot.waitUntil(lambda: bool(_boxes("internalErrorBox")))
    box = _boxes("internalErrorBox")[0]
    assert box.text() == f"内部错误，详情已记录到 {path}"
    box.accept()
    log = path.read_text(encoding="utf-8")
    assert "RuntimeError: a bug in a slot" in log and "Traceback" in log and "in broken" in log


def test_qt_critical_messages_are_logged_and_shown(qtbot: Any, tmp_path: Path) -> None:
    path = error_hooks.install(tmp_path / "data")
    qCritical("the GL context was lost")
    qtbot.waitUntil(lambda: bool(_boxes("internalErrorBox")))
    _boxes("internalErrorBox")[0].accept()
    assert "Qt: the GL context was lost" in path.read_text(encoding="utf-8")


def test_a_failing_background_operation_names_the_log(qtbot: Any, tmp_path: Path) -> None:
    path = error_hooks.install(tmp_path / "data")
    got: list[BaseException] = []

    def work() -> None:
        {}["missing key"]

    run_op(None, work, on_error=got.append)
    qtbot.waitUntil(lambda: bool(got))
    from baiwen_desktop.ui.operations import error_text

    assert error_text(got[0]) == f"内部错误，详情已记录到 {path}"
    assert error_text(got[0]) == f"内部错误，详情已记录到 {path}"  # logged once, not twice
    log = path.read_text(encoding="utf-8")
    assert log.count("KeyError: 'missing key'") == 1 and "in work" in log


def test_quitting_lets_the_save_worker_finish(qtbot: Any, tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = open_app(data)
    opened = station_driver.make_open_session(store, 1)
    station_driver.isolate_prefs(tmp_path / "qsettings")
    who = opened.candidates[0]
    seen: dict[str, Any] = {}

    def drive() -> None:
        try:
            window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
            qtbot.waitUntil(lambda: isinstance(window.current_page(), HomePage) and window.current_page().loaded, timeout=10_000)
            station_driver.login(qtbot, window, who.employee_no, who.name)
            ew = station_driver.confirm_start(qtbot, window)
            ew.worker.put("slow", time.sleep, 0.8)  # a write still queued when the PC is shut down
            station_driver.answer_current(qtbot, ew, station_driver.correct_response(ew.model.item(0)))
            ew.saver.save(0)
            seen.update(worker=ew.worker, attempt=ew.state.attempt_id, response=ew.model.responses[0])
        except BaseException as e:
            seen["error"] = e
        finally:
            QApplication.exit(0)  # the exam window refuses a polite quit (kiosk); the loop ends anyway

    QTimer.singleShot(0, drive)
    assert app_module.main(["--data-dir", str(data), "--windowed"]) == 0
    assert "error" not in seen, seen.get("error")
    worker = seen["worker"]
    assert not worker.isRunning() and worker.pending() == 0
    assert attempts.load_attempt(store, seen["attempt"]).responses[0] == seen["response"]
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            station_driver.close_window(w)
    store.dispose()
