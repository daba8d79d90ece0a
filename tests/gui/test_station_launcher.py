"""The bundled executable's launcher sends CLI commands to the CLI and the rest to the GUI."""

from __future__ import annotations

import pytest

from baiwen_desktop import launcher

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("argv", "cli"),
    [
        ([], False),
        (["--windowed"], False),
        (["--data-dir", "/tmp/x"], False),
        (["-platform", "offscreen"], False),  # Qt's own option value is not a command
        (["--version"], True),
        (["--help"], True),
        (["demo", "--out", "/tmp/d"], True),
        (["--data-dir", "/tmp/x", "bank", "list"], True),
        (["--data-dir", "bank"], False),  # a folder called "bank"
    ],
)
def test_dispatch(argv: list[str], cli: bool) -> None:
    assert launcher.wants_cli(argv) is cli


def test_every_cli_command_is_recognised() -> None:
    assert {"bank", "roster", "exam", "results", "demo"} <= launcher.cli_commands()


def test_main_calls_the_right_face(monkeypatch: pytest.MonkeyPatch) -> None:
    from baiwen_desktop.cli import main as cli_module
    from baiwen_desktop.ui import app as gui_module

    calls: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(cli_module, "main", lambda a: calls.append(("cli", a)) or 0)
    monkeypatch.setattr(gui_module, "main", lambda a: calls.append(("gui", a)) or 0)
    assert launcher.main(["bank", "list"]) == 0
    assert launcher.main(["--windowed"]) == 0
    assert calls == [("cli", ["bank", "list"]), ("gui", ["--windowed"])]
