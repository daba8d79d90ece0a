"""One question on the page: number, type, score, the stem, and its answer area."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from baiwen_desktop.core.grading import Response
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.question import QType, format_score
from baiwen_desktop.ui.station.answer_widgets import make_answer_widget
from baiwen_desktop.ui.station.styles import Display
from baiwen_desktop.ui.station.texts import type_label
from baiwen_desktop.ui.station.widgets import label


class QuestionView(QWidget):
    def __init__(self, item: PaperItem, pos: int, count: int, response: Response, marked: bool, display: Display, practice: bool = False) -> None:
        super().__init__()
        self.practice = practice  # practice: answered with 确定答案, nobody grades 简答 by hand
        self.item = item
        self.pos = pos
        q = item.question
        lay = QVBoxLayout(self)
        lay.setContentsMargins(display.px(36), display.px(22), display.px(36), display.px(22))
        lay.setSpacing(display.px(16))
        top = QHBoxLayout()
        top.setSpacing(display.px(14))
        top.addWidget(label(self.tr("第 {0} 题").format(pos + 1), "", wrap=False, name="QNumber"))
        top.addWidget(label(type_label(q.qtype), "", wrap=False, name="QType"))
        if not practice:
            top.addWidget(label(self.tr("（{0} 分）").format(format_score(item.score)), "", wrap=False, name="QScore"))
        self.marked_chip = label(self.tr("★ 已标记"), "", wrap=False, name="QMarked")
        top.addWidget(self.marked_chip)
        top.addStretch(1)
        top.addWidget(label(self.tr("共 {0} 题").format(count), "", wrap=False, name="QScore"))
        lay.addLayout(top)
        hint = self._hint(q.qtype)
        if hint:
            lay.addWidget(label(hint, "", name="MultiReminder" if q.qtype is QType.MULTI else "Count"))
        if q.qtype is not QType.BLANK:  # 填空 shows the stem itself, with boxes in the blanks
            lay.addWidget(label(q.stem, "", name="Stem"))
        self.answer = make_answer_widget(item, response, display)
        lay.addWidget(self.answer)
        lay.addStretch(1)
        self.set_marked(marked)

    def _hint(self, t: QType) -> str:
        if self.practice and t in (QType.BLANK, QType.SHORT):
            if t is QType.BLANK:
                return self.tr("填空题：请在方框里填写答案，每个方框填一处，然后按 Enter 或点「确定答案」。")
            return self.tr("简答题：写出要点后按 Ctrl+Enter 或点「确定答案」，系统按要点判断，答对六成要点算对。")
        if t is QType.MULTI:
            return self.tr("多选题：正确答案有两个或两个以上，请选出全部正确答案。")
        if t is QType.BLANK:
            return self.tr("填空题：请在方框里填写答案，每个方框填一处。按 PgDn 或 Ctrl+→ 到下一题。")
        if t is QType.SHORT:
            return self.tr("简答题：请用文字作答，写出要点即可。由老师复核给分。按 PgDn 或 Ctrl+→ 到下一题。")
        if t is QType.JUDGE:
            return self.tr("判断题：请判断下面的说法是否正确。")
        return ""

    def set_marked(self, on: bool) -> None:
        self.marked_chip.setVisible(on)
