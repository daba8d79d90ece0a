"""Result packages and the merge with papers stored by reference (services.frozen_papers): the station
exports its stored papers as they are plus each snapshot once; HQ stores the same papers and snapshots,
never the papers expanded, and reads back the very papers the candidates sat."""

from __future__ import annotations

from pathlib import Path

from package_helpers import PASS, SMALL_EXAM, make_hq, make_station, people_of, sit
from sqlalchemy import select

from baiwen_desktop.core.canonical import canonical_hash
from baiwen_desktop.services import attempts, frozen_papers, packages
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Attempt, QuestionSnapshot


def _papers(store: Store) -> dict[int, dict]:  # type: ignore[type-arg]
    with store.session() as s:
        return frozen_papers.stored_many(s, s.scalars(select(Attempt.id).order_by(Attempt.id)))


def _snapshots(store: Store) -> dict[str, dict]:  # type: ignore[type-arg]
    with store.session() as s:
        return dict(list(s.execute(select(QuestionSnapshot.digest, QuestionSnapshot.question))))


def test_hq_stores_the_station_papers_by_reference_and_reads_back_what_was_sat(any_store: Store, tmp_path: Path) -> None:
    hq = make_hq(any_store, {**SMALL_EXAM, "fixed_paper": True})  # the same questions for everyone: shared snapshots
    issued = packages.export_exam(hq.store, hq.exam_id, tmp_path / "一班.bwexam", issuer=hq.issuer, passphrase=PASS, class_name="一班", actor="t")
    st = make_station(tmp_path / "站点", "一班供电所")
    imp = packages.import_exam(st, issued.path, issued.password, actor="站长", trust_fingerprint=issued.hq_fingerprint)
    sat = sit(st, imp.session_id, people_of("一班"))
    station_papers = _papers(st)
    sat_papers = {a: attempts.load_attempt(st, a).paper for a in sat}
    out = packages.export_results(st, imp.exam_id, tmp_path / "一班.bwresult", data_dir=st.data_dir, actor="站长")
    packages.import_results(hq.store, out.path, passphrase=PASS, actor="t")

    with hq.store.session() as s:
        origin = dict(list(s.execute(select(Attempt.id, Attempt.origin_attempt_id).where(Attempt.exam_id == hq.exam_id))))
        merged = {origin[a]: paper for a, paper in frozen_papers.stored_many(s, origin).items()}
        thawed = frozen_papers.thaw_many(s, merged)
    assert sorted(merged) == sorted(sat)
    for a in sat:
        assert merged[a] == station_papers[a]  # the station's stored paper, digests and all
        assert all(len(i["question"]) == 64 for i in merged[a]["items"])
        assert thawed[a] == sat_papers[a]
    # each snapshot once at HQ, the station's content, named by its hash
    named = {i["question"] for p in merged.values() for i in p["items"]}
    hq_snaps = _snapshots(hq.store)
    assert set(hq_snaps) == named and len(named) < sum(len(p["items"]) for p in merged.values())
    assert all(canonical_hash(content) == digest for digest, content in hq_snaps.items())
    assert hq_snaps == {d: c for d, c in _snapshots(st).items() if d in named}
