"""The draw's slot filling as it was before its random draws were inlined (core/paper.py,
_spread_picks), kept verbatim as the reference tests/core/test_paper_draw_same.py compares with."""

from __future__ import annotations

import random
from collections import defaultdict

from baiwen_desktop.core.paper import DrawPool, PaperError, _augment, _item_key, _question_id
from baiwen_desktop.core.question import Question

_TRIES = 8  # random picks per slot before the matching searches for an augmenting path


def previous_spread_picks(pool: DrawPool, rng: random.Random) -> list[list[Question]]:
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
    randrange = rng.randrange
    for slot, n in enumerate(slots):
        keys = pool.items[n]
        if keys:
            for _ in range(_TRIES):
                key = keys[randrange(len(keys))]
                if key not in owner:
                    owner[key] = slot
                    slot_item[slot] = key
                    break
    for slot in range(len(slots)):
        if slot_item[slot] is None:
            _augment(slot, slots, pool.items, str, owner, slot_item, rng)
    slot_q: list[Question | None] = [None] * len(slots)
    holder: dict[str, int] = {}  # question id -> slot
    uses: dict[str, int] = defaultdict(int)
    for slot, key in enumerate(slot_item):
        if key is not None:
            q = rng.choice(pool.by_item[slots[slot]][key])
            slot_q[slot] = q
            holder[q.id] = slot
            uses[key] += 1
    # Slots no distinct item could fill: a second question from the least used item that has one;
    # when a rule's questions are all taken, another slot gives one up (an augmenting path over
    # questions, which keeps every item in use, so the distinct count stays maximal).
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
    picks: list[list[Question]] = [[] for _ in pool.rules]
    for slot, q in enumerate(slot_q):
        assert q is not None
        picks[slots[slot]].append(q)
    for chosen in picks:
        rng.shuffle(chosen)
    return picks
