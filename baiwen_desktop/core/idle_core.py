"""Whether work beside this thread (a worker process, a read-ahead thread) would have a processor core to itself."""

from __future__ import annotations

import os


def a_core_to_spare(override: str) -> bool:
    """Two or more cores, and the load average (where the system keeps one) leaves one idle. (Measured on a
    shared 2-core machine under a load of 3: a merge batch took 1.5 times as long with a worker as without.)
    The environment variable `override` set to 1 or 0 decides instead."""
    forced = os.environ.get(override, "").strip()
    if forced in ("0", "1"):
        return forced == "1"
    cores = os.cpu_count() or 1
    if cores < 2:
        return False
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows keeps none
        return True
    return busy < cores - 0.5
