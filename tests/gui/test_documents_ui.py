"""证书核验 dialog and the PDF preview/print, driven through real widgets offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from cert_payloads import with_field
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from baiwen_desktop.services import documents, results
from baiwen_desktop.services.demo import demo_issuer, run_demo
from baiwen_desktop.store.engine import Store
from baiwen_desktop.ui.cert_verify_dialog import CertVerifyDialog
from baiwen_desktop.ui.pdf_preview import PdfPreviewDialog, print_pdf

pytestmark = pytest.mark.gui


@pytest.fixture
def exam_id(store: Store, tmp_path: Path) -> int:
    return run_demo(store, tmp_path / "demo", candidates=5, seed=9, with_pdfs=False).exam_id


def test_cert_verify_dialog(qtbot, store: Store, exam_id: int) -> None:  # type: ignore[no-untyped-def]
    cert = documents.issue_certificates(store, results.results(store, exam_id), demo_issuer(store))[0]
    window = CertVerifyDialog(store)
    qtbot.addWidget(window)
    dialog = window.panel
    dialog.code.setPlainText(cert.qr_payload)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "有效" in dialog.result.text(), timeout=5000)
    assert cert.name in dialog.result.text() and cert.number in dialog.result.text()
    dialog.code.setPlainText(with_field(cert.qr_payload, 2, "冒名顶替"))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "有效" not in dialog.result.text() and "✘" in dialog.result.text(), timeout=5000)


def test_preview_and_print(qtbot, store: Store, exam_id: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (pdf,) = documents.generate(store, "summary", exam_id, tmp_path / "summary.pdf")
    dialog = PdfPreviewDialog(pdf)
    qtbot.addWidget(dialog)
    pages = dialog.document.pageCount()
    assert pages == len(PdfReader(pdf).pages) >= 1
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(dialog.document, printer) == pages
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == pages


def test_cert_verify_dialog_says_revoked(qtbot, store: Store, exam_id: int) -> None:  # type: ignore[no-untyped-def]
    from baiwen_desktop.services import certs

    cert = documents.issue_certificates(store, results.results(store, exam_id), demo_issuer(store))[0]
    certs.revoke(store, cert.number, "证书遗失，已补发新证", "t")
    window = CertVerifyDialog(store)
    qtbot.addWidget(window)
    dialog = window.panel
    dialog.code.setPlainText(cert.qr_payload)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已作废" in dialog.result.text(), timeout=5000)
    text = dialog.result.text()
    assert cert.number in text and "证书遗失，已补发新证" in text and "有效" not in text.replace("不再有效", "")
