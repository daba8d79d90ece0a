"""Line breaking for Chinese text by measured width (ReportLab font metrics)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

__all__ = ["wrap_cjk", "wrap_lines"]

# Never start a line with closing punctuation (避头点): it hangs at the end of the line instead.
_NO_LINE_START = frozenset("，。、；：！？）」』》”’·…,.;:!?)]}%")


def wrap_cjk(
    text: str, font: str, size: float, width: float, first_indent: float = 0.0
) -> list[tuple[float, str]]:
    """Greedy line breaking: (x offset, line) pairs; the first line may be indented.

    Breaks between any two characters (Chinese has no spaces), except before closing
    punctuation, which may hang past the edge rather than start a line.
    """
    lines: list[tuple[float, str]] = []
    indent = first_indent
    current: list[str] = []
    used = 0.0
    for ch in text:
        cw = stringWidth(ch, font, size)
        if current and indent + used + cw > width and ch not in _NO_LINE_START:
            lines.append((indent, "".join(current)))
            indent, current, used = 0.0, [], 0.0
        current.append(ch)
        used += cw
    if current or not lines:
        lines.append((indent, "".join(current)))
    return lines


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` (explicit newlines kept) that fit ``width``; measures only when needed."""
    out: list[str] = []
    for para in text.split("\n"):
        if stringWidth(para, font, size) <= width:
            out.append(para)
        else:
            out.extend(line for _, line in wrap_cjk(para, font, size, width))
    return out
