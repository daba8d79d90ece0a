"""设置 shows 本机指纹: the fingerprint of this PC's station key, as `baiwen station show` prints it."""

from __future__ import annotations

import re
from typing import Any

import pytest
import test_trainer_support
from test_trainer_support import open_page

from baiwen_desktop.services import package_keys

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env


def test_settings_shows_this_pc_s_fingerprint(qtbot: Any, store: Any, console_env: Any) -> None:
    page = open_page(qtbot, console_env(), "settings")
    qtbot.waitUntil(lambda: page.station_fingerprint.text() != "", timeout=10_000)
    shown = page.station_fingerprint.text()
    assert re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){4}", shown)
    assert shown == package_keys.station_fingerprint(store.data_dir)  # the same key, not a new one each time
    assert page.station_fingerprint.isReadOnly() and page.station_fingerprint.isVisible()
