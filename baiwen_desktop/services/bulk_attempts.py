"""Many attempts at once: a whole session's papers drawn, and a whole exam's papers handed in
and graded, in batches (one transaction each, Core executemany, grading in core on plain data).

The same draws, rows, grades and audit events as attempts.start_attempt and attempts.submit
give one by one; for a trainer acting on a whole session and for HQ-sized load (bench/scale.py).
A station's own start, answer saves and submit stay on the one-by-one path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from operator import eq, is_, itemgetter
from typing import Any, TypeVar

from sqlalchemy import Insert, Integer, Text, bindparam, insert, literal, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import ExamDefinition, parse_exam
from baiwen_desktop.core.gc_pause import cycle_collection_paused
from baiwen_desktop.core.paper import DrawPool, Item, draw_questions, paper_items
from baiwen_desktop.core.question import Question
from baiwen_desktop.services import banks, finishing, frozen_papers, lookup
from baiwen_desktop.services.attempts import FINISHED, _session_still_open, new_token
from baiwen_desktop.services.station import StationIdentity, as_identity
from baiwen_desktop.store import json_codec
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.many_rows import executemany
from baiwen_desktop.store.models import LIVE, Answer, Attempt, AuditEvent, Candidate

BATCH = 250
T = TypeVar("T")
Progress = Callable[[int, int], None]


def _batches(xs: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(xs), size):
        yield xs[i : i + size]


@cycle_collection_paused()  # 300,000 paper items built and frozen: see core.gc_pause
def start_many(
    store: Store, session_id: int, candidate_ids: Sequence[int], station: StationIdentity | str, *, batch: int = BATCH, progress: Progress | None = None
) -> list[int]:
    """Draw and freeze the papers of many candidates' first attempts; returns the attempt ids in order.

    Each batch is one transaction: refused whole if the session is closed, if any candidate
    already has an attempt of this exam (a 补考 goes through attempts.start_attempt, which
    claims its grant) or a live one appears meanwhile (the database's one-live index).

    The next batch's papers are drawn in a thread while this one is written (the database
    driver lets go of the interpreter while it works: the fsync of each commit, the 25,000
    answer rows a batch): a pure function of the employee numbers read beforehand and the
    loaded bank, taken only when the batch's own reads in its transaction give the same.
    """
    station = as_identity(store, station)
    chunks = list(_batches(list(candidate_ids), batch))
    with store.session() as s:
        sess = lookup.exam_session(s, session_id)
        exam = parse_exam(sess.exam.definition, "exam")
        exam_id = sess.exam_id
        pool, version = banks.rule_pool(s, exam.bank, exam.parts)
        as_text = s.get_bind().dialect.name == "sqlite"  # papers written as the JSON column's text
        guessed = _employee_numbers(s, candidate_ids) if len(chunks) > 1 and DRAW_AHEAD else {}
    definition = exam.to_dict()
    definition_text = json_codec.dumps(definition)  # what the JSON column writes for it
    key = f"exam-{exam_id}"
    limit_ms = exam.duration_minutes * 60_000
    titles = tuple(r.label for r in exam.parts)
    out: list[int] = []
    ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="start_many") if guessed else None

    def draw_ahead(n: int) -> Future[_Drawn] | None:
        if ahead is None or n >= len(chunks):
            return None
        return ahead.submit(_draw, exam, pool, version, key, titles, as_text, [(cid, guessed.get(cid)) for cid in chunks[n]])

    try:
        drawing = draw_ahead(0)
        for n, chunk in enumerate(chunks):
            try:
                with store.session() as s, s.begin():
                    if not _session_still_open(s, session_id):
                        raise BaiwenError("本场考试已结束，请联系监考老师", "this exam session is closed")
                    _refuse_earlier_attempts(s, exam_id, chunk)
                    numbers = {cid: no for cid, no in s.execute(select(Candidate.id, Candidate.employee_no).where(Candidate.id.in_(chunk)))}
                    drawn = _taken(drawing, [(cid, numbers.get(cid)) for cid in chunk])
                    picks = drawn.picks if drawn is not None else [draw_questions(exam, pool, key, numbers[cid]) for cid in chunk]
                    wanted = drawn.wanted if drawn is not None else list(dict.fromkeys(q.id for p in picks for part in p for q in part))
                    full, digests = banks.drawn_with_digests(s, exam.bank, version, wanted)
                    if len(full) != len(wanted):  # a writer changed the bank without a new content_hash
                        banks.forget_cached()
                        pool, version = banks.rule_pool(s, exam.bank, exam.parts)
                        picks = [draw_questions(exam, pool, key, numbers[cid]) for cid in chunk]
                        full, digests = banks.drawn_with_digests(s, exam.bank, version, list(dict.fromkeys(q.id for p in picks for part in p for q in part)))
                        drawn = None
                    now = db_now(s)
                    papers, texts = _papers(exam, key, titles, as_text, chunk, numbers, picks, full, digests, drawn)
                    conn = s.connection()
                    # by the bank rows' digests (no hashing); on SQLite as the JSON columns' text, written as it is
                    stored: Sequence[dict[str, Any]] | Sequence[str] = (
                        frozen_papers.freeze_items_drawn_texts(s, papers, [titles] * len(papers), digests, texts)
                        if as_text
                        else frozen_papers.freeze_items_drawn(s, papers, [titles] * len(papers), digests)
                    )
                    rows = [
                        {
                            "session_id": session_id, "exam_id": exam_id, "candidate_id": cid, "station": station.name, "station_id": station.id,
                            "lease_token": new_token(), "status": LIVE, "b_definition": definition_text if as_text else definition, "seed": 0,
                            "started_at": now, "heartbeat_at": now, "limit_ms": limit_ms, "counted_ms": 0, "total": sum(map(_score_of, paper), Decimal(0)), "pass_mark": exam.pass_mark,
                        }
                        for cid, paper in zip(chunk, papers, strict=True)
                    ]
                    ids = list(conn.execute(_INSERT_TEXT if as_text else _INSERT, rows).scalars())
                    frozen_papers.put_many(s, ids, stored)
                    executemany(
                        conn,
                        _INSERT_AUDIT,
                        [
                            {"at": now, "actor": numbers[cid], "event": "start", "candidate_id": cid, "exam_id": exam_id, "attempt_id": aid,
                             "station": station.name, "detail": f"{len(p)} 题"}
                            for cid, aid, p in zip(chunk, ids, papers, strict=True)
                        ],
                    )
                    # the next batch drawn while the database writes the answer rows and commits (the thread would
                    # slow the many short steps above, each of which takes the interpreter back)
                    drawing = draw_ahead(n + 1)
                    by_length: dict[int, list[int]] = {}
                    for aid, p in zip(ids, papers, strict=True):
                        by_length.setdefault(len(p), []).append(aid)
                    for length, same in by_length.items():
                        conn.execute(_blank_answers(same, length, now))
            except IntegrityError as e:
                if "ux_attempt_one_live" in str(e.orig) or "attempt.candidate_id, attempt.exam_id" in str(e.orig):
                    raise BaiwenError("有考生已在考试中，本批未开始，请逐个开始", "a candidate of this batch already has a live attempt; nothing in the batch was started") from None
                raise
            out += ids
            if progress:
                progress(len(out), len(candidate_ids))
    finally:
        if ahead is not None:
            ahead.shutdown(wait=True, cancel_futures=True)
    return out


DRAW_AHEAD = True  # the next batch drawn in a thread (tests switch it off to compare)


@dataclass(frozen=True)
class _Drawn:
    """A batch's papers drawn ahead (`_draw`), for the candidates and employee numbers in `drawn_for`."""

    drawn_for: list[tuple[int, str | None]]
    picks: list[list[list[Question]]]
    wanted: list[str]  # the question ids drawn, each once, in order
    full: dict[str, Question]  # with `digests`: banks.cached_with_digests of `wanted` (those loaded then)
    digests: dict[str, str]
    papers: list[list[Item] | None]  # paper_items of each, None where a question was not loaded
    texts: list[str | None]  # frozen_papers.drawn_texts of those papers (SQLite), else None


def _draw(
    exam: ExamDefinition, pool: DrawPool, version: str, key: str, titles: tuple[str, ...], as_text: bool, drawn_for: list[tuple[int, str | None]]
) -> _Drawn:
    """In the thread: what a batch draws, from the employee numbers read before the batch and the bank as
    loaded in this process (no database). Raises whatever the draw raises: the batch then draws itself."""
    picks = [draw_questions(exam, pool, key, no) for _, no in drawn_for]  # type: ignore[arg-type]
    wanted = list(dict.fromkeys(q.id for p in picks for part in p for q in part))
    full, digests = banks.cached_with_digests(exam.bank, version, wanted)
    papers: list[list[Item] | None] = [
        paper_items(exam, p, key, no, full=full) if all(q.id in full for part in p for q in part) else None  # type: ignore[arg-type]
        for (_, no), p in zip(drawn_for, picks, strict=True)
    ]
    done = [p for p in papers if p is not None]
    made = iter(frozen_papers.drawn_texts(done, [titles] * len(done), digests) if as_text else ())
    texts = [next(made, None) if p is not None else None for p in papers]
    return _Drawn(drawn_for, picks, wanted, full, digests, papers, texts)


def _papers(
    exam: ExamDefinition, key: str, titles: tuple[str, ...], as_text: bool, chunk: Sequence[int], numbers: dict[int, str],
    picks: list[list[list[Question]]], full: dict[str, Question], digests: dict[str, str], drawn: _Drawn | None,
) -> tuple[list[list[Item]], list[str] | None]:
    """The batch's paper items, and on SQLite their stored texts: those drawn ahead where they were made of the
    very questions and digests the batch reads now, the others here."""
    same = drawn is not None and all(map(is_, map(full.get, drawn.full), drawn.full.values())) and all(map(eq, map(digests.get, drawn.digests), drawn.digests.values()))
    ahead = drawn.papers if same and drawn is not None else [None] * len(chunk)
    papers = [p if p is not None else paper_items(exam, picked, key, numbers[cid], full=full) for cid, picked, p in zip(chunk, picks, ahead, strict=True)]
    if not as_text:
        return papers, None
    made = drawn.texts if same and drawn is not None else [None] * len(chunk)
    missing = [p for p, t in zip(papers, made, strict=True) if t is None]
    fresh = iter(frozen_papers.drawn_texts(missing, [titles] * len(missing), digests))
    return papers, [t if t is not None else next(fresh) for t in made]


def _taken(drawing: Future[_Drawn] | None, drawn_for: list[tuple[int, str | None]]) -> _Drawn | None:
    """The batch drawn ahead if it was drawn for the same employee numbers as the batch reads now; else None
    (and whatever went wrong in the thread happens again, where it did before: in the batch)."""
    if drawing is None:
        return None
    try:
        drawn = drawing.result()
    except Exception:
        return None
    return drawn if drawn.drawn_for == drawn_for else None


def _employee_numbers(s: Session, candidate_ids: Sequence[int]) -> dict[int, str]:
    """Candidate id -> employee number, read before the batches (each batch reads its own again)."""
    got: dict[int, str] = {}
    for chunk in _batches(list(dict.fromkeys(candidate_ids)), 500):
        got.update({cid: no for cid, no in s.execute(select(Candidate.id, Candidate.employee_no).where(Candidate.id.in_(chunk)))})
    return got


_at = Attempt.__table__
_INSERT = insert(_at).values(exam_definition=bindparam("b_definition")).returning(_at.c.id, sort_by_parameter_order=True)
# the JSON column's value given as its text (store.json_codec.dumps of it, as the column's serializer writes it)
_INSERT_TEXT = insert(_at).values(exam_definition=bindparam("b_definition", type_=Text)).returning(
    _at.c.id, sort_by_parameter_order=True
)
_INSERT_AUDIT = insert(AuditEvent.__table__)
_score_of = itemgetter(1)  # a paper_items item's score


def _blank_answers(attempt_ids: Sequence[int], length: int, now: datetime) -> Insert:
    """The rows start_attempt writes for each attempt (positions 0 … length-1, no response yet),
    made by the database in one INSERT … SELECT: an HQ-sized start has 300,000 of them."""
    n = select(literal(0, Integer).label("i")).cte("slot", recursive=True)
    n = n.union_all(select(n.c.i + 1).where(n.c.i + 1 < length))
    a, ta = Attempt.__table__, Answer.__table__
    rows = (
        select(a.c.id, n.c.i, literal(None, ta.c.response.type), literal(False, ta.c.marked.type), literal(now, ta.c.saved_at.type))
        .select_from(a.join(n, true()))  # every attempt × every position
        .where(a.c.id.in_(attempt_ids))
    )
    return insert(ta).from_select(["attempt_id", "position", "response", "marked", "saved_at"], rows)


def _refuse_earlier_attempts(s: Session, exam_id: int, candidate_ids: Sequence[int]) -> None:
    stmt = (
        select(Candidate.employee_no)
        .join(Attempt, Attempt.candidate_id == Candidate.id)
        .where(Attempt.exam_id == exam_id, Attempt.candidate_id.in_(candidate_ids))
        .distinct()
        .order_by(Candidate.employee_no)
    )
    taken = list(s.scalars(stmt))
    if taken:
        who = "、".join(taken[:5]) + (" 等" if len(taken) > 5 else "")
        raise BaiwenError(f"{who} 已有本考试的记录（补考请逐个开始），本批未开始", f"{len(taken)} candidate(s) already have an attempt of this exam; nothing in the batch was started")


@cycle_collection_paused()  # millions of live rows, tuples and decoded papers: see core.gc_pause
def submit_many(
    store: Store,
    attempt_ids: Sequence[int],
    mode: str,
    reason: str,
    actor: str | None = None,
    counted_ms: dict[int, int] | None = None,
    *,
    batch: int = BATCH,
    progress: Progress | None = None,
) -> int:
    """Finish and grade many live attempts, as attempts.submit does each (a trainer's hand-in of
    a whole exam, HQ load): the same status, time, grades and audit events. Attempts already
    finished are left as they are. Returns how many were finished.

    Each batch is one transaction of finishing.finish_locked_many (the path 结束考场 and 统一收卷
    take in one transaction). `counted_ms` (attempt id -> ms) is each holder's last count, as submit's.
    """
    assert mode in FINISHED
    done = 0
    graders: finishing.Graders = {}  # kept across batches: each (question, score, response) graded once
    for chunk in _batches(list(attempt_ids), batch):
        with store.session() as s, s.begin():
            done += len(finishing.finish_locked_many(s, chunk, mode, reason, actor, db_now(s), counted_ms, graders=graders))
        if progress:
            progress(min(len(attempt_ids), done), len(attempt_ids))
    return done


__all__ = ["start_many", "submit_many"]
