"""Durable answer saving: every change is committed by the worker before we say 已保存.

Clicks save at once; typing saves after a short pause (and when the box is left). A failed
save turns the header red (未保存) and is retried until it succeeds.
"""

from __future__ import annotations

import copy
import functools
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from baiwen_desktop.core.errors import BaiwenError, LeaseLost
from baiwen_desktop.services import attempts
from baiwen_desktop.ui.station.exam_model import ExamModel
from baiwen_desktop.ui.station.save_worker import SaveWorker

DEBOUNCE_MS = 800
RETRY_MS = 2000


class AnswerSaver(QObject):
    status_changed = Signal(str, object)  # "saving" | "saved" | "failed", last commit time or None
    closed_elsewhere = Signal()  # the attempt was finished by someone else (e.g. 强制交卷)
    moved = Signal(str)  # the attempt moved to another PC (its name): nothing from here is stored

    def __init__(self, store: Any, model: ExamModel, worker: SaveWorker, station: str = "") -> None:
        super().__init__()
        self.store = store
        self.station = station
        self.model = model
        self.worker = worker
        self.last_saved: datetime | None = None
        self._seq = 0
        self._latest: dict[int, int] = {}  # position -> seq of its newest queued save
        self._unsaved: set[int] = set()  # positions whose newest change is not committed yet
        self._later: set[int] = set()  # positions waiting for the typing pause
        self._failed: set[int] = set()
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.flush)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self._retry_failed)
        worker.job_done.connect(self._done)
        worker.job_failed.connect(self._job_failed)

    @property
    def state(self) -> str:
        if self._failed:
            return "failed"
        return "saving" if self._unsaved else "saved"

    @property
    def idle(self) -> bool:
        return not self._unsaved

    @property
    def has_failures(self) -> bool:
        return bool(self._failed)

    def is_waiting(self, pos: int) -> bool:
        """Typed but not yet queued (the typing pause has not passed)."""
        return pos in self._later

    def save(self, pos: int) -> None:
        """Save this position now (a click, or leaving a text box)."""
        self._later.discard(pos)
        self._enqueue(pos)

    def save_later(self, pos: int) -> None:
        """Typing: save after a pause. Until then the header says 保存中…, never 已保存."""
        self._later.add(pos)
        self._unsaved.add(pos)
        self._debounce.start()
        self._announce()

    def flush(self) -> None:
        self._debounce.stop()
        for pos in sorted(self._later):
            self._enqueue(pos)
        self._later.clear()

    def _enqueue(self, pos: int) -> None:
        self._seq += 1
        self._latest[pos] = self._seq
        self._unsaved.add(pos)
        response = copy.deepcopy(self.model.responses[pos])
        # looked up at call time, so a test may wrap attempts.save_answer
        save = functools.partial(lambda *a, **k: attempts.save_answer(*a, **k), token=self.model.state.lease_token, station=self.station)
        self.worker.put(("save", pos, self._seq), save, self.store, self.model.state.attempt_id, pos, response, self.model.marked[pos])
        self._announce()

    def _done(self, tag: Any, result: Any) -> None:
        if tag[0] != "save":
            return
        _, pos, seq = tag
        if self._latest.get(pos) == seq and pos not in self._later:
            self._unsaved.discard(pos)
            self._failed.discard(pos)
        self.last_saved = result
        self._announce()

    def _job_failed(self, tag: Any, error: BaseException) -> None:
        if tag[0] != "save":
            return
        if isinstance(error, LeaseLost):  # moved to another PC: this one must stop at once
            self.moved.emit(error.holder)
            return
        if isinstance(error, BaiwenError):  # the service refused: the paper is no longer open
            self.closed_elsewhere.emit()
            return
        _, pos, seq = tag
        if self._latest.get(pos) == seq:
            self._failed.add(pos)
            self._retry.start()
        self._announce()

    def _retry_failed(self) -> None:
        for pos in sorted(self._failed - self._later):
            self._enqueue(pos)

    def _announce(self) -> None:
        self.status_changed.emit(self.state, self.last_saved)
