"""The end of a practice run: how it went, then back to the mode chooser."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from baiwen_desktop.core.practice import Tally, format_accuracy
from baiwen_desktop.services.attempts import CandidateCard
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.widgets import button, card, label


class PracticeDonePage(QWidget):
    def __init__(self, window: Any, trainee: CandidateCard, title: str, tally: Tally) -> None:
        super().__init__()
        self.window_ = window
        self.trainee = trainee
        prepare_page(self, window)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 28, 48, 28)
        outer.setSpacing(16)
        outer.addWidget(label(self.tr("{0}　本次练习结束").format(title), "title"))
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(36, 24, 36, 24)
        lay.setSpacing(12)
        if tally.answered:
            lay.addWidget(label(self.tr("本次答了 {0} 题，答对 {1} 题，正确率 {2}。").format(tally.answered, tally.right, format_accuracy(tally)), "big"))
            wrong = tally.answered - tally.right
            if wrong:
                lay.addWidget(label(self.tr("答错的 {0} 题已放进错题本，明天的「今日复习」也会再出现。").format(wrong), "big"))
            else:
                lay.addWidget(label(self.tr("全部答对，继续保持！"), "big"))
        else:
            lay.addWidget(label(self.tr("本次没有作答。"), "big"))
        outer.addWidget(box)
        row = QHBoxLayout()
        self.menu_button = button(self.tr("返回练习首页"), "primary", self.back)
        self.menu_button.setMinimumWidth(260)
        self.home_button = button(self.tr("退出练习"), "", window.go_home)
        row.addWidget(self.menu_button)
        row.addStretch(1)
        row.addWidget(self.home_button)
        outer.addLayout(row)
        outer.addStretch(1)

    def back(self) -> None:
        from baiwen_desktop.ui.station.practice.menu import PracticeMenuPage

        self.window_.show_page(PracticeMenuPage(self.window_, self.trainee))
