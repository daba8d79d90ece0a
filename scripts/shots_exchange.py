"""Screenshots of 数据交换 at 1366×768: HQ and a station (two data folders), the real widgets offscreen.

    python scripts/shots_exchange.py OUT_DIR

HQ: 导出考试包 form, the password shown once, the page listing packages, 导入成绩包 with the station's
fingerprint, the merge report (and one with conflicts). Station: 导入考试包 with the package's summary,
the first-import fingerprint check, 导出成绩包, the cover page preview, and 设置 with 本机指纹.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if "QT_QPA_PLATFORM" not in os.environ:  # an offscreen screen of exactly 1366×768
    _cfg = Path(tempfile.mkdtemp(prefix="baiwen-qpa-")) / "screen.json"
    _screen = {"name": "shots", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}
    _cfg.write_text(json.dumps({"synchronousWindowSystemEvents": False, "windowFrameMargins": False, "screens": [_screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_cfg}"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402
from shots_trainer import settle  # noqa: E402

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam  # noqa: E402
from baiwen_desktop.files.roster_file import RosterRow  # noqa: E402
from baiwen_desktop.services import accounts, documents, exams, roster, settings  # noqa: E402
from baiwen_desktop.services.context import open_app  # noqa: E402
from baiwen_desktop.services.demo import DEMO_PASSPHRASE, demo_issuer, run_demo  # noqa: E402
from baiwen_desktop.services.packages import MergeReport  # noqa: E402
from baiwen_desktop.ui.fonts import install_fonts  # noqa: E402
from baiwen_desktop.ui.main_window import MainWindow  # noqa: E402
from baiwen_desktop.ui.qt_chinese import install_qt_chinese  # noqa: E402
from baiwen_desktop.ui.trainer.console import ConsolePage  # noqa: E402
from baiwen_desktop.ui.trainer.merge_report import MergeReportDialog  # noqa: E402

NAMES = ["张建国", "李秀英", "王志强", "刘桂芳", "陈海涛", "杨丽娟", "赵德明", "周玉兰", "吴国平", "郑春梅", "孙立新", "马晓燕"]


def shoot(widget: QWidget, path: Path, saved: list[Path]) -> None:
    settle()
    widget.grab().save(str(path))
    saved.append(path)
    print(path)


def console_for(store: Any, tmp: Path, user: str, password: str, name: str) -> tuple[MainWindow, ConsolePage]:
    window = MainWindow(store, name)
    window.prefs = QSettings(str(tmp / f"{user}.ini"), QSettings.Format.IniFormat)
    window.go_home = lambda: None  # type: ignore[method-assign]
    window.resize(1366, 768)
    window.show()
    console = ConsolePage(window, accounts.authenticate(store, user, password))
    window.show_page(console)
    settle()
    return window, console


def render_all(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_fonts(app)  # type: ignore[arg-type]
    install_qt_chinese(app)
    QMessageBox.exec = lambda box: int(QMessageBox.StandardButton.Yes)  # type: ignore[method-assign,assignment]
    tmp = Path(tempfile.mkdtemp(prefix="baiwen-exchange-"))
    saved: list[Path] = []

    hq_store = open_app(tmp / "hq")
    accounts.create_trainer(hq_store, "admin", "secret123", is_admin=True, display_name="总部培训师")
    settings.put(hq_store, {"organisation": "国网某县供电公司", "station": "县公司培训中心", "setup_done": "1"}, "admin")
    exams.create_exam(hq_store, parse_exam({**STANDARD_EXAM, "title": "2026年第四季度百问百查闭卷考试"}, "std"), "admin")
    roster.import_rows(hq_store, [RosterRow(f"DS{i + 1:03d}", n, "东山供电所", "营业班", "东山供电所") for i, n in enumerate(NAMES)], "admin")
    demo_issuer(hq_store)
    hq_window, hq_console = console_for(hq_store, tmp, "admin", "secret123", "县公司培训中心")
    hq = hq_console.open("exchange")
    settle()
    shoot(hq_window, out_dir / "exchange_01_hq_empty.png", saved)

    hq.export_exam()
    settle()
    form = hq.dialog
    form.klass.setCurrentIndex(form.klass.findText("东山供电所"))
    form.file.edit.setText(str(tmp / "stick" / "东山供电所_考试包.bwexam"))
    (tmp / "stick").mkdir()
    form.passphrase.setText(DEMO_PASSPHRASE)
    shoot(form, out_dir / "exchange_02_export_exam_form.png", saved)
    form.submit()
    settle(60)
    shoot(hq.dialog, out_dir / "exchange_03_password_once.png", saved)
    issued = hq.dialog.issued
    hq.dialog.reject()

    station_store = open_app(tmp / "station")
    accounts.create_trainer(station_store, "zhan", "station-pass", is_admin=True, display_name="站点负责人")
    settings.put(station_store, {"organisation": "国网某县供电公司", "station": "东山供电所", "setup_done": "1"}, "zhan")
    st_window, st_console = console_for(station_store, tmp, "zhan", "station-pass", "东山供电所")
    st = st_console.open("exchange")
    st.import_exam()
    settle()
    form = st.dialog
    form.file.edit.setText(str(issued.path))
    form._peek(issued.path)
    form.password.setText("9946-7423-1160-0294-9918")  # one digit misheard on the phone
    shoot(form, out_dir / "exchange_04_station_import_form.png", saved)
    form.submit()
    settle(60)
    shoot(form.trust_dialog, out_dir / "exchange_05_station_first_import_fingerprint.png", saved)
    form.trust_dialog.accept()
    settle(60)
    shoot(form, out_dir / "exchange_05b_station_wrong_password.png", saved)
    form.password.setText(issued.password)
    form.submit()
    settle(60)
    shoot(st_window, out_dir / "exchange_06_station_imported.png", saved)

    exam_id = next(e.id for e in exams.list_exams(station_store) if documents.is_station_copy(e))
    run_demo(station_store, tmp / "sitting", with_pdfs=False, exam_id=exam_id)
    st.export_results()
    settle()
    form = st.dialog
    form.file.edit.setText(str(tmp / "stick" / "东山供电所_成绩包.bwresult"))
    shoot(form, out_dir / "exchange_07_station_export_results_form.png", saved)
    form.submit()
    settle(60)
    shoot(st.dialog, out_dir / "exchange_08_station_cover_preview.png", saved)
    st.dialog.close()
    settle()
    shoot(st_window, out_dir / "exchange_09_station_page.png", saved)
    st_console.open("settings")
    shoot(st_window, out_dir / "exchange_10_station_settings_fingerprint.png", saved)

    hq.import_results()
    settle()
    form = hq.dialog
    result = tmp / "stick" / "东山供电所_成绩包.bwresult"
    form.file.edit.setText(str(result))
    form._peek(result)
    settle()
    form.checked.setChecked(True)
    shoot(form, out_dir / "exchange_11_hq_import_results_form.png", saved)
    form.submit()
    settle(60)
    shoot(hq.dialog, out_dir / "exchange_12_hq_merge_report.png", saved)
    hq.dialog.close()
    settle()
    shoot(hq_window, out_dir / "exchange_13_hq_page.png", saved)
    conflicts = [f"DS{i:03d} {NAMES[i - 1]}：站点“西河供电所”已有该考生本场考试的答卷，本站点的答卷未合并" for i in range(1, 7)]
    conflicts.append("DS009 吴国平：交卷后答卷被改动（与上次导入的不一致），保留上次导入的答卷")
    dialog = MergeReportDialog(MergeReport("9c1e7f04-2b3a-4d5e-8f60-718293a4b5c6", "东山供电所", "AB12-CD34-EF56-7890-1234", 12, 5, 0,
                                           conflicts, 3, False), lambda: None, hq_window)
    dialog.show()
    shoot(dialog, out_dir / "exchange_14_merge_report_conflicts.png", saved)
    dialog.close()
    dialog = MergeReportDialog(MergeReport("9c1e7f04-2b3a-4d5e-8f60-718293a4b5c6", "东山供电所", "", 12, 5, 0, conflicts, 0, False),
                               None, hq_window, history=True)  # 查看合并报告… later, from the package list
    dialog.show()
    shoot(dialog, out_dir / "exchange_15_conflicts_again.png", saved)
    dialog.close()
    for w in (hq_window, st_window):
        w.close()
    settle()
    hq_store.dispose()
    station_store.dispose()
    return saved


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    render_all(Path(argv[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
