"""Grading and the certificate check apply the same pass rule: pass on the shown score."""

from __future__ import annotations

from decimal import Decimal

from baiwen_desktop.core.exam import parse_exam
from baiwen_desktop.core.paper import Paper, PaperItem
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.services import certs
from baiwen_desktop.store.models import Answer, Attempt

EXAM = parse_exam(
    {"title": "t", "duration_minutes": 10, "pass_mark": "1.7", "parts": [{"type": "填空", "count": 1, "score_each": 5}]}, "t"
)
BLANKS = Question("b1", QType.BLANK, "（  ）（  ）（  ）", Decimal(5), blanks=(("甲",), ("乙",), ("丙",)))


PAPER = Paper((PaperItem(BLANKS, Decimal(5), 0),), ("填空题",))


def attempt(passed: bool) -> Attempt:
    a = Attempt(exam_definition=EXAM.to_dict(), score=Decimal("1.67"), passed=passed, pass_mark=Decimal("1.7"), total=Decimal(5))
    a.answers = [Answer(position=0, response=["甲", "错", "错"], auto_points=Decimal("1.67"), final_points=Decimal("1.67"))]
    return a


def test_a_score_shown_as_the_pass_mark_passes_and_can_be_signed() -> None:
    # 5 × 1/3 = 1.67, shown as 1.7 = the pass mark: 合格, and the signing check agrees
    assert certs.score_disagreement(attempt(passed=True), PAPER) is None
    assert certs.score_disagreement(attempt(passed=False), PAPER) is not None
