"""Grading: exact, Decimal scores. See docs/grading.md for the rules with worked examples."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import repeat
from operator import is_, itemgetter

from baiwen_desktop.core.normalise import contains_keyword, normalise
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.question import QType, Question

CENT = Decimal("0.01")

# A response is plain JSON: 单选/多选 a list of ORIGINAL option indices, 判断 a bool,
# 填空 a list of strings (one per blank), 简答 a string; None when unanswered.
Response = list[int] | bool | list[str] | str | None


@dataclass(frozen=True)
class ItemGrade:
    points: Decimal
    max_points: Decimal
    correct: bool  # full marks
    answered: bool
    pending: bool = False  # 简答: a suggestion until a trainer confirms
    blank_results: tuple[bool, ...] = ()
    matched_points: tuple[int, ...] = ()  # 简答: indices of 要点 found
    matched_keywords: tuple[str, ...] = field(default=())


def quantise(d: Decimal) -> Decimal:
    return d.quantize(CENT, rounding=ROUND_HALF_UP)


def is_answered(item: PaperItem, response: Response) -> bool:
    return _answered(item.question.qtype, response)


def _answered(t: QType, response: Response) -> bool:
    if response is None:
        return False
    if t in (QType.SINGLE, QType.MULTI):
        return isinstance(response, list) and len(response) > 0
    if t is QType.JUDGE:
        return isinstance(response, bool)
    if t is QType.BLANK:
        return isinstance(response, list) and any(str(r).strip() for r in response)
    return isinstance(response, str) and bool(response.strip())


def is_complete(item: PaperItem, response: Response) -> bool:
    """Answered in full: a 填空 only when every blank is filled (what the trainee sees as 已答).

    Grading still uses `is_answered`: a half-filled 填空 earns the blanks it got right."""
    if item.question.qtype is QType.BLANK:
        given = [str(r).strip() for r in response] if isinstance(response, list) else []
        return len(given) >= len(item.question.blanks) and all(given[: len(item.question.blanks)])
    return is_answered(item, response)


def grade_item(item: PaperItem, response: Response, policy: str = "strict", fraction: Decimal = Decimal("0.5")) -> ItemGrade:
    q = item.question
    answered = _answered(q.qtype, response)
    if not answered:
        return ItemGrade(Decimal(0), item.score, False, False, pending=q.qtype is QType.SHORT)
    if q.qtype in _CHOICES:
        pts, ok = _choice_points(q, item.score, response, policy, fraction)
        return ItemGrade(pts, item.score, ok, True)
    if q.qtype is QType.BLANK:
        given = [str(r) for r in response] + [""] * len(q.blanks)  # type: ignore[union-attr]
        results = grade_blanks(q.blanks, q.order_free, given[: len(q.blanks)])
        n_ok = sum(results)
        pts = quantise(item.score * n_ok / len(q.blanks))
        return ItemGrade(pts, item.score, n_ok == len(q.blanks), True, blank_results=tuple(results))
    # 简答: keyword suggestion, scaled to this paper's score for the item
    text = normalise(str(response))
    matched, words = [], []
    for i, p in enumerate(q.points):
        hit = next((k for k in p.keywords if contains_keyword(text, k)), None)
        if hit is not None:
            matched.append(i)
            words.append(hit)
    weight_total = sum((p.weight for p in q.points), Decimal(0)) or Decimal(1)
    earned = sum((q.points[i].weight for i in matched), Decimal(0))
    pts = quantise(min(item.score, item.score * earned / weight_total))
    return ItemGrade(pts, item.score, pts == item.score, True, pending=True, matched_points=tuple(matched), matched_keywords=tuple(words))


_CHOICES = (QType.SINGLE, QType.MULTI, QType.JUDGE)


def _choice_points(q: Question, score: Decimal, response: Response, policy: str, fraction: Decimal) -> tuple[Decimal, bool]:
    """An answered 单选/多选/判断's points, and whether they are full marks."""
    if q.qtype is QType.SINGLE:
        ok = list(response) == list(q.correct)  # type: ignore[arg-type]
        return (score if ok else Decimal(0)), ok
    if q.qtype is QType.MULTI:
        chosen, right = set(response), set(q.correct)  # type: ignore[arg-type]
        if chosen == right:
            return score, True
        if policy == "partial" and chosen < right:
            return quantise(score * fraction), False
        return Decimal(0), False
    ok = response is q.truth
    return (score if ok else Decimal(0)), ok


def grade_blanks(blanks: tuple[tuple[str, ...], ...], groups: tuple[tuple[int, ...], ...], given: list[str]) -> list[bool]:
    """Per-blank correctness. Within an order-free group each key blank is used at most once."""
    keys = _blank_keys(blanks)
    answers = list(map(_normalised_answer, given))
    results = [answers[i] != "" and answers[i] in keys[i] for i in range(len(blanks))]
    for group in groups:
        matched = _group_matching(group, answers, keys)
        for a in group:
            results[a] = a in matched
    return results


@functools.lru_cache(maxsize=4096)
def _blank_keys(blanks: tuple[tuple[str, ...], ...]) -> tuple[frozenset[str], ...]:
    """Each blank's accepted answers, normalised: a question's are the same for every response graded
    (an HQ exam grades thousands of distinct 填空 responses; a bank holds a few hundred 填空)."""
    return tuple(frozenset(normalise(a) for a in alts) for alts in blanks)


@functools.lru_cache(maxsize=65_536)
def _normalised_answer(text: str) -> str:
    """A blank's answer normalised: the same texts recur across papers and questions (a wrong guess,
    the key itself), and an HQ exam grades thousands of distinct 填空 responses."""
    return normalise(text)


def _group_matching(group: tuple[int, ...], answers: list[str], keys: Sequence[AbstractSet[str]]) -> set[int]:
    """Answer slots of an order-free group that can be paired with distinct key slots.

    A maximum bipartite matching by augmenting paths; groups hold a handful of blanks.
    """
    owner: dict[int, int] = {}  # key slot -> answer slot

    def augment(a: int, seen: set[int]) -> bool:
        for k in group:
            if k in seen or not answers[a] or answers[a] not in keys[k]:
                continue
            seen.add(k)
            if k not in owner or augment(owner[k], seen):
                owner[k] = a
                return True
        return False

    for a in group:
        augment(a, set())
    return set(owner.values())


@dataclass(frozen=True)
class PaperGrade:
    items: tuple[ItemGrade, ...]

    @property
    def score(self) -> Decimal:
        return sum((g.points for g in self.items), Decimal(0))

    @property
    def pending(self) -> bool:
        return any(g.pending for g in self.items)


def grade_paper(items: list[PaperItem], responses: list[Response], policy: str, fraction: Decimal) -> PaperGrade:
    return PaperGrade(tuple(grade_item(i, r, policy, fraction) for i, r in zip(items, responses, strict=True)))


def response_text(item: PaperItem, response: Response) -> str:
    """A response as the candidate would read it back (letters as shown on their paper); "" if unanswered."""
    if not is_answered(item, response):
        return ""
    q = item.question
    if q.qtype in (QType.SINGLE, QType.MULTI):
        shown = {orig: pos for pos, orig in enumerate(item.option_order)}
        return "".join(sorted("ABCDEF"[shown[i]] for i in response if i in shown))  # type: ignore[union-attr]
    if q.qtype is QType.JUDGE:
        return "正确" if response else "错误"
    if q.qtype is QType.BLANK:
        return "；".join(str(r) for r in response)  # type: ignore[union-attr]
    return str(response)


def key_text(item: PaperItem) -> str:
    """The correct answer in this candidate's option lettering."""
    q = item.question
    if q.qtype in (QType.SINGLE, QType.MULTI):
        shown = {orig: pos for pos, orig in enumerate(item.option_order)}
        return "".join(sorted("ABCDEF"[shown[i]] for i in q.correct))
    return q.answer_text()



@dataclass(frozen=True)
class Settled:
    """An attempt's grading as stored: per answer the automatic and the final points, the score."""

    auto: tuple[Decimal, ...]
    final: tuple[Decimal | None, ...]  # None: a 简答 awaiting a trainer
    score: Decimal
    pending: bool


class GradeMemo:
    """grade_item for many papers of one exam: a (question, score, response) graded once.

    Papers drawn from one bank share their questions, and most responses to a question are
    the same few (an option, 正确/错误), so a whole exam's 300,000 answers need only a few
    thousand gradings. `key` names a response exactly (the caller's stored JSON text), and
    `decode` turns it into the response only when it was not graded before. Questions are
    told apart by identity: a memo is kept for one batch, while its papers are alive.
    """

    def __init__(self, policy: str, fraction: Decimal, decode: Callable[[Hashable], Response]) -> None:
        self.policy = policy
        self.fraction = fraction
        self._decode = decode
        self._grades: dict[tuple[int, Decimal, Hashable], ItemGrade] = {}
        self._questions: list[object] = []  # keeps every graded question alive, so its id() is never reused

    def __call__(self, item: PaperItem, key: Hashable) -> ItemGrade:
        k = (id(item.question), item.score, key)
        g = self._grades.get(k)
        if g is None:
            g = self._grades[k] = grade_item(item, self._decode(key), self.policy, self.fraction)
            self._questions.append(item.question)
        return g


def settle(
    items: Sequence[PaperItem],
    responses: Sequence[Response],
    finals: Sequence[Decimal | None],
    policy: str,
    fraction: Decimal,
    memo: GradeMemo | None = None,
) -> Settled:
    """(Re)grade a paper's answers, keeping trainers' final scores of answered 简答.

    An objective item's final points are its automatic ones; an unanswered 简答 gets 0; an
    answered 简答 keeps its final score or awaits a trainer (its suggestion counts meanwhile).
    With `memo` (made for the same policy and fraction) `responses` are the memo's keys.
    """
    assert memo is None or (memo.policy, memo.fraction) == (policy, fraction)
    auto: list[Decimal] = []
    final: list[Decimal | None] = []
    score = Decimal(0)
    pending = False
    for item, response, kept in zip(items, responses, finals, strict=True):
        g = memo(item, response) if memo is not None else grade_item(item, response, policy, fraction)  # type: ignore[arg-type]
        f: Decimal | None
        if item.question.qtype is QType.SHORT:
            if not g.answered:
                f = Decimal("0.00")
            else:
                f = kept
                pending = pending or kept is None
        else:
            f = g.points
        auto.append(g.points)
        final.append(f)
        score += f if f is not None else g.points
    return Settled(tuple(auto), tuple(final), score, pending)


_first, _second = itemgetter(0), itemgetter(1)


def _has_none(values: Iterable[Decimal | None]) -> bool:
    """Whether a None is among them, by identity in C: `None in values` compares None with each
    Decimal, and Decimal's == asks isinstance(None, numbers.Rational) (an ABC check) every time."""
    return any(map(is_, values, repeat(None)))


Pair = tuple[Decimal, Decimal | None]  # an answer's (automatic points, final points or None: awaiting a trainer)


class ExamGrades:
    """A whole exam's answers graded by (question, score, stored response), each distinct one once:
    what `settle` with a GradeMemo gives, without a PaperItem or an ItemGrade per answer (an HQ
    exam hands in 300,000 answers; a few thousand distinct ones).

    `key` names a response exactly (the stored JSON text) and `decode` turns it into the response
    on a miss. A 单选/多选/判断 is graded by its type and key alone (_choice_points), so those with the
    same ones share their grades: an HQ bank's thousands of them have a few dozen keys, and each
    response to them is graded once per key rather than once per question. Other questions are told
    apart by identity; each question met is kept alive here.
    """

    def __init__(self, policy: str, fraction: Decimal, decode: Callable[[Hashable], Response]) -> None:
        self.policy = policy
        self.fraction = fraction
        self._decode = decode
        # id(question) -> the id of what it is graded as (`_grades_as`)
        self._grades_as: dict[int, int] = {}
        self._kinds: dict[Hashable, Question] = {}  # a choice question's (type, key) -> the first question with them
        # (id of what the question is graded as, score text, key) -> its Pair
        self._points: dict[tuple[int, str, Hashable], Pair] = {}
        self._questions: list[object] = []
        self._scores: dict[str, Decimal] = {}
        self._responses: dict[Hashable, Response] = {}  # key -> decoded: a few hundred distinct texts
        # one object for each distinct pair of texts: a caller groups answers by identity (`points`)
        self._pairs: dict[tuple[str, str | None], Pair] = {}
        self._codes: dict[int, int] = {}  # id(pair object) -> its index in _pair_list
        self._pair_list: list[Pair] = []

    def settle(self, questions: Sequence[Question], scores: Sequence[str], keys: Sequence[Hashable], kept: Sequence[Decimal | None]) -> Settled:
        """`settle` of one paper's answers: answer i is to questions[i], worth scores[i] (its text)."""
        pairs, score, pending = self.points(questions, scores, keys, kept)
        return Settled(tuple(map(_first, pairs)), tuple(map(_second, pairs)), score, pending)  # type: ignore[arg-type]

    def points(self, questions: Sequence[Question], scores: Sequence[str], keys: Sequence[Hashable], kept: Sequence[Decimal | None]) -> tuple[list[Pair], Decimal, bool]:
        """`settle`'s figures as each answer's Pair, the score and whether the paper awaits a trainer.
        Equal pairs (the same Decimal texts) are the same object for every paper graded here."""
        # answer by answer in C (map, zip); a Python step only for a question not met before and for
        # what was never graded
        graded_as = list(map(self._grades_as.get, map(id, questions)))
        if None in graded_as:
            graded_as = [self._graded_as(q) if g is None else g for q, g in zip(questions, graded_as, strict=True)]
        pairs = list(map(self._points.get, zip(graded_as, scores, keys, strict=True)))
        if None in pairs:
            for i, pair in enumerate(pairs):
                if pair is None:  # graded above in this paper (a question graded as another), else now
                    pairs[i] = self._points.get((graded_as[i], scores[i], keys[i])) or self._grade(questions[i], graded_as[i], scores[i], keys[i])
        final = list(map(_second, pairs))  # type: ignore[arg-type]
        if not _has_none(final):
            return pairs, sum(final, Decimal(0)), False  # type: ignore[arg-type, return-value]
        # answered 简答: the trainer's score when there is one, else awaiting 阅卷 (the suggestion counts meanwhile)
        for i, pair in enumerate(pairs):
            if pair[1] is None and kept[i] is not None:  # type: ignore[index]
                pairs[i] = self._pair((pair[0], kept[i]))  # type: ignore[index]
        score = sum((a if f is None else f for a, f in pairs), Decimal(0))  # type: ignore[misc]
        return pairs, score, _has_none(map(_second, pairs))  # type: ignore[arg-type, return-value]

    def codes(self, pairs: Sequence[Pair]) -> bytes | None:
        """Each of `pairs` (`points`' Pairs) as a byte, its index in `pair_list`, so that a caller can
        count and pick answers by Pair in C (bytes.count, translate); None once more than 256
        distinct pairs were made here."""
        if len(self._pair_list) > 256:
            return None
        return bytes(map(self._codes.__getitem__, map(id, pairs)))

    @property
    def pair_list(self) -> Sequence[Pair]:
        """Every distinct pair made here, in the order made (`codes`)."""
        return tuple(self._pair_list)

    def _pair(self, pair: Pair) -> Pair:
        """The one object of this pair (told apart by the numbers' texts: 0 and 0.00 sum differently)."""
        key = (str(pair[0]), None if pair[1] is None else str(pair[1]))
        got = self._pairs.get(key)
        if got is None:
            got = self._pairs[key] = pair
            self._codes[id(pair)] = len(self._pair_list)
            self._pair_list.append(pair)
        return got

    def _graded_as(self, question: Question) -> int:
        """The id of what `question` is graded as: for a 单选/多选/判断 the first question met with its
        type and key (what _answered and _choice_points read of it: the correct options, each with
        its type, or the truth), else the question itself."""
        t = question.qtype
        if t in _CHOICES:
            kind = (t, tuple((type(c), c) for c in question.correct), type(question.truth), question.truth)
            first = self._kinds.setdefault(kind, question)
        else:
            first = question
        self._grades_as[id(question)] = id(first)
        self._questions.append(question)  # alive: its id() is never reused meanwhile (`first` is kept too)
        return id(first)

    def _grade(self, question: Question, graded_as: int, score_text: str, key: Hashable) -> Pair:
        score = self._scores.get(score_text)
        if score is None:
            score = self._scores[score_text] = Decimal(score_text)
        if key in self._responses:
            response = self._responses[key]
        else:
            response = self._responses[key] = self._decode(key)
        t = question.qtype
        if t in _CHOICES:  # grade_item's figures without its PaperItem and ItemGrade (thousands of distinct answers)
            points = _choice_points(question, score, response, self.policy, self.fraction)[0] if _answered(t, response) else Decimal(0)
            pair = self._pair((points, points))
        else:
            g = grade_item(PaperItem(question, score, 0), response, self.policy, self.fraction)
            if t is QType.SHORT:
                pair = self._pair((g.points, None) if g.answered else (g.points, Decimal("0.00")))
            else:
                pair = self._pair((g.points, g.points))
        self._points[(graded_as, score_text, key)] = pair
        return pair
