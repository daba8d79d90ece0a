"""The one-time resume code, shown large enough to read out across the room."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget


class ResumeCodeDialog(QDialog):
    def __init__(self, code: str, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setWindowTitle(self.tr("恢复码"))
        self.setMinimumWidth(460)
        title = QLabel(self.tr("考生 {0} 的恢复码").format(who))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size:16px;")
        self.code_label = QLabel(f"{code[:3]} {code[3:]}")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setStyleSheet("font-size:56px; font-weight:bold; letter-spacing:6px; color:#1f3b57; padding:12px;")
        hint = QLabel(self.tr("请在考生的考试机上选择「恢复考试」并输入这 6 位数字。恢复码 30 分钟内有效，只能使用一次，已用时间会保留。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.code_label)
        layout.addWidget(hint)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
