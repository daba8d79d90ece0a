"""bank_question.digest (migration 0010) is the hash of the row's content after every writer of bank
rows, and a start names its questions by it: the snapshots it stores are the bank rows' contents,
copied in the database; a row edited meanwhile, or a question two banks hold, still freezes right;
two PCs copying the same snapshots at once both succeed."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from baiwen_desktop.core.canonical import canonical_hash
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.core.paper import Paper, PaperItem
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, banks, exams, frozen_papers, roster, sessions
from baiwen_desktop.store import json_codec
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Bank, BankQuestion, QuestionSnapshot

MINE = "我的题库"
Q1 = Question("r1", QType.JUDGE, "接地线应使用专用线夹。", Decimal(1), truth=True, source="问9")
Q2 = Question("r2", QType.SINGLE, "工作票由谁签发？", Decimal(1), options=("工作负责人", "工作票签发人"), correct=(1,), source="问8")
Q3 = Question("r3", QType.SINGLE, "验电器使用前应？", Decimal(1), options=("试验", "擦拭", "登记"), correct=(0,), source="问7")


def _rows(store: Store, bank: str | None = None) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
    """(bank, qid) -> (digest, content) of every bank row (of one bank)."""
    stmt = select(Bank.name, BankQuestion.qid, BankQuestion.digest, BankQuestion.content).join(Bank)
    if bank is not None:
        stmt = stmt.where(Bank.name == bank)
    with store.session() as s:
        return {(b, qid): (digest, content) for b, qid, digest, content in s.execute(stmt)}


def _wrong(store: Store) -> list[tuple[str, str]]:
    """Rows whose digest is not canonical_hash of their content."""
    return [key for key, (digest, content) in _rows(store).items() if digest != canonical_hash(content)]


def test_every_writer_of_bank_rows_sets_the_digest_of_what_it_wrote(store: Store) -> None:
    assert len(_rows(store, banks.BUNDLED_NAME)) == 507 and _wrong(store) == []  # the bundled bank's sync
    banks.add_questions(store, MINE, [Q1, Q2, Q3], "t")  # an import (files, the interchange formats, a copy: all add_questions)
    banks.copy_bank(store, MINE, "副本", "t")
    before = _rows(store, MINE)
    assert before[(MINE, "r2")][0] == canonical_hash(Q2.to_dict())
    # an edit in the question editor: the edited question gets the digest of its new content, the others keep theirs
    edited = replace(Q2, stem="工作票由谁签发？（已改）", correct=(0,))
    banks.save_question(store, MINE, edited, "t")
    after = _rows(store, MINE)
    assert after[(MINE, "r2")] == (canonical_hash(edited.to_dict()), edited.to_dict())
    assert after[(MINE, "r2")][0] != before[(MINE, "r2")][0]
    assert {k: v for k, v in after.items() if k[1] != "r2"} == {k: v for k, v in before.items() if k[1] != "r2"}
    # a new question from the editor
    added = banks.save_question(store, MINE, Question("", QType.JUDGE, "新题", Decimal(1), truth=False), "t")
    assert _rows(store, MINE)[(MINE, added.id)][0] == canonical_hash(added.to_dict())
    assert _wrong(store) == []
    assert _rows(store, "副本")[("副本", "r1")][0] == _rows(store, MINE)[(MINE, "r1")][0]  # the same question, the same digest


def _small_exam(store: Store, people: int) -> int:
    banks.add_questions(store, MINE, [Q2, Q3], "t")
    roster.import_rows(store, [RosterRow(f"E{i:03d}", f"考生{i}", "城区供电所", "", "一班") for i in range(people)], "t")
    exam = parse_exam({**STANDARD_EXAM, "bank": MINE, "pass_mark": 1, "parts": [{"type": "单选", "count": 2, "score_each": 1}]}, "t")
    created = exams.create_exam(store, exam, "t")
    return sessions.open_session(store, created.id, "t", class_name="一班").id


def _start(store: Store, session_id: int, i: int) -> attempts.AttemptState:
    card = attempts.find_candidate(store, session_id, f"E{i:03d}", f"考生{i}")
    return attempts.start_attempt(store, session_id, card.id, "一号机")


def _stored(store: Store, attempt_id: int) -> dict[str, Any]:
    with store.session() as s:
        return frozen_papers.stored(s, attempt_id)


def _snapshots(store: Store) -> dict[str, Any]:
    with store.session() as s:
        return dict(list(s.execute(select(QuestionSnapshot.digest, QuestionSnapshot.question))))


def test_a_start_names_its_questions_by_the_rows_digests_and_an_edit_by_the_new_one(any_store: Store) -> None:
    session_id = _small_exam(any_store, 2)
    first = _start(any_store, session_id, 0)
    rows = _rows(any_store, MINE)
    assert [i["question"] for i in _stored(any_store, first.attempt_id)["items"]] == [rows[(MINE, i.question.id)][0] for i in first.paper.items]
    assert _snapshots(any_store) == {digest: content for digest, content in rows.values()}  # the rows' contents, as stored
    edited = replace(Q2, stem="工作票由谁签发？（已改）")
    banks.save_question(any_store, MINE, edited, "t")
    second = _start(any_store, session_id, 1)
    assert edited in [i.question for i in second.paper.items]
    assert canonical_hash(edited.to_dict()) in [i["question"] for i in _stored(any_store, second.attempt_id)["items"]]
    assert _snapshots(any_store)[canonical_hash(edited.to_dict())] == edited.to_dict()
    frozen_papers._questions.clear()  # read back from the database, as another process would
    assert attempts.load_attempt(any_store, first.attempt_id).paper == first.paper  # the first paper keeps the old question
    assert attempts.load_attempt(any_store, second.attempt_id).paper == second.paper


def test_a_row_edited_after_its_digest_was_read_is_frozen_from_the_question_itself(any_store: Store) -> None:
    """What PostgreSQL's read committed allows: another PC's edit commits between a start's read of the
    drawn rows and its copy of their snapshots; the paper holds the question as read."""
    banks.add_questions(any_store, MINE, [Q1, Q2], "t")
    with any_store.session() as s:
        version = s.scalar(select(Bank.content_hash).where(Bank.name == MINE))
        assert version is not None
        full, digests = banks.drawn_with_digests(s, MINE, version, ["r1", "r2"])
    banks.save_question(any_store, MINE, replace(Q2, stem="改过"), "t")  # the other PC, meanwhile
    paper = Paper((PaperItem(full["r1"], Decimal(1), 0), PaperItem(full["r2"], Decimal(1), 0, (1, 0))), ("题",))
    with any_store.session() as s, s.begin():
        stored = frozen_papers.freeze_drawn(s, paper, digests)
    assert [i["question"] for i in stored["items"]] == [canonical_hash(Q1.to_dict()), canonical_hash(Q2.to_dict())]
    assert _snapshots(any_store) == {canonical_hash(Q1.to_dict()): Q1.to_dict(), canonical_hash(Q2.to_dict()): Q2.to_dict()}
    frozen_papers._questions.clear()
    with any_store.session() as s:
        assert frozen_papers.thaw(s, stored) == paper


def test_a_question_two_banks_hold_is_copied_once(any_store: Store) -> None:
    banks.add_questions(any_store, MINE, [Q1, Q2, Q3], "t")
    banks.copy_bank(any_store, MINE, "副本", "t")  # every digest is now held by two rows
    with any_store.session() as s:
        full, digests = banks.drawn_with_digests(s, "副本", s.scalar(select(Bank.content_hash).where(Bank.name == "副本")) or "", ["r1", "r2", "r3"])
    paper = Paper(tuple(PaperItem(full[q], Decimal(1), 0) for q in ("r3", "r1", "r2")), ("题",))
    with any_store.session() as s, s.begin():
        stored = frozen_papers.freeze_drawn(s, paper, digests)
    assert [i["question"] for i in stored["items"]] == [canonical_hash(q.to_dict()) for q in (Q3, Q1, Q2)]
    assert _snapshots(any_store) == {canonical_hash(q.to_dict()): q.to_dict() for q in (Q1, Q2, Q3)}


@pytest.mark.parametrize("first_ends", ["commit", "rollback"])
def test_two_pcs_copying_the_same_snapshots_at_once_both_succeed(two_pcs: Callable[[], Store], first_ends: str) -> None:
    a, b = two_pcs(), two_pcs()
    banks.add_questions(a, MINE, [Q1, Q2, Q3], "t")
    with a.session() as s:
        full, digests = banks.drawn_with_digests(s, MINE, s.scalar(select(Bank.content_hash).where(Bank.name == MINE)) or "", ["r1", "r2", "r3"])
    mine = Paper(tuple(PaperItem(full[q], Decimal(1), 0) for q in ("r1", "r2")), ("题",))
    other = Paper(tuple(PaperItem(full[q], Decimal(1), 0) for q in ("r3", "r2", "r1")), ("题",))  # overlapping, another order
    done = threading.Event()
    failed: list[BaseException] = []
    result: list[dict[str, Any]] = []

    def second_pc() -> None:
        try:
            with b.session() as s, s.begin():
                result.append(frozen_papers.freeze_drawn(s, other, digests))  # waits for the first PC's uncommitted rows
        except BaseException as e:  # reported to the test below
            failed.append(e)
        finally:
            done.set()

    with a.session() as s:
        s.begin()
        first = frozen_papers.freeze_drawn(s, mine, digests)  # copied, not committed yet
        t = threading.Thread(target=second_pc)
        t.start()
        assert not done.wait(0.5)  # the second PC waits: PostgreSQL on the same keys, SQLite on the write lock
        if first_ends == "commit":
            s.commit()
        else:
            s.rollback()
        t.join(30)
    assert done.is_set() and not failed, failed
    with a.session() as s:
        assert s.scalar(select(func.count()).select_from(QuestionSnapshot)) == 3
    frozen_papers._questions.clear()
    with a.session() as s:
        if first_ends == "commit":
            assert frozen_papers.thaw(s, first) == mine
        assert frozen_papers.thaw(s, result[0]) == other


def test_many_papers_frozen_by_digest_equal_those_frozen_by_hashing_and_a_changed_row_falls_back(any_store: Store) -> None:
    """frozen_papers.freeze_items_drawn (bulk_attempts.start_many): the same stored papers and snapshots
    as freeze_items, which hashes; a row edited after its digest was read freezes from the questions."""
    banks.add_questions(any_store, MINE, [Q1, Q2, Q3], "t")
    with any_store.session() as s:
        version = s.scalar(select(Bank.content_hash).where(Bank.name == MINE)) or ""
        full, digests = banks.drawn_with_digests(s, MINE, version, ["r1", "r2", "r3"])
    papers = [[(full["r2"], Decimal(2), 0, (1, 0)), (full["r1"], Decimal(1), 1, ())], [(full["r3"], Decimal("1.5"), 0, (2, 0, 1)), (full["r2"], Decimal(2), 0, (0, 1))]]
    titles = [("单选题", "判断题"), ("单选题",)]
    with any_store.session() as s, s.begin():
        by_digest = frozen_papers.freeze_items_drawn(s, papers, titles, digests)
    frozen_papers._known.clear()
    with any_store.session() as s, s.begin():
        by_hash = frozen_papers.freeze_items(s, papers, titles)
    assert by_digest == by_hash and by_digest[1]["items"][0] == {"question": canonical_hash(Q3.to_dict()), "score": "1.5", "part": 0, "option_order": [2, 0, 1]}
    frozen_papers._forget_decoded()
    with any_store.session() as s, s.begin():
        texts = frozen_papers.freeze_items_drawn_texts(s, papers, titles, digests)
    assert texts == [json_codec.dumps(p) for p in by_digest]  # what the JSON column writes for them
    assert frozen_papers._decoded == {hashlib.sha256(t.encode()).digest(): (tuple(q for q, *_ in p), tuple(str(i[1]) for i in p)) for t, p in zip(texts, papers, strict=True)}
    assert _snapshots(any_store) == {canonical_hash(q.to_dict()): q.to_dict() for q in (Q1, Q2, Q3)}
    with any_store.session() as s, s.begin():
        s.execute(QuestionSnapshot.__table__.delete())
    frozen_papers._known.clear()
    edited = replace(Q1, stem="改过")
    banks.save_question(any_store, MINE, edited, "t")  # another PC, after the digests were read
    with any_store.session() as s, s.begin():
        again = frozen_papers.freeze_items_drawn(s, papers, titles, digests)
    assert again == by_hash  # the questions as read, hashed
    assert _snapshots(any_store) == {canonical_hash(q.to_dict()): q.to_dict() for q in (Q1, Q2, Q3)}


def test_drawn_texts_are_the_json_column_text_of_the_stored_papers(any_store: Store) -> None:
    """frozen_papers.drawn_texts puts each paper's text together from pieces kept across papers: byte for
    byte json_codec.dumps of what freeze_items_drawn stores, however the items and titles vary; the
    papers kept decoded for thaw_texts, their questions remembered by digest."""
    banks.add_questions(any_store, MINE, [Q1, Q2, Q3], "t")
    with any_store.session() as s:
        version = s.scalar(select(Bank.content_hash).where(Bank.name == MINE)) or ""
        full, digests = banks.drawn_with_digests(s, MINE, version, ["r1", "r2", "r3"])
    two, two_again, half = Decimal(2), Decimal("2.0"), Decimal("0.5")  # equal scores written as different texts
    seven = (6, 0, 5, 1, 4, 2, 3)  # an order of seven options (not from the table of orders)
    papers = [
        [(full["r2"], two, 0, (1, 0)), (full["r1"], Decimal(1), 1, ()), (full["r3"], half, 2, (2, 0, 1))],
        [(full["r2"], two_again, 0, (0, 1)), (full["r3"], half, 1, seven), (full["r1"], Decimal(1), 1, ())],  # r3 in another part
        [(full["r2"], two, 3, (1, 0))],  # r2 again in another part, with the first paper's score object
        [],
        [(full["r1"], Decimal(1), 0, ())],
    ]
    titles = [("单选题", "判断题"), ('引号"与\\反斜杠', "制表\t换行\n", "\x01"), ("题",), (), ("\ud800",)]  # the last one orjson refuses
    with any_store.session() as s, s.begin():
        stored = frozen_papers.freeze_items_drawn(s, papers, titles, digests)
    frozen_papers._forget_decoded()
    frozen_papers._questions.clear()
    texts = frozen_papers.drawn_texts(papers, titles, digests)
    assert texts == [json_codec.dumps(p) for p in stored]
    assert frozen_papers._questions == {digests[q]: full[q] for q in ("r1", "r2", "r3")}  # what a thaw here finds without reading
    assert texts[1].count('"score":"2.0"') == 1 and texts[2].count('"score":"2","part":3') == 1 and "[6,0,5,1,4,2,3]" in texts[1]
    assert texts[4] == json.dumps(stored[4])  # what json_codec writes for what orjson refuses
    assert frozen_papers._decoded == {hashlib.sha256(t.encode()).digest(): (tuple(q for q, *_ in p), tuple(str(i[1]) for i in p))
                                      for t, p in zip(texts, papers, strict=True)}
