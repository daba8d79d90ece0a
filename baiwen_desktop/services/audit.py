"""The audit log: who did what, when. Written in the same transaction as the act itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import AuditEvent, Candidate, Exam

EVENT_LABELS = {
    "login": "登录",
    "login_failed": "登录失败",
    "lockout": "账号锁定",
    "start": "开始考试",
    "resume": "恢复考试",
    "resume_code": "发放恢复码",
    "resume_failed": "恢复考试失败",
    "focus_lost": "离开考试窗口",
    "submit": "交卷",
    "auto_submit": "自动交卷",
    "force_submit": "强制交卷",
    "score_change": "改分",
    "bank_import": "导入题库",
    "bank_edit": "编辑题库",
    "roster_import": "导入名单",
    "roster_edit": "编辑考生",
    "exam_create": "创建考试",
    "session_open": "开考",
    "session_close": "结束考场",
    "trainer_admin": "管理员账号",
    "settings": "修改设置",
    "certificate": "颁发证书",
    "cert_revoke": "作废证书",
    "cert_key": "签发密钥",
    "cert_unlock": "解锁签发口令",
    "cert_crl": "导出作废名单",
    "retake_grant": "准予补考",
    "lease_move": "转到本机继续",
    "lease_revoked": "考试转走",
    "lease_refused": "拒绝原机写入",
    "package_export": "导出数据包",
    "package_import": "导入数据包",
}


def record(
    session: Session,
    event: str,
    actor: str,
    *,
    candidate_id: int | None = None,
    exam_id: int | None = None,
    attempt_id: int | None = None,
    station: str = "",
    detail: str = "",
) -> None:
    session.add(
        AuditEvent(
            at=db_now(session),
            actor=actor,
            event=event,
            candidate_id=candidate_id,
            exam_id=exam_id,
            attempt_id=attempt_id,
            station=station,
            detail=detail,
        )
    )


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    event: str
    event_label: str
    candidate: str
    exam: str
    station: str
    detail: str


def query(
    store: Store,
    text: str = "",
    event: str | None = None,
    candidate_no: str | None = None,
    exam_id: int | None = None,
    limit: int = 2000,
) -> list[AuditRow]:
    with store.session() as s:
        stmt = (
            select(AuditEvent, Candidate, Exam)
            .outerjoin(Candidate, AuditEvent.candidate_id == Candidate.id)
            .outerjoin(Exam, AuditEvent.exam_id == Exam.id)
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        )
        if event:
            stmt = stmt.where(AuditEvent.event == event)
        if candidate_no:
            stmt = stmt.where(Candidate.employee_no == candidate_no)
        if exam_id is not None:
            stmt = stmt.where(AuditEvent.exam_id == exam_id)
        if text:
            like = f"%{text}%"
            stmt = stmt.where(
                AuditEvent.detail.like(like) | AuditEvent.actor.like(like) | Candidate.name.like(like) | Candidate.employee_no.like(like)
            )
        rows = []
        for ev, cand, exam in s.execute(stmt):
            rows.append(
                AuditRow(
                    ev.at,
                    ev.actor,
                    ev.event,
                    EVENT_LABELS.get(ev.event, ev.event),
                    f"{cand.employee_no} {cand.name}" if cand else "",
                    exam.title if exam else "",
                    ev.station,
                    ev.detail,
                )
            )
        return rows
