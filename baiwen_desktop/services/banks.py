"""Question banks in the database: the bundled one synced from text, trainers' own banks."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from baiwen_desktop.core.bankfile import load_bank
from baiwen_desktop.core.errors import BaiwenError, ValidationError
from baiwen_desktop.core.exam import PartRule
from baiwen_desktop.core.normalise import normalise
from baiwen_desktop.core.question import TYPE_ORDER, QType, Question
from baiwen_desktop.datadir import bundled_bank_dir
from baiwen_desktop.services import audit
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Bank, BankQuestion

BUNDLED_NAME = "百问百查（2009版）"


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
        content=q.to_dict(),
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


def sync_bundled(store: Store, folder: Path | None = None) -> BankInfo:
    """Load the bundled text bank into the database if it is new or has changed."""
    folder = folder or bundled_bank_dir()
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


def questions_by_qid(s: Session, name: str, qids: Iterable[str]) -> dict[str, Question]:
    """Whole questions of bank `name`, by id."""
    bank = _bank(s, name)
    rows = s.scalars(select(BankQuestion.content).where(BankQuestion.bank_id == bank.id, BankQuestion.qid.in_(list(qids))))
    return {q.id: q for q in (Question.from_dict(r) for r in rows)}


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
            for attr in ("qtype", "stem_norm", "source", "section", "difficulty", "tags", "content", "updated_at"):
                setattr(row, attr, getattr(fresh, attr))
        audit.record(s, "bank_edit", actor, detail=f"{bank_name}: 保存 {q.id}")
    return q


def delete_question(store: Store, bank_name: str, qid: str, actor: str) -> None:
    with store.session() as s, s.begin():
        bank = ensure_bank(s, bank_name)
        s.execute(delete(BankQuestion).where(BankQuestion.bank_id == bank.id, BankQuestion.qid == qid))
        audit.record(s, "bank_edit", actor, detail=f"{bank_name}: 删除 {qid}")


def copy_bank(store: Store, source: str, target: str, actor: str) -> BankInfo:
    questions = bank_questions(store, source)
    with store.session() as s:
        if s.scalar(select(Bank).where(Bank.name == target)) is not None:
            raise BaiwenError(f"题库“{target}”已存在", f"bank '{target}' already exists")
    add_questions(store, target, questions, actor, source_file=f"复制自 {source}")
    return get_bank_info(store, target)
