"""数据交换: exam packages out to rural stations and result packages back, on a USB stick.

HQ uses 导出考试包 and 导入成绩包 (both need the 签发口令); a station uses 导入考试包 and 导出成绩包.
The table lists every package this database issued or received (services.packages.list_packages)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from baiwen_desktop.services import documents, exams, package_keys, packages, roster, settings
from baiwen_desktop.services.exams import ExamInfo
from baiwen_desktop.services.packages import (
    ExamImport,
    IssuedExamPackage,
    MergeReport,
    PackageRow,
    ResultExport,
)
from baiwen_desktop.ui.pdf_preview import PdfPreviewDialog
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage
from baiwen_desktop.ui.trainer.merge_report import MergeReportDialog
from baiwen_desktop.ui.trainer.package_forms import (
    ExportExamForm,
    ExportResultsForm,
    ImportExamForm,
    ImportResultsForm,
)
from baiwen_desktop.ui.trainer.readout import PasswordDialog
from baiwen_desktop.ui.trainer.table import Column, DataTable

KIND_LABELS = {"exam": "考试包", "result": "成绩包"}
DIRECTION_LABELS = {"out": "导出", "in": "导入"}


def exam_choices(store: Any) -> tuple[list[ExamInfo], list[ExamInfo], list[str], str]:
    """HQ's own exams (to issue), the exams that came from HQ (to return results of), the classes, this PC's name."""
    every = exams.list_exams(store)
    issued_here = [e for e in every if not documents.is_station_copy(e)]
    from_hq = [e for e in every if documents.is_station_copy(e)]
    return issued_here, from_hq, roster.class_names(store), settings.get(store, "station")


class ExchangePage(TrainerPage):
    def __init__(self, ctx: TrainerContext) -> None:
        super().__init__(ctx, self.tr("数据交换"), self.tr(
            "总部：导出考试包给乡镇站点，导入站点交回的成绩包。站点：导入考试包，考完导出成绩包和封面。"
            "密码和指纹只用电话告知，不写在 U 盘上。"))
        self.passphrase = ""  # the 签发口令, once it opened the key in this login
        self.export_exam_button = QPushButton(self.tr("导出考试包…"))
        self.import_exam_button = QPushButton(self.tr("导入考试包…"))
        self.export_results_button = QPushButton(self.tr("导出成绩包…"))
        self.import_results_button = QPushButton(self.tr("导入成绩包…"))
        self.export_exam_button.setToolTip(self.tr("总部：把考试、题目和考生名单加密写入 U 盘（需签发口令）"))
        self.import_exam_button.setToolTip(self.tr("站点：导入总部送来的考试包（需电话告知的密码）"))
        self.export_results_button.setToolTip(self.tr("站点：把答卷签名加密写入 U 盘，并生成封面 PDF"))
        self.import_results_button.setToolTip(self.tr("总部：合并站点交回的成绩包（需签发口令）"))
        self.export_exam_button.clicked.connect(self.export_exam)
        self.import_exam_button.clicked.connect(self.import_exam)
        self.export_results_button.clicked.connect(self.export_results)
        self.import_results_button.clicked.connect(self.import_results)
        self.fingerprint = QLabel()
        self.fingerprint.setStyleSheet("color:#555;")
        row = QHBoxLayout()
        hq, station = QLabel(self.tr("总部：")), QLabel(self.tr("站点："))
        for label in (hq, station):
            label.setStyleSheet("font-weight:bold; color:#1f3b57;")
        row.addWidget(hq)
        row.addWidget(self.export_exam_button)
        row.addWidget(self.import_results_button)
        row.addSpacing(24)
        row.addWidget(station)
        row.addWidget(self.import_exam_button)
        row.addWidget(self.export_results_button)
        row.addStretch(1)
        row.addWidget(self.fingerprint)
        self.body.addLayout(row)
        self.table = DataTable(
            [
                Column(self.tr("时间"), lambda r: r.at.strftime("%Y-%m-%d %H:%M"), key=lambda r: r.at),
                Column(self.tr("类型"), lambda r: KIND_LABELS.get(r.kind, r.kind)),
                Column(self.tr("方向"), lambda r: DIRECTION_LABELS.get(r.direction, r.direction)),
                # where the stick went or came from: the class an exam package was issued for, a result package's station
                Column(self.tr("站点/班级"), lambda r: r.station),
                Column(self.tr("考试"), lambda r: r.exam_title, stretch=True),
                Column(self.tr("考生"), lambda r: r.candidates, numeric=True),
                Column(self.tr("答卷"), lambda r: r.attempts if r.kind == "result" else "", key=lambda r: r.attempts, numeric=True),
                Column(self.tr("新增"), lambda r: r.new if r.kind == "result" and r.direction == "in" else "", key=lambda r: r.new, numeric=True),
                Column(self.tr("冲突"), lambda r: r.conflicts if r.kind == "result" and r.direction == "in" else "", key=lambda r: r.conflicts,
                       numeric=True, color=lambda r: "#b3261e" if r.conflicts else None),
                Column(self.tr("有效至"), lambda r: r.valid_until.strftime("%Y-%m-%d") if r.valid_until else "", key=lambda r: r.valid_until or r.at),
                Column(self.tr("编号"), lambda r: r.id[:8]),
            ],
            filter_placeholder=self.tr("筛选站点、班级、考试"),
            id_of=lambda r: (r.id, r.direction),
        )
        self.report_button = QPushButton(self.tr("查看合并报告…"))
        self.report_button.setToolTip(self.tr("选中一个已导入的成绩包：合并的数量、没有合并的答卷和原因、与总部评分不同的站点成绩"))
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(self.show_report)
        self.table.add_tool(self.report_button)
        self.table.selection_changed.connect(self._selection_changed)
        self.table.activated.connect(lambda _row: self.show_report())
        self.table.set_empty_hint(self.tr("还没有导出或导入过数据包。"), self.tr("导入考试包…"), self.import_exam)
        self.body.addWidget(self.table, 1)
        self.dialog: Any = None  # the form or report open now (tests reach it here)

    # ---- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.run(packages.list_packages, self.ctx.store, on_done=self._show_rows)
        self.run(package_keys.station_fingerprint, self.ctx.store.data_dir, on_done=self._show_fingerprint)

    def _show_rows(self, rows: list[PackageRow]) -> None:
        self.table.set_rows(rows)
        self._selection_changed()

    def _selection_changed(self) -> None:
        row = self.table.selected()
        self.report_button.setEnabled(row is not None and row.kind == "result" and row.direction == "in")

    def show_report(self) -> None:
        """A merged package's report again, from what HQ recorded: counts, conflicts, score differences."""
        row = self.table.selected()
        if row is None or not (row.kind == "result" and row.direction == "in"):
            return

        def show(report: MergeReport | None) -> None:
            if report is None:  # gone meanwhile: nothing to show
                self.refresh()
                return
            self.dialog = MergeReportDialog(report, None, self, history=True)
            self.dialog.setWindowTitle(self.tr("成绩包 {0} 的合并报告（{1}合并）").format(row.id[:8], row.at.strftime("%Y-%m-%d %H:%M")))
            self.dialog.open()

        self.run(packages.merge_record, self.ctx.store, row.id, on_done=show)

    def _show_fingerprint(self, fp: str) -> None:
        self.fingerprint.setText(self.tr("本机指纹：{0}").format(fp))

    def _open(self, dialog: Any, done: Any) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: done(dialog.outcome))
        dialog.open()

    # ---- HQ --------------------------------------------------------------------------------
    def export_exam(self) -> None:
        self.run(exam_choices, self.ctx.store, on_done=self._export_exam_form)

    def _export_exam_form(self, choices: tuple[list[ExamInfo], list[ExamInfo], list[str], str]) -> None:
        own, _from_hq, classes, _name = choices
        if not own:
            self.notice.show_message(self.tr("还没有可以下发的考试：请先在「考试」中新建考试。"), "warn")
            return
        self._open(ExportExamForm(self.ctx, own, classes, self.passphrase, self), self._exam_exported)

    def _exam_exported(self, outcome: tuple[str, Any, IssuedExamPackage, str]) -> None:
        self.passphrase, self.ctx.issuer, issued, title = outcome
        self.notice.show_message(self.tr("考试包已导出：{0}").format(issued.path))
        self.refresh()
        self.dialog = PasswordDialog(issued, title, self)
        self.dialog.open()

    def import_results(self) -> None:
        self._open(ImportResultsForm(self.ctx, self.passphrase, self), self._results_merged)

    def _results_merged(self, outcome: tuple[str, MergeReport]) -> None:
        self.passphrase, report = outcome
        self.refresh()
        self.dialog = MergeReportDialog(report, lambda: self.open_module("review"), self)
        self.dialog.open()

    # ---- station ---------------------------------------------------------------------------
    def import_exam(self) -> None:
        self._open(ImportExamForm(self.ctx, self), self._exam_imported)

    def _exam_imported(self, done: ExamImport) -> None:
        self.refresh()
        if done.already:
            self.notice.show_message(self.tr("这个考试包以前已经导入过，没有改动任何数据。"), "warn")
            return
        self.notice.show_message(self.tr("已导入{0}的考试包：{1} 名考生，{2} 道题；考场已开好（第 {3} 场），考生可以在考试机上登录。").format(
            done.organisation, done.candidates, done.questions, done.session_id))

    def export_results(self) -> None:
        self.run(exam_choices, self.ctx.store, on_done=self._export_results_form)

    def _export_results_form(self, choices: tuple[list[ExamInfo], list[ExamInfo], list[str], str]) -> None:
        _own, from_hq, _classes, name = choices
        if not from_hq:
            self.notice.show_message(self.tr("本机没有总部考试包导入的考试，没有成绩包可导出。"), "warn")
            return
        self._open(ExportResultsForm(self.ctx, from_hq, name, self), self._results_exported)

    def _results_exported(self, done: ResultExport) -> None:
        self.refresh()
        unfinished = self.tr("；{0} 份未交卷，交卷后请再导出一次").format(done.unfinished) if done.unfinished else ""
        self.notice.show_message(self.tr("成绩包已导出：{0}（{1} 份答卷{2}）。请打印封面，与 U 盘放在一起，并电话告诉总部本机指纹 {3}。").format(
            done.path, done.attempts, unfinished, done.fingerprint), "warn" if done.unfinished else "info")
        if done.cover_pdf is not None:
            self.dialog = PdfPreviewDialog(done.cover_pdf, self)
            self.dialog.open()
