"""Automatic cycle collection held off while a burst of short-lived, acyclic objects is built and dropped.

A merge at HQ parses each result package into ~60,000 dicts and lists that live exactly as long as the
package's merge and are freed by reference counting. Meanwhile they count as allocations: the collector
runs dozens of young collections per package and, as they survive those, a full collection of the
whole heap every few packages (measured: ≈ 18 ms of a ≈ 180 ms package, none of it finding garbage).

Only ever switches automatic collection *off and back on*: where it is off already (the console, where
ui.gc_guard collects on the UI thread only) this does nothing and never switches it on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    was_on = gc.isenabled()
    if was_on:
        gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
