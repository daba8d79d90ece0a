"""每人一个文件 from the console with a hostile exam title and names: every PDF lands in the chosen folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import test_trainer_support
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import update
from test_trainer_support import click, open_page, wait_idle

from baiwen_desktop.core.filenames import safe_filename
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import roster
from baiwen_desktop.services.demo import DEMO_TRAINER, run_demo
from baiwen_desktop.store.models import Exam

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env  # the shared fixture

TITLE = "../../逃逸"
NAMES = ["../../../x", "CON", "张\u202e三fdp.exe", "/tmp/绝对", "名字. . ."]


def test_per_candidate_pdfs_stay_in_the_chosen_folder(
    qtbot: Any, store: Any, console_env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exam_id = run_demo(store, tmp_path / "demo", candidates=len(NAMES), seed=5, with_pdfs=False).exam_id
    people = sorted(roster.list_candidates(store), key=lambda p: p.employee_no)
    for p, name in zip(people, NAMES, strict=True):
        roster.save_candidate(store, RosterRow(p.employee_no, name, "", "", p.class_name), "t", p.id)
    with store.session() as s, s.begin():
        s.execute(update(Exam).where(Exam.id == exam_id).values(title=TITLE))

    console = console_env(DEMO_TRAINER, "demo-password")
    page = open_page(qtbot, console, "results")
    wait_idle(qtbot, page)
    folder = tmp_path / "一" / "二" / "选定"
    folder.mkdir(parents=True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    page.documents.per_candidate.setChecked(True)
    click(qtbot, page.documents.buttons["scoresheets"])
    wait_idle(qtbot, page, 30_000)
    assert page.notice.kind != "error", page.notice.text()

    pdfs = [p for p in tmp_path.rglob("*.pdf") if "demo" not in p.parts]
    assert len(pdfs) == len(NAMES)
    subfolder = folder / safe_filename(f"{TITLE}_成绩单")
    assert subfolder.name == "____逃逸_成绩单"
    assert all(p.parent == subfolder for p in pdfs), [str(p) for p in pdfs]
    assert not any("\u202e" in p.name or p.stem.upper() == "CON" for p in pdfs)
