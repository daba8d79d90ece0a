"""Look of the A4 reports: colours, paragraph styles, table styles, cell helper."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, TableStyle

from baiwen_desktop.reports.data import ReportHeader
from baiwen_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts
from baiwen_desktop.reports.formatting import fmt_date, para_text

__all__ = [
    "ACCENT",
    "BAD",
    "CELL_PAD",
    "GOOD",
    "GRID",
    "HEAD_BG",
    "MARGIN",
    "MUTED",
    "PAGE",
    "WIDTH",
    "ZEBRA",
    "Styles",
    "cell",
    "grid_style",
    "heading",
    "styles",
    "title_block",
]

PAGE = A4
MARGIN = 18 * mm
WIDTH = PAGE[0] - 2 * MARGIN  # usable width of the portrait reports
ACCENT = colors.HexColor("#00615C")  # State Grid teal, darkened to print well in greyscale
HEAD_BG = colors.HexColor("#E3EEED")
ZEBRA = colors.HexColor("#F6F9F9")
GRID = colors.HexColor("#9AB3B1")
MUTED = colors.HexColor("#5F6B6A")
GOOD = colors.HexColor("#1B7A3A")
BAD = colors.HexColor("#B3261E")
CELL_PAD = 3.0


@dataclass(frozen=True, slots=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    meta: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    small: ParagraphStyle


@lru_cache(maxsize=1)
def styles() -> Styles:
    register_fonts()
    base = ParagraphStyle("bw", fontName=FONT, fontSize=10, leading=14, wordWrap="CJK", alignment=TA_LEFT)
    cell_style = ParagraphStyle("bw-cell", parent=base, fontSize=9, leading=11.5)
    return Styles(
        title=ParagraphStyle(
            "bw-title", parent=base, fontName=FONT_BOLD, fontSize=17, leading=23, alignment=TA_CENTER
        ),
        subtitle=ParagraphStyle(
            "bw-subtitle",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=13,
            leading=18,
            alignment=TA_CENTER,
            textColor=ACCENT,
        ),
        meta=ParagraphStyle(
            "bw-meta", parent=base, fontSize=9, leading=12, alignment=TA_CENTER, textColor=MUTED
        ),
        h2=ParagraphStyle(
            "bw-h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=15,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=4,
        ),
        body=base,
        cell=cell_style,
        cell_center=ParagraphStyle("bw-cell-c", parent=cell_style, alignment=TA_CENTER),
        cell_head=ParagraphStyle("bw-cell-h", parent=cell_style, fontName=FONT_BOLD, alignment=TA_CENTER),
        small=ParagraphStyle("bw-small", parent=base, fontSize=8, leading=11, textColor=MUTED, spaceBefore=3),
    )


def cell(text: str, width: float, style: ParagraphStyle | None = None) -> str | Flowable:
    """Table cell content: the plain string when it fits on one line, else a wrapping Paragraph.

    Plain strings are several times cheaper for a Table to measure and draw, and most answers
    ("A", "正确") are short; only long text pays for Paragraph's CJK line breaking.
    """
    st = style or styles().cell
    if "\n" not in text and _fits(text, st.fontName, st.fontSize, width - 2 * CELL_PAD):
        return text
    return Paragraph(para_text(text), st)


@lru_cache(maxsize=4096)
def _fits(text: str, font: str, size: float, room: float) -> bool:
    # No glyph of Noto Sans SC is wider than 2.5 em (the three-em dash; CJK is 1 em), so short
    # text fits without measuring; the cache catches the endlessly repeated "A", "正确", "单选题".
    return len(text) * size * 2.5 <= room or stringWidth(text, font, size) <= room


def grid_style(header_rows: int = 1, font_size: float = 9, zebra: bool = True, n_rows: int = 0) -> TableStyle:
    """The common ruled-table look: tinted bold header, light grid, optional zebra rows."""
    cmds: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), FONT, font_size, font_size * 1.28),
        ("FONT", (0, 0), (-1, header_rows - 1), FONT_BOLD, font_size, font_size * 1.28),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.9, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.8),
    ]
    if zebra and n_rows:
        # ROWBACKGROUNDS alternates and survives table splits across pages.
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    return TableStyle(cmds)


def title_block(header: ReportHeader, document: str) -> list[Flowable]:
    """Exam title, the document's name (成绩单, 成绩汇总表 …) and the organisation/date/station line."""
    st = styles()
    meta = [f"组织单位：{header.organisation}", f"考试日期：{fmt_date(header.exam_date)}"]
    if header.station:
        meta.append(f"考点：{header.station}")
    spaced_name = "　".join(document) if len(document) <= 4 else document
    return [
        Paragraph(para_text(header.exam_title), st.title),
        Paragraph(para_text(spaced_name), st.subtitle),
        # Paragraph collapses runs of spaces (U+3000 too), so separate with non-breaking ones.
        Paragraph("&nbsp;&nbsp;&nbsp;&nbsp;".join(para_text(m) for m in meta), st.meta),
        Spacer(1, 4 * mm),
    ]


def heading(text: str) -> list[Flowable]:
    """A section heading that never sits alone at the foot of a page.

    CondPageBreak rather than keepWithNext: platypus' KeepTogether pushes a whole long table to
    a fresh page, leaving the page before it half empty.
    """
    return [CondPageBreak(30 * mm), Paragraph(para_text(text), styles().h2)]
