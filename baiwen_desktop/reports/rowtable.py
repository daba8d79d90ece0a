"""RowTable: a ruled text table that splits across pages and repeats its header row.

Why not platypus ``Table(repeatRows=1)``: the question table of a 500-candidate batch is the hot
path, and Table's generic machinery (per-cell style resolution, re-measuring on every split)
costs about 1.7× hand-written canvas code for the same cells. This flowable pre-wraps every
cell once (CJK line breaking by measured width), splits by summing row heights, may split a
single over-tall row between pages, and draws with plain canvas calls. It looks the same as
``styles.grid_style``: tinted bold header, accent rule under it, zebra rows, light grid.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from baiwen_desktop.reports.cjkwrap import wrap_lines
from baiwen_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts
from baiwen_desktop.reports.styles import ACCENT, CELL_PAD, GRID, HEAD_BG, ZEBRA

__all__ = ["Column", "RowTable"]

_TOP_PAD, _BOTTOM_PAD = 2.2, 2.8
_SPLIT_ROW_MIN_LINES = 6  # rows at least this tall may be split between pages …
_MIN_LINES_EACH = 3  # … leaving at least this many lines on each side


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float
    align: Literal["left", "center"] = "left"


@dataclass(frozen=True, slots=True)
class _Row:
    index: int  # position in the whole table: zebra parity and colour lookup survive splits
    cells: tuple[tuple[str, ...], ...]  # wrapped lines per column

    def height(self, leading: float) -> float:
        return _TOP_PAD + _BOTTOM_PAD + leading * max(len(c) for c in self.cells)


class RowTable(Flowable):
    """Rows of plain text under a header row; ``colours`` maps (row, column) → text colour."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        colours: Mapping[tuple[int, int], Color] | None = None,
        font_size: float = 9.0,
        _prepared: list[_Row] | None = None,
        _heights: list[float] | None = None,
    ) -> None:
        super().__init__()
        register_fonts()
        self.hAlign = "CENTER"  # like Table: the full-width table spans the frame's side padding
        self.columns = tuple(columns)
        self.colours = dict(colours or {})
        self.font_size = font_size
        self.leading = font_size * 1.28
        if _prepared is None:
            room = [c.width - 2 * CELL_PAD for c in self.columns]
            _prepared = [
                _Row(i, tuple(_wrapped(text, FONT, font_size, r) for text, r in zip(row, room, strict=True)))
                for i, row in enumerate(rows)
            ]
        self._rows = _prepared
        self._head = _Row(-1, tuple((c.title,) for c in self.columns))
        self.width = sum(c.width for c in self.columns)
        # each row's height once: a 3,000-row summary is split page by page, and each part's
        # height is the sum over its rows (the same sum, in the same order, as before)
        self._heights = _heights if _heights is not None else [r.height(self.leading) for r in self._rows]
        self.height = self._head.height(self.leading) + sum(self._heights)

    def _clone(self, rows: list[_Row], heights: list[float] | None = None) -> RowTable:
        return RowTable(self.columns, (), self.colours, self.font_size, _prepared=rows, _heights=heights)

    # --- platypus protocol ----------------------------------------------------------------------

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight - self._head.height(self.leading)
        for taken, (row, h) in enumerate(zip(self._rows, self._heights, strict=True)):
            if h <= room:
                room -= h
                continue
            # A tall row (a long written answer) is split between its lines rather than pushed
            # whole to the next page, where it might not fit either; short rows stay intact.
            fit = int((room - _TOP_PAD - _BOTTOM_PAD) // self.leading)
            lines = max(len(c) for c in row.cells)
            if lines >= _SPLIT_ROW_MIN_LINES and fit >= _MIN_LINES_EACH and lines - fit >= _MIN_LINES_EACH:
                head = _Row(row.index, tuple(c[:fit] for c in row.cells))
                tail = _Row(row.index, tuple(c[fit:] or ("",) for c in row.cells))
                return [
                    self._clone([*self._rows[:taken], head]),
                    self._clone([tail, *self._rows[taken + 1 :]]),
                ]
            if taken == 0:
                return []  # nothing fits here: platypus moves the table to the next frame
            return [self._clone(self._rows[:taken], self._heights[:taken]), self._clone(self._rows[taken:], self._heights[taken:])]
        return [self]

    def draw(self) -> None:
        canv = self.canv
        lead, size = self.leading, self.font_size
        xs = [0.0]
        for c in self.columns:
            xs.append(xs[-1] + c.width)
        top = self.height
        heights = [self._head.height(lead), *self._heights]

        # Backgrounds first, then rules, then text on top.
        canv.saveState()
        canv.setFillColor(HEAD_BG)
        canv.rect(0, top - heights[0], self.width, heights[0], stroke=0, fill=1)
        canv.setFillColor(ZEBRA)
        y = top - heights[0]
        for row, h in zip(self._rows, heights[1:], strict=True):
            if row.index % 2:
                canv.rect(0, y - h, self.width, h, stroke=0, fill=1)
            y -= h
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.4)
        rules: list[tuple[float, float, float, float]] = [(x, 0, x, top) for x in xs]
        y = top
        for h in heights:
            rules.append((0, y, self.width, y))
            y -= h
        rules.append((0, 0, self.width, 0))
        canv.lines(rules)
        canv.setStrokeColor(ACCENT)
        canv.setLineWidth(0.9)
        canv.line(0, top - heights[0], self.width, top - heights[0])

        # All cells' text in one text object (BT … ET): a cell costs a move and a show, not a
        # text object of its own (a 3,000-candidate summary has 24,000 cells).
        text = _Text(canv)
        y = top
        self._draw_row(text, self._head, y, heights[0], xs, FONT_BOLD, size, lead, header=True)
        y -= heights[0]
        text.setFont(FONT, size, lead)
        for row, h in zip(self._rows, heights[1:], strict=True):
            self._draw_row(text, row, y, h, xs, FONT, size, lead, header=False)
            y -= h
        canv.drawText(text)
        canv.restoreState()

    def _draw_row(
        self,
        text: PDFTextObject,
        row: _Row,
        top: float,
        h: float,
        xs: list[float],
        font: str,
        size: float,
        lead: float,
        header: bool,
    ) -> None:
        if header:
            text.setFont(font, size, lead)
        black = True
        text.setFillColorRGB(0, 0, 0)
        width = _width
        show = text.show
        for col, (lines, column) in enumerate(zip(row.cells, self.columns, strict=True)):
            colour = None if header else self.colours.get((row.index, col))
            if colour is not None or not black:
                text.setFillColor(colour or Color(0, 0, 0))
                black = colour is None
            # Vertically centred, as Table's VALIGN MIDDLE places string cells.
            y = top - h + (_BOTTOM_PAD + h - _TOP_PAD + len(lines) * lead) / 2 - size
            if header or column.align == "center":
                x = (xs[col] + xs[col + 1]) / 2
                for line in lines:
                    show(x - width(line, font, size) / 2.0, y, line)  # as drawCentredString places it
                    y -= lead
            else:
                x = xs[col] + CELL_PAD
                for line in lines:
                    show(x, y, line)
                    y -= lead


# A summary repeats its cells' texts (单位, 合格, scores, 交卷方式) thousands of times: each distinct
# text is wrapped and measured once per process (the metrics of a registered font never change).
@lru_cache(maxsize=1 << 16)
def _wrapped(text: str, font: str, size: float, room: float) -> tuple[str, ...]:
    return tuple(wrap_lines(text, font, size, room))


@lru_cache(maxsize=1 << 16)
def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


# Per document: (text, font, size, leading, current subset) -> the PDF operators ReportLab's
# textOut writes for it and the subset it leaves current. A text's operators depend only on these
# once its characters have their codes in the document's font subsets (given on the first show).
_SHOWN: weakref.WeakKeyDictionary[object, dict[tuple[str, str, float, float, int], tuple[str, int]]] = weakref.WeakKeyDictionary()


class _Text(PDFTextObject):
    """A text object whose `show(x, y, text)` writes exactly what setTextOrigin(x, y) + textOut(text)
    write, each distinct text's operators formatted once per document (ReportLab's _formatText maps
    it to font-subset codes character by character: a 3,000-row summary shows 24,000 cells).
    Relies on PDFTextObject's _formatText/_code/_curSubset; tests/reports/test_rowtable compares the
    page streams with textOut's."""

    def __init__(self, canv: Canvas) -> None:
        super().__init__(canv)
        doc = canv._doc
        shown = _SHOWN.get(doc)
        if shown is None:
            shown = _SHOWN[doc] = {}
        self._shown = shown

    def show(self, x: float, y: float, text: str) -> None:
        self.setTextOrigin(x, y)
        key = (text, self._fontname, self._fontsize, self._leading, self._curSubset)
        hit = self._shown.get(key)
        if hit is None:
            hit = self._shown[key] = (self._formatText(text), self._curSubset)
        else:
            self._curSubset = hit[1]
        self._code.append(hit[0])
