"""services.frozen_papers: papers stored by reference, each question snapshot once, on SQLite and
PostgreSQL; two PCs freezing the same questions at the same moment both succeed."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from baiwen_desktop.core.canonical import canonical_hash
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.core.paper import Paper, PaperItem
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, bulk_attempts, exams, frozen_papers, roster, sessions
from baiwen_desktop.store import json_codec
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import QuestionSnapshot


def _snapshot_count(store: Store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(QuestionSnapshot)) or 0


def _stored(store: Store, attempt_id: int) -> dict:  # type: ignore[type-arg]
    with store.session() as s:
        return frozen_papers.stored(s, attempt_id)


def test_papers_are_stored_by_reference_and_each_snapshot_once(any_store: Store) -> None:
    roster.import_rows(any_store, [RosterRow(f"E{i:03d}", f"考生{i}", "城区供电所", "", "一班") for i in range(6)], "t")
    exam = exams.create_exam(any_store, parse_exam(STANDARD_EXAM, "t"), "t")
    sess = sessions.open_session(any_store, exam.id, "t", class_name="一班")
    states = []
    for i in range(3):
        card = attempts.find_candidate(any_store, sess.id, f"E{i:03d}", f"考生{i}")
        states.append(attempts.start_attempt(any_store, sess.id, card.id, "一号机"))
    many = bulk_attempts.start_many(any_store, sess.id, [attempts.find_candidate(any_store, sess.id, f"E{i:03d}", f"考生{i}").id for i in range(3, 6)], "一号机")
    with any_store.session() as s:
        papers = {a: frozen_papers.thaw(s, _stored(any_store, a)) for a in [st.attempt_id for st in states] + many}
    questions = {i.question.id: i.question for p in papers.values() for i in p.items}
    # six papers of the 507-question bank share questions: each is stored once, as its own snapshot
    assert sum(len(p.items) for p in papers.values()) > len(questions)
    with any_store.session() as s:
        snaps = dict(list(s.execute(select(QuestionSnapshot.digest, QuestionSnapshot.question))))
    assert snaps == {canonical_hash(q.to_dict()): q.to_dict() for q in questions.values()}
    for st in states:
        stored = _stored(any_store, st.attempt_id)
        assert stored == {
            "items": [{"question": canonical_hash(i.question.to_dict()), "score": str(i.score), "part": i.part, "option_order": list(i.option_order)}
                      for i in st.paper.items],
            "part_titles": list(st.paper.part_titles),
        }
        assert attempts.load_attempt(any_store, st.attempt_id).paper == st.paper == papers[st.attempt_id]
    # freezing the same papers again adds nothing
    with any_store.session() as s, s.begin():
        again = frozen_papers.freeze_many(s, [st.paper for st in states])
    assert again == [_stored(any_store, st.attempt_id) for st in states]
    assert _snapshot_count(any_store) == len(questions)


Q1 = Question("r1", QType.JUDGE, "接地线应使用专用线夹。", Decimal(1), truth=True, source="问9")
Q2 = Question("r2", QType.SINGLE, "工作票由谁签发？", Decimal(1), options=("工作负责人", "工作票签发人"), correct=(1,), source="问8")
PAPER = Paper((PaperItem(Q1, Decimal(1), 0), PaperItem(Q2, Decimal(2), 0, (1, 0))), ("题",))


def test_a_rolled_back_freeze_is_not_taken_for_stored(any_store: Store) -> None:
    """What a transaction inserted counts as stored only once it commits: the same process freezing
    the same questions after a rollback (or a savepoint's) inserts them again."""
    with any_store.session() as s:
        with s.begin():
            frozen_papers.freeze(s, PAPER)
            assert s.scalar(select(func.count()).select_from(QuestionSnapshot)) == 2
            s.rollback()
        assert _snapshot_count(any_store) == 0
        with s.begin():
            with s.begin_nested() as inner:
                frozen_papers.freeze(s, PAPER)
                inner.rollback()
        assert _snapshot_count(any_store) == 0
        with s.begin():
            # a write first: pysqlite only opens the outer transaction (BEGIN) at one, a SAVEPOINT alone would be it
            s.execute(text("DELETE FROM question_snapshot WHERE digest = ''"))
            with s.begin_nested():  # released, then the outer transaction rolls back
                frozen_papers.freeze(s, PAPER)
            s.rollback()
        assert _snapshot_count(any_store) == 0
    with any_store.session() as s, s.begin():
        stored = frozen_papers.freeze(s, PAPER)
    assert _snapshot_count(any_store) == 2
    with any_store.session() as s:
        assert frozen_papers.thaw(s, stored) == PAPER


@pytest.mark.parametrize("first_ends", ["commit", "rollback"])
def test_two_pcs_freezing_the_same_questions_at_once_both_succeed(two_pcs: Callable[[], Store], first_ends: str) -> None:
    a, b = two_pcs(), two_pcs()
    other = Paper((PaperItem(Q2, Decimal(1), 0, (0, 1)), PaperItem(Q1, Decimal(1), 0)), ("题",))  # the same questions, the other order
    done = threading.Event()
    failed: list[BaseException] = []
    result: list[dict] = []  # type: ignore[type-arg]

    def second_pc() -> None:
        try:
            with b.session() as s, s.begin():
                result.append(frozen_papers.freeze(s, other))  # waits for the first PC's uncommitted rows
        except BaseException as e:  # reported to the test below
            failed.append(e)
        finally:
            done.set()

    with a.session() as s:
        s.begin()
        first = frozen_papers.freeze(s, PAPER)  # inserted, not committed yet
        t = threading.Thread(target=second_pc)
        t.start()
        assert not done.wait(0.5)  # the second PC waits: PostgreSQL on the same keys, SQLite on the write lock
        if first_ends == "commit":
            s.commit()
        else:
            s.rollback()
        t.join(30)
    assert done.is_set() and not failed, failed
    assert _snapshot_count(a) == 2
    with a.session() as s:
        if first_ends == "commit":
            assert frozen_papers.thaw(s, first) == PAPER
        assert frozen_papers.thaw(s, result[0]) == other


def test_thaw_refs_gives_each_papers_questions_and_score_texts(any_store: Store) -> None:
    whole = {"items": [{"question": Q2.to_dict(), "score": "3", "part": 0, "option_order": [0, 1]}], "part_titles": ["题"]}  # written before 0009
    with any_store.session() as s, s.begin():
        stored = frozen_papers.freeze(s, PAPER)
    frozen_papers._questions.clear()  # read from the database, as another process would
    with any_store.session() as s:
        refs = frozen_papers.thaw_refs(s, {1: stored, 2: whole})
        papers = frozen_papers.thaw_many(s, {1: stored, 2: whole})
    assert refs == {k: [(i.question, str(i.score)) for i in p.items] for k, p in papers.items()}
    with any_store.session() as s:
        columns = frozen_papers.thaw_columns(s, {1: stored, 2: whole})
    assert columns == {k: ([q for q, _ in r], [score for _, score in r]) for k, r in refs.items()}
    assert [(q.id, score) for q, score in refs[1]] == [("r1", "1"), ("r2", "2")] and refs[2][0][0] == Q2


def test_thaw_texts_gives_thaw_columns_of_the_decoded_text_and_decodes_each_text_once(any_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """thaw_texts (bulk grading, item analysis: frozen_papers.stored_text) keeps what it decoded by the text:
    a second thaw of the same text decodes nothing, its lists are fresh, the cache is bounded."""
    whole = {"items": [{"question": Q2.to_dict(), "score": "3", "part": 0, "option_order": [0, 1]}], "part_titles": ["题"]}  # written before 0009
    with any_store.session() as s, s.begin():
        stored = frozen_papers.freeze(s, PAPER)
    texts = {1: json_codec.dumps(stored), 2: json_codec.dumps(whole)}
    frozen_papers._questions.clear()
    frozen_papers._forget_decoded()
    with any_store.session() as s:
        got = frozen_papers.thaw_texts(s, texts)
        assert got == frozen_papers.thaw_columns(s, {1: stored, 2: whole})
    assert [(q.id, score) for q, score in zip(*got[1], strict=True)] == [("r1", "1"), ("r2", "2")] and got[2] == ([Q2], ["3"])
    got[1][0].clear()  # a caller changing its lists changes nothing kept

    def no_decoding(text: str) -> None:
        raise AssertionError(f"decoded again: {text[:40]}")

    monkeypatch.setattr(json_codec, "loads", no_decoding)
    with any_store.session() as s:
        again = frozen_papers.thaw_texts(s, texts)
        as_bytes = frozen_papers.thaw_texts(s, {3: texts[1].encode()})  # the same text as UTF-8 bytes (SQLite's stored_text)
    assert again == {1: ([PAPER.items[0].question, PAPER.items[1].question], ["1", "2"]), 2: ([Q2], ["3"])} and as_bytes[3] == again[1]
    monkeypatch.undo()
    monkeypatch.setattr(frozen_papers, "_DECODED_ITEMS", 2)  # full: starts afresh
    frozen_papers._forget_decoded()
    with any_store.session() as s:
        frozen_papers.thaw_texts(s, texts)
    assert list(frozen_papers._decoded) == [hashlib.sha256(texts[2].encode()).digest()] and frozen_papers._decoded_items == 1
