"""Issue 10 item 10, the CLI's side: a bug exits 3 and names the log; a closed pipe ends quietly;
`demo --out` given a file says so."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from baiwen_desktop import errorlog
from baiwen_desktop.cli import commands
from baiwen_desktop.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_log() -> None:
    errorlog.stop()
    yield
    errorlog.stop()


def test_a_bug_exits_3_with_the_log_path_and_the_traceback_is_logged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_args: object) -> int:
        raise ZeroDivisionError("division by zero in bank_list")

    monkeypatch.setattr(commands, "bank_list", broken)
    data = tmp_path / "data"
    assert main(["bank", "list", "--data-dir", str(data)]) == 3
    err = capsys.readouterr().err
    log = data / "logs" / "baiwen.log"
    assert err.splitlines() == [f"内部错误，详情已记录到 {log}", f"internal error; details were written to {log}"]
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: division by zero in bank_list" in text and "baiwen bank list" in text
    if os.name == "posix":
        assert stat.S_IMODE(log.stat().st_mode) == 0o600
        assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`baiwen … | head`: the reader is gone before we write a byte."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    p = subprocess.Popen(
        [sys.executable, "-m", "baiwen_desktop.cli.main", "bank", "stats", "--coverage", "--data-dir", str(tmp_path / "d")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 0
    assert err == ""


def test_demo_out_a_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "report.pdf"
    f.write_bytes(b"%PDF-")
    assert main(["demo", "--out", str(f), "--candidates", "2", "--data-dir", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert err == f"错误：--out 应是一个文件夹，但 {f} 是一个文件；请换一个文件夹名 / error: --out must be a folder, but {f} is a file; choose another folder name\n"
    assert main(["demo", "--out", str(f / "inside"), "--candidates", "2", "--data-dir", str(tmp_path / "d")]) == 1
    assert f"但 {f} 是一个文件" in capsys.readouterr().err
    assert f.read_bytes() == b"%PDF-"
