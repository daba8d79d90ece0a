"""A 3,000-candidate exam from a generated 5,000-question bank, through the services:

    python bench/scale.py [--candidates 3000] [--pg] [--floors]
      (--pg: also on BAIWEN_TEST_PG_URL; --floors: each phase's floor on SQLite, bench/scale_floors.py)

Phases (wall seconds; the total is the sum of the four measured phases):
  1. paper generation: services.bulk_attempts.start_many — 3,000 papers of 100 questions drawn
     (core.paper via the cached services.banks.rule_pool) and frozen with their 300,000 answer rows;
  -  (not counted) the candidates' responses written, one executemany: they stand for 3,000
     stations' per-answer saves, which bench/answer_save.py measures;
  2. grading: services.bulk_attempts.submit_many — every attempt handed in and its 300,000
     responses graded (core.grading.settle), as attempts.submit does one by one;
  3. item analysis: services.item_analysis.exam_item_analysis (what the 试题分析 report computes:
     P, D, point-biserial, distractors per question, KR-20), column-wise from the answer rows;
  4. class summary PDF: services.documents.generate(kind="summary") — reports.summary, 成绩汇总表.
Wall and CPU seconds of each phase (CPU: this process's time, steadier on a shared machine), and
the process's peak RSS (resource.getrusage) after each phase.

The paper is objective (单选 45, 多选 20, 判断 25, 填空 10): a 简答 awaits a trainer's 阅卷 and
the reports leave such attempts out until then. Baseline, same run (`--baseline N`, default
100 candidates, scaled to the full count): the one-by-one path — attempts.start_attempt and
attempts.submit per candidate. Target: ≤ 10 s in total on SQLite.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import scale_floors  # bench/ is on sys.path when this script runs
from sqlalchemy import bindparam, update

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.core.question import Question
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import (
    attempts,
    banks,
    bulk_attempts,
    documents,
    exams,
    frozen_papers,
    item_analysis,
    results,
    roster,
    sessions,
)
from baiwen_desktop.services.context import open_app
from baiwen_desktop.services.demo import simulate_response
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Answer

BANK = "测速5000"
SIZE = 5000
TARGET_S = 10.0
CLASS = "规模测试班"
PARTS = [
    {"type": "单选", "count": 45, "score_each": 1},
    {"type": "多选", "count": 20, "score_each": 1},
    {"type": "判断", "count": 25, "score_each": 1},
    {"type": "填空", "count": 10, "score_each": 1},
]
UNITS = ["城区供电所", "城郊供电所", "东山供电所", "西河供电所", "客户服务中心", "营销部"]


def generated_bank(seed_bank: list[Question]) -> list[Question]:
    """5,000 questions cycled from the bundled bank: new ids, stems and 出处 (about 3 per 出处)."""
    return [
        replace(q, id=f"g{i:05d}", stem=f"{q.stem}（{i}）", source=f"第{i // 3 + 1}问")
        for i, q in ((i, seed_bank[i % len(seed_bank)]) for i in range(SIZE))
    ]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(store: Store, people: int, tag: str) -> tuple[int, int, list[int]]:
    """Bank, roster, exam, open session (not timed). Returns exam id, session id, candidate ids."""
    if tag == "full":
        seed_bank = banks.bank_questions(store, parse_exam(STANDARD_EXAM, "bench").bank)
        banks.add_questions(store, BANK, generated_bank(seed_bank), "bench")
    rng = random.Random(7)
    cls = f"{CLASS}{tag}"
    roster.import_rows(store, [RosterRow(f"{tag[0].upper()}{i:05d}", f"考生{i}", rng.choice(UNITS), "", cls) for i in range(people)], "bench")
    exam = parse_exam({**STANDARD_EXAM, "title": f"规模测试{tag}", "bank": BANK, "pass_mark": 60, "parts": PARTS}, "bench")
    created = exams.create_exam(store, exam, "bench")
    sess = sessions.open_session(store, created.id, "bench", class_name=cls)
    ids = [c.id for c in roster.list_candidates(store, class_name=cls)]
    return created.id, sess.id, ids


def write_responses(store: Store, attempt_ids: list[int]) -> dict[int, int]:
    """Every candidate answers every question (accuracy drawn per candidate), one executemany per 500 attempts."""
    rng = random.Random(11)
    used: dict[int, int] = {}
    ta = Answer.__table__
    stmt = update(ta).where(ta.c.attempt_id == bindparam("a"), ta.c.position == bindparam("p")).values(response=bindparam("r"))
    for i in range(0, len(attempt_ids), 500):
        chunk = attempt_ids[i : i + 500]
        with store.session() as s, s.begin():
            papers = frozen_papers.thaw_many(s, frozen_papers.stored_many(s, chunk))
            rows = []
            for aid in chunk:
                accuracy = min(0.98, max(0.3, rng.gauss(0.72, 0.14)))
                for pos, item in enumerate(papers[aid].items):
                    rows.append({"a": aid, "p": pos, "r": simulate_response(item, accuracy, rng)})
                used[aid] = rng.randrange(20, 60) * 60_000
            s.connection().execute(stmt, rows)
    return used


class Phases:
    """Wall and CPU seconds of each measured step (CPU: this process's user + system time, steadier
    than wall on a shared machine; the database is SQLite in this process, PostgreSQL's own work
    is not in it)."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.peak: dict[str, float] = {}
        self.exam_id = 0

    @contextmanager
    def measure(self, name: str, scale: float = 1.0) -> Iterator[None]:
        w, c = time.perf_counter(), time.process_time()
        yield
        self.wall[name] = (time.perf_counter() - w) * scale
        self.cpu[name] = (time.process_time() - c) * scale
        self.peak[name] = peak_mb()


def run(store: Store, people: int, baseline: int, out: Path) -> Phases:
    exam_id, session_id, ids = prepare(store, people, "full")
    t = Phases()
    t.exam_id = exam_id
    with t.measure(PAPERS):
        attempt_ids = bulk_attempts.start_many(store, session_id, ids, "规模测试机")
    with t.measure("(responses written, not counted)"):
        used = write_responses(store, attempt_ids)
    with t.measure(GRADING):
        done = bulk_attempts.submit_many(store, attempt_ids, "submitted", "", counted_ms=used)
    assert done == people
    with t.measure(ANALYSIS):
        analysis = item_analysis.exam_item_analysis(store, exam_id)
    assert analysis.candidate_count == people and analysis.rows
    with t.measure(PDF):
        pdf = documents.generate(store, "summary", exam_id, out / "成绩汇总表.pdf")
    assert pdf[0].stat().st_size > 0
    if baseline:
        # the one-by-one path on `baseline` candidates, scaled
        b_exam, b_session, b_ids = prepare(store, baseline, "base")
        with t.measure(BASE_PAPERS, people / baseline):
            states = [attempts.start_attempt(store, b_session, cid, "规模测试机") for cid in b_ids]
        b_used = write_responses(store, [st.attempt_id for st in states])
        with t.measure(BASE_GRADING, people / baseline):
            for st in states:
                attempts.submit(store, st.attempt_id, "submitted", counted_ms=b_used[st.attempt_id], token=st.lease_token)
        check = {r.employee_no: r.score for r in results.results(store, b_exam)}
        assert len(check) == baseline
    return t


PAPERS, GRADING, ANALYSIS, PDF = (
    "paper generation (start_many)", "grading (submit_many)", "item analysis (exam_item_analysis)", "class summary PDF (documents.generate)"
)
BASE_PAPERS, BASE_GRADING = "baseline papers: start_attempt each (scaled)", "baseline grading: submit each (scaled)"


def report_floors(got: dict[str, scale_floors.Floor], t: Phases) -> None:
    """Each phase next to raw sqlite3 writing/reading the same rows (bench/scale_floors.py), same run."""
    print("\n  floors, same run (raw sqlite3 on a copy of this database; PDF: font parse + plain drawString cells)")
    print(f"  {'':<48} {'wall s':>9} {'CPU s':>9} {'ours/floor CPU':>15}")
    total_w = total_c = 0.0
    for (name, (w, c)), phase in zip(got.items(), (PAPERS, GRADING, ANALYSIS, PDF), strict=True):
        total_w, total_c = total_w + w, total_c + c
        print(f"  {'floor: ' + name:<48} {w:9.2f} {c:9.2f} {t.cpu[phase] / c:14.2f}×")
    print(f"  {'floor: TOTAL':<48} {total_w:9.2f} {total_c:9.2f}")


def report(name: str, t: Phases, people: int) -> None:
    print(f"\n{name}: {people} candidates × 100 questions from {SIZE}   (load average {os.getloadavg()[0]:.1f})")
    print(f"  {'':<48} {'wall s':>9} {'CPU s':>9} {'peak MB':>9}")
    for k in t.wall:
        print(f"  {k:<48} {t.wall[k]:9.2f} {t.cpu[k]:9.2f} {t.peak[k]:9.0f}")
    phases = [PAPERS, GRADING, ANALYSIS, PDF]
    wall, cpu = sum(t.wall[k] for k in phases), sum(t.cpu[k] for k in phases)
    flag = "" if wall <= TARGET_S else f"  (> {TARGET_S:g} s target)"
    print(f"  {'TOTAL (4 phases)':<48} {wall:9.2f} {cpu:9.2f} {max(t.peak.values()):9.0f}{flag}")
    if BASE_PAPERS in t.wall:
        ours = t.wall[PAPERS] + t.wall[GRADING]
        theirs = t.wall[BASE_PAPERS] + t.wall[BASE_GRADING]
        ours_cpu = t.cpu[PAPERS] + t.cpu[GRADING]
        theirs_cpu = t.cpu[BASE_PAPERS] + t.cpu[BASE_GRADING]
        print(f"  papers + grading vs one-by-one baseline: wall {ours:.2f} s / {theirs:.2f} s = {ours / theirs:.2f}×, CPU {ours_cpu:.2f} s / {theirs_cpu:.2f} s = {ours_cpu / theirs_cpu:.2f}×")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=3000)
    ap.add_argument("--baseline", type=int, default=100)
    ap.add_argument("--pg", action="store_true", help="also run on BAIWEN_TEST_PG_URL (a new database there)")
    ap.add_argument("--floors", action="store_true", help="also each phase's floor on SQLite (bench/scale_floors.py)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_app(Path(tmp) / "sqlite")
        try:
            t = run(store, args.candidates, args.baseline, Path(tmp))
            report("SQLite", t, args.candidates)
        finally:
            store.dispose()
        if args.floors:
            report_floors(scale_floors.floors(Path(tmp) / "sqlite" / "baiwen.sqlite3", t.exam_id, Path(tmp)), t)
        url = os.environ.get("BAIWEN_TEST_PG_URL")
        if args.pg and url:
            sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
            from conftest import _pg_database  # a throwaway database on that server

            for db in _pg_database():
                banks.forget_cached()
                store = open_app(Path(tmp) / "pg", db)
                try:
                    report("PostgreSQL", run(store, args.candidates, args.baseline, Path(tmp)), args.candidates)
                finally:
                    store.dispose()


if __name__ == "__main__":
    main()
