"""core.gc_pause: automatic cycle collection off inside, back on after (also after an error); where it
was off already (the console's ui.gc_guard) it stays off."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from baiwen_desktop.core.gc_pause import cycle_collection_paused


@pytest.fixture
def gc_state() -> Iterator[None]:
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_on_again_after(gc_state: None) -> None:
    gc.enable()
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), cycle_collection_paused():
        assert not gc.isenabled()
        _ = 1 / 0
    assert gc.isenabled()


def test_never_switches_it_on_where_it_was_off(gc_state: None) -> None:
    gc.disable()
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_a_merge_leaves_it_as_it_found_it(gc_state: None, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """import_results runs paused (collection off while it works) and on again after, also when it refuses."""
    from baiwen_desktop.services import package_merge

    seen = []

    def fake(*args: object, **kwargs: object) -> None:
        seen.append(gc.isenabled())
        raise package_merge.PackageRefused(tmp_path / "x.bwresult", "invalid", "坏", "bad")

    monkeypatch.setattr(package_merge, "_import_results", fake)
    gc.enable()
    with pytest.raises(package_merge.PackageRefused):
        package_merge.import_results(None, tmp_path / "x.bwresult", passphrase="", actor="t")  # type: ignore[arg-type]
    assert seen == [False] and gc.isenabled()


def test_nested_pauses_switch_it_on_again_only_at_the_end(gc_state: None) -> None:
    gc.enable()
    with cycle_collection_paused():
        assert not gc.isenabled()
        with cycle_collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()


def test_pauses_in_two_threads_overlap(gc_state: None) -> None:
    import threading

    gc.enable()
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with cycle_collection_paused():
            inside.set()
            leave.wait(5)

    t = threading.Thread(target=other)
    with cycle_collection_paused():
        t.start()
        inside.wait(5)
    assert not gc.isenabled()  # the other thread's pause is still on
    leave.set()
    t.join(5)
    assert gc.isenabled()
