"""Merging a batch of result packages at HQ with the next package prepared in a second process.

Per package, about half of a merge needs no database (merge_prepare: signature, decryption, shape,
digests, paper checks, grading). While package N is checked against what HQ holds and written here, one
worker process (spawn, never fork: the console runs Qt) prepares package N+1; every check that reads
HQ's database, and every write, stays in this process, in the same order as a single merge. Where no
worker can start or one fails, the rest of the batch is merged here as import_results merges one file.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select

from baiwen_desktop.core import idle_core
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.gc_pause import cycle_collection_paused
from baiwen_desktop.services import package_keys
from baiwen_desktop.services.merge_prepare import Prepared, prepare, slimmed
from baiwen_desktop.services.package_merge import import_results
from baiwen_desktop.services.package_outcomes import MergeReport
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Exam, Package

Exams = dict[str, tuple[int, dict[str, Any], dict[str, str]]]


def import_results_many(
    store: Store, paths: Sequence[Path], *, passphrase: str, actor: str, hq_key: X25519PrivateKey | None = None,
    trust_station_key: str | None = None, worker: bool | None = None,
) -> Iterator[tuple[Path, MergeReport | BaiwenError]]:
    """Merge each file in turn, each in its own transaction, as import_results does; yields (file, its report
    or the error that refused it). `worker`: prepare the next file in a second process (False: all here;
    None: when a processor core is idle, since on a busy machine the two processes only take turns)."""
    hq_key = hq_key or package_keys.hq_private_key(store, passphrase, actor)
    paths = [Path(p) for p in paths]
    pool = _start(store, hq_key) if len(paths) > 1 and (worker if worker is not None else a_core_to_spare()) else None
    ahead: dict[int, Future[Prepared]] = {}
    contents: dict[str, dict[str, Any]] = {}  # digest -> content of each question the worker has sent
    try:
        for n, path in enumerate(paths):
            if pool is not None and n + 1 < len(paths):  # the first file is merged here while the worker starts
                try:
                    ahead[n + 1] = pool.submit(_prepare, paths[n + 1])
                except Exception:  # the worker cannot be reached: the rest here
                    pool = _stop(pool, ahead)
            future = ahead.pop(n, None)
            prepared = _collect(future)
            if future is not None and prepared is None:
                pool = _stop(pool, ahead)
            if prepared is not None:  # the worker sends each question's content once a batch
                contents.update(prepared.questions)
                prepared.questions = contents
                if not all(d in contents for g in prepared.graded or () for d in g.used):
                    prepared = None  # (cannot be: the worker sent all it named) prepared here instead
            try:
                report: MergeReport | BaiwenError = import_results(store, path, passphrase=passphrase, actor=actor, hq_key=hq_key,
                                                                   trust_station_key=trust_station_key, prepared=prepared)
            except BaiwenError as e:
                report = e
            yield path, report
    finally:
        _stop(pool, ahead)


def _started(key: bytes, exams: Exams) -> None:
    """In the worker, once: HQ's key (rebuilt from its raw bytes: the key object cannot be pickled) and the exams."""
    _worker["key"], _worker["exams"] = X25519PrivateKey.from_private_bytes(key), exams


def _prepare(path: Path) -> Prepared:
    """In the worker: merge_prepare.prepare, sending each question's content once."""
    with cycle_collection_paused():
        prepared = slimmed(prepare(path, _worker["key"], _worker["exams"]))
    sent = _worker.setdefault("sent", set())
    prepared.questions = {d: c for d, c in prepared.questions.items() if d not in sent}
    sent.update(prepared.questions)
    return prepared


_worker: dict[str, Any] = {}  # in the worker process (which serves one batch): its key, exams, the questions sent


def _collect(future: Future[Prepared] | None) -> Prepared | None:
    """The worker's work on a file, or None (merged here) if the worker failed."""
    if future is None:
        return None
    try:
        return future.result()
    except Exception:  # a worker that died or could not send its work back: this file is prepared here instead
        return None


def _issued_exams(store: Store) -> Exams:
    """Exam package id -> (exam id, definition, snapshots) of every exam package HQ issued: what the worker grades against
    (the merge compares it with what HQ holds when it writes, and grades again if it changed)."""
    with store.session() as s:
        rows = s.execute(select(Package.id, Package.exam_id, Package.detail).where(Package.direction == "out", Package.kind == "exam")).all()
        definitions = dict(s.execute(select(Exam.id, Exam.definition).where(Exam.id.in_({r.exam_id for r in rows if r.exam_id is not None}))).all())
    return {r.id: (r.exam_id, definitions[r.exam_id], dict((r.detail or {}).get("snapshots", {})))
            for r in rows if r.exam_id is not None and r.exam_id in definitions}


def a_core_to_spare() -> bool:
    """Whether another process would have a processor core to itself (core.idle_core); BAIWEN_MERGE_WORKER=1
    or 0 decides instead."""
    return idle_core.a_core_to_spare("BAIWEN_MERGE_WORKER")


def _start(store: Store, hq_key: X25519PrivateKey) -> ProcessPoolExecutor | None:
    """One worker process (spawned when the first file is given to it), or None where none can be had."""
    key = hq_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    try:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_started,
                                   initargs=(key, _issued_exams(store)))
    except (OSError, ValueError, NotImplementedError, ImportError):  # no processes here (a sandbox, a frozen app without support)
        return None


def _stop(pool: ProcessPoolExecutor | None, ahead: dict[int, Future[Prepared]]) -> None:
    """No more work for the worker: what it was given is done here instead."""
    for f in ahead.values():
        f.cancel()
    ahead.clear()
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
