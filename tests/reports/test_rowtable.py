"""RowTable wraps and measures each distinct cell text once (rowtable._wrapped/_width) and shows
cells through rowtable._Text.show, which formats each distinct text's PDF operators once per
document: the file must be byte for byte the one of wrap_lines, stringWidth and
setTextOrigin + textOut for every cell, as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.lib.colors import red
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate

from baiwen_desktop.reports import rowtable
from baiwen_desktop.reports.cjkwrap import wrap_lines
from baiwen_desktop.reports.rowtable import Column, RowTable

# 700 distinct characters: the font's codes fill three 256-code subsets, so a text repeated after a
# text of another subset must switch the font back (the operators depend on the current subset)
_CHARS = [chr(0x4E00 + i) for i in range(700)]


def _rows() -> list[list[str]]:
    rows = []
    for i in range(240):
        early = "".join(_CHARS[(i % 7) * 3 : (i % 7) * 3 + 3])  # subset 0, repeated
        late = "".join(_CHARS[600 + (i % 5) * 4 : 600 + (i % 5) * 4 + 4])  # subset 2 once assigned, repeated
        fresh = "".join(_CHARS[(i * 3) % 700 : (i * 3) % 700 + 3])  # new characters for a while
        long = "长文本" * (1 + i % 9)  # wraps to several lines in its column
        rows.append([str(i + 1), early, late, fresh, long, "合格" if i % 3 else "不合格", ""])
    return rows


def _pdf(path: Path) -> bytes:
    columns = [
        Column("序号", 34, "center"),
        Column("甲", 60),
        Column("乙", 60, "center"),
        Column("丙", 60),
        Column("长", 70),
        Column("结果", 46, "center"),
        Column("空", 30),
    ]
    table = RowTable(columns, _rows(), {(i, 5): red for i in range(0, 240, 3)})
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    return path.read_bytes()


def _as_before(self: rowtable._Text, x: float, y: float, text: str) -> None:
    self.setTextOrigin(x, y)
    self.textOut(text)


def test_cells_are_written_as_textout_writes_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the file
    fast = _pdf(tmp_path / "fast.pdf")
    again = _pdf(tmp_path / "again.pdf")  # the process-wide caches are warm now; a new document's memo is not
    monkeypatch.setattr(rowtable._Text, "show", _as_before)
    monkeypatch.setattr(rowtable, "_wrapped", lambda text, font, size, room: tuple(wrap_lines(text, font, size, room)))
    monkeypatch.setattr(rowtable, "_width", stringWidth)
    before = _pdf(tmp_path / "before.pdf")
    assert fast == before
    assert again == before
    assert len(PdfReader(tmp_path / "before.pdf").pages) >= 3  # the table split over pages
    assert re.search(rb"/F\d+\+[1-9]", before)  # and its text needed more than one font subset
