"""Build an A4 portrait platypus document atomically, with deferred page decoration."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.platypus import Flowable, SimpleDocTemplate

from baiwen_desktop.reports.fonts import FONT, register_fonts
from baiwen_desktop.reports.output import atomic_output
from baiwen_desktop.reports.paging import Decorate, deferred_canvas
from baiwen_desktop.reports.styles import MARGIN, PAGE

__all__ = ["build_document"]


def build_document(
    out_path: str | os.PathLike[str],
    story: list[Flowable],
    *,
    title: str,
    author: str,
    subject: str,
    decorate: Decorate,
) -> Path:
    """Lay out ``story`` on A4 with the standard margins and write it to ``out_path`` atomically."""
    register_fonts()
    out = Path(out_path)
    with atomic_output(out) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            author=author,
            subject=subject,
            creator="baiwen_desktop",
            pageCompression=1,
            initialFontName=FONT,  # else the canvas preamble references unembedded Helvetica
        )
        doc.build(story, canvasmaker=deferred_canvas(decorate))
    return out
