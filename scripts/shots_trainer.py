"""Screenshots of every trainer-console screen, rendered offscreen at 1366×768 from demo data,
then (in a second process) the first-run page, the console and the 新建考试 dialog on a
1920×1080 screen at 150 % scaling (1280×720 logical pixels).

    python scripts/shots_trainer.py OUT_DIR            # both
    python scripts/shots_trainer.py OUT_DIR --scaled   # only the 150 % pictures
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from baiwen_desktop.files.bank_excel import COLUMNS, write_template
from baiwen_desktop.services import accounts, attempts, banks, documents, exams, results, review, sessions
from baiwen_desktop.services.context import open_app
from baiwen_desktop.services.demo import demo_issuer, run_demo, simulate_response
from baiwen_desktop.services.station import StationIdentity
from baiwen_desktop.ui import operations
from baiwen_desktop.ui.fonts import install_fonts
from baiwen_desktop.ui.main_window import MainWindow
from baiwen_desktop.ui.qt_chinese import install_qt_chinese
from baiwen_desktop.ui.trainer.console import ConsolePage
from baiwen_desktop.ui.trainer.first_run import FirstRunPage
from baiwen_desktop.ui.trainer.login import LoginPage


def _offscreen_screen(width: int, height: int) -> None:
    """An offscreen screen of exactly this size, so dialogs are fitted to it as on a station."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen") and "configfile" not in os.environ.get("QT_QPA_PLATFORM", ""):
        cfg = Path(tempfile.mkdtemp(prefix="baiwen-qpa-")) / "screen.json"
        screen = {"name": "shots", "x": 0, "y": 0, "width": width, "height": height, "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}
        cfg.write_text(json.dumps({"synchronousWindowSystemEvents": False, "windowFrameMargins": False, "screens": [screen]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={cfg}"


SIZE = (1366, 768)
SCALED_SIZE = (1280, 720)  # logical pixels of 1920×1080 at 150 %
USER_BANK = "我的练习题库"


def settle(timeout: float = 20.0) -> None:
    """Process events until every background call has reported and nothing new started.

    The quiet period outlasts the pages' 250–300 ms typing debounce timers."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline and quiet < 25:
        app.processEvents()
        idle = QThreadPool.globalInstance().activeThreadCount() == 0 and not operations._live
        quiet = quiet + 1 if idle else 0
        time.sleep(0.02)
    app.processEvents()


def save(widget: QWidget, path: Path, shots: list[Path]) -> None:
    settle()
    widget.grab().save(str(path))
    shots.append(path)


def bad_roster(path: Path) -> Path:
    """A roster an officer might really send: one missing name, one duplicate 工号, one empty 工号."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工号", "姓名", "单位", "岗位/班组", "班级/批次"])
    ws.append(["T00001", "王建国", "城区供电所", "营业班", "2025年第二期"])
    ws.append(["T00002", "", "城郊供电所", "抄表班", "2025年第二期"])
    ws.append(["T00001", "李红", "东山供电所", "营业班", "2025年第二期"])
    ws.append(["", "赵敏", "西河供电所", "客户服务", "2025年第二期"])
    ws.append(["T00005", "陈涛", "营销部", "", "2025年第二期"])
    wb.save(path)
    return path


def bad_bank(path: Path) -> Path:
    """The import template with three questions, two of them wrong."""
    write_template(path)
    wb = load_workbook(path)
    ws = wb["题目"]
    rows = [
        {"题型": "单选题", "题干": "供电服务热线是（  ）。", "选项A": "95598", "选项B": "12345", "答案": "A", "出处": "问14"},
        {"题型": "单选题", "题干": "居民客户报装时限是（  ）个工作日。", "选项A": "3", "选项B": "5", "答案": "E"},
        {"题型": "简答题", "题干": "“十项承诺”的主要内容有哪些？", "答案": "略"},
    ]
    for r in rows:
        ws.append([r.get(c, "") for c in COLUMNS])
    wb.save(path)
    return path


def live_session(store: Any, exam_id: int, class_name: str, station: str) -> int:
    """A second sitting in progress: some not started, some answering, some submitted."""
    sess = sessions.open_session(store, exam_id, "demo", class_name=class_name, station="")
    rng = random.Random(7)
    people = sessions.live_rows(store, sess.id)
    for n, person in enumerate(people[:30]):
        card = attempts.find_candidate(store, sess.id, person.employee_no, person.name)
        state = attempts.start_attempt(store, sess.id, card.id, StationIdentity(f"pc-{n + 1}", f"{n + 1}号机"))  # each at its own PC
        upto = len(state.paper.items) if n < 18 else rng.randrange(3, len(state.paper.items) - 5)
        for pos, item in enumerate(state.paper.items[:upto]):
            attempts.save_answer(store, state.attempt_id, pos, simulate_response(item, 0.75, rng), False, token=state.lease_token)
        used = int(state.limit_ms * rng.uniform(0.2, 0.9))
        attempts.heartbeat(store, state.attempt_id, used, min(upto, len(state.paper.items) - 1), token=state.lease_token, answered=upto)
        for _ in range(rng.choice((0, 0, 0, 1, 2))):
            attempts.record_focus_loss(store, state.attempt_id, station)
        if n < 16:
            attempts.submit(store, state.attempt_id, "submitted", counted_ms=used)
        elif n < 18:
            attempts.submit(store, state.attempt_id, "auto_submitted", "离开窗口次数达到上限", counted_ms=used)
    return sess.id


def render_all(out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_fonts(app)  # type: ignore[arg-type]
    install_qt_chinese(app)  # as the app does: Qt's own dialogs in Chinese
    tmp = Path(tempfile.mkdtemp(prefix="baiwen-shots-"))
    store = open_app(tmp / "data")
    shots: list[Path] = []
    window = MainWindow(store, "培训中心第一考场")
    window.prefs = QSettings(str(tmp / "prefs.ini"), QSettings.Format.IniFormat)
    window.go_home = lambda: None  # type: ignore[method-assign]  # the station home is another engineer's screen
    window.resize(*SIZE)
    window.show()

    # 1 first run: no admin yet
    first = FirstRunPage(window)
    window.show_page(first)
    first.organisation.setText("国网某县供电公司")
    first.station.setText("培训中心第一考场")
    first.password.setText("abc")
    first.password2.setText("abc")
    first.save_button.click()
    save(window, out_dir / "01_first_run.png", shots)
    empty_pages(out_dir, tmp, shots)

    # realistic data: a class of 40 sat the standard exam and was graded
    outcome = run_demo(store, tmp / "demo", candidates=40, with_pdfs=False)
    accounts.create_trainer(store, "zhangsan", "right-password", display_name="张老师", actor="demo")
    trainer = accounts.authenticate(store, "demo", "demo-password")
    banks.copy_bank(store, banks.BUNDLED_NAME, USER_BANK, "demo")

    # 2 login, 3 lockout
    login = LoginPage(window)
    window.show_page(login)
    login.username.setText("zhangsan")
    login.password.setText("wrong")
    login.login_button.click()
    save(window, out_dir / "02_login_wrong_password.png", shots)
    for _ in range(4):
        login.password.setText("wrong")
        login.login_button.click()
        settle()
    save(window, out_dir / "03_login_locked.png", shots)

    console = ConsolePage(window, trainer)
    window.show_page(console)
    settle()

    def page(key: str, name: str, prepare: Callable[[Any], None] | None = None) -> Any:
        p = console.open(key)
        settle()
        if prepare is not None:
            prepare(p)
            settle()
        save(window, out_dir / name, shots)
        return p

    def pick_user_bank(p: Any) -> None:
        p.bank.setCurrentIndex(p.bank.findData(USER_BANK))

    bank_page = page("bank", "04_bank.png")
    page("bank", "05_bank_user_bank_filtered.png", lambda p: (pick_user_bank(p), settle(), p.qtype.setCurrentIndex(2), p.text.setText("服务")))
    bank_page.text.clear()
    bank_page.qtype.setCurrentIndex(1)
    settle()
    editor = bank_page.edit_question(bank_page.table.selected())
    assert editor is not None
    editor.answer.setText("Z")
    editor.save_button.click()
    save(editor, out_dir / "06_question_editor_error.png", shots)
    editor.reject()

    bank_page.open_import(bad_bank(tmp / "题库_有错误.xlsx"))
    save(bank_page.import_dialog, out_dir / "06b_bank_import_errors.png", shots)
    bank_page.import_dialog.reject()

    roster_page = page("roster", "07_roster.png")
    dialog = roster_page.open_import(bad_roster(tmp / "名单_有错误.xlsx"))
    save(dialog, out_dir / "08_roster_import_errors.png", shots)
    dialog.reject()

    exam_page = page("exams", "09_exams.png")
    exam_page.open_form(None)
    settle()
    form = exam_page.form
    form.rules[0].count.setValue(500)
    form.check()
    save(form, out_dir / "10_exam_form_unsatisfiable.png", shots)
    form.rules[0].count.setValue(20)
    form.check()
    save(form, out_dir / "11_exam_form_ok.png", shots)
    preview = form.open_preview()
    assert preview is not None
    save(preview, out_dir / "12_paper_preview.png", shots)
    preview.accept()
    form.reject()
    exam_page.table.select_first()
    exam_page.duplicate()  # a real action: its 成功 message floats beside the title, nothing moves
    save(window, out_dir / "12b_exams_message_floats.png", shots)

    # a second sitting (a 补考 on a copy of the exam) is still running
    retake = exams.duplicate_exam(store, outcome.exam_id, "demo")
    sid = live_session(store, retake.id, "演示班（种子1）", window.station)  # the class run_demo(seed=1) creates

    def watch(p: Any) -> None:
        p.session.setCurrentIndex(p.session.findData(sid))
        settle()
        p.table.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        p.table.select_where(lambda r: r.status == "in_progress" and r.focus_losses > 0)

    session_page = page("sessions", "13_session_live.png", watch)
    session_page.exam.setCurrentIndex(session_page.exam.findData(retake.id))
    session_page.klass.setCurrentIndex(session_page.klass.findData("演示班（种子1）"))
    asked = grab_question(lambda: session_page.open_session(), out_dir / "13b_open_session_confirm.png", shots)
    assert asked and "注意" in asked[0], asked  # the same exam is already open for this class
    session_page.issue_code()
    settle()
    if session_page.code_dialog is not None:
        save(session_page.code_dialog, out_dir / "14_resume_code.png", shots)
        session_page.code_dialog.accept()

    page("review", "15_review_highlight.png")
    pending = review.pending(store)
    if pending:
        page("review", "16_review_after_two.png", lambda p: (p.confirm_score(), settle(), p.confirm_score()))

    results_page = page("results", "17_results.png", lambda p: p.exam.setCurrentIndex(p.exam.findData(outcome.exam_id)))
    results_page.table.select_where(lambda r: not r.passed)
    results_page.grant_retake()
    settle()
    save(results_page.retake_dialog, out_dir / "17b_retake_grant.png", shots)
    results_page.retake_dialog.reject()
    page("audit", "18_audit.png")
    page("settings", "19_settings.png")

    def verify_certificate(p: Any) -> None:
        cert = documents.issue_certificates(store, results.results(store, outcome.exam_id), demo_issuer(store))[0]
        p.checker.code.setPlainText(cert.qr_payload)
        p.checker.check()

    page("certificates", "20_cert_verify.png", verify_certificate)
    file_dialog(window, tmp, out_dir / "21_file_dialog.png", shots)

    window.close()
    settle()
    store.dispose()
    return shots


def empty_pages(out_dir: Path, tmp: Path, shots: list[Path]) -> None:
    """A fresh station: 考生, 考试 and 考场 each say what to do next."""
    store = open_app(tmp / "empty")
    accounts.create_trainer(store, "admin", "secret123", is_admin=True, actor="shots")
    window = MainWindow(store, "培训中心第一考场")
    window.prefs = QSettings(str(tmp / "prefs-empty.ini"), QSettings.Format.IniFormat)
    window.go_home = lambda: None  # type: ignore[method-assign]
    window.resize(*SIZE)
    window.show()
    console = ConsolePage(window, accounts.authenticate(store, "admin", "secret123"))
    window.show_page(console)
    for key, name in (("roster", "01b_empty_roster.png"), ("exams", "01c_empty_exams.png"), ("sessions", "01d_empty_sessions.png")):
        console.open(key)
        save(window, out_dir / name, shots)
    window.close()
    settle()
    store.dispose()


def grab_question(action: Callable[[], None], path: Path, shots: list[Path]) -> list[str]:
    """Run `action`; the 是/否 box it asks is saved to `path` and answered 否."""
    asked: list[str] = []
    original = QMessageBox.exec

    def grab(box: QMessageBox) -> int:
        box.show()
        settle(2)
        box.grab().save(str(path))
        shots.append(path)
        asked.append(box.text())
        box.hide()
        return int(QMessageBox.StandardButton.No)

    QMessageBox.exec = grab  # type: ignore[method-assign]
    try:
        action()
    finally:
        QMessageBox.exec = original  # type: ignore[method-assign]
    settle()
    return asked


def file_dialog(parent: QWidget, tmp: Path, path: Path, shots: list[Path]) -> None:
    """Qt's own file dialog (what a station without a desktop's dialog shows), in Chinese."""
    folder = tmp / "名单"
    folder.mkdir(exist_ok=True)
    bad_roster(folder / "2025年第二期名单.xlsx")
    (folder / "旧名单").mkdir(exist_ok=True)
    dialog = QFileDialog(parent, "选择考生名单", str(folder), "名单文件 (*.xlsx *.csv)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.resize(900, 540)
    dialog.show()
    settle(3)
    dialog.grab().save(str(path))
    shots.append(path)
    dialog.reject()


def render_scaled(out_dir: Path) -> list[Path]:
    """On 1920×1080 at 150 % (1280×720 logical): first run, console pages, 新建考试, paper preview."""
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_fonts(app)  # type: ignore[arg-type]
    install_qt_chinese(app)
    tmp = Path(tempfile.mkdtemp(prefix="baiwen-shots-scaled-"))
    store = open_app(tmp / "data")
    shots: list[Path] = []
    window = MainWindow(store, "培训中心第一考场")
    window.prefs = QSettings(str(tmp / "prefs.ini"), QSettings.Format.IniFormat)
    window.go_home = lambda: None  # type: ignore[method-assign]
    window.resize(*SCALED_SIZE)
    window.show()
    first = FirstRunPage(window)
    window.show_page(first)
    save(window, out_dir / "scaled150_01_first_run.png", shots)
    run_demo(store, tmp / "demo", candidates=40, with_pdfs=False)
    console = ConsolePage(window, accounts.authenticate(store, "demo", "demo-password"))
    window.show_page(console)
    for n, key in enumerate(("bank", "roster", "exams", "sessions", "review", "results", "settings"), start=2):
        console.open(key)
        save(window, out_dir / f"scaled150_{n:02d}_{key}.png", shots)
    exam_page = console.open("exams")
    exam_page.open_form(None)
    settle()
    form = exam_page.form
    assert form is not None
    save(form, out_dir / "scaled150_20_exam_form.png", shots)
    bar = form.form_scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    save(form, out_dir / "scaled150_21_exam_form_scrolled.png", shots)
    preview = form.open_preview()
    assert preview is not None
    save(preview, out_dir / "scaled150_22_paper_preview.png", shots)
    preview.accept()
    form.reject()
    window.close()
    settle()
    store.dispose()
    for p in shots:
        print(p)
    return shots


def render_scaled_in_child(out_dir: Path) -> None:
    """QT_SCALE_FACTOR must be set before Qt starts: the 150 % pictures come from a new process."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    subprocess.run([sys.executable, __file__, str(out_dir), "--scaled"], check=True, env=env)


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "--scaled"]
    if len(args) != 1:
        print(__doc__)
        return 2
    if "--scaled" in argv:  # 1920×1080 at 150 %: Qt lays out at 1280×720 and paints at 1.5×
        os.environ["QT_SCALE_FACTOR"] = "1.5"
        _offscreen_screen(1920, 1080)
        render_scaled(Path(args[0]))
        return 0
    _offscreen_screen(*SIZE)
    for path in render_all(Path(args[0])):
        print(path)
    render_scaled_in_child(Path(args[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
