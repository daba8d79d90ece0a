from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

from baiwen_desktop.core.errors import BaiwenError, ValidationError
from baiwen_desktop.services import accounts, audit, roster
from baiwen_desktop.store.engine import Store


def test_first_admin_has_no_default_password(store: Store) -> None:
    assert not accounts.has_admin(store)
    with pytest.raises(BaiwenError):
        accounts.create_trainer(store, "admin", "123", is_admin=True)  # too short
    accounts.create_trainer(store, "admin", "s3cret-pw", is_admin=True)
    assert accounts.has_admin(store)
    assert accounts.authenticate(store, "admin", "s3cret-pw").is_admin


def test_password_is_hashed_with_scrypt(store: Store) -> None:
    accounts.create_trainer(store, "t", "password1")
    with store.session() as s:
        from baiwen_desktop.store.models import Trainer

        stored = s.query(Trainer).one().password_hash
    assert stored.startswith("scrypt$") and "password1" not in stored


def test_five_wrong_passwords_lock_for_60_seconds(store: Store) -> None:
    accounts.create_trainer(store, "t", "password1")
    now = datetime(2026, 11, 27, 9, 0)
    for _ in range(4):
        with pytest.raises(BaiwenError, match="错误"):
            accounts.authenticate(store, "t", "nope", now=now)
    with pytest.raises(BaiwenError, match="锁定"):
        accounts.authenticate(store, "t", "nope", now=now)
    with pytest.raises(BaiwenError, match="锁定"):  # even the right password
        accounts.authenticate(store, "t", "password1", now=now + timedelta(seconds=30))
    assert accounts.authenticate(store, "t", "password1", now=now + timedelta(seconds=61))
    assert [r.event for r in audit.query(store, event="lockout")] == ["lockout"]


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


HEADER = ["工号", "姓名", "单位", "岗位/班组", "班级"]
ROWS = [["1001", "张三", "城区供电所", "抄表班", "2026春季班"], ["1002", "李四", "城郊供电所", "营业厅", "2026春季班"]]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_import_in_each_encoding(store: Store, tmp_path: Path, encoding: str) -> None:
    f = write_csv(tmp_path / "名单.csv", [HEADER, *ROWS], encoding)
    r = roster.import_roster(store, f, "t")
    assert (r.added, r.updated) == (2, 0)
    people = roster.list_candidates(store)
    assert [(p.employee_no, p.name, p.unit, p.post, p.class_name) for p in people] == [tuple(x) for x in ROWS]


def test_xlsx_import_and_reimport_changes_nothing(store: Store, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append([1001, "张三", "城区供电所", "抄表班", "2026春季班"])  # a number cell, as Excel stores it
    ws.append(ROWS[1])
    f = tmp_path / "名单.xlsx"
    wb.save(f)
    assert roster.import_roster(store, f, "t").added == 2
    again = roster.import_roster(store, f, "t")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert roster.list_candidates(store)[0].employee_no == "1001"


def test_file_with_errors_imports_nothing_and_names_rows(store: Store, tmp_path: Path) -> None:
    rows = [HEADER, ROWS[0], ["", "王五", "", "", ""], ["1003", "", "", "", ""], ["1001", "重复", "", "", ""]]
    f = write_csv(tmp_path / "bad.csv", rows, "utf-8")
    with pytest.raises(ValidationError) as err:
        roster.import_roster(store, f, "t")
    got = [(i.line, i.field) for i in err.value.issues]
    assert got == [(3, "工号"), (4, "姓名"), (5, "工号")]
    assert roster.list_candidates(store) == []


def test_missing_column(store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "x.csv", [["工号", "单位"], ["1", "a"]], "utf-8")
    with pytest.raises(ValidationError, match="姓名"):
        roster.import_roster(store, f, "t")


def test_login_match_normalises_both_sides(store: Store) -> None:
    from baiwen_desktop.files.roster_file import RosterRow

    roster.import_rows(store, [RosterRow("Ｄ0012", "阿卜杜·热合曼", "城区供电所", "", "一班"), RosterRow("D0013", "张三", "", "", "二班")], "t")
    found = roster.find_by_login(store, "d００12", "阿卜杜.热合曼")
    assert found is not None and (found.employee_no, found.name) == ("Ｄ0012", "阿卜杜·热合曼")
    assert roster.find_by_login(store, " D0013", "张 三") is not None
    assert roster.find_by_login(store, "D0013", "张三", class_name="一班") is None  # another class
    assert roster.find_by_login(store, "D0013", "张四") is None
    assert roster.find_by_login(store, "", "张三") is None


def test_login_match_prefers_the_exact_entry_when_two_fold_together(store: Store) -> None:
    from baiwen_desktop.files.roster_file import RosterRow

    roster.import_rows(store, [RosterRow("d0012", "李四", "", "", ""), RosterRow("D0012", "李四", "", "", "")], "t")
    assert roster.find_by_login(store, "D0012", "李四").employee_no == "D0012"  # type: ignore[union-attr]
    assert roster.find_by_login(store, "Ｄ0012", "李四") is None  # ambiguous: refused, never a guess
