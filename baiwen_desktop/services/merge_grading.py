"""A station's attempt as HQ takes it (services.package_merge): its paper checked against the questions
HQ issued and the rules of HQ's exam, then graded by HQ, as plain column values ready to insert.

No database here: the merge reads and writes; this module is what it does to each attempt in between,
thousands of times a package, so the per-answer work is done a column at a time where it can be.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from itertools import compress, count, repeat
from operator import attrgetter, itemgetter, not_
from pathlib import Path
from typing import Any

import orjson

from baiwen_desktop.core.canonical import parsed_hash
from baiwen_desktop.core.exam import ExamDefinition
from baiwen_desktop.core.grading import ItemGrade, grade_item
from baiwen_desktop.core.numbers import passes
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.question import CHOICE_TYPES, QType, Question
from baiwen_desktop.services.package_io import from_iso, stored_times
from baiwen_desktop.store import json_codec


class Sheet:
    """An attempt being merged, as plain values (thousands per merge: no ORM objects): its attempt row
    (without candidate_id, its paper as JSON text) and its answer rows (without attempt_id), graded,
    column by column, the responses and times as the store's text (store.many_rows json_texts and
    datetime_texts): small to send from a worker process (services.merge_pipeline)."""

    __slots__ = ("answers", "paper", "saved", "texts", "values")

    def __init__(self, values: dict[str, Any], paper: str, answers: dict[str, list[Any]], texts: list[str], saved: list[str]) -> None:
        self.values = values
        self.paper = paper  # the stored paper's JSON text, as the store writes it
        self.answers = answers
        self.texts = texts  # each response's JSON text, as the store writes it
        self.saved = saved  # each answer's save time as the store's text


class _Entry:
    """A paper item as a merge meets it in thousands of papers of one exam: the item, whether its option
    order is a permutation of the question's options, and the grades it has been given, by the JSON text
    of the response (shared by every item of the same question and score; None for a 简答: each text
    is the candidate's own, so a kept grade would only take memory)."""

    __slots__ = ("grades", "item", "kept", "order_ok", "part", "qid", "sig")

    def __init__(self, item: PaperItem, order_ok: bool, grades: dict[bytes | str, ItemGrade] | None) -> None:
        self.item = item
        self.order_ok = order_ok
        self.kept = grades is not None
        self.grades = grades if grades is not None else {}  # a 简答's stays empty: looked up alike, never found
        self.part = item.part
        self.qid = item.question.id
        self.sig = (item.question.qtype, item.score)


class Questions:
    """The questions a package's papers name (by the hash of their content), each checked once:
    its content hashes to its name, and that is the snapshot HQ issued for its id. (A content written
    in exactly the JSON of one that hashed to its name in an earlier package is the same value, types
    and all, so it need not be hashed again: 200 stations send the same few hundred questions.)"""

    def __init__(self, snapshots: dict[str, str], sent: Any) -> None:
        self.snapshots = snapshots
        self.sent = sent if isinstance(sent, dict) else {}
        self.parsed: dict[str, tuple[Question, dict[str, Any]] | None] = {}

    def get(self, digest: Any) -> tuple[Question, dict[str, Any]] | None:
        """(the parsed question, its content) if `digest` names a question HQ issued, else None."""
        if not isinstance(digest, str):
            return None
        found = self.parsed.get(digest, False)
        if found is False:
            raw = self.sent.get(digest)
            found = None
            if isinstance(raw, dict) and self.snapshots.get(str(raw.get("id"))) == digest:
                seen = _questions_seen.get(digest)
                if seen is not None and seen[2] is not None and _json_bytes(raw) == seen[2]:  # the very content hashed before
                    found = seen[:2]
                elif parsed_hash(raw) == digest:
                    if seen is None:  # named by its content: the same question for every package and database
                        seen = _questions_seen[digest] = (Question.from_dict(raw), raw, _json_bytes(raw))
                    found = seen[:2]
            self.parsed[digest] = found
        return found  # type: ignore[return-value]

    def name(self, digest: Any) -> str:
        raw = self.sent.get(digest) if isinstance(digest, str) else None
        return str(raw.get("id"))[:20] if isinstance(raw, dict) else "？"


def _json_bytes(value: Any) -> bytes | None:
    try:
        return orjson.dumps(value)
    except TypeError:  # an integer past 64 bits: compared by its hash instead
        return None


_DIGEST, _SCORE, _PART, _ORDER = itemgetter("question"), itemgetter("score"), itemgetter("part"), itemgetter("option_order")
_SIG, _ORDER_OK = attrgetter("sig"), attrgetter("order_ok")
_ITEM_KEYS = {4}  # question, score, part, option_order
Entries = dict[tuple[str, str, int, tuple[int, ...]], _Entry]
Tables = dict[tuple[str, Decimal], dict[bytes | str, ItemGrade]]


def check_paper(
    a: dict[str, Any], exam: ExamDefinition, questions: Questions, entries: Entries, tables: Tables,
) -> tuple[list[_Entry], Decimal, dict[str, Any]] | tuple[str, str]:
    """The attempt's paper if HQ's exam could have drawn it from what HQ issued: its items (parsed), its
    total and the paper as HQ stores it (by reference, services.frozen_papers); else (conflict kind, why).
    `entries` and `tables`: the items and grades met before under this exam's grading policy (policy_caches).
    The items are read a column at a time: 100 per paper, thousands of papers."""
    try:
        raw = a["paper"]
        items = raw["items"]
        digests, scores, parts = list(map(_DIGEST, items)), list(map(_SCORE, items)), list(map(_PART, items))
        orders = list(map(_ORDER, items))
        distinct = set(digests)
        checked = questions.parsed
        if not all(map(checked.get, distinct)):  # a question not met in this package yet, or not HQ's
            for d in distinct - checked.keys():
                questions.get(d)
            if not all(map(checked.get, distinct)):
                pos = next(n for n, d in enumerate(digests) if checked.get(d) is None)  # the first
                return "paper_mismatch", f"第 {pos + 1} 题（{questions.name(digests[pos])}）与总部下发的题目不同"
        keys = list(zip(digests, scores, parts, map(tuple, orders), strict=True))
        got: list[_Entry] = list(map(entries.get, keys))
        if not all(got):
            for n, e in enumerate(got):
                if e is None:
                    got[n] = _entry(keys[n], checked, entries, tables)
        # as the station wrote them when each is just these four fields (what every station writes), else rebuilt
        stored = items if set(map(len, items)) == _ITEM_KEYS else [
            {"question": d, "score": t, "part": p, "option_order": o} for d, t, p, o in zip(digests, scores, parts, orders, strict=True)]
        titles = [str(t) for t in raw["part_titles"]]
        total = _total(scores, got)
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError):
        return "invalid", "试卷无法读取"
    if len(got) != exam.question_count:
        return "paper_mismatch", f"试卷有 {len(got)} 题，总部考试为 {exam.question_count} 题"
    per_part = Counter(parts)
    for n, rule in enumerate(exam.parts):
        if per_part.get(n, 0) != rule.count:
            return "paper_mismatch", f"第 {n + 1} 部分有 {per_part.get(n, 0)} 题，应为 {rule.count} 题"
    rules = [(rule.qtype, rule.score_each) for rule in exam.parts]
    if list(map(_SIG, got)) != [rules[p] for p in parts] or not all(map(_ORDER_OK, got)):
        for pos, e in enumerate(got):
            if e.sig != rules[e.part]:
                return "paper_mismatch", f"第 {pos + 1} 题的题型或分值与总部考试不符"
            if not e.order_ok:
                return "paper_mismatch", f"第 {pos + 1} 题的选项顺序无效"
    if len(distinct) != len(got):  # each question HQ issued has one content, named by one digest (Questions.get)
        return "paper_mismatch", "同一道题在试卷中出现两次"
    return got, total, {"items": stored, "part_titles": titles}


def _total(scores: list[Any], got: list[_Entry]) -> Decimal:
    """core.paper.Paper.total of these items: thousands of papers of an exam share a few score columns."""
    key = tuple(scores)
    total = _totals.get(key)
    if total is None:
        total = sum((e.item.score for e in got), Decimal(0))
        if set(map(type, scores)) == {str}:  # 1, 1.0 and True are one key but not one Decimal: only text is kept
            if len(_totals) > 10_000:
                _totals.clear()
            _totals[key] = total
    return total


def _entry(key: tuple[Any, ...], checked: dict[str, Any], entries: Entries, tables: Tables) -> _Entry:
    """A paper item not met before under this policy, parsed (and kept when its score is text and its part an integer)."""
    digest, text, part, order = key
    q = checked[digest][0]
    item = PaperItem(q, _score(text), int(part), tuple(int(i) for i in order))
    order_ok = q.qtype not in CHOICE_TYPES or sorted(item.option_order) == list(range(len(q.options)))
    e = _Entry(item, order_ok, None if q.qtype is QType.SHORT else tables.setdefault((digest, item.score), {}))
    if type(text) is str and type(part) is int:  # 1, 1.0 and True are one key: only text and integers are kept
        entries[key] = e  # type: ignore[index]
    return e


def _score(text: Any) -> Decimal:
    key = str(text)
    found = _scores.get(key)
    if found is None:
        found = _scores[key] = Decimal(key)
    return found


_UNANSWERED_SHORT = Decimal("0.00")  # core.grading.settle's final points of a 简答 left blank
_POSITION, _GRADES, _POINTS = itemgetter("position"), attrgetter("grades"), attrgetter("points")


def build_sheet(
    a: dict[str, Any], entries: list[_Entry], total: Decimal, stored: dict[str, Any], exam_id: int, exam: ExamDefinition,
    station_id: str, station_name: str, digest: str, path: Path,
) -> Sheet:
    """The attempt as HQ stores it (but for its exam definition, the same for every attempt): HQ's exam
    settings, the station's frozen paper and answers, graded here as core.grading.settle grades a paper
    with no final points kept yet (attempts.grade_attempt; a test holds the two equal): each objective
    answer's grade looked up by its response's JSON text, each 简答 graded afresh and left for a trainer
    when answered."""
    submitted = from_iso(a.get("submitted_at"), path, "交卷时间")
    started = from_iso(a["started_at"], path, "开始时间")
    if started is None:
        raise ValueError("no start time")
    answers = a["answers"]
    n = len(entries)
    positions = list(range(n))
    if list(map(_POSITION, answers)) != positions:  # integers: package_shape
        answers = sorted(answers, key=lambda x: int(x["position"]))
        if [int(x["position"]) for x in answers] != positions:
            raise ValueError("answers do not cover the paper")
    policy, fraction = exam.multi_policy, exam.partial_fraction
    responses = list(map(dict.get, answers, repeat("response")))
    try:  # each response named exactly by its JSON text (the store's own: json_codec.dumps), which is also what is stored
        keys: list[bytes | str] = list(map(orjson.dumps, responses))
        texts = list(map(bytes.decode, keys))  # type: ignore[arg-type]
    except TypeError:  # an integer past 64 bits: the standard library's text
        keys = texts = [json_codec.dumps(r) for r in responses]  # type: ignore[assignment]
    found: list[ItemGrade | None] = list(map(dict.get, map(_GRADES, entries), keys))  # each grade given before; None: not yet, or a 简答
    pending = False
    if all(found):  # (not `None in found`: that calls the dataclass's __eq__ on every grade)
        auto = list(map(_POINTS, found))
        counted, final = auto, auto.copy()  # what the score adds up, what is stored as final
    else:
        waiting, blank = [], []  # 简答 answered (a suggestion, awaiting a trainer) and left blank
        for i in compress(count(), map(not_, found)):
            e = entries[i]
            g = found[i] = grade_item(e.item, responses[i], policy, fraction)
            if e.kept:
                e.grades[keys[i]] = g
                _graded[0] += 1
            else:
                (waiting if g.answered else blank).append(i)
        auto = list(map(_POINTS, found))
        counted, final = auto.copy(), auto.copy()  # type: ignore[assignment]
        for i in waiting:
            final[i] = None
        for i in blank:
            counted[i] = final[i] = _UNANSWERED_SHORT
        pending = bool(waiting)
    score = sum(counted, Decimal(0))
    saved = stored_times(list(map(dict.get, answers, repeat("saved_at"))), submitted or started, path, "保存时间")
    rows = {"position": positions, "marked": list(map(dict.get, answers, repeat("marked"), repeat(False))),
            "auto_points": auto, "final_points": final}  # booleans: package_shape
    values = {
        "session_id": None, "exam_id": exam_id, "station": station_name[:128], "station_id": station_id, "lease_token": "",
        "status": str(a["status"]), "submit_reason": str(a.get("submit_reason", ""))[:200],
        "seed": int(a.get("seed", 0)), "started_at": started, "submitted_at": submitted, "limit_ms": int(a["limit_ms"]),
        "counted_ms": int(a["counted_ms"]), "heartbeat_at": None, "answered_count": n - responses.count(None),
        "clock_offset_ms": None, "current_index": 0, "focus_losses": int(a.get("focus_losses", 0)), "total": total,
        "pass_mark": exam.pass_mark, "origin_station_id": station_id, "origin_attempt_id": int(a["id"]), "origin_digest": digest,
        "score": score, "pending_review": pending, "passed": None if pending else passes(score, exam.pass_mark),
    }
    return Sheet(values, json_codec.dumps(stored), rows, texts, saved)


# Kept for every package this process merges (200 packages of one exam answer the same few hundred
# questions, mostly with the same few responses), each bounded: questions by their content's hash (one
# object per content); per grading policy, the paper items met (a 判断 or 填空 has one option order; a
# 单选's four options, 24) and the grades given (grading is a function of the question's content, the
# item's score, the response and the exam's policy).
_questions_seen: dict[str, tuple[Question, dict[str, Any], bytes | None]] = {}  # digest (checked) -> parsed question, content, its JSON
_entries: dict[tuple[str, Decimal], Entries] = {}  # policy -> (digest, score text, part, order) -> entry
_tables: dict[tuple[str, Decimal], Tables] = {}  # policy -> (digest, score) -> grades
_graded = [0]  # grades kept in _tables
_scores: dict[str, Decimal] = {}
_totals: dict[tuple[Any, ...], Decimal] = {}  # score texts of a paper's items -> its total
_MAX_QUESTIONS, _MAX_ENTRIES, _MAX_GRADES = 50_000, 500_000, 200_000  # a grade kept: its response text and an ItemGrade, a few hundred bytes


def policy_caches(exam: ExamDefinition) -> tuple[Entries, Tables]:
    """The entries and grade tables for this exam's policy; everything starts afresh rather than grow without end."""
    if len(_questions_seen) > _MAX_QUESTIONS or sum(map(len, _entries.values())) > _MAX_ENTRIES or _graded[0] > _MAX_GRADES:
        _questions_seen.clear()
        _entries.clear()
        _tables.clear()
        _graded[0] = 0
    key = (exam.multi_policy, exam.partial_fraction)
    return _entries.setdefault(key, {}), _tables.setdefault(key, {})
