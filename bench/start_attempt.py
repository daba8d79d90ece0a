"""start_attempt from a generated 5,000-question bank with a 100-question paper, in one run:

    python bench/start_attempt.py [N]

Times (median of N starts, wall ms, one candidate each on a fresh SQLite station):
  - the whole start_attempt (draw + attempt row + 100 answer rows, committed);
  - its draw as it is now: light rows of only the questions the rules can use, whole rows
    for the 100 drawn (banks.rule_candidates + draw_questions + questions_by_qid);
  - the old draw it replaced, as the baseline: the whole bank loaded, then generate_paper.
Both draws must give the same paper (checked). Target: start_attempt ≤ 10 ms.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.core.paper import assemble_paper, draw_questions, generate_paper
from baiwen_desktop.core.question import Question
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, banks, exams, roster, sessions
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


def ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as tmp:
        store = open_app(Path(tmp) / "station")
        seed_bank = banks.bank_questions(store, parse_exam(STANDARD_EXAM, "bench").bank)
        banks.add_questions(store, BANK, generated_bank(seed_bank), "bench")
        exam = parse_exam({**STANDARD_EXAM, "bank": BANK, "parts": PARTS}, "bench")
        created = exams.create_exam(store, exam, "bench")
        roster.import_rows(store, [RosterRow(f"B{i:04d}", f"测速{i}", "", "", "") for i in range(n + 1)], "bench")
        sess = sessions.open_session(store, created.id, "bench")
        key = f"exam-{created.id}"

        old, new, whole = [], [], []
        for i in range(n + 1):  # the first round warms caches up and is not counted
            emp = f"B{i:04d}"
            t = time.perf_counter()
            paper_old = generate_paper(exam, banks.bank_questions(store, BANK), key, emp)
            t_old = time.perf_counter() - t
            t = time.perf_counter()
            with store.session() as s:
                picks = draw_questions(exam, banks.rule_candidates(s, BANK, exam.parts), key, emp)
                full = banks.questions_by_qid(s, BANK, (q.id for part in picks for q in part))
            paper_new = assemble_paper(exam, picks, key, emp, full=full)
            t_new = time.perf_counter() - t
            assert paper_new.to_dict() == paper_old.to_dict(), emp
            card = attempts.find_candidate(store, sess.id, emp, f"测速{i}")
            t = time.perf_counter()
            st = attempts.start_attempt(store, sess.id, card.id, "bench")
            t_whole = time.perf_counter() - t
            assert st.paper.to_dict() == paper_old.to_dict() and len(st.paper.items) == 100
            if i:
                old.append(t_old)
                new.append(t_new)
                whole.append(t_whole)
        store.dispose()

    print(f"bank {SIZE} questions, paper 100 questions, median of {n}")
    print(f"{'case':<52} {'ms':>8} {'ratio':>6}")
    print(f"{'old draw: whole bank + generate_paper (baseline)':<52} {ms(old):8.1f} {1:6.2f}")
    print(f"{'new draw: rule candidates + 100 whole questions':<52} {ms(new):8.1f} {ms(new) / ms(old):6.2f}")
    flag = "" if ms(whole) <= TARGET_MS else f"  (> {TARGET_MS:g} ms target)"
    print(f"{'start_attempt (draw + 101 rows, committed)':<52} {ms(whole):8.1f} {ms(whole) / ms(old):6.2f}{flag}")


if __name__ == "__main__":
    main()
