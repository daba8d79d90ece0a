"""The one place that writes and reads an attempt's frozen paper (`attempt_paper.paper`, a row of its
own per attempt since migration 0011_attempt_papers: `put`/`put_many` at the start, `stored*` to read).

Stored by reference (migration 0009_paper_refs), the form result packages carry too:
    {"items": [{"question": <digest>, "score": "1", "part": 0, "option_order": [2, 0, 1, 3]}, ...],
     "part_titles": ["单选题", ...]}
where <digest> = core.canonical.canonical_hash of the question's snapshot (`Question.to_dict()`),
kept once in `question_snapshot`. A snapshot is named by its content, so it never changes: any PC
may insert the same one at the same moment (INSERT … ON CONFLICT DO NOTHING, in the caller's
transaction), and a digest → Question cache is right for every database this process opens.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import weakref
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

import orjson
from sqlalchemy import Connection, Engine, LargeBinary, ScalarSelect, Text, cast, event, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from baiwen_desktop.core.canonical import parsed_hash
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.paper import Item, Paper, PaperItem
from baiwen_desktop.core.question import Question
from baiwen_desktop.store import json_codec, many_rows, text_lists
from baiwen_desktop.store.models import Attempt, AttemptPaper, BankQuestion, QuestionSnapshot
from baiwen_desktop.store.sqlite_text import sqlite_sql

K = TypeVar("K")
CHUNK = 500  # digests per IN (...) / rows per insert
_KEPT = 50_000  # questions kept in each process-wide cache before it starts afresh

_table = QuestionSnapshot.__table__
# digest -> Question: content-addressed, so right for any database
_questions: dict[str, Question] = {}
# id(question object) -> (the object, its digest, its snapshot): hashing a snapshot costs ≈ 40 µs, a
# paper has 100; the banks' cache hands out the same Question objects start after start. The entry
# holds the object, so its id cannot be reused while the entry lives.
_digests: dict[int, tuple[Question, str, dict[str, Any]]] = {}
# per engine: digests known to be committed in that database (nothing to insert for them)
_known: weakref.WeakKeyDictionary[Engine, set[str]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
_scores: dict[str, Decimal] = {}

# SHA-256 of a stored paper's JSON text (UTF-8) -> its (questions, score texts) in paper order: a
# whole exam's 3,000 papers are ≈ 37 MB of JSON whose decoding (≈ 1 s) grading and item analysis would
# each repeat; the digest costs a twentieth of that. Named by content, so right for any database (a
# paper's text names its snapshots by content); kept up to _DECODED_ITEMS items, then started afresh.
_decoded: dict[bytes, tuple[tuple[Question, ...], tuple[str, ...]]] = {}
_DECODED_ITEMS = 1_000_000
_decoded_items = 0

_PENDING = "frozen_papers.pending"  # Session.info: digests this session inserted, not yet committed


def digest_of(q: Question) -> str:
    return _snapshot(q)[0]


def _snapshot(q: Question) -> tuple[str, dict[str, Any]]:
    hit = _digests.get(id(q))
    if hit is not None and hit[0] is q:
        return hit[1], hit[2]
    content = q.to_dict()
    digest = parsed_hash(content)  # canonical_hash, faster: a snapshot holds no floats
    if len(_digests) >= _KEPT:
        _digests.clear()
    _digests[id(q)] = (q, digest, content)
    _remember(digest, q)
    return digest, content


def _remember(digest: str, q: Question) -> None:
    if len(_questions) >= _KEPT:
        _questions.clear()
    _questions[digest] = q


def freeze(s: Session, paper: Paper) -> dict[str, Any]:
    """The stored form of `paper`; its snapshots not yet in the database are inserted in `s`'s transaction."""
    return freeze_many(s, [paper])[0]


def freeze_many(s: Session, papers: Sequence[Paper]) -> list[dict[str, Any]]:
    """`freeze` for many papers at once (one insert for all their new snapshots)."""
    return freeze_items(s, [[(i.question, i.score, i.part, i.option_order) for i in p.items] for p in papers], [p.part_titles for p in papers])


def freeze_items(s: Session, papers: Sequence[Sequence[Item]], part_titles: Sequence[Sequence[str]]) -> list[dict[str, Any]]:
    """`freeze_many` of papers given as core.paper.paper_items (a bulk start's thousands of papers
    without a PaperItem each) and each paper's part titles."""
    contents: dict[str, dict[str, Any]] = {}
    digest_of: dict[int, str] = {}  # id(question) -> digest, this call's questions (alive in `papers`)
    out = []
    for items, titles in zip(papers, part_titles, strict=True):
        rows = []
        for q, score, part, order in items:
            digest = digest_of.get(id(q))
            if digest is None:
                digest, contents[digest] = _snapshot(q)
                digest_of[id(q)] = digest
            rows.append({"question": digest, "score": str(score), "part": part, "option_order": list(order)})
        out.append({"items": rows, "part_titles": list(titles)})
    add_snapshots(s, contents)
    return out


def freeze_drawn(s: Session, paper: Paper, digests: Mapping[str, str]) -> dict[str, Any]:
    """`freeze` for a paper drawn from a bank, without hashing: `digests` maps each question's id to
    the digest of the bank row it was built from (bank_question.digest, migration 0010).

    The snapshots this database may lack are copied from the bank rows in one INSERT … SELECT (by
    digest, in digest order as `add_snapshots`). If a digest is held by no bank row any more (the row
    was edited on another PC between the read and this statement: PostgreSQL's read committed), the
    paper is frozen by `freeze` instead, from the questions themselves.
    """
    names = [digests[item.question.id] for item in paper.items]
    engine = _engine(s)
    known = _known.get(engine, set())
    pending = _pending(s)
    missing = sorted({d for d in names if d not in known and d not in pending})
    if missing:
        conn, wanted = s.connection(), text_lists.texts(missing)
        # some were there already, or a row changed meanwhile: look
        if _copy_from_bank(conn, wanted) != len(missing) and len(_held(conn, wanted)) != len(missing):
            return freeze(s, paper)
        pending.update(missing)
    for item, digest in zip(paper.items, names, strict=True):
        _remember(digest, item.question)  # what a thaw of this paper in this process finds
    items = [
        {"question": digest, "score": str(item.score), "part": item.part, "option_order": list(item.option_order)}
        for item, digest in zip(paper.items, names, strict=True)
    ]
    return {"items": items, "part_titles": list(paper.part_titles)}


def freeze_items_drawn(
    s: Session, papers: Sequence[Sequence[Item]], part_titles: Sequence[Sequence[str]], digests: Mapping[str, str]
) -> list[dict[str, Any]]:
    """`freeze_items` for papers drawn from a bank, without hashing, as `freeze_drawn` does for one
    paper: `digests` maps each question's id to its bank row's digest; the snapshots this database
    may lack are copied from the bank rows in one INSERT … SELECT; if a row changed meanwhile, the
    papers are frozen by `freeze_items` from the questions themselves."""
    names = _drawn_names(s, papers, digests)
    if names is None:
        return freeze_items(s, papers, part_titles)
    return _stored_items(papers, part_titles, names)


def _stored_items(papers: Sequence[Sequence[Item]], part_titles: Sequence[Sequence[str]], names: Mapping[int, str]) -> list[dict[str, Any]]:
    return [
        {"items": [{"question": names[id(q)], "score": str(score), "part": part, "option_order": list(order)} for q, score, part, order in items], "part_titles": list(titles)}
        for items, titles in zip(papers, part_titles, strict=True)
    ]


def freeze_items_drawn_texts(
    s: Session, papers: Sequence[Sequence[Item]], part_titles: Sequence[Sequence[str]], digests: Mapping[str, str], texts: Sequence[str] | None = None
) -> list[str]:
    """`freeze_items_drawn`, each stored paper as the JSON column's text (store.json_codec.dumps of
    it, what the column's serializer writes), and kept decoded for `thaw_texts` in this process (a
    bulk start is followed by its grading and item analysis, which would decode them again).

    `texts`: `drawn_texts(papers, part_titles, digests)` made beforehand (elsewhere than in the
    transaction), used unless a bank row changed meanwhile."""
    if texts is None:
        texts = drawn_texts(papers, part_titles, digests)
    if not _copied(s, set(map(digests.__getitem__, set(map(_question_id, map(_first, chain.from_iterable(papers))))))):
        return [json_codec.dumps(p) for p in freeze_items(s, papers, part_titles)]
    return list(texts)


def drawn_texts(papers: Sequence[Sequence[Item]], part_titles: Sequence[Sequence[str]], digests: Mapping[str, str]) -> list[str]:
    """The text `freeze_items_drawn_texts` stores for each paper, its questions named by `digests`
    (question id -> its bank row's digest), kept decoded for `thaw_texts`; no database: a bulk start
    makes its next batch's while this one is written."""
    texts = []
    heads: dict[int, tuple[Decimal, int, str, str]] = {}
    orders: dict[tuple[int, ...], str] = {}
    for items, titles in zip(papers, part_titles, strict=True):
        text, scores = _stored_text(items, titles, digests, heads, orders)
        texts.append(text)
        _keep_decoded(_text_digest(text), tuple(map(_first, items)), scores)
    return texts


def _stored_text(
    items: Sequence[Item], titles: Sequence[str], digests: Mapping[str, str], heads: dict[int, tuple[Decimal, int, str, str]], orders: dict[tuple[int, ...], str]
) -> tuple[str, list[str]]:
    """json_codec.dumps of `_stored_items`' paper, and its score texts, without a dict per item: the
    text put together from orjson's text of each part (the same bytes orjson writes for the whole,
    which is compact: no spaces), each item's head kept across papers (`heads`: id(question) ->
    (score, part, head, score text)), each option order's text too (`orders`)."""
    try:
        tail = '],"part_titles":' + orjson.dumps(list(titles)).decode() + "}"
    except TypeError:  # what orjson refuses json_codec.dumps writes otherwise: the whole paper as before
        names = {id(q): digests[q.id] for q, *_ in items}
        for q, *_ in items:
            _remember(names[id(q)], q)
        stored = _stored_items([items], [titles], names)[0]
        return json_codec.dumps(stored), [i["score"] for i in stored["items"]]
    pieces, scores = [], []
    for q, score, part, order in items:
        head = heads.get(id(q))
        if head is None or head[0] is not score or head[1] != part:
            text, digest = str(score), digests[q.id]
            _remember(digest, q)  # what a thaw of these papers in this process finds
            head = heads[id(q)] = (score, part, f'{{"question":{orjson.dumps(digest).decode()},"score":{orjson.dumps(text).decode()},"part":{orjson.dumps(part).decode()},"option_order":', text)
        shown = orders.get(order)
        if shown is None:
            shown = orders[order] = orjson.dumps(list(order)).decode() + "}"
        pieces.append(head[2] + shown)
        scores.append(head[3])
    return '{"items":[' + ",".join(pieces) + tail, scores


def _drawn_names(s: Session, papers: Sequence[Sequence[Item]], digests: Mapping[str, str]) -> dict[int, str] | None:
    """id(question) -> its bank row's digest for this call's questions (alive in `papers`), their
    snapshots copied into the database where it may lack them; None if a bank row changed meanwhile
    (the caller freezes from the questions themselves)."""
    objects: dict[int, Question] = {}
    for items in papers:
        qs = list(map(_first, items))
        objects.update(zip(map(id, qs), qs, strict=True))
    names = {key: digests[q.id] for key, q in objects.items()}
    for key, q in objects.items():
        _remember(names[key], q)  # what a thaw of these papers in this process finds
    return names if _copied(s, set(names.values())) else None


def _copied(s: Session, used: set[str]) -> bool:
    """The snapshots named `used` copied from the bank rows into the database where it may lack them, in
    `s`'s transaction; False if some row changed meanwhile (the caller freezes from the questions themselves)."""
    engine = _engine(s)
    known = _known.get(engine, set())
    pending = _pending(s)
    missing = sorted({d for d in used if d not in known and d not in pending})
    if missing:
        conn = s.connection()
        dialect, wanted = engine.dialect.name, {"b_digests": text_lists.texts(missing)}
        copied = conn.execute(_COPY[dialect], wanted).rowcount
        if copied != len(missing):  # some were there already, or some row changed meanwhile: look
            there = set(conn.execute(_HELD[dialect], wanted).scalars())
            if len(there) != len(missing):
                return False
        pending.update(missing)
    return True


_bq = BankQuestion.__table__
_HELD = {d: select(_table.c.digest).where(text_lists.one_of(_table.c.digest, "b_digests", d)) for d in ("sqlite", "postgresql")}
_FROM_BANK = {d: select(_bq.c.digest, _bq.c.content).where(text_lists.one_of(_bq.c.digest, "b_digests", d)).order_by(_bq.c.digest) for d in _HELD}
# the snapshots named, copied from the bank rows holding them (a digest held by rows of several banks
# names the same content: the first row is copied, the others do nothing)
_COPY = {
    "postgresql": postgresql.insert(_table).from_select(["digest", "question"], _FROM_BANK["postgresql"]).on_conflict_do_nothing(index_elements=["digest"]),
    "sqlite": sqlite.insert(_table).from_select(["digest", "question"], _FROM_BANK["sqlite"]).on_conflict_do_nothing(index_elements=["digest"]),
}
_COPY_SQLITE, _HELD_SQLITE = sqlite_sql(_COPY["sqlite"], ["b_digests"]), sqlite_sql(_HELD["sqlite"], ["b_digests"])


def _copy_from_bank(conn: Connection, wanted: str) -> int:
    """Rows inserted. SQLite: sqlite3's own cursor, in the same transaction (SQLAlchemy's handling of
    the statement costs as much as running it)."""
    if conn.dialect.name == "sqlite":
        return int(conn.connection.driver_connection.execute(_COPY_SQLITE, (wanted,)).rowcount)  # type: ignore[union-attr]
    return int(conn.execute(_COPY["postgresql"], {"b_digests": wanted}).rowcount)


def _held(conn: Connection, wanted: str) -> set[str]:
    """Which of the digests the database holds."""
    if conn.dialect.name == "sqlite":
        return {d for (d,) in conn.connection.driver_connection.execute(_HELD_SQLITE, (wanted,))}  # type: ignore[union-attr]
    return set(conn.execute(_HELD["postgresql"], {"b_digests": wanted}).scalars())


def add_snapshots(s: Session, contents: Mapping[str, dict[str, Any]]) -> None:
    """Insert the snapshots this database does not hold yet, in `s`'s transaction.

    Each key must be `canonical_hash` of its content (the caller has it from `freeze` or has
    checked it, as a merge at HQ does). Inserted in digest order: two transactions inserting
    overlapping sets on PostgreSQL wait for each other instead of deadlocking, and the second
    does nothing for the rows the first committed.
    """
    if not contents:
        return
    engine = _engine(s)
    known = _known.get(engine, set())
    pending = _pending(s)
    missing = sorted(d for d in contents if d not in known and d not in pending)
    if not missing:
        return
    dialect = engine.dialect.name
    if dialect == "postgresql":
        stmt: Any = postgresql.insert(_table).on_conflict_do_nothing(index_elements=["digest"])
    elif dialect == "sqlite":
        stmt = sqlite.insert(_table).on_conflict_do_nothing(index_elements=["digest"])
    else:  # pragma: no cover - the store opens only these two
        raise BaiwenError(f"不支持的数据库：{dialect}", f"unsupported database: {dialect}")
    conn = s.connection()
    for i in range(0, len(missing), CHUNK):
        conn.execute(stmt, [{"digest": d, "question": contents[d]} for d in missing[i : i + CHUNK]])
    pending.update(missing)


def _engine(s: Session) -> Engine:
    bind = s.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def _pending(s: Session) -> set[str]:
    """Digests inserted in `s`'s open transaction: known for good only once it commits."""
    found = s.info.get(_PENDING)
    if found is None:
        found = s.info[_PENDING] = set()
    return found  # type: ignore[no-any-return]


# Listening on the Session class, once: listening on each session costs more than a start's insert.
@event.listens_for(Session, "after_commit")
def _committed(s: Session) -> None:
    pending = s.info.get(_PENDING)
    if not pending:
        return
    if s.get_nested_transaction() is not None:  # a savepoint released: the outer transaction may still roll back
        return
    with _lock:
        _known.setdefault(_engine(s), set()).update(pending)
    pending.clear()


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(s: Session, _transaction: Any) -> None:
    """Any rollback (a savepoint's too): forget what is pending; at worst a later freeze inserts again."""
    pending = s.info.get(_PENDING)
    if pending:
        pending.clear()


def thaw(s: Session, stored: dict[str, Any]) -> Paper:
    """The Paper a stored paper stands for."""
    return thaw_many(s, {0: stored})[0]


def thaw_many(s: Session, stored: Mapping[K, dict[str, Any]]) -> dict[K, Paper]:
    """Many stored papers at once: one query (per 500) for the snapshots this process has not read yet;
    papers that share a question share one Question object."""
    wanted = {i["question"] for p in stored.values() for i in p.get("items", ()) if isinstance(i["question"], str)}
    _load(s, [d for d in wanted if d not in _questions])
    return {key: _paper(p) for key, p in stored.items()}


def thaw_refs(s: Session, stored: Mapping[K, dict[str, Any]]) -> dict[K, list[tuple[Question, str]]]:
    """Per stored paper its (question, score text) pairs in paper order: :func:`thaw_columns` zipped."""
    return {key: list(zip(questions, scores, strict=True)) for key, (questions, scores) in thaw_columns(s, stored).items()}


def thaw_columns(s: Session, stored: Mapping[K, dict[str, Any]]) -> dict[K, tuple[list[Question], list[str]]]:
    """Per stored paper two lists, its questions and its score texts, in paper order: what a whole
    exam's grading and item analysis read item by item (one query per 500 snapshots not read yet, as
    thaw_many; item by item in C: a Python step per item costs more than the rest of the work)."""
    wanted: set[str] = set()
    refs: dict[K, list[Any]] = {}  # each paper's digests, read once
    for key, p in stored.items():
        names = refs[key] = list(map(_ref, p.get("items", ())))
        try:
            wanted.update(names)
        except TypeError:  # a whole snapshot in place of a digest (a paper written before 0009)
            wanted.update(d for d in names if isinstance(d, str))
    _load(s, [d for d in wanted if d not in _questions])
    questions = _questions.__getitem__
    out: dict[K, tuple[list[Question], list[str]]] = {}
    for key, p in stored.items():
        items = p.get("items", ())
        try:
            out[key] = (list(map(questions, refs[key])), list(map(str, map(_score_text, items))))
        except TypeError:
            out[key] = (
                [_questions[i["question"]] if isinstance(i["question"], str) else Question.from_dict(i["question"]) for i in items],
                [str(i["score"]) for i in items],
            )
    return out


_ref, _score_text, _first, _question_id = itemgetter("question"), itemgetter("score"), itemgetter(0), attrgetter("id")


_ap = AttemptPaper.__table__
_PUT = insert(_ap)


def put(s: Session, attempt_id: int, stored: dict[str, Any]) -> None:
    """Write attempt `attempt_id`'s stored paper (`freeze`'s result), in `s`'s transaction: once, at its start."""
    s.connection().execute(_PUT, {"attempt_id": attempt_id, "paper": stored})


def put_many(s: Session, attempt_ids: Sequence[int], stored: Sequence[dict[str, Any]] | Sequence[str]) -> None:
    """`put` for many attempts, each paper given as `freeze`'s result or as the JSON column's text
    (store.json_codec.dumps of it: `freeze_items_drawn_texts`, or a result package's paper)."""
    if not attempt_ids:
        return
    conn = s.connection()
    if isinstance(stored[0], str):
        many_rows.executemany_columns(conn, _PUT, {"attempt_id": attempt_ids}, json_texts={"paper": stored})  # type: ignore[dict-item]
    else:
        many_rows.executemany(conn, _PUT, [{"attempt_id": a, "paper": p} for a, p in zip(attempt_ids, stored, strict=True)])


def stored_paper() -> ScalarSelect[Any]:
    """An attempt's stored paper (as the JSON column reads it), a column to select next to Attempt's:
    `select(Attempt.id, frozen_papers.stored_paper())`."""
    return select(_ap.c.paper).where(_ap.c.attempt_id == Attempt.id).scalar_subquery()


def stored_text(s: Session) -> ScalarSelect[Any]:
    """The stored paper as `thaw_texts` reads it, a column to select next to Attempt's: the column's JSON
    text (SQLite: as bytes, UTF-8, which sqlite3 hands over without decoding it)."""
    text = cast(_ap.c.paper, LargeBinary if s.get_bind().dialect.name == "sqlite" else Text)
    return select(text).where(_ap.c.attempt_id == Attempt.id).scalar_subquery()


def stored(s: Session, attempt_id: int) -> dict[str, Any]:
    """Attempt `attempt_id`'s stored paper."""
    return stored_many(s, [attempt_id])[attempt_id]


def stored_many(s: Session, attempt_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Stored papers by attempt id (CHUNK at a time)."""
    ids = list(dict.fromkeys(attempt_ids))
    out: dict[int, dict[str, Any]] = {}
    for i in range(0, len(ids), CHUNK):
        out.update(list(s.execute(select(_ap.c.attempt_id, _ap.c.paper).where(_ap.c.attempt_id.in_(ids[i : i + CHUNK])))))
    lost = [a for a in ids if a not in out]
    if lost:
        raise BaiwenError(f"考试记录 {lost[0]} 的试卷缺失，数据库不完整", f"the paper of attempt {lost[0]} is missing")
    return out


def thaw_attempt(s: Session, attempt_id: int) -> Paper:
    """The Paper attempt `attempt_id` was given."""
    return thaw(s, stored(s, attempt_id))


def thaw_texts(s: Session, texts: Mapping[K, str | bytes]) -> dict[K, tuple[list[Question], list[str]]]:
    """`thaw_columns` of stored papers given as the column's JSON text (`stored_text`): a paper this
    process decoded or froze before is not decoded again (see `_decoded`)."""
    names = {key: _text_digest(text) for key, text in texts.items()}
    found = {key: _decoded.get(name) for key, name in names.items()}
    missing = {key: json_codec.loads(texts[key]) for key, hit in found.items() if hit is None}
    got = thaw_columns(s, missing) if missing else {}
    out: dict[K, tuple[list[Question], list[str]]] = {}
    for key, hit in found.items():
        if hit is None:
            out[key] = got[key]
            _keep_decoded(names[key], tuple(got[key][0]), tuple(got[key][1]))
        else:  # fresh lists: the caller may change them
            out[key] = (list(hit[0]), list(hit[1]))
    return out


def _text_digest(text: str | bytes) -> bytes:
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).digest()


def _keep_decoded(name: bytes, questions: tuple[Question, ...], scores: tuple[str, ...]) -> None:
    global _decoded_items
    with _lock:
        if name in _decoded:
            return
        if _decoded_items + len(questions) > _DECODED_ITEMS:
            _forget_decoded()
        _decoded[name] = (questions, tuple(map(sys.intern, scores)))  # a few distinct score texts, one object each
        _decoded_items += len(questions)


def _forget_decoded() -> None:
    global _decoded_items
    _decoded.clear()
    _decoded_items = 0


def _load(s: Session, digests: list[str]) -> None:
    found: dict[str, Question] = {}
    conn = s.connection()
    # the snapshots' JSON text decoded here, as the column's own reader (json_codec.loads) decodes it:
    # a whole exam's 5,000 snapshots through ORM rows and the type's processor cost twice the decoding
    text = cast(_table.c.question, LargeBinary if conn.dialect.name == "sqlite" else Text)
    for i in range(0, len(digests), CHUNK):
        chunk = digests[i : i + CHUNK]
        rows = conn.execute(select(_table.c.digest, text).where(_table.c.digest.in_(chunk))).all()
        for digest, content in rows:
            found[digest] = Question.from_dict(json_codec.loads(content))
    lost = [d for d in digests if d not in found]
    if lost:
        raise BaiwenError(
            f"试卷引用的题目快照缺失（{len(lost)} 道，如 {lost[0][:12]}），数据库不完整", f"{len(lost)} question snapshot(s) a paper refers to are missing, e.g. {lost[0][:12]}"
        )
    for digest, q in found.items():
        _remember(digest, q)


def _score(text: Any) -> Decimal:
    key = text if type(text) is str else str(text)  # a stored score is text (str(Decimal)); str() only otherwise
    hit = _scores.get(key)
    if hit is None:
        hit = _scores[key] = Decimal(key)
    return hit


def _paper(stored: dict[str, Any]) -> Paper:
    items = []
    for i in stored.get("items", ()):
        ref = i["question"]
        # a whole snapshot in place of a digest: a paper written as before 0009 (bench/previous_start.py)
        q = _questions[ref] if isinstance(ref, str) else Question.from_dict(ref)
        items.append(PaperItem(q, _score(i["score"]), int(i["part"]), tuple(i["option_order"])))
    return Paper(tuple(items), tuple(stored.get("part_titles", ())))


def item_count(stored: dict[str, Any]) -> int:
    return len(stored.get("items", ()))


def digests(stored: dict[str, Any]) -> list[str]:
    """The snapshot digests a stored paper names, in paper order."""
    return [i["question"] for i in stored.get("items", ())]


def snapshots(s: Session, wanted: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The stored content of snapshots by digest (what a result package carries beside its papers)."""
    out: dict[str, dict[str, Any]] = {}
    ds = list(dict.fromkeys(wanted))
    for i in range(0, len(ds), CHUNK):
        out.update(list(s.execute(select(_table.c.digest, _table.c.question).where(_table.c.digest.in_(ds[i : i + CHUNK])))))
    lost = [d for d in ds if d not in out]
    if lost:
        raise BaiwenError(f"试卷引用的题目快照缺失（{len(lost)} 道），数据库不完整", f"{len(lost)} question snapshot(s) a paper refers to are missing")
    return out


__all__ = [
    "add_snapshots", "digest_of", "digests", "drawn_texts", "freeze", "freeze_drawn", "freeze_items", "freeze_items_drawn", "freeze_items_drawn_texts",
    "freeze_many", "item_count", "put", "put_many", "snapshots", "stored", "stored_many", "stored_paper", "stored_text", "thaw", "thaw_attempt",
    "thaw_columns", "thaw_many", "thaw_refs", "thaw_texts",
]
