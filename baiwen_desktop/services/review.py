"""阅卷: trainers confirm or change the suggested scores of short answers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import parse_exam
from baiwen_desktop.core.grading import grade_item
from baiwen_desktop.core.question import QType, question_label
from baiwen_desktop.services import audit, frozen_papers
from baiwen_desktop.services.attempts import FINISHED, grade_attempt
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Answer, Attempt, Candidate


@dataclass(frozen=True)
class PendingAnswer:
    answer_id: int
    attempt_id: int
    employee_no: str
    name: str
    question_id: str
    stem: str
    reference: str
    text: str
    points: list[tuple[str, Decimal, bool]]  # (keywords, weight scaled to the paper, matched)
    matched_keywords: list[str]
    suggested: Decimal
    max_points: Decimal
    label: str = ""  # how a person names the question: 问33-6 (core.question.question_label)


def pending(store: Store, exam_id: int | None = None) -> list[PendingAnswer]:
    """Answered 简答 items without a final score, grouped by question (then 工号)."""
    with store.session() as s:
        stmt = (
            select(Answer, Attempt, Candidate)
            .join(Attempt, Answer.attempt_id == Attempt.id)
            .join(Candidate, Attempt.candidate_id == Candidate.id)
            .where(Attempt.status.in_(FINISHED), Attempt.pending_review.is_(True), Answer.final_points.is_(None))
        )
        if exam_id is not None:
            stmt = stmt.where(Attempt.exam_id == exam_id)
        out = []
        rows = s.execute(stmt).all()
        papers = frozen_papers.thaw_many(s, frozen_papers.stored_many(s, (att.id for _, att, _ in rows)))
        for ans, att, cand in rows:
            item = papers[att.id].items[ans.position]
            q = item.question
            if q.qtype is not QType.SHORT:
                continue
            exam = parse_exam(att.exam_definition, "attempt")
            g = grade_item(item, ans.response, exam.multi_policy, exam.partial_fraction)
            weight_total = sum((p.weight for p in q.points), Decimal(0)) or Decimal(1)
            pts = [("/".join(p.keywords), (item.score * p.weight / weight_total).quantize(Decimal("0.01")), i in g.matched_points) for i, p in enumerate(q.points)]
            out.append(
                PendingAnswer(
                    ans.id, att.id, cand.employee_no, cand.name, q.id, q.stem, q.reference, str(ans.response or ""), pts,
                    list(g.matched_keywords), g.points, item.score, question_label(q.id, q.source),
                )
            )
        out.sort(key=lambda p: (p.question_id, p.employee_no))
        return out


def set_score(store: Store, answer_id: int, points: Decimal, actor: str, comment: str = "") -> bool:
    """Set a final score (0…max), audited old → new. Returns True when the attempt became final."""
    with store.session() as s, s.begin():
        ans = s.get(Answer, answer_id)
        if ans is None:
            raise BaiwenError("答案不存在", "no such answer")
        att = ans.attempt
        item = frozen_papers.thaw_attempt(s, att.id).items[ans.position]
        if not Decimal(0) <= points <= item.score:
            raise BaiwenError(f"分数应在 0 到 {item.score} 之间", f"the score must be between 0 and {item.score}")
        old = ans.final_points if ans.final_points is not None else ans.auto_points
        ans.final_points = points.quantize(Decimal("0.01"))
        ans.reviewed_by = actor
        ans.comment = comment
        s.flush()
        grade_attempt(s, att)
        audit.record(
            s, "score_change", actor, candidate_id=att.candidate_id, exam_id=att.exam_id, attempt_id=att.id,
            detail=f"第 {ans.position + 1} 题 {item.question.id}：{old} → {ans.final_points}（{actor}）{comment}".strip(),
        )
        return not att.pending_review
