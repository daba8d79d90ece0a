"""Preview a generated PDF (QtPdf) and print it (QPrintDialog)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from baiwen_desktop.ui.screen_fit import fit_to_screen


class PdfPreviewDialog(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(self.tr("预览：%1").replace("%1", path.name))
        fit_to_screen(self, 900, 1000)
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        info = QLabel(self.tr("共 %1 页  ·  %2").replace("%1", str(self.document.pageCount())).replace("%2", str(path)))
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        print_button = QPushButton(self.tr("打印…"))
        print_button.clicked.connect(self.print_document)
        open_button = QPushButton(self.tr("用系统程序打开"))
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        close_button = QPushButton(self.tr("关闭"))
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(info, 1)
        for b in (print_button, open_button, close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_pdf(self.document, printer)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Render each page at the printer's resolution; returns the pages sent."""
    first, last = printer.fromPage() or 1, printer.toPage() or document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    sent = 0
    try:
        for index in range(first - 1, last):
            if sent:
                printer.newPage()
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            page = document.pagePointSize(index)
            scale = min(area.width() / page.width(), area.height() / page.height())
            image = document.render(index, QSize(int(page.width() * scale), int(page.height() * scale)))
            painter.drawImage(QPointF(0, 0), image)
            sent += 1
    finally:
        painter.end()
    return sent
