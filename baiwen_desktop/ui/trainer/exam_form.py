"""Create an exam from composition rules. A live line shows the total, the question count and
whether the bank can satisfy every rule (exams.check), and how many questions are missing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.errors import ValidationError
from baiwen_desktop.core.exam import MAX_TITLE, STANDARD_EXAM, ExamDefinition, PartRule, parse_exam
from baiwen_desktop.core.paper import RuleCheck
from baiwen_desktop.core.question import QType, format_score
from baiwen_desktop.services import exams
from baiwen_desktop.services.exams import ExamInfo
from baiwen_desktop.ui.screen_fit import fit_to_screen
from baiwen_desktop.ui.trainer.common import Notice, Runner, TrainerContext
from baiwen_desktop.ui.trainer.paper_preview import PaperPreviewDialog
from baiwen_desktop.ui.trainer.rule_row import RuleRow, header_row

OK_STYLE = "QLabel { background:#e8f4ea; color:#1d5c2b; border:1px solid #a9d5b2; border-radius:4px; padding:8px; font-size:15px; }"
BAD_STYLE = "QLabel { background:#fdecea; color:#8a1c14; border:1px solid #f1b0a8; border-radius:4px; padding:8px; font-size:15px; }"


class ExamForm(QDialog):
    def __init__(
        self,
        ctx: TrainerContext,
        bank_names: list[str],
        initial: ExamDefinition | None = None,
        default_pass_mark: float = 60,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: ExamInfo | None = None
        self.checks: list[RuleCheck] = []
        self.preview: PaperPreviewDialog | None = None
        self._generation = 0  # ignore answers of checks that a later edit has made stale
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.check)
        self.setWindowTitle(self.tr("新建考试"))
        fit_to_screen(self, 1180, 760)
        if initial is None:
            initial = parse_exam({**STANDARD_EXAM, "pass_mark": default_pass_mark}, "standard")

        self.title = QLineEdit(initial.title)
        self.title.setMaxLength(MAX_TITLE)  # printed on every certificate
        self.bank = QComboBox()
        self.bank.addItems(bank_names)
        self.bank.setCurrentText(initial.bank)
        self.duration = QSpinBox()
        self.duration.setRange(1, 600)
        self.duration.setSuffix(self.tr(" 分钟"))
        self.duration.setValue(initial.duration_minutes)
        self.pass_mark = QDoubleSpinBox()
        self.pass_mark.setRange(0, 10000)
        self.pass_mark.setDecimals(1)
        self.pass_mark.setSuffix(self.tr(" 分"))
        self.pass_mark.setValue(float(initial.pass_mark))
        basics = QGroupBox(self.tr("基本信息"))
        grid = QGridLayout(basics)
        grid.addWidget(QLabel(self.tr("考试名称")), 0, 0)
        grid.addWidget(self.title, 0, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("题库")), 0, 4)
        grid.addWidget(self.bank, 0, 5)
        grid.addWidget(QLabel(self.tr("考试时长")), 1, 0)
        grid.addWidget(self.duration, 1, 1)
        grid.addWidget(QLabel(self.tr("及格分")), 1, 2)
        grid.addWidget(self.pass_mark, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 2)

        rules_box = QGroupBox(self.tr("组卷规则（每一部分从题库中随机抽题）"))
        rules_lay = QVBoxLayout(rules_box)
        rules_lay.addWidget(header_row())
        self.rows_widget = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_widget)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows_widget)
        scroll.setMinimumHeight(200)  # four rules without scrolling
        rules_lay.addWidget(scroll, 1)
        self.add_rule_button = QPushButton(self.tr("＋ 添加一部分"))
        self.add_rule_button.clicked.connect(lambda: self.add_rule(PartRule(QType.SINGLE, 10, Decimal(1))))
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_rule_button)
        add_row.addStretch(1)
        rules_lay.addLayout(add_row)
        self.live = QLabel()  # below the scrolling form: the verdict stays visible while editing rules
        self.live.setWordWrap(True)
        self.rules: list[RuleRow] = []
        for rule in initial.parts:
            self.add_rule(rule)

        settings_box = self._settings_box(initial)
        self.notice = Notice()
        self.preview_button = QPushButton(self.tr("预览试卷…"))
        self.preview_button.clicked.connect(self.open_preview)
        self.save_button = QPushButton(self.tr("保存考试"))
        self.save_button.setDefault(True)
        self.save_button.setStyleSheet("font-weight:bold; padding:6px 18px;")
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        # the form scrolls inside the dialog; the live check, notice and buttons stay in view, so
        # 保存考试 is reachable on a 1366×768 screen and on 1920×1080 at 150 % (1280×720)
        form = QWidget()
        form_lay = QVBoxLayout(form)
        form_lay.setContentsMargins(0, 0, 0, 0)
        form_lay.addWidget(basics)
        form_lay.addWidget(rules_box, 1)
        form_lay.addWidget(settings_box)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_scroll.setWidget(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(self.live)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.runner = Runner(self, self.notice.show_error)

        self.title.textChanged.connect(self._changed)
        self.bank.currentIndexChanged.connect(self._changed)
        self.duration.valueChanged.connect(self._changed)
        self.pass_mark.valueChanged.connect(self._changed)
        self.check()

    def _settings_box(self, d: ExamDefinition) -> QGroupBox:
        box = QGroupBox(self.tr("考试设置"))
        form = QGridLayout(box)
        self.shuffle_questions = QCheckBox(self.tr("题目顺序随机"))
        self.shuffle_questions.setChecked(d.shuffle_questions)
        self.shuffle_options = QCheckBox(self.tr("选项顺序随机"))
        self.shuffle_options.setChecked(d.shuffle_options)
        self.fixed_paper = QCheckBox(self.tr("固定试卷（所有考生同一套题）"))
        self.fixed_paper.setChecked(d.fixed_paper)
        self.show_score = QCheckBox(self.tr("交卷后显示分数"))
        self.show_score.setChecked(d.show_score)
        self.show_review = QCheckBox(self.tr("交卷后可查看答案和解析"))
        self.show_review.setChecked(d.show_review)
        self.allow_retake = QCheckBox(self.tr("允许重考（无需批准）"))
        self.allow_retake.setToolTip(self.tr("不勾选时，已交卷的考生须由老师在「成绩」中准予补考才能再考"))
        self.allow_retake.setChecked(d.allow_retake)
        self.counts = QComboBox()
        for key, text in (("best", self.tr("最高一次")), ("first", self.tr("首考")), ("last", self.tr("最后一次"))):
            self.counts.addItem(text, key)
        self.counts.setCurrentIndex(max(0, self.counts.findData(d.counts)))
        self.counts.setToolTip(self.tr("有补考时，哪一次计入成绩和证书"))
        self.spread_sources = QCheckBox(self.tr("每道题取自不同出处（题目不够时才放宽）"))
        self.spread_sources.setChecked(d.spread_sources)
        self.spread_sources.setToolTip(self.tr("同一条“问”或“查”的两道题可能互相泄露答案；放宽时预览会列出"))
        self.multi_policy = QComboBox()
        self.multi_policy.addItem(self.tr("全部选对才得分"), "strict")
        self.multi_policy.addItem(self.tr("少选得部分分，错选不得分"), "partial")
        self.multi_policy.setCurrentIndex(self.multi_policy.findData(d.multi_policy))
        self.fraction = QDoubleSpinBox()
        self.fraction.setRange(0.1, 0.9)
        self.fraction.setSingleStep(0.1)
        self.fraction.setDecimals(2)
        self.fraction.setValue(float(d.partial_fraction))
        self.fraction.setToolTip(self.tr("少选时得该题分值的比例"))
        self.focus_limit = QSpinBox()
        self.focus_limit.setRange(0, 99)
        self.focus_limit.setSpecialValueText(self.tr("不限"))
        self.focus_limit.setSuffix(self.tr(" 次"))
        self.focus_limit.setValue(d.focus_loss_limit)
        self.focus_limit.setToolTip(self.tr("离开考试窗口达到此次数时自动交卷；0 表示不限"))
        policy = QWidget()
        p_lay = QFormLayout(policy)
        p_lay.setContentsMargins(0, 0, 0, 0)
        p_lay.addRow(self.tr("多选题评分"), self.multi_policy)
        p_lay.addRow(self.tr("少选得分比例"), self.fraction)
        p_lay.addRow(self.tr("离开窗口上限"), self.focus_limit)
        p_lay.addRow(self.tr("补考计分"), self.counts)
        form.addWidget(self.shuffle_questions, 0, 0)
        form.addWidget(self.shuffle_options, 1, 0)
        form.addWidget(self.fixed_paper, 2, 0)
        form.addWidget(self.show_score, 0, 1)
        form.addWidget(self.show_review, 1, 1)
        form.addWidget(self.allow_retake, 2, 1)
        form.addWidget(self.spread_sources, 3, 0, 1, 2)
        form.addWidget(policy, 0, 2, 4, 1)
        self.multi_policy.currentIndexChanged.connect(self._policy_changed)
        self._policy_changed()
        return box

    def _policy_changed(self) -> None:
        self.fraction.setEnabled(self.multi_policy.currentData() == "partial")

    @property
    def busy(self) -> bool:
        return self.runner.busy

    # ---- rules ----------------------------------------------------------------------------
    def add_rule(self, rule: PartRule) -> RuleRow:
        row = RuleRow(rule)
        row.changed.connect(self._changed)
        row.remove_requested.connect(self.remove_rule)
        self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
        self.rules.append(row)
        self._changed()
        return row

    def remove_rule(self, row: RuleRow) -> None:
        self.rules.remove(row)
        row.deleteLater()
        self._changed()

    # ---- the definition -------------------------------------------------------------------
    def mapping(self) -> dict[str, Any]:
        return {
            "title": self.title.text().strip(),
            "bank": self.bank.currentText(),
            "duration_minutes": self.duration.value(),
            "pass_mark": f"{self.pass_mark.value():g}",
            "parts": [r.mapping() for r in self.rules],
            "shuffle_questions": self.shuffle_questions.isChecked(),
            "shuffle_options": self.shuffle_options.isChecked(),
            "fixed_paper": self.fixed_paper.isChecked(),
            "multi_policy": self.multi_policy.currentData(),
            "partial_fraction": f"{self.fraction.value():g}",
            "show_score": self.show_score.isChecked(),
            "show_review": self.show_review.isChecked(),
            "focus_loss_limit": self.focus_limit.value(),
            "allow_retake": self.allow_retake.isChecked(),
            "counts": self.counts.currentData(),
            "spread_sources": self.spread_sources.isChecked(),
        }

    def definition(self) -> ExamDefinition:
        """The form as an ExamDefinition; raises ValidationError listing every problem."""
        return parse_exam(self.mapping(), self.tr("考试表单"))

    def _changed(self) -> None:
        self._generation += 1
        self._timer.start()

    def check(self) -> None:
        """Validate the form now, then ask the bank (off the UI thread) whether it can supply it."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        try:
            exam = self.definition()
        except ValidationError as e:
            self._show_live([i.zh for i in e.issues], None)
            return
        self._show_live([], exam, checking=True)

        def done(checks: list[RuleCheck]) -> None:
            if generation == self._generation:
                self.checks = checks
                self._show_live([], exam, checks)

        self.runner.run(exams.check, self.ctx.store, exam, on_done=done)

    def _show_live(self, problems: list[str], exam: ExamDefinition | None, checks: list[RuleCheck] | None = None, checking: bool = False) -> None:
        for i, row in enumerate(self.rules):
            row.show_check(checks[i] if checks and i < len(checks) else None)
        if exam is None:
            self.live.setStyleSheet(BAD_STYLE)
            self.live.setText("\n".join(problems))
            return
        facts = self.tr("共 {0} 题，总分 {1} 分，及格 {2} 分").format(exam.question_count, format_score(exam.total), format_score(exam.pass_mark))
        if checking or checks is None:
            self.live.setStyleSheet(OK_STYLE)
            self.live.setText(facts + self.tr("　｜　正在核对题库…"))
            return
        missing = [c for c in checks if c.missing]
        if not missing:
            self.live.setStyleSheet(OK_STYLE)
            self.live.setText(facts + self.tr("　｜　✔ 题库“{0}”可以满足全部规则").format(exam.bank))
            return
        lines = [
            self.tr("第 {0} 部分（{1}）需要 {2} 道，题库中符合条件的只有 {3} 道，缺 {4} 道").format(
                c.rule_no, c.rule.label, c.rule.count, c.available, c.missing
            )
            for c in missing
        ]
        self.live.setStyleSheet(BAD_STYLE)
        self.live.setText(facts + self.tr("　｜　✘ 题库不能满足：") + "\n" + "\n".join(lines))

    @property
    def live_text(self) -> str:
        return self.live.text()

    # ---- actions --------------------------------------------------------------------------
    def save(self) -> None:
        try:
            exam = self.definition()
        except ValidationError as e:
            self.notice.show_error(e)
            return

        def done(info: ExamInfo) -> None:
            self.created = info
            self.accept()

        self.save_button.setEnabled(False)
        self.runner.run(
            exams.create_exam, self.ctx.store, exam, self.ctx.actor,
            on_done=done, on_error=lambda e: (self.save_button.setEnabled(True), self.notice.show_error(e)),
        )

    def open_preview(self) -> PaperPreviewDialog | None:
        try:
            exam = self.definition()
        except ValidationError as e:
            self.notice.show_error(e)
            return None
        self.preview = PaperPreviewDialog(self.ctx, exam, self)
        self.preview.open()
        return self.preview
