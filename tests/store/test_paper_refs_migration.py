"""Migration 0009_paper_refs: a 0008 database holding attempts upgrades in place (SQLite and PostgreSQL).
Every frozen paper then names its questions by the hash of their content, each snapshot is stored
once, every paper reads back identical, and a downgrade gives the whole papers back byte for byte."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from old_attempts import ATTEMPT_0010, stored_papers
from sqlalchemy import func, insert, select, text

from baiwen_desktop.core.canonical import canonical_hash
from baiwen_desktop.core.paper import Paper, PaperItem
from baiwen_desktop.core.question import QType, Question, ScoringPoint
from baiwen_desktop.services import frozen_papers
from baiwen_desktop.services.package_results import compact_paper
from baiwen_desktop.store.engine import HEAD_REVISION, alembic_config, make_engine, open_store, upgrade
from baiwen_desktop.store.models import QuestionSnapshot

QUESTIONS = [
    Question("s1", QType.SINGLE, "安全帽的使用期限从何时算起？", Decimal(1), options=("出厂", "领用", "首次使用", "检验"), correct=(0,), source="问1", section="问"),
    Question("m1", QType.MULTI, "“两票”指哪两种？", Decimal(2), options=("工作票", "操作票", "派工单", "抢修单"), correct=(0, 1), source="问2", tags=("两票",)),
    Question("j1", QType.JUDGE, "验电前应先在有电设备上确认验电器良好。", Decimal(1), truth=True, source="查3", explanation="《安规》7.3"),
    Question("b1", QType.BLANK, "（  ）和（  ）", Decimal(1), blanks=(("停电", "断电"), ("验电",)), order_free=((0, 1),), source="问4", difficulty=2),
    Question("k1", QType.SHORT, "简述挂接地线的顺序。", Decimal(5), reference="先接接地端，后接导体端", points=(ScoringPoint(("接地端",), Decimal(1)), ScoringPoint(("导体端",), Decimal("1.5")))),
]


def _paper(order: list[int], shuffle: bool) -> Paper:
    items = []
    for part, n in enumerate(order):
        q = QUESTIONS[n]
        perm = tuple(reversed(range(len(q.options)))) if shuffle else tuple(range(len(q.options)))
        items.append(PaperItem(q, Decimal(2) if q.qtype is QType.SHORT else Decimal(1), part % 2, perm))
    return Paper(tuple(items), ("第一部分", "第二部分"))


# three attempts sharing questions, one with an empty paper (as an old test row might have)
PAPERS = {1: _paper([0, 1, 2, 3, 4], False), 2: _paper([4, 3, 2, 1, 0], True), 3: _paper([0, 2, 4], True)}




@pytest.fixture
def url(shared_db_url: str) -> str:
    return shared_db_url


def _raw_papers(engine: Any) -> dict[int, Any]:
    with engine.connect() as c:
        return stored_papers(c)


def _old_database(url: str) -> dict[int, Any]:
    """A database at 0008_packages with four attempts whose papers are stored whole, as 0008 stored them."""
    engine = make_engine(url)
    upgrade(engine, "0008_packages")
    with engine.begin() as c:
        c.execute(text("INSERT INTO candidate (id, employee_no, name, unit, post, class_name, created_at) VALUES (1, 'A1', '老张', '', '', '', '2025-01-01 00:00:00')"))
        c.execute(text("INSERT INTO exam (id, title, definition, archived, created_at) VALUES (1, 't', '{}', false, '2025-01-01 00:00:00')"))
        papers: dict[int, Any] = {n: p.to_dict() for n, p in PAPERS.items()}
        papers[4] = {}
        c.execute(insert(ATTEMPT_0010), [
            {"id": n, "exam_id": 1, "candidate_id": 1, "status": "submitted", "exam_definition": {}, "paper": paper, "seed": 0,
             "started_at": datetime(2025, 1, 1, 9, n), "limit_ms": 60_000, "total": Decimal(10), "pass_mark": Decimal(6)}
            for n, paper in papers.items()
        ])
    before = _raw_papers(engine)
    engine.dispose()
    assert before == papers
    return before


def test_a_0008_database_with_attempts_upgrades_and_every_paper_reads_back_identical(url: str, tmp_path: Path) -> None:
    before = _old_database(url)
    store = open_store(tmp_path / "data", url)  # what the app does at start
    try:
        with store.engine.connect() as c:
            assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION == "0011_attempt_papers"
        after = _raw_papers(store.engine)
        # each paper now names its questions by the hash of the snapshot it held; all else as it was
        for n in (1, 2, 3):
            assert after[n]["part_titles"] == before[n]["part_titles"]
            assert [i["question"] for i in after[n]["items"]] == [canonical_hash(i["question"]) for i in before[n]["items"]]
            assert [{k: v for k, v in i.items() if k != "question"} for i in after[n]["items"]] == [
                {k: v for k, v in i.items() if k != "question"} for i in before[n]["items"]]
            # what a result package carries is what it carried before the upgrade (HQ compares attempt digests)
            assert compact_paper(after[n]) == {
                "items": [{"question": canonical_hash(i["question"]), "score": i["score"], "part": i["part"], "option_order": i["option_order"]}
                          for i in before[n]["items"]],
                "part_titles": before[n]["part_titles"],
            }
        assert after[4] == {}
        with store.session() as s:
            # five distinct questions in three papers: five snapshots, each the content a paper held
            snaps = dict(list(s.execute(select(QuestionSnapshot.digest, QuestionSnapshot.question))))
            assert snaps == {canonical_hash(q.to_dict()): q.to_dict() for q in QUESTIONS}
            thawed = frozen_papers.thaw_many(s, {n: after[n] for n in (1, 2, 3)})
        assert thawed == PAPERS
        for n in (1, 2, 3):  # field by field, not only by dataclass equality
            assert [i.question.to_dict() for i in thawed[n].items] == [i["question"] for i in before[n]["items"]]
            assert thawed[n].to_dict() == before[n]
    finally:
        store.dispose()


def test_the_downgrade_puts_the_whole_papers_back(url: str, tmp_path: Path) -> None:
    from alembic import command

    before = _old_database(url)
    open_store(tmp_path / "data", url).dispose()
    engine = make_engine(url)
    with engine.connect() as conn, conn.begin():
        command.downgrade(alembic_config(conn), "0008_packages")
    assert _raw_papers(engine) == before
    with engine.connect() as c:
        assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0008_packages"
    upgrade(engine)  # and up again: the same snapshots, once each
    with engine.connect() as c:
        assert c.execute(select(func.count()).select_from(QuestionSnapshot)).scalar() == len(QUESTIONS)
    engine.dispose()
