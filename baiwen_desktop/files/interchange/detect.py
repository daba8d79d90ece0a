"""Which format a file is in, judged by its content first and its name second."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

FORMATS = ("native", "xlsx", "csv", "docx", "moodle", "gift", "qti")

_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[\s/>]")
_GIFT_HINT = re.compile(r"(^|\n)\s*::[^\n]*?::|\{\s*(T|F|TRUE|FALSE)\s*(#[^}]*)?\}|\{[^{}]*(^|\s)[=~][^{}]*\}|(^|\n)\s*\$CATEGORY:", re.S)


_BY_SUFFIX = {".xlsx": "xlsx", ".csv": "csv", ".txt": "native", ".docx": "docx", ".xml": "moodle", ".gift": "gift", ".zip": "qti"}


def _xml_root(head: bytes) -> str | None:
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not body.startswith(b"<"):
        return None
    # Skip the declaration, comments and a doctype; the first element names the format.
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", body, flags=re.S)
    m = _XML_ROOT.search(body)
    return m.group(2).decode("ascii", "replace") if m else ""


def detect_format(path: Path) -> str:
    """One of FORMATS; 'unknown' when nothing fits (the caller names the file in its error)."""
    path = Path(path)
    if path.is_dir():
        return "native"
    try:
        with path.open("rb") as f:
            head = f.read(65536)
    except OSError:  # missing or unreadable: the reader for its extension says so in its own words
        return _BY_SUFFIX.get(path.suffix.lower(), "unknown")
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            return {".docx": "docx", ".xlsx": "xlsx", ".zip": "qti"}.get(suffix, "unknown")
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "imsmanifest.xml" in names or any(n.lower().endswith(".xml") for n in names):
            return "qti"
        return "unknown"
    root = _xml_root(head)
    if root is not None:
        if root == "quiz":
            return "moodle"
        if root in ("assessmentItem", "qti-assessment-item", "manifest", "assessmentTest", "qti-assessment-test"):
            return "qti"
        return {".xml": "moodle", ".qti": "qti"}.get(suffix, "unknown")
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff")
    if text.lstrip('"').startswith("题型"):
        return "csv"  # the header row of the spreadsheet template
    if any(line.startswith("===") for line in text.splitlines()):
        return "native"
    if suffix in (".gift",) or _GIFT_HINT.search(text):
        return "gift"
    if suffix in (".csv", ".txt"):
        return "csv"
    return "unknown"
