"""Migration 0010_bank_digests: a 0009 database holding banks upgrades in place (SQLite and PostgreSQL).
Every bank row then carries the digest of its content (what a start names its snapshot by), the
contents are untouched, a row without a digest is refused, a start on the upgraded database names
its questions by those digests, and a downgrade takes the column away and up again gives it back."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, inspect, select, text
from sqlalchemy.exc import IntegrityError

from baiwen_desktop.core.canonical import canonical_hash
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.core.question import QType, Question, ScoringPoint
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, exams, frozen_papers, roster, sessions
from baiwen_desktop.store.engine import (
    HEAD_REVISION,
    alembic_config,
    current_revision,
    make_engine,
    open_store,
    upgrade,
)
from baiwen_desktop.store.models import Bank, BankQuestion, QuestionSnapshot

QUESTIONS = [
    Question("s1", QType.SINGLE, "安全帽的使用期限从何时算起？", Decimal(1), options=("出厂", "领用", "首次使用", "检验"), correct=(0,), source="问1", section="问"),
    Question("s2", QType.SINGLE, "工作票由谁签发？", Decimal(1), options=("工作负责人", "工作票签发人"), correct=(1,), source="问2"),
    Question("m1", QType.MULTI, "“两票”指哪两种？", Decimal(2), options=("工作票", "操作票", "派工单", "抢修单"), correct=(0, 1), source="问3", tags=("两票",)),
    Question("j1", QType.JUDGE, "验电前应先在有电设备上确认验电器良好。", Decimal(1), truth=True, source="查3", explanation="《安规》7.3"),
    Question("b1", QType.BLANK, "（  ）和（  ）", Decimal(1), blanks=(("停电", "断电"), ("验电",)), order_free=((0, 1),), source="问4", difficulty=2),
    Question("k1", QType.SHORT, "简述挂接地线的顺序。", Decimal(5), reference="先接接地端，后接导体端", points=(ScoringPoint(("接地端",), Decimal(1)), ScoringPoint(("导体端",), Decimal("1.5")))),
]
BANK = "旧题库"
OTHER = "旧题库副本"  # holds s1 and j1 as well: the same content, so the same digest, in two banks
PARTS = [{"type": "单选", "count": 2, "score_each": 1}, {"type": "判断", "count": 1, "score_each": 1}, {"type": "简答", "count": 1, "score_each": 4}]


@pytest.fixture
def url(shared_db_url: str) -> str:
    return shared_db_url


def _rows(engine: Any) -> list[tuple[Any, ...]]:
    t = BankQuestion.__table__
    with engine.connect() as c:
        return [tuple(r) for r in c.execute(select(t.c.id, t.c.bank_id, t.c.qid, t.c.content).order_by(t.c.id))]


def _old_database(url: str) -> list[tuple[Any, ...]]:
    """A database at 0009_paper_refs with two user banks, as 0009 stored them (no digest column)."""
    engine = make_engine(url)
    upgrade(engine, "0009_paper_refs")
    t, now = BankQuestion.__table__, datetime(2025, 1, 1, 9, 0)
    with engine.begin() as c:
        c.execute(insert(Bank.__table__), [
            {"id": 1, "name": BANK, "description": "", "bundled": False, "content_hash": "stamp-1", "created_at": now},
            {"id": 2, "name": OTHER, "description": "", "bundled": False, "content_hash": "stamp-2", "created_at": now},
        ])
        rows = [(1, q) for q in QUESTIONS] + [(2, QUESTIONS[0]), (2, QUESTIONS[3])]
        c.execute(insert(t), [
            {"bank_id": bank_id, "qid": q.id, "position": n, "qtype": q.qtype.value, "stem_norm": q.stem, "source": q.source,
             "section": q.section, "difficulty": q.difficulty, "tags": "、".join(q.tags), "content": q.to_dict(), "updated_at": now}
            for n, (bank_id, q) in enumerate(rows, start=1)
        ])
    before = _rows(engine)
    engine.dispose()
    assert len(before) == 8
    return before


def _digests(engine: Any) -> dict[int, str]:
    with engine.connect() as c:
        return dict(list(c.execute(text("SELECT id, digest FROM bank_question"))))


def test_a_0009_database_with_banks_upgrades_and_each_row_carries_its_contents_digest(url: str, tmp_path: Path) -> None:
    before = _old_database(url)
    store = open_store(tmp_path / "data", url)  # what the app does at start
    try:
        assert current_revision(store.engine) == HEAD_REVISION == "0011_attempt_papers"
        assert _rows(store.engine) == before  # every row as it was
        digests = _digests(store.engine)
        # canonical_hash itself (the reference the faster parsed_hash must equal), of each row's content
        assert digests == {row_id: canonical_hash(content) for row_id, _, _, content in before}
        assert digests[1] == digests[7] and digests[4] == digests[8] and len(set(digests.values())) == 6
        assert "ix_bank_question_digest" in {ix["name"] for ix in inspect(store.engine).get_indexes("bank_question")}
        # a writer that leaves the digest out is refused, not stored with none
        with pytest.raises(IntegrityError), store.engine.begin() as c:
            c.execute(text("INSERT INTO bank_question (bank_id, qid, position, qtype, stem_norm, difficulty, tags, content, updated_at) "
                           "VALUES (1, 'x1', 9, '判断', 'x', 3, '', '{}', '2025-01-01 09:00:00')"))

        # a start on the upgraded database names its questions by the rows' digests, and stores their contents
        roster.import_rows(store, [RosterRow("E001", "考生1", "", "", "一班")], "t")
        created = exams.create_exam(store, parse_exam({**STANDARD_EXAM, "bank": BANK, "pass_mark": 1, "spread_sources": False, "parts": PARTS}, "t"), "t")
        sess = sessions.open_session(store, created.id, "t", class_name="一班")
        st = attempts.start_attempt(store, sess.id, attempts.find_candidate(store, sess.id, "E001", "考生1").id, "一号机")
        by_qid = {qid: (digests[row_id], content) for row_id, bank_id, qid, content in before if bank_id == 1}
        with store.session() as s:
            stored = frozen_papers.stored(s, st.attempt_id)
            snaps = dict(list(s.execute(select(QuestionSnapshot.digest, QuestionSnapshot.question))))
        assert stored is not None
        assert [i["question"] for i in stored["items"]] == [by_qid[i.question.id][0] for i in st.paper.items]
        assert snaps == {by_qid[i.question.id][0]: by_qid[i.question.id][1] for i in st.paper.items}
        assert attempts.load_attempt(store, st.attempt_id).paper == st.paper
    finally:
        store.dispose()


def test_the_downgrade_takes_the_column_away_and_up_again_gives_the_same_digests(url: str, tmp_path: Path) -> None:
    from alembic import command

    before = _old_database(url)
    open_store(tmp_path / "data", url).dispose()
    engine = make_engine(url)
    digests = _digests(engine)
    with engine.connect() as conn, conn.begin():
        command.downgrade(alembic_config(conn), "0009_paper_refs")
    assert current_revision(engine) == "0009_paper_refs"
    assert "digest" not in {col["name"] for col in inspect(engine).get_columns("bank_question")}
    assert _rows(engine) == before
    upgrade(engine)
    assert _digests(engine) == digests
    engine.dispose()
