"""Real database faults for the tests: read-only (as another user when we are root), locks, corruption."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

from sqlalchemy import text

from baiwen_desktop.services.context import open_app

NOBODY = 65534
ROOT = Path(__file__).resolve().parents[1]


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A temp folder another user can reach (pytest's tmp_path is private to root)."""
    d = Path(tempfile.mkdtemp(prefix="baiwen-fault-"))
    d.chmod(0o755)
    try:
        yield d
    finally:
        for p in (d, *d.rglob("*")):
            if not p.is_symlink():
                p.chmod(0o700 if p.is_dir() else 0o600)
        shutil.rmtree(d, ignore_errors=True)


def give_away(path: Path) -> None:
    """Root bypasses file permissions, so the faulty folder belongs to `nobody`, who then tries it."""
    if is_root():
        for p in (path, *path.rglob("*")):
            os.chown(p, NOBODY, NOBODY)


@contextmanager
def as_nobody() -> Iterator[None]:
    """Root switches its effective user so that read-only really means read-only; others are already."""
    if not is_root():
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def make_station(folder: Path) -> Path:
    """A real station database in `folder`; returns the file."""
    open_app(folder).dispose()
    return folder / "baiwen.sqlite3"


def corrupt_pages(db: Path) -> None:
    """Overwrite pages in the middle of the file (not the header): a bad sector, a torn copy."""
    size = db.stat().st_size
    with db.open("r+b") as f:
        for page in range(3, size // 4096, 7):
            f.seek(page * 4096 + 100)
            f.write(b"\xa5" * 2000)


def stamp_future(db: Path) -> None:
    from baiwen_desktop.store.engine import make_engine

    engine = make_engine(f"sqlite:///{db}")
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()


@contextmanager
def locked_by_another_process(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holds the write lock (BEGIN IMMEDIATE) until we are done."""
    code = textwrap.dedent(f"""
        import sqlite3, sys, time
        c = sqlite3.connect({str(db)!r}, isolation_level=None)
        c.execute("BEGIN IMMEDIATE")
        c.execute("INSERT INTO setting (key, value) VALUES ('held', 'by another process')")
        print("locked", flush=True)
        sys.stdin.read()
    """)
    p = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None and p.stdout.readline().strip() == "locked"
    try:
        yield p
    finally:
        p.kill()
        p.wait()


def cli(data_dir: Path, *args: str, unprivileged: bool = False) -> subprocess.CompletedProcess[str]:
    """`baiwen ARGS --data-dir DATA` in a fresh process; as `nobody` (in this process: root's Python
    lives under /root, which `nobody` cannot enter) when the fault is a permission."""
    argv = [*args, "--data-dir", str(data_dir)]
    if unprivileged:
        import baiwen_desktop.cli.commands  # noqa: F401  (imported while the stdlib is still readable)
        from baiwen_desktop.cli.main import main

        out, err = io.StringIO(), io.StringIO()
        with as_nobody(), redirect_stdout(out), redirect_stderr(err):
            code = main(argv)
        return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "baiwen_desktop.cli.main", *argv], capture_output=True, text=True, timeout=120, env=env
    )
