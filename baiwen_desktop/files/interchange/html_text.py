"""Moodle and QTI texts hold HTML; our questions hold plain text. Convert, and say what was lost."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCK = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "table", "section"}
# Content that plain text cannot carry at all: the question would not make sense without it.
MEDIA = {"img", "audio", "video", "object", "embed", "iframe", "math", "svg", "canvas", "applet"}
# Formatting that is dropped, the words kept.
FORMAT = {"b", "strong", "i", "em", "u", "s", "strike", "sub", "sup", "font", "span", "a", "code", "mark", "small",
          "big", "td", "th", "table", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tt"}


@dataclass
class Plain:
    text: str
    media: set[str] = field(default_factory=set)  # e.g. {"img"}
    formatting: set[str] = field(default_factory=set)  # e.g. {"b", "span"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.media: set[str] = set()
        self.formatting: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower().split(":")[-1]
        if tag in MEDIA:
            self.media.add(tag)
        if tag in FORMAT or (tag in ("p", "div") and any(k == "style" for k, _ in attrs)):
            self.formatting.add(tag)
        if tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag.lower() in BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def html_to_plain(html: str) -> Plain:
    """HTML → text: block ends and <br> become line breaks, runs of spaces one space (as a browser shows it)."""
    c = _Collector()
    try:
        c.feed(html)
        c.close()
    except (AssertionError, ValueError):  # html.parser is lenient, but never let odd input escape as a traceback
        return Plain(re.sub(r"<[^>]*>", "", html).strip(), set(), {"html"})
    text = "".join(c.parts)
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    joined = "\n".join(out).strip("\n")
    joined = re.sub(r"\n{2,}", "\n", joined)
    return Plain(joined, c.media, c.formatting)


def plain(text: str, fmt: str) -> Plain:
    """A Moodle/GIFT text in the given format (html, moodle_auto_format, plain_text, markdown)."""
    if fmt == "html":
        return html_to_plain(text)
    return Plain(text.replace("\r\n", "\n").strip())
