"""GradeMemo: grading many papers through the memo gives exactly what grading each answer gives."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baiwen_desktop.core import grading
from baiwen_desktop.core.grading import ExamGrades, GradeMemo, grade_item, settle
from baiwen_desktop.core.paper import PaperItem
from tests.core.test_grading import ALL_RIGHT, BLANK, JUDGE, MULTI, ORDER_FREE, SHORT, SINGLE

D = Decimal
QUESTIONS = (SINGLE, MULTI, ALL_RIGHT, JUDGE, BLANK, ORDER_FREE, SHORT)

# responses as stations store them, and what a hostile or old row may hold: wrong types, 1 vs true
responses = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1, 5),
    st.lists(st.integers(-1, 5), max_size=5),
    st.lists(st.booleans(), max_size=3),
    st.lists(st.sampled_from(["45", "90", "两", " 45 ", "企业意识", "服务意识", "", "1", "true"]), max_size=5),
    st.sampled_from(["", "服务观念和意识", "监督考核", "考核监督 服务意识", "1", "true"]),
)
answers = st.lists(
    st.tuples(st.integers(0, len(QUESTIONS) - 1), st.sampled_from(["1", "2", "2.5", "3"]), responses, st.sampled_from([None, D("1.50")])),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(answers, st.sampled_from(["strict", "partial"]), st.sampled_from([D("0.5"), D("0.3")]))
def test_settle_with_a_memo_equals_settle(rows: list[tuple[int, str, object, Decimal | None]], policy: str, fraction: Decimal) -> None:
    memo = GradeMemo(policy, fraction, lambda text: json.loads(text))  # type: ignore[arg-type]
    for _ in range(2):  # the second round is answered from the memo
        items = [PaperItem(QUESTIONS[q], D(score), 0, tuple(range(len(QUESTIONS[q].options)))) for q, score, _, _ in rows]
        plain = settle(items, [r for _, _, r, _ in rows], [f for *_, f in rows], policy, fraction)
        memoised = settle(items, [json.dumps(r) for _, _, r, _ in rows], [f for *_, f in rows], policy, fraction, memo)
        assert memoised == plain
        for item, (_, _, r, _) in zip(items, rows, strict=True):
            assert memo(item, json.dumps(r)) == grade_item(item, r, policy, fraction)  # type: ignore[arg-type]


def test_the_memo_grades_each_question_score_and_response_once() -> None:
    decoded: list[str] = []
    memo = GradeMemo("strict", D("0.5"), lambda text: decoded.append(text) or json.loads(text))  # type: ignore[arg-type, func-returns-value]
    single, judge = PaperItem(SINGLE, D(2), 0, (0, 1, 2, 3)), PaperItem(JUDGE, D(1), 1)
    for _ in range(3):
        assert memo(single, "[1]").points == D(2) and memo(single, "[0]").points == 0
        assert memo(judge, "true").points == D(1) and memo(judge, "1").points == 0  # 1 is not true for a 判断
    assert memo(PaperItem(SINGLE, D(3), 0), "[1]").points == D(3)  # another score is another grade
    assert decoded == ["[1]", "[0]", "true", "1", "[1]"]


@settings(max_examples=300, deadline=None)
@given(answers, st.sampled_from(["strict", "partial"]), st.sampled_from([D("0.5"), D("0.3")]))
def test_exam_grades_settle_equals_settle(rows: list[tuple[int, str, object, Decimal | None]], policy: str, fraction: Decimal) -> None:
    """The whole-exam grader (bulk_attempts.submit_many) settles a paper exactly as settle does:
    automatic and final points, score, and pending for answered 简答 without a trainer's score."""
    grades = ExamGrades(policy, fraction, lambda text: json.loads(text))  # type: ignore[arg-type]
    for _ in range(2):  # the second round is answered from the memo
        items = [PaperItem(QUESTIONS[q], D(score), 0, tuple(range(len(QUESTIONS[q].options)))) for q, score, _, _ in rows]
        plain = settle(items, [r for _, _, r, _ in rows], [f for *_, f in rows], policy, fraction)
        got = grades.settle([QUESTIONS[q] for q, *_ in rows], [score for _, score, _, _ in rows], [json.dumps(r) for _, _, r, _ in rows], [f for *_, f in rows])
        assert got == plain


def test_exam_grades_decode_each_response_once_and_keep_trainers_scores() -> None:
    decoded: list[str] = []
    grades = ExamGrades("strict", D("0.5"), lambda text: decoded.append(text) or json.loads(text))  # type: ignore[arg-type, func-returns-value]
    questions, scores = [SINGLE, JUDGE, SHORT, SHORT, SINGLE], ["2", "1", "5", "5", "3"]
    got = grades.settle(questions, scores, ["[1]", "true", '"服务意识"', "null", "[1]"], [None, None, D("4.00"), None, None])
    assert got.auto[:2] == (D(2), D(1)) and got.final[2:4] == (D("4.00"), D("0.00")) and got.final[4] == D(3)
    assert got.score == D(2) + D(1) + D("4.00") + D(3) and got.pending is False
    waiting = grades.settle(questions[2:3], scores[2:3], ['"服务意识"'], [None])
    assert waiting.final == (None,) and waiting.pending is True and waiting.score == waiting.auto[0]
    assert decoded == ["[1]", "true", '"服务意识"', "null"]  # "[1]" for another score: graded again, not decoded again


@settings(max_examples=200, deadline=None)
@given(st.lists(answers, min_size=1, max_size=4), st.sampled_from(["strict", "partial"]))
def test_exam_grades_points_are_settle_s_pairs_and_one_object_per_text(papers: list[list[tuple[int, str, object, Decimal | None]]], policy: str) -> None:
    """finishing groups answers by their Pair's identity: equal texts must be one object, and
    different texts (0 and 0.00 are equal numbers but sum to different scores) never."""
    grades = ExamGrades(policy, D("0.5"), lambda text: json.loads(text))  # type: ignore[arg-type]
    seen: list[tuple[Decimal, Decimal | None]] = []
    for rows in papers * 2:
        args = ([QUESTIONS[q] for q, *_ in rows], [score for _, score, _, _ in rows], [json.dumps(r) for _, _, r, _ in rows], [f for *_, f in rows])
        pairs, score, pending = grades.points(*args)
        want = grades.settle(*args)
        items = [PaperItem(QUESTIONS[q], D(score), 0, tuple(range(len(QUESTIONS[q].options)))) for q, score, _, _ in rows]
        assert want == settle(items, [r for _, _, r, _ in rows], [f for *_, f in rows], policy, D("0.5"))
        assert (tuple(p[0] for p in pairs), tuple(p[1] for p in pairs), score, pending) == (want.auto, want.final, want.score, want.pending)
        codes = grades.codes(pairs)  # each pair's byte: its index among the pairs made (finishing picks answers by it)
        assert codes is not None and all(grades.pair_list[c] is p for c, p in zip(codes, pairs, strict=True))
        seen += pairs
    text = {id(p): (str(p[0]), str(p[1])) for p in seen}
    assert len(set(text.values())) == len(text)  # one object per text


def test_choice_questions_with_the_same_type_and_key_are_graded_once_per_response(monkeypatch: pytest.MonkeyPatch) -> None:
    """ExamGrades grades a 单选/多选/判断 by its type and key: questions that share them share each
    response's grade, any other key (or type) is graded apart, as settle grades each question."""
    other_stem = replace(SINGLE, id="s2", stem="另一道题", options=("甲", "乙", "丙", "丁"))  # same key (1,)
    other_key = replace(SINGLE, id="s3", correct=(2,))
    as_multi = replace(MULTI, id="m2", correct=(1,))  # a 多选 whose key is (1,): graded apart from the 单选
    true_one = replace(JUDGE, id="j2")
    false_one = replace(JUDGE, id="j3", truth=False)
    questions = [SINGLE, other_stem, other_key, as_multi, JUDGE, true_one, false_one]
    real = grading._choice_points
    calls: list[str] = []
    monkeypatch.setattr(grading, "_choice_points", lambda q, *a: calls.append(q.id) or real(q, *a))
    grades = ExamGrades("partial", D("0.5"), lambda text: json.loads(text))  # type: ignore[arg-type]
    items = [PaperItem(q, D(2), 0, tuple(range(len(q.options)))) for q in questions]
    for responses in (["[1]", "[1]", "[1]", "[1]", "true", "true", "true"], ["[2]", "[2]", "[2]", "[1, 2]", "false", "false", "false"]):
        want = settle(items, [json.loads(r) for r in responses], [None] * 7, "partial", D("0.5"))
        calls.clear()
        assert grades.settle(questions, ["2"] * 7, responses, [None] * 7) == want
        assert calls == ["s", "s3", "m2", "j", "j3"]  # s2 graded as s, j2 as j
    assert grades.settle(questions, ["2"] * 7, ["[1]"] * 4 + ["true"] * 3, [None] * 7).auto == (D(2), D(2), D(0), D(2), D(2), D(2), D(0))


def test_pair_codes_stop_past_a_byte() -> None:
    """ExamGrades.codes: None once more than 256 distinct pairs were made (finishing then groups by identity)."""
    grades = ExamGrades("strict", D("0.5"), lambda text: json.loads(text))  # type: ignore[arg-type]
    made = [grades.settle([SHORT], ["6"], ['"服务意识"'], [D(k) / 100]) for k in range(257)]  # a trainer's 0.00 … 2.56: a pair each
    pairs, _, _ = grades.points([SHORT], ["6"], ['"服务意识"'], [D(0)])
    assert len(grades.pair_list) == 258 and grades.codes(pairs) is None and made[0].final == (D(0),)
    fewer = ExamGrades("strict", D("0.5"), lambda text: json.loads(text))  # type: ignore[arg-type]
    pairs, _, _ = fewer.points([SHORT, SINGLE], ["6", "2"], ['"服务意识"', "[1]"], [D(0), None])
    assert fewer.codes(pairs) == bytes([2, 1]) and fewer.pair_list[0][1] is None  # made: the suggestion, the 单选's, the kept 0
