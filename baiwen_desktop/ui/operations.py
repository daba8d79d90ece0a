"""Run service calls off the UI thread (the Anki `aqt/operations` pattern).

`run_op(parent, fn, *args, on_done=..., on_error=...)` runs `fn` on the thread pool and
delivers the result or the error back on the UI thread. Give `progress_text` and `fn`
receives a `progress(done, total)` keyword argument that drives a modal progress dialog.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from baiwen_desktop.core.errors import BaiwenError, ValidationError


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except Exception as e:  # delivered to the UI thread, never raised into Qt
            e.__dict__.setdefault("trace", traceback.format_exc())
            self.signals.failed.emit(e)
        else:
            self.signals.done.emit(result)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Operations", text)


def error_text(e: BaseException) -> str:
    if isinstance(e, ValidationError):
        lines = [e.zh] + [f"• {i}" for i in e.issues[:30]]
        if len(e.issues) > 30:
            lines.append(_tr("……另有 {0} 处").format(len(e.issues) - 30))
        return "\n".join(lines)
    if isinstance(e, BaiwenError):
        return e.zh
    from baiwen_desktop.ui.error_hooks import logged_text  # a bug: the traceback goes to the log

    return logged_text(e)


def show_error(parent: QWidget | None, e: BaseException, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or _tr("出错了"), error_text(e))


_live: set[_Job] = set()  # keep jobs (and their signal objects) alive until they report


def run_op(
    parent: QWidget | None,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    progress_text: str | None = None,
    **kwargs: Any,
) -> _Job:
    dialog: QProgressDialog | None = None
    job = _Job(fn, args, kwargs)
    if progress_text is not None:
        dialog = QProgressDialog(progress_text, "", 0, 0, parent)
        dialog.setWindowTitle(_tr("请稍候"))
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        job.signals.progressed.connect(lambda done, total: (dialog.setMaximum(total), dialog.setValue(done)))
        kwargs["progress"] = job.signals.progressed.emit

    def finish() -> None:
        _live.discard(job)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()

    def done(result: Any) -> None:
        finish()
        if on_done is not None:
            on_done(result)

    def failed(e: BaseException) -> None:
        finish()
        if on_error is not None:
            on_error(e)
        else:
            show_error(parent, e)

    job.signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    _live.add(job)
    job.setAutoDelete(False)
    QThreadPool.globalInstance().start(job)
    return job
