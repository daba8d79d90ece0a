"""Merge conflicts at HQ are recorded and reported, never overwrite: the same candidate from two
stations or from HQ itself, an attempt changed after it was submitted, a paper that is not made of
the questions HQ issued. The rest of the package still merges."""

from __future__ import annotations

from pathlib import Path

import pytest
from package_helpers import PASS, SMALL_EXAM, make_hq, make_station, people_of, sit
from sqlalchemy import select, update

from baiwen_desktop.core.canonical import canonical_hash
from baiwen_desktop.services import attempts, packages, sessions
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Answer, Attempt, BankQuestion, Candidate, PackageConflict


@pytest.fixture
def hq(any_store: Store):  # type: ignore[no-untyped-def]
    return make_hq(any_store, SMALL_EXAM)


def _station(hq, tmp_path: Path, name: str, class_name: str | None = "一班") -> tuple[Store, packages.ExamImport]:  # type: ignore[no-untyped-def]
    st = make_station(tmp_path / name, name)
    issued = packages.export_exam(hq.store, hq.exam_id, tmp_path / f"{name}.bwexam", issuer=hq.issuer, passphrase=PASS, class_name=class_name, actor="t")
    return st, packages.import_exam(st, issued.path, issued.password, actor="s", trust_fingerprint=issued.hq_fingerprint)


def _conflicts(store: Store) -> list[tuple[str, str]]:
    with store.session() as s:
        return [(c.employee_no, c.kind) for c in s.scalars(select(PackageConflict).order_by(PackageConflict.id))]


def _hq_attempts(store: Store, employee_no: str) -> list[Attempt]:
    with store.session() as s:
        return list(s.scalars(select(Attempt).join(Candidate).where(Candidate.employee_no == employee_no).order_by(Attempt.id)))


def test_the_same_candidate_from_two_stations_or_from_hq_itself(hq, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    st1, imp1 = _station(hq, tmp_path, "东山站")
    st2, imp2 = _station(hq, tmp_path, "西河站")
    sit(st1, imp1.session_id, people_of("一班")[:2])  # A001, A002
    sit(st2, imp2.session_id, people_of("一班"))  # A001, A002, A003: A001 and A002 sat twice
    # A003 also sat at HQ itself
    sess = sessions.open_session(hq.store, hq.exam_id, "t", class_name="一班")
    sit(hq.store, sess.id, people_of("一班")[2:])
    r1 = packages.export_results(st1, imp1.exam_id, tmp_path / "1.bwresult", data_dir=st1.data_dir, actor="s")
    r2 = packages.export_results(st2, imp2.exam_id, tmp_path / "2.bwresult", data_dir=st2.data_dir, actor="s")
    assert packages.import_results(hq.store, r1.path, passphrase=PASS, actor="t").new == 2
    rep = packages.import_results(hq.store, r2.path, passphrase=PASS, actor="t")
    assert (rep.attempts, rep.new, rep.unchanged, len(rep.conflicts)) == (3, 0, 0, 3)
    assert any("A001" in c and "站点“东山站”" in c for c in rep.conflicts)
    assert any("A003" in c and "总部本地考试" in c for c in rep.conflicts)
    assert _conflicts(hq.store) == [("A001", "two_stations"), ("A002", "two_stations"), ("A003", "two_stations")]
    # nothing overwritten: A001 holds only the first station's attempt, A003 only HQ's own
    assert [a.station for a in _hq_attempts(hq.store, "A001")] == ["东山站"]
    assert [a.origin_station_id for a in _hq_attempts(hq.store, "A003")] == [""]
    assert [(p.kind, p.conflicts) for p in packages.list_packages(hq.store) if p.kind == "result"] == [("result", 3), ("result", 0)]


def test_an_attempt_changed_after_it_was_submitted(hq, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    st, imp = _station(hq, tmp_path, "东山站")
    ids = sit(st, imp.session_id, people_of("一班")[:2])
    r1 = packages.export_results(st, imp.exam_id, tmp_path / "1.bwresult", data_dir=st.data_dir, actor="s")
    assert packages.import_results(hq.store, r1.path, passphrase=PASS, actor="t").new == 2
    [held] = _hq_attempts(hq.store, "A001")
    with hq.store.session() as s:
        before = [a.response for a in s.scalars(select(Answer).where(Answer.attempt_id == held.id).order_by(Answer.position))]
    # someone edits A001's submitted answer in the station's database, then exports again
    with st.session() as s, s.begin():
        s.execute(update(Answer).where(Answer.attempt_id == ids[0], Answer.position == 0).values(response=[3]))
    r2 = packages.export_results(st, imp.exam_id, tmp_path / "2.bwresult", data_dir=st.data_dir, actor="s")
    rep = packages.import_results(hq.store, r2.path, passphrase=PASS, actor="t")
    assert (rep.new, rep.unchanged, len(rep.conflicts)) == (0, 1, 1) and "A001" in rep.conflicts[0] and "交卷后答卷被改动" in rep.conflicts[0]
    assert _conflicts(hq.store) == [("A001", "changed_after_submit")]
    with hq.store.session() as s:
        after = [a.response for a in s.scalars(select(Answer).where(Answer.attempt_id == held.id).order_by(Answer.position))]
        assert s.get(Attempt, held.id).origin_digest == held.origin_digest  # type: ignore[union-attr]
    assert after == before


def test_a_paper_not_made_of_the_questions_hq_issued(hq, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    st, imp = _station(hq, tmp_path, "东山站")
    # the station edits the key of every 单选 in its copy of HQ's bank before the sitting (the row's
    # digest with it, as every writer of bank rows keeps it: migration 0010)
    with st.session() as s, s.begin():
        for bq in s.scalars(select(BankQuestion).where(BankQuestion.qtype == "单选")):
            bq.content = {**bq.content, "correct": [0]}
            bq.digest = canonical_hash(bq.content)
    sit(st, imp.session_id, people_of("一班")[:1])
    card = attempts.find_candidate(st, imp.session_id, "A002", "考生A002")
    attempts.start_attempt(st, imp.session_id, card.id, "东山站")  # unfinished: counted, not exported
    res = packages.export_results(st, imp.exam_id, tmp_path / "r.bwresult", data_dir=st.data_dir, actor="s")
    assert (res.attempts, res.unfinished) == (1, 1)
    rep = packages.import_results(hq.store, res.path, passphrase=PASS, actor="t")
    assert (rep.new, len(rep.conflicts)) == (0, 1) and "与总部下发的题目不同" in rep.conflicts[0]
    assert _conflicts(hq.store) == [("A001", "paper_mismatch")]
    assert _hq_attempts(hq.store, "A001") == []


def _resealed(st: Store, path: Path, hq, change) -> Path:  # type: ignore[no-untyped-def]
    """The station's package opened with HQ's key, changed, signed and sealed again with the station's real key."""
    from baiwen_desktop.core import package_box
    from baiwen_desktop.services import package_keys

    station_key = package_keys.station_key(st.data_dir)
    header, payload = package_box.open_package(path.read_bytes(), verify_key=station_key.public_key(),
                                               recipient=package_keys.hq_private_key(hq.store, PASS))
    change(payload)
    fields = {k: header[k] for k in ("organisation", "issuer_code", "summary", "package_id")}
    out = path.with_name(f"resealed-{path.name}")
    out.write_bytes(package_box.seal_to_recipient("result", fields, payload, package_keys.stored_public_key(hq.store), station_key, header["signer"]))
    return out


@pytest.mark.parametrize("change", [
    lambda q: q.update(correct=[(q["correct"][0] + 1) % len(q["options"])]),  # another key
    lambda q: q.update(correct=[bool(q["correct"][0]) if q["correct"][0] in (0, 1) else float(q["correct"][0])]),  # equal in Python, not in JSON
], ids=["other-key", "same-value-other-type"])
def test_a_question_sent_under_an_issued_name_with_other_content(any_store: Store, tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    """A later package (HQ has checked these questions for an earlier one in the same process) names HQ's
    question but sends other content for it, even content Python holds equal (1 == True == 1.0): a conflict."""
    hq = make_hq(any_store, {**SMALL_EXAM, "fixed_paper": True})  # everyone the same questions
    st, imp = _station(hq, tmp_path, "东山站")
    sit(st, imp.session_id, people_of("一班")[:1])
    first = packages.export_results(st, imp.exam_id, tmp_path / "1.bwresult", data_dir=st.data_dir, actor="s")
    assert packages.import_results(hq.store, first.path, passphrase=PASS, actor="t").new == 1
    sit(st, imp.session_id, people_of("一班")[1:2])
    second = packages.export_results(st, imp.exam_id, tmp_path / "2.bwresult", data_dir=st.data_dir, actor="s")

    def alter(p: dict) -> None:  # type: ignore[type-arg]
        single = next(q for q in p["questions"].values() if q["type"] == "单选")
        change(single)

    rep = packages.import_results(hq.store, _resealed(st, second.path, hq, alter), passphrase=PASS, actor="t")
    assert (rep.new, rep.unchanged, len(rep.conflicts)) == (0, 1, 1) and "与总部下发的题目不同" in rep.conflicts[0]
    assert _conflicts(hq.store) == [("A002", "paper_mismatch")]
    assert _hq_attempts(hq.store, "A002") == []
    st.dispose()
