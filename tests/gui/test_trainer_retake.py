"""准予补考 from 成绩: select a candidate, the dialog names them and their attempts, a reason is
required, and the grant lets them start once more; the table marks 首考/补考 and 计入成绩."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import test_trainer_support
from PySide6.QtWidgets import QLabel
from test_trainer_support import click, open_page, type_text, wait_idle

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.services import attempts, retakes, sessions
from baiwen_desktop.services.demo import DEMO_TRAINER, run_demo
from baiwen_desktop.ui.trainer.retake_dialog import RetakeDialog

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env


def test_grant_a_retake_from_the_results_page(qtbot: Any, store: Any, console_env: Any, tmp_path: Path) -> None:
    demo = run_demo(store, tmp_path / "demo", candidates=4, seed=3, with_pdfs=False)
    page = open_page(qtbot, console_env(DEMO_TRAINER, "demo-password"), "results")
    rows = page.table.rows()
    assert [(r.attempt_label, r.counts) for r in rows] == [("首考", True)] * 4
    target = next(r for r in rows if not r.passed) if any(not r.passed for r in rows) else rows[0]
    assert not page.retake_button.isEnabled()
    assert page.table.select_where(lambda r: r.attempt_id == target.attempt_id)
    assert page.retake_button.isEnabled()
    click(qtbot, page.retake_button)
    qtbot.waitUntil(lambda: isinstance(getattr(page, "retake_dialog", None), RetakeDialog) and page.retake_dialog.isVisible(), timeout=10_000)
    dialog: RetakeDialog = page.retake_dialog
    shown = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert target.name in shown and target.employee_no in shown and "首考" in shown and "最高" in shown
    click(qtbot, dialog.ok_button)
    assert dialog.notice.text() == "请填写补考原因" and dialog.isVisible()
    type_text(dialog.reason, "首考不合格，培训后补考")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    wait_idle(qtbot, page)
    assert f"已准予 {target.name}（{target.employee_no}）补考一次" in page.notice.text()
    _, grant = retakes.history(store, demo.exam_id, target.employee_no)
    assert grant is not None and grant.reason == "首考不合格，培训后补考" and grant.granted_by == DEMO_TRAINER
    # the demo closed its session: the retake happens in a new one, which the grant now allows
    sess = sessions.open_session(store, demo.exam_id, DEMO_TRAINER, class_name=target.class_name)
    card = attempts.find_candidate(store, sess.id, target.employee_no, target.name)
    attempts.start_attempt(store, sess.id, card.id, "PC-2")
    with pytest.raises(BaiwenError):
        retakes.grant(store, demo.exam_id, target.employee_no, "again", DEMO_TRAINER)  # sitting now
