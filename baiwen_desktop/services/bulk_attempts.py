"""Many attempts at once: a whole session's papers drawn, and a whole exam's papers handed in
and graded, in batches (one transaction each, Core executemany, grading in core on plain data).

The same draws, rows, grades and audit events as attempts.start_attempt and attempts.submit
give one by one; for a trainer acting on a whole session and for HQ-sized load (bench/scale.py).
A station's own start, answer saves and submit stay on the one-by-one path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from operator import itemgetter
from typing import TypeVar

from sqlalchemy import Insert, Integer, Text, bindparam, cast, insert, literal, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import ExamDefinition, parse_exam
from baiwen_desktop.core.gc_pause import cycle_collection_paused
from baiwen_desktop.core.grading import ExamGrades, Response
from baiwen_desktop.core.numbers import passes
from baiwen_desktop.core.paper import draw_questions, paper_items
from baiwen_desktop.services import banks, frozen_papers, lookup
from baiwen_desktop.services.attempts import FINISHED, _counted_at, _session_still_open, new_token
from baiwen_desktop.services.station import StationIdentity, as_identity
from baiwen_desktop.store import json_codec
from baiwen_desktop.store.answer_columns import AnswerColumns, answers_by_attempt
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.many_rows import update_by_ids
from baiwen_desktop.store.models import LIVE, Answer, Attempt, AuditEvent, Candidate, ExamSession

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
    """
    station = as_identity(store, station)
    with store.session() as s:
        sess = lookup.exam_session(s, session_id)
        exam = parse_exam(sess.exam.definition, "exam")
        exam_id = sess.exam_id
        pool, version = banks.rule_pool(s, exam.bank, exam.parts)
    definition = exam.to_dict()
    definition_text = json_codec.dumps(definition)  # what the JSON column writes for it
    key = f"exam-{exam_id}"
    limit_ms = exam.duration_minutes * 60_000
    titles = tuple(r.label for r in exam.parts)
    out: list[int] = []
    for chunk in _batches(list(candidate_ids), batch):
        try:
            with store.session() as s, s.begin():
                if not _session_still_open(s, session_id):
                    raise BaiwenError("本场考试已结束，请联系监考老师", "this exam session is closed")
                _refuse_earlier_attempts(s, exam_id, chunk)
                numbers = {cid: no for cid, no in s.execute(select(Candidate.id, Candidate.employee_no).where(Candidate.id.in_(chunk)))}
                picks = [draw_questions(exam, pool, key, numbers[cid]) for cid in chunk]
                wanted = list(dict.fromkeys(q.id for p in picks for part in p for q in part))
                full, digests = banks.drawn_with_digests(s, exam.bank, version, wanted)
                if len(full) != len(wanted):  # a writer changed the bank without a new content_hash
                    banks.forget_cached()
                    pool, version = banks.rule_pool(s, exam.bank, exam.parts)
                    picks = [draw_questions(exam, pool, key, numbers[cid]) for cid in chunk]
                    full, digests = banks.drawn_with_digests(s, exam.bank, version, list(dict.fromkeys(q.id for p in picks for part in p for q in part)))
                now = db_now(s)
                papers = [paper_items(exam, p, key, numbers[cid], full=full) for cid, p in zip(chunk, picks, strict=True)]
                conn = s.connection()
                # by the bank rows' digests (no hashing); on SQLite as the JSON columns' text, written as it is
                as_text = conn.dialect.name == "sqlite"
                stored: Sequence[object] = (frozen_papers.freeze_items_drawn_texts if as_text else frozen_papers.freeze_items_drawn)(s, papers, [titles] * len(papers), digests)
                rows = [
                    {
                        "session_id": session_id, "exam_id": exam_id, "candidate_id": cid, "station": station.name, "station_id": station.id,
                        "lease_token": new_token(), "status": LIVE, "b_definition": definition_text if as_text else definition, "b_paper": frozen, "seed": 0,
                        "started_at": now, "heartbeat_at": now, "limit_ms": limit_ms, "counted_ms": 0, "total": sum(map(_score_of, paper), Decimal(0)), "pass_mark": exam.pass_mark,
                    }
                    for cid, paper, frozen in zip(chunk, papers, stored, strict=True)
                ]
                ids = list(conn.execute(_INSERT_TEXT if as_text else _INSERT, rows).scalars())
                by_length: dict[int, list[int]] = {}
                for aid, p in zip(ids, papers, strict=True):
                    by_length.setdefault(len(p), []).append(aid)
                for length, same in by_length.items():
                    conn.execute(_blank_answers(same, length, now))
                conn.execute(
                    insert(AuditEvent.__table__),
                    [
                        {"at": now, "actor": numbers[cid], "event": "start", "candidate_id": cid, "exam_id": exam_id, "attempt_id": aid,
                         "station": station.name, "detail": f"{len(p)} 题"}
                        for cid, aid, p in zip(chunk, ids, papers, strict=True)
                    ],
                )
        except IntegrityError as e:
            if "ux_attempt_one_live" in str(e.orig) or "attempt.candidate_id, attempt.exam_id" in str(e.orig):
                raise BaiwenError("有考生已在考试中，本批未开始，请逐个开始", "a candidate of this batch already has a live attempt; nothing in the batch was started") from None
            raise
        out += ids
        if progress:
            progress(len(out), len(candidate_ids))
    return out


_at = Attempt.__table__
_INSERT = insert(_at).values(exam_definition=bindparam("b_definition"), paper=bindparam("b_paper")).returning(_at.c.id, sort_by_parameter_order=True)
# the JSON columns' values given as their text (store.json_codec.dumps of each, as the column's serializer writes it)
_INSERT_TEXT = insert(_at).values(exam_definition=bindparam("b_definition", type_=Text), paper=bindparam("b_paper", type_=Text)).returning(
    _at.c.id, sort_by_parameter_order=True
)
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


_ORDER = list(range(1_000))  # positions 0, 1, 2, …: a paper's answers as a start writes them
_NO_ANSWERS = AnswerColumns([], [], [], [])


def _response(raw: object) -> Response:
    """A stored response from its JSON text (None: SQL NULL, never written)."""
    return None if raw is None else json_codec.loads(raw)  # type: ignore[arg-type]


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


@dataclass(frozen=True)
class _Live:
    id: int
    exam_definition: str  # JSON text: one exam's attempts share it, parsed once
    paper: str | bytes  # JSON text (frozen_papers.stored_text), decoded by frozen_papers.thaw_texts
    counted_ms: int
    limit_ms: int
    heartbeat_at: datetime | None
    pass_mark: Decimal
    employee_no: str
    candidate_id: int
    exam_id: int
    station: str
    ends_at: datetime | None


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
    """Finish and grade many live attempts, as attempts.submit does each (a trainer's 统一收卷 of
    a whole exam, HQ load): the same status, time, grades and audit events. Attempts already
    finished are left as they are. Returns how many were finished.

    `counted_ms` (attempt id -> ms) is each holder's last count, as submit's `counted_ms`.
    """
    assert mode in FINISHED
    event = {"submitted": "submit", "auto_submitted": "auto_submit", "forced": "force_submit"}[mode]
    done = 0
    # kept across batches: each (question, score, response) graded once (thaw_texts shares questions)
    parsed: tuple[str, ExamDefinition, ExamGrades] | None = None
    ta = Answer.__table__
    for chunk in _batches(list(attempt_ids), batch):
        with store.session() as s, s.begin():
            now = db_now(s)
            stmt = (
                select(
                    Attempt.id, cast(Attempt.exam_definition, Text), frozen_papers.stored_text(s), Attempt.counted_ms, Attempt.limit_ms, Attempt.heartbeat_at, Attempt.pass_mark,
                    Candidate.employee_no, Attempt.candidate_id, Attempt.exam_id, Attempt.station, ExamSession.ends_at,
                )
                .join(Candidate, Attempt.candidate_id == Candidate.id)
                .outerjoin(ExamSession, Attempt.session_id == ExamSession.id)
                .where(Attempt.id.in_(chunk), Attempt.status == LIVE)
                .order_by(Attempt.id)
            )
            if s.get_bind().dialect.name != "sqlite":
                stmt = stmt.with_for_update(of=Attempt)
            else:  # take the write lock before reading, as attempts._session_still_open does
                s.execute(update(Attempt).where(Attempt.id == -1).values(status=LIVE))
            conn = s.connection()
            live = [_Live(*row) for row in conn.execute(stmt)]
            if not live:
                continue
            # each attempt's answers column by column: id, position, stored response text, trainer's final points
            answers = answers_by_attempt(conn, [a.id for a in live], counted=False)
            attempt_rows, audit_rows = [], []
            points: dict[tuple[Decimal, Decimal | None], list[int]] = {}  # (auto, final) -> answer ids: written a few statements per batch
            papers = frozen_papers.thaw_texts(s, {a.id: a.paper for a in live})
            for a in live:
                if parsed is None or parsed[0] != a.exam_definition:  # one exam's attempts share their definition
                    exam = parse_exam(json_codec.loads(a.exam_definition), "attempt")
                    parsed = (a.exam_definition, exam, ExamGrades(exam.multi_policy, exam.partial_fraction, _response))
                grades = parsed[2]
                qs, ss = papers[a.id]
                answer_ids, at, raws, kept = answers.get(a.id, _NO_ANSWERS)
                if at != _ORDER[: len(qs)]:  # not every position in order, as a start writes them
                    qs, ss = [qs[p] for p in at], [ss[p] for p in at]
                got = grades.settle(qs, ss, raws, kept)
                for aid, pair in zip(answer_ids, zip(got.auto, got.final, strict=True), strict=True):
                    same = points.get(pair)
                    if same is None:
                        points[pair] = [aid]
                    else:
                        same.append(aid)
                given = (counted_ms or {}).get(a.id)
                counted = min(a.limit_ms, max(a.counted_ms, given)) if given is not None else _counted_at(a, now, a.ends_at)  # type: ignore[arg-type]
                submitted = min(now, a.ends_at) if a.ends_at is not None and reason == "统一收卷" else now
                attempt_rows.append(
                    {"b_id": a.id, "status": mode, "submit_reason": reason, "submitted_at": submitted, "counted_ms": counted,
                     "score": got.score, "pending_review": got.pending, "passed": None if got.pending else passes(got.score, a.pass_mark)}
                )
                audit_rows.append(
                    {"at": now, "actor": actor or a.employee_no, "event": event, "candidate_id": a.candidate_id, "exam_id": a.exam_id,
                     "attempt_id": a.id, "station": a.station, "detail": f"{reason} 得分 {got.score}".strip()}
                )
            t = Attempt.__table__
            conn.execute(
                update(t).where(t.c.id == bindparam("b_id"), t.c.status == LIVE).values(
                    status=bindparam("status"), submit_reason=bindparam("submit_reason"), submitted_at=bindparam("submitted_at"),
                    counted_ms=bindparam("counted_ms"), score=bindparam("score"), pending_review=bindparam("pending_review"), passed=bindparam("passed"),
                ),
                attempt_rows,
            )
            for (auto, final), same in points.items():  # most answers share a few (auto, final) pairs
                update_by_ids(conn, ta, same, {"auto_points": auto, "final_points": final})
            conn.execute(insert(AuditEvent.__table__), audit_rows)
            done += len(live)
        if progress:
            progress(min(len(attempt_ids), done), len(attempt_ids))
    return done


__all__ = ["start_many", "submit_many"]
