"""services.merge_pipeline: a batch of result packages merged with the next one prepared in a worker process
gives exactly what merging them one by one gives (reports, refusals, stored rows), and without a worker (none can
start, or one fails) the batch is merged here all the same."""

from __future__ import annotations

import pickle
import shutil
import sqlite3
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from package_helpers import PASS, SMALL_EXAM, make_hq, make_station, people_of, sit

from baiwen_desktop.core import idle_core
from baiwen_desktop.services import merge_pipeline, packages
from baiwen_desktop.services.context import open_app
from baiwen_desktop.services.package_io import PackageRefused
from baiwen_desktop.store.engine import Store

TIMES = {"created_at", "at", "first_seen", "last_seen"}  # the server's clock when each batch ran


@pytest.fixture
def batch(store: Store, tmp_path: Path) -> tuple[Path, list[Path]]:
    """An HQ's data folder and a batch of files: two stations (the second repeats two candidates of the
    first: conflicts), a package twice, one with a byte flipped, one that is no package."""
    hq = make_hq(store, SMALL_EXAM)
    files = []
    for name, who in (("东山站", people_of("一班")[:2]), ("西河站", people_of("一班"))):
        st = make_station(tmp_path / name, name)
        issued = packages.export_exam(store, hq.exam_id, tmp_path / f"{name}.bwexam", issuer=hq.issuer, passphrase=PASS, class_name="一班", actor="t")
        imp = packages.import_exam(st, issued.path, issued.password, actor="s", trust_fingerprint=issued.hq_fingerprint)
        sit(st, imp.session_id, who)
        files.append(packages.export_results(st, imp.exam_id, tmp_path / f"{name}.bwresult", data_dir=st.data_dir, actor="s").path)
        st.dispose()
    data = bytearray(files[0].read_bytes())
    data[len(data) // 2] ^= 0x01
    (tmp_path / "flipped.bwresult").write_bytes(bytes(data))
    (tmp_path / "junk.bwresult").write_bytes(b"not a package")
    store.dispose()
    return tmp_path / "data", [files[0], tmp_path / "flipped.bwresult", files[1], files[0], tmp_path / "junk.bwresult"]


def _merge(data_dir: Path, files: list[Path], worker: bool) -> tuple[list[Any], dict[str, list[tuple[Any, ...]]]]:
    st = open_app(data_dir, sync_bank=False)
    try:
        out = [r if not isinstance(r, PackageRefused) else ("refused", r.reason, r.zh, r.en)
               for _f, r in merge_pipeline.import_results_many(st, files, passphrase=PASS, actor="t", worker=worker)]
    finally:
        st.dispose()
    db = sqlite3.connect(next(data_dir.glob("*.sqlite3")))
    rows = {}
    for t in ("attempt", "answer", "audit_event", "package", "package_station", "package_conflict", "question_snapshot"):
        cols = [r[1] for r in db.execute(f"PRAGMA table_info({t})") if r[1] not in TIMES]
        rows[t] = db.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY 1").fetchall()
    db.close()
    return out, rows


def _prepared_count(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each file reached the merge prepared ahead (by the worker)."""
    seen: list[bool] = []
    merge = merge_pipeline.import_results

    def counting(*args: Any, prepared: Any = None, **kw: Any) -> Any:
        seen.append(prepared is not None)
        return merge(*args, prepared=prepared, **kw)

    monkeypatch.setattr(merge_pipeline, "import_results", counting)
    return seen


def test_a_worker_merges_exactly_what_one_by_one_merges(batch: tuple[Path, list[Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir, files = batch
    shutil.copytree(data_dir, tmp_path / "alone")
    prepared = _prepared_count(monkeypatch)
    piped, piped_rows = _merge(data_dir, files, worker=True)
    assert prepared == [False, True, True, True, True]  # the first file merged here while the worker starts
    alone, alone_rows = _merge(tmp_path / "alone", files, worker=False)
    assert piped == alone and piped_rows == alone_rows
    first, flipped, second, again, junk = piped
    assert (first.new, first.already, second.new, len(second.conflicts), again.already) == (2, False, 1, 2, True)
    assert flipped[:2] == ("refused", "bad_signature") and junk[:2] == ("refused", "not_a_package")
    assert len(alone_rows["attempt"]) == 3 and len(alone_rows["package_conflict"]) == 2


class _BrokenPool:
    """A worker that fails every file (as a worker that died would)."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        pass

    def submit(self, *args: Any) -> Future[Any]:
        f: Future[Any] = Future()
        f.set_exception(OSError("the worker died"))
        return f

    def shutdown(self, **kw: Any) -> None:
        pass


def _no_processes(*args: Any, **kw: Any) -> Any:
    raise OSError("no processes here")


@pytest.mark.parametrize("pool", [_no_processes, _BrokenPool], ids=["cannot-start", "fails"])
def test_without_a_worker_the_batch_is_merged_here(batch: tuple[Path, list[Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: Any) -> None:
    data_dir, files = batch
    shutil.copytree(data_dir, tmp_path / "alone")
    monkeypatch.setattr(merge_pipeline, "ProcessPoolExecutor", pool)
    prepared = _prepared_count(monkeypatch)
    piped, piped_rows = _merge(data_dir, files, worker=True)
    assert prepared == [False] * 5
    monkeypatch.undo()
    assert (piped, piped_rows) == _merge(tmp_path / "alone", files, worker=False)


def test_a_refusal_made_in_the_worker_comes_back_whole(tmp_path: Path) -> None:
    e = PackageRefused(tmp_path / "x.bwresult", "station_key_changed", "站点密钥变了", "the key changed", fingerprint="AB-CD")
    again = pickle.loads(pickle.dumps(e))
    assert (type(again), again.reason, again.path, again.zh, again.en, again.fingerprint, str(again)) == (
        PackageRefused, e.reason, e.path, e.zh, e.en, "AB-CD", str(e))



def test_a_single_merge_reports_progress_attempt_by_attempt(batch: tuple[Path, list[Path]]) -> None:
    """The console's progress bar: one step per attempt of the package, as each is checked and graded."""
    data_dir, files = batch
    st = open_app(data_dir, sync_bank=False)
    steps: list[tuple[int, int]] = []
    try:
        rep = packages.import_results(st, files[2], passphrase=PASS, actor="t", progress=lambda done, total: steps.append((done, total)))
    finally:
        st.dispose()
    assert rep.attempts == 3 and steps == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize(("cores", "load", "forced", "want"), [
    (1, 0.0, "", False), (2, 0.4, "", True), (2, 1.6, "", False), (8, 6.0, "", True), (2, 3.0, "1", True), (8, 0.0, "0", False),
])
def test_a_worker_only_where_a_core_is_idle(monkeypatch: pytest.MonkeyPatch, cores: int, load: float, forced: str, want: bool) -> None:
    monkeypatch.setattr(idle_core.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(idle_core.os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setenv("BAIWEN_MERGE_WORKER", forced)
    assert merge_pipeline.a_core_to_spare() is want
