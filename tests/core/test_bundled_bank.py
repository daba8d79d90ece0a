"""The bundled bank: size, coverage of all 99 items, and that every key grades as right."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from baiwen_desktop.core.bankfile import BankText, load_bank
from baiwen_desktop.core.grading import grade_item
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.question import QType
from baiwen_desktop.datadir import bundled_bank_dir


@pytest.fixture(scope="module")
def bank() -> BankText:
    return load_bank([bundled_bank_dir()])


def test_bank_is_valid(bank: BankText) -> None:
    assert bank.issues == []
    assert bank.name == "百问百查（2009版）"


def test_size_by_type(bank: BankText) -> None:
    by = Counter(q.qtype for q in bank.questions)
    assert len(bank.questions) >= 400
    assert by[QType.SINGLE] >= 140 and by[QType.MULTI] >= 80 and by[QType.JUDGE] >= 90
    assert by[QType.BLANK] >= 60 and by[QType.SHORT] >= 30


def test_every_item_has_two_and_rich_items_eight(bank: BankText) -> None:
    per = Counter(q.source for q in bank.questions)
    items = [f"问{n}" for n in range(1, 50)] + [f"查{n}" for n in range(1, 51)]
    assert {i: per[i] for i in items if per[i] < 2} == {}
    rich = ["问14", "问27", "问28", "问30", "问34", "问37", "问38", "问39", "问40"]
    assert {i: per[i] for i in rich if per[i] < 8} == {}


def test_judge_items_are_balanced(bank: BankText) -> None:
    truths = Counter(q.truth for q in bank.questions if q.qtype is QType.JUDGE)
    assert 0.4 <= truths[True] / (truths[True] + truths[False]) <= 0.6


def test_text_hygiene(bank: BankText) -> None:
    for q in bank.questions:
        text = q.stem + "".join(q.options) + q.explanation + q.reference
        assert "臵" not in text, q.id
        assert not any(o.strip() in ("以上都是", "以上都对", "以上皆是") for o in q.options), q.id
        assert q.explanation and q.source, q.id


def test_every_key_grades_full_marks(bank: BankText) -> None:
    for q in bank.questions:
        item = PaperItem(q, q.score, 0, tuple(range(len(q.options))))
        if q.qtype in (QType.SINGLE, QType.MULTI):
            resp: object = list(q.correct)
        elif q.qtype is QType.JUDGE:
            resp = q.truth
        elif q.qtype is QType.BLANK:
            resp = [alts[0] for alts in q.blanks]
        else:
            resp = "；".join(p.keywords[0] for p in q.points)
        g = grade_item(item, resp)  # type: ignore[arg-type]
        assert g.points == q.score, q.id
        assert g.points > Decimal(0)


def test_stems_are_unique(bank: BankText) -> None:
    stems = Counter((q.qtype, q.stem) for q in bank.questions)
    assert [k for k, n in stems.items() if n > 1] == []
