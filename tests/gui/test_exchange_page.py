"""数据交换, driven through the real widgets: HQ exports an exam package (password shown once), a
station imports it (first time: the HQ fingerprint is confirmed), a class sits it, the station exports
its result package with the cover, HQ merges it and sees the report; refusals show inline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import test_trainer_support
from sqlalchemy import update
from station_driver import close_window
from test_trainer_support import answer_yes, click, login_console, new_window, open_page, wait_idle

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import (
    accounts,
    documents,
    exams,
    package_keys,
    packages,
    results,
    roster,
    settings,
)
from baiwen_desktop.services.context import open_app
from baiwen_desktop.services.demo import DEMO_PASSPHRASE, demo_issuer, run_demo
from baiwen_desktop.store.models import Exam
from baiwen_desktop.ui.pdf_preview import PdfPreviewDialog
from baiwen_desktop.ui.trainer.merge_report import MergeReportDialog
from baiwen_desktop.ui.trainer.readout import PasswordDialog, groups_of, spoken

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env

STATION_ADMIN, STATION_PASSWORD = "zhan", "station-pass"


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Any]:
    s = open_app(tmp_path / "station")
    accounts.create_trainer(s, STATION_ADMIN, STATION_PASSWORD, is_admin=True, display_name="站点负责人")
    settings.put(s, {"organisation": "国网某县供电公司", "station": "东山供电所", "setup_done": "1"}, STATION_ADMIN)
    yield s
    s.dispose()


def hq_ready(store: Any) -> int:
    """HQ: the standard exam, a class of 4 who have not sat it, and an issuer with the demo 签发口令."""
    exam = exams.create_exam(store, parse_exam(STANDARD_EXAM, "std"), "t")
    rows = [RosterRow(f"E{i}", name, "东山供电所", "", "东山班") for i, name in enumerate(["王伟", "李娜", "张敏", "刘洋"], start=1)]
    roster.import_rows(store, rows, "t")
    assert demo_issuer(store) is not None
    return exam.id


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def station_page(qtbot: Any, station: Any) -> tuple[Any, Any]:
    window = new_window(station)
    console = login_console(qtbot, window, STATION_ADMIN, STATION_PASSWORD)
    return window, open_page(qtbot, console, "exchange")


def wait_open(qtbot: Any, page: Any) -> Any:
    """The form a page button opened (after the page loaded its choices off the UI thread)."""
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=10_000)
    return page.dialog


def wait_dialog(qtbot: Any, page: Any, kind: type) -> Any:
    qtbot.waitUntil(lambda: isinstance(page.dialog, kind) and page.dialog.isVisible(), timeout=30_000)
    return page.dialog


def test_round_trip_through_the_console(
    qtbot: Any, store: Any, station: Any, console_env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exam_id = hq_ready(store)
    exam_file, result_file = tmp_path / "stick" / "东山_考试包.bwexam", tmp_path / "stick" / "东山_成绩包.bwresult"
    exam_file.parent.mkdir()

    # HQ: 导出考试包 — the 签发口令 is asked, the password shown once, large
    hq = open_page(qtbot, console_env(), "exchange")
    click(qtbot, hq.export_exam_button)
    form = wait_open(qtbot, hq)
    assert form.exam.currentData() == exam_id
    form.klass.setCurrentIndex(form.klass.findText("东山班"))
    choose_file(monkeypatch, exam_file)
    click(qtbot, form.file.button)
    click(qtbot, form.ok_button)
    assert "请输入签发口令" in form.notice.text() and not exam_file.exists()  # nothing written without it
    qtbot.keyClicks(form.passphrase, "wrong-passphrase")
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: not form.busy, timeout=30_000)
    assert form.notice.text() == "签发口令不正确" and form.isVisible() and not exam_file.exists()  # refused inline, the form stays
    form.passphrase.clear()
    qtbot.keyClicks(form.passphrase, DEMO_PASSPHRASE)
    click(qtbot, form.ok_button)
    shown = wait_dialog(qtbot, hq, PasswordDialog)
    issued = shown.issued
    assert exam_file.is_file() and issued.candidates == 4
    assert [b.text() for b in shown.password_board.group_labels] == groups_of(issued.password) and len(groups_of(issued.password)) == 5
    assert [b.text() for b in shown.fingerprint_board.group_labels] == groups_of(issued.hq_fingerprint)
    assert issued.password.replace("-", "") not in exam_file.read_bytes().decode("latin-1")  # never on the stick
    asked = answer_yes(monkeypatch)
    shown.reject()  # closing asks first: the password is shown only once
    assert asked and "不会再显示" in asked[0] and not shown.isVisible()
    wait_idle(qtbot, hq)
    qtbot.waitUntil(lambda: len(hq.table.rows()) == 1, timeout=10_000)
    assert (hq.table.rows()[0].kind, hq.table.rows()[0].direction) == ("exam", "out")
    shown_row = [hq.table.model.index(0, c).data() for c in range(hq.table.model.columnCount())]
    assert shown_row[1:4] == ["考试包", "导出", "东山班"]  # where it went: the class, not 总部

    # station: 导入考试包 — a wrong password is refused inline; the first import confirms HQ's fingerprint
    window, st = station_page(qtbot, station)
    qtbot.waitUntil(lambda: st.fingerprint.text() == f"本机指纹：{package_keys.station_fingerprint(station.data_dir)}", timeout=10_000)
    click(qtbot, st.import_exam_button)
    form = wait_open(qtbot, st)
    click(qtbot, form.file.button)
    qtbot.waitUntil(lambda: "4 名考生" in form.about.text(), timeout=10_000)
    qtbot.keyClicks(form.password, "0000-0000-0000-0000-0000")
    click(qtbot, form.ok_button)
    # the station trusts no organisation key yet: HQ's fingerprint, large, to compare by phone
    qtbot.waitUntil(lambda: form.trust_dialog is not None and form.trust_dialog.isVisible(), timeout=30_000)
    trust = form.trust_dialog
    assert [b.text() for b in trust.board.group_labels] == groups_of(issued.hq_fingerprint)
    assert trust.cancel_button.isDefault()  # the safe answer
    click(qtbot, trust.trust_button)
    qtbot.waitUntil(lambda: "口令不对" in form.notice.text(), timeout=30_000)
    assert form.isVisible() and packages.list_packages(station) == []  # nothing imported
    form.password.clear()
    qtbot.keyClicks(form.password, " ".join(groups_of(issued.password)))  # read out in groups: spaces are fine
    click(qtbot, form.ok_button)  # the fingerprint is not asked twice in one form
    qtbot.waitUntil(lambda: "已导入" in st.notice.text(), timeout=30_000)
    assert "4 名考生" in st.notice.text() and not trust.isVisible()

    # the class sits it (simulated), then 导出成绩包 writes the package and its cover, shown for printing
    imported = next(e for e in packages.list_packages(station) if e.kind == "exam")
    sat = run_demo(station, tmp_path / "sitting", with_pdfs=False, exam_id=station_exam_id(station))
    assert sat.candidates == 4 and imported.direction == "in"
    click(qtbot, st.export_results_button)
    form = wait_open(qtbot, st)
    choose_file(monkeypatch, result_file)
    click(qtbot, form.file.button)
    click(qtbot, form.ok_button)
    cover = wait_dialog(qtbot, st, PdfPreviewDialog)
    assert result_file.is_file() and cover.path.is_file() and cover.document.pageCount() == 1
    assert "4 份答卷" in st.notice.text() and package_keys.station_fingerprint(station.data_dir) in st.notice.text()
    cover.close()
    close_window(window)

    # HQ: 导入成绩包 — the station's fingerprint is shown to compare; the 口令 is remembered from the export
    click(qtbot, hq.import_results_button)
    form = wait_open(qtbot, hq)
    assert not form.passphrase.isVisible()
    click(qtbot, form.file.button)
    qtbot.waitUntil(lambda: form.fingerprint.text() != "", timeout=10_000)
    assert form.fingerprint.text() == package_keys.station_fingerprint(station.data_dir) and "东山供电所" in form.station.text()
    click(qtbot, form.ok_button)
    assert "请先核对站点指纹" in form.notice.text()  # not merged unchecked
    form.checked.setChecked(True)
    click(qtbot, form.ok_button)
    report = wait_dialog(qtbot, hq, MergeReportDialog)
    assert (report.report.attempts, report.report.new, report.report.conflicts) == (4, 4, [])
    assert report.values["new"].text() == "4" and report.values["conflicts"].text() == "0"
    report.close()
    wait_idle(qtbot, hq)
    qtbot.waitUntil(lambda: len(hq.table.rows()) == 2, timeout=10_000)
    assert {(r.kind, r.direction) for r in hq.table.rows()} == {("exam", "out"), ("result", "in")}
    assert sorted(r.employee_no for r in results.results(store, exam_id)) == ["E1", "E2", "E3", "E4"]


def station_exam_id(station: Any) -> int:
    return next(e.id for e in exams.list_exams(station) if documents.is_station_copy(e))


def test_spoken_groups() -> None:
    assert groups_of("ab12-cd34 ef56") == ["AB12", "CD34", "EF56"] and spoken("7890") == "拐 八 勾 洞"


def test_every_exchange_dialog_fits_the_smallest_screen(qtbot: Any, store: Any, console_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    from test_dialog_sizes import MAX_H, MAX_W

    from baiwen_desktop.services.packages import IssuedExamPackage, MergeReport
    from baiwen_desktop.ui.trainer.package_forms import (
        ExportExamForm,
        ExportResultsForm,
        ImportExamForm,
        ImportResultsForm,
    )
    from baiwen_desktop.ui.trainer.readout import TrustDialog

    console = console_env()
    ctx, parent = console.ctx, console
    exam = exams.create_exam(store, parse_exam(STANDARD_EXAM, "std"), "t")
    with store.session() as s, s.begin():  # an exam from before titles were limited to 60 characters: longer than any new one
        s.execute(update(Exam).where(Exam.id == exam.id).values(title="很长的考试名称" * 12))
    long_name = "东山供电所" * 20
    issued = IssuedExamPackage(Path("/media/U盘") / ("很长的文件名" * 10 + ".bwexam"), "0f1e2d3c-1111-4000-8000-000000000000",
                               "1234-5678-9012-3456-7890", "AB12-CD34-EF56-7890-1234", 507, 60, datetime(2026, 12, 31, 8, 0))
    report = MergeReport("9c1e7f04-2b3a-4d5e-8f60-718293a4b5c6", long_name, "AB12-CD34-EF56-7890-1234", 60, 10, 0,
                         [f"D{i:05d} 张三：站点“{long_name}”已有该考生本场考试的答卷，本站点的答卷未合并" for i in range(50)], 12, False,
                         [f"D{i:05d} 张三：站点成绩 85.00，总部评分 83.00（相差 -2.00；总部评分含待阅卷简答的建议分；以总部为准）" for i in range(50)])
    makers = {
        "导出考试包": lambda: ExportExamForm(ctx, [exams.get_exam(store, exam.id)], ["班" * 60], "", parent),
        "导入考试包": lambda: ImportExamForm(ctx, parent),
        "导出成绩包": lambda: ExportResultsForm(ctx, [exams.get_exam(store, exam.id)], long_name, parent),
        "导入成绩包": lambda: ImportResultsForm(ctx, "", parent),
        "考试包密码": lambda: PasswordDialog(issued, "很长的考试名称" * 12, parent),
        "核对总部指纹": lambda: TrustDialog("AB12-CD34-EF56-7890-1234", long_name, True, parent),
        "合并结果": lambda: MergeReportDialog(report, lambda: None, parent),
    }
    answer_yes(monkeypatch)  # closing the password dialog asks first
    for name, make in makers.items():
        dialog = make()
        dialog.show()
        qtbot.waitExposed(dialog)
        need = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        assert need.width() <= MAX_W and need.height() <= MAX_H, f"{name}: needs {need.width()}×{need.height()}"
        dialog.reject()
        dialog.deleteLater()


def test_conflicts_from_two_stations_are_listed_and_can_be_seen_again(
    qtbot: Any, store: Any, console_env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same class sat at two stations: HQ merges the first; the second's attempts are conflicts,
    listed in the merge report and again later from the package list (查看合并报告…)."""
    exam_id = hq_ready(store)
    issuer = demo_issuer(store)
    issued = packages.export_exam(store, exam_id, tmp_path / "e.bwexam", issuer=issuer, passphrase=DEMO_PASSPHRASE,
                                  class_name="东山班", actor="t")
    sticks = []
    for n, name in enumerate(["东山供电所", "西河供电所"]):
        st = open_app(tmp_path / f"st{n}")
        settings.put(st, {"organisation": "国网某县供电公司", "station": name}, "t")
        imported = packages.import_exam(st, issued.path, issued.password, actor="t", trust_fingerprint=issued.hq_fingerprint)
        run_demo(st, tmp_path / f"sit{n}", with_pdfs=False, exam_id=imported.exam_id, seed=n + 1)
        sticks.append(packages.export_results(st, imported.exam_id, tmp_path / f"r{n}.bwresult", data_dir=st.data_dir, actor="t").path)
        st.dispose()
    first = packages.import_results(store, sticks[0], passphrase=DEMO_PASSPHRASE, actor="t")
    assert (first.new, first.conflicts) == (4, [])

    page = open_page(qtbot, console_env(), "exchange")
    click(qtbot, page.import_results_button)
    form = wait_open(qtbot, page)
    choose_file(monkeypatch, sticks[1])
    click(qtbot, form.file.button)
    qtbot.waitUntil(lambda: form.fingerprint.text() != "", timeout=10_000)
    form.checked.setChecked(True)
    qtbot.keyClicks(form.passphrase, DEMO_PASSPHRASE)
    click(qtbot, form.ok_button)
    report = wait_dialog(qtbot, page, MergeReportDialog)
    assert (report.report.new, len(report.report.conflicts)) == (0, 4)
    listed = [report.conflicts.item(i).text() for i in range(report.conflicts.count())]
    assert listed == report.report.conflicts and all("已有该考生本场考试的答卷" in t for t in listed)
    assert report.values["conflicts"].text() == "4"
    report.close()
    wait_idle(qtbot, page)
    qtbot.waitUntil(lambda: len(page.table.rows()) == 3, timeout=10_000)
    assert not page.report_button.isEnabled()  # nothing selected yet
    assert page.table.select_where(lambda r: r.kind == "result" and r.conflicts == 4)
    click(qtbot, page.report_button)
    again = wait_dialog(qtbot, page, MergeReportDialog)
    assert again is not report and [again.conflicts.item(i).text() for i in range(again.conflicts.count())] == listed
    assert [again.values[k].text() for k in ("attempts", "new", "unchanged", "conflicts")] == ["4", "0", "0", "4"]
    assert "pending_review" not in again.values  # the list keeps counts and conflicts, not 阅卷
    again.close()
    wait_idle(qtbot, page)
    assert page.table.select_where(lambda r: r.kind == "result" and r.conflicts == 0)
    click(qtbot, page.report_button)  # the first station's package: merged whole, its report all the same
    first_again = wait_dialog(qtbot, page, MergeReportDialog)
    assert first_again is not again and first_again.conflicts.count() == 0
    assert [first_again.values[k].text() for k in ("attempts", "new", "conflicts")] == ["4", "4", "0"]
    first_again.close()
    assert page.table.select_where(lambda r: r.kind == "exam")
    assert not page.report_button.isEnabled()


def test_a_station_with_a_new_key_is_merged_only_after_the_trainer_confirms(
    qtbot: Any, store: Any, console_env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The station PC was replaced (a new station key): HQ's import asks, showing the new fingerprint;
    否 merges nothing, 是 merges."""
    exam_id = hq_ready(store)
    issued = packages.export_exam(store, exam_id, tmp_path / "e.bwexam", issuer=demo_issuer(store), passphrase=DEMO_PASSPHRASE,
                                  class_name="东山班", actor="t")
    st = open_app(tmp_path / "st")
    settings.put(st, {"organisation": "国网某县供电公司", "station": "东山供电所"}, "t")
    imported = packages.import_exam(st, issued.path, issued.password, actor="t", trust_fingerprint=issued.hq_fingerprint)
    run_demo(st, tmp_path / "sit", candidates=2, with_pdfs=False, exam_id=imported.exam_id)
    first = packages.export_results(st, imported.exam_id, tmp_path / "1.bwresult", data_dir=st.data_dir, actor="t")
    assert packages.import_results(store, first.path, passphrase=DEMO_PASSPHRASE, actor="t").new == 2
    package_keys.station_key_file(st.data_dir).unlink()  # a new PC, the same station id and data
    run_demo(st, tmp_path / "sit2", with_pdfs=False, exam_id=imported.exam_id)  # the other 2 sit later
    second = packages.export_results(st, imported.exam_id, tmp_path / "2.bwresult", data_dir=st.data_dir, actor="t")
    new_fp = second.fingerprint
    st.dispose()
    assert new_fp != first.fingerprint

    page = open_page(qtbot, console_env(), "exchange")
    click(qtbot, page.import_results_button)
    form = wait_open(qtbot, page)
    choose_file(monkeypatch, second.path)
    click(qtbot, form.file.button)
    qtbot.waitUntil(lambda: form.fingerprint.text() == new_fp, timeout=10_000)
    form.checked.setChecked(True)
    qtbot.keyClicks(form.passphrase, DEMO_PASSPHRASE)
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    answer = iter([False, True])

    def exec_(box: Any) -> int:
        asked.append(box.text())
        return int(QMessageBox.StandardButton.Yes if next(answer) else QMessageBox.StandardButton.No)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: "站点密钥与上次不同" in form.notice.text(), timeout=30_000)  # 否: refused, nothing merged
    # plain words for a trainer: what to do in this console, no command-line option
    assert form.notice.text().endswith("确认站点换过电脑或重装过、指纹与本次一致后，重新导入并确认信任新指纹") and "--" not in form.notice.text()
    assert len(asked) == 1 and new_fp in asked[0] and "东山供电所" in asked[0]
    assert len(results.results(store, exam_id)) == 2
    click(qtbot, form.ok_button)  # 是: merged with the new key trusted
    report = wait_dialog(qtbot, page, MergeReportDialog)
    assert len(asked) == 2 and (report.report.new, report.report.unchanged, report.report.fingerprint) == (2, 2, new_fp)
    assert len(results.results(store, exam_id)) == 4


def test_the_merge_report_lists_where_the_station_score_differs(qtbot: Any, console_env: Any, tmp_path: Path) -> None:
    from baiwen_desktop.services.packages import MergeReport

    console = console_env()
    texts = ["E1 王伟：站点成绩 85.00，总部评分 83.00（相差 -2.00；总部评分含待阅卷简答的建议分；以总部为准）",
             "E3 张敏：站点成绩 70.00，总部评分 72.50（相差 +2.50；以总部为准）"]
    dialog = MergeReportDialog(MergeReport("9c1e7f04-2b3a-4d5e-8f60-718293a4b5c6", "东山供电所", "AB12-CD34-EF56-7890-1234", 4, 4, 0,
                                           [], 1, False, texts), lambda: None, console)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert [dialog.differences.item(i).text() for i in range(dialog.differences.count())] == texts
    assert dialog.differences.isVisible() and not dialog.conflicts.isVisible()
    dialog.resize(1000, dialog.sizeHint().height())
    dialog.grab().save(str(tmp_path / "merge_report.png"))
    plain = MergeReportDialog(MergeReport("9c1e7f04-2b3a-4d5e-8f60-718293a4b5c6", "东山供电所", "", 4, 4, 0, [], 0, False), None, console)
    plain.show()
    qtbot.waitExposed(plain)
    assert plain.differences.count() == 0 and not plain.differences.isVisible()
