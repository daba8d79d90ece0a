"""考试: the exams, with create (from composition rules), preview, duplicate and archive."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QSplitter, QTextBrowser

from baiwen_desktop.core.exam import ExamDefinition
from baiwen_desktop.core.question import format_score
from baiwen_desktop.services import banks, exams, settings
from baiwen_desktop.services.exams import ExamInfo
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage
from baiwen_desktop.ui.trainer.exam_form import ExamForm
from baiwen_desktop.ui.trainer.paper_preview import PaperPreviewDialog
from baiwen_desktop.ui.trainer.table import Column, DataTable


def form_defaults(store: Any) -> tuple[list[str], float]:
    """What a new exam form needs: the bank names and the default pass mark."""
    names = [b.name for b in banks.list_banks(store)]
    try:
        pass_mark = float(settings.get(store, "default_pass_mark"))
    except ValueError:
        pass_mark = 60.0
    return names, pass_mark


class ExamPage(TrainerPage):
    def __init__(self, ctx: TrainerContext) -> None:
        super().__init__(ctx, self.tr("考试"), self.tr("考试（试卷方案）规定从题库抽哪些题、多少分、多长时间。开考在「考场」中进行。"))
        self.form: ExamForm | None = None
        self.preview: PaperPreviewDialog | None = None
        self.new_button = QPushButton(self.tr("新建考试…"))
        self.new_button.clicked.connect(lambda: self.open_form(None))
        self.template_button = QPushButton(self.tr("以所选为模板新建…"))
        self.template_button.clicked.connect(self.new_from_selected)
        self.duplicate_button = QPushButton(self.tr("复制"))
        self.duplicate_button.clicked.connect(self.duplicate)
        self.preview_button = QPushButton(self.tr("预览试卷…"))
        self.preview_button.clicked.connect(self.open_preview)
        self.archive_button = QPushButton(self.tr("归档"))
        self.archive_button.clicked.connect(self.toggle_archive)
        self.show_archived = QCheckBox(self.tr("显示已归档的考试"))
        self.show_archived.toggled.connect(self.refresh)
        row = QHBoxLayout()
        for b in (self.new_button, self.template_button, self.duplicate_button, self.preview_button, self.archive_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.show_archived)
        self.body.addLayout(row)

        d = lambda e: e.definition  # noqa: E731
        self.table = DataTable(
            [
                Column(self.tr("编号"), lambda e: e.id, numeric=True),
                Column(self.tr("考试名称"), lambda e: e.title, stretch=True),
                Column(self.tr("题数"), lambda e: d(e).question_count, numeric=True),
                Column(self.tr("总分"), lambda e: d(e).total, numeric=True),
                Column(self.tr("及格分"), lambda e: d(e).pass_mark, numeric=True),
                Column(self.tr("时长(分)"), lambda e: d(e).duration_minutes, numeric=True),
                Column(self.tr("状态"), lambda e: self.tr("已归档") if e.archived else self.tr("可用"), color=lambda e: "#888" if e.archived else None),
                Column(self.tr("创建时间"), lambda e: e.created_at.strftime("%Y-%m-%d %H:%M"), key=lambda e: e.created_at),
            ],
            filter_placeholder=self.tr("按名称筛选"),
            id_of=lambda e: e.id,
        )
        self.table.selection_changed.connect(self._selected)
        self.table.set_empty_hint(
            self.tr("还没有考试。新建一场考试：选题库，定好各题型的题数、分值和时长。"),
            self.tr("新建考试…"), lambda: self.open_form(None),
        )
        self.table.activated.connect(lambda _e: self.open_preview())
        self.detail = QTextBrowser()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([860, 340])
        self.body.addWidget(split, 1)
        self._selected()

    def refresh(self) -> None:
        def show(items: list[ExamInfo]) -> None:
            self.table.set_rows(items)
            if self.table.selected() is None:
                self.table.select_first()
            self._selected()

        self.run(exams.list_exams, self.ctx.store, self.show_archived.isChecked(), on_done=show)

    def _selected(self) -> None:
        e = self.table.selected()
        for b in (self.template_button, self.duplicate_button, self.preview_button, self.archive_button):
            b.setEnabled(e is not None)
        self.archive_button.setText(self.tr("取消归档") if e is not None and e.archived else self.tr("归档"))
        self.detail.setHtml(self.describe(e.definition) if e else "")

    def describe(self, d: ExamDefinition) -> str:
        yes, no = self.tr("是"), self.tr("否")
        rows = "".join(
            f"<tr><td>{i}</td><td>{escape(p.label)}</td><td align='right'>{p.count}</td><td align='right'>{format_score(p.score_each)}</td>"
            f"<td>{escape('、'.join(p.sections) or self.tr('全部'))}</td><td>{escape('、'.join(p.tags) or self.tr('不限'))}</td>"
            f"<td>{p.difficulty_min}–{p.difficulty_max}</td></tr>"
            for i, p in enumerate(d.parts, start=1)
        )
        policy = self.tr("全部选对才得分") if d.multi_policy == "strict" else self.tr("少选得 {0} 倍分值").format(format_score(d.partial_fraction))
        facts = [
            (self.tr("题库"), d.bank),
            (self.tr("时长"), self.tr("{0} 分钟").format(d.duration_minutes)),
            (self.tr("总分 / 及格"), f"{format_score(d.total)} / {format_score(d.pass_mark)}"),
            (self.tr("题目乱序 / 选项乱序"), f"{yes if d.shuffle_questions else no} / {yes if d.shuffle_options else no}"),
            (self.tr("固定试卷"), yes if d.fixed_paper else no),
            (self.tr("多选题评分"), policy),
            (self.tr("交卷后显示分数 / 解析"), f"{yes if d.show_score else no} / {yes if d.show_review else no}"),
            (self.tr("离开窗口上限"), str(d.focus_loss_limit) if d.focus_loss_limit else self.tr("不限")),
            (self.tr("允许重考（无需批准）"), yes if d.allow_retake else no),
            (self.tr("补考计分"), {"best": self.tr("最高一次"), "first": self.tr("首考"), "last": self.tr("最后一次")}[d.counts]),
        ]
        head = "".join(f"<th align='left'>{h}</th>" for h in (
            "#", self.tr("部分"), self.tr("题数"), self.tr("每题"), self.tr("章节"), self.tr("知识点"), self.tr("难度")))
        info = "".join(f"<tr><td style='color:#555'>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in facts)
        return (
            f"<h3>{escape(d.title)}</h3><table cellspacing='4'>{info}</table>"
            f"<h4>{self.tr('组卷规则')}</h4><table cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse; border-color:#ccc'><tr>{head}</tr>{rows}</table>"
        )

    # ---- actions --------------------------------------------------------------------------
    def open_form(self, initial: ExamDefinition | None) -> None:
        def show(defaults: tuple[list[str], float]) -> None:
            names, pass_mark = defaults
            form = ExamForm(self.ctx, names, initial, pass_mark, self)
            form.accepted.connect(lambda: self._created(form))
            self.form = form
            form.open()

        self.run(form_defaults, self.ctx.store, on_done=show)

    def new_from_selected(self) -> None:
        e = self.table.selected()
        if e is not None:
            self.open_form(replace(e.definition, title=e.title + self.tr("（新）")))

    def _created(self, form: ExamForm) -> None:
        if form.created is not None:
            self.notice.show_message(self.tr("已创建考试“{0}”，可以在「考场」中开考").format(form.created.title))
        self.refresh()

    def duplicate(self) -> None:
        e = self.table.selected()
        if e is None:
            return

        def done(info: ExamInfo) -> None:
            self.notice.show_message(self.tr("已复制为“{0}”").format(info.title))
            self.refresh()

        self.run(exams.duplicate_exam, self.ctx.store, e.id, self.ctx.actor, on_done=done)

    def toggle_archive(self) -> None:
        e = self.table.selected()
        if e is None:
            return

        def done(_: Any) -> None:
            text = self.tr("已取消归档“{0}”") if e.archived else self.tr("已归档“{0}”，它不再出现在开考列表中")
            self.notice.show_message(text.format(e.title))
            self.refresh()

        self.run(exams.set_archived, self.ctx.store, e.id, not e.archived, self.ctx.actor, on_done=done)

    def open_preview(self) -> None:
        e = self.table.selected()
        if e is not None:
            self.preview = PaperPreviewDialog(self.ctx, e.definition, self)
            self.preview.open()
