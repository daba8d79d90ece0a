"""`baiwen demo --exam ID --data-dir D`: a simulated class sits an exam that already exists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from baiwen_desktop.cli.main import main
from baiwen_desktop.core.exam import parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import exams, results, retakes, roster, sessions
from baiwen_desktop.services.context import open_app
from baiwen_desktop.services.demo import run_demo
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Attempt, Candidate, RetakeGrant

SMALL = {
    "title": "站点季度考试",
    "duration_minutes": 30,
    "pass_mark": 6,
    "parts": [{"type": "单选", "count": 5, "score_each": 1}, {"type": "判断", "count": 5, "score_each": 1}],
}


def make_exam(store: Store, **extra: object) -> exams.ExamInfo:
    return exams.create_exam(store, parse_exam({**SMALL, **extra}, "test"), "t")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_demo_sits_the_named_exam_not_a_new_standard_one(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = open_app(data)
    exam = make_exam(store)
    store.dispose()
    out = tmp_path / "o"
    code, text, err = run(capsys, "demo", "--exam", str(exam.id), "--candidates", "4", "--no-pdf", "--data-dir", str(data), "--out", str(out))
    assert (code, err) == (0, "")
    assert f"考试 {exam.id}“站点季度考试”，4 人" in text
    res = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert res["exam"] == {"id": exam.id, "title": "站点季度考试", "total": "10", "pass_mark": "6"}
    assert [len(c["questions"]) for c in res["candidates"]] == [10, 10, 10, 10]
    store = open_app(data)
    try:
        assert [e.title for e in exams.list_exams(store)] == ["站点季度考试"]  # no standard exam was created
        assert len(results.results(store, exam.id)) == 4
        assert sessions.open_sessions(store) == []  # the demo closed the session it opened
    finally:
        store.dispose()


def test_cli_demo_unknown_exam_is_a_clear_refusal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    code, out, err = run(capsys, "demo", "--exam", "77", "--data-dir", data, "--out", str(tmp_path / "o"))
    assert code == 1 and out == ""
    assert "没有编号为 77 的考试" in err and "no exam with id 77" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()  # refused before anything was written


def test_cli_demo_exam_without_data_dir_says_why(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "demo", "--exam", "1", "--out", str(tmp_path / "o"))
    assert code == 1 and "--exam 需要同时给出 --data-dir" in err and "needs --data-dir" in err


def test_an_open_session_s_roster_sits_it_and_the_session_stays_open(store: Store, tmp_path: Path) -> None:
    """As after importing an HQ exam package: the package's class sits, in the package's session."""
    exam = make_exam(store)
    rows = [RosterRow(f"S{i}", f"考生{i}", "东山供电所", "", "一班") for i in range(1, 4)]
    roster.import_rows(store, [*rows, RosterRow("X1", "别班", "营销部", "", "二班")], "t")
    sess = sessions.open_session(store, exam.id, "t", class_name="一班")
    first = run_demo(store, tmp_path / "a", candidates=2, with_pdfs=False, exam_id=exam.id)
    assert (first.session_id, first.candidates) == (sess.id, 2)
    assert sorted(r.employee_no for r in results.results(store, exam.id)) == ["S1", "S2"]
    rest = run_demo(store, tmp_path / "b", with_pdfs=False, exam_id=exam.id)  # default: everyone left
    assert sorted(r.employee_no for r in results.results(store, exam.id)) == ["S1", "S2", "S3"]
    assert rest.candidates == 3
    assert [x.id for x in sessions.open_sessions(store)] == [sess.id]  # the trainer closes it, not the demo
    with pytest.raises(Exception, match="都已参考"):
        run_demo(store, tmp_path / "c", with_pdfs=False, exam_id=exam.id)


def test_same_seed_twice_on_one_exam_is_refused_clearly(store: Store, tmp_path: Path) -> None:
    exam = make_exam(store)
    run_demo(store, tmp_path / "a", candidates=3, seed=4, with_pdfs=False, exam_id=exam.id)
    with pytest.raises(Exception, match="换一个 --seed"):
        run_demo(store, tmp_path / "b", candidates=3, seed=4, with_pdfs=False, exam_id=exam.id)
    again = run_demo(store, tmp_path / "c", candidates=3, seed=5, with_pdfs=False, exam_id=exam.id)
    assert again.candidates == 3 and len(results.results(store, exam.id)) == 6


def test_an_hq_exam_gets_documents_but_no_station_certificates(store: Store, tmp_path: Path) -> None:
    exam = make_exam(store, extra={"hq_package": {"package_id": "0f1e2d3c-0000-4000-8000-000000000000", "organisation": "国网某县供电公司",
                                                   "issuer_code": "JN01", "hq_exam_id": 9, "valid_until": None}})
    outcome = run_demo(store, tmp_path / "o", candidates=3, exam_id=exam.id)
    assert [p.name for p in outcome.files] == ["results.json", "成绩单.pdf", "成绩汇总表.pdf", "试题分析.pdf"]


def test_a_granted_retake_sits_one_by_one_beside_the_class_handed_in_together(store: Store, tmp_path: Path) -> None:
    """The class starts through bulk_attempts.start_many, which refuses anyone who sat the exam before:
    a candidate with a 补考 grant starts as a station would (claiming the grant), the rest together,
    and everyone is handed in together with their station's last count."""
    exam = make_exam(store)
    roster.import_rows(store, [RosterRow(f"S{i}", f"考生{i}", "东山供电所", "", "一班") for i in range(1, 4)], "t")
    first = sessions.open_session(store, exam.id, "t", class_name="一班")
    run_demo(store, tmp_path / "a", candidates=1, with_pdfs=False, exam_id=exam.id)  # S1 sits
    sessions.close_session(store, first.id, "t")
    retakes.grant(store, exam.id, "S1", "缺考补考", "t")
    second = sessions.open_session(store, exam.id, "t", class_name="一班")
    outcome = run_demo(store, tmp_path / "b", with_pdfs=False, exam_id=exam.id)
    assert (outcome.session_id, outcome.candidates) == (second.id, 3)
    with store.session() as s:
        got = sorted((c.employee_no, a.session_id, a.status, a.counted_ms > 0) for a, c in s.execute(select(Attempt, Candidate).join(Candidate)))
        grant = s.scalar(select(RetakeGrant))
        assert grant is not None and grant.attempt_id is not None  # used by S1's second attempt
    assert got == [("S1", first.id, "submitted", True), ("S1", second.id, "submitted", True), ("S2", second.id, "submitted", True), ("S3", second.id, "submitted", True)]
    assert [r.employee_no for r in results.results(store, exam.id, every_attempt=True)].count("S1") == 2
