"""Writing PDFs safely and naming per-candidate files."""

from __future__ import annotations

from pathlib import Path

from baiwen_desktop.core.filenames import safe_filename

__all__ = ["candidate_filename", "unique_path"]



def candidate_filename(employee_no: str, name: str, suffix: str = ".pdf") -> str:
    """``工号_姓名.pdf`` through the one safe file-name function (core.filenames)."""
    employee_no, name = employee_no.strip(), name.strip()
    return safe_filename(f"{employee_no}_{name}" if name else employee_no, suffix)


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
