"""Build an A4 portrait platypus document atomically, with its header/footer frame."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.reports.data import Progress, ReportHeader
from baiwen_desktop.reports.fonts import FONT, register_fonts
from baiwen_desktop.reports.paging import Decorate, PageInfo, deferred_canvas
from baiwen_desktop.reports.styles import GRID, MARGIN, MUTED, PAGE

__all__ = ["build_document", "draw_page_frame"]


def build_document(
    out_path: str | os.PathLike[str],
    story: list[Flowable],
    *,
    header: ReportHeader,
    document: str,
    decorate: Decorate,
    progress: Progress | None = None,
) -> Path:
    """Lay out ``story`` on A4 with the standard margins and write it to ``out_path`` atomically.

    ``document`` is the kind (成绩单, 试题分析 …) for the PDF metadata. A one-shot document
    reports ``progress`` as 1/2 before layout and 2/2 when written.
    """
    if progress:
        progress(1, 2)
    register_fonts()
    out = Path(out_path)
    with atomic_path(out) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=f"{header.exam_title} {document}",
            author=header.organisation,
            subject=document,
            creator="baiwen_desktop",
            pageCompression=1,
            initialFontName=FONT,  # else the canvas preamble references unembedded Helvetica
        )
        doc.build(story, canvasmaker=deferred_canvas(decorate))
    if progress:
        progress(2, 2)
    return out


def draw_page_frame(
    canv: Canvas,
    info: PageInfo,
    *,
    running_title: str,
    running_right: str = "",
    footer_left: str = "",
    footer_right: str = "",
) -> None:
    """Footer with 第 x 页 / 共 y 页 on every page; a running header on continuation pages."""
    w, h = PAGE
    canv.saveState()
    canv.setStrokeColor(GRID)
    canv.setLineWidth(0.5)
    canv.setFillColor(MUTED)
    canv.setFont(FONT, 8.5)
    if info.page_in_group > 1:
        # Continuation pages say what they belong to: loose printed pages get mixed up.
        y = h - MARGIN + 14
        canv.drawString(MARGIN, y, running_title)
        if running_right:
            canv.drawRightString(w - MARGIN, y, running_right)
        canv.line(MARGIN, y - 4, w - MARGIN, y - 4)
    y = MARGIN - 22
    canv.line(MARGIN, y + 11, w - MARGIN, y + 11)
    if footer_left:
        canv.drawString(MARGIN, y, footer_left)
    canv.drawCentredString(w / 2, y, f"第 {info.page_in_group} 页 / 共 {info.pages_in_group} 页")
    if footer_right:
        canv.drawRightString(w - MARGIN, y, footer_right)
    canv.restoreState()
