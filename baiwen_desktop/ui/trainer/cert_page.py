"""证书核验 as a console page: the same check as `baiwen cert verify`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QPushButton

from baiwen_desktop.services import documents
from baiwen_desktop.ui.cert_verify_dialog import CertVerifyPanel
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage


class CertPage(TrainerPage):
    def __init__(self, ctx: TrainerContext) -> None:
        super().__init__(ctx, self.tr("证书核验"), self.tr("扫描合格证书上的二维码，核对证书是否由本系统签发、内容是否被改动。"))
        self.checker = CertVerifyPanel(ctx.store, self)
        self.body.addWidget(self.checker, 1)
        self.export_key = QPushButton(self.tr("导出验证公钥…"))
        self.export_key.setToolTip(self.tr("其他单位可用此公钥离线核验本站签发的证书"))
        self.export_key.clicked.connect(self.export)
        self.body.addWidget(self.export_key)

    def refresh(self) -> None:
        pass

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出验证公钥"), "baiwen_cert_public_key.pem", "PEM (*.pem)")
        if path:
            self.run(documents.export_public_key, self.ctx.store, Path(path),
                     on_done=lambda out: self.notice.show_message(self.tr("公钥已导出到 {0}").format(out)))
