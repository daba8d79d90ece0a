"""Add or edit a question of a user bank, validated by the same code as a bank import
(`core.bankfile.build_question`); each problem is shown in red under its own field."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.bankfile import answer_field, build_question, default_score, order_free_field
from baiwen_desktop.core.errors import Issue
from baiwen_desktop.core.numbers import exact_number
from baiwen_desktop.core.question import (
    CHOICE_TYPES,
    OPTION_LETTERS,
    SECTIONS,
    TYPE_ORDER,
    QType,
    Question,
)
from baiwen_desktop.services import banks
from baiwen_desktop.ui.screen_fit import fit_to_screen
from baiwen_desktop.ui.trainer.common import Notice, Runner, TrainerContext

EDITOR_FILE = "题目编辑"
NEW_ID = "new"  # a valid placeholder for validation; the bank assigns the real id on save
ERROR_STYLE = "color:#b3261e;"
BAD_FIELD = "border:1px solid #d93025;"


class QuestionEditor(QDialog):
    def __init__(self, ctx: TrainerContext, bank_name: str, question: Question | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bank_name = bank_name
        self.question = question
        self.saved: Question | None = None
        self._tried = False  # validate live only after the first 「保存」, not while typing a new question
        self.errors: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}
        self.setWindowTitle(self.tr("编辑题目") if question else self.tr("新建题目"))
        fit_to_screen(self, 860, 760)

        self.qtype = QComboBox()
        for t in TYPE_ORDER:
            self.qtype.addItem(t.label, t.value)
        self.stem = self._text_edit(70)
        self.option_edits = [QLineEdit() for _ in OPTION_LETTERS]
        self.answer = QLineEdit()
        self.reference = self._text_edit(70)
        self.points = self._text_edit(70)
        self.points.setPlaceholderText(self.tr("每行一个要点：关键词/同义词=分值，如 服务意识=2"))
        self.order_free = QLineEdit()
        self.order_free.setPlaceholderText(self.tr("可按任意顺序作答的空，如 1-4 或 1,3；不需要就留空"))
        self.explanation = self._text_edit(60)
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("如 问14、查5（可不填）"))
        self.section = QComboBox()
        self.section.addItem(self.tr("（由出处确定或不填）"), "")
        for s in SECTIONS:
            self.section.addItem(s, s)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("多个用 、 分隔"))
        self.difficulty = QSpinBox()
        self.difficulty.setRange(1, 5)
        self.difficulty.setValue(3)
        self.difficulty.setToolTip(self.tr("1 最容易，5 最难"))
        self.score = QLineEdit()
        self.score.setPlaceholderText(self.tr("不填则按题型默认"))

        form = QFormLayout()
        form.setVerticalSpacing(4)
        self.form = form
        self._row(form, "题型", self.tr("题型"), self.qtype)
        stem_box = self._row(form, "题干", self.tr("题干"), self.stem)
        self.stem_hint = QLabel(self.tr("填空题在题干中用（  ）表示每个空"))
        self.stem_hint.setStyleSheet("color:#777;")
        stem_box.layout().insertWidget(1, self.stem_hint)
        self.option_rows: list[QWidget] = []
        for letter, edit in zip(OPTION_LETTERS, self.option_edits, strict=True):
            edit.setPlaceholderText(self.tr("（可不填）") if letter in "EF" else "")
            self.option_rows.append(self._row(form, letter, self.tr("选项 {0}").format(letter), edit))
        answer_box = QWidget()
        answer_lay = QVBoxLayout(answer_box)
        answer_lay.setContentsMargins(0, 0, 0, 0)
        answer_lay.addWidget(self.answer)
        answer_lay.addWidget(self.reference)
        self._row(form, "答案", self.tr("答案"), answer_box)
        self.points_row = self._row(form, "要点", self.tr("评分要点"), self.points)
        self.order_row = self._row(form, "乱序", self.tr("乱序"), self.order_free)
        self._row(form, "解析", self.tr("解析"), self.explanation)
        self._row(form, "出处", self.tr("出处"), self.source)
        self._row(form, "章节", self.tr("章节"), self.section)
        self._row(form, "知识点", self.tr("知识点"), self.tags)
        self._row(form, "难度", self.tr("难度"), self.difficulty)
        self._row(form, "分值", self.tr("分值"), self.score)

        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.notice = Notice()
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("题库：{0}").format(bank_name)))
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.runner = Runner(self, self.notice.show_error)

        if question is not None:
            self._fill(question)
        self.qtype.currentIndexChanged.connect(self._type_changed)
        self._type_changed()
        for w in (self.answer, self.order_free, self.source, self.tags, self.score, *self.option_edits):
            w.textChanged.connect(self._changed)
        for w in (self.stem, self.reference, self.points, self.explanation):
            w.textChanged.connect(self._changed)
        self.section.currentIndexChanged.connect(self._changed)
        self.difficulty.valueChanged.connect(self._changed)

    # ---- layout helpers -------------------------------------------------------------------
    @staticmethod
    def _text_edit(height: int) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setFixedHeight(height)
        edit.setTabChangesFocus(True)
        return edit

    def _row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 2, 0, 2)
        lay.setSpacing(2)
        lay.addWidget(widget)
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        lay.addWidget(error)
        form.addRow(label, box)
        self.errors[key] = error
        self.inputs[key] = widget
        return box

    @property
    def busy(self) -> bool:
        return self.runner.busy

    # ---- data -----------------------------------------------------------------------------
    def current_type(self) -> QType:
        return QType(self.qtype.currentData())

    def _fill(self, q: Question) -> None:
        self.qtype.setCurrentIndex(self.qtype.findData(q.qtype.value))
        self.stem.setPlainText(q.stem)
        for edit, text in zip(self.option_edits, q.options, strict=False):
            edit.setText(text)
        if q.qtype is QType.SHORT:
            self.reference.setPlainText(q.reference)
            self.points.setPlainText("\n".join(p.to_text() for p in q.points))
        else:
            self.answer.setText(answer_field(q))
        self.order_free.setText(order_free_field(q))
        self.explanation.setPlainText(q.explanation)
        self.source.setText(q.source or "")
        self.section.setCurrentIndex(max(0, self.section.findData(q.section or "")))
        self.tags.setText("、".join(q.tags))
        self.difficulty.setValue(q.difficulty)
        if q.score != default_score(q.qtype, len(q.blanks), q.points):
            self.score.setText(exact_number(q.score))

    def fields(self) -> dict[str, list[tuple[str, int]]]:
        """The form as the validator's key → [(value, line)] mapping; empty fields are left out."""
        t = self.current_type()
        values: list[tuple[str, str]] = [("题型", t.value), ("题干", self.stem.toPlainText())]
        if t in CHOICE_TYPES:
            values += [(letter, e.text()) for letter, e in zip(OPTION_LETTERS, self.option_edits, strict=True)]
        values.append(("答案", self.reference.toPlainText() if t is QType.SHORT else self.answer.text()))
        if t is QType.BLANK:
            values.append(("乱序", self.order_free.text()))
        values += [
            ("解析", self.explanation.toPlainText()),
            ("出处", self.source.text()),
            ("章节", self.section.currentData() or ""),
            ("知识点", self.tags.text()),
            ("难度", str(self.difficulty.value())),
            ("分值", self.score.text()),
        ]
        out: dict[str, list[tuple[str, int]]] = {}
        for key, value in values:
            if value.strip():
                out[key] = [(value.strip(), 1)]
        if t is QType.SHORT:
            lines = [ln.strip() for ln in self.points.toPlainText().splitlines()]
            points = [(ln, n) for n, ln in enumerate(lines, start=1) if ln]
            if points:
                out["要点"] = points
        return out

    def validate(self) -> tuple[Question | None, list[Issue]]:
        qid = self.question.id if self.question else NEW_ID
        q, issues = build_question(self.fields(), qid, None, EDITOR_FILE, 0, strict_source=False)
        self.show_issues(issues)
        return q, issues

    def show_issues(self, issues: list[Issue]) -> None:
        by_field: dict[str, list[str]] = {}
        general: list[str] = []
        for i in issues:
            key = i.field if i.field in self.errors else ""
            (by_field.setdefault(key, []) if key else general).append(i.zh)
        for key, label in self.errors.items():
            msgs = by_field.get(key, [])
            label.setText("\n".join(msgs))
            label.setVisible(bool(msgs))
            targets = [self.answer, self.reference] if key == "答案" else [self.inputs[key]]
            for widget in targets:
                if isinstance(widget, (QLineEdit, QPlainTextEdit, QComboBox)):
                    widget.setStyleSheet(BAD_FIELD if msgs else "")
        if general:
            self.notice.show_error("\n".join(general))
        elif issues:
            self.notice.show_error(self.tr("有 {0} 处需要修改，见下方红字").format(len(issues)))
        else:
            self.notice.clear_message()

    # ---- behaviour ------------------------------------------------------------------------
    def _type_changed(self) -> None:
        t = self.current_type()
        for row in self.option_rows:
            self.form.setRowVisible(row, t in CHOICE_TYPES)
        self.answer.setVisible(t is not QType.SHORT)
        self.reference.setVisible(t is QType.SHORT)
        self.stem_hint.setVisible(t is QType.BLANK)
        self.form.setRowVisible(self.points_row, t is QType.SHORT)
        self.form.setRowVisible(self.order_row, t is QType.BLANK)
        hints = {
            QType.SINGLE: self.tr("一个字母，如 B"),
            QType.MULTI: self.tr("两个或以上字母，如 ABD"),
            QType.JUDGE: self.tr("正确 或 错误"),
            QType.BLANK: self.tr("每个空的答案用 | 分隔；同一空的几种写法用 ； 分隔，如 45；四十五 | 90"),
        }
        self.answer.setPlaceholderText(hints.get(t, ""))
        self.reference.setPlaceholderText(self.tr("参考答案"))
        self._changed()

    def _changed(self) -> None:
        if self._tried:
            self.validate()

    def save(self) -> None:
        self._tried = True
        q, issues = self.validate()
        if q is None or issues:
            return
        if self.question is None:
            q = replace(q, id="")  # the bank gives a new question its id

        def done(saved: Question) -> None:
            self.saved = saved
            self.accept()

        self.save_button.setEnabled(False)
        self.runner.run(
            banks.save_question, self.ctx.store, self.bank_name, q, self.ctx.actor,
            on_done=done, on_error=lambda e: (self.save_button.setEnabled(True), self.notice.show_error(e)),
        )
