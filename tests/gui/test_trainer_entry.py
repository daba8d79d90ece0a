"""First run, trainer login, lockout and 「退出管理」, through the real widgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import test_trainer_support
from station_driver import close_window, isolate_prefs, type_text
from test_trainer_support import ADMIN, PASSWORD, click, new_window

from baiwen_desktop.services import accounts, audit, certs, settings
from baiwen_desktop.ui.station.home import HomePage
from baiwen_desktop.ui.trainer.console import ConsolePage
from baiwen_desktop.ui.trainer.first_run import FirstRunPage
from baiwen_desktop.ui.trainer.login import LoginPage

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env  # the shared fixture


@pytest.fixture
def window(qtbot: Any, store: Any, tmp_path: Path) -> Any:
    isolate_prefs(tmp_path / "qsettings")
    w = new_window(store)
    yield w
    close_window(w)


def test_first_run_creates_the_admin_and_the_station_settings(qtbot: Any, store: Any, window: Any) -> None:
    assert not accounts.has_admin(store)
    window.open_admin()
    qtbot.waitUntil(lambda: isinstance(window.current_page(), FirstRunPage), timeout=5000)
    page: FirstRunPage = window.current_page()
    assert page.password.text() == ""  # no default password

    page.username.clear()
    qtbot.keyClicks(page.username, "zhang")
    qtbot.keyClicks(page.password, "secret1")
    qtbot.keyClicks(page.password2, "secret2")
    type_text(page.organisation, "国网某县供电公司")
    type_text(page.station, "第二考场")
    page.cert_title.clear()
    type_text(page.cert_title, "百问百查合格证")
    page.pass_mark.setValue(72)
    type_text(page.issuer_code, "jn01")
    qtbot.keyClicks(page.sign_pass, "sign-pass-1")
    qtbot.keyClicks(page.sign_pass2, "sign-pass-1")
    click(qtbot, page.save_button)
    assert "两次输入的密码不一致" in page.notice.text()
    assert not accounts.has_admin(store)

    page.password2.clear()
    qtbot.keyClicks(page.password2, "secret1")
    click(qtbot, page.save_button)
    qtbot.waitUntil(lambda: isinstance(window.current_page(), ConsolePage), timeout=10_000)

    assert accounts.authenticate(store, "zhang", "secret1").is_admin
    cfg = settings.get_all(store)
    assert (cfg["organisation"], cfg["station"], cfg["certificate_title"]) == ("国网某县供电公司", "第二考场", "百问百查合格证")
    assert float(cfg["default_pass_mark"]) == 72
    assert cfg["setup_done"] == "1"
    # the 考点 is shared by the room (database); this PC's own name stays in its data folder
    assert window.station == "培训中心第一考场"
    # the issuer lives in the database, sealed under the 签发口令; nothing in the data folder
    assert cfg["issuer_code"] == "JN01" and certs.has_issuer(store)
    assert certs.unlock(store, "sign-pass-1", "zhang").kid
    assert not (store.data_dir / "keys").exists()


def test_short_password_is_refused_on_first_run(qtbot: Any, store: Any, window: Any) -> None:
    window.open_admin()
    qtbot.waitUntil(lambda: isinstance(window.current_page(), FirstRunPage), timeout=5000)
    page: FirstRunPage = window.current_page()
    qtbot.keyClicks(page.password, "abc")
    qtbot.keyClicks(page.password2, "abc")
    type_text(page.organisation, "单位")
    type_text(page.station, "考点")
    click(qtbot, page.save_button)
    assert "至少 6 位" in page.notice.text()
    assert not accounts.has_admin(store)


def _login_page(qtbot: Any, store: Any, window: Any) -> LoginPage:
    accounts.create_trainer(store, ADMIN, PASSWORD, is_admin=True)
    window.open_admin()
    qtbot.waitUntil(lambda: isinstance(window.current_page(), LoginPage), timeout=5000)
    return window.current_page()


def _try(qtbot: Any, page: LoginPage, password: str) -> str:
    page.username.clear()
    qtbot.keyClicks(page.username, ADMIN)
    qtbot.keyClicks(page.password, password)
    click(qtbot, page.login_button)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    return page.notice.text()


def test_wrong_passwords_are_counted_and_then_the_account_locks(qtbot: Any, store: Any, window: Any) -> None:
    page = _login_page(qtbot, store, window)
    assert _try(qtbot, page, "nope") == "用户名或密码错误（连续 5 次错误将锁定 60 秒）"
    for _ in range(3):
        _try(qtbot, page, "nope")
    assert "已锁定" not in page.notice.text()
    assert "已锁定" in _try(qtbot, page, "nope")
    assert page.password.text() == ""  # cleared after each failure
    # even the right password is refused while locked, with the service's message
    message = _try(qtbot, page, PASSWORD)
    assert "已锁定" in message and "秒后再试" in message
    assert isinstance(window.current_page(), LoginPage)
    assert [e.event for e in audit.query(store, event="lockout")] == ["lockout"]
    assert len(audit.query(store, event="login_failed")) == 6  # the try while locked is recorded too


def test_login_then_leave_the_console_for_the_station_home(qtbot: Any, store: Any, window: Any) -> None:
    page = _login_page(qtbot, store, window)
    qtbot.keyClicks(page.username, ADMIN)
    qtbot.keyClicks(page.password, PASSWORD)
    click(qtbot, page.login_button)
    qtbot.waitUntil(lambda: isinstance(window.current_page(), ConsolePage), timeout=5000)
    console: ConsolePage = window.current_page()
    assert [m.label for m in console.modules] == ["题库", "考生", "考试", "考场", "阅卷", "成绩", "练习", "数据交换", "日志", "证书核验", "设置"]
    click(qtbot, console.logout_button)
    qtbot.waitUntil(lambda: isinstance(window.current_page(), HomePage), timeout=5000)
