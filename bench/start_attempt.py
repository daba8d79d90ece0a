"""start_attempt from a generated 5,000-question bank with a 100-question paper, in one run:

    python bench/start_attempt.py [N]

Times (median of N starts, wall ms and this process's CPU ms, one candidate each on one SQLite station;
on a loaded machine the CPU column is the steadier one):
  - baseline: the previous start_attempt, a frozen copy in bench/previous_start.py (light rows
    of every question the rules can use read on each start, the old draw, ORM rows, read back);
  - start_attempt as it is, warm: the bank's draw pool cached in the process per bank version
    (what every start after a PC's first one has); whole questions are kept once loaded, so a
    start loads only the drawn ones not loaded before and stores the snapshots the database does
    not hold yet (in this run most of its 100: the warm starts follow the cold ones, which drop
    the cache, and 20 papers of 100 cover little of 5,000 questions);
  - start_attempt cold: the cache dropped before each start (a PC's first start of an exam);
  - the draw alone (core.paper.draw_questions from the cached pool), old draw alone.
Every paper is checked: 100 distinct questions, each rule's type and count, 100 distinct 出处.
Each start is given this PC's StationIdentity, as the station window passes it (ui/station/confirm.py),
not a bare name (which would read the data folder's station.json on every start).
Target: start_attempt ≤ 10 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from previous_start import previous_draw, previous_start_attempt

from baiwen_desktop.core.exam import STANDARD_EXAM, ExamDefinition, parse_exam
from baiwen_desktop.core.paper import Paper, draw_questions
from baiwen_desktop.core.question import Question
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, banks, exams, roster, sessions, station
from baiwen_desktop.services.context import open_app

BANK = "测速5000"
SIZE = 5000
TARGET_MS = 10.0
PARTS = [
    {"type": "单选", "count": 40, "score_each": 1},
    {"type": "多选", "count": 20, "score_each": 1},
    {"type": "判断", "count": 25, "score_each": 1},
    {"type": "填空", "count": 10, "score_each": 1},
    {"type": "简答", "count": 5, "score_each": 4},
]


def generated_bank(seed_bank: list[Question]) -> list[Question]:
    """5,000 questions cycled from the bundled bank: new ids, stems and 出处 (about 3 per 出处)."""
    out = []
    for i in range(SIZE):
        q = seed_bank[i % len(seed_bank)]
        out.append(replace(q, id=f"g{i:05d}", stem=f"{q.stem}（{i}）", source=f"第{i // 3 + 1}问"))
    return out


def check_paper(exam: ExamDefinition, paper: Paper) -> None:
    ids = [i.question.id for i in paper.items]
    assert len(ids) == len(set(ids)) == exam.question_count
    assert len({i.question.source for i in paper.items}) == exam.question_count  # 1,667 出处: all distinct
    want = [r.qtype for r in exam.parts for _ in range(r.count)]
    assert [i.question.qtype for i in paper.items] == want


def ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as tmp:
        store = open_app(Path(tmp) / "station")
        pc = station.station_identity(store)  # what the station window passes
        seed_bank = banks.bank_questions(store, parse_exam(STANDARD_EXAM, "bench").bank)
        banks.add_questions(store, BANK, generated_bank(seed_bank), "bench")
        exam = parse_exam({**STANDARD_EXAM, "bank": BANK, "parts": PARTS}, "bench")
        created = exams.create_exam(store, exam, "bench")
        people = 3 * (n + 1)
        roster.import_rows(store, [RosterRow(f"B{i:04d}", f"测速{i}", "", "", "") for i in range(people)], "bench")
        sess = sessions.open_session(store, created.id, "bench")
        cards = iter([attempts.find_candidate(store, sess.id, f"B{i:04d}", f"测速{i}") for i in range(people)])
        key = f"exam-{created.id}"

        def timed(start: Callable[[int], attempts.AttemptState], before: Callable[[], None] = lambda: None) -> tuple[list[float], list[float]]:
            times, cpu = [], []
            for i in range(n + 1):  # the first round warms up and is not counted
                card = next(cards)
                before()
                t, c = time.perf_counter(), time.process_time()
                st = start(card.id)
                if i:
                    times.append(time.perf_counter() - t)
                    cpu.append(time.process_time() - c)
                check_paper(exam, st.paper)
                back = attempts.load_attempt(store, st.attempt_id)  # what was committed is what was returned
                assert replace(st, server_now=back.server_now) == back
            return times, cpu

        old, old_cpu = timed(lambda cid: previous_start_attempt(store, sess.id, cid, pc))
        cold, cold_cpu = timed(lambda cid: attempts.start_attempt(store, sess.id, cid, pc), banks.forget_cached)
        loaded = sum(len(entry.whole) for entry in banks._CACHE.values())
        warm, warm_cpu = timed(lambda cid: attempts.start_attempt(store, sess.id, cid, pc))
        loaded = (sum(len(entry.whole) for entry in banks._CACHE.values()) - loaded) / (n + 1)  # whole questions read per warm start
        with store.session() as s:
            pool, _ = banks.rule_pool(s, BANK, exam.parts)
            light = banks.rule_candidates(s, BANK, exam.parts)
        draw_new, draw_old = [], []
        for i in range(n):
            t = time.perf_counter()
            draw_questions(exam, pool, key, f"D{i}")
            draw_new.append(time.perf_counter() - t)
            t = time.perf_counter()
            previous_draw(exam, light, key, f"D{i}")
            draw_old.append(time.perf_counter() - t)
        store.dispose()

    base, base_cpu = ms(old), ms(old_cpu)
    print(f"bank {SIZE} questions, paper 100 questions, median of {n} starts (SQLite); load average {os.getloadavg()[0]:.2f}")
    print(f"{'case':<58} {'ms':>8} {'ratio':>6} {'CPU ms':>8} {'ratio':>6}")
    print(f"{'previous start_attempt (baseline)':<58} {base:8.1f} {1:6.2f} {base_cpu:8.1f} {1:6.2f}")
    flag = "" if ms(warm) <= TARGET_MS else f"  (> {TARGET_MS:g} ms target)"
    print(f"{'start_attempt, warm (pool cached; drawn questions as loaded)':<58} {ms(warm):8.1f} {ms(warm) / base:6.2f} {ms(warm_cpu):8.1f} {ms(warm_cpu) / base_cpu:6.2f}{flag}")
    print(f"{'  (each warm start read ' + format(loaded, '.0f') + ' of its 100 questions whole)':<58}")
    print(f"{'start_attempt, cold (cache dropped before each start)':<58} {ms(cold):8.1f} {ms(cold) / base:6.2f} {ms(cold_cpu):8.1f} {ms(cold_cpu) / base_cpu:6.2f}")
    print(f"{'previous draw alone (baseline for the next row)':<58} {ms(draw_old):8.1f} {1:6.2f}")
    print(f"{'draw alone: draw_questions from the cached pool':<58} {ms(draw_new):8.1f} {ms(draw_new) / ms(draw_old):6.2f}")


if __name__ == "__main__":
    main()
