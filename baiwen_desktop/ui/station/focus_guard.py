"""Notice when the candidate leaves the exam window (Alt+Tab, Win key, another program).

A short wait filters out the flicker some window managers cause when a window goes full
screen; the first seconds after the window opens are ignored for the same reason.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication


class FocusGuard(QObject):
    left = Signal()
    came_back = Signal()

    def __init__(self, parent: QObject, delay_ms: int = 400, grace_ms: int = 1500) -> None:
        super().__init__(parent)
        self.delay_ms = delay_ms
        self.grace_ms = grace_ms
        self.armed = False
        self.away = False
        self._state = Qt.ApplicationState.ApplicationActive
        self._since = QElapsedTimer()
        self._pending = QTimer(self, singleShot=True)
        self._pending.timeout.connect(self._confirm)
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self.on_state_changed)

    def arm(self) -> None:
        self.armed = True
        self.away = False
        self._since.start()

    def disarm(self) -> None:
        self.armed = False
        self._pending.stop()

    def on_state_changed(self, state: Qt.ApplicationState) -> None:
        self._state = state
        if not self.armed:
            return
        if state == Qt.ApplicationState.ApplicationActive:
            self._pending.stop()
            if self.away:
                self.away = False
                self.came_back.emit()
            return
        if self.away or (self._since.isValid() and self._since.elapsed() < self.grace_ms):
            return
        self._pending.start(self.delay_ms)

    def _confirm(self) -> None:
        if self.armed and self._state != Qt.ApplicationState.ApplicationActive:
            self.away = True
            self.left.emit()
