"""One place for unexpected errors (as Anki does): a rotating log at `<data folder>/logs/baiwen.log`.

Both faces call `record()` for anything that is not a BaiwenError; the user sees one sentence with the
log's path, never a traceback. The folder is made 0700 and the file 0600 on POSIX (tracebacks can hold
names and answers). If the data folder cannot be written, the log goes to the temp folder instead.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # logging.handlers (socket, pickle…) loads with the first entry, not at every start
    from logging.handlers import RotatingFileHandler

LOGGER_NAME = "baiwen"
MAX_BYTES = 1_000_000
BACKUPS = 4

_handler: RotatingFileHandler | None = None
_starting = threading.Lock()  # Qt may report its first message from a worker thread


def logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


def log_path() -> Path | None:
    """The file being written, once `start` or `record` has run."""
    return Path(_handler.baseFilename) if _handler is not None else None


def planned_path(data_dir: Path) -> Path:
    """Where `start(data_dir)` puts the log (unless that folder cannot be written)."""
    return data_dir / "logs" / "baiwen.log"


def _open(folder: Path) -> RotatingFileHandler:
    from logging.handlers import RotatingFileHandler

    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / "baiwen.log"
    # 0600 from the first byte: create it ourselves before the handler appends to it
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler


def start(data_dir: Path) -> Path:
    """Attach the log file (idempotent). Returns its path."""
    global _handler
    with _starting:
        if _handler is not None:
            return Path(_handler.baseFilename)
        try:
            handler = _open(planned_path(data_dir).parent)
        except OSError:
            handler = _open(Path(tempfile.gettempdir()) / f"baiwen-logs-{os.getuid() if hasattr(os, 'getuid') else 0}")
        log = logger()
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        _handler = handler
        return Path(handler.baseFilename)


def stop() -> None:
    """Detach the file (tests, and a second start on another folder)."""
    global _handler
    if _handler is not None:
        logger().removeHandler(_handler)
        _handler.close()
        _handler = None


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def record(error: BaseException | ExcInfo, data_dir: Path, context: str = "内部错误") -> Path:
    """Log an unexpected error with its traceback; returns the log's path for the message."""
    path = start(data_dir)
    info = error if isinstance(error, tuple) else (type(error), error, error.__traceback__)
    trace = getattr(info[1], "trace", None)  # formatted on the worker thread that raised it
    logger().error("%s%s", context, f"\n{trace}" if trace else "", exc_info=None if trace else info)
    if _handler is not None:
        _handler.flush()
    return path


def internal_error_text(path: Path) -> tuple[str, str]:
    """The sentence both faces show: Chinese, English."""
    return f"内部错误，详情已记录到 {path}", f"internal error; details were written to {path}"
