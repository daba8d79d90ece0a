"""Question banks in the database: the bundled one synced from text, trainers' own banks."""

from __future__ import annotations

import hashlib
import secrets
import sys
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from baiwen_desktop import __version__
from baiwen_desktop.core.bankfile import load_bank
from baiwen_desktop.core.canonical import parsed_hash
from baiwen_desktop.core.errors import BaiwenError, ValidationError
from baiwen_desktop.core.exam import PartRule
from baiwen_desktop.core.normalise import normalise
from baiwen_desktop.core.paper import DrawPool, draw_pool
from baiwen_desktop.core.question import TYPE_ORDER, QType, Question
from baiwen_desktop.datadir import bundled_bank_dir
from baiwen_desktop.services import audit
from baiwen_desktop.store import json_codec, text_lists
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Bank, BankQuestion, Setting
from baiwen_desktop.store.sqlite_text import driver, sqlite_sql

BUNDLED_NAME = "百问百查（2009版）"
# "<source key> <content hash>": what the bundled bank in this database was last synced from
SOURCE_SETTING = "bundled_bank_source"


@dataclass(frozen=True)
class BankInfo:
    id: int
    name: str
    description: str
    bundled: bool
    question_count: int


@dataclass(frozen=True)
class BankStats:
    name: str
    total: int
    by_type: dict[str, int]
    by_section: dict[str, int]
    by_source: dict[str, dict[str, int]]  # 问14 -> {单选: 3, ...}
    by_tag: dict[str, int] = field(default_factory=dict)  # 知识点 -> questions, most used first


@dataclass
class ImportOutcome:
    imported: int = 0
    duplicates: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)
    report: dict[str, object] | None = None  # the file's import report (what was left out, and why)


def stem_key(q: Question) -> str:
    return normalise(q.stem)


def _row(bank_id: int, q: Question, position: int) -> BankQuestion:
    """The one place a bank row is made: its digest is always that of its content (migration 0010)."""
    content = q.to_dict()
    return BankQuestion(
        bank_id=bank_id,
        qid=q.id,
        position=position,
        qtype=q.qtype.value,
        stem_norm=stem_key(q),
        source=q.source,
        section=q.section,
        difficulty=q.difficulty,
        tags="、".join(q.tags),
        content=content,
        digest=parsed_hash(content),  # the snapshot's name: a start copies the row without hashing it
        updated_at=datetime.now(),
    )


def question_row(bank_id: int, q: Question, position: int) -> BankQuestion:
    """A bank row for `q` (for callers filling a bank in their own transaction: an exam package)."""
    return _row(bank_id, q, position)


def _hash_questions(questions: Sequence[Question]) -> str:
    h = hashlib.sha256()
    for q in questions:
        h.update(repr(q.to_dict()).encode())
    return h.hexdigest()


def _program_fingerprint() -> bytes:
    """What turns the bank's text into questions: this build, or in a checkout the core sources."""
    if getattr(sys, "frozen", False):
        st = Path(sys.executable).stat()
        return f"{__version__}:{st.st_size}:{st.st_mtime_ns}".encode()
    h = hashlib.sha256(__version__.encode())
    for f in sorted((Path(__file__).resolve().parent.parent / "core").glob("*.py")):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.digest()


def bundled_source_key(folder: Path) -> str:
    """A digest of the bank's files and of the program reading them: equal keys parse to equal banks."""
    h = hashlib.sha256(_program_fingerprint())
    for f in sorted(p for p in folder.iterdir() if p.is_file()):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _unchanged_bundled(s: Session, source: str) -> BankInfo | None:
    """The bundled bank, if it was synced from these very files by this program and is still as synced."""
    row = s.get(Setting, SOURCE_SETTING)
    known_source, _, digest = (row.value if row else "").partition(" ")
    if known_source != source or not digest:
        return None
    bank = s.scalar(select(Bank).where(Bank.bundled.is_(True), Bank.content_hash == digest).order_by(Bank.id.desc()).limit(1))
    if bank is None:
        return None
    count = s.scalar(select(func.count()).select_from(BankQuestion).where(BankQuestion.bank_id == bank.id)) or 0
    return BankInfo(bank.id, bank.name, bank.description, True, count)


def _remember_source(s: Session, value: str) -> None:
    row = s.get(Setting, SOURCE_SETTING)
    if row is not None:
        row.value = value
        return
    try:
        with s.begin_nested():
            s.add(Setting(key=SOURCE_SETTING, value=value))
    except IntegrityError:  # another PC on the same server recorded the same sync a moment ago
        pass


def sync_bundled(store: Store, folder: Path | None = None) -> BankInfo:
    """Load the bundled text bank into the database if it is new or has changed.

    Every start calls this; when the files and the program are those of the last sync (and the bank
    is still as that sync left it) the text is not parsed again.
    """
    folder = folder or bundled_bank_dir()
    source = bundled_source_key(folder)
    with store.session() as s:
        unchanged = _unchanged_bundled(s, source)
    if unchanged is not None:
        return unchanged
    text = load_bank([folder])
    if text.issues:
        raise ValidationError(
            f"内置题库有 {len(text.issues)} 处错误：{text.issues[0]}",
            f"the bundled bank has {len(text.issues)} error(s)",
            text.issues,
        )
    name = text.name or BUNDLED_NAME
    digest = _hash_questions(text.questions)
    with store.session() as s, s.begin():
        bank = s.scalar(select(Bank).where(Bank.name == name))
        if bank is None:
            bank = Bank(name=name, description=text.description, bundled=True, created_at=datetime.now())
            s.add(bank)
            s.flush()
        if bank.content_hash != digest:
            s.execute(delete(BankQuestion).where(BankQuestion.bank_id == bank.id))
            s.add_all(_row(bank.id, q, i) for i, q in enumerate(text.questions))
            bank.content_hash = digest
            bank.description = text.description
            bank.bundled = True
        _remember_source(s, f"{source} {digest}")
        return BankInfo(bank.id, bank.name, bank.description, True, len(text.questions))


def list_banks(store: Store) -> list[BankInfo]:
    with store.session() as s:
        counts = dict(s.execute(select(BankQuestion.bank_id, func.count()).group_by(BankQuestion.bank_id)).all())
        banks = s.scalars(select(Bank).order_by(Bank.bundled.desc(), Bank.name)).all()
        return [BankInfo(b.id, b.name, b.description, b.bundled, counts.get(b.id, 0)) for b in banks]


def _bank(s: Session, name: str) -> Bank:
    bank = s.scalar(select(Bank).where(Bank.name == name))
    if bank is None:
        raise BaiwenError(f"没有名为“{name}”的题库", f"no bank named '{name}'")
    return bank


def _changed(bank: Bank) -> None:
    """A user bank's rows changed: a new content_hash, so every PC's cached draw pool goes stale.

    The bundled bank's content_hash is the hash of its text; a user bank's is a fresh random
    stamp per change (hashing 5,000 questions on every edit would cost more than it saves).
    """
    bank.content_hash = secrets.token_hex(32)


def bank_questions(store: Store, name: str) -> list[Question]:
    with store.session() as s:
        bank = _bank(s, name)
        rows = s.scalars(select(BankQuestion).where(BankQuestion.bank_id == bank.id).order_by(BankQuestion.position, BankQuestion.id))
        return [Question.from_dict(r.content) for r in rows]


def rule_candidates(s: Session, name: str, rules: Sequence[PartRule]) -> list[Question]:
    """Light stand-ins (id, type, 出处, section, tags, difficulty) for the questions some rule can draw.

    The query narrows by type, section, difficulty and tag; `PartRule.matches` makes the exact
    cut (a tag LIKE can over-match). Enough for `core.paper.draw_questions`; load the drawn ones
    whole with `questions_by_qid`.
    """
    bank = _bank(s, name)
    c = BankQuestion
    wanted = []
    for rule in rules:
        cond = [c.qtype == rule.qtype.value, c.difficulty.between(rule.difficulty_min, rule.difficulty_max)]
        if rule.sections:
            cond.append(c.section.in_(rule.sections))
        if rule.tags:
            cond.append(or_(*(c.tags.contains(t, autoescape=True) for t in rule.tags)))
        wanted.append(and_(*cond))
    if not wanted:
        return []
    rows = s.execute(select(c.qid, c.qtype, c.source, c.section, c.tags, c.difficulty).where(c.bank_id == bank.id, or_(*wanted)))
    stubs = (
        Question(qid, QType(qtype), "", Decimal(0), source=source, section=section, tags=tuple(tags.split("、")) if tags else (), difficulty=difficulty)
        for qid, qtype, source, section, tags, difficulty in rows
    )
    return [q for q in stubs if any(rule.matches(q) for rule in rules)]


@dataclass
class _BankCache:
    """One bank version's draw pools (per rules) and the whole questions loaded so far."""

    pools: dict[tuple[PartRule, ...], DrawPool] = field(default_factory=dict)
    whole: dict[str, Question] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # qid -> the row's digest (its snapshot's name)


_CACHE: OrderedDict[tuple[str, str], _BankCache] = OrderedDict()
_CACHE_KEPT = 4  # bank versions; an old one goes when a newer one is used
_cache_lock = threading.Lock()


def _cached(name: str, content_hash: str) -> _BankCache | None:
    """This process's cache of a bank version; None for a bank without a content_hash (a user
    bank not edited since before the stamp existed), which is then read afresh every time."""
    if not content_hash:
        return None
    key = (name, content_hash)
    with _cache_lock:
        entry = _CACHE.get(key)
        if entry is None:
            entry = _CACHE[key] = _BankCache()
            while len(_CACHE) > _CACHE_KEPT:
                _CACHE.popitem(last=False)
        _CACHE.move_to_end(key)
        return entry


def rule_pool(s: Session, name: str, rules: Sequence[PartRule]) -> tuple[DrawPool, str]:
    """The draw pool of bank `name` for `rules`, and the bank version (content_hash) it is of.

    Kept in this process per (bank, content_hash, rules). Every call reads the bank row, so an
    edit on any PC (a new content_hash) is seen at once.
    """
    pool, version = cached_rule_pool(s, name, rules)
    if pool is not None:
        return pool, version
    pool = draw_pool(rules, rule_candidates(s, name, rules))
    entry = _cached(name, version)
    if entry is not None:
        entry.pools[tuple(rules)] = pool
    return pool, version


_VERSION = select(Bank.__table__.c.content_hash).where(Bank.__table__.c.name == bindparam("b_name"))
_VERSION_SQLITE = sqlite_sql(_VERSION, ["b_name"])


def cached_rule_pool(s: Session, name: str, rules: Sequence[PartRule]) -> tuple[DrawPool | None, str]:
    """`rule_pool` if this process has it for the bank's current version, else (None, the version):
    one short read, for a caller that must not build a pool where it is (inside a write lock)."""
    conn = s.connection()
    if conn.dialect.name == "sqlite":  # sqlite3's own cursor, in the same transaction: a start reads it each time
        row = driver(conn).execute(_VERSION_SQLITE, (name,)).fetchone()
        version = row[0] if row is not None else None
    else:
        version = conn.execute(_VERSION, {"b_name": name}).scalar_one_or_none()
    if version is None:
        _bank(s, name)  # raises: no such bank
    entry = _cached(name, version)  # type: ignore[arg-type]
    return (entry.pools.get(tuple(rules)) if entry is not None else None), version  # type: ignore[return-value]


def drawn_questions(s: Session, name: str, version: str, qids: Sequence[str]) -> dict[str, Question]:
    """Whole questions of bank `name` by id: those of `version` already loaded in this process,
    the rest in one query. Ids the bank no longer has are missing from the answer."""
    return drawn_with_digests(s, name, version, qids)[0]


def drawn_with_digests(s: Session, name: str, version: str, qids: Sequence[str]) -> tuple[dict[str, Question], dict[str, str]]:
    """`drawn_questions`, and each one's row digest (bank_question.digest: the name of its snapshot,
    for services.frozen_papers.freeze_drawn). Ids the bank no longer has are missing from both."""
    entry = _cached(name, version)
    if entry is None:
        return _whole_by_qid(s, name, qids)
    whole, digests = entry.whole, entry.digests
    missing = [q for q in qids if q not in whole]
    if missing:
        got, got_digests = _whole_by_qid(s, name, missing)
        digests.update(got_digests)  # digests first: a question in `whole` always has its digest
        whole.update(got)
    return {q: whole[q] for q in qids if q in whole}, {q: digests[q] for q in qids if q in whole}


def cached_with_digests(name: str, version: str, qids: Sequence[str]) -> tuple[dict[str, Question], dict[str, str]]:
    """`drawn_with_digests` of those this process has loaded of bank `name` at `version`, without the
    database (a bulk start drawing its next batch in a thread); the others are missing from both."""
    with _cache_lock:
        entry = _CACHE.get((name, version)) if version else None
    if entry is None:
        return {}, {}
    whole, digests = entry.whole, entry.digests
    loaded = [q for q in qids if q in whole]  # a question in `whole` always has its digest
    return {q: whole[q] for q in loaded}, {q: digests[q] for q in loaded}


def forget_cached() -> None:
    """Drop every cached bank version (a drawn question was missing: some writer did not stamp the bank)."""
    with _cache_lock:
        _CACHE.clear()


def questions_by_qid(s: Session, name: str, qids: Iterable[str]) -> dict[str, Question]:
    """Whole questions of bank `name`, by id (none for a bank of no such name)."""
    return _whole_by_qid(s, name, qids)[0]


def _whole_by_qid(s: Session, name: str, qids: Iterable[str]) -> tuple[dict[str, Question], dict[str, str]]:
    conn = s.connection()
    wanted = text_lists.texts(qids)
    rows: Iterable[tuple[Any, str]]
    if conn.dialect.name == "sqlite":  # sqlite3's own cursor, in the same transaction: SQLAlchemy's row handling costs as much as the read
        decode = json_codec.loads  # what SQLAlchemy's JSON type would run on the text (the engine's deserializer)
        rows = ((decode(content), digest) for content, digest in conn.connection.driver_connection.execute(_BY_QID_SQLITE, (name, wanted)))  # type: ignore[union-attr]
    else:
        rows = conn.execute(_BY_QID["postgresql"], {"b_name": name, "b_qids": wanted})  # type: ignore[assignment]
    questions, digests = {}, {}
    for content, digest in rows:
        q = Question.from_dict(content)
        questions[q.id] = q
        digests[q.id] = digest
    return questions, digests


_bq, _b = BankQuestion.__table__, Bank.__table__
_BY_QID = {  # built once per dialect: a start runs it with the drawn questions not loaded yet
    dialect: select(_bq.c.content, _bq.c.digest)
    .join(_b, _bq.c.bank_id == _b.c.id)
    .where(_b.c.name == bindparam("b_name"), text_lists.one_of(_bq.c.qid, "b_qids", dialect))
    for dialect in ("sqlite", "postgresql")
}
_BY_QID_SQLITE = sqlite_sql(_BY_QID["sqlite"], ["b_name", "b_qids"])


def search_questions(
    store: Store,
    name: str,
    text: str = "",
    qtype: str | None = None,
    section: str | None = None,
    source: str | None = None,
    tag: str | None = None,
    difficulty: int | None = None,
) -> list[Question]:
    with store.session() as s:
        bank = _bank(s, name)
        stmt = select(BankQuestion).where(BankQuestion.bank_id == bank.id)
        if qtype:
            stmt = stmt.where(BankQuestion.qtype == qtype)
        if section:
            stmt = stmt.where(BankQuestion.section == section)
        if source:
            stmt = stmt.where(BankQuestion.source == source)
        if tag:
            stmt = stmt.where(BankQuestion.tags.like(f"%{tag}%"))
        if difficulty:
            stmt = stmt.where(BankQuestion.difficulty == difficulty)
        if text:
            stmt = stmt.where(BankQuestion.stem_norm.like(f"%{normalise(text)}%"))
        rows = s.scalars(stmt.order_by(BankQuestion.position, BankQuestion.id))
        return [Question.from_dict(r.content) for r in rows]


def stats(store: Store, name: str = BUNDLED_NAME) -> BankStats:
    return compute_stats(name, bank_questions(store, name))


def compute_stats(name: str, questions: Iterable[Question]) -> BankStats:
    qs = list(questions)
    by_source: dict[str, Counter[str]] = {}
    for q in qs:
        by_source.setdefault(q.source or "", Counter())[q.qtype.value] += 1
    return BankStats(
        name=name,
        total=len(qs),
        by_type={t.value: sum(1 for q in qs if q.qtype is t) for t in TYPE_ORDER},
        by_section=dict(Counter(q.section or "" for q in qs)),
        by_source={k: dict(v) for k, v in sorted(by_source.items(), key=lambda kv: _source_order(kv[0]))},
        by_tag=dict(Counter(t for q in qs for t in q.tags).most_common()),
    )


def _source_order(source: str) -> tuple[int, int, str]:
    if source[:1] in ("问", "查") and source[1:].isdigit():
        return (0 if source[0] == "问" else 1, int(source[1:]), "")
    return (2, 0, source)


def coverage_markdown(st: BankStats) -> str:
    """COVERAGE.md: every source item of the 百问百查 text and its questions by type."""
    types = [t.value for t in TYPE_ORDER]
    lines = [
        f"# 题库覆盖表 / Coverage: {st.name}",
        "",
        "由 `baiwen bank stats --coverage` 生成，请勿手工编辑。 Generated by `baiwen bank stats --coverage`.",
        "",
        f"共 {st.total} 题：" + "，".join(f"{t} {st.by_type.get(t, 0)}" for t in types) + "。",
        "",
        "| 出处 | " + " | ".join(types) + " | 合计 |",
        "| --- | " + " | ".join("---:" for _ in types) + " | ---: |",
    ]
    items = [f"问{n}" for n in range(1, 50)] + [f"查{n}" for n in range(1, 51)]
    extra = [k for k in st.by_source if k not in items]
    missing = []
    for item in items + extra:
        row = st.by_source.get(item, {})
        total = sum(row.values())
        if total == 0:
            missing.append(item)
        lines.append(f"| {item or '（无）'} | " + " | ".join(str(row.get(t, 0)) for t in types) + f" | {total} |")
    lines += ["", f"未覆盖的条目：{'、'.join(missing) if missing else '无'}", ""]
    return "\n".join(lines)


def get_bank_info(store: Store, name: str) -> BankInfo:
    for b in list_banks(store):
        if b.name == name:
            return b
    raise BaiwenError(f"没有名为“{name}”的题库", f"no bank named '{name}'")


def ensure_bank(s: Session, name: str, description: str = "") -> Bank:
    bank = s.scalar(select(Bank).where(Bank.name == name))
    if bank is None:
        bank = Bank(name=name, description=description, bundled=False, created_at=datetime.now())
        s.add(bank)
        s.flush()
    elif bank.bundled:
        raise BaiwenError(f"内置题库“{name}”是只读的，请先复制为新题库", f"the bundled bank '{name}' is read-only; copy it first")
    return bank


def add_questions(store: Store, name: str, questions: Sequence[Question], actor: str, source_file: str = "") -> ImportOutcome:
    """Add questions to a user bank in one transaction; same type + normalised stem = duplicate."""
    out = ImportOutcome()
    with store.session() as s, s.begin():
        bank = ensure_bank(s, name)
        existing = set(
            (t, n) for t, n in s.execute(select(BankQuestion.qtype, BankQuestion.stem_norm).where(BankQuestion.bank_id == bank.id))
        )
        used_ids = set(s.scalars(select(BankQuestion.qid).where(BankQuestion.bank_id == bank.id)))
        position = s.scalar(select(func.coalesce(func.max(BankQuestion.position), 0)).where(BankQuestion.bank_id == bank.id)) or 0
        for q in questions:
            key = (q.qtype.value, stem_key(q))
            if key in existing:
                out.duplicates += 1
                continue
            existing.add(key)
            qid = q.id if q.id and q.id not in used_ids else _new_id(used_ids)
            used_ids.add(qid)
            position += 1
            s.add(_row(bank.id, _with_id(q, qid), position))
            out.imported += 1
        if out.imported:
            _changed(bank)
        audit.record(s, "bank_import", actor, detail=f"{name}: +{out.imported}, 重复 {out.duplicates} {source_file}".strip())
    return out


def _new_id(used: set[str]) -> str:
    n = len(used) + 1
    while f"u{n:05d}" in used:
        n += 1
    return f"u{n:05d}"


def _with_id(q: Question, qid: str) -> Question:
    return q if q.id == qid else replace(q, id=qid)


def save_question(store: Store, bank_name: str, q: Question, actor: str) -> Question:
    """Insert or update one question of a user bank (validated by the caller's parser)."""
    with store.session() as s, s.begin():
        bank = ensure_bank(s, bank_name)
        row = s.scalar(select(BankQuestion).where(BankQuestion.bank_id == bank.id, BankQuestion.qid == q.id)) if q.id else None
        if row is None:
            used = set(s.scalars(select(BankQuestion.qid).where(BankQuestion.bank_id == bank.id)))
            q = _with_id(q, q.id if q.id and q.id not in used else _new_id(used))
            pos = s.scalar(select(func.coalesce(func.max(BankQuestion.position), 0)).where(BankQuestion.bank_id == bank.id)) or 0
            s.add(_row(bank.id, q, pos + 1))
        else:
            fresh = _row(bank.id, q, row.position)
            for attr in ("qtype", "stem_norm", "source", "section", "difficulty", "tags", "content", "digest", "updated_at"):
                setattr(row, attr, getattr(fresh, attr))
        _changed(bank)
        audit.record(s, "bank_edit", actor, detail=f"{bank_name}: 保存 {q.id}")
    return q


def delete_question(store: Store, bank_name: str, qid: str, actor: str) -> None:
    with store.session() as s, s.begin():
        bank = ensure_bank(s, bank_name)
        s.execute(delete(BankQuestion).where(BankQuestion.bank_id == bank.id, BankQuestion.qid == qid))
        _changed(bank)
        audit.record(s, "bank_edit", actor, detail=f"{bank_name}: 删除 {qid}")


def copy_bank(store: Store, source: str, target: str, actor: str) -> BankInfo:
    questions = bank_questions(store, source)
    with store.session() as s:
        if s.scalar(select(Bank).where(Bank.name == target)) is not None:
            raise BaiwenError(f"题库“{target}”已存在", f"bank '{target}' already exists")
    add_questions(store, target, questions, actor, source_file=f"复制自 {source}")
    return get_bank_info(store, target)
