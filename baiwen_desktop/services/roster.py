"""The roster (考生名单): all-or-nothing imports that are idempotent, and single edits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.identity import login_key
from baiwen_desktop.files.roster_file import RosterRow, parse_roster
from baiwen_desktop.files.tabular import CONTROL_CHARS
from baiwen_desktop.services import audit
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Candidate


@dataclass(frozen=True)
class CandidateInfo:
    id: int
    employee_no: str
    name: str
    unit: str
    post: str
    class_name: str


@dataclass(frozen=True)
class RosterImport:
    added: int
    updated: int
    unchanged: int


def _info(c: Candidate) -> CandidateInfo:
    return CandidateInfo(c.id, c.employee_no, c.name, c.unit, c.post, c.class_name)


def match_login(s: Session, employee_no: str, name: str, class_name: str = "") -> Candidate | None:
    """The roster entry a typed 工号 + 姓名 means, compared through core.identity.login_key.

    `class_name` limits the match to one class (a session opened for 班级/批次). Roster sizes are
    hundreds to a few thousand rows, so comparing in Python is cheap and works on every database.
    None when nothing matches, or when two entries match and none is typed exactly.
    """
    no_key, name_key = login_key(employee_no), login_key(name)
    if not no_key or not name_key:
        return None
    stmt = select(Candidate)
    if class_name:
        stmt = stmt.where(Candidate.class_name == class_name)
    found = [c for c in s.scalars(stmt) if login_key(c.employee_no) == no_key and login_key(c.name) == name_key]
    if len(found) > 1:
        found = [c for c in found if c.employee_no == employee_no.strip()]
    return found[0] if len(found) == 1 else None


def find_by_login(store: Store, employee_no: str, name: str, class_name: str = "") -> CandidateInfo | None:
    """`match_login` for callers without a database session of their own (practice login)."""
    with store.session() as s:
        c = match_login(s, employee_no, name, class_name)
        return _info(c) if c is not None else None


def upsert_rows(s: Session, rows: list[RosterRow]) -> RosterImport:
    """Add or update candidates by 工号 in the caller's transaction (a roster import, an exam package)."""
    added = updated = unchanged = 0
    now = db_now(s)
    existing = {c.employee_no: c for c in s.scalars(select(Candidate).where(Candidate.employee_no.in_([r.employee_no for r in rows])))}
    for r in rows:
        c = existing.get(r.employee_no)
        if c is None:
            c = Candidate(employee_no=r.employee_no, name=r.name, unit=r.unit, post=r.post, class_name=r.class_name, created_at=now)
            s.add(c)
            existing[r.employee_no] = c
            added += 1
            continue
        new = {"name": r.name, "unit": r.unit, "post": r.post, "class_name": r.class_name or c.class_name}
        if all(getattr(c, k) == v for k, v in new.items()):
            unchanged += 1
        else:
            for k, v in new.items():
                setattr(c, k, v)
            updated += 1
    return RosterImport(added, updated, unchanged)


def import_rows(store: Store, rows: list[RosterRow], actor: str, source: str = "") -> RosterImport:
    with store.session() as s, s.begin():
        done = upsert_rows(s, rows)
        audit.record(s, "roster_import", actor, detail=f"{source} 新增 {done.added}，更新 {done.updated}，未变 {done.unchanged}".strip())
    return done


def import_roster(store: Store, path: Path, actor: str) -> RosterImport:
    """Validate the whole file first; a file with any error imports nothing."""
    return import_rows(store, parse_roster(path), actor, source=path.name)


def list_candidates(store: Store, text: str = "", class_name: str | None = None) -> list[CandidateInfo]:
    with store.session() as s:
        stmt = select(Candidate).order_by(Candidate.unit, Candidate.employee_no)
        if text:
            like = f"%{text}%"
            stmt = stmt.where(or_(Candidate.employee_no.like(like), Candidate.name.like(like), Candidate.unit.like(like)))
        if class_name:
            stmt = stmt.where(Candidate.class_name == class_name)
        return [_info(c) for c in s.scalars(stmt)]


def class_names(store: Store) -> list[str]:
    with store.session() as s:
        return [n for n in s.scalars(select(Candidate.class_name).distinct().order_by(Candidate.class_name)) if n]


def save_candidate(store: Store, row: RosterRow, actor: str, candidate_id: int | None = None) -> CandidateInfo:
    if not row.employee_no.strip() or not row.name.strip():
        raise BaiwenError("工号和姓名不能为空", "employee number and name are required")
    for label, value in (("工号", row.employee_no), ("姓名", row.name), ("单位", row.unit), ("岗位/班组", row.post), ("班级", row.class_name)):
        if CONTROL_CHARS.search(value):  # NUL and the like: PostgreSQL refuses them, and no one types them
            raise BaiwenError(f"{label}含有控制字符（如 NUL），请删除", f"{label} holds a control character (such as NUL)")
    with store.session() as s, s.begin():
        clash = s.scalar(select(Candidate).where(Candidate.employee_no == row.employee_no.strip()))
        if clash is not None and clash.id != candidate_id:
            raise BaiwenError(f"工号 {row.employee_no} 已属于 {clash.name}", f"employee number {row.employee_no} is taken")
        c = s.get(Candidate, candidate_id) if candidate_id else None
        if c is None:
            c = Candidate(employee_no=row.employee_no.strip(), name=row.name.strip(), created_at=db_now(s))
            s.add(c)
        c.employee_no, c.name, c.unit, c.post, c.class_name = row.employee_no.strip(), row.name.strip(), row.unit, row.post, row.class_name
        s.flush()
        audit.record(s, "roster_edit", actor, candidate_id=c.id, detail=f"保存考生 {c.employee_no} {c.name}")
        return _info(c)
