"""准予补考: a trainer lets a candidate who has handed an exam in sit it once more (reason audited)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from baiwen_desktop.core.numbers import format_score
from baiwen_desktop.services import retakes
from baiwen_desktop.ui.trainer.common import Notice, run_guarded

REASONS = ("首考不合格，培训后补考", "首考时身体不适或有急事中断", "首考时设备故障")


class RetakeDialog(QDialog):
    """Names the candidate and the exam and lists their attempts; 准予补考 needs a reason."""

    def __init__(self, store: Any, actor: str, exam_id: int, exam_title: str, employee_no: str, name: str,
                 history: list[retakes.AttemptSummary], counts_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor, self.exam_id, self.employee_no = store, actor, exam_id, employee_no
        self.granted: retakes.GrantInfo | None = None
        self.setWindowTitle(self.tr("准予补考"))
        self.setMinimumWidth(560)
        who = QLabel(self.tr("<b>{0}</b>（工号 {1}）  ·  {2}").format(html.escape(name), html.escape(employee_no), html.escape(exam_title)))
        who.setStyleSheet("font-size:16px;")
        rows = "".join(
            f"<tr><td>{html.escape(h.label)}</td><td align='right'>{format_score(h.score) if h.score is not None else '—'} 分</td>"
            f"<td>{html.escape(h.passed_label)}</td><td>{h.submitted_at:%Y-%m-%d %H:%M}</td></tr>"
            for h in history if h.submitted_at is not None
        )
        past = QLabel(self.tr("已交卷：") + f"<table cellspacing='0' cellpadding='3'>{rows}</table>")
        rule = QLabel(self.tr("补考后，成绩和证书按本考试的计分方式「{0}」计入；每次准予只能补考一次，原因记入审计日志。").format(counts_label))
        rule.setWordWrap(True)
        rule.setStyleSheet("color:#555;")
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("补考原因（必填），如：") + "；".join(REASONS))
        self.reason.setFixedHeight(80)
        self.notice = Notice()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("准予补考"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (who, past, rule, QLabel(self.tr("补考原因")), self.reason, self.notice, buttons):
            layout.addWidget(w)

    def submit(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.notice.show_error(self.tr("请填写补考原因"))
            self.adjustSize()
            return
        self.ok_button.setEnabled(False)
        run_guarded(self, retakes.grant, self.store, self.exam_id, self.employee_no, reason, self.actor,
                    on_done=self._done, on_error=self._failed)

    def _done(self, info: retakes.GrantInfo) -> None:
        self.granted = info
        self.accept()

    def _failed(self, e: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.notice.show_error(e)
        self.adjustSize()
