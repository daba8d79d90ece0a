"""The GUI's one place for unexpected errors: log the traceback, show one sentence with the log's path.

`install()` sets `sys.excepthook` (PySide6 routes exceptions raised in slots and event handlers there)
and a Qt message handler (Qt's own warnings go to the log; critical ones are shown as well).
"""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from baiwen_desktop import errorlog

_data_dir: Path | None = None
_showing = False
_open_boxes: set[QMessageBox] = set()  # a parentless box lives only as long as a Python reference


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def _fallback_dir() -> Path:
    """Before `install()` (tests, scripts): the temp folder, never the working folder."""
    return Path(tempfile.gettempdir()) / "baiwen"


def internal_error_message(path: Path) -> str:
    return _tr("内部错误，详情已记录到 {0}").format(path)


def report(error: BaseException | errorlog.ExcInfo, parent: QWidget | None = None, context: str = "内部错误") -> str:
    """Log an unexpected error and tell the user where the details are. Returns the sentence shown."""
    path = errorlog.record(error, _data_dir or _fallback_dir(), context)
    text = internal_error_message(path)
    _show(text, parent)
    return text


def logged_text(error: BaseException) -> str:
    """For pages that show errors inline: log it once, return the sentence."""
    path = getattr(error, "logged_to", None)
    if path is None:
        path = errorlog.record(error, _data_dir or _fallback_dir())
        error.__dict__["logged_to"] = path
    return internal_error_message(path)


def _show(text: str, parent: QWidget | None) -> None:
    global _showing
    app = QApplication.instance()
    if app is None or _showing or threading.current_thread() is not threading.main_thread():
        return
    _showing = True  # an error while showing an error is only logged
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, _tr("内部错误"), text, QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("internalErrorBox")
        _open_boxes.add(box)
        box.finished.connect(lambda _result: (_open_boxes.discard(box), box.deleteLater()))
        box.open()  # not exec(): an error inside a modal loop must not nest another loop
    finally:
        _showing = False


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    report((kind, value, tb), QApplication.activeWindow())


_LEVELS = {
    QtMsgType.QtDebugMsg: "debug",
    QtMsgType.QtInfoMsg: "info",
    QtMsgType.QtWarningMsg: "warning",
    QtMsgType.QtCriticalMsg: "error",
    QtMsgType.QtFatalMsg: "critical",
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    errorlog.start(_data_dir or _fallback_dir())  # the file opens with its first entry
    where = f" ({context.file}:{context.line})" if context.file else ""
    getattr(errorlog.logger(), _LEVELS.get(kind, "warning"))("Qt: %s%s", message, where)
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        path = errorlog.log_path()
        if path is not None:
            QTimer.singleShot(0, lambda: _show(internal_error_message(path), None))


def install(data_dir: Path) -> Path:
    """Route every unexpected error (and Qt's messages) to the log in the data folder; returns its path.

    The file is opened by the first entry, not here: a start with nothing to log loads no more of
    the logging package than Qt already has (the station home shows sooner).
    """
    global _data_dir
    _data_dir = data_dir
    sys.excepthook = _excepthook
    qInstallMessageHandler(_qt_message)
    return errorlog.planned_path(data_dir)


def uninstall() -> None:
    """Back to Python's and Qt's defaults (tests)."""
    global _data_dir
    sys.excepthook = sys.__excepthook__
    qInstallMessageHandler(None)  # type: ignore[arg-type]
    _data_dir = None


