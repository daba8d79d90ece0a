"""A live paper's time left (监考 live view): the paper's own time, capped by the session's 统一收卷 time."""

from __future__ import annotations

from datetime import datetime, timedelta

from baiwen_desktop.services.sessions import _remaining_ms
from baiwen_desktop.store.models import Attempt

NOW = datetime(2026, 12, 1, 23, 30)


def test_time_left_is_the_papers_own_without_a_session_end() -> None:
    assert _remaining_ms(Attempt(limit_ms=3_600_000, counted_ms=90_000), None, NOW) == 3_510_000


def test_time_left_is_capped_by_the_session_end() -> None:
    paper = Attempt(limit_ms=3_600_000, counted_ms=90_000)
    assert _remaining_ms(paper, NOW + timedelta(minutes=29), NOW) == 29 * 60_000  # 23:59 comes first
    assert _remaining_ms(paper, NOW + timedelta(hours=2), NOW) == 3_510_000  # the paper's own time runs out first
    assert _remaining_ms(paper, NOW - timedelta(seconds=1), NOW) == 0  # past the end: none, not negative
