"""Practice login: 工号 + 姓名 against the roster (no session); refused during one's exam."""

from __future__ import annotations

from typing import Any

from baiwen_desktop.services import practice
from baiwen_desktop.services.attempts import CandidateCard
from baiwen_desktop.ui.station.login import RosterLoginPage


class PracticeLoginPage(RosterLoginPage):
    def __init__(self, window: Any) -> None:
        super().__init__(
            window, self.tr("练习"), self.tr("请输入您的工号和姓名，然后点「开始练习」。练习不计成绩。"), self.tr("开始练习")
        )

    def _lookup(self, no: str, name: str) -> CandidateCard:
        return practice.login(self.window_.store, self.window_.station, no, name)

    def _found(self, trainee: CandidateCard) -> None:
        from baiwen_desktop.ui.station.practice.menu import PracticeMenuPage

        self.window_.show_page(PracticeMenuPage(self.window_, trainee))
