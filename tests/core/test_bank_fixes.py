"""Issue 12's review of the bundled bank against 第四篇: each fix, exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from baiwen_desktop.core.bankfile import load_bank
from baiwen_desktop.core.grading import grade_item
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.question import Question
from baiwen_desktop.datadir import bundled_bank_dir

NOTE = "原文作“跨欠费部分”，脱漏“年度”二字"


@pytest.fixture(scope="module")
def qs() -> dict[str, Question]:
    return {q.id: q for q in load_bank([bundled_bank_dir()]).questions}


def points(q: Question, answer: list[str]) -> Decimal:
    return grade_item(PaperItem(q, Decimal(2), 0), answer).points


def test_full_term_kuaniandu(qs: dict[str, Question]) -> None:
    def text(q: Question) -> str:
        return "\n".join((q.stem, *q.options))

    assert not any("跨欠费部分" in text(q) for q in qs.values())
    assert [q.id for q in qs.values() if "跨年度欠费部分" in text(q)] == ["w27-06", "w27-07", "w27-09", "w27-12"]
    explained = sorted(q.id for q in qs.values() if "跨年度欠费部分" in q.explanation)
    assert explained == ["w27-02", "w27-06", "w27-07", "w27-09", "w27-12"]
    assert all(NOTE in qs[i].explanation for i in explained)


def test_order_free_and_alternatives(qs: dict[str, Question]) -> None:
    assert qs["w17-05"].order_free == ((0, 1),)
    assert points(qs["w17-05"], ["廉洁勤业", "严于律己"]) == Decimal("2.00")
    assert points(qs["w27-11"], ["逾期之日", "缴纳之日"]) == Decimal("2.00")
    assert points(qs["w23-04"], ["工作进程", "客户与社会"]) == Decimal("2.00")


def test_wording_and_stems_that_gave_the_answer_away(qs: dict[str, Question]) -> None:
    assert "但限电序位应（  ）公告用户" in qs["w37-09"].stem
    assert "用户不承担验表费" not in qs["w40-09"].stem and qs["w40-09"].blanks[0] == ("用户",)
    c = qs["c43-02"]
    assert "优质服务和行风建设" not in c.stem and c.options[c.correct[0]] == "优质服务和行风建设"
    # the distractors come from 查43 itself, not from unrelated topics
    assert c.options[1:] == ("营销稽查和服务质量检查", "行风明查暗访", "发电企业满意度评价")
    assert not any("臵" in "\n".join((q.stem, *q.options, q.explanation, q.reference)) for q in qs.values())
