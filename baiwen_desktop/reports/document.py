"""Build an A4 portrait platypus document atomically, with its header/footer frame."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.reports.data import Progress, ReportHeader
from baiwen_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts
from baiwen_desktop.reports.paging import Decorate, PageInfo, deferred_canvas
from baiwen_desktop.reports.styles import BAD, GRID, MARGIN, MUTED, PAGE

__all__ = ["build_document", "draw_notice", "draw_page_frame"]

NOTICE_SIZE = 9.5


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
    notice: str = "",
) -> None:
    """Footer with 第 x 页 / 共 y 页 on every page; a running header on continuation pages;
    ``notice`` (e.g. 站点成绩，以总部为准) boxed at the top of every page, so no loose page lacks it."""
    w, h = PAGE
    canv.saveState()
    if notice:  # in the top margin, above the running header
        draw_notice(canv, notice, w / 2, h - 25)
    canv.setStrokeColor(GRID)
    canv.setLineWidth(0.5)
    canv.setFillColor(MUTED)
    canv.setFont(FONT, 8.5)
    if info.page_in_group > 1:
        # Continuation pages say what they belong to: loose printed pages get mixed up.
        y = h - MARGIN + (9 if notice else 14)
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


def draw_notice(canv: Canvas, text: str, x_centre: float, baseline: float, size: float = NOTICE_SIZE) -> None:
    """``text`` in bold red inside a red box, centred on ``x_centre``."""
    width = canv.stringWidth(text, FONT_BOLD, size)
    pad = size * 0.3
    canv.saveState()
    canv.setStrokeColor(BAD)
    canv.setFillColor(BAD)
    canv.setLineWidth(0.9)
    canv.rect(x_centre - width / 2 - 3 * pad, baseline - pad, width + 6 * pad, size + 1.2 * pad, stroke=1, fill=0)
    canv.setFont(FONT_BOLD, size)
    canv.drawCentredString(x_centre, baseline, text)
    canv.restoreState()
