"""Where the bundled resources (fonts, icons, styles) live.

No Qt here: both the PDF side and the Qt side ask this module for paths.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["font_path", "resources_dir"]

_FONT_FILES = {False: "NotoSansSC-Regular.ttf", True: "NotoSansSC-Bold.ttf"}


def resources_dir() -> Path:
    """The ``resources/`` folder: the repo's copy, or PyInstaller's unpacked copy when frozen."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_base:
        return Path(frozen_base) / "resources"
    # baiwen_desktop/resources.py -> repo root / resources
    return Path(__file__).resolve().parent.parent / "resources"


def font_path(bold: bool = False) -> Path:
    """Path of the bundled Noto Sans SC static instance (regular or bold)."""
    return resources_dir() / "fonts" / _FONT_FILES[bold]
