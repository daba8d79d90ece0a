"""错题回顾: each wrong or unanswered question with the candidate's answer, the key, 解析, 出处."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QVBoxLayout, QWidget

from baiwen_desktop.core.grading import Response, grade_item, is_answered, key_text, response_text
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.question import OPTION_LETTERS, QType, format_score
from baiwen_desktop.services.attempts import AttemptState
from baiwen_desktop.ui.station.texts import judge_labels, type_label, unanswered_text
from baiwen_desktop.ui.station.widgets import card, label


def shown_answer(item: PaperItem, response: Response) -> str:
    if not is_answered(item, response):
        return unanswered_text()
    if item.question.qtype is QType.JUDGE:
        return judge_labels()[0 if response else 1]
    return response_text(item, response)


def shown_key(item: PaperItem) -> str:
    q = item.question
    if q.qtype is QType.JUDGE:
        return judge_labels()[0 if q.truth else 1]
    if q.qtype is QType.BLANK:
        return "；".join(" / ".join(alts) for alts in q.blanks)
    return key_text(item)


class ReviewList(QWidget):
    def __init__(self, state: AttemptState) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(14)
        exam = state.exam
        self.entries = 0
        for pos, (item, response) in enumerate(zip(state.paper.items, state.responses, strict=True)):
            g = grade_item(item, response, exam.multi_policy, exam.partial_fraction)
            if g.correct and item.question.qtype is not QType.SHORT:
                continue
            lay.addWidget(self._entry(pos, item, response, g.points))
            self.entries += 1
        if not self.entries:
            lay.addWidget(label(self.tr("全部答对，没有错题。"), "big"))

    def _entry(self, pos: int, item: PaperItem, response: Response, points: Decimal) -> QWidget:
        q = item.question
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(28, 16, 28, 18)
        lay.setSpacing(6)
        if q.qtype is QType.SHORT:
            got = self.tr("待复核")
        else:
            got = self.tr("得 {0}/{1} 分").format(format_score(points), format_score(item.score))
        lay.addWidget(label(self.tr("第 {0} 题　{1}　{2}").format(pos + 1, type_label(q.qtype), got), "subtitle"))
        lay.addWidget(label(q.stem, "", name="ReviewStem"))
        if q.qtype in (QType.SINGLE, QType.MULTI):
            for i, text in enumerate(item.shown_options()):
                lay.addWidget(label(f"{OPTION_LETTERS[i]}. {text}", "body"))
        lay.addWidget(label(self.tr("您的答案：{0}").format(shown_answer(item, response)), "", name="ReviewYours"))
        if q.qtype is QType.SHORT:
            lay.addWidget(label(self.tr("参考答案：{0}").format(q.reference), "", name="ReviewKey"))
            lay.addWidget(label(self.tr("简答题由培训老师复核后给分。"), "", name="ReviewNote"))
        else:
            lay.addWidget(label(self.tr("正确答案：{0}").format(shown_key(item)), "", name="ReviewKey"))
        if q.explanation:
            lay.addWidget(label(self.tr("解析：{0}").format(q.explanation), "", name="ReviewNote"))
        if q.source:
            lay.addWidget(label(self.tr("出处：百问百查 {0}").format(q.source), "", name="ReviewNote"))
        return box
