"""日志: the audit log, searchable and filterable by candidate, exam and event type."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton

from baiwen_desktop.services import audit, exams
from baiwen_desktop.services.exams import ExamInfo
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage
from baiwen_desktop.ui.trainer.table import Column, DataTable

LIMIT = 2000
WARN_EVENTS = {"login_failed", "lockout", "resume_failed", "force_submit", "focus_lost", "score_change", "auto_submit"}


class AuditPage(TrainerPage):
    def __init__(self, ctx: TrainerContext) -> None:
        super().__init__(ctx, self.tr("日志"), self.tr("系统记录的所有操作：登录、开考、交卷、改分、导入等，不能修改或删除。"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索：操作人、考生、详情"))
        self.search.setClearButtonEnabled(True)
        self.event = QComboBox()
        self.event.addItem(self.tr("全部事件"), None)
        for key, label in audit.EVENT_LABELS.items():
            self.event.addItem(label, key)
        self.candidate = QLineEdit()
        self.candidate.setPlaceholderText(self.tr("考生工号"))
        self.candidate.setClearButtonEnabled(True)
        self.candidate.setMaximumWidth(140)
        self.exam = QComboBox()
        self.exam.setMinimumWidth(220)
        self.reload_button = QPushButton(self.tr("刷新"))
        self.reload_button.clicked.connect(self.query)
        row = QHBoxLayout()
        row.addWidget(self.search, 2)
        row.addWidget(QLabel(self.tr("事件")))
        row.addWidget(self.event)
        row.addWidget(QLabel(self.tr("考生")))
        row.addWidget(self.candidate)
        row.addWidget(QLabel(self.tr("考试")))
        row.addWidget(self.exam, 1)
        row.addWidget(self.reload_button)
        self.body.addLayout(row)

        warn = lambda r: "#b3261e" if r.event in WARN_EVENTS else None  # noqa: E731
        self.table = DataTable(
            [
                Column(self.tr("时间"), lambda r: r.at, width=170),
                Column(self.tr("操作人"), lambda r: r.actor),
                Column(self.tr("事件"), lambda r: r.event_label, color=warn),
                Column(self.tr("考生"), lambda r: r.candidate),
                Column(self.tr("考试"), lambda r: r.exam),
                Column(self.tr("考点"), lambda r: r.station),
                Column(self.tr("详情"), lambda r: r.detail),
            ],
            filter_placeholder=self.tr("在结果中筛选"),
        )
        self.body.addWidget(self.table, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.query)
        for edit in (self.search, self.candidate):
            edit.textChanged.connect(self._timer.start)
        self.event.currentIndexChanged.connect(self._timer.start)
        self.exam.currentIndexChanged.connect(self._timer.start)

    def refresh(self) -> None:
        self.run(exams.list_exams, self.ctx.store, True, on_done=self._show_exams)

    def _show_exams(self, items: list[ExamInfo]) -> None:
        current = self.exam.currentData()
        self.exam.blockSignals(True)
        self.exam.clear()
        self.exam.addItem(self.tr("全部考试"), None)
        for e in items:
            self.exam.addItem(f"#{e.id} {e.title}", e.id)
        self.exam.setCurrentIndex(max(0, self.exam.findData(current)))
        self.exam.blockSignals(False)
        self.query()

    def query(self) -> None:
        self._timer.stop()

        def show(rows: list[audit.AuditRow]) -> None:
            self.table.set_rows(rows)
            if len(rows) >= LIMIT:
                self.notice.show_message(self.tr("只显示最近 {0} 条，请用上面的条件缩小范围").format(LIMIT), "warn")
            else:
                self.notice.clear_message()

        self.run(
            audit.query,
            self.ctx.store,
            self.search.text().strip(),
            self.event.currentData(),
            self.candidate.text().strip() or None,
            self.exam.currentData(),
            LIMIT,
            on_done=show,
        )
