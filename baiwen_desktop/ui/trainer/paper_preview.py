"""Preview one generated paper as a candidate would see it: parts, questions, options in the
shuffled order. Read-only; 「换一份」 draws another candidate's paper."""

from __future__ import annotations

import random
from decimal import Decimal
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.exam import ExamDefinition
from baiwen_desktop.core.paper import Paper, PaperItem, generate_paper
from baiwen_desktop.core.question import CHOICE_TYPES, OPTION_LETTERS, QType, format_score, question_label
from baiwen_desktop.services import banks
from baiwen_desktop.ui.screen_fit import fit_to_screen
from baiwen_desktop.ui.trainer.common import Notice, Runner, TrainerContext

CHINESE_NUMBERS = "一二三四五六七八九十"


def draw_paper(store: Any, exam: ExamDefinition, seed: int) -> Paper:
    return generate_paper(exam, banks.bank_questions(store, exam.bank), "preview", f"预览{seed}", seed=seed)


def _t(text: str) -> str:
    return QCoreApplication.translate("PaperPreview", text)


def shown_key(item: PaperItem) -> str:
    """The correct letters as this candidate's shuffled options show them."""
    return "".join(OPTION_LETTERS[pos] for pos, original in enumerate(item.option_order) if original in item.question.correct)


def paper_html(exam: ExamDefinition, paper: Paper, with_key: bool) -> str:
    out = [
        f"<h2 style='text-align:center'>{escape(exam.title)}</h2>",
        "<p style='text-align:center; color:#555'>"
        + _t("考试时长 {0} 分钟　共 {1} 题　满分 {2} 分　{3} 分合格").format(
            exam.duration_minutes, len(paper.items), format_score(paper.total), format_score(exam.pass_mark)
        )
        + "</p>",
    ]
    if paper.relaxations:  # the 出处 rule had to give way: say where, so the trainer can widen the rules
        out.append(
            "<div style='background:#fff4e5; border:1px solid #e0a040; padding:6px; margin:6px 0'><b>"
            + _t("组卷规则已放宽：以下出处各出了不止一道题")
            + "</b><ul style='margin:2px 0'>"
            + "".join(f"<li>{escape(r.describe())}</li>" for r in paper.relaxations)
            + "</ul></div>"
        )
    number = 0
    for part_no, title in enumerate(paper.part_titles):
        items = [i for i in paper.items if i.part == part_no]
        if not items:
            continue
        part_total = sum((i.score for i in items), Decimal(0))
        heading = CHINESE_NUMBERS[part_no] if part_no < len(CHINESE_NUMBERS) else str(part_no + 1)
        out.append(
            f"<h3>{heading}、{escape(title)}"
            + _t("（共 {0} 题，每题 {1} 分，共 {2} 分）").format(len(items), format_score(items[0].score), format_score(part_total))
            + "</h3>"
        )
        for item in items:
            number += 1
            q = item.question
            source = f" <span style='color:#888'>（{escape(question_label(q.id, q.source))}）</span>" if with_key else ""
            out.append(f"<p><b>{number}.</b> {escape(q.stem).replace(chr(10), '<br>')}{source}</p>")
            if q.qtype in CHOICE_TYPES:
                rows = []
                for shown_pos, original in enumerate(item.option_order):
                    right = with_key and original in q.correct
                    text = escape(q.options[original])
                    rows.append(f"<div style='margin-left:24px{'; color:#1d6b2f; font-weight:bold' if right else ''}'>{OPTION_LETTERS[shown_pos]}. {text}</div>")
                out.append("".join(rows))
            elif q.qtype is QType.JUDGE:
                out.append("<div style='margin-left:24px'>○ " + _t("正确") + "　　○ " + _t("错误") + "</div>")
            elif q.qtype is QType.SHORT:
                out.append("<div style='margin-left:24px; color:#888'>" + _t("（在答题框中作答）") + "</div>")
            if with_key:
                key = shown_key(item) if q.qtype in CHOICE_TYPES else q.answer_text()
                out.append(f"<div style='margin-left:24px; color:#1d6b2f'>{_t('答案')}：{escape(key)}</div>")
    return "".join(out)


class PaperPreviewDialog(QDialog):
    def __init__(self, ctx: TrainerContext, exam: ExamDefinition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.exam = exam
        self.paper: Paper | None = None
        self.seed = random.randrange(1, 10_000)
        self.setWindowTitle(self.tr("试卷预览：{0}").format(exam.title))
        fit_to_screen(self, 820, 700)
        self.notice = Notice()
        self.view = QTextBrowser()
        self.with_key = QCheckBox(self.tr("显示答案"))
        self.with_key.toggled.connect(self._render)
        self.again_button = QPushButton(self.tr("换一份"))
        self.again_button.setToolTip(self.tr("按另一名考生抽一份试卷"))
        self.again_button.clicked.connect(self.redraw)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("这是某一名考生会看到的试卷（只读）；每名考生的题目和选项顺序可能不同。")), 1)
        row.addWidget(self.with_key)
        row.addWidget(self.again_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.runner = Runner(self, self.notice.show_error)
        self.redraw()

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def redraw(self) -> None:
        self.seed += 1

        def done(paper: Paper) -> None:
            self.paper = paper
            self.notice.clear_message()
            self._render()

        self.runner.run(draw_paper, self.ctx.store, self.exam, self.seed, on_done=done)

    def _render(self) -> None:
        if self.paper is not None:
            self.view.setHtml(paper_html(self.exam, self.paper, self.with_key.isChecked()))
