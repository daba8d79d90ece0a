"""Exams (试卷方案) stored in the database, checked against their bank."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import MAX_TITLE, ExamDefinition, parse_exam
from baiwen_desktop.core.paper import RuleCheck, check_rules
from baiwen_desktop.services import audit, banks
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Exam


@dataclass(frozen=True)
class ExamInfo:
    id: int
    title: str
    definition: ExamDefinition
    archived: bool
    created_at: datetime


STATION_COPY = "站点成绩，以总部为准"


def is_station_copy(exam: ExamInfo) -> bool:
    """An exam imported from an HQ exam package (design §4): its results here are provisional."""
    return bool(exam.definition.extra.get("hq_package"))


def exam_info(e: Exam) -> ExamInfo:
    return ExamInfo(e.id, e.title, parse_exam(e.definition, f"exam {e.id}"), e.archived, e.created_at)


def check(store: Store, exam: ExamDefinition) -> list[RuleCheck]:
    return check_rules(exam, banks.bank_questions(store, exam.bank))


def require_satisfiable(store: Store, exam: ExamDefinition) -> None:
    for c in check(store, exam):
        if c.missing:
            raise BaiwenError(
                f"第 {c.rule_no} 部分（{c.rule.label}）需要 {c.rule.count} 道题，题库“{exam.bank}”中符合条件的只有 {c.available} 道",
                f"rule {c.rule_no} needs {c.rule.count} questions; bank '{exam.bank}' has only {c.available} that match",
            )


def create_exam(store: Store, exam: ExamDefinition, actor: str) -> ExamInfo:
    if len(exam.title) > MAX_TITLE:  # every new exam, whichever face made it: certificates print the title
        raise BaiwenError(f"考试名称不能超过 {MAX_TITLE} 个字（现有 {len(exam.title)} 个字），请改短一些",
                          f"an exam title may have at most {MAX_TITLE} characters (this one has {len(exam.title)})")
    require_satisfiable(store, exam)
    with store.session() as s, s.begin():
        row = Exam(title=exam.title, definition=exam.to_dict(), created_at=db_now(s))
        s.add(row)
        s.flush()
        audit.record(s, "exam_create", actor, exam_id=row.id, detail=f"{exam.title}：{exam.question_count} 题，总分 {exam.total}")
        return exam_info(row)


def create_from_mapping(store: Store, data: dict[str, Any], actor: str, where: str = "<form>") -> ExamInfo:
    return create_exam(store, parse_exam(data, where), actor)


def list_exams(store: Store, include_archived: bool = False) -> list[ExamInfo]:
    with store.session() as s:
        stmt = select(Exam).order_by(Exam.id.desc())
        if not include_archived:
            stmt = stmt.where(Exam.archived.is_(False))
        return [exam_info(e) for e in s.scalars(stmt)]


def get_exam(store: Store, exam_id: int) -> ExamInfo:
    with store.session() as s:
        e = s.get(Exam, exam_id)
        if e is None:
            raise BaiwenError(f"没有编号为 {exam_id} 的考试", f"no exam with id {exam_id}")
        return exam_info(e)


def set_archived(store: Store, exam_id: int, archived: bool, actor: str) -> None:
    with store.session() as s, s.begin():
        e = s.get(Exam, exam_id)
        if e is None:
            raise BaiwenError(f"没有编号为 {exam_id} 的考试", f"no exam with id {exam_id}")
        e.archived = archived
        audit.record(s, "exam_create", actor, exam_id=exam_id, detail=("归档" if archived else "取消归档") + f" {e.title}")


def duplicate_exam(store: Store, exam_id: int, actor: str) -> ExamInfo:
    src = get_exam(store, exam_id)
    suffix = "（副本）"
    return create_exam(store, replace(src.definition, title=src.title[: MAX_TITLE - len(suffix)] + suffix), actor)
