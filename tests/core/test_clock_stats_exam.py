from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from baiwen_desktop.core.clock import ExamClock, format_remaining
from baiwen_desktop.core.errors import ValidationError
from baiwen_desktop.core.exam import load_exam_toml
from baiwen_desktop.core.stats import distractor_counts, item_analysis, reliability, summarise

D = Decimal


class FakeTime:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_clock_counts_only_running_time() -> None:
    ft = FakeTime()
    c = ExamClock(60_000, monotonic=ft)
    c.start()
    ft.t += 10
    assert c.tick() == 10_000
    c.pause()
    ft.t += 100  # paused: not counted
    assert c.remaining_ms() == 50_000
    c.start()
    ft.t += 50
    assert c.expired


def test_clock_resume_after_crash_within_heartbeat() -> None:
    ft = FakeTime()
    c = ExamClock(30 * 60_000, monotonic=ft)
    c.start()
    persisted = 0
    for _ in range(37):  # 3 s steps, heartbeat every 5 s
        ft.t += 3
        if c.tick() - persisted >= 5000:
            persisted = c.counted_ms
    true_remaining = c.remaining_ms()
    # crash: a new clock from what was persisted
    resumed = ExamClock(30 * 60_000, counted_ms=persisted, monotonic=FakeTime())
    assert 0 <= resumed.remaining_ms() - true_remaining <= 5000


def test_clock_honours_absolute_session_end() -> None:
    now = datetime(2026, 11, 27, 10, 0)
    c = ExamClock(60 * 60_000, session_end=now + timedelta(minutes=10), wallclock=lambda: now, monotonic=FakeTime())
    assert c.remaining_ms() == 10 * 60_000


def test_format_remaining() -> None:
    assert format_remaining(65_000) == "01:05"
    assert format_remaining(3_725_000) == "1:02:05"


def test_summary() -> None:
    s = summarise([D(50), D(60), D(70), D(80), D(90)], D(100), D(60))
    assert (s.count, s.mean, s.median, s.minimum, s.maximum) == (5, 70.0, 70.0, 50.0, 90.0)
    assert s.pass_rate == 0.8
    assert round(s.stdev, 3) == 15.811
    assert sum(c for _, _, c in s.histogram) == 5
    assert s.histogram[-1][2] == 1  # 90 is in the last bin


def test_item_analysis_and_kr20() -> None:
    # 4 items, 6 candidates; item 3 is answered right only by weak candidates (negative discrimination)
    rows = [
        [1, 1, 1, 0],
        [1, 1, 1, 0],
        [1, 1, 0, 0],
        [1, 0, 0, 1],
        [1, 0, 0, 1],
        [0, 0, 0, 1],
    ]
    pts = [[D(x) for x in r] for r in rows]
    items = item_analysis(pts, [D(1)] * 4)
    assert round(items[0].facility, 3) == round(5 / 6, 3)
    assert items[1].discrimination == 0.5  # upper 27% (2) all right; lower 2 split by a tie
    assert items[3].point_biserial < 0
    assert items[3].discrimination < 0
    name, value = reliability(pts, [D(1)] * 4)
    assert name == "KR-20"
    # by hand: totals 3,3,2,2,2,1 -> variance 17/36; sum of p(1-p) = 31/36; KR-20 = 4/3 * (1 - 31/17) = -56/51
    # (negative: item 4 works against the others). Without the k/(k-1) factor it would be -14/17.
    assert value == pytest.approx(-56 / 51, abs=1e-12)


def test_partial_credit_uses_cronbach_alpha() -> None:
    pts = [[D("0.5"), D(1)], [D(1), D(1)], [D(0), D(0)]]
    name, value = reliability(pts, [D(1), D(1)])
    assert name == "Cronbach α"
    # by hand: total variance 13/18, item variances 1/6 + 2/9 = 7/18; α = 2 * (1 - 7/13) = 12/13
    assert value == pytest.approx(12 / 13, abs=1e-12)
    # right/wrong items: totals 2,1,0,3 (variance 5/4), sum p(1-p) = 5/8, KR-20 = 3/2 * (1 - 1/2) = 3/4
    binary = [[D(1), D(1), D(0)], [D(1), D(0), D(0)], [D(0), D(0), D(0)], [D(1), D(1), D(1)]]
    assert reliability(binary, [D(1)] * 3)[1] == pytest.approx(0.75, abs=1e-12)


def test_distractor_counts() -> None:
    assert distractor_counts([[0], [1], [1], None, [0, 2]], 4) == [2, 2, 1, 0]


def test_exam_toml_errors_name_every_problem(tmp_path: Path) -> None:
    f = tmp_path / "exam.toml"
    f.write_text('title = ""\nduration_minutes = 0\npass_mark = 200\n[[parts]]\ntype = "作文"\ncount = 1\nscore_each = 1\n', encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_exam_toml(f)
    fields = {i.field for i in err.value.issues}
    assert {"title", "duration_minutes", "parts[1].type"} <= fields
    assert {(i.field, i.line) for i in err.value.issues} >= {("title", 1), ("duration_minutes", 2), ("parts[1].type", 5)}


def test_exam_toml_loads(tmp_path: Path) -> None:
    f = tmp_path / "exam.toml"
    f.write_text(
        'title = "月考"\nduration_minutes = 45\npass_mark = 18\nmulti_policy = "partial"\nfixed_paper = true\n'
        '[[parts]]\ntype = "单选"\ncount = 10\nscore_each = 2\nsections = ["问"]\n'
        '[[parts]]\ntype = "判断题"\ncount = 10\nscore_each = 1\n',
        encoding="utf-8",
    )
    e = load_exam_toml(f)
    assert e.total == D(30) and e.question_count == 20 and e.multi_policy == "partial" and e.fixed_paper
