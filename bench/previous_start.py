"""The previous start_attempt (before issue 14 item 4), kept only as the benches' same-run baseline.

A frozen copy of the code it replaced: the light rows of every question the rules can use read
on each start, the old draw (rule options shuffled in full, Kuhn's matching from scratch), the
100 drawn questions loaded whole, ORM objects for the attempt and its answer rows, then the
attempt read back. Not used by the application.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import ExamDefinition, parse_exam
from baiwen_desktop.core.paper import PaperError, _item_key, _rng, assemble_paper, check_rules
from baiwen_desktop.core.question import Question
from baiwen_desktop.services import audit, banks, frozen_papers, lookup, retakes
from baiwen_desktop.services.attempts import AttemptState, _session_still_open, load_attempt, new_token
from baiwen_desktop.services.station import StationIdentity, as_identity
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import LIVE, Answer, Attempt, Candidate


def previous_draw(exam: ExamDefinition, bank: list[Question], exam_key: str, candidate: str, seed: int = 0) -> list[list[Question]]:
    rng = _rng(exam_key, "" if exam.fixed_paper else candidate, seed, exam.seed, "pick")
    ordered = sorted(bank, key=lambda q: q.id)
    for check in check_rules(exam, ordered):
        if check.missing:
            raise PaperError(check.rule_no, check.rule, check.rule.count, check.available)
    by_item: dict[str, list[Question]] = defaultdict(list)
    for q in ordered:
        by_item[_item_key(q)].append(q)
    options: list[list[str]] = []
    for rule in exam.parts:
        keys = [k for k, qs in sorted(by_item.items()) if any(rule.matches(q) for q in qs)]
        rng.shuffle(keys)
        options.append(keys)
    slots = [n for n, rule in enumerate(exam.parts) for _ in range(rule.count)]
    owner: dict[str, int] = {}

    def augment(slot: int, seen: set[str]) -> bool:
        for key in options[slots[slot]]:
            if key in seen:
                continue
            seen.add(key)
            if key not in owner or augment(owner[key], seen):
                owner[key] = slot
                return True
        return False

    for slot in range(len(slots)):
        augment(slot, set())
    picks: list[list[Question]] = [[] for _ in exam.parts]
    used: set[str] = set()
    uses: dict[str, int] = defaultdict(int)
    for key, slot in sorted(owner.items(), key=lambda kv: kv[1]):
        rule = exam.parts[slots[slot]]
        q = rng.choice([q for q in by_item[key] if rule.matches(q)])
        picks[slots[slot]].append(q)
        used.add(q.id)
        uses[key] += 1
    for n, rule in enumerate(exam.parts):
        while len(picks[n]) < rule.count:
            pool = [q for q in ordered if q.id not in used and rule.matches(q)]
            fewest = min(uses[_item_key(q)] for q in pool)
            q = rng.choice([q for q in pool if uses[_item_key(q)] == fewest])
            picks[n].append(q)
            used.add(q.id)
            uses[_item_key(q)] += 1
        rng.shuffle(picks[n])
    return picks


def previous_start_attempt(store: Store, session_id: int, candidate_id: int, station: StationIdentity | str) -> AttemptState:
    ident = as_identity(store, station)
    with store.session() as s:
        sess = lookup.exam_session(s, session_id)
        exam = parse_exam(sess.exam.definition, "exam")
        exam_id = sess.exam_id
    with store.session() as s:
        candidates = banks.rule_candidates(s, exam.bank, exam.parts)
    with store.session() as s, s.begin():
        if not _session_still_open(s, session_id):
            raise BaiwenError("本场考试已结束，请联系监考老师", "this exam session is closed")
        previous = s.scalar(select(func.count()).select_from(Attempt).where(Attempt.exam_id == exam_id, Attempt.candidate_id == candidate_id)) or 0
        cand = s.get(Candidate, candidate_id)
        assert cand is not None
        key = f"exam-{exam_id}"
        picks = previous_draw(exam, candidates, key, cand.employee_no, seed=previous)
        full = banks.questions_by_qid(s, exam.bank, (q.id for part in picks for q in part))
        paper = assemble_paper(exam, picks, key, cand.employee_no, seed=previous, full=full)
        now = db_now(s)
        a = Attempt(
            session_id=session_id, exam_id=exam_id, candidate_id=candidate_id, station=ident.name, station_id=ident.id,
            lease_token=new_token(), status=LIVE, exam_definition=exam.to_dict(), seed=previous,
            started_at=now, heartbeat_at=now, limit_ms=exam.duration_minutes * 60_000, counted_ms=0, total=paper.total, pass_mark=exam.pass_mark,
        )
        s.add(a)
        s.flush()
        frozen_papers.put(s, a.id, paper.to_dict())  # the whole paper, as before 0009 (frozen_papers reads it still)
        retakes.claim(s, exam_id, candidate_id, a.id, exam.allow_retake)
        s.add_all(Answer(attempt_id=a.id, position=i, response=None, saved_at=now) for i in range(len(paper.items)))
        audit.record(s, "start", cand.employee_no, candidate_id=candidate_id, exam_id=exam_id, attempt_id=a.id, station=ident.name, detail=f"{len(paper.items)} 题")
        attempt_id = a.id
    return load_attempt(store, attempt_id)
