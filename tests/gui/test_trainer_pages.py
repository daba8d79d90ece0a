"""Every console page opens on realistic data without an error; 日志 filters; 设置 changes the
password and adds and removes an account."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import test_trainer_support
from PySide6.QtWidgets import QDialogButtonBox
from test_trainer_support import answer_yes, click, open_page, wait_idle

from baiwen_desktop.services import accounts, settings
from baiwen_desktop.services.demo import DEMO_TRAINER, run_demo
from baiwen_desktop.ui.trainer.audit_page import AuditPage
from baiwen_desktop.ui.trainer.settings_page import SettingsPage

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env  # the shared fixture
DEMO_PASSWORD = "demo-password"


@pytest.fixture
def demo(store: Any, tmp_path: Path) -> Any:
    return run_demo(store, tmp_path / "demo", candidates=6, seed=3, with_pdfs=False)


def test_every_page_opens_on_demo_data(qtbot: Any, store: Any, demo: Any, console_env: Any) -> None:
    console = console_env(DEMO_TRAINER, DEMO_PASSWORD)
    for module in console.modules:
        page = open_page(qtbot, console, module.key)
        assert page.notice.kind != "error", f"{module.label}: {page.notice.text()}"
    results = console.page("results")
    assert len(results.table.rows()) == 6
    assert console.page("exams").table.rows()[0].id == demo.exam_id


def test_audit_filters_by_event_and_candidate(qtbot: Any, store: Any, demo: Any, console_env: Any) -> None:
    page: AuditPage = open_page(qtbot, console_env(DEMO_TRAINER, DEMO_PASSWORD), "audit")
    assert {r.event for r in page.table.rows()} >= {"login", "submit", "session_open"}
    page.event.setCurrentIndex(page.event.findData("submit"))
    qtbot.waitUntil(lambda: {r.event for r in page.table.rows()} == {"submit"}, timeout=5000)
    assert len(page.table.rows()) == 6
    qtbot.keyClicks(page.candidate, "D00001")
    qtbot.waitUntil(lambda: len(page.table.rows()) == 1, timeout=5000)
    assert page.table.rows()[0].candidate.startswith("D00001")


def test_settings_password_and_accounts(qtbot: Any, store: Any, console_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    page: SettingsPage = open_page(qtbot, console_env(), "settings")
    assert page.organisation.text() == "国网测试县供电公司"
    assert str(store.data_dir) in [w.text() for w in page.findChildren(type(page.organisation))]

    page.cert_prefix.clear()
    qtbot.keyClicks(page.cert_prefix, "XZ")
    click(qtbot, page.save_button)
    wait_idle(qtbot, page)
    assert settings.get(store, "certificate_prefix") == "XZ"

    qtbot.keyClicks(page.old_password, "correct-horse")
    qtbot.keyClicks(page.new_password, "new-secret")
    qtbot.keyClicks(page.new_password2, "new-secret")
    click(qtbot, page.password_button)
    wait_idle(qtbot, page)
    assert page.notice.kind == "info", page.notice.text()
    assert accounts.authenticate(store, "trainer", "new-secret")

    click(qtbot, page.add_button)
    dialog = page.add_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.username, "li")
    qtbot.keyClicks(dialog.password, "abcdef")
    qtbot.keyClicks(dialog.password2, "abcdef")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: any(t.username == "li" for t in page.trainers.rows()), timeout=5000)

    answer_yes(monkeypatch)
    page.trainers.select_where(lambda t: t.username == "li")
    click(qtbot, page.remove_button)
    qtbot.waitUntil(lambda: [t.username for t in page.trainers.rows()] == ["trainer"], timeout=5000)
    assert [t.username for t in accounts.list_trainers(store)] == ["trainer"]


def test_results_pdf_buttons_write_and_preview(
    qtbot: Any, store: Any, demo: Any, console_env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    from baiwen_desktop.ui.pdf_preview import PdfPreviewDialog

    console = console_env(DEMO_TRAINER, DEMO_PASSWORD)
    page = open_page(qtbot, console, "results")
    wait_idle(qtbot, page)
    target = tmp_path / "汇总.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    click(qtbot, page.documents.buttons["summary"])
    qtbot.waitUntil(lambda: isinstance(getattr(page.documents, "preview", None), PdfPreviewDialog), timeout=20_000)
    assert target.exists() and page.documents.preview.document.pageCount() == len(PdfReader(target).pages)
    page.documents.preview.close()
    folder = tmp_path / "certs"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    page.documents.per_candidate.setChecked(True)
    click(qtbot, page.documents.buttons["certificates"])
    # no issuer yet in this database: the trainer sets the issuer code and the 签发口令 first
    qtbot.waitUntil(lambda: getattr(page.documents, "unlock_dialog", None) is not None and page.documents.unlock_dialog.isVisible(), timeout=10_000)
    dialog = page.documents.unlock_dialog
    assert dialog.setting_up
    qtbot.keyClicks(dialog.issuer_code, "jn01")
    qtbot.keyClicks(dialog.passphrase, "sign-pass-1")
    qtbot.keyClicks(dialog.passphrase2, "sign-pass-2")
    click(qtbot, dialog.ok_button)
    assert "两次输入的签发口令不一致" in dialog.notice.text() and page.ctx.issuer is None
    dialog.passphrase2.clear()
    qtbot.keyClicks(dialog.passphrase2, "sign-pass-1")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: page.ctx.issuer is not None, timeout=20_000)
    qtbot.waitUntil(lambda: len(list(folder.rglob("*.pdf"))) > 0, timeout=20_000)
    wait_idle(qtbot, page, 20_000)
    passed = [r for r in page.table.rows() if r.passed]
    assert len(list(folder.rglob("*.pdf"))) == len(passed) > 0
    with store.session() as s:
        from sqlalchemy import select

        from baiwen_desktop.store.models import Certificate

        numbers = sorted(s.scalars(select(Certificate.number)))
    assert numbers and all(n.startswith("BWBC-JN01-") for n in numbers)
