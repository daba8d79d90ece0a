"""成绩: results per exam or class, with statistics, a histogram and XLSX/CSV export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from baiwen_desktop.core.exam import COUNTS
from baiwen_desktop.core.filenames import safe_filename
from baiwen_desktop.core.numbers import format_score
from baiwen_desktop.core.stats import ScoreSummary
from baiwen_desktop.services import documents, exams, results, retakes, roster
from baiwen_desktop.services.exams import ExamInfo
from baiwen_desktop.services.results import ResultRow
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage
from baiwen_desktop.ui.trainer.documents_bar import attach
from baiwen_desktop.ui.trainer.histogram import Histogram
from baiwen_desktop.ui.trainer.retake_dialog import RetakeDialog
from baiwen_desktop.ui.trainer.table import Column, DataTable

PASS_COLORS = {True: "#1d6b2f", False: "#b3261e", None: "#b35c00"}


def load_results(store: Any, exam_id: int, class_name: str | None) -> tuple[list[ResultRow], ScoreSummary, bool]:
    """Every attempt (首考/补考); the statistics count one attempt per candidate, the one that counts;
    and whether these are a station's provisional results of an HQ exam package."""
    rows = results.results(store, exam_id, class_name, every_attempt=True)
    return rows, results.summary([r for r in rows if r.counts]), documents.is_station_copy(exams.get_exam(store, exam_id))


def retake_context(store: Any, exam_id: int, employee_no: str) -> tuple[list[retakes.AttemptSummary], str]:
    history, _ = retakes.history(store, exam_id, employee_no)
    return history, COUNTS[exams.get_exam(store, exam_id).definition.counts]


def choices(store: Any) -> tuple[list[ExamInfo], list[str]]:
    return exams.list_exams(store, True), roster.class_names(store)


def duration(seconds: int) -> str:
    return QCoreApplication.translate("ResultsPage", "{0}分{1:02d}秒").format(seconds // 60, seconds % 60)


class ResultsPage(TrainerPage):
    def __init__(self, ctx: TrainerContext) -> None:
        super().__init__(ctx, self.tr("成绩"), self.tr("列出每次交卷（首考、补考），「计入」标出计入成绩和证书的一次，统计只算这一次。含简答题的试卷在「阅卷」确认后才有最终结果。"))
        self.exam_list: list[ExamInfo] = []
        self.station_copy = False  # the exam shown came in an HQ package (站点成绩，以总部为准)
        self.exam = QComboBox()
        self.exam.setMinimumWidth(300)
        self.klass = QComboBox()
        self.klass.setMinimumWidth(160)
        self.export_xlsx = QPushButton(self.tr("导出 Excel…"))
        self.export_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.export_csv = QPushButton(self.tr("导出 CSV…"))
        self.export_csv.clicked.connect(lambda: self.export("csv"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("考试")))
        top.addWidget(self.exam)
        top.addWidget(QLabel(self.tr("班级/批次")))
        top.addWidget(self.klass)
        top.addStretch(1)
        top.addWidget(self.export_xlsx)
        top.addWidget(self.export_csv)
        self.body.addLayout(top)

        stats = QWidget()
        grid = QGridLayout(stats)
        grid.setContentsMargins(0, 0, 0, 0)
        self.stat_labels: dict[str, QLabel] = {}
        names = [
            ("count", self.tr("人数")), ("mean", self.tr("平均分")), ("pass_rate", self.tr("合格率")),
            ("maximum", self.tr("最高分")), ("minimum", self.tr("最低分")), ("median", self.tr("中位数")),
        ]
        for i, (key, text) in enumerate(names):
            caption = QLabel(text)
            caption.setStyleSheet("color:#555;")
            value = QLabel("—")
            value.setStyleSheet("font-size:22px; font-weight:bold; color:#1f3b57;")
            grid.addWidget(caption, (i // 3) * 2, i % 3)
            grid.addWidget(value, (i // 3) * 2 + 1, i % 3)
            self.stat_labels[key] = value
        self.histogram = Histogram()
        self.histogram.setFixedHeight(180)
        band = QHBoxLayout()
        band.addWidget(stats, 2)
        band.addWidget(self.histogram, 3)
        self.body.addLayout(band)

        self.passed_filter = QComboBox()
        for text, value in ((self.tr("全部"), "all"), (self.tr("合格"), True), (self.tr("不合格"), False), (self.tr("待复核"), None)):
            self.passed_filter.addItem(text, value)
        self.passed_filter.currentIndexChanged.connect(self._filter_passed)
        self.table = DataTable(
            [
                Column(self.tr("工号"), lambda r: r.employee_no),
                Column(self.tr("姓名"), lambda r: r.name),
                Column(self.tr("单位"), lambda r: r.unit),
                Column(self.tr("班级/批次"), lambda r: r.class_name),
                Column(self.tr("得分"), lambda r: r.score, numeric=True),
                Column(self.tr("总分"), lambda r: r.total, numeric=True),
                Column(self.tr("是否合格"), lambda r: r.passed_label, color=lambda r: PASS_COLORS[r.passed]),
                Column(self.tr("用时"), lambda r: duration(r.time_used_s), key=lambda r: r.time_used_s, numeric=True),
                Column(self.tr("状态"), lambda r: r.status_label),
                Column(self.tr("考次"), lambda r: r.attempt_label, key=lambda r: r.attempt_no),
                Column(self.tr("计入成绩"), lambda r: "✔ 计入" if r.counts else "", color=lambda r: "#1d6b2f" if r.counts else "#888"),
                Column(self.tr("交卷时间"), lambda r: r.submitted_at),
            ],
            filter_placeholder=self.tr("筛选工号、姓名、单位"),
            id_of=lambda r: r.attempt_id,
        )
        self.table.add_tool(QLabel(self.tr("结果")))
        self.table.add_tool(self.passed_filter)
        self.retake_button = QPushButton(self.tr("准予补考…"))
        self.retake_button.setToolTip(self.tr("选中一名已交卷的考生，允许他再考一次（需填写原因）"))
        self.retake_button.setEnabled(False)
        self.retake_button.clicked.connect(self.grant_retake)
        self.table.add_tool(self.retake_button)
        self.table.selection_changed.connect(lambda: self.retake_button.setEnabled(self.table.selected() is not None))
        self.body.addWidget(self.table, 1)
        self.documents = attach(self, lambda: (self.exam.currentData(), self.klass.currentData(), self.exam.currentText().split(" ", 1)[-1]))
        self.exam.currentIndexChanged.connect(self.load)
        self.klass.currentIndexChanged.connect(self.load)

    def refresh(self) -> None:
        self.run(choices, self.ctx.store, on_done=self._show_choices)

    def _show_choices(self, choices: tuple[list[ExamInfo], list[str]]) -> None:
        exam_list, classes = choices
        keep_exam, keep_class = self.exam.currentData(), self.klass.currentData()
        for combo in (self.exam, self.klass):
            combo.blockSignals(True)
            combo.clear()
        for e in exam_list:
            self.exam.addItem(f"#{e.id} {e.title}" + (self.tr("（已归档）") if e.archived else ""), e.id)
        self.klass.addItem(self.tr("全部班级"), None)
        for c in classes:
            self.klass.addItem(c, c)
        self.exam.setCurrentIndex(max(0, self.exam.findData(keep_exam)))
        self.klass.setCurrentIndex(max(0, self.klass.findData(keep_class)))
        for combo in (self.exam, self.klass):
            combo.blockSignals(False)
        self.load()

    def load(self) -> None:
        exam_id = self.exam.currentData()
        for b in (self.export_xlsx, self.export_csv):
            b.setEnabled(exam_id is not None)
        self.documents.set_enabled(exam_id is not None)
        if exam_id is None:
            self.table.set_rows([])
            return
        self.run(load_results, self.ctx.store, exam_id, self.klass.currentData(), on_done=self._show)

    def _show(self, data: tuple[list[ResultRow], ScoreSummary, bool]) -> None:
        rows, st, station_copy = data
        self.station_copy = station_copy
        self.table.set_rows(rows)
        self._filter_passed()
        values = {
            "count": str(st.count),
            "mean": format_score(st.mean),
            "pass_rate": f"{st.pass_rate:.0%}",
            "maximum": format_score(st.maximum),
            "minimum": format_score(st.minimum),
            "median": format_score(st.median),
        }
        for key, label in self.stat_labels.items():
            label.setText(values[key] if st.count else "—")
        if rows:
            self.histogram.set_data(st.histogram, float(rows[0].pass_mark), float(rows[0].total))
        else:
            self.histogram.set_data((), 0, 100)
        pending = sum(1 for r in rows if r.passed is None)
        notes = []
        if station_copy:
            notes.append(self.tr("站点成绩，以总部为准：本考试由总部考试包下发，请导出成绩包交回总部；合格证书由总部签发。"))
        if pending:
            notes.append(self.tr("有 {0} 份试卷的简答题尚未阅完，合格与否待定；请到「阅卷」中确认。").format(pending))
        if notes:
            self.notice.show_message("\n".join(notes), "warn")
        else:
            self.notice.clear_message()

    def _filter_passed(self) -> None:
        wanted = self.passed_filter.currentData()
        self.table.set_predicate(None if wanted == "all" else (lambda r: r.passed is wanted))

    def export(self, fmt: str) -> None:
        exam_id = self.exam.currentData()
        if exam_id is None:
            return
        title = self.exam.currentText().split(" ", 1)[-1]
        suffix = "xlsx" if fmt == "xlsx" else "csv"
        filters = self.tr("Excel 文件 (*.xlsx)") if fmt == "xlsx" else self.tr("CSV 文件 (*.csv)")
        # a station's copy is also named so (only the suggestion: the file keeps the name the trainer chooses)
        name = self.tr("{0}_站点成绩") if self.station_copy else self.tr("{0}_成绩")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出成绩"), safe_filename(name.format(title), f".{suffix}"), filters)
        if not path:
            return
        out = Path(path)
        if out.suffix.lower() != f".{suffix}":
            out = out.with_suffix(f".{suffix}")
        store, class_name = self.ctx.store, self.klass.currentData()
        self.run(
            lambda progress: results.export(store, exam_id, fmt, out, class_name),
            on_done=lambda n: self.notice.show_message(self.tr("已导出 {0} 名考生的成绩到 {1}").format(n, out)),
            progress_text=self.tr("正在导出成绩…"),
        )

    def grant_retake(self) -> None:
        row = self.table.selected()
        if row is None:
            return
        self.run(retake_context, self.ctx.store, row.exam_id, row.employee_no, on_done=lambda ctx: self._open_retake(row, *ctx))

    def _open_retake(self, row: ResultRow, history: list[retakes.AttemptSummary], counts_label: str) -> None:
        title = self.exam.currentText().split(" ", 1)[-1]
        self.retake_dialog = RetakeDialog(self.ctx.store, self.ctx.actor, row.exam_id, title, row.employee_no, row.name, history, counts_label, self)
        self.retake_dialog.accepted.connect(self._retake_granted)
        self.retake_dialog.open()

    def _retake_granted(self) -> None:
        g = self.retake_dialog.granted
        if g is not None:
            self.notice.show_message(self.tr("已准予 {0}（{1}）补考一次。请让考生在考试机上重新登录。").format(g.name, g.employee_no))

    def selected_exam_id(self) -> int | None:
        return self.exam.currentData()
