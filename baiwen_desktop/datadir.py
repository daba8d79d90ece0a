"""Where the data lives: --data-dir, BAIWEN_HOME, a portable data/ folder, or the user data dir."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "baiwen"


def program_dir() -> Path:
    """The folder of the program itself (the PyInstaller bundle, or the launching script)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(sys.argv[0]).resolve().parent if sys.argv and sys.argv[0] else Path.cwd()


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Pick the data folder. A `data/` folder beside the program means portable mode (USB stick)."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("BAIWEN_HOME")
    if env:
        return Path(env).expanduser().resolve()
    portable = program_dir() / "data"
    if portable.is_dir():
        return portable
    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_db_url(explicit: str | None = None) -> str | None:
    return explicit or os.environ.get("BAIWEN_DB_URL") or None


def bundled_bank_dir() -> Path:
    """The bundled question bank: beside the package, or inside the frozen bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base / "question_bank"
