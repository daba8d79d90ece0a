"""One executable, two faces: `baiwen bank list` runs the CLI, plain `baiwen` opens the station.

The PyInstaller bundle's entry point. A first word that is a CLI command (or --version,
--help) goes to `baiwen_desktop.cli.main`; anything else, including Qt's own options such
as `-platform offscreen`, starts the GUI.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections.abc import Sequence

CLI_FLAGS = ("--version", "-h", "--help")
_TAKES_VALUE = ("--data-dir", "--db-url")


def cli_commands() -> set[str]:
    """The CLI's top-level commands, read from its parser so new commands need no edit here."""
    from baiwen_desktop.cli.main import build_parser

    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def first_word(argv: Sequence[str]) -> str | None:
    """The first argument that is neither an option nor an option's value."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in _TAKES_VALUE:
            skip = True
            continue
        if not arg.startswith("-"):
            return arg
    return None


def wants_cli(argv: Sequence[str]) -> bool:
    if any(a in CLI_FLAGS for a in argv):
        return True
    word = first_word(argv)
    return word is not None and word in cli_commands()


def hide_own_console() -> None:
    """Windows: started by double-click, the console window belongs to us alone; hide it.
    Started from a terminal, the console is shared and stays."""
    if sys.platform != "win32" or not getattr(sys, "frozen", False):
        return
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    processes = (ctypes.c_uint * 2)()
    if kernel32.GetConsoleProcessList(processes, 2) == 1:
        ctypes.windll.user32.ShowWindow(kernel32.GetConsoleWindow(), 0)  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    # A merge of several result packages prepares the next in a worker process (services.merge_pipeline): in the
    # bundle that process is this executable again, started with multiprocessing's own arguments, and stops here.
    multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_cli(args):
        from baiwen_desktop.cli.main import main as cli_main

        return cli_main(args)
    hide_own_console()
    from baiwen_desktop.ui.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
