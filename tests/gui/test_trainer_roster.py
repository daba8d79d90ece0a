"""考生: a roster file with errors is previewed (row + column) and nothing is imported; a good one is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import test_trainer_support
from openpyxl import Workbook
from PySide6.QtWidgets import QFileDialog
from station_driver import type_text
from test_trainer_support import click, open_page, type_into_input_dialog, wait_idle

from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import audit, roster
from baiwen_desktop.ui.trainer.roster_page import RosterPage

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env  # the shared fixture
HEADER = ["工号", "姓名", "单位", "岗位/班组", "班级/批次"]


def write_roster(path: Path, rows: list[list[str]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_roster_import_previews_errors_then_imports_a_clean_file(
    qtbot: Any, store: Any, tmp_path: Path, console_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page: RosterPage = open_page(qtbot, console_env(), "roster")
    bad = write_roster(
        tmp_path / "名单.xlsx",
        [
            ["T001", "张伟", "城区供电所", "营业班", "2025第一期"],
            ["T002", "", "城郊供电所", "抄表班", "2025第一期"],
            ["T001", "李娜", "东山供电所", "营业班", "2025第一期"],
        ],
    )
    choose_file(monkeypatch, bad)
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: page.import_dialog is not None and page.import_dialog.isVisible(), timeout=5000)
    dialog = page.import_dialog
    wait_idle(qtbot, dialog)

    issues = [(i.line, i.field) for i in dialog.issue_table.rows()]
    assert (3, "姓名") in issues and (4, "工号") in issues
    assert dialog.issue_table.isVisible() and not dialog.item_table.isVisible()
    assert "未导入任何数据" in dialog.status.text()
    assert not dialog.import_button.isEnabled()
    assert roster.list_candidates(store) == []

    # the officer fixes the file in Excel, saves it, and reads it again
    write_roster(
        bad,
        [
            ["T001", "张伟", "城区供电所", "营业班", "2025第一期"],
            ["T002", "王芳", "城郊供电所", "抄表班", ""],
            ["T003", "李娜", "东山供电所", "营业班", "2025第一期"],
        ],
    )
    click(qtbot, dialog.reload_button)
    wait_idle(qtbot, dialog)
    assert dialog.issue_table.isHidden() and len(dialog.item_table.rows()) == 3
    assert dialog.import_button.isEnabled()
    type_text(dialog.default_class.lineEdit(), "2025第一期")  # T002 has no class in the file
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    wait_idle(qtbot, page)

    people = {c.employee_no: c for c in roster.list_candidates(store)}
    assert set(people) == {"T001", "T002", "T003"}
    assert people["T002"].class_name == "2025第一期"
    assert "新增 3 人" in page.notice.text()
    assert {c.employee_no for c in page.table.visible_rows()} == {"T001", "T002", "T003"}
    assert audit.query(store, event="roster_import")


def test_add_a_candidate_and_filter_by_class(qtbot: Any, store: Any, console_env: Any) -> None:
    page: RosterPage = open_page(qtbot, console_env(), "roster")
    click(qtbot, page.add_button)
    dialog = page.candidate_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.employee_no, "N100")
    type_text(dialog.name, "赵敏")
    type_text(dialog.class_name.lineEdit(), "补考班")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=5000)
    wait_idle(qtbot, page)
    qtbot.waitUntil(lambda: page.class_filter.findData("补考班") >= 0, timeout=5000)

    page.class_filter.setCurrentIndex(page.class_filter.findData("补考班"))
    assert [c.name for c in page.table.visible_rows()] == ["赵敏"]
    qtbot.keyClicks(page.table.filter_edit, "nobody")
    assert page.table.visible_rows() == []


def test_selected_candidates_go_into_a_class(qtbot: Any, store: Any, console_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    roster.import_rows(store, [RosterRow(f"G{i}", f"考生{i}", "营销部", "", "") for i in range(1, 5)], "t")
    page: RosterPage = open_page(qtbot, console_env(), "roster")
    assert page.class_filter.findData("") >= 0  # 未分班
    page.table.select_where(lambda c: c.employee_no in ("G1", "G3"))
    type_into_input_dialog(monkeypatch, "第二批")
    click(qtbot, page.class_button)
    wait_idle(qtbot, page)
    qtbot.waitUntil(lambda: page.class_filter.findData("第二批") >= 0, timeout=5000)
    assert {c.employee_no for c in roster.list_candidates(store, class_name="第二批")} == {"G1", "G3"}
    assert "2 名考生" in page.notice.text()
