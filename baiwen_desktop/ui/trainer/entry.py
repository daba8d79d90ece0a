"""「管理」 from the station home: first-run setup when there is no admin yet, else the login."""

from __future__ import annotations

from typing import Any

from baiwen_desktop.services import accounts
from baiwen_desktop.services.accounts import TrainerInfo
from baiwen_desktop.ui.trainer.common import run_guarded


def open_admin(window: Any) -> None:
    """Ask the database (off the UI thread) whether an admin exists, then show the right page."""

    def show(has_admin: bool) -> None:
        if has_admin:
            from baiwen_desktop.ui.trainer.login import LoginPage

            window.show_page(LoginPage(window))
        else:
            from baiwen_desktop.ui.trainer.first_run import FirstRunPage

            window.show_page(FirstRunPage(window))

    run_guarded(window, accounts.has_admin, window.store, on_done=show, on_error=lambda e: _fail(window, e))


def _fail(window: Any, e: BaseException) -> None:
    from baiwen_desktop.ui.operations import show_error

    show_error(window, e)


def open_console(window: Any, trainer: TrainerInfo) -> None:
    from baiwen_desktop.ui.trainer.console import ConsolePage

    window.show_page(ConsolePage(window, trainer))
