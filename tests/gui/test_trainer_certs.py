"""证书核验 page: a genuine certificate says 有效; 作废证书… revokes it (audited) and the same QR
then says 已作废."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import test_trainer_support
from test_trainer_support import answer_yes, click, open_page, wait_idle

from baiwen_desktop.services import audit, documents, results
from baiwen_desktop.services.demo import DEMO_TRAINER, demo_issuer, run_demo
from baiwen_desktop.ui.trainer import cert_page

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env


def test_revoke_from_the_certificate_page(qtbot: Any, store: Any, console_env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    demo = run_demo(store, tmp_path / "demo", candidates=4, seed=3, with_pdfs=False)
    cert = documents.issue_certificates(store, results.results(store, demo.exam_id), demo_issuer(store))[0]
    page = open_page(qtbot, console_env(DEMO_TRAINER, "demo-password"), "certificates")
    page.checker.code.setPlainText(cert.qr_payload)
    click(qtbot, page.checker.check_button)
    qtbot.waitUntil(lambda: "有效" in page.checker.result.text(), timeout=5000)
    asked: list[tuple[str, str]] = []
    answers = iter([cert.number, "证书信息有误"])

    def fake_ask(_parent: Any, _title: str, label: str, text: str = "", items: Any = None) -> str:
        asked.append((label, text))
        return next(answers)

    monkeypatch.setattr(cert_page, "ask_text", fake_ask)
    questions = answer_yes(monkeypatch)
    click(qtbot, page.revoke_button)
    wait_idle(qtbot, page)
    assert asked[0][1] == cert.number  # the number just checked is offered
    assert questions and cert.number in questions[0]
    assert page.notice.text() == f"证书 {cert.number} 已作废"
    click(qtbot, page.checker.check_button)
    qtbot.waitUntil(lambda: "已作废" in page.checker.result.text(), timeout=5000)
    assert "证书信息有误" in page.checker.result.text()
    (event,) = audit.query(store, event="cert_revoke")
    assert (event.actor, event.event_label, event.detail) == (DEMO_TRAINER, "作废证书", f"作废 {cert.number}：证书信息有误")
