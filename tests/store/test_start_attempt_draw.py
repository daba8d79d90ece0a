"""start_attempt draws from only the questions its rules can use: the same papers as from the whole bank."""

from __future__ import annotations

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.core.paper import generate_paper
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, banks, exams, roster, sessions
from baiwen_desktop.store.engine import Store


def _papers_match_full_bank(store: Store, definition: dict[str, object], n: int = 4) -> None:
    roster.import_rows(store, [RosterRow(f"E{i:03d}", f"考生{i}", "城区供电所", "", "一班") for i in range(n)], "t")
    exam = parse_exam(definition, "t")
    created = exams.create_exam(store, exam, "t")
    sess = sessions.open_session(store, created.id, "t", class_name="一班")
    bank = banks.bank_questions(store, exam.bank)
    for i in range(n):
        card = attempts.find_candidate(store, sess.id, f"E{i:03d}", f"考生{i}")
        st = attempts.start_attempt(store, sess.id, card.id, "一号机")
        old = generate_paper(exam, bank, f"exam-{created.id}", f"E{i:03d}", seed=0)
        assert st.paper.to_dict() == old.to_dict()
        assert len(st.paper.items) == sum(p.count for p in exam.parts)


def test_standard_exam_papers_are_the_full_bank_papers(any_store: Store) -> None:
    _papers_match_full_bank(any_store, STANDARD_EXAM)


def test_filtered_rules_papers_are_the_full_bank_papers(store: Store) -> None:
    bank = banks.bank_questions(store, parse_exam(STANDARD_EXAM, "t").bank)
    tagged = next(q for q in bank if q.tags and q.section)
    definition = {
        **STANDARD_EXAM,
        "spread_sources": False,
        "pass_mark": 1,
        "parts": [
            {"type": tagged.qtype.value, "count": 1, "score_each": 2, "tags": [tagged.tags[0]]},
            {"type": "单选", "count": 3, "score_each": 2, "sections": [tagged.section], "difficulty_min": 2},
            {"type": "判断", "count": 5, "score_each": 1, "difficulty_max": 3},
        ],
    }
    _papers_match_full_bank(store, definition)


def test_rule_candidates_are_exactly_the_matching_questions(store: Store) -> None:
    bank = banks.bank_questions(store, parse_exam(STANDARD_EXAM, "t").bank)
    tagged = next(q for q in bank if q.tags and q.section)
    exam = parse_exam(
        {
            **STANDARD_EXAM,
            "pass_mark": 1,
            "parts": [
                {"type": "单选", "count": 1, "score_each": 2, "sections": [tagged.section], "difficulty_max": 3},
                {"type": tagged.qtype.value, "count": 1, "score_each": 2, "tags": [tagged.tags[0]]},
            ],
        },
        "t",
    )
    with store.session() as s:
        got = banks.rule_candidates(s, exam.bank, exam.parts)
    want = {q.id for q in bank if any(r.matches(q) for r in exam.parts)}
    assert {q.id for q in got} == want and len(got) == len(want)
    assert 0 < len(want) < len(bank)
    full = {q.id: q for q in bank}
    for q in got:  # the stand-ins carry what the draw reads
        f = full[q.id]
        assert (q.qtype, q.source, q.section, set(q.tags), q.difficulty) == (f.qtype, f.source, f.section, set(f.tags), f.difficulty)
