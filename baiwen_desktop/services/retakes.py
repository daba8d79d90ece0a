"""补考 (retakes) as a policy: a candidate who has handed in an exam starts it again only with a
trainer's grant (reason, audited), used up inside the start transaction; which attempt counts
is an exam setting (首考 / 最高 / 最后, default 最高)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.services import audit
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Attempt, Candidate, Exam, RetakeGrant

FINISHED = ("submitted", "auto_submitted", "forced")  # as services.attempts (which imports this module)


@dataclass(frozen=True)
class GrantInfo:
    id: int
    exam_id: int
    candidate_id: int
    employee_no: str
    name: str
    reason: str
    granted_by: str
    granted_at: datetime


@dataclass(frozen=True)
class AttemptSummary:
    """One earlier attempt, for the grant dialog."""

    attempt_id: int
    label: str
    score: Decimal | None
    passed_label: str
    submitted_at: datetime | None


def attempt_label(n: int) -> str:
    """首考 for the first attempt, 补考 for the second, 补考2 for the third …"""
    return "首考" if n <= 1 else ("补考" if n == 2 else f"补考{n - 1}")


def finished_count(s: Session, exam_id: int, candidate_id: int) -> int:
    stmt = select(func.count()).select_from(Attempt).where(
        Attempt.exam_id == exam_id, Attempt.candidate_id == candidate_id, Attempt.status.in_(FINISHED)
    )
    return s.scalar(stmt) or 0


def open_grant(s: Session, exam_id: int, candidate_id: int) -> RetakeGrant | None:
    return s.scalar(select(RetakeGrant).where(RetakeGrant.exam_id == exam_id, RetakeGrant.candidate_id == candidate_id, RetakeGrant.attempt_id.is_(None)))


def refuse_without_grant(s: Session, exam_id: int, candidate_id: int, free_retakes: bool) -> None:
    """At login: a candidate who has handed this exam in needs a 补考 grant (any session)."""
    if free_retakes or not finished_count(s, exam_id, candidate_id) or open_grant(s, exam_id, candidate_id) is not None:
        return
    raise BaiwenError("您已交卷，不能再次参加本场考试。如需补考，请监考老师在「成绩」中准予补考后再登录。",
                      "you have already handed this exam in; a trainer must grant a retake (补考) first")


def claim(s: Session, exam_id: int, candidate_id: int, attempt_id: int, free_retakes: bool, *, finished: int | None = None) -> None:
    """In the start transaction: a retake uses up the open grant, compare-and-set on the row, so
    two PCs starting at once cannot both use one grant. `finished`: the candidate's finished
    attempts of the exam, if the caller counted them in this transaction already."""
    if not (finished_count(s, exam_id, candidate_id) if finished is None else finished):
        return
    used = s.execute(
        update(RetakeGrant)
        .where(RetakeGrant.exam_id == exam_id, RetakeGrant.candidate_id == candidate_id, RetakeGrant.attempt_id.is_(None))
        .values(attempt_id=attempt_id)
    ).rowcount
    if used != 1 and not free_retakes:
        raise BaiwenError("您已交卷，补考需监考老师批准", "a retake needs a trainer's grant")


def grant(store: Store, exam_id: int, employee_no: str, reason: str, actor: str) -> GrantInfo:
    """Allow one more attempt for a candidate who has handed the exam in (reason required, audited)."""
    reason = reason.strip()
    if not reason:
        raise BaiwenError("请填写补考原因", "give a reason for the retake")
    try:
        with store.session() as s, s.begin():
            exam = s.get(Exam, exam_id)
            if exam is None:
                raise BaiwenError(f"没有编号为 {exam_id} 的考试", f"no exam {exam_id}")
            c = s.scalar(select(Candidate).where(Candidate.employee_no == employee_no.strip()))
            if c is None:
                raise BaiwenError(f"名单中没有工号 {employee_no}", f"no candidate {employee_no}")
            if not finished_count(s, exam_id, c.id):
                raise BaiwenError(f"{c.name}（{c.employee_no}）还没有交卷，不需要补考", "the candidate has not handed this exam in")
            live = s.scalar(select(Attempt.id).where(Attempt.exam_id == exam_id, Attempt.candidate_id == c.id, Attempt.status == "in_progress"))
            if live is not None:
                raise BaiwenError(f"{c.name}（{c.employee_no}）正在答题，不能准予补考", "the candidate is sitting the exam now")
            row = RetakeGrant(exam_id=exam_id, candidate_id=c.id, reason=reason, granted_by=actor, granted_at=db_now(s))
            s.add(row)
            s.flush()  # the partial unique index: one unused grant per candidate and exam
            audit.record(s, "retake_grant", actor, candidate_id=c.id, exam_id=exam_id, detail=f"准予补考：{reason}")
            return GrantInfo(row.id, exam_id, c.id, c.employee_no, c.name, reason, actor, row.granted_at)
    except IntegrityError:
        raise BaiwenError(f"工号 {employee_no} 已有一次尚未使用的补考", "a retake is already granted and not used yet") from None


def history(store: Store, exam_id: int, employee_no: str) -> tuple[list[AttemptSummary], GrantInfo | None]:
    """A candidate's finished attempts of an exam, and an unused grant if there is one."""
    with store.session() as s:
        c = s.scalar(select(Candidate).where(Candidate.employee_no == employee_no))
        if c is None:
            return [], None
        rows = list(s.scalars(select(Attempt).where(Attempt.exam_id == exam_id, Attempt.candidate_id == c.id).order_by(Attempt.id)))
        out = [
            AttemptSummary(a.id, attempt_label(n), a.score,
                           "待复核" if a.passed is None else ("合格" if a.passed else "不合格"), a.submitted_at)
            for n, a in enumerate(rows, start=1) if a.status in FINISHED
        ]
        g = open_grant(s, exam_id, c.id)
        info = None if g is None else GrantInfo(g.id, exam_id, c.id, c.employee_no, c.name, g.reason, g.granted_by, g.granted_at)
        return out, info
