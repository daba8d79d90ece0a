"""Peak memory (RSS) while sitting a 100-question exam through the real station widgets.

Logs in, answers every question by mouse (moving through all 100 pages), opens the 交卷
confirmation and submits; prints RSS before the exam, the peak, and the time per page.

    python bench/exam_memory.py
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "gui"))

EXAM_100 = {
    "title": "百问百查 100 题测验",
    "duration_minutes": 120,
    "pass_mark": 60,
    "parts": [
        {"type": "单选", "count": 40, "score_each": 1},
        {"type": "多选", "count": 20, "score_each": 1.5},
        {"type": "判断", "count": 20, "score_each": 0.5},
        {"type": "填空", "count": 10, "score_each": 1},
        {"type": "简答", "count": 10, "score_each": 2},
    ],
}


def _status(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def rss_mb() -> float:
    return _status("VmRSS")


def peak_mb() -> float:
    """The high-water mark of resident memory (VmHWM; ru_maxrss where /proc is missing)."""
    return _status("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    import station_driver as drv

    from baiwen_desktop.services import attempts
    from baiwen_desktop.services.context import open_app

    with tempfile.TemporaryDirectory(prefix="baiwen-mem-") as tmp:
        drv.isolate_prefs(Path(tmp) / "qsettings")
        store = open_app(Path(tmp) / "data")
        opened = drv.make_open_session(store, 1, EXAM_100)
        bot = drv.Waiter()
        window = drv.new_window(bot, store)
        who = opened.candidates[0]
        drv.login(bot, window, who.employee_no, who.name)
        before = rss_mb()
        ew = drv.confirm_start(bot, window)
        assert ew.model.count == 100
        started = time.perf_counter()
        for pos, item in enumerate(ew.model.items):
            drv.go_to(bot, ew, pos)
            drv.answer_current(bot, ew, drv.correct_response(item))
        per_page = (time.perf_counter() - started) / 100
        drv.wait_saved(bot, ew, timeout=60_000)
        during = rss_mb()
        drv.submit(bot, ew)
        drv.wait_result(bot, window)
        after = rss_mb()
        state = attempts.load_attempt(store, ew.state.attempt_id)
        assert state.status == "submitted" and all(r is not None for r in state.responses)
        drv.close_window(window)
        store.dispose()
    print("100-question exam, every question answered by mouse, then submitted (offscreen)")
    print(f"RSS at the confirmation page : {before:6.1f} MB")
    print(f"RSS after answering all 100  : {during:6.1f} MB")
    print(f"RSS on the result page       : {after:6.1f} MB")
    print(f"peak RSS (VmHWM)             : {peak_mb():6.1f} MB")
    print(f"time per question (move + answer + save queued): {per_page * 1000:.0f} ms")
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
