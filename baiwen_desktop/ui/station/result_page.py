"""After 交卷: the score and verdict (or just 已交卷), score by type, and the wrong answers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from baiwen_desktop.core.question import TYPE_ORDER, QType, format_score
from baiwen_desktop.services.attempts import SubmitResult
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.return_bar import ReturnBar
from baiwen_desktop.ui.station.review_list import ReviewList
from baiwen_desktop.ui.station.texts import type_label, verdict_label
from baiwen_desktop.ui.station.widgets import card, label, set_prop


class ResultPage(QWidget):
    def __init__(self, window: Any, data: Any, notice: str = "") -> None:
        super().__init__()
        self.window_ = window
        self.data = data
        prepare_page(self, window)
        result: SubmitResult = data.result
        state = data.state
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 20, 40, 16)
        outer.setSpacing(10)
        content = QWidget()
        lay = QVBoxLayout(content)
        lay.setContentsMargins(0, 0, 14, 0)
        lay.setSpacing(14)
        if notice:
            lay.addWidget(label(notice, "notice"))
        self.station_copy = None
        if state.exam.extra.get("hq_package"):  # an exam from an HQ package: HQ merges, reviews and decides
            self.station_copy = label(self.tr("站点成绩，以总部为准"), "notice")
            lay.addWidget(self.station_copy)
        lay.addWidget(self._score_card(result, state))
        lay.addWidget(self._by_type(result))
        self.review: ReviewList | None = None
        if state.exam.show_review:
            lay.addWidget(label(self.tr("错题回顾"), "subtitle"))
            self.review = ReviewList(state)
            lay.addWidget(self.review)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        self.return_bar = ReturnBar(data.return_seconds, window.go_home)
        scroll.verticalScrollBar().valueChanged.connect(lambda _v: self.return_bar.reset())
        outer.addWidget(self.return_bar)

    def _score_card(self, result: SubmitResult, state: Any) -> QWidget:
        box = card()
        row = QHBoxLayout(box)
        row.setContentsMargins(32, 18, 32, 18)
        row.setSpacing(28)
        left = QVBoxLayout()
        left.addWidget(label(self.tr("考试成绩"), "hint"))
        left.addWidget(label(state.exam.title, "subtitle"))
        c = state.candidate
        left.addWidget(label("　".join(x for x in (c.name, c.employee_no, c.unit) if x), "big"))
        left.addWidget(label(self.tr("满分 {0} 分，{1} 分合格").format(format_score(result.total), format_score(result.pass_mark)), "big"))
        row.addLayout(left, 1)
        # until a trainer confirms the 简答, only the objective points are a score: the suggested
        # 简答 points would show a total the per-type table below does not add up to
        pending = result.pending_review
        shown = result.objective_score if pending else result.score
        score_box = QVBoxLayout()
        score_box.setSpacing(0)
        score_box.addStretch(1)  # caption and score together, centred beside the verdict
        self.score_caption = label(self.tr("客观题得分") if pending else "", "hint", wrap=False)
        self.score_caption.setVisible(pending)
        score_box.addWidget(self.score_caption, 0, Qt.AlignmentFlag.AlignHCenter)
        self.score = label(self.tr("{0} 分").format(format_score(shown)), "", wrap=False, name="Score")
        score_box.addWidget(self.score, 0, Qt.AlignmentFlag.AlignHCenter)
        score_box.addStretch(1)
        row.addLayout(score_box)
        self.verdict = label(self.tr("简答待复核") if pending else verdict_label(result.passed), "", wrap=False, name="Verdict")
        set_prop(self.verdict, "verdict", "pending" if result.passed is None else ("pass" if result.passed else "fail"))
        row.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignVCenter)
        if pending:
            left.addWidget(label(self.tr("简答题（共 {0} 分）由培训老师复核后计入，那时才有总分和是否合格。").format(format_score(result.short_max)), "hint"))
        return box

    def _by_type(self, result: SubmitResult) -> QWidget:
        box = card()
        grid = QGridLayout(box)
        grid.setContentsMargins(32, 14, 32, 16)
        grid.setHorizontalSpacing(40)
        grid.setVerticalSpacing(6)
        heads = (self.tr("题型"), self.tr("题数"), self.tr("答对"), self.tr("得分"))
        for col, text in enumerate(heads):
            grid.addWidget(label(text, "", wrap=False, name="TableHead"), 0, col)
        rows = sorted(result.by_type, key=lambda t: TYPE_ORDER.index(QType(t.qtype)))
        for r, t in enumerate(rows, start=1):
            short = QType(t.qtype) is QType.SHORT and result.pending_review
            cells = (
                type_label(t.qtype),
                str(t.count),
                "—" if short else str(t.right),
                self.tr("待复核") if short else f"{format_score(t.points)} / {format_score(t.max_points)}",
            )
            for col, text in enumerate(cells):
                grid.addWidget(label(text, "", wrap=False, name="TableCell"), r, col)
        grid.setColumnStretch(4, 1)
        return box


class DonePage(QWidget):
    """When the exam does not show scores: 已交卷，请离开座位."""

    def __init__(self, window: Any, return_seconds: int, notice: str = "") -> None:
        super().__init__()
        prepare_page(self, window)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 40, 48, 24)
        lay.setSpacing(18)
        if notice:
            lay.addWidget(label(notice, "notice"))
        lay.addStretch(1)
        title = label(self.tr("已交卷，请离开座位"), "huge")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(title)
        text = label(self.tr("您的答案已全部保存。成绩由培训老师统一公布。"), "big")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(text)
        lay.addStretch(2)
        self.return_bar = ReturnBar(return_seconds, window.go_home)
        lay.addWidget(self.return_bar)
