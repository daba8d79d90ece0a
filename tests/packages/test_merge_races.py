"""The database, not a check before insert, keeps a package or a station attempt from being merged
twice: two PCs merging at the same moment (simulated by blinding the check) end with one copy."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from package_helpers import PASS, SMALL_EXAM, make_hq, make_station, people_of, sit
from sqlalchemy import func, select

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.services import attempts, package_exam, package_merge, packages
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Answer, Attempt, AuditEvent, ExamSession, Package


def _counts(store: Store) -> tuple[int, ...]:
    with store.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) or 0 for m in (Attempt, Answer, AuditEvent, Package))


@pytest.fixture
def setup(any_store: Store, tmp_path: Path):  # type: ignore[no-untyped-def]
    hq = make_hq(any_store, SMALL_EXAM)
    st = make_station(tmp_path / "st", "东山站")
    issued = packages.export_exam(hq.store, hq.exam_id, tmp_path / "x.bwexam", issuer=hq.issuer, passphrase=PASS, class_name="一班", actor="t")
    imp = packages.import_exam(st, issued.path, issued.password, actor="s", trust_fingerprint=issued.hq_fingerprint)
    sit(st, imp.session_id, people_of("一班")[:2])
    yield hq, st, imp, issued
    st.dispose()


def test_the_same_package_merged_by_two_pcs_at_once_goes_in_once(setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hq, st, imp, _ = setup
    res = packages.export_results(st, imp.exam_id, tmp_path / "r.bwresult", data_dir=st.data_dir, actor="s")
    start = threading.Barrier(2)
    out: list[object] = []

    def merge() -> None:
        start.wait()
        try:
            out.append(packages.import_results(hq.store, res.path, passphrase=PASS, actor="t"))
        except BaseException as e:
            out.append(e)

    threads = [threading.Thread(target=merge) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    reports = sorted(out, key=lambda r: getattr(r, "already", True))
    assert [(r.new, r.already) for r in reports] == [(2, False), (0, True)], out  # type: ignore[attr-defined]
    with hq.store.session() as s:
        assert s.scalar(select(func.count()).select_from(Attempt)) == 2


def test_a_check_that_misses_a_concurrent_merge_is_caught_by_the_database(setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    hq, st, imp, _ = setup
    first = packages.export_results(st, imp.exam_id, tmp_path / "1.bwresult", data_dir=st.data_dir, actor="s")
    assert packages.import_results(hq.store, first.path, passphrase=PASS, actor="t").new == 2
    card = attempts.find_candidate(st, imp.session_id, "A003", "考生A003")
    late = attempts.start_attempt(st, imp.session_id, card.id, "东山站")
    attempts.submit(st, late.attempt_id, token=late.lease_token)
    superset = packages.export_results(st, imp.exam_id, tmp_path / "2.bwresult", data_dir=st.data_dir, actor="s")
    before = _counts(hq.store)
    # as if the other PC's merge of the first package committed just after this one looked
    monkeypatch.setattr(package_merge, "held_attempts", lambda s, station_id: {})
    with pytest.raises(BaiwenError, match="请稍后重试"):
        packages.import_results(hq.store, superset.path, passphrase=PASS, actor="t")
    assert _counts(hq.store) == before  # nothing of it went in
    # the same file again, as if it had just been merged by another PC: the package's key stops it
    monkeypatch.setattr(package_merge, "_already", lambda s, package_id: None)
    with pytest.raises(BaiwenError, match="请稍后重试"):
        packages.import_results(hq.store, first.path, passphrase=PASS, actor="t")
    assert _counts(hq.store) == before
    monkeypatch.undo()
    rep = packages.import_results(hq.store, superset.path, passphrase=PASS, actor="t")
    assert (rep.new, rep.unchanged, rep.conflicts) == (1, 2, [])


def test_an_exam_package_imported_twice_at_once_creates_one_exam(setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _hq, st, imp, issued = setup
    with st.session() as s:
        sessions_before = s.scalar(select(func.count()).select_from(ExamSession))
    again = _import_blind(st, issued, monkeypatch, package_exam._already)
    assert again.already and (again.exam_id, again.session_id) == (imp.exam_id, imp.session_id)
    with st.session() as s:
        assert s.scalar(select(func.count()).select_from(ExamSession)) == sessions_before


def _import_blind(st: Store, issued: packages.IssuedExamPackage, monkeypatch: pytest.MonkeyPatch, real) -> packages.ExamImport:  # type: ignore[no-untyped-def]
    """The pre-check sees nothing (another PC's import is not committed yet); the recovery sees it."""
    seen = {"n": 0}

    def blind_then_real(s, package_id):  # type: ignore[no-untyped-def]
        seen["n"] += 1
        return None if seen["n"] == 1 else real(s, package_id)

    monkeypatch.setattr(package_exam, "_already", blind_then_real)
    out = packages.import_exam(st, issued.path, issued.password, actor="s")
    assert seen["n"] == 2  # the database refused the second copy, then the import reported the first
    return out
