"""Paper generation: a deterministic paper per (exam, candidate, seed), frozen at start."""

from __future__ import annotations

import hashlib
import itertools
import random
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import ExamDefinition, PartRule
from baiwen_desktop.core.question import CHOICE_TYPES, Question, question_label, source_order


@dataclass(frozen=True)
class PaperItem:
    """One question as this candidate sees it: a snapshot, its score and its option order."""

    question: Question
    score: Decimal
    part: int
    option_order: tuple[int, ...] = ()  # display position -> original option index

    def shown_options(self) -> list[str]:
        return [self.question.options[i] for i in self.option_order]

    def to_dict(self, question_dicts: Mapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
        return {
            "question": question_dicts[self.question.id] if question_dicts is not None else self.question.to_dict(),
            "score": str(self.score),
            "part": self.part,
            "option_order": list(self.option_order),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], memo: QuestionMemo | None = None) -> PaperItem:
        qd = d["question"]
        if memo is None:
            q = Question.from_dict(qd)
        else:  # the same question in many papers: built once, reused only when its frozen content is identical
            hit = memo.get(qd["id"])
            if hit is not None and hit[0] == qd:
                q = hit[1]
            else:
                q = Question.from_dict(qd)
                memo[qd["id"]] = (qd, q)
        return cls(q, Decimal(d["score"]), int(d["part"]), tuple(d["option_order"]))


QuestionMemo = dict[str, tuple[dict[str, Any], Question]]  # id -> (frozen content, question), see Paper.from_dict


@dataclass(frozen=True)
class Relaxation:
    """An 出处 that gives a paper more than one question, because the rules could not be met otherwise."""

    source: str
    question_ids: tuple[str, ...]
    parts: tuple[int, ...]  # the rules (1-based) that took them

    def describe(self) -> str:
        labels = "、".join(question_label(q, self.source) for q in self.question_ids)
        parts = "、".join(str(n) for n in self.parts)
        return f"{self.source} 出了 {len(self.question_ids)} 道题（{labels}）：第 {parts} 部分没有足够的其他出处可选"


@dataclass(frozen=True)
class Paper:
    items: tuple[PaperItem, ...]
    part_titles: tuple[str, ...]
    # how the draw departed from "one question per 出处"; shown in the preview, not stored with an attempt
    relaxations: tuple[Relaxation, ...] = field(default=(), compare=False)

    @property
    def total(self) -> Decimal:
        return sum((i.score for i in self.items), Decimal(0))

    def to_dict(self, question_dicts: Mapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
        """`question_dicts` (id -> `Question.to_dict()`) lets many papers share one dict per question
        (a batch of papers written at once); the caller must not change them."""
        return {"items": [i.to_dict(question_dicts) for i in self.items], "part_titles": list(self.part_titles)}

    @classmethod
    def from_dict(cls, d: dict[str, Any], memo: QuestionMemo | None = None) -> Paper:
        """`memo` (a dict kept by a caller reading many papers) shares one Question per identical content."""
        return cls(tuple(PaperItem.from_dict(i, memo) for i in d["items"]), tuple(d["part_titles"]))


class PaperError(BaiwenError):
    """A composition rule the bank cannot satisfy."""

    def __init__(self, rule_no: int, rule: PartRule, needed: int, available: int) -> None:
        super().__init__(
            f"第 {rule_no} 部分（{rule.label}）需要 {needed} 道题，题库中符合条件的只有 {available} 道",
            f"rule {rule_no} ({rule.qtype.name}) needs {needed} questions but the bank has only {available} that match",
        )
        self.rule_no = rule_no
        self.needed = needed
        self.available = available


@dataclass(frozen=True)
class RuleCheck:
    rule_no: int
    rule: PartRule
    available: int

    @property
    def missing(self) -> int:
        return max(0, self.rule.count - self.available)


def check_rules(exam: ExamDefinition, bank: Sequence[Question]) -> list[RuleCheck]:
    """How many questions each rule can draw, taking earlier rules' picks into account."""
    return _checks(exam.parts, bank)


def _checks(rules: Sequence[PartRule], bank: Sequence[Question]) -> list[RuleCheck]:
    used: set[str] = set()
    checks = []
    for n, rule in enumerate(rules, start=1):
        pool = [q for q in bank if q.id not in used and rule.matches(q)]
        checks.append(RuleCheck(n, rule, len(pool)))
        # earlier rules take what they need first; assume the first matches go
        used.update(q.id for q in pool[: rule.count])
    return checks


def _rng(*parts: object) -> random.Random:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _item_key(q: Question) -> str:
    return q.source or f"#{q.id}"  # a question without 出处 is an item of its own


@dataclass(frozen=True)
class DrawPool:
    """What every draw for a set of rules reads from a bank, worked out once.

    A pure function of (the rules, the questions' id/type/出处/section/tags/difficulty),
    independent of load order: a caller may keep one per bank version and reuse it for
    every candidate (services.banks does).
    """

    rules: tuple[PartRule, ...]
    checks: tuple[RuleCheck, ...]
    matched: tuple[tuple[Question, ...], ...]  # per rule: the questions it matches, by id
    items: tuple[tuple[str, ...], ...]  # per rule: the 出处 items with such a question, sorted
    by_item: tuple[dict[str, tuple[Question, ...]], ...]  # per rule: item -> its matching questions
    overlaps: tuple[bool, ...]  # per rule: can an earlier rule take one of its questions?
    sized: tuple[dict[str, tuple[tuple[Question, ...], int, int]], ...]  # by_item with each group's size and its bit length


def draw_pool(rules: Sequence[PartRule], bank: Sequence[Question]) -> DrawPool:
    ordered = sorted(bank, key=lambda q: q.id)  # independent of load order
    matched = tuple(tuple(q for q in ordered if rule.matches(q)) for rule in rules)
    by_item: list[dict[str, tuple[Question, ...]]] = []
    for qs in matched:
        groups: dict[str, list[Question]] = defaultdict(list)
        for q in qs:
            groups[_item_key(q)].append(q)
        by_item.append({k: tuple(v) for k, v in sorted(groups.items())})
    seen: set[str] = set()
    overlaps = []
    for qs in matched:
        ids = {q.id for q in qs}
        overlaps.append(bool(ids & seen))
        seen |= ids
    sized = tuple({k: (v, len(v), len(v).bit_length()) for k, v in d.items()} for d in by_item)
    return DrawPool(
        tuple(rules), tuple(_checks(rules, ordered)), matched, tuple(tuple(d) for d in by_item), tuple(by_item), tuple(overlaps), sized
    )


def generate_paper(exam: ExamDefinition, bank: Sequence[Question], exam_key: str, candidate: str, seed: int = 0) -> Paper:
    """Draw a paper. Same (exam, candidate, seed) and same bank give the same paper.

    With `fixed_paper` the questions and their order are the same for everyone;
    the options are still shuffled per candidate when `shuffle_options` is set.
    With `spread_sources` (the default) every question comes from a different 出处 as far as
    the rules allow; the paper's `relaxations` name each item that had to give two or more.
    """
    picks = draw_questions(exam, bank, exam_key, candidate, seed)
    return assemble_paper(exam, picks, exam_key, candidate, seed)


def draw_questions(
    exam: ExamDefinition, bank: Sequence[Question] | DrawPool, exam_key: str, candidate: str, seed: int = 0
) -> list[list[Question]]:
    """Which questions each rule takes. Reads only id, type, 出处, section, tags and difficulty,
    and only questions some rule matches, so the caller may pass light stand-ins for just those
    (see `assemble_paper`), or a `DrawPool` made from them once for many candidates."""
    pool = bank if isinstance(bank, DrawPool) else draw_pool(exam.parts, bank)
    if pool.rules != exam.parts:
        raise ValueError("draw pool made for other rules")
    pick_rng = _rng(exam_key, "" if exam.fixed_paper else candidate, seed, exam.seed, "pick")
    if exam.spread_sources:
        return _spread_picks(pool, pick_rng)
    return _plain_picks(pool, pick_rng)


def assemble_paper(
    exam: ExamDefinition,
    picks: Sequence[Sequence[Question]],
    exam_key: str,
    candidate: str,
    seed: int = 0,
    full: Mapping[str, Question] | None = None,
    *,
    relaxations: bool = True,
) -> Paper:
    """The paper from `draw_questions`' picks; `full` (by id) replaces stand-ins with whole questions.

    Without `relaxations` the paper's `relaxations` (for the preview; never stored with an
    attempt) are left empty: a start does not need them."""
    items = [PaperItem(*t) for t in paper_items(exam, picks, exam_key, candidate, seed, full)]
    found = _relaxations([list(c) for c in picks]) if exam.spread_sources and relaxations else ()
    return Paper(tuple(items), tuple(r.label for r in exam.parts), found)


Item = tuple[Question, Decimal, int, tuple[int, ...]]  # a PaperItem's fields: question, score, part, option order


def paper_items(
    exam: ExamDefinition, picks: Sequence[Sequence[Question]], exam_key: str, candidate: str, seed: int = 0, full: Mapping[str, Question] | None = None
) -> list[Item]:
    """`assemble_paper`'s items as plain tuples, in paper order: what a bulk start freezes for
    thousands of papers without a PaperItem each (services.bulk_attempts.start_many)."""
    option_rng = _rng(exam_key, candidate, seed, exam.seed, "options")
    getrandbits = option_rng.getrandbits
    shuffle = exam.shuffle_options
    items: list[Item] = []
    append = items.append
    for n, chosen in enumerate(picks):
        if not exam.shuffle_questions:
            chosen = sorted(chosen, key=lambda q: q.id)
        score = exam.parts[n].score_each
        for q in chosen:
            if full is not None:
                q = full[q.id]
            k = len(q.options)
            if k < 2 or not shuffle or q.qtype not in CHOICE_TYPES:  # (fewer than two options: no draws either way)
                append((q, score, n, _IDENTITY[k] if k < len(_IDENTITY) else tuple(range(k))))
            elif k < len(_ORDERS):  # _shuffled(k, getrandbits), inlined: the draws name the order in a table
                code = 0
                for m, bits in _BOUNDS[k]:
                    j = getrandbits(bits)
                    while j >= m:
                        j = getrandbits(bits)
                    code = code * m + j
                append((q, score, n, _ORDERS[k][code]))
            else:
                append((q, score, n, _shuffled(k, getrandbits)))
    return items


_IDENTITY = tuple(tuple(range(k)) for k in range(16))


# random.Random's own draws, inlined for the hot loops of a draw (an HQ-sized start draws
# thousands of papers): each takes the same bits from the same generator as the method it
# stands for, so papers are those the methods gave. tests/core/test_paper.py checks them
# against random.Random, and tests/core/test_paper_draw_same.py the whole draw against the
# previous one.


def _below(n: int, getrandbits: Callable[[int], int]) -> int:
    """random.Random.randrange(n) (= _randbelow(n)): rejection sampling on n.bit_length() bits."""
    k = n.bit_length()
    j = getrandbits(k)
    while j >= n:
        j = getrandbits(k)
    return j


def _shuffle(x: list[Any], getrandbits: Callable[[int], int]) -> None:
    """random.Random.shuffle(x): Fisher–Yates from the end, each index by _below."""
    for i in range(len(x) - 1, 0, -1):
        m = i + 1
        k = m.bit_length()
        j = getrandbits(k)
        while j >= m:
            j = getrandbits(k)
        x[i], x[j] = x[j], x[i]


def _shuffled(n: int, getrandbits: Callable[[int], int]) -> tuple[int, ...]:
    """range(n) as random.Random.shuffle orders it: a paper shuffles ≈ 65 option lists, so the
    steps (each index's bound and bit count) are worked out once per n."""
    order = list(range(n))
    for i, m, k in _STEPS[n] if n < len(_STEPS) else _steps(n):
        j = getrandbits(k)
        while j >= m:
            j = getrandbits(k)
        order[i], order[j] = order[j], order[i]
    return tuple(order)


def _steps(n: int) -> tuple[tuple[int, int, int], ...]:
    """_shuffle's steps for a list of n: (index, bound = index + 1, bits of the bound), from the end."""
    return tuple((i, i + 1, (i + 1).bit_length()) for i in range(n - 1, 0, -1))


_STEPS = tuple(_steps(n) for n in range(16))
_BOUNDS = tuple(tuple((m, bits) for _, m, bits in steps) for steps in _STEPS[:7])  # (bound, bits) of each step, for n < 7


def _orders(n: int) -> tuple[tuple[int, ...], ...]:
    """Every order _shuffled(n, …) can give, indexed by its draws j1, j2, … (each below its step's
    bound m) read as a number: ((j1 · m2) + j2) · m3 + …"""
    out = []
    for draws in itertools.product(*(range(m) for _, m, _ in _STEPS[n])):
        order = list(range(n))
        for (i, _, _), j in zip(_STEPS[n], draws, strict=True):
            order[i], order[j] = order[j], order[i]
        out.append(tuple(order))
    return tuple(out)


_ORDERS = tuple(_orders(n) for n in range(7))  # up to 6 options (A–F): 720 orders


def _plain_picks(pool: DrawPool, rng: random.Random) -> list[list[Question]]:
    """Each rule draws at random from what earlier rules left."""
    used: set[str] = set()
    picks = []
    for n, rule in enumerate(pool.rules, start=1):
        matched = pool.matched[n - 1]
        candidates = [q for q in matched if q.id not in used] if pool.overlaps[n - 1] else list(matched)
        if len(candidates) < rule.count:
            raise PaperError(n, rule, rule.count, len(candidates))
        chosen = rng.sample(candidates, rule.count)
        used.update(q.id for q in chosen)
        picks.append(chosen)
    return picks


_TRIES = 8  # random picks per slot before the matching searches for an augmenting path


def _spread_picks(pool: DrawPool, rng: random.Random) -> list[list[Question]]:
    """As many questions as possible from distinct 出处, then the rest from the least used ones.

    Which items serve which rule is a maximum bipartite matching (slots × items): each slot
    first tries a few items at random; a slot left without one gets an augmenting path
    (Kuhn's algorithm, which finds a maximum matching from any starting matching), so a rule
    that can only use a few items gets them even when an earlier rule took them first.
    Every choice goes through `rng`: deterministic and varied.
    """
    for check in pool.checks:
        if check.missing:
            raise PaperError(check.rule_no, check.rule, check.rule.count, check.available)
    slots = [n for n, rule in enumerate(pool.rules) for _ in range(rule.count)]
    owner: dict[str, int] = {}  # item -> slot
    slot_item: list[str | None] = [None] * len(slots)
    getrandbits = rng.getrandbits
    first = 0
    for n, rule in enumerate(pool.rules):  # the slots of a rule are consecutive
        keys = pool.items[n]
        size = len(keys)
        bits = size.bit_length()
        for slot in range(first, first + rule.count) if keys else ():
            j = getrandbits(bits)  # keys[rng.randrange(size)], inlined (see _below)
            while j >= size:
                j = getrandbits(bits)
            key = keys[j]
            if key not in owner:  # the first try, written out: most slots take it
                owner[key] = slot
                slot_item[slot] = key
                continue
            for _ in range(_TRIES - 1):
                j = getrandbits(bits)
                while j >= size:
                    j = getrandbits(bits)
                key = keys[j]
                if key not in owner:
                    owner[key] = slot
                    slot_item[slot] = key
                    break
        first += rule.count
    for slot in range(len(slots)):
        if slot_item[slot] is None:
            _augment(slot, slots, pool.items, str, owner, slot_item, rng)
    slot_q: list[Question | None] = [None] * len(slots)
    first = 0
    for n, rule in enumerate(pool.rules):  # the slots of a rule are consecutive
        sized = pool.sized[n]
        for slot in range(first, first + rule.count):
            key = slot_item[slot]
            if key is not None:
                group, size, bits = sized[key]
                j = getrandbits(bits)  # rng.choice(group), inlined (see _below)
                while j >= size:
                    j = getrandbits(bits)
                slot_q[slot] = group[j]
        first += rule.count
    if None in slot_item:  # (str keys: a cheaper test than on the questions, and the same slots)
        # Slots no distinct item could fill: a second question from the least used item that has one;
        # when a rule's questions are all taken, another slot gives one up (an augmenting path over
        # questions, which keeps every item in use, so the distinct count stays maximal).
        holder: dict[str, int] = {q.id: slot for slot, q in enumerate(slot_q) if q is not None}  # question id -> slot
        uses: dict[str, int] = defaultdict(int)
        for key in slot_item:
            if key is not None:
                uses[key] += 1
        for slot, n in enumerate(slots):
            if slot_q[slot] is not None:
                continue
            left = [q for q in pool.matched[n] if q.id not in holder]
            if left:
                fewest = min(uses[_item_key(q)] for q in left)
                q = rng.choice([q for q in left if uses[_item_key(q)] == fewest])
                slot_q[slot] = q
                holder[q.id] = slot
                uses[_item_key(q)] += 1
            elif not _augment(slot, slots, pool.matched, _question_id, holder, slot_q, rng):
                rule = pool.rules[n]
                have = sum(1 for s, m in enumerate(slots) if m == n and slot_q[s] is not None)
                raise PaperError(n + 1, rule, rule.count, have)
    picks: list[list[Question]] = []
    start = 0
    for rule in pool.rules:
        chosen: list[Question] = slot_q[start : start + rule.count]  # type: ignore[assignment]
        start += rule.count
        for i, m, k in _steps_of(len(chosen)):  # _shuffle(chosen, getrandbits) with its steps worked out once
            j = getrandbits(k)
            while j >= m:
                j = getrandbits(k)
            chosen[i], chosen[j] = chosen[j], chosen[i]
        picks.append(chosen)
    return picks


def _steps_of(n: int) -> tuple[tuple[int, int, int], ...]:
    got = _STEPS_BY_N.get(n)
    if got is None:
        got = _STEPS_BY_N[n] = _steps(n)
    return got


_STEPS_BY_N: dict[int, tuple[tuple[int, int, int], ...]] = {}


_T = TypeVar("_T")  # an item key or a question


def _augment(
    start: int,
    slots: list[int],
    choices: Sequence[Sequence[_T]],
    ident: Callable[[_T], str],
    owner: dict[str, int],
    chosen: list[_T | None],
    rng: random.Random,
) -> bool:
    """Give `start` one of its rule's choices (items or questions), moving other slots to other
    choices along an augmenting path (Kuhn). `owner` maps a taken choice's id to its slot.

    Depth-first without recursion (a long paper must not hit Python's recursion limit); each
    slot scans its rule's choices from a random starting point.
    """

    def scan(slot: int) -> Iterator[_T]:
        options = choices[slots[slot]]
        off = rng.randrange(len(options)) if options else 0
        return itertools.chain(options[off:], options[:off])

    seen: set[str] = set()
    stack: list[tuple[int, Iterator[_T]]] = [(start, scan(start))]
    path: list[_T] = []  # path[i]: the choice stack[i]'s slot is to take
    while stack:
        _, options = stack[-1]
        for option in options:
            key = ident(option)
            if key in seen:
                continue
            seen.add(key)
            path.append(option)
            if key not in owner:
                for (slot, _), taken in zip(stack, path, strict=True):
                    owner[ident(taken)] = slot
                    chosen[slot] = taken
                return True
            stack.append((owner[key], scan(owner[key])))
            break
        else:
            stack.pop()
            if path:
                path.pop()
    return False


def _question_id(q: Question) -> str:
    return q.id


def _relaxations(picks: list[list[Question]]) -> tuple[Relaxation, ...]:
    taken: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for n, chosen in enumerate(picks, start=1):
        for q in chosen:
            if q.source:
                taken[q.source].append((q.id, n))
    shared = [(source, got) for source, got in taken.items() if len(got) > 1]  # few: sort only these
    return tuple(
        Relaxation(source, tuple(sorted(qid for qid, _ in got)), tuple(sorted({n for _, n in got})))
        for source, got in sorted(shared, key=lambda kv: source_order("", kv[0]))
    )
