"""PDF buttons under the results table: score sheets, class summary, item analysis, certificates.

Generation runs off the UI thread with a progress bar (services.documents); a single file
opens in the preview, where it can be printed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from baiwen_desktop.core.filenames import safe_filename
from baiwen_desktop.services import certs, documents
from baiwen_desktop.ui.pdf_preview import PdfPreviewDialog
from baiwen_desktop.ui.trainer.common import TrainerPage
from baiwen_desktop.ui.trainer.unlock_dialog import UnlockDialog


class DocumentsBar(QWidget):
    def __init__(self, page: TrainerPage, selection: Callable[[], tuple[int | None, str | None, str]]) -> None:
        super().__init__()
        self.page = page
        self.selection = selection  # () -> (exam id, class name, exam title)
        self.buttons: dict[str, QPushButton] = {}
        labels = {
            "scoresheets": self.tr("成绩单"),
            "summary": self.tr("成绩汇总表"),
            "analysis": self.tr("试题分析"),
            "certificates": self.tr("合格证书"),
        }
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("打印 PDF：")))
        for kind, text in labels.items():
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, k=kind: self.generate(k))
            row.addWidget(b)
            self.buttons[kind] = b
        self.per_candidate = QCheckBox(self.tr("每人一个文件（工号_姓名.pdf）"))
        self.per_candidate.setToolTip(self.tr("成绩单和合格证书：每名考生单独一个 PDF，保存到所选文件夹"))
        self.hide_answers = QCheckBox(self.tr("成绩单不显示正确答案"))
        row.addStretch(1)
        row.addWidget(self.per_candidate)
        row.addWidget(self.hide_answers)
        self.labels = labels

    def set_enabled(self, enabled: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(enabled)

    def generate(self, kind: str) -> None:
        exam_id, class_name, title = self.selection()
        if exam_id is None:
            return
        if kind == "certificates":  # refused for an HQ package's exam before any 签发口令 is asked
            self.page.run(documents.require_certificates_here, self.page.ctx.store, exam_id,
                          on_done=lambda _: self.certificates(exam_id, class_name, title))
            return
        self.choose_and_generate(kind, exam_id, class_name, title)

    def certificates(self, exam_id: int, class_name: str | None, title: str) -> None:
        if self.page.ctx.issuer is None:
            self.page.run(certs.has_issuer, self.page.ctx.store, on_done=lambda has: self.unlock(not has))
            return
        self.choose_and_generate("certificates", exam_id, class_name, title)

    def unlock(self, setting_up: bool) -> None:
        """Ask for the 签发口令 once per login, then carry on with the certificates."""
        self.unlock_dialog = UnlockDialog(self.page.ctx.store, self.page.ctx.actor, setting_up, self)
        self.unlock_dialog.accepted.connect(self.unlocked)
        self.unlock_dialog.open()

    def unlocked(self) -> None:
        self.page.ctx.issuer = self.unlock_dialog.issuer
        self.generate("certificates")

    def choose_and_generate(self, kind: str, exam_id: int, class_name: str | None, title: str) -> None:
        per_candidate = self.per_candidate.isChecked() and kind in ("scoresheets", "certificates")
        name = safe_filename(f"{title}_{self.labels[kind]}")  # a title such as "../../x" stays in the folder
        if per_candidate:
            folder = QFileDialog.getExistingDirectory(self, self.tr("选择保存文件夹"))
            if not folder:
                return
            out = Path(folder) / name
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存 PDF"), f"{name}.pdf", self.tr("PDF 文件 (*.pdf)"))
            if not path:
                return
            out = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        store, actor = self.page.ctx.store, self.page.ctx.actor
        self.page.run(
            documents.generate,
            store,
            kind,
            exam_id,
            out,
            class_name,
            per_candidate,
            show_correct_answers=not self.hide_answers.isChecked(),
            actor=actor,
            issuer=self.page.ctx.issuer if kind == "certificates" else None,
            on_done=lambda files: self.done(files, out, per_candidate),
            progress_text=self.tr("正在生成 {0}…").format(self.labels[kind]),
        )

    def done(self, files: list[Path], out: Path, per_candidate: bool) -> None:
        self.page.notice.show_message(self.tr("已生成 {0} 个文件：{1}").format(len(files), out))
        if not per_candidate and files:
            self.preview = PdfPreviewDialog(files[0], self)
            self.preview.open()


def attach(page: Any, selection: Callable[[], tuple[int | None, str | None, str]]) -> DocumentsBar:
    bar = DocumentsBar(page, selection)
    page.body.addWidget(bar)
    return bar
