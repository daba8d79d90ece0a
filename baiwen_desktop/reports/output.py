"""Writing PDFs safely and naming per-candidate files."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

__all__ = ["candidate_filename", "unique_path"]

_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
_MAX_STEM = 120  # leaves room for the folder in Windows' 260-character paths


def candidate_filename(employee_no: str, name: str, suffix: str = ".pdf") -> str:
    """``工号_姓名.pdf``, made safe for Windows (forbidden characters, reserved names, length)."""
    employee_no, name = employee_no.strip(), name.strip()
    stem = f"{employee_no}_{name}" if name else employee_no
    stem = unicodedata.normalize("NFC", stem)
    stem = _WINDOWS_FORBIDDEN.sub("_", stem)
    stem = re.sub(r"\s+", " ", stem).strip().rstrip(". ")
    stem = stem[:_MAX_STEM].rstrip(". ") or "_"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    return stem + suffix


def unique_path(folder: Path, filename: str, taken: set[str]) -> Path:
    """``folder/filename``, or ``stem_2.pdf``, ``stem_3.pdf`` … if already taken in this batch.

    ``taken`` holds case-folded names (Windows file names are case-insensitive) and is updated.
    """
    path = Path(folder) / filename
    n = 1
    while path.name.casefold() in taken:
        n += 1
        path = Path(folder) / f"{Path(filename).stem}_{n}{Path(filename).suffix}"
    taken.add(path.name.casefold())
    return path
