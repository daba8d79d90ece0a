"""Exam header: who and what, the countdown, 已答 n/m, save state, 字号 A-/A+, 高对比."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from baiwen_desktop.core.clock import format_remaining
from baiwen_desktop.services.attempts import AttemptState
from baiwen_desktop.ui.station.widgets import ElidedLabel, button, label, set_prop

WARN_SOON_MS = 5 * 60_000
WARN_URGENT_MS = 60_000


class ExamHeader(QFrame):
    smaller = Signal()
    bigger = Signal()
    contrast_toggled = Signal(bool)

    def __init__(self, state: AttemptState, high_contrast: bool) -> None:
        super().__init__()
        self.setObjectName("ExamHeader")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(20, 8, 16, 8)
        lay.setSpacing(14)
        who = QVBoxLayout()
        who.setSpacing(0)
        self.title = ElidedLabel(state.exam.title, "HeaderTitle")
        c = state.candidate
        self.who = ElidedLabel("　".join(x for x in (c.name, c.employee_no, c.unit) if x), "HeaderWho")
        who.addWidget(self.title)
        who.addWidget(self.who)
        lay.addLayout(who, 1)
        self.clock = label("", "", wrap=False, name="Clock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.clock)
        lay.addSpacing(6)
        self.progress = label("", "", wrap=False, name="Progress")
        lay.addWidget(self.progress)
        self.save_state = label("", "", wrap=False, name="SaveState")
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.save_state)
        self.smaller_button = button(self.tr("A-"), "", self.smaller.emit)
        self.bigger_button = button(self.tr("A+"), "", self.bigger.emit)
        self.smaller_button.setToolTip(self.tr("字号调小"))
        self.bigger_button.setToolTip(self.tr("字号调大"))
        self.contrast_button = button(self.tr("高对比"), "")
        self.contrast_button.setCheckable(True)
        self.contrast_button.setChecked(high_contrast)
        self.contrast_button.setToolTip(self.tr("黑底黄字，看得更清楚"))
        self.contrast_button.toggled.connect(self.contrast_toggled.emit)
        for b in (self.smaller_button, self.bigger_button, self.contrast_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            lay.addWidget(b)
        self.set_save_state("saved", None)

    def set_remaining(self, ms: int) -> None:
        self.clock.setText(self.tr("剩余 {0}").format(format_remaining(ms)))
        warn = "urgent" if ms < WARN_URGENT_MS else ("soon" if ms <= WARN_SOON_MS else "")
        set_prop(self.clock, "warn", warn)

    def set_progress(self, answered: int, total: int) -> None:
        self.progress.setText(self.tr("已答 {0}/{1}").format(answered, total))

    def set_save_state(self, state: str, saved_at: datetime | None) -> None:
        if state == "failed":
            text = self.tr("⚠ 未保存，正在重试")
        elif state == "saving":
            text = self.tr("保存中…")
        elif saved_at is None:
            text = self.tr("答案自动保存")
        else:
            text = self.tr("已保存 {0}").format(saved_at.strftime("%H:%M:%S"))
        self.save_state.setText(text)
        set_prop(self.save_state, "state", state)
