"""The practice pages' top bar: what and who, progress text, 字号 A-/A+, 高对比 (like the exam header)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from baiwen_desktop.services.attempts import CandidateCard
from baiwen_desktop.ui.station.widgets import ElidedLabel, button, label, set_prop


class PracticeHeader(QFrame):
    smaller = Signal()
    bigger = Signal()
    contrast_toggled = Signal(bool)

    def __init__(self, title: str, trainee: CandidateCard, high_contrast: bool) -> None:
        super().__init__()
        self.setObjectName("ExamHeader")  # the exam header's style
        lay = QHBoxLayout(self)
        lay.setContentsMargins(20, 8, 16, 8)
        lay.setSpacing(14)
        who = QVBoxLayout()
        who.setSpacing(0)
        self.title = ElidedLabel(title, "HeaderTitle")
        self.who = ElidedLabel("　".join(x for x in (trainee.name, trainee.employee_no, trainee.unit) if x), "HeaderWho")
        who.addWidget(self.title)
        who.addWidget(self.who)
        lay.addLayout(who, 1)
        self.clock = label("", "", wrap=False, name="Clock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock.hide()
        lay.addWidget(self.clock)
        self.progress = label("", "", wrap=False, name="Progress")
        lay.addWidget(self.progress)
        self.save_state = label("", "", wrap=False, name="SaveState")
        self.save_state.hide()
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

    def set_progress(self, text: str) -> None:
        self.progress.setText(text)

    def set_save_state(self, state: str) -> None:
        """saving | saved | failed: a practice answer is stored before it says 已保存."""
        text = {"saving": self.tr("保存中…"), "saved": self.tr("已保存"), "failed": self.tr("⚠ 未保存，正在重试")}[state]
        self.save_state.setText(text)
        set_prop(self.save_state, "state", state)
        self.save_state.show()
