"""「返回首页」 with a countdown: the next trainee should find the station ready."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QWidget

from baiwen_desktop.ui.station.widgets import button, label


class ReturnBar(QWidget):
    def __init__(self, seconds: int, go_home: Callable[[], None]) -> None:
        super().__init__()
        self.total = max(5, seconds)
        self.left = self.total
        self._go_home = go_home
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        self.countdown = label("", "big", wrap=False)
        self.home_button = button(self.tr("返回首页"), "primary", self.go_home)
        self.home_button.setMinimumWidth(260)
        lay.addWidget(self.countdown, 1)
        lay.addWidget(self.home_button)
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._show()

    def reset(self) -> None:
        """The candidate is still reading: give them the full time again."""
        self.left = self.total
        self._show()

    def _tick(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.go_home()
            return
        self._show()

    def _show(self) -> None:
        self.countdown.setText(self.tr("{0} 秒后自动返回首页").format(self.left))

    def go_home(self) -> None:
        self.timer.stop()
        self._go_home()
