"""Where the data lives: --data-dir, BAIWEN_HOME, a portable data/ folder, the user data dir."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from baiwen_desktop import datadir


def test_explicit_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAIWEN_HOME", str(tmp_path / "env"))
    assert datadir.resolve_data_dir(tmp_path / "cli") == (tmp_path / "cli").resolve()


def test_env_then_portable_then_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "usb" / "baiwen"
    program.mkdir(parents=True)
    monkeypatch.setattr(sys, "argv", [str(program / "baiwen")])
    monkeypatch.setenv("BAIWEN_HOME", str(tmp_path / "env"))
    assert datadir.resolve_data_dir() == (tmp_path / "env").resolve()
    monkeypatch.delenv("BAIWEN_HOME")
    default = datadir.resolve_data_dir()
    assert "baiwen" in str(default) and not str(default).startswith(str(program))
    (program / "data").mkdir()  # portable mode: a USB stick at a supply station
    assert datadir.resolve_data_dir() == program / "data"


def test_db_url_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAIWEN_DB_URL", "postgresql+psycopg://h/db")
    assert datadir.resolve_db_url() == "postgresql+psycopg://h/db"
    assert datadir.resolve_db_url("sqlite:///x") == "sqlite:///x"
