"""Screenshots of the training room at 1366×768: two PCs (two data folders) on one database.

    python scripts/shots_room.py OUT_DIR        (scripts/screenshots.py calls render_all too)

考场 with each candidate's PC, answered count, 上次上报 and a 失联 row; a PC whose clock is off;
the first-start naming page; 转到本机继续 on the new PC and the lock message on the old one.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if "QT_QPA_PLATFORM" not in os.environ:  # run on its own: an offscreen screen of exactly 1366×768
    import json

    _cfg = Path(tempfile.mkdtemp(prefix="baiwen-qpa-")) / "screen.json"
    _screen = {"name": "shots", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}
    _cfg.write_text(json.dumps({"synchronousWindowSystemEvents": False, "windowFrameMargins": False, "screens": [_screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_cfg}"
sys.path.insert(0, str(ROOT / "tests" / "gui"))
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from sqlalchemy import update  # noqa: E402

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam  # noqa: E402
from baiwen_desktop.files.roster_file import RosterRow  # noqa: E402
from baiwen_desktop.services import accounts, attempts, exams, roster, sessions, settings, station  # noqa: E402
from baiwen_desktop.services.context import open_app  # noqa: E402
from baiwen_desktop.services.demo import simulate_response  # noqa: E402
from baiwen_desktop.services.station import StationIdentity  # noqa: E402
from baiwen_desktop.store.clock import db_now  # noqa: E402
from baiwen_desktop.store.models import Attempt  # noqa: E402

SIZE = (1366, 768)
NAMES = ["张建国", "李秀英", "王志强", "刘桂芳", "陈海涛", "杨丽娟", "赵德明", "周玉兰", "吴国平", "郑春梅", "孙立新", "马晓燕", "朱卫东", "胡淑珍"]


def _shoot(widget: QWidget, path: Path, saved: list[Path]) -> None:
    QTest.qWait(250)
    widget.grab().save(str(path))
    saved.append(path)
    print(path)


def _room(store: Any, n: int) -> int:
    """A class of `n` sitting the standard exam on PCs 1…n: most answering, one finished, one silent."""
    roster.import_rows(store, [RosterRow(f"D{i + 1:05d}", NAMES[i % len(NAMES)], ("城区供电所", "东山供电所", "客户服务中心")[i % 3], "", "一班") for i in range(n)], "admin")
    exam = exams.create_exam(store, parse_exam(STANDARD_EXAM, "standard"), "admin")
    sess = sessions.open_session(store, exam.id, "admin", class_name="一班")
    rng = random.Random(3)
    for i, person in enumerate(roster.list_candidates(store, class_name="一班")[: n - 2]):
        card = attempts.find_candidate(store, sess.id, person.employee_no, person.name)
        st = attempts.start_attempt(store, sess.id, card.id, StationIdentity(f"pc-{i + 1}", f"{i + 1}号机"))
        upto = rng.randrange(5, len(st.paper.items))
        for pos, item in enumerate(st.paper.items[:upto]):
            attempts.save_answer(store, st.attempt_id, pos, simulate_response(item, 0.8, rng), False, token=st.lease_token)
        attempts.heartbeat(store, st.attempt_id, rng.randrange(8, 40) * 60_000, upto - 1, token=st.lease_token, answered=upto)
        if i == 0:
            attempts.submit(store, st.attempt_id, "submitted", token=st.lease_token)
    with store.session() as s, s.begin():
        ids = sorted(s.scalars(update(Attempt).where(Attempt.session_id == sess.id, Attempt.status == "in_progress").values(clock_offset_ms=None).returning(Attempt.id)))
        now = db_now(s)
        # 3号机 lost power 47 s ago; 5号机's clock runs 12 s fast (what a PostgreSQL room records)
        s.execute(update(Attempt).where(Attempt.id == ids[1]).values(heartbeat_at=now - timedelta(seconds=47)))
        s.execute(update(Attempt).where(Attempt.id == ids[3]).values(clock_offset_ms=12_400))
    return sess.id


def render_all(out_dir: Path) -> list[Path]:
    import station_driver as drv

    from baiwen_desktop.ui.main_window import MainWindow
    from baiwen_desktop.ui.station.flow import exam_window_of
    from baiwen_desktop.ui.trainer.console import ConsolePage

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not getattr(app, "_baiwen_fonts", False):
        from baiwen_desktop.ui.fonts import install_fonts

        install_fonts(app)  # type: ignore[arg-type]
        app._baiwen_fonts = True  # type: ignore[attr-defined]
    bot = drv.Waiter()
    saved: list[Path] = []
    tmp = Path(tempfile.mkdtemp(prefix="baiwen-room-"))
    drv.isolate_prefs(tmp / "qsettings")
    url = f"sqlite:///{(tmp / 'room.sqlite3').as_posix()}"
    pc1 = open_app(tmp / "pc1", url)
    pc2 = open_app(tmp / "pc2", url, sync_bank=False)
    accounts.create_trainer(pc1, drv.ADMIN_USER, drv.ADMIN_PASSWORD, is_admin=True, display_name="张老师")
    settings.put(pc1, {"organisation": drv.ORGANISATION, "station": "培训中心", "setup_done": "1"}, "admin")

    # a PC started for the first time asks for its name
    fresh = MainWindow(pc2, station.station_identity(pc2))
    fresh.resize(*SIZE)
    fresh.go_home()
    fresh.show()
    bot.waitUntil(lambda: type(fresh.current_page()).__name__ == "StationNamePage")
    _shoot(fresh, out_dir / "room_01_name_this_pc.png", saved)
    fresh.close()
    station.rename_station(pc2.data_dir, "12号机")

    # 考场 on the trainer's console
    sid = _room(pc1, 14)
    console_window = MainWindow(pc1, "教师机")
    console_window.resize(*SIZE)
    console_window.show()
    console = ConsolePage(console_window, accounts.authenticate(pc1, drv.ADMIN_USER, drv.ADMIN_PASSWORD))
    console_window.show_page(console)
    page = console.open("sessions")
    bot.waitUntil(lambda: page.session_id is not None and len(page.table.rows()) == 14, timeout=15_000)
    page.session.setCurrentIndex(page.session.findData(sid))
    bot.waitUntil(lambda: any(r.lost for r in page.table.rows()), timeout=15_000)
    page.table.view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    _shoot(console_window, out_dir / "room_02_kaochang_pc_answered_lost.png", saved)
    console_window.close()

    # 转到本机继续: a candidate sits at 7号机, then moves to 12号机
    opened = drv.make_open_session(pc1, 1, class_name="二班", prefix="M")
    old = drv.new_window(bot, pc1, "7号机")
    who = opened.candidates[0]
    drv.login(bot, old, who.employee_no, who.name)
    ew = drv.confirm_start(bot, old)
    drv.answer_current(bot, ew, drv.correct_response(ew.model.item(0)))
    drv.wait_saved(bot, ew)
    new = drv.new_window(bot, pc2, "12号机")
    bot.waitUntil(lambda: new.current_page().move_button.isVisible() and bool(new.current_page().start_buttons))
    _shoot(new, out_dir / "room_03_home_with_move_button.png", saved)
    drv.click(new.current_page().move_button)
    drv.type_text(new.current_page().employee_no, who.employee_no)
    drv.click(new.current_page().find_button)
    bot.waitUntil(lambda: type(new.current_page()).__name__ == "ResumePage")
    drv.type_text(new.current_page().username, drv.ADMIN_USER)
    _shoot(new, out_dir / "room_04_move_here_authorise.png", saved)
    drv.type_text(new.current_page().secret, drv.ADMIN_PASSWORD)
    drv.click(new.current_page().resume_button)
    bot.waitUntil(lambda: exam_window_of(new) is not None, timeout=10_000)
    ew.heartbeat()  # the old PC's next heartbeat (at most 3 s away) learns of the move
    bot.waitUntil(lambda: ew.overlay.isVisible() and ew.overlay.kind == "moved", timeout=10_000)
    _shoot(ew, out_dir / "room_05_old_pc_locked.png", saved)
    drv.close_window(old)
    drv.close_window(new)
    pc1.dispose()
    pc2.dispose()
    return saved


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    render_all(Path(argv[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
