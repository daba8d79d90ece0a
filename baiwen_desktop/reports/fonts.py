"""Register the bundled Noto Sans SC TrueType fonts with ReportLab, once per process.

TrueType (not CID fonts such as STSong-Light) so the glyphs are embedded, subset per document:
the PDFs print the same on any machine and stay small.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from baiwen_desktop.resources import font_path

__all__ = ["FONT", "FONT_BOLD", "register_fonts"]

FONT = "NotoSansSC"
FONT_BOLD = "NotoSansSC-Bold"

_lock = threading.Lock()
_registered = False


def register_fonts() -> tuple[str, str]:
    """Register both weights (idempotent, thread-safe); returns (regular, bold) font names."""
    global _registered
    if _registered:
        return FONT, FONT_BOLD
    with _lock:
        if not _registered:
            # Parsing a 10 MB CJK font costs ~0.2 s: do it once, documents share the TTFont objects.
            pdfmetrics.registerFont(TTFont(FONT, str(font_path(bold=False))))
            pdfmetrics.registerFont(TTFont(FONT_BOLD, str(font_path(bold=True))))
            # <b> in Paragraph markup picks the bold file; there is no italic, so map it to upright.
            addMapping(FONT, 0, 0, FONT)
            addMapping(FONT, 1, 0, FONT_BOLD)
            addMapping(FONT, 0, 1, FONT)
            addMapping(FONT, 1, 1, FONT_BOLD)
            _registered = True
    return FONT, FONT_BOLD
