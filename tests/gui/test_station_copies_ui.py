"""成绩 page of an HQ package's exam: it says 站点成绩，以总部为准, and 合格证书 is refused with the
reason before any 签发口令 is asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import test_trainer_support
from test_trainer_support import click, open_page, wait_idle

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.services import exams
from baiwen_desktop.services.demo import DEMO_TRAINER, run_demo

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env

HQ_PACKAGE = {"package_id": "0f1e2d3c-1111-4000-8000-000000000000", "organisation": "国网某县供电公司",
              "issuer_code": "JN01", "hq_exam_id": 9, "valid_until": None}


def test_results_page_of_an_hq_exam(qtbot: Any, store: Any, console_env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exam = exams.create_exam(store, parse_exam({**STANDARD_EXAM, "title": "站点考试", "extra": {"hq_package": HQ_PACKAGE}}, "t"), "t")
    run_demo(store, tmp_path / "demo", candidates=3, with_pdfs=False, exam_id=exam.id)
    page = open_page(qtbot, console_env(DEMO_TRAINER, "demo-password"), "results")
    qtbot.waitUntil(lambda: page.table.rows() != [], timeout=10_000)
    assert page.exam.currentData() == exam.id
    assert page.notice.text().startswith("站点成绩，以总部为准") and page.notice.isVisible()
    click(qtbot, page.documents.buttons["certificates"])
    qtbot.waitUntil(lambda: "合格证书由总部统一签发" in page.notice.text(), timeout=10_000)
    wait_idle(qtbot, page)
    assert getattr(page.documents, "unlock_dialog", None) is None and page.ctx.issuer is None

    # 导出 CSV: the suggested name says 站点成绩 too, and every row of the file carries the mark
    from PySide6.QtWidgets import QFileDialog

    suggested: list[str] = []
    out = tmp_path / "站点考试_站点成绩.csv"

    def save_name(*args: Any) -> tuple[str, str]:
        suggested.append(args[2])
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    page.export("csv")
    qtbot.waitUntil(lambda: out.is_file() and "已导出 3 名考生" in page.notice.text(), timeout=10_000)
    assert suggested == ["站点考试_站点成绩.csv"]
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].endswith(",成绩性质") and all(line.endswith(",站点成绩，以总部为准") for line in lines[1:]) and len(lines) >= 4
