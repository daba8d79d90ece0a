"""The merge's paper check (services.merge_grading.check_paper): a station attempt's paper is taken only if
HQ's exam could have drawn it from the questions HQ issued; otherwise a paper_mismatch conflict naming the
first thing wrong. Each case is checked with fresh caches and with caches warm from a good paper."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from baiwen_desktop.core.canonical import canonical_hash
from baiwen_desktop.core.exam import parse_exam
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.services import merge_grading

EXAM = parse_exam({"title": "t", "duration_minutes": 30, "pass_mark": 3,
                   "parts": [{"type": "单选", "count": 2, "score_each": 2}, {"type": "判断", "count": 1, "score_each": 1}]}, "t")
QUESTIONS = [Question(f"S{k}", QType.SINGLE, f"单选题{k}", Decimal(2), ("甲", "乙", "丙", "丁"), (k % 4,)) for k in (1, 2, 3)] + [
    Question(f"J{k}", QType.JUDGE, f"判断题{k}", Decimal(1), truth=k == 1) for k in (1, 2)]
CONTENT = {q.id: q.to_dict() for q in QUESTIONS}
DIGEST = {i: canonical_hash(c) for i, c in CONTENT.items()}
ISSUED = {i: DIGEST[i] for i in ("S1", "S2", "J1", "J2")}  # S3 is in no exam package HQ issued


def _paper() -> dict[str, Any]:
    items = [("S1", "2", 0, [1, 0, 2, 3]), ("S2", "2", 0, [0, 1, 2, 3]), ("J1", "1", 1, [])]
    return {"items": [{"question": DIGEST[q], "score": s, "part": p, "option_order": o} for q, s, p, o in items], "part_titles": ["单选", "判断"]}


def _check(paper: dict[str, Any], caches: tuple[dict[Any, Any], dict[Any, Any]], sent: dict[str, Any] | None = None) -> Any:
    questions = merge_grading.Questions(ISSUED, sent if sent is not None else {DIGEST[i]: c for i, c in CONTENT.items()})
    return merge_grading.check_paper({"paper": paper}, EXAM, questions, *caches)


def _item(pos: int, **change: Any) -> Any:
    return lambda p: p["items"][pos].update(change)


CASES: list[tuple[str, Any, tuple[str, str]]] = [
    ("not issued", _item(1, question=DIGEST["S3"]), ("paper_mismatch", "第 2 题（S3）与总部下发的题目不同")),
    ("unknown name", _item(2, question="0" * 64), ("paper_mismatch", "第 3 题（？）与总部下发的题目不同")),
    ("too few", lambda p: p["items"].pop(), ("paper_mismatch", "试卷有 2 题，总部考试为 3 题")),
    ("part counts", _item(2, part=0), ("paper_mismatch", "第 1 部分有 3 题，应为 2 题")),
    ("type", lambda p: (_item(1, part=1)(p), _item(2, part=0)(p)), ("paper_mismatch", "第 2 题的题型或分值与总部考试不符")),
    ("score", _item(1, score="3"), ("paper_mismatch", "第 2 题的题型或分值与总部考试不符")),
    ("order repeats", _item(0, option_order=[0, 0, 1, 2]), ("paper_mismatch", "第 1 题的选项顺序无效")),
    ("order short", _item(1, option_order=[0, 1, 2]), ("paper_mismatch", "第 2 题的选项顺序无效")),
    ("twice", _item(1, question=DIGEST["S1"]), ("paper_mismatch", "同一道题在试卷中出现两次")),
    ("unreadable", lambda p: p["items"][1].pop("score"), ("invalid", "试卷无法读取")),
]


def test_a_paper_hq_could_have_drawn_is_taken_as_it_is_stored() -> None:
    caches: tuple[dict[Any, Any], dict[Any, Any]] = ({}, {})
    for _ in range(2):  # cold, then warm
        got, total, stored = _check(_paper(), caches)
        assert [e.item.question.id for e in got] == ["S1", "S2", "J1"]
        assert [(e.item.score, e.item.part, e.item.option_order) for e in got] == [(2, 0, (1, 0, 2, 3)), (2, 0, (0, 1, 2, 3)), (1, 1, ())]
        assert stored == _paper() and stored["part_titles"] == ["单选", "判断"]
        assert str(total) == "5"


@pytest.mark.parametrize("warm", [False, True])
@pytest.mark.parametrize(("change", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_paper_hq_could_not_have_drawn_is_a_conflict_naming_why(change: Any, want: tuple[str, str], warm: bool) -> None:
    caches: tuple[dict[Any, Any], dict[Any, Any]] = ({}, {})
    if warm:
        _check(_paper(), caches)
    paper = _paper()
    change(paper)
    assert _check(paper, caches) == want


@pytest.mark.parametrize("warm", [False, True])
def test_other_content_under_an_issued_name_is_a_conflict(warm: bool) -> None:
    caches: tuple[dict[Any, Any], dict[Any, Any]] = ({}, {})
    if warm:
        _check(_paper(), caches)
    sent = {DIGEST[i]: copy.deepcopy(c) for i, c in CONTENT.items()}
    sent[DIGEST["S2"]]["correct"] = [3]
    assert _check(_paper(), caches, sent) == ("paper_mismatch", "第 2 题（S2）与总部下发的题目不同")
