"""Render every trainee screen to PNG at 1366×768: `python scripts/screenshots.py OUT_DIR`.

Then, in a second process (`--scaled`), every trainee screen again on a 1920×1080 screen at
150 % scaling (1280×720 logical pixels), saved as station150_*.png.

Builds a throw-away data folder with demo data, drives the real widgets offscreen (through
tests/gui/station_driver.py), and saves `widget.grab()` of each screen. If
scripts/shots_trainer.py exists, its `render_all(out_dir)` adds the trainer console's screens.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALED = "--scaled" in sys.argv  # 1920×1080 at 150 %
WIDTH, HEIGHT = (1920, 1080) if SCALED else (1366, 768)
if SCALED:
    os.environ["QT_SCALE_FACTOR"] = "1.5"


def _offscreen_1366() -> None:
    """An offscreen screen of exactly 1366×768 (or 1920×1080) so full-screen windows grab at that size."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
        cfg = Path(tempfile.mkdtemp(prefix="baiwen-qpa-")) / "screen.json"
        screen = {"name": "shots", "x": 0, "y": 0, "width": WIDTH, "height": HEIGHT, "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}
        cfg.write_text(json.dumps({"synchronousWindowSystemEvents": False, "windowFrameMargins": False, "screens": [screen]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={cfg}"


_offscreen_1366()
sys.path.insert(0, str(ROOT / "tests" / "gui"))
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from baiwen_desktop.core.exam import STANDARD_EXAM  # noqa: E402
from baiwen_desktop.ui.qt_chinese import install_qt_chinese  # noqa: E402


class Shooter:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.saved: list[Path] = []

    def __call__(self, name: str, widget: QWidget) -> None:
        from PySide6.QtTest import QTest

        QTest.qWait(150)  # let layouts settle and deferred deletes run
        path = self.out / f"{'station150' if SCALED else 'station'}_{len(self.saved) + 1:02d}_{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path)
        print(path)


def render_station(out: Path) -> list[Path]:
    import station_driver as drv

    from baiwen_desktop.core.question import QType
    from baiwen_desktop.services import attempt_handover
    from baiwen_desktop.services.context import open_app
    from baiwen_desktop.ui.station.exam_window import ExamWindow
    from baiwen_desktop.ui.station.flow import exam_window_of
    from baiwen_desktop.ui.station.styles import Display

    bot = drv.Waiter()
    shot = Shooter(out)
    if SCALED:
        drv.WINDOW_SIZE = (1280, 720)  # the logical size of 1920×1080 at 150 %
    tmp = Path(tempfile.mkdtemp(prefix="baiwen-shots-"))
    drv.isolate_prefs(tmp / "qsettings")
    store = open_app(tmp / "data")

    # --- home without a session (admin and station settings only)
    from baiwen_desktop.services import accounts, settings

    accounts.create_trainer(store, drv.ADMIN_USER, drv.ADMIN_PASSWORD, is_admin=True)
    settings.put(store, {"organisation": drv.ORGANISATION, "station": drv.STATION, "setup_done": "1"}, "admin")
    window = drv.new_window(bot, store)
    shot("home_no_session", window)
    drv.close_window(window)

    standard = {**STANDARD_EXAM, "title": "百问百查闭卷考试（2024 年第二季度）"}
    opened = drv.make_open_session(store, 6, standard)
    people = opened.candidates
    window = drv.new_window(bot, store)
    shot("home_with_session", window)

    # --- login refused, then the confirmation page
    drv.login(bot, window, people[0].employee_no, "王五")
    shot("login_error", window)
    # typed as a Chinese input method gives it: full-width digits, spaces; still accepted
    drv.login(bot, window, _full_width(people[0].employee_no), " ".join(people[0].name))
    shot("confirmation", window)
    ew = drv.confirm_start(bot, window)

    def first_of(t: QType) -> int:
        return next(i for i, it in enumerate(ew.model.items) if it.question.qtype is t)

    # answer the first dozen questions so the answer sheet shows colours
    for pos in range(12):
        drv.go_to(bot, ew, pos)
        drv.answer_current(bot, ew, drv.correct_response(ew.model.items[pos]) if pos % 3 else drv.wrong_response(ew.model.items[pos]))
    for pos in (2, 7, 15):
        drv.go_to(bot, ew, pos)
        ew.toggle_mark()
    drv.wait_saved(bot, ew)
    for t, name in ((QType.SINGLE, "single"), (QType.MULTI, "multi"), (QType.JUDGE, "judge"), (QType.BLANK, "blank"), (QType.SHORT, "short")):
        pos = first_of(t)
        drv.go_to(bot, ew, pos)
        if t in (QType.BLANK, QType.SHORT):
            drv.answer_current(bot, ew, drv.correct_response(ew.model.items[pos]))
            drv.wait_saved(bot, ew)
        shot(f"exam_{name}", ew)
    drv.go_to(bot, ew, 7)
    shot("exam_marked_answer_sheet", ew)
    # a 填空 with only its first blank filled: not 已答, and listed apart in the 交卷 panel
    half = next(i for i, it in enumerate(ew.model.items) if ew.model.responses[i] is None and it.question.qtype is QType.BLANK and len(it.question.blanks) >= 2)
    drv.go_to(bot, ew, half)
    drv.answer_current(bot, ew, [drv.correct_response(ew.model.items[half])[0]])  # type: ignore[index]
    drv.wait_saved(bot, ew)
    shot("exam_blank_half_filled", ew)

    # --- time warnings: move the clock on
    ew.clock.counted_ms = ew.clock.limit_ms - 4 * 60_000 - 30_000
    ew.tick()
    shot("exam_5_minute_warning", ew)
    ew.clock.counted_ms = ew.clock.limit_ms - 45_000
    ew.tick()
    shot("exam_1_minute_warning", ew)
    ew.clock.counted_ms = ew.clock.limit_ms // 2
    ew.tick()

    # --- close refused, focus warning
    ew.close()
    shot("exam_close_refused", ew)
    ew.overlay.press()
    drv.simulate_focus_loss(bot, ew)
    bot.waitUntil(lambda: ew.overlay.isVisible())
    shot("exam_focus_warning", ew)
    ew.overlay.press()

    # --- display: large font and high contrast
    ew.set_display(Display(1.5, False))
    drv.go_to(bot, ew, first_of(QType.MULTI))
    shot("exam_large_font", ew)
    ew.set_display(Display(1.0, True))
    shot("exam_high_contrast", ew)
    drv.go_to(bot, ew, first_of(QType.BLANK))
    shot("exam_high_contrast_blank", ew)
    ew.set_display(Display(1.0, False))

    # --- submit confirmation, then the result with review
    drv.click(ew.submit_button)
    bot.waitUntil(lambda: ew.submit_panel.isVisible())
    shot("submit_confirmation", ew)
    drv.click(ew.submit_panel.confirm_button)
    result = drv.wait_result(bot, window)
    shot("result_with_review", window)
    _scroll_down(result)
    shot("result_review_scrolled", window)

    # --- another candidate is cut off (power cut): home offers to resume
    window.go_home()
    drv.wait_home(bot, window)
    drv.login(bot, window, people[1].employee_no, people[1].name)
    ew2 = drv.confirm_start(bot, window)
    drv.answer_current(bot, ew2, drv.correct_response(ew2.model.items[0]))
    drv.wait_saved(bot, ew2)
    drv.crash(window)
    window = drv.new_window(bot, store)
    shot("home_with_resume", window)
    drv.click(window.current_page().resume_button)
    bot.waitUntil(lambda: type(window.current_page()).__name__ == "ResumePage")
    shot("resume_page", window)
    code = attempt_handover.issue_resume_code(store, attempt_handover.unfinished_attempts(store, drv.STATION)[0][0], "admin")
    resume = window.current_page()
    drv.type_text(resume.secret, code)
    drv.click(resume.resume_button)
    bot.waitUntil(lambda: exam_window_of(window) is not None)
    ew3: ExamWindow = exam_window_of(window)  # type: ignore[assignment]
    shot("exam_resumed", ew3)
    ew3.overlay.press()
    ew3.clock.counted_ms = ew3.clock.limit_ms
    ew3.tick()
    drv.wait_result(bot, window)
    shot("result_auto_submitted", window)
    drv.close_window(window)

    # --- an exam that does not show scores: 已交卷，请离开座位
    hidden = drv.make_open_session(store, 2, {"title": "不公布成绩的考试", "show_score": False}, class_name="测试二班", prefix="S")
    window = drv.new_window(bot, store)
    home = window.current_page()
    drv.click(home.start_buttons[0])  # newest session first
    drv.sit_exam(bot, window, hidden.candidates[0].employee_no, hidden.candidates[0].name, "wrong")
    shot("submitted_no_score", window)

    # --- high contrast and a large font on the home page
    from baiwen_desktop.ui.station.styles import save_display

    save_display(window, Display(1.0, True))
    window.go_home()
    drv.wait_home(bot, window)
    shot("home_high_contrast", window)
    save_display(window, Display(1.3, False))
    window.go_home()
    drv.wait_home(bot, window)
    shot("home_large_font", window)
    save_display(window, Display(1.0, False))
    drv.close_window(window)
    # the database goes away: the home page says so and retries, no stale 开始考试
    window = drv.new_window(bot, store)
    home = window.current_page()
    db = Path(store.engine.url.database)
    store.engine.dispose()
    away = db.with_name("moved-away.db")
    os.replace(db, away)
    db.mkdir()
    home.reload()
    bot.waitUntil(lambda: home.unreachable is not None, timeout=10_000)
    shot("home_database_unreachable", window)
    db.rmdir()
    os.replace(away, db)
    drv.close_window(window)
    store.dispose()
    return shot.saved


def _full_width(text: str) -> str:
    """Ｔ０００１ for T0001: what a Chinese input method in full-width mode types."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _scroll_down(page: QWidget) -> None:
    from PySide6.QtWidgets import QScrollArea

    for area in page.findChildren(QScrollArea):
        bar = area.verticalScrollBar()
        bar.setValue(min(bar.maximum(), 700))


def _trainer_renderer(name: str = "shots_trainer.py", function: str = "render_all") -> Callable[[Path], object] | None:
    path = Path(__file__).with_name(name)
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, function, None)


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "--scaled"]
    if len(args) != 1:
        print("usage: python scripts/screenshots.py OUT_DIR", file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, True)
    install_qt_chinese(app)  # type: ignore[arg-type]  # as the app does
    saved = render_station(out)
    if SCALED:
        return 0
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    subprocess.run([sys.executable, __file__, str(out), "--scaled"], check=True, env=env)  # Qt reads the scale at start
    trainer = _trainer_renderer()
    if trainer is not None:
        trainer(out)
    scaled = _trainer_renderer(function="render_scaled_in_child")  # 1920×1080 at 150 %, in its own process
    if scaled is not None:
        scaled(out)
    room = _trainer_renderer("shots_room.py")  # 考场 with PCs and 失联, 转到本机继续, the old PC locked
    if room is not None:
        room(out)
    practice = _trainer_renderer("shots_practice.py")  # every practice screen, at 1366×768 and 1920×1080
    if practice is not None:
        practice(out)
    print(f"{len(saved)} trainee screens written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
