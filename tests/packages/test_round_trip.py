"""Issue 11's round trip: HQ exports an exam package per class -> two stations (own databases, own
data folders, so own station keys) import and sit -> both export results -> HQ merges -> the
results export has every candidate once -> HQ's certificates verify. HQ on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from package_helpers import CLASSES, ORG, PASS, make_hq, make_station, people_of, sit
from pypdf import PdfReader
from sqlalchemy import func, select

from baiwen_desktop.services import banks, documents, packages, results, review, sessions
from baiwen_desktop.services.packages import ExamImport, MergeReport
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import (
    Attempt,
    AuditEvent,
    Bank,
    Certificate,
    CertKey,
    Exam,
    Package,
    PackageStation,
)


def _count(store: Store, model: type, *where: object) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0  # type: ignore[arg-type]


def test_round_trip_two_stations_to_hq_certificates(any_store: Store, tmp_path: Path) -> None:
    hq = make_hq(any_store)
    out1 = packages.export_exam(hq.store, hq.exam_id, tmp_path / "一班.bwexam", issuer=hq.issuer, passphrase=PASS, class_name="一班", actor="t")
    out2 = packages.export_exam(hq.store, hq.exam_id, tmp_path / "二班.bwexam", issuer=hq.issuer, passphrase=PASS, class_name="二班", actor="t")
    assert (out1.candidates, out2.candidates) == (3, 2)
    assert out1.password != out2.password and len(out1.password) == 24 and out1.hq_fingerprint == out2.hq_fingerprint
    assert out1.password.encode() not in out1.path.read_bytes()  # never on the stick
    # the stick never holds a readable question, key or name: only the cover's title and counts are plain
    raw = out1.path.read_bytes()
    for q in banks.bank_questions(hq.store, banks.BUNDLED_NAME)[:100]:
        assert q.stem[:12].encode() not in raw and (q.answer_text()[:8].encode() not in raw or len(q.answer_text()) < 6)
    assert "考生A001".encode() not in raw

    stations = {}
    for cls, issued in (("一班", out1), ("二班", out2)):
        st = make_station(tmp_path / f"站点{cls}", f"{cls}供电所")
        imp = packages.import_exam(st, issued.path, issued.password, actor="站长", trust_fingerprint=issued.hq_fingerprint)
        assert isinstance(imp, ExamImport) and not imp.already
        assert (imp.candidates, imp.organisation) == (len(CLASSES[cls]), ORG)
        assert imp.questions == issued.questions > 47  # every question a rule can draw, not one paper
        with st.session() as s:
            exam = s.get(Exam, imp.exam_id)
            assert exam is not None
            flag = exam.definition["extra"]["hq_package"]
            assert (flag["package_id"], flag["organisation"], flag["issuer_code"], flag["hq_exam_id"]) == (issued.package_id, ORG, "HQ01", hq.exam_id)
            bank = s.scalars(select(Bank)).one()  # the station never loaded the bundled bank: only HQ's snapshots
            assert bank.name == f"百问百查（2009版）（总部考试包 {issued.package_id[:8]}）" and bank.description == "总部下发，勿修改" and not bank.bundled
            assert [k.private_key for k in s.scalars(select(CertKey))] == [""]  # HQ's key, verify-only
        assert [(x.id, x.class_name, x.is_open) for x in sessions.open_sessions(st)] == [(imp.session_id, cls, True)]
        stations[cls] = (st, imp)

    # sittings through the services; one candidate of 一班 is still answering when the results go out
    st1, imp1 = stations["一班"]
    st2, imp2 = stations["二班"]
    sit(st1, imp1.session_id, people_of("一班")[:2], seed=1)
    sit(st2, imp2.session_id, people_of("二班"), seed=2)
    from baiwen_desktop.services import attempts

    card = attempts.find_candidate(st1, imp1.session_id, "A003", "考生A003")
    live = attempts.start_attempt(st1, imp1.session_id, card.id, "一班供电所")

    r1 = packages.export_results(st1, imp1.exam_id, tmp_path / "一班.bwresult", data_dir=st1.data_dir, actor="站长")
    r2 = packages.export_results(st2, imp2.exam_id, tmp_path / "二班.bwresult", data_dir=st2.data_dir, actor="站长")
    assert (r1.attempts, r1.unfinished, r2.attempts, r2.unfinished) == (2, 1, 2, 0)
    assert r1.fingerprint != r2.fingerprint  # two data folders, two station keys
    assert "考生A001".encode() not in r1.path.read_bytes()
    # the printed cover beside the package: station, exam and the fingerprint HQ checks by phone
    assert r1.cover_pdf == tmp_path / "一班_封面.pdf"
    cover = "".join(page.extract_text() for page in PdfReader(r1.cover_pdf).pages)
    assert len(PdfReader(r1.cover_pdf).pages) == 1
    assert "一班供电所" in cover and all(group in cover for group in r1.fingerprint.split("-"))

    m1 = packages.import_results(hq.store, r1.path, passphrase=PASS, actor="t")
    m2 = packages.import_results(hq.store, r2.path, passphrase=PASS, actor="t")
    assert isinstance(m1, MergeReport)
    assert (m1.station_name, m1.fingerprint, m1.attempts, m1.new, m1.unchanged, m1.conflicts, m1.already) == ("一班供电所", r1.fingerprint, 2, 2, 0, [], False)
    assert (m2.new, m2.conflicts) == (2, [])
    assert m1.pending_review == 2 and m2.pending_review == 2  # every paper has 简答: HQ's 阅卷 queue

    # the late candidate finishes; the next export is a superset, and the merge takes only the new one
    attempts.save_answer(st1, live.attempt_id, 0, [0], False, token=live.lease_token)
    attempts.submit(st1, live.attempt_id, "submitted", token=live.lease_token)
    r1b = packages.export_results(st1, imp1.exam_id, tmp_path / "一班-2.bwresult", data_dir=st1.data_dir, actor="站长")
    assert (r1b.attempts, r1b.unfinished, r1b.fingerprint) == (3, 0, r1.fingerprint)
    m1b = packages.import_results(hq.store, r1b.path, passphrase=PASS, actor="t")
    assert (m1b.attempts, m1b.new, m1b.unchanged, m1b.conflicts, m1b.already) == (3, 1, 2, [], False)
    # the same file again changes nothing
    with hq.store.session() as s:
        before = (s.scalar(select(func.count()).select_from(Attempt)), s.scalar(select(func.count()).select_from(AuditEvent)))
    again = packages.import_results(hq.store, r1b.path, passphrase=PASS, actor="t")
    assert (again.already, again.new) == (True, 0)
    with hq.store.session() as s:
        assert (s.scalar(select(func.count()).select_from(Attempt)), s.scalar(select(func.count()).select_from(AuditEvent))) == before

    # HQ holds each station attempt once, graded on HQ's exam; the stations' audit entries came along, each once
    with hq.store.session() as s:
        merged = list(s.scalars(select(Attempt).where(Attempt.exam_id == hq.exam_id).order_by(Attempt.id)))
        assert len(merged) == 5 and all(a.origin_station_id for a in merged) and all(a.session_id is None for a in merged)
        assert {a.origin_station_id for a in merged} == {packages.peek(r1.path)["station_id"], packages.peek(r2.path)["station_id"]}
        assert all(a.focus_losses == 1 for a in merged if a.counted_ms == 600_000)
        hq_def = s.get(Exam, hq.exam_id).definition  # type: ignore[union-attr]
        assert all(a.exam_definition == hq_def for a in merged)
        events = {e.event for e in s.scalars(select(AuditEvent).where(AuditEvent.origin_station_id != ""))}
        assert {"start", "submit", "focus_lost", "package_import", "session_open"} <= events
        assert s.scalar(select(func.count()).select_from(PackageStation)) == 2
        assert s.scalar(select(func.count()).select_from(Package).where(Package.direction == "in")) == 3

    # HQ's 阅卷, then the results export: every candidate once
    for p in review.pending(hq.store, hq.exam_id):
        review.set_score(hq.store, p.answer_id, p.suggested, "阅卷老师")
    sheet = tmp_path / "成绩.csv"
    assert results.export(hq.store, hq.exam_id, "csv", sheet) == 5
    with sheet.open(encoding="utf-8-sig") as f:
        numbers = [row["工号"] for row in csv.DictReader(f)]
    assert sorted(numbers) == ["A001", "A002", "A003", "B001", "B002"]

    # HQ's certificates: HQ's numbers (issuer code HQ01) and key, and they verify
    rows = results.results(hq.store, hq.exam_id)
    passed = [r for r in rows if r.passed]
    assert passed, "the simulated accuracy should let someone pass"
    documents.generate(hq.store, "certificates", hq.exam_id, tmp_path / "证书.pdf", issuer=hq.issuer, actor="t")
    with hq.store.session() as s:
        certs_ = list(s.scalars(select(Certificate)))
    assert len(certs_) == len(passed) and all(c.number.startswith("BWBC-HQ01-") and c.key_id == hq.issuer.kid for c in certs_)
    for c in certs_:
        assert documents.verify(hq.store, c.payload).valid
        assert documents.verify(st1, c.payload).valid  # a station holds HQ's public keys from the package: it checks HQ's certificates
    assert sum(r.score for r in rows) > Decimal(0)

    # the 数据交换 list
    listed = packages.list_packages(hq.store)
    assert sorted((p.kind, p.direction) for p in listed) == [("exam", "out")] * 2 + [("result", "in")] * 3
    assert {p.station for p in listed if p.kind == "result"} == {"一班供电所", "二班供电所"}
    assert sorted(p.station for p in listed if p.kind == "exam") == ["一班", "二班"]  # where each went, not 总部
    assert all(p.exam_title == "百问百查闭卷考试" for p in listed)
    assert sorted((p.kind, p.direction, p.attempts, p.station) for p in packages.list_packages(st1)) == [
        ("exam", "in", 0, "总部"), ("result", "out", 2, "一班供电所"), ("result", "out", 3, "一班供电所")]
    for st, _ in stations.values():
        st.dispose()
