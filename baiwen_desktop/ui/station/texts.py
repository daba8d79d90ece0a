"""Translatable names for things that come from data (question types, verdicts).

Each string is written out in its own QCoreApplication.translate call: lupdate only
extracts literal arguments, so a helper taking a variable would hide them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from baiwen_desktop.core.question import QType


def type_label(qtype: QType | str) -> str:
    """「单选题」 etc."""
    t = QType(qtype)
    if t is QType.SINGLE:
        return QCoreApplication.translate("StationTexts", "单选题")
    if t is QType.MULTI:
        return QCoreApplication.translate("StationTexts", "多选题")
    if t is QType.JUDGE:
        return QCoreApplication.translate("StationTexts", "判断题")
    if t is QType.BLANK:
        return QCoreApplication.translate("StationTexts", "填空题")
    return QCoreApplication.translate("StationTexts", "简答题")


def verdict_label(passed: bool | None) -> str:
    if passed is None:
        return QCoreApplication.translate("StationTexts", "待复核")
    return QCoreApplication.translate("StationTexts", "合格") if passed else QCoreApplication.translate("StationTexts", "不合格")


def judge_labels() -> tuple[str, str]:
    return QCoreApplication.translate("StationTexts", "正确"), QCoreApplication.translate("StationTexts", "错误")


def unanswered_text() -> str:
    return QCoreApplication.translate("StationTexts", "（未作答）")


def keyboard_help() -> str:
    """The keys that move between questions on every type, also with the cursor in a 填空/简答 box."""
    return QCoreApplication.translate(
        "StationTexts", "也可以用键盘：PgDn 或 Ctrl+→ 下一题，PgUp 或 Ctrl+← 上一题（在填空、简答的输入框里也能用），Ctrl+Enter 交卷。"
    )
