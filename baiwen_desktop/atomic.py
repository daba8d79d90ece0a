"""Write a file all at once: a half-written export never replaces a good file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(out_path: Path) -> Iterator[Path]:
    """Yield a temp path beside `out_path`; on success it replaces `out_path` by a rename.

    A reader (or the viewer the trainer left open) never sees a half-written file, and a
    failure leaves the previous file untouched.
    """
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{out_path.stem[:40]}.", suffix=out_path.suffix or ".tmp", dir=out_path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; exports are for sharing
        os.replace(tmp, out_path)
    finally:
        tmp.unlink(missing_ok=True)
