"""Mark matched 简答 keywords in a candidate's answer, as escaped HTML with yellow spans.

The grader matches on normalised text (full-width folded, spaces removed, case-folded), so
the search here folds the answer the same way and maps each hit back to the original text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from html import escape

MARK_OPEN = "<b style='background:yellow'>"
MARK_CLOSE = "</b>"


def _fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, the index of its original character."""
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for f in unicodedata.normalize("NFKC", ch).casefold():
            folded.append(f)
            origin.append(i)
    return "".join(folded), origin


def keyword_spans(text: str, keywords: Iterable[str]) -> list[tuple[int, int]]:
    """Merged (start, end) ranges of the original text where any keyword occurs."""
    folded, origin = _fold(text)
    spans: list[tuple[int, int]] = []
    for kw in keywords:
        needle, _ = _fold(kw)
        if not needle:
            continue
        start = folded.find(needle)
        while start >= 0:
            end = start + len(needle) - 1
            spans.append((origin[start], origin[end] + 1))
            start = folded.find(needle, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def highlight_html(text: str, keywords: Iterable[str]) -> str:
    """Escaped HTML of `text` with every keyword occurrence wrapped in a yellow bold span."""
    out: list[str] = []
    pos = 0
    for a, b in keyword_spans(text, keywords):
        out.append(escape(text[pos:a]))
        out.append(MARK_OPEN + escape(text[a:b]) + MARK_CLOSE)
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")
