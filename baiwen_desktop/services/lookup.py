"""Fetch a row by id or raise the user-facing "not found" message."""

from __future__ import annotations

from sqlalchemy.orm import Session

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.store.models import Attempt, ExamSession


def attempt(s: Session, attempt_id: int) -> Attempt:
    row = s.get(Attempt, attempt_id)
    if row is None:
        raise BaiwenError("考试记录不存在", "no such attempt")
    return row


def exam_session(s: Session, session_id: int) -> ExamSession:
    row = s.get(ExamSession, session_id)
    if row is None:
        raise BaiwenError("考场不存在", "no such session")
    return row
