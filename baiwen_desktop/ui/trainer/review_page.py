"""阅卷: 简答 answers awaiting review, one question across all candidates in turn.

Each answer shows the candidate's text with matched keywords highlighted, the suggested points
per 要点 and the reference answer; the trainer sets the final score (audited by the service)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.question import format_score
from baiwen_desktop.services import attempts, exams, review
from baiwen_desktop.services.attempts import SubmitResult
from baiwen_desktop.services.exams import ExamInfo
from baiwen_desktop.services.review import PendingAnswer
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage
from baiwen_desktop.ui.trainer.highlight import highlight_html


@dataclass(frozen=True)
class Graded:
    answer: PendingAnswer
    points: Decimal
    final: bool
    result: SubmitResult | None


def grade(store: Any, answer: PendingAnswer, points: Decimal, actor: str, comment: str) -> Graded:
    """Set the score; when that made the attempt final, fetch its total too."""
    final = review.set_score(store, answer.answer_id, points, actor, comment)
    return Graded(answer, points, final, attempts.result_of(store, answer.attempt_id) if final else None)


def highlight_words(p: PendingAnswer) -> list[str]:
    """The keywords found, plus every synonym of a matched 要点 (any of them may appear)."""
    words = list(p.matched_keywords)
    for keywords, _weight, matched in p.points:
        if matched:
            words += [k for k in keywords.split("/") if k]
    return words


class ReviewPage(TrainerPage):
    def __init__(self, ctx: TrainerContext) -> None:
        super().__init__(ctx, self.tr("阅卷"), self.tr("简答题由系统按要点关键词给出建议分，需由老师确认最终得分。同一道题的所有考生答案依次批阅。"))
        self.items: list[PendingAnswer] = []
        self.current: PendingAnswer | None = None

        self.exam = QComboBox()
        self.exam.setMinimumWidth(300)
        self.exam.currentIndexChanged.connect(self.load)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("font-size:15px;")
        reload_button = QPushButton(self.tr("刷新"))
        reload_button.clicked.connect(self.load)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("考试")))
        top.addWidget(self.exam)
        top.addSpacing(16)
        top.addWidget(self.count_label, 1)
        top.addWidget(reload_button)
        self.body.addLayout(top)

        self.questions = QListWidget()
        self.questions.setWordWrap(True)
        self.questions.currentRowChanged.connect(self._question_chosen)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.questions)
        split.addWidget(self._answer_panel())
        split.setSizes([280, 900])
        self.body.addWidget(split, 1)
        self._show_answer(None)

    def _answer_panel(self) -> QWidget:
        panel = QWidget()
        lay = QVBoxLayout(panel)
        lay.setContentsMargins(0, 0, 0, 0)
        self.question_view = QTextBrowser()
        self.question_view.setMaximumHeight(170)
        lay.addWidget(self.question_view)
        head = QHBoxLayout()
        self.who = QLabel()
        self.who.setStyleSheet("font-size:16px; font-weight:bold;")
        self.prev_button = QPushButton(self.tr("‹ 上一份"))
        self.prev_button.clicked.connect(lambda: self._step(-1))
        self.next_button = QPushButton(self.tr("跳过 ›"))
        self.next_button.clicked.connect(lambda: self._step(1))
        head.addWidget(self.who, 1)
        head.addWidget(self.prev_button)
        head.addWidget(self.next_button)
        lay.addLayout(head)
        # the answer beside its 要点: a long answer or many points scroll instead of being cut off
        self.answer_view = QTextBrowser()
        self.answer_view.setStyleSheet("font-size:16px;")
        self.points_view = QTextBrowser()
        side = QSplitter(Qt.Orientation.Horizontal)
        side.addWidget(self.answer_view)
        side.addWidget(self.points_view)
        side.setSizes([560, 340])
        lay.addWidget(side, 1)

        box = QGroupBox(self.tr("评分"))
        grid = QGridLayout(box)
        self.score = QDoubleSpinBox()
        self.score.setSingleStep(0.5)
        self.score.setDecimals(2)  # suggestions are exact to the cent, e.g. 4.29
        self.score.setSuffix(self.tr(" 分"))
        self.score.setMinimumWidth(120)
        self.suggested = QLabel()
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("可选：给分理由，记入日志"))
        self.confirm_button = QPushButton(self.tr("确认得分，下一份（Enter）"))
        self.confirm_button.setStyleSheet("font-weight:bold; padding:6px 18px;")
        self.confirm_button.clicked.connect(self.confirm_score)
        self.confirm_button.setToolTip(self.tr("在最终得分或备注框里按 Enter 也可以确认"))
        # Enter in the score or the comment confirms, so a trainer can grade from the keyboard
        self.score.lineEdit().returnPressed.connect(self.confirm_score)
        self.comment.returnPressed.connect(self.confirm_score)
        grid.addWidget(QLabel(self.tr("最终得分")), 0, 0)
        grid.addWidget(self.score, 0, 1)
        grid.addWidget(self.suggested, 0, 2, 1, 2)
        grid.addWidget(QLabel(self.tr("备注")), 1, 0)
        grid.addWidget(self.comment, 1, 1, 1, 2)
        grid.addWidget(self.confirm_button, 1, 3)
        grid.setColumnStretch(2, 1)
        lay.addWidget(box)
        return panel

    # ---- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        self.run(exams.list_exams, self.ctx.store, True, on_done=self._show_exams)

    def _show_exams(self, items: list[ExamInfo]) -> None:
        keep = self.exam.currentData()
        self.exam.blockSignals(True)
        self.exam.clear()
        self.exam.addItem(self.tr("全部考试"), None)
        for e in items:
            self.exam.addItem(f"#{e.id} {e.title}", e.id)
        self.exam.setCurrentIndex(max(0, self.exam.findData(keep)))
        self.exam.blockSignals(False)
        self.load()

    def load(self) -> None:
        self.run(review.pending, self.ctx.store, self.exam.currentData(), on_done=self._loaded)

    def _loaded(self, items: list[PendingAnswer]) -> None:
        self.items = items
        keep = self.current.question_id if self.current else None
        self._fill_questions(keep)

    def _groups(self) -> list[tuple[str, list[PendingAnswer]]]:
        groups: dict[str, list[PendingAnswer]] = {}
        for p in self.items:
            groups.setdefault(p.question_id, []).append(p)
        return list(groups.items())

    def _fill_questions(self, keep: str | None) -> None:
        groups = self._groups()
        self.count_label.setText(
            self.tr("待阅 {0} 份（{1} 道题）").format(len(self.items), len(groups)) if self.items else self.tr("没有待阅的简答题")
        )
        self.questions.blockSignals(True)
        self.questions.clear()
        for qid, answers in groups:
            item = QListWidgetItem(self.tr("{0}　待阅 {1} 份\n{2}").format(answers[0].label or qid, len(answers), answers[0].stem[:40]))
            item.setData(Qt.ItemDataRole.UserRole, qid)
            self.questions.addItem(item)
        self.questions.blockSignals(False)
        row = next((i for i, (qid, _) in enumerate(groups) if qid == keep), 0)
        if groups:
            self.questions.setCurrentRow(row)
            self._question_chosen(row)
        else:
            self._show_answer(None)

    def _group(self, qid: str | None) -> list[PendingAnswer]:
        return [p for p in self.items if p.question_id == qid]

    def _question_chosen(self, row: int) -> None:
        item = self.questions.item(row)
        group = self._group(item.data(Qt.ItemDataRole.UserRole)) if item else []
        keep = self.current.answer_id if self.current else None
        self._show_answer(next((p for p in group if p.answer_id == keep), group[0] if group else None))

    # ---- one answer -----------------------------------------------------------------------
    def _show_answer(self, p: PendingAnswer | None) -> None:
        self.current = p
        for w in (self.score, self.comment, self.confirm_button, self.prev_button, self.next_button):
            w.setEnabled(p is not None)
        if p is None:
            self.question_view.setHtml("")
            self.who.setText(self.tr("没有待阅的答案"))
            self.answer_view.setHtml("")
            self.points_view.setHtml("")
            self.suggested.setText("")
            return
        group = self._group(p.question_id)
        index = group.index(p)
        self.question_view.setHtml(
            f"<p><b>{escape(p.label or p.question_id)}　{escape(p.stem)}</b>（{format_score(p.max_points)} {self.tr('分')}）</p>"
            f"<p><span style='color:#555'>{self.tr('参考答案')}：</span>{escape(p.reference).replace(chr(10), '<br>')}</p>"
        )
        self.who.setText(self.tr("第 {0} / {1} 份　考生：{2} {3}").format(index + 1, len(group), p.employee_no, p.name))
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(group) - 1)
        text = p.text.strip()
        self.answer_view.setHtml(highlight_html(text, highlight_words(p)) if text else f"<i>{self.tr('（未作答）')}</i>")
        rows = "".join(
            f"<tr><td style='color:{'#1d6b2f' if matched else '#b3261e'}'>{'✔' if matched else '✘'}</td><td>{escape(keywords)}</td><td align='right'>{format_score(weight)} {self.tr('分')}</td></tr>"
            for keywords, weight, matched in p.points
        )
        self.points_view.setHtml(f"<b>{self.tr('要点')}</b>（✔ {self.tr('已在答案中找到')}）<table cellspacing='6'>{rows}</table>")
        self.score.setRange(0, float(p.max_points))
        self.score.setValue(float(p.suggested))
        self.suggested.setText(self.tr("系统建议 {0} 分，满分 {1} 分").format(format_score(p.suggested), format_score(p.max_points)))
        self.comment.clear()
        self.score.setFocus()
        self.score.selectAll()

    def _step(self, delta: int) -> None:
        if self.current is None:
            return
        group = self._group(self.current.question_id)
        i = group.index(self.current) + delta
        if 0 <= i < len(group):
            self._show_answer(group[i])

    def confirm_score(self) -> None:
        p = self.current
        if p is None or not self.confirm_button.isEnabled():  # one confirmation at a time
            return
        points = Decimal(str(self.score.value())).quantize(Decimal("0.01"))
        self.confirm_button.setEnabled(False)
        self.run(
            grade, self.ctx.store, p, points, self.ctx.actor, self.comment.text().strip(),
            on_done=self._graded, on_error=lambda e: (self.confirm_button.setEnabled(True), self.notice.show_error(e)),
        )

    def _graded(self, g: Graded) -> None:
        p = g.answer
        group = self._group(p.question_id)
        following = group[group.index(p) + 1 :] if p in group else []
        self.items = [x for x in self.items if x.answer_id != p.answer_id]
        if g.final and g.result is not None:
            r = g.result
            verdict = self.tr("合格") if r.passed else self.tr("不合格")
            self.notice.show_message(
                self.tr("{0} {1} 的试卷已全部阅完，总分已确定：{2} / {3} 分，{4}").format(
                    p.employee_no, p.name, format_score(r.score), format_score(r.total), verdict
                )
            )
        else:
            self.notice.show_message(self.tr("已给 {0} {1} 的 {2} 打 {3} 分").format(p.employee_no, p.name, p.label or p.question_id, format_score(g.points)))
        self.current = following[0] if following else None
        next_qid = p.question_id if following else None
        self._fill_questions(next_qid)
