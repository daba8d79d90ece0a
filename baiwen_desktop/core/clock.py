"""The exam clock: counts time actually spent in the exam, so a crash costs no time.

The UI ticks it; each tick returns the counted milliseconds to persist (at least every
5 s). After a crash the attempt resumes from the last persisted count.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

HEARTBEAT_SECONDS = 5


class ExamClock:
    def __init__(
        self,
        limit_ms: int,
        counted_ms: int = 0,
        session_end: datetime | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        wallclock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.limit_ms = limit_ms
        self.counted_ms = counted_ms
        self.session_end = session_end
        self._monotonic = monotonic
        self._wallclock = wallclock
        self._running_since: float | None = None

    def start(self) -> None:
        if self._running_since is None:
            self._running_since = self._monotonic()

    def pause(self) -> int:
        self.tick()
        self._running_since = None
        return self.counted_ms

    def tick(self) -> int:
        """Fold the time since the last tick into the count; returns the count to persist."""
        if self._running_since is not None:
            now = self._monotonic()
            self.counted_ms += max(0, round((now - self._running_since) * 1000))
            self._running_since = now
        return self.counted_ms

    def remaining_ms(self) -> int:
        counted = self.counted_ms
        if self._running_since is not None:
            counted += max(0, round((self._monotonic() - self._running_since) * 1000))
        left = self.limit_ms - counted
        if self.session_end is not None:
            wall_left = round((self.session_end - self._wallclock()).total_seconds() * 1000)
            left = min(left, wall_left)
        return max(0, left)

    @property
    def expired(self) -> bool:
        return self.remaining_ms() <= 0


def format_remaining(ms: int) -> str:
    s = max(0, ms) // 1000
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"
