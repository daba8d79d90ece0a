"""证书核验 as a console page: the same check as `baiwen cert verify`, the public keys for offline
checks, and 作废 by hand (`baiwen cert revoke`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton

from baiwen_desktop.services import certs, documents
from baiwen_desktop.ui.cert_verify_dialog import CertVerifyPanel
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage, ask_text


class CertPage(TrainerPage):
    def __init__(self, ctx: TrainerContext) -> None:
        super().__init__(ctx, self.tr("证书核验"), self.tr("扫描合格证书上的二维码，核对证书是否由本系统签发、内容是否被改动。"))
        self.checker = CertVerifyPanel(ctx.store, self)
        self.body.addWidget(self.checker, 1)
        self.export_key = QPushButton(self.tr("导出验证公钥…"))
        self.export_key.setToolTip(self.tr("其他单位可用此公钥离线核验本站签发的证书"))
        self.export_key.clicked.connect(self.export)
        self.revoke_button = QPushButton(self.tr("作废证书…"))
        self.revoke_button.setToolTip(self.tr("证书遗失、信息有误等情况下作废一个编号（编号不再使用，原因记入审计）"))
        self.revoke_button.clicked.connect(self.revoke)
        row = QHBoxLayout()
        row.addWidget(self.export_key)
        row.addWidget(self.revoke_button)
        row.addStretch(1)
        self.body.addLayout(row)

    def refresh(self) -> None:
        pass

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出验证公钥"), "baiwen_cert_public_key.pem", "PEM (*.pem)")
        if path:
            self.run(documents.export_public_key, self.ctx.store, Path(path),
                     on_done=lambda out: self.notice.show_message(self.tr("公钥已导出到 {0}").format(out)))

    def revoke(self) -> None:
        number = ask_text(self, self.tr("作废证书"), self.tr("证书编号（如 BWBC-JN01-2026-000123）："), self.checker.last_number)
        if not number:
            return
        reason = ask_text(self, self.tr("作废证书"), self.tr("作废原因（记入审计）："))
        if not reason:
            return
        if not self.confirm(self.tr("作废证书"), self.tr("确定作废证书 {0} 吗？作废后扫码核验显示「已作废」，编号不再使用。").format(number)):
            return
        self.run(certs.revoke, self.ctx.store, number, reason, self.ctx.actor,
                 on_done=lambda _: self.notice.show_message(self.tr("证书 {0} 已作废").format(number)))
