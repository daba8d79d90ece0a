"""The paper preview names every relaxation of the one-question-per-出处 rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from baiwen_desktop.core.exam import parse_exam
from baiwen_desktop.core.paper import generate_paper
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.ui.trainer.paper_preview import paper_html

pytestmark = pytest.mark.gui

EXAM = parse_exam({"title": "t", "duration_minutes": 30, "pass_mark": 1, "parts": [{"type": "单选", "count": 3, "score_each": 1}]}, "t")
BANK = [Question(f"w37-0{k}", QType.SINGLE, f"题{k}", Decimal(1), options=("a", "b"), correct=(0,), source="问37", section="问") for k in (1, 2)] + [
    Question("w38-01", QType.SINGLE, "题3", Decimal(1), options=("a", "b"), correct=(0,), source="问38", section="问")
]


def test_preview_lists_the_relaxation(qapp: object) -> None:
    paper = generate_paper(EXAM, BANK, "preview", "预览1")
    html = paper_html(EXAM, paper, with_key=False)
    assert "组卷规则已放宽" in html
    assert "问37 出了 2 道题（问37-1、问37-2）：第 1 部分没有足够的其他出处可选" in html
    assert "（问38-1）" not in html and "（问38-1）" in paper_html(EXAM, paper, with_key=True)


def test_no_box_when_every_item_differs(qapp: object) -> None:
    exam = parse_exam({"title": "t", "duration_minutes": 30, "pass_mark": 1, "parts": [{"type": "单选", "count": 2, "score_each": 1}]}, "t")
    html = paper_html(exam, generate_paper(exam, BANK, "preview", "预览1"), with_key=False)
    assert "组卷规则已放宽" not in html
