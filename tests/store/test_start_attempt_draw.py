"""start_attempt draws from only the questions its rules can use: the same papers as from the whole bank."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import delete, insert, select

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.core.paper import PaperError, generate_paper
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, banks, exams, roster, sessions
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import BankQuestion


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


def test_start_returns_exactly_what_it_committed(any_store: Store) -> None:
    roster.import_rows(any_store, [RosterRow("E001", "考生一", "城区供电所", "", "一班")], "t")
    created = exams.create_exam(any_store, parse_exam(STANDARD_EXAM, "t"), "t")
    sess = sessions.open_session(any_store, created.id, "t", class_name="一班")
    card = attempts.find_candidate(any_store, sess.id, "E001", "考生一")
    st = attempts.start_attempt(any_store, sess.id, card.id, "一号机")
    back = attempts.load_attempt(any_store, st.attempt_id)
    assert replace(st, server_now=back.server_now) == back
    assert st.paper.to_dict() == back.paper.to_dict() and st.responses == [None] * 47 and st.lease_token == back.lease_token


SMALL = "小题库"


def _small_exam(store: Store, count: int, people: int) -> int:
    qs = [Question(f"s{i}", QType.SINGLE, f"题目{i}", Decimal(1), options=("甲", "乙"), correct=(0,), source=f"问{i}", section="问") for i in range(1, 5)]
    banks.add_questions(store, SMALL, qs, "t")
    roster.import_rows(store, [RosterRow(f"E{i:03d}", f"考生{i}", "城区供电所", "", "一班") for i in range(people)], "t")
    exam = parse_exam({**STANDARD_EXAM, "bank": SMALL, "pass_mark": 1, "parts": [{"type": "单选", "count": count, "score_each": 1}]}, "t")
    created = exams.create_exam(store, exam, "t")
    return sessions.open_session(store, created.id, "t", class_name="一班").id


def _start(store: Store, session_id: int, i: int) -> attempts.AttemptState:
    card = attempts.find_candidate(store, session_id, f"E{i:03d}", f"考生{i}")
    return attempts.start_attempt(store, session_id, card.id, "一号机")


def test_every_bank_edit_reaches_the_next_paper_through_the_cache(store: Store) -> None:
    session_id = _small_exam(store, 4, 4)
    first = _start(store, session_id, 0)  # the pool and all four questions are now cached
    assert sorted(i.question.stem for i in first.paper.items) == ["题目1", "题目2", "题目3", "题目4"]
    q = next(i.question for i in first.paper.items if i.question.id == "s2")
    banks.save_question(store, SMALL, replace(q, stem="改过的题目2"), "t")
    assert "改过的题目2" in {i.question.stem for i in _start(store, session_id, 1).paper.items}
    banks.delete_question(store, SMALL, "s3", "t")
    with pytest.raises(PaperError):  # 4 needed, 3 left
        _start(store, session_id, 2)
    banks.add_questions(store, SMALL, [Question("", QType.SINGLE, "新题", Decimal(1), options=("甲", "乙"), correct=(0,), source="问9", section="问")], "t")
    assert "新题" in {i.question.stem for i in _start(store, session_id, 3).paper.items}


def test_a_question_gone_behind_the_pool_is_never_drawn(store: Store) -> None:
    """A cached pool drawing a question the bank no longer has (deleted by a writer that did
    not stamp the bank: an older version, a hand edit) is dropped and the draw made again."""
    session_id = _small_exam(store, 3, 6)
    table = BankQuestion.__table__
    with store.session() as s:
        row = dict(s.execute(select(table).where(table.c.qid == "s1")).mappings().one())
    for i in range(6):
        banks.forget_cached()
        with store.session() as s:
            banks.rule_pool(s, SMALL, parse_exam({**STANDARD_EXAM, "bank": SMALL, "pass_mark": 1, "parts": [{"type": "单选", "count": 3, "score_each": 1}]}, "t").parts)
        with store.session() as s, s.begin():  # behind the pool's back: no new content_hash
            s.execute(delete(table).where(table.c.qid == "s1"))
        assert {it.question.id for it in _start(store, session_id, i).paper.items} == {"s2", "s3", "s4"}
        with store.session() as s, s.begin():
            s.execute(insert(table).values(row))
