"""The trainer's class view of practice: coloured items, weakest first, who is behind, the station
switch, and the XLSX and PDF exports, driven through the console."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import test_trainer_support
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog
from test_trainer_support import click, open_page, wait_idle

from baiwen_desktop.core.practice import Mode
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import practice, roster
from baiwen_desktop.ui.trainer.practice_page import BAND_STYLE, PracticePage

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env


def _history(store: Any) -> None:
    roster.import_rows(store, [RosterRow(f"K{i}", n, "城区供电所", "", "营销一班") for i, n in enumerate(("甲一", "乙二", "丙三"))], "t")
    ids = {c.employee_no: c.id for c in roster.list_candidates(store)}
    qs = {q.id: q for q in practice.bank_questions(store)}
    now = datetime.now() - timedelta(hours=1)
    for _ in range(4):  # 问14: everyone gets it wrong
        practice.record_answer(store, ids["K0"], qs["w14-01"], Mode.RANDOM, None, False, 5000, now=now)
        practice.record_answer(store, ids["K1"], qs["w14-01"], Mode.RANDOM, None, False, 5000, now=now)
    for _ in range(10):  # 问1: always right
        practice.record_answer(store, ids["K0"], qs["w01-01"], Mode.RANDOM, None, True, 5000, now=now)
        practice.record_answer(store, ids["K1"], qs["w01-01"], Mode.RANDOM, None, True, 5000, now=now)
    practice.record_answer(store, ids["K1"], qs["c03-01"], Mode.RANDOM, None, True, 5000, now=now)


def test_class_view_switch_and_exports(qtbot: Any, store: Any, tmp_path: Path, console_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _history(store)
    console = console_env()
    page: PracticePage = open_page(qtbot, console, "practice")
    qtbot.waitUntil(lambda: page.view is not None and not page.busy)
    assert page.cells["问14"].text() == "问14\n0%" and BAND_STYLE["low"] in page.cells["问14"].styleSheet()
    assert page.cells["问1"].text() == "问1\n100%" and BAND_STYLE["good"] in page.cells["问1"].styleSheet()
    assert BAND_STYLE["none"] in page.cells["查50"].styleSheet()
    weakest = [r[0] for r in page.weak.rows()]
    assert weakest[0] == "问14" and set(weakest) == {"问14", "问1", "查3"}
    assert [t.employee_no for t in page.behind.rows()] == ["K2"]  # never practised
    assert "学员 3 人，2 人练习过；共答题 29 次，正确率 72%；需要关注 1 人" in page.summary.text()

    # the trainer turns practice off for one station, then on again
    page.station.setEditText("第二考场")
    click(qtbot, page.off_button)
    wait_idle(qtbot, page)
    qtbot.waitUntil(lambda: not practice.practice_enabled(store, "第二考场"))
    qtbot.waitUntil(lambda: "已关闭" in page.switch_state.text())
    click(qtbot, page.on_button)
    qtbot.waitUntil(lambda: practice.practice_enabled(store, "第二考场"))

    xlsx = tmp_path / "学习情况.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(xlsx), "")))
    click(qtbot, page.xlsx_button)
    wait_idle(qtbot, page)
    assert xlsx.exists() and "已导出" in page.notice.text()
    wb = load_workbook(xlsx, read_only=True)
    items = list(wb["条目"].iter_rows(values_only=True))
    people = list(wb["学员"].iter_rows(values_only=True))
    wb.close()
    assert items[0][:5] == ("条目", "部分", "答题次数", "答对", "正确率")
    assert items[1][:5] == ("问14", "问", 8, 0, 0) and len(items) == 100
    assert [p[0] for p in people[1:]] == ["K0", "K1", "K2"] and people[3][-1] == "是"

    pdf = tmp_path / "学习情况报告.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(pdf), "")))
    click(qtbot, page.pdf_button)
    qtbot.waitUntil(lambda: pdf.exists() and not page.busy, timeout=30_000)
    reader = PdfReader(pdf)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "学习情况报告" in text.replace(" ", "") and "丙三" in text and "问14" in text
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in (p["/Resources"].get("/Font") or {}).values()}  # type: ignore[union-attr]
    assert fonts and all("NotoSansSC" in f for f in fonts)
