"""Codes read out over the phone: the exam package password (shown once) and key fingerprints.

Large, in groups of four, each group numbered and with its spoken digits (1 幺, 7 拐, 0 洞 …), so
that a trainer can read it to a station manager on a bad line and both can check group by group."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.readout import groups_of, spoken
from baiwen_desktop.services.packages import IssuedExamPackage
from baiwen_desktop.ui.trainer.common import ask


class CodeBoard(QFrame):
    """One code in large numbered groups, each with how to say it; selectable for copying."""

    def __init__(self, code: str, size_px: int = 40, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = "-".join(groups_of(code))
        self.setObjectName("codeBoard")
        self.setStyleSheet("#codeBoard { background:#f7fafc; border:2px solid #2d6cb5; border-radius:6px; }")
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 8, 16, 10)
        grid.setHorizontalSpacing(26)
        grid.setVerticalSpacing(2)
        self.group_labels: list[QLabel] = []
        for col, group in enumerate(groups_of(code)):
            number = QLabel(self.tr("第 {0} 组").format(col + 1))
            number.setStyleSheet("color:#666; font-size:13px;")
            big = QLabel(group)
            big.setStyleSheet(f"font-size:{size_px}px; font-weight:bold; color:#10283f; letter-spacing:2px;")
            big.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            say = QLabel(spoken(group))
            say.setStyleSheet("color:#2d6cb5; font-size:15px;")
            for row, label in enumerate((number, big, say)):
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                grid.addWidget(label, row, col)
            self.group_labels.append(big)


class PasswordDialog(QDialog):
    """The exam package's password, once: it is stored nowhere, so closing asks first."""

    def __init__(self, issued: IssuedExamPackage, exam_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.issued = issued
        self.setWindowTitle(self.tr("考试包密码（只显示这一次）"))
        intro = QLabel(self.tr("考试包已写入：{0}\n考试：{1}　{2} 名考生，{3} 道题　有效至 {4:%Y-%m-%d %H:%M}").format(
            issued.path, exam_title, issued.candidates, issued.questions, issued.valid_until))
        intro.setWordWrap(True)
        heading = QLabel(self.tr("考试包密码"))
        heading.setStyleSheet("font-size:17px; font-weight:bold;")
        self.password_board = CodeBoard(issued.password, 44)
        warn = QLabel(self.tr("请把密码抄在纸上，留在总部；不要写在 U 盘上，也不要和考试包放在一起。"
                              "U 盘送到站点后，再打电话逐组读给站点负责人。密码关闭后不再显示，也无法找回。"))
        warn.setWordWrap(True)
        warn.setStyleSheet("color:#8a1c14; background:#fdecea; border:1px solid #f1b0a8; border-radius:4px; padding:8px;")
        fp_heading = QLabel(self.tr("总部指纹（站点第一次导入时电话核对）"))
        fp_heading.setStyleSheet("font-size:15px; font-weight:bold;")
        self.fingerprint_board = CodeBoard(issued.hq_fingerprint, 26)
        self.copy_button = QPushButton(self.tr("复制密码"))
        self.copy_button.clicked.connect(self.copy)
        self.copied = QLabel()
        self.copied.setStyleSheet("color:#1d5c2b;")
        self.close_button = QPushButton(self.tr("已抄下密码，关闭"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.copied)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(heading)
        layout.addWidget(self.password_board)
        layout.addWidget(warn)
        layout.addSpacing(6)
        layout.addWidget(fp_heading)
        layout.addWidget(self.fingerprint_board)
        layout.addLayout(row)

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.issued.password)
        self.copied.setText(self.tr("已复制。粘贴后请清除剪贴板，不要存进文件。"))

    def reject(self) -> None:
        if ask(self, self.tr("关闭密码"), self.tr("关闭后密码不会再显示，也无法找回。确定已经抄下了吗？")):
            super().reject()


class TrustDialog(QDialog):
    """Before a station trusts HQ's key for the first time: compare the fingerprint by phone."""

    def __init__(self, fingerprint: str, organisation: str, foreign: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("核对总部指纹"))
        if foreign:
            text = self.tr("这个考试包不是用本机已信任的单位密钥签名的。只有在总部确认换了新密钥时才能导入，否则它可能来自其他单位。"
                           "请打电话给总部，让对方读出总部指纹，与下面逐组核对。")
        else:
            text = self.tr("这是本机第一次导入考试包。请打电话给总部，让对方读出总部指纹，与下面逐组核对；"
                           "五组全部一致才能导入。以后的考试包会自动用这个密钥核对。")
        intro = QLabel(text)
        intro.setWordWrap(True)
        org = QLabel(self.tr("考试包上写的单位：{0}").format(organisation or self.tr("（未写明）")))
        org.setWordWrap(True)  # a name from the file: any length
        self.board = CodeBoard(fingerprint, 40)
        # plain buttons, not a QDialogButtonBox: it would make 导入 the default (Enter) button again when shown
        self.trust_button = QPushButton(self.tr("指纹一致，导入"))
        self.trust_button.setAutoDefault(False)
        self.trust_button.clicked.connect(self.accept)
        self.cancel_button = QPushButton(self.tr("不一致，取消"))
        self.cancel_button.setDefault(True)  # the safe answer
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.trust_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(org)
        layout.addWidget(self.board)
        layout.addLayout(buttons)
