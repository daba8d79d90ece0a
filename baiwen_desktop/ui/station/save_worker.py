"""One ordered background worker for the exam's writes (answers, heartbeats, focus, submit).

A single thread with a FIFO queue: writes commit in the order they were made, so a later
answer can never be overwritten by an earlier one, and 交卷 comes after every save queued
before it. Results come back as Qt signals, delivered on the UI thread.
"""

from __future__ import annotations

import queue
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

_live: set[SaveWorker] = set()  # running workers, stopped at exit and by their window


class SaveWorker(QThread):
    job_done = Signal(object, object)  # tag, result
    job_failed = Signal(object, object)  # tag, exception

    def __init__(self) -> None:
        super().__init__()
        self._jobs: queue.Queue[tuple[Any, Callable[..., Any], tuple[Any, ...]] | None] = queue.Queue()
        self._stopping = False
        self.setObjectName("baiwen-save-worker")

    def put(self, tag: Any, fn: Callable[..., Any], *args: Any) -> None:
        """Queue `fn(*args)`; `tag` comes back with the result so callers can tell jobs apart."""
        if self._stopping:
            return
        self._jobs.put((tag, fn, args))
        if not self.isRunning():
            _live.add(self)
            self.start()

    def drop_pending(self) -> None:
        """Forget queued writes that have not started (their attempt moved to another PC)."""
        while True:
            try:
                self._jobs.get_nowait()
            except queue.Empty:
                return

    def pending(self) -> int:
        return self._jobs.qsize()

    def run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            tag, fn, args = job
            try:
                result = fn(*args)
            except Exception as e:  # reported to the UI thread, which retries or warns
                e.__dict__.setdefault("trace", traceback.format_exc())
                self.job_failed.emit(tag, e)
            else:
                self.job_done.emit(tag, result)

    def stop(self, wait_ms: int = 15_000) -> None:
        """Finish the queued writes, then end the thread."""
        self._stopping = True
        if self.isRunning():
            self._jobs.put(None)
            self.wait(wait_ms)
        _live.discard(self)


def stop_all() -> None:
    for worker in list(_live):
        worker.stop()
