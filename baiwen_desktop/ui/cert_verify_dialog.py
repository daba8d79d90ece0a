"""证书核验: paste the text a QR scanner reads from a certificate; says 有效, or 无效/已篡改/已作废."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from baiwen_desktop.core.numbers import format_score
from baiwen_desktop.services import documents
from baiwen_desktop.ui.operations import run_op
from baiwen_desktop.ui.screen_fit import fit_to_screen


class CertVerifyPanel(QWidget):
    """The check itself; a console page embeds it, the dialog wraps it."""

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.last_number = ""  # of the last genuine certificate checked, offered by 作废证书
        hint = QLabel(self.tr("用扫码枪或手机扫描证书上的二维码，把读出的文字粘贴到下面："))
        hint.setWordWrap(True)
        self.code = QPlainTextEdit()
        self.code.setPlaceholderText(self.tr("一长串数字（旧版证书为 BW1.…）"))
        self.check_button = QPushButton(self.tr("核验"))
        self.check_button.clicked.connect(self.check)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setMinimumHeight(140)
        layout = QVBoxLayout(self)
        for w in (hint, self.code, self.check_button, self.result):
            layout.addWidget(w)

    def check(self) -> None:
        text = self.code.toPlainText().strip()
        if not text:
            self.result.setText(self.tr("请先粘贴二维码内容。"))
            return
        run_op(self, documents.verify, self.store, text, on_done=self.show_result)

    def show_result(self, res: Any) -> None:
        f = res.fields
        self.last_number = f.number if res.valid and f is not None else ""
        if res.reason == "已作废" and f is not None:
            text = self.tr("证书编号 {0}（{1}，{2}）已作废，不再有效。").format(f.number, f.name, f.employee_no)
            self.result.setText(f"<p style='color:#b00020;font-size:20pt'><b>✘ {html.escape(self.tr('已作废'))}</b></p>"
                                f"<p>{html.escape(text)}</p><p>{html.escape(res.note)}</p>")
        elif res.valid and f is not None:
            rows = [
                (self.tr("证书编号"), f.number), (self.tr("工号"), f.employee_no), (self.tr("姓名"), f.name),
                (self.tr("考试"), f.exam_title), (self.tr("成绩"), format_score(f.score)), (self.tr("日期"), f.issue_date.isoformat()),
            ]
            body = "".join(f"<tr><td>{html.escape(k)}：</td><td><b>{html.escape(v)}</b></td></tr>" for k, v in rows)
            self.result.setText(f"<p style='color:#1b7f3b;font-size:20pt'><b>✔ {self.tr('有效')}</b></p><table>{body}</table>")
        else:
            why = {"已篡改": self.tr("内容与签名不符，证书信息被改动过。"), "无效": self.tr("不是本单位签发的证书。")}.get(res.reason, self.tr("二维码内容格式不对。"))
            self.result.setText(f"<p style='color:#b00020;font-size:20pt'><b>✘ {html.escape(res.reason)}</b></p><p>{why}</p>")


class CertVerifyDialog(QDialog):
    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("证书核验"))
        fit_to_screen(self, 620, 420)
        self.panel = CertVerifyPanel(store, self)
        QVBoxLayout(self).addWidget(self.panel)
