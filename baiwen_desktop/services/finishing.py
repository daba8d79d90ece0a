"""Finishing live attempts, many at once, inside the caller's transaction: the one hand-in path of a
trainer's 结束考场 (sessions.close_session), the server's 统一收卷 (sessions.sweep) and a whole exam's
bulk hand-in (bulk_attempts.submit_many, bench/scale.py).

Each attempt ends as attempts.finish_locked ends one (a station's own 交卷 and a single 强制交卷 stay
there): the same status, reason, submitted_at (统一收卷: not after the session's end), counted time
(attempts._counted_at, or the holder's last count), grades of every answer row (a trainer's final
points of an answered 简答 kept; pending until reviewed), score, passed and audit event. Core
statements and grading on plain data (core.grading.ExamGrades): a session of hundreds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import partial
from itertools import chain, compress, repeat
from operator import is_

from sqlalchemy import Connection, Text, bindparam, cast, insert, select, update
from sqlalchemy.orm import Session

from baiwen_desktop.core.exam import ExamDefinition, parse_exam
from baiwen_desktop.core.grading import ExamGrades, Pair, Response
from baiwen_desktop.core.numbers import passes
from baiwen_desktop.services import frozen_papers
from baiwen_desktop.services.attempts import FINISHED, SESSION_END, _counted_at
from baiwen_desktop.store import json_codec
from baiwen_desktop.store.answer_columns import AnswerColumns, answers_by_attempt
from baiwen_desktop.store.many_rows import executemany, update_by_ids
from baiwen_desktop.store.models import LIVE, Answer, Attempt, AuditEvent, Candidate, ExamSession

CHUNK = 250  # attempts read, graded and written at a time (one IN list; bounded memory)
EVENTS = {"submitted": "submit", "auto_submitted": "auto_submit", "forced": "force_submit"}

# exam definition text -> the parsed exam and its grading memo: one exam's attempts share both
Graders = dict[str, tuple[ExamDefinition, ExamGrades]]


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


_ORDER = list(range(1_000))  # positions 0, 1, 2, …: a paper's answers as a start writes them
_NO_ANSWERS = AnswerColumns([], [], [], [])
_t = Attempt.__table__
_FINISH = update(_t).where(_t.c.id == bindparam("b_id"), _t.c.status == LIVE).values(
    status=bindparam("status"), submit_reason=bindparam("submit_reason"), submitted_at=bindparam("submitted_at"),
    counted_ms=bindparam("counted_ms"), score=bindparam("score"), pending_review=bindparam("pending_review"), passed=bindparam("passed"),
)
_AUDIT = insert(AuditEvent.__table__)
_ta = Answer.__table__
_TAKE_WRITE_LOCK = update(_t).where(_t.c.id == -1).values(status=LIVE)  # SQLite: a no-op write opens the write transaction


def _response(raw: object) -> Response:
    """A stored response from its JSON text (None: SQL NULL, never written)."""
    return None if raw is None else json_codec.loads(raw)  # type: ignore[arg-type]


def finish_locked_many(
    s: Session,
    attempt_ids: Sequence[int],
    mode: str,
    reason: str,
    actor: str | None,
    now: datetime,
    counted_ms: Mapping[int, int] | None = None,
    *,
    graders: Graders | None = None,
) -> list[int]:
    """Finish and grade those of `attempt_ids` still live, in the caller's transaction (nothing is
    committed here); returns their ids in id order. Attempts already finished are left as they are.

    The rows are locked as they are read (PostgreSQL: FOR UPDATE; SQLite: the write transaction is
    opened before anything is read). `now` is the caller's transaction time (db_now); `counted_ms`
    (attempt id -> ms) a holder's last count, as attempts.submit's; `graders` may be kept across
    calls for the same exam (bulk_attempts.submit_many's batches).
    """
    assert mode in FINISHED
    event = EVENTS[mode]
    graders = {} if graders is None else graders
    given_ms = counted_ms or {}
    conn = s.connection()
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        conn.execute(_TAKE_WRITE_LOCK)
    finished: list[int] = []
    ids = sorted(set(attempt_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        stmt = (
            select(
                Attempt.id, cast(Attempt.exam_definition, Text), frozen_papers.stored_text(s), Attempt.counted_ms, Attempt.limit_ms, Attempt.heartbeat_at,
                Attempt.pass_mark, Candidate.employee_no, Attempt.candidate_id, Attempt.exam_id, Attempt.station, ExamSession.ends_at,
            )
            .join(Candidate, Attempt.candidate_id == Candidate.id)
            .outerjoin(ExamSession, Attempt.session_id == ExamSession.id)
            .where(Attempt.id.in_(chunk), Attempt.status == LIVE)
            .order_by(Attempt.id)
        )
        if not sqlite:
            stmt = stmt.with_for_update(of=Attempt)
        live = [_Live(*row) for row in conn.execute(stmt)]
        if not live:
            continue
        # each attempt's answers column by column: id, position, stored response text, trainer's final points
        answers = answers_by_attempt(conn, [a.id for a in live], counted=False)
        attempt_rows, audit_rows = [], []
        # per grader, every answer id and its Pair (one object per distinct pair): grouped below in C
        graded: dict[int, tuple[ExamGrades, list[int], list[Pair]]] = {}
        papers = frozen_papers.thaw_texts(s, {a.id: a.paper for a in live})
        for a in live:
            parsed = graders.get(a.exam_definition)
            if parsed is None:
                exam = parse_exam(json_codec.loads(a.exam_definition), "attempt")
                parsed = graders[a.exam_definition] = (exam, ExamGrades(exam.multi_policy, exam.partial_fraction, _response))
            qs, ss = papers[a.id]
            answer_ids, at, raws, kept = answers.get(a.id, _NO_ANSWERS)
            if at != _ORDER[: len(qs)]:  # not every position in order, as a start writes them
                qs, ss = [qs[p] for p in at], [ss[p] for p in at]
            pairs, score, pending = parsed[1].points(qs, ss, raws, kept)
            got = graded.get(id(parsed[1]))
            if got is None:
                got = graded[id(parsed[1])] = (parsed[1], [], [])
            _, ids_of, pairs_of = got
            ids_of += answer_ids
            pairs_of += pairs
            given = given_ms.get(a.id)
            counted = min(a.limit_ms, max(a.counted_ms, given)) if given is not None else _counted_at(a, now, a.ends_at)  # type: ignore[arg-type]
            submitted = min(now, a.ends_at) if a.ends_at is not None and reason == SESSION_END else now
            attempt_rows.append(
                {"b_id": a.id, "status": mode, "submit_reason": reason, "submitted_at": submitted, "counted_ms": counted,
                 "score": score, "pending_review": pending, "passed": None if pending else passes(score, a.pass_mark)}
            )
            audit_rows.append(
                {"at": now, "actor": actor or a.employee_no, "event": event, "candidate_id": a.candidate_id, "exam_id": a.exam_id,
                 "attempt_id": a.id, "station": a.station, "detail": f"{reason} 得分 {score}".strip()}
            )
        executemany(conn, _FINISH, attempt_rows)
        _write_points(conn, sqlite, list(graded.values()))
        executemany(conn, _AUDIT, audit_rows)
        finished += (a.id for a in live)
    return finished


def _write_points(conn: Connection, sqlite: bool, graded: list[tuple[ExamGrades, list[int], list[Pair]]]) -> None:
    """Each answer's (auto, final) points: per grader every answer id and its Pair, one object per
    distinct pair. Most answers share a few pairs: one UPDATE per distinct pair (equal pairs, 0 and
    0.00, are one: they are stored alike), its answers picked in C (`_grouped`).

    On SQLite, when one pair is at least half of them (most answers right, say), it is first written
    to every answer, whose ids are runs of consecutive ids (store.many_rows.update_by_ids: a range,
    not an id list), and then each other pair to its own answers, which thus get their points
    written twice in the same transaction: cheaper than an id list for the most common pair.
    (PostgreSQL keeps a row version per write: each answer is written once there.)
    """
    groups = [_grouped(grader, ids_of, pairs_of) for grader, ids_of, pairs_of in graded]
    counts: dict[Pair, int] = {}
    for group in groups:
        for pair, n, _ in group:
            counts[pair] = counts.get(pair, 0) + n  # equal pairs (0 and 0.00) counted as one
    if not counts:
        return
    common = max(counts, key=counts.__getitem__)
    first = sqlite and 2 * counts[common] >= sum(counts.values())
    if first:
        update_by_ids(conn, _ta, list(chain.from_iterable(ids_of for _, ids_of, _ in graded)), {"auto_points": common[0], "final_points": common[1]})
    points: dict[Pair, list[int]] = {}
    for group in groups:
        for pair, _, ids in group:
            if not (first and pair == common):
                points.setdefault(pair, []).extend(ids())
    for (auto, final), same in points.items():
        update_by_ids(conn, _ta, same, {"auto_points": auto, "final_points": final})


_ONLY = [bytes(int(b == code) for b in range(256)) for code in range(256)]  # code -> translate table: 1 for it, 0 for any other


def _grouped(grader: ExamGrades, ids: list[int], pairs: list[Pair]) -> list[tuple[Pair, int, Callable[[], Iterable[int]]]]:
    """Each distinct Pair object among `pairs` (told apart by identity: 0 and 0.00 are equal, not
    one), how many of `pairs` are it, and its `ids` when asked. With the grader's one-byte code of
    each answer's Pair, counting is bytes.count and picking a Pair's ids one bytes.translate and
    compress, all in C."""
    codes = grader.codes(pairs)
    if codes is None:  # more pairs than a byte tells apart: a pass over the pairs per object
        objects = dict(zip(map(id, pairs), pairs, strict=True)).values()
        return [(p, sum(map(is_, pairs, repeat(p))), partial(compress, ids, map(is_, pairs, repeat(p)))) for p in objects]
    made = grader.pair_list
    counts = [(code, codes.count(code)) for code in range(len(made))]
    return [(made[code], n, partial(compress, ids, codes.translate(_ONLY[code]))) for code, n in counts if n]


__all__ = ["CHUNK", "EVENTS", "Graders", "finish_locked_many"]
