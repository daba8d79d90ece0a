"""题库: browse banks and questions, search and filter, edit user banks, import/export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.filenames import safe_filename
from baiwen_desktop.core.question import SECTIONS, TYPE_ORDER, Question
from baiwen_desktop.services import banks
from baiwen_desktop.services.banks import BankInfo, BankStats
from baiwen_desktop.ui.trainer.bank_import import BankImportDialog
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage, ask_text
from baiwen_desktop.ui.trainer.question_editor import QuestionEditor
from baiwen_desktop.ui.trainer.question_view import question_html
from baiwen_desktop.ui.trainer.table import Column, DataTable


def export_bank(store: Any, bank: str, fmt: str, out: Path) -> int:
    from baiwen_desktop.services.bank_transfer import export_bank as export

    return export(store, bank, fmt, out)  # type: ignore[arg-type]


def _available_exports() -> tuple[str, ...]:
    from baiwen_desktop.services.bank_transfer import EXPORT_FORMATS

    return EXPORT_FORMATS


def write_template(path: Path) -> Path:
    """The Excel template, or for a .docx path the filled Word example."""
    if path.suffix.lower() == ".docx":
        from baiwen_desktop.files.interchange.docx_bank import write_docx_template

        write_docx_template(path)
        return path
    from baiwen_desktop.files.bank_excel import write_template as write

    write(path)
    return path


class BankPage(TrainerPage):
    def __init__(self, ctx: TrainerContext) -> None:
        super().__init__(ctx, self.tr("题库"), self.tr("内置题库只读，可「复制为新题库」后修改；自建题库可以导入、编辑和导出。"))
        self.bank_list: list[BankInfo] = []
        self.editor: QuestionEditor | None = None
        self.import_dialog: BankImportDialog | None = None
        self._select_after: str | None = None

        self.bank = QComboBox()
        self.bank.setMinimumWidth(300)
        self.bank.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.bank.currentIndexChanged.connect(self._bank_changed)
        self.copy_button = QPushButton(self.tr("复制为新题库…"))
        self.copy_button.clicked.connect(self.copy_bank)
        self.import_button = QPushButton(self.tr("导入…"))
        self.import_button.setToolTip(self.tr("导入 Excel/CSV 模板、Word、Moodle XML、GIFT 或 QTI 文件"))
        self.import_button.clicked.connect(self.choose_import_file)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.clicked.connect(self.export)
        self.template_button = QPushButton(self.tr("下载导入模板…"))
        self.template_button.clicked.connect(self.save_template)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("题库")))
        top.addWidget(self.bank)
        top.addStretch(1)
        for b in (self.copy_button, self.import_button, self.export_button, self.template_button):
            top.addWidget(b)
        self.body.addLayout(top)
        self.body.addLayout(self._filter_row())

        self.table = DataTable(
            [
                Column(self.tr("题号"), lambda q: q.id),
                Column(self.tr("题型"), lambda q: q.qtype.value),
                Column(self.tr("出处"), lambda q: q.source or "", key=lambda q: _source_key(q.source or "")),
                Column(self.tr("难度"), lambda q: q.difficulty, numeric=True),
                Column(self.tr("分值"), lambda q: q.score, numeric=True),
                Column(self.tr("题干"), lambda q: q.stem),
            ],
            id_of=lambda q: q.id,
            show_filter=False,
            show_count=False,
        )
        self.table.selection_changed.connect(self._show_question)
        self.table.activated.connect(lambda q: self.edit_question(q) if self.writable else None)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(False)
        self.new_button = QPushButton(self.tr("新建题目…"))
        self.new_button.clicked.connect(lambda: self.edit_question(None))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.edit_button.clicked.connect(lambda: self.edit_question(self.table.selected()))
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.clicked.connect(self.delete_question)
        actions = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button):
            actions.addWidget(b)
        actions.addStretch(1)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.addWidget(self.detail, 1)
        right_lay.addLayout(actions)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 460])
        self.body.addWidget(split, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.search)
        self._update_buttons()

    def _filter_row(self) -> QHBoxLayout:
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("搜索题干文字"))
        self.text.setClearButtonEnabled(True)
        self.qtype = QComboBox()
        self.qtype.addItem(self.tr("全部题型"), None)
        for t in TYPE_ORDER:
            self.qtype.addItem(t.label, t.value)
        self.section = QComboBox()
        self.section.addItem(self.tr("全部章节"), None)
        for s in SECTIONS:
            self.section.addItem(s, s)
        self.source = QComboBox()
        self.source.addItem(self.tr("全部出处"), None)
        self.source.setMinimumWidth(110)
        self.tag = QLineEdit()
        self.tag.setPlaceholderText(self.tr("知识点"))
        self.tag.setClearButtonEnabled(True)
        self.tag.setMaximumWidth(160)
        self.tag.setToolTip(self.tr("输入或选择知识点，如 十项承诺、电费、窃电"))
        self.tag_completer = QCompleter([], self.tag)
        self.tag_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag.setCompleter(self.tag_completer)
        self.difficulty = QComboBox()
        self.difficulty.addItem(self.tr("全部难度"), None)
        for d in range(1, 6):
            self.difficulty.addItem(self.tr("难度 {0}").format(d), d)
        row = QHBoxLayout()
        row.addWidget(self.text, 2)
        for w in (self.qtype, self.section, self.source, self.tag, self.difficulty):
            row.addWidget(w)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color:#555;")
        row.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignRight)
        for edit in (self.text, self.tag):
            edit.textChanged.connect(lambda *_: self._timer.start())
        for combo in (self.qtype, self.section, self.source, self.difficulty):
            combo.currentIndexChanged.connect(lambda *_: self._timer.start())
        return row

    # ---- state ----------------------------------------------------------------------------
    @property
    def current_bank(self) -> BankInfo | None:
        name = self.bank.currentData()
        return next((b for b in self.bank_list if b.name == name), None)

    @property
    def writable(self) -> bool:
        b = self.current_bank
        return b is not None and not b.bundled

    def _update_buttons(self) -> None:
        writable, selected = self.writable, self.table.selected() is not None
        self.new_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and selected)
        self.delete_button.setEnabled(writable and selected)
        self.copy_button.setEnabled(self.current_bank is not None)
        self.export_button.setEnabled(self.current_bank is not None)
        tip = "" if writable else self.tr("内置题库只读，请先「复制为新题库」")
        for b in (self.new_button, self.edit_button, self.delete_button):
            b.setToolTip(tip)

    # ---- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        self.run(banks.list_banks, self.ctx.store, on_done=self._show_banks)

    def _show_banks(self, items: list[BankInfo]) -> None:
        self.bank_list = items
        wanted = self._select_after or self.bank.currentData()
        self._select_after = None
        self.bank.blockSignals(True)
        self.bank.clear()
        for b in items:
            label = self.tr("{0}（{1} 题，内置只读）") if b.bundled else self.tr("{0}（{1} 题）")
            self.bank.addItem(label.format(b.name, b.question_count), b.name)
        self.bank.setCurrentIndex(max(0, self.bank.findData(wanted)))
        self.bank.blockSignals(False)
        self._bank_changed()

    def _bank_changed(self) -> None:
        b = self.current_bank
        self._update_buttons()
        if b is None:
            return
        self.bank.setToolTip(b.description)
        self.run(banks.stats, self.ctx.store, b.name, on_done=self._show_sources)
        self.search()

    def _show_sources(self, st: BankStats) -> None:
        current = self.source.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem(self.tr("全部出处"), None)
        for src in sorted(st.by_source, key=_source_key):
            if src:
                self.source.addItem(src, src)
        self.source.setCurrentIndex(max(0, self.source.findData(current)))
        self.source.blockSignals(False)
        self.tag_completer.setModel(QStringListModel(list(st.by_tag), self.tag_completer))

    def search(self) -> None:
        self._timer.stop()
        b = self.current_bank
        if b is None:
            return

        def show(items: list[Question]) -> None:
            # the order of the 百问百查 text (问1…问49, 查1…查50), the bank's own order within one 出处
            self.table.set_rows(sorted(items, key=lambda q: _source_key(q.source or "")))
            self.count_label.setText(self.tr("找到 {0} 题").format(len(items)))
            if self.table.selected() is None:
                self.table.select_first()
            self._show_question()

        self.run(
            banks.search_questions,
            self.ctx.store,
            b.name,
            self.text.text().strip(),
            self.qtype.currentData(),
            self.section.currentData(),
            self.source.currentData(),
            self.tag.text().strip() or None,
            self.difficulty.currentData(),
            on_done=show,
        )

    def _show_question(self) -> None:
        q = self.table.selected()
        self.detail.setHtml(question_html(q) if q else "")
        self._update_buttons()

    # ---- editing --------------------------------------------------------------------------
    def edit_question(self, question: Question | None) -> QuestionEditor | None:
        b = self.current_bank
        if b is None or b.bundled:
            return None
        editor = QuestionEditor(self.ctx, b.name, question, self)
        editor.accepted.connect(lambda: self._saved(editor))
        self.editor = editor
        editor.open()
        return editor

    def _saved(self, editor: QuestionEditor) -> None:
        if editor.saved is not None:
            self.notice.show_message(self.tr("已保存题目 {0}").format(editor.saved.id))
        self.refresh()

    def delete_question(self) -> None:
        q, b = self.table.selected(), self.current_bank
        if q is None or b is None or b.bundled:
            return
        if not self.confirm(self.tr("删除题目"), self.tr("确定从“{0}”删除题目 {1} 吗？\n{2}").format(b.name, q.id, q.stem[:60])):
            return

        def done(_: Any) -> None:
            self.notice.show_message(self.tr("已删除题目 {0}").format(q.id))
            self.refresh()

        self.run(banks.delete_question, self.ctx.store, b.name, q.id, self.ctx.actor, on_done=done)

    def copy_bank(self) -> None:
        b = self.current_bank
        if b is None:
            return
        name = ask_text(self, self.tr("复制为新题库"), self.tr("新题库名称："), self.tr("{0}（副本）").format(b.name))
        if name is None:
            return

        def done(info: BankInfo) -> None:
            self._select_after = info.name
            self.notice.show_message(self.tr("已复制为新题库“{0}”（{1} 题），现在可以编辑").format(info.name, info.question_count))
            self.refresh()

        self.run(banks.copy_bank, self.ctx.store, b.name, name, self.ctx.actor, on_done=done)

    # ---- files ----------------------------------------------------------------------------
    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择题库文件"), "", self.tr("题库文件 (*.xlsx *.csv *.docx *.xml *.gift *.txt *.zip);;所有文件 (*)"))
        if path:
            self.open_import(Path(path))

    def open_import(self, path: Path) -> BankImportDialog:
        user_banks = [b.name for b in self.bank_list if not b.bundled]
        target = self.current_bank.name if self.writable and self.current_bank else path.stem
        dialog = BankImportDialog(self.ctx, path, user_banks, target, self)
        dialog.accepted.connect(lambda: self._imported(dialog))
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, dialog: BankImportDialog) -> None:
        o = dialog.outcome
        self._select_after = dialog.target.currentText().strip()
        if o is not None:
            self.notice.show_message(
                self.tr("已导入 {0} 道题；{1} 道与题库中已有题目重复，未再加入").format(getattr(o, "imported", 0), getattr(o, "duplicates", 0))
            )
        self.refresh()

    def export(self) -> None:
        b = self.current_bank
        if b is None:
            return
        kinds = [  # (filter, format, suffix)
            (self.tr("Excel 文件 (*.xlsx)"), "xlsx", ".xlsx"),
            (self.tr("CSV 文件 (*.csv)"), "csv", ".csv"),
            (self.tr("Word 文件 (*.docx)"), "docx", ".docx"),
            (self.tr("Moodle XML (*.xml)"), "moodle", ".xml"),
            (self.tr("GIFT 文本 (*.gift)"), "gift", ".gift"),
            (self.tr("QTI 2.2 题目包 (*.zip)"), "qti", ".zip"),
            (self.tr("QTI 3.0 题目包 (*.zip)"), "qti3", ".zip"),
        ]
        kinds = [k for k in kinds if k[1] in _available_exports()]
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("导出题库"), safe_filename(b.name, ".xlsx"), ";;".join(k[0] for k in kinds))
        if not path:
            return
        out = Path(path)
        by_filter = {k[0]: k for k in kinds}
        by_suffix = {k[2]: k for k in reversed(kinds)}
        _, fmt, suffix = by_filter.get(chosen) or by_suffix.get(out.suffix.lower(), kinds[0])
        out = out if out.suffix.lower() == suffix else out.with_suffix(suffix)
        store = self.ctx.store
        self.run(
            lambda progress: export_bank(store, b.name, fmt, out),
            on_done=lambda n: self.notice.show_message(self.tr("已导出 {0} 道题到 {1}").format(n, out)),
            progress_text=self.tr("正在导出题库…"),
        )

    def save_template(self) -> None:
        word = self.tr("Word 示例 (*.docx)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("保存导入模板"), self.tr("题库导入模板.xlsx"), ";;".join([self.tr("Excel 文件 (*.xlsx)"), word])
        )
        if not path:
            return
        suffix = ".docx" if chosen == word or Path(path).suffix.lower() == ".docx" else ".xlsx"
        out = Path(path).with_suffix(suffix)
        self.run(write_template, out, on_done=lambda p: self.notice.show_message(self.tr("模板已保存到 {0}，填好后用「导入」导入").format(p)))


def _source_key(source: str) -> tuple[int, int, str]:
    """问2 before 问10, 问 before 查: the order of the 百问百查 text."""
    if source[:1] in ("问", "查") and source[1:].isdigit():
        return (0 if source[0] == "问" else 1, int(source[1:]), "")
    return (2, 0, source)
