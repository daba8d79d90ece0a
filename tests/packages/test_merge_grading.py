"""HQ grades every merged attempt itself: what the merge stores (score, 合格, 待阅卷, each answer's
automatic and final points) is exactly what attempts.grade_attempt gives on the stored attempt."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from package_helpers import PASS, SMALL_EXAM, make_hq, make_station, people_of, sit
from sqlalchemy import Text, cast, select

from baiwen_desktop.core.question import QType
from baiwen_desktop.services import attempts, packages, review, station
from baiwen_desktop.services.demo import simulate_response
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Answer, Attempt, AuditEvent, Package


def _sit(st: Store, session_id: int, people: list[tuple[str, str]], seed: int) -> None:
    """Each candidate with another accuracy, some questions left unanswered."""
    rng = random.Random(seed)
    name = station.station_identity(st).name
    for n, (no, who) in enumerate(people):
        card = attempts.find_candidate(st, session_id, no, who)
        state = attempts.start_attempt(st, session_id, card.id, name)
        for pos, item in enumerate(state.paper.items):
            if rng.random() < 0.1 * n or (n == 2 and item.question.qtype is QType.SHORT):
                continue  # left unanswered (the third leaves every 简答: nothing waits for a trainer, 合格 is decided)
            response = simulate_response(item, (0.95, 0.5, 0.1)[n % 3], rng)
            attempts.save_answer(st, state.attempt_id, pos, response, False, token=state.lease_token)
        attempts.submit(st, state.attempt_id, "submitted", counted_ms=600_000, token=state.lease_token)


def _stored(a: Attempt) -> tuple[object, ...]:
    return (a.score, a.passed, a.pending_review, [(x.position, x.auto_points, x.final_points) for x in a.answers])


def test_merged_grades_are_hqs_own(any_store: Store, tmp_path: Path) -> None:
    _merged_grades_are_hqs_own(any_store, tmp_path)


def test_merged_grades_are_hqs_own_with_the_caches_started_afresh_each_package(any_store: Store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The process-wide caches of checked questions, paper items and grades start afresh once over their bounds."""
    from baiwen_desktop.services import merge_grading

    monkeypatch.setattr(merge_grading, "_MAX_GRADES", 0)
    monkeypatch.setattr(merge_grading, "_MAX_ENTRIES", 0)
    _merged_grades_are_hqs_own(any_store, tmp_path)
    assert merge_grading._graded[0] > 0 and sum(map(len, merge_grading._entries.values())) > 0  # filled again by the last package


def _merged_grades_are_hqs_own(any_store: Store, tmp_path: Path) -> None:
    hq = make_hq(any_store)
    for k, cls in enumerate(("一班", "二班")):  # the second package is graded with what the first left in the process
        issued = packages.export_exam(hq.store, hq.exam_id, tmp_path / f"{cls}.bwexam", issuer=hq.issuer, passphrase=PASS, class_name=cls, actor="t")
        st = make_station(tmp_path / cls, f"{cls}供电所")
        imp = packages.import_exam(st, issued.path, issued.password, actor="站长", trust_fingerprint=issued.hq_fingerprint)
        _sit(st, imp.session_id, people_of(cls), seed=k)
        out = packages.export_results(st, imp.exam_id, tmp_path / f"{cls}.bwresult", data_dir=st.data_dir, actor="站长")
        st.dispose()
        assert packages.import_results(hq.store, out.path, passphrase=PASS, actor="t").new == len(people_of(cls))

    with hq.store.session() as s:
        merged = list(s.scalars(select(Attempt).where(Attempt.origin_attempt_id.is_not(None)).order_by(Attempt.id)))
        assert len(merged) == 5
        stored = [_stored(a) for a in merged]
        for a in merged:
            attempts.grade_attempt(s, a)
        assert [_stored(a) for a in merged] == stored
        s.rollback()
    scores = [row[0] for row in stored]
    assert len(set(scores)) > 2 and all(isinstance(x, Decimal) for x in scores)  # the sittings differ
    assert any(x is None for row in stored for _pos, _auto, x in row[3])  # answered 简答 wait for a trainer
    assert [row[2] for row in stored] == [True, True, False, True, True]
    assert [row[1] for row in stored][2] is not None


def _answers(store: Store, merged: bool) -> dict[tuple[int, int], tuple[object, ...]]:
    """Each answer's response (as the database holds its JSON: text), 标记 and save time, by (the station's attempt id, position)."""
    ta, at = Answer.__table__, Attempt.__table__
    origin = at.c.origin_attempt_id if merged else at.c.id
    with store.session() as s:
        rows = s.execute(select(origin, ta.c.position, cast(ta.c.response, Text), ta.c.marked, ta.c.saved_at)
                         .join(at, at.c.id == ta.c.attempt_id).where(origin.is_not(None)))
        return {(r[0], r[1]): tuple(r[2:]) for r in rows}


def test_merged_answers_are_stored_as_the_station_stored_them(any_store: Store, tmp_path: Path) -> None:
    """Every answer's response (to the character), 标记 and save time at HQ is the station's own (responses of
    every type, some unanswered, some marked; times to the second, as packages carry them)."""
    hq = make_hq(any_store)
    issued = packages.export_exam(hq.store, hq.exam_id, tmp_path / "一班.bwexam", issuer=hq.issuer, passphrase=PASS, class_name="一班", actor="t")
    st = make_station(tmp_path / "一班", "一班供电所")
    imp = packages.import_exam(st, issued.path, issued.password, actor="站长", trust_fingerprint=issued.hq_fingerprint)
    _sit(st, imp.session_id, people_of("一班"), seed=5)
    with st.session() as s, s.begin():  # a few marked for review by the candidate
        s.execute(Answer.__table__.update().where(Answer.position % 7 == 3).values(marked=True))
    station_rows = {k: (*v[:2], v[2].replace(microsecond=0)) for k, v in _answers(st, merged=False).items()}  # type: ignore[attr-defined]
    out = packages.export_results(st, imp.exam_id, tmp_path / "一班.bwresult", data_dir=st.data_dir, actor="站长")
    st.dispose()
    assert packages.import_results(hq.store, out.path, passphrase=PASS, actor="t").new == 3
    hq_rows = _answers(hq.store, merged=True)
    assert hq_rows == station_rows
    assert {r[0][:1] for r in hq_rows.values()} == {"n", "[", "t", "f", '"'}  # type: ignore[index]  # unanswered (JSON null), lists, 判断 both ways, texts
    assert {r[1] for r in hq_rows.values()} == {False, True}


def test_a_station_score_that_differs_from_hqs_grade_is_reported_and_recorded(any_store: Store, tmp_path: Path) -> None:
    """The station's trainer marked a 简答 otherwise than the suggestion HQ starts from: the merge takes
    HQ's grade, and says where the station's provisional score differs (report, package record, audit)."""
    hq = make_hq(any_store, SMALL_EXAM)
    issued = packages.export_exam(hq.store, hq.exam_id, tmp_path / "一班.bwexam", issuer=hq.issuer, passphrase=PASS, class_name="一班", actor="t")
    st = make_station(tmp_path / "一班", "一班供电所")
    imp = packages.import_exam(st, issued.path, issued.password, actor="站长", trust_fingerprint=issued.hq_fingerprint)
    sit(st, imp.session_id, people_of("一班"), seed=3)
    marked = review.pending(st, imp.exam_id)[0]
    points = Decimal(0) if marked.suggested else marked.max_points
    review.set_score(st, marked.answer_id, points, "站长")
    with st.session() as s:
        station_scores = {a.candidate.employee_no: a.score for a in s.scalars(select(Attempt))}
    out = packages.export_results(st, imp.exam_id, tmp_path / "一班.bwresult", data_dir=st.data_dir, actor="站长")
    st.dispose()

    rep = packages.import_results(hq.store, out.path, passphrase=PASS, actor="t")
    with hq.store.session() as s:
        hq_scores = {a.candidate.employee_no: a.score for a in s.scalars(select(Attempt).where(Attempt.origin_attempt_id.is_not(None)))}
        row = s.scalars(select(Package).where(Package.direction == "in")).one()
        logged = s.scalars(select(AuditEvent.detail).where(AuditEvent.event == "package_import", AuditEvent.origin_station_id == "")).one()
    no = marked.employee_no
    assert hq_scores[no] == station_scores[no] - points + marked.suggested  # HQ starts from the suggestion
    assert all(hq_scores[k] == station_scores[k] for k in hq_scores if k != no)
    assert rep.score_differences == [
        f"{no} {marked.name}：站点成绩 {station_scores[no]}，总部评分 {hq_scores[no]}"
        f"（相差 {hq_scores[no] - station_scores[no]:+}；总部评分含待阅卷简答的建议分；以总部为准）"
    ]
    assert row.detail["score_differences"] == [
        {"employee_no": no, "name": marked.name, "station_score": str(station_scores[no]), "hq_score": str(hq_scores[no]), "pending_review": True}
    ]
    assert logged.endswith("，站点成绩与总部评分不同 1")
    again = packages.merge_record(hq.store, rep.package_id)  # 数据交换 → 查看合并报告…, later
    assert again is not None and (again.score_differences, again.new, again.conflicts) == (rep.score_differences, rep.new, [])
    assert (again.station_name, again.fingerprint, again.attempts, again.unchanged) == (rep.station_name, rep.fingerprint, rep.attempts, 0)
    assert packages.merge_record(hq.store, issued.package_id) is None  # an exam package has no merge report
    assert packages.import_results(hq.store, out.path, passphrase=PASS, actor="t").score_differences == []  # merged before: nothing new to compare
