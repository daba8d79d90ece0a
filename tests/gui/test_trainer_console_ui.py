"""The console's screen rules from the first exam day: messages never push a page down, empty
pages say what to do next, the bank opens at 问1, every dialog fits a 1366×768 screen."""

from __future__ import annotations

from typing import Any

import pytest
import test_trainer_support
from PySide6.QtCore import QPoint
from test_trainer_support import click, open_page

from baiwen_desktop.ui.trainer.common import TrainerPage

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env


def _y(page: TrainerPage, widget: Any) -> int:
    return widget.mapTo(page, QPoint(0, 0)).y()


def test_messages_float_without_moving_the_page(qtbot: Any, store: Any, console_env: Any) -> None:
    page = open_page(qtbot, console_env(), "exams")
    before = _y(page, page.table)
    page.notice.show_error("出错了：题库不存在")
    qtbot.wait(300)  # layouts settle
    assert page.notice.isVisible() and _y(page, page.table) == before  # errors stay, over the page
    assert page.notice.geometry().bottom() <= _y(page, page.new_button)  # one line beside the title, over nothing
    click(qtbot, page.notice)
    assert not page.notice.isVisible()
    page.notice.INFO_MS = 1000
    page.notice.show_message("已创建考试“测试”，可以在「考场」中开考")
    assert page.notice.isVisible()
    qtbot.waitUntil(lambda: not page.notice.isVisible(), timeout=5000)  # 成功 messages fade
    assert page.notice.kind == "info" and "已创建" in page.notice.text() and _y(page, page.table) == before
