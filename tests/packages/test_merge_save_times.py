"""The merge stores each answer's save time as the store's text, made straight from the station's text when the
station wrote it as stations do (to the second, no zone), and through a datetime otherwise: the same text either way."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from baiwen_desktop.services.package_io import PackageRefused, from_iso, stored_times

FALLBACK = datetime(2026, 12, 1, 9, 40, 12)


def _through_datetimes(times: list[str | None]) -> list[str]:
    return [(FALLBACK if t is None else from_iso(t, Path("x"), "t")).isoformat(" ", "microseconds") for t in times]  # type: ignore[union-attr]


@pytest.mark.parametrize("times", [
    ["2026-12-01T09:00:00", "2026-12-01T09:01:59", "1999-01-31T23:59:59"],  # as every station writes them
    ["2026-12-01T09:00:00"],
    ["2026-12-01T09:00:00", None, "2026-12-01T09:02:00"],  # not saved: the submit time
    ["2026-12-01T09:00:00+08:00", "2026-12-01T09:00:00"],  # a zone: the wall time kept, the zone dropped
    ["2026-12-01T09:00:00.250000", "2026-12-01T09:00:01"],
    ["2026-12-01 09:00:00", "2026-12-01T09:00:01"],
    ["2026-W48-2T09:00:00", "2026-12-01T09:00:01"],  # ISO week date, also 19 characters with a T at 10
    ["20261201T090000", "2026-12-01T09:00:01"],
    [],
])
def test_save_times_are_the_text_a_datetime_gives(times: list[str | None]) -> None:
    got = stored_times(times, FALLBACK, Path("x"), "保存时间")
    assert got == _through_datetimes(times)
    assert all(datetime.fromisoformat(t).isoformat(" ", "microseconds") == t for t in got)


def test_a_save_time_that_is_no_time_is_refused() -> None:
    with pytest.raises(PackageRefused):
        stored_times(["2026-12-01T09:00:00", "2026-13-01T09:00:00"], FALLBACK, Path("x"), "保存时间")
