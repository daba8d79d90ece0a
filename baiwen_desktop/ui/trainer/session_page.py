"""考场: open a session for a class, watch it live, force-submit, issue resume codes, close."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, QTime, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
)

from baiwen_desktop.core.numbers import format_score
from baiwen_desktop.services import attempt_handover, attempts, exams, roster, sessions
from baiwen_desktop.services.exams import ExamInfo
from baiwen_desktop.services.sessions import LiveRow, SessionInfo
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage
from baiwen_desktop.ui.trainer.resume_code import ResumeCodeDialog
from baiwen_desktop.ui.trainer.table import Column, DataTable

REFRESH_MS = 3000
SESSIONS_EVERY = 5  # ticks between looks for sessions opened or closed on other stations
STATUS_ORDER = {"in_progress": 0, "not_started": 1, "auto_submitted": 2, "forced": 3, "submitted": 4}  # who needs watching first
LOST_COLOR = "#b3261e"  # 失联, and a clock that is off
STATUS_COLORS = {"not_started": "#777", "in_progress": "#1a5fb4", "submitted": "#1d6b2f", "auto_submitted": "#b35c00", "forced": "#b35c00"}


def clock(ms: int) -> str:
    s = max(0, ms) // 1000
    return f"{s // 60:02d}:{s % 60:02d}"


def session_choices(store: Any) -> tuple[list[ExamInfo], list[str], list[SessionInfo]]:
    return exams.list_exams(store), roster.class_names(store), sessions.open_sessions(store)


class SessionPage(TrainerPage):
    def __init__(self, ctx: TrainerContext) -> None:
        super().__init__(ctx, self.tr("考场"), self.tr("开考后，名单中的考生即可在考试机上登录答题。下表每 3 秒自动刷新。"))
        self.open_list: list[SessionInfo] = []
        self.has_exams = False
        self.code_dialog: ResumeCodeDialog | None = None
        self._loading_live = False
        self.body.addWidget(self._open_box())

        self.session = QComboBox()
        self.session.setMinimumWidth(480)
        self.session.currentIndexChanged.connect(self._session_changed)
        self.close_button = QPushButton(self.tr("结束考场…"))
        self.close_button.clicked.connect(self.close_session)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("进行中的考场")))
        row.addWidget(self.session, 1)
        row.addWidget(self.close_button)
        self.body.addLayout(row)
        self.summary = QLabel()
        self.summary.setStyleSheet("font-size:15px;")
        self.body.addWidget(self.summary)

        color = lambda r: LOST_COLOR if r.lost else STATUS_COLORS.get(r.status)  # noqa: E731
        self.table = DataTable(
            [
                Column(self.tr("工号"), lambda r: r.employee_no),
                Column(self.tr("姓名"), lambda r: r.name),
                Column(self.tr("单位"), lambda r: r.unit, stretch=True),
                Column(self.tr("考试机"), self._station, key=lambda r: r.station, color=lambda r: LOST_COLOR if r.clock_offset_ms is not None else None),
                Column(self.tr("状态"), lambda r: r.status_label, key=lambda r: -1 if r.lost else STATUS_ORDER.get(r.status, 9), color=color),
                Column(self.tr("已答"), self._answered, key=lambda r: (r.answered, r.question_count)),
                Column(self.tr("上次上报"), self._since, key=lambda r: -1 if r.since_report_s is None else r.since_report_s, color=lambda r: LOST_COLOR if r.lost else None),
                Column(self.tr("剩余时间"), lambda r: clock(r.remaining_ms) if r.status == "in_progress" else "", key=lambda r: r.remaining_ms),
                Column(self.tr("离开窗口"), lambda r: r.focus_losses, numeric=True, color=lambda r: "#b3261e" if r.focus_losses else None),
                Column(self.tr("得分"), lambda r: r.score, numeric=True),
            ],
            filter_placeholder=self.tr("筛选工号、姓名、考试机、状态"),
            id_of=lambda r: r.candidate_id,
        )
        self.force_button = QPushButton(self.tr("强制交卷…"))
        self.force_button.clicked.connect(self.force_submit)
        self.code_button = QPushButton(self.tr("发放恢复码…"))
        self.code_button.setToolTip(self.tr("考试机死机或断电后，考生凭恢复码在原机或另一台机器上继续作答"))
        self.code_button.clicked.connect(self.issue_code)
        self.updated = QLabel()
        self.updated.setStyleSheet("color:#777;")
        self.table.add_tool(self.force_button)
        self.table.add_tool(self.code_button)
        self.table.add_tool(self.updated)
        self.table.selection_changed.connect(self._update_buttons)
        self.body.addWidget(self.table, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self._ticks = 0
        self._update_buttons()

    def _open_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("开考"))
        rows = QVBoxLayout(box)
        row = QHBoxLayout()
        rows.addLayout(row)
        self.exam = QComboBox()
        self.exam.setMinimumWidth(260)
        self.exam.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.klass = QComboBox()
        self.klass.setMinimumWidth(180)
        self.here = QRadioButton()
        self.everywhere = QRadioButton(self.tr("所有共用此数据库的考试机"))
        self.here.setChecked(True)
        group = QButtonGroup(box)
        group.addButton(self.here)
        group.addButton(self.everywhere)
        self.ends = QCheckBox(self.tr("统一收卷"))
        self.ends.setToolTip(self.tr("到这个时刻，所有考生的试卷自动交卷（即使个人时长未用完）"))
        self.ends_at = QTimeEdit(QTime.currentTime().addSecs(2 * 3600))
        self.ends_at.setDisplayFormat("HH:mm")
        self.ends_at.setEnabled(False)
        self.ends.toggled.connect(self.ends_at.setEnabled)
        self.open_button = QPushButton(self.tr("开考"))
        self.open_button.setStyleSheet("font-weight:bold; padding:6px 22px;")
        self.open_button.clicked.connect(self.open_session)
        for label, w in ((self.tr("考试"), self.exam), (self.tr("班级/批次"), self.klass)):
            row.addWidget(QLabel(label))
            row.addWidget(w)
        row.addStretch(1)
        where = QHBoxLayout()  # second line: where, when it ends, and the button
        for w in (self.here, self.everywhere):
            where.addWidget(w)
        where.addSpacing(24)
        where.addWidget(self.ends)
        where.addWidget(self.ends_at)
        where.addStretch(1)
        where.addWidget(self.open_button)
        rows.addLayout(where)
        return box

    def _answered(self, r: LiveRow) -> str:
        return f"{r.answered} / {r.question_count}" if r.attempt_id is not None else ""

    def _since(self, r: LiveRow) -> str:
        if r.since_report_s is None:
            return ""
        s = r.since_report_s
        return self.tr("{0} 秒前").format(s) if s < 60 else self.tr("{0} 分 {1} 秒前").format(s // 60, s % 60)

    def _station(self, r: LiveRow) -> str:
        if r.clock_offset_ms is None:
            return r.station
        seconds = round(abs(r.clock_offset_ms) / 1000)
        drift = self.tr("时钟快 {0} 秒") if r.clock_offset_ms > 0 else self.tr("时钟慢 {0} 秒")
        return f"{r.station}（{drift.format(seconds)}）"

    # ---- visibility drives the timer ------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def _tick(self) -> None:
        self._ticks += 1
        self.load_live()
        if self._ticks % SESSIONS_EVERY == 0:
            self.run(sessions.open_sessions, self.ctx.store, on_done=self._sessions_polled)

    def _sessions_polled(self, items: list[SessionInfo]) -> None:
        # rebuild the list only when it changed, so an open drop-down is not reset under the mouse
        if [s.id for s in items] != [s.id for s in self.open_list]:
            self._show_sessions(items)

    # ---- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        self.here.setText(self.tr("仅本机（{0}）").format(self.ctx.station or self.tr("未命名")))
        self.run(session_choices, self.ctx.store, on_done=self._show_choices)

    def _show_choices(self, choices: tuple[list[ExamInfo], list[str], list[SessionInfo]]) -> None:
        exam_list, classes, open_list = choices
        keep_exam, keep_class = self.exam.currentData(), self.klass.currentData()
        self.exam.clear()
        for e in exam_list:
            self.exam.addItem(f"#{e.id} {e.title}", e.id)
            self.exam.setItemData(
                self.exam.count() - 1,
                self.tr("{0} 题，{1} 分钟，满分 {2}").format(e.definition.question_count, e.definition.duration_minutes, e.definition.total),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.exam.setCurrentIndex(max(0, self.exam.findData(keep_exam)))
        self.klass.clear()
        self.klass.addItem(self.tr("全部考生"), "")
        for c in classes:
            self.klass.addItem(c, c)
        self.klass.setCurrentIndex(max(0, self.klass.findData(keep_class)))
        self.open_button.setEnabled(bool(exam_list))
        self.has_exams = bool(exam_list)
        self._show_sessions(open_list)

    def _show_sessions(self, open_list: list[SessionInfo], select: int | None = None) -> None:
        self.open_list = open_list
        keep = select if select is not None else self.session.currentData()
        self.session.blockSignals(True)
        self.session.clear()
        for s in open_list:
            where = s.station or self.tr("所有考试机")
            self.session.addItem(
                self.tr("#{0} {1} · {2} · {3} · {4} 开考").format(s.id, s.exam.title, s.class_name or self.tr("全部考生"), where, s.opened_at.strftime("%H:%M")),
                s.id,
            )
        if not open_list:
            self.session.addItem(self.tr("（没有进行中的考场，请先在上方开考）"), None)
        self.session.setCurrentIndex(max(0, self.session.findData(keep)))
        self.session.blockSignals(False)
        self._show_empty_hint()
        self._session_changed()

    def _show_empty_hint(self) -> None:
        if self.open_list:
            self.table.set_empty_hint(None)
        elif not self.has_exams:
            self.table.set_empty_hint(self.tr("还没有考试，开考前先在「考试」中新建一场考试。"), self.tr("去新建考试"), lambda: self.open_module("exams"))
        else:
            self.table.set_empty_hint(self.tr("现在没有进行中的考场。在上方选好考试和班级，然后开考。"), self.tr("开考…"), self.open_session)

    @property
    def session_id(self) -> int | None:
        return self.session.currentData()

    def _session_changed(self) -> None:
        self.close_button.setEnabled(self.session_id is not None)
        self.table.set_rows([])
        self.summary.setText("")
        self.load_live()

    def load_live(self) -> None:
        sid = self.session_id
        if sid is None or self._loading_live:
            return
        self._loading_live = True

        def done(rows: list[LiveRow]) -> None:
            self._loading_live = False
            if sid != self.session_id:
                self.load_live()  # the trainer picked another session meanwhile
                return
            self.table.set_rows(rows)
            counts = Counter(r.status for r in rows)
            parts = [f"{sessions.STATUS_LABELS[k]} {counts[k]}" for k in sessions.STATUS_LABELS if counts[k]]
            self.summary.setText(self.tr("共 {0} 人：").format(len(rows)) + "，".join(parts))
            self.updated.setText(self.tr("更新于 {0}").format(datetime.now().strftime("%H:%M:%S")))
            self._update_buttons()

        def failed(e: BaseException) -> None:
            self._loading_live = False
            self.notice.show_error(e)

        self.run(sessions.live_rows, self.ctx.store, sid, on_done=done, on_error=failed)

    def _update_buttons(self) -> None:
        r = self.table.selected()
        running = r is not None and r.status == "in_progress" and r.attempt_id is not None
        self.force_button.setEnabled(running)
        self.code_button.setEnabled(running)

    # ---- actions --------------------------------------------------------------------------
    def open_session(self) -> None:
        exam_id = self.exam.currentData()
        if exam_id is None:
            self.notice.show_error(self.tr("请先在「考试」中新建考试"))
            return
        station = "" if self.everywhere.isChecked() else self.ctx.station
        # whether the end time has passed is the server's call (sessions.open_session), not this PC's clock
        ends_at = datetime.combine(date.today(), self.ends_at.time().toPython()) if self.ends.isChecked() else None
        question, second = self._open_question(exam_id, station, ends_at)
        if not self.confirm(self.tr("开考"), question):
            return
        self._open(exam_id, station, ends_at, second)

    def _open(self, exam_id: int, station: str, ends_at: datetime | None, confirm_second: bool) -> None:
        def done(info: SessionInfo) -> None:
            self.notice.show_message(self.tr("已开考：{0}（{1}）。考生现在可以在考试机上登录。").format(info.exam.title, info.class_name or self.tr("全部考生")))
            self.run(sessions.open_sessions, self.ctx.store, on_done=lambda items: self._show_sessions(items, info.id))

        def failed(e: BaseException) -> None:
            # opened meanwhile (another PC, or a class overlapping 全部考生): the service names it; ask again
            if isinstance(e, sessions.SessionAlreadyOpen) and self.confirm(self.tr("再开一场？"), e.zh + "\n\n" + self.tr("已交卷的考生需在「成绩」中准予补考才能再考。确定再开一场吗？")):
                self._open(exam_id, station, ends_at, True)
            elif not isinstance(e, sessions.SessionAlreadyOpen):
                self.notice.show_error(e)

        self.run(sessions.open_session, self.ctx.store, exam_id, self.ctx.actor, self.klass.currentData() or "", station, ends_at,
                 confirm_second, on_done=done, on_error=failed)

    def _open_question(self, exam_id: int, station: str, ends_at: datetime | None) -> tuple[str, bool]:
        """What 开考 is about to do, and whether the same exam is already open for the same people."""
        class_name = self.klass.currentData() or ""
        who = class_name or self.tr("全部考生")
        lines = [
            self.tr("考试：{0}").format(self.exam.currentText()),
            self.tr("考生：{0}").format(who),
            self.tr("考点：{0}").format(station or self.tr("所有共用此数据库的考点")),
        ]
        if ends_at is not None:
            lines.append(self.tr("统一收卷：{0}").format(ends_at.strftime("%H:%M")))
        same = [s for s in self.open_list if s.exam.id == exam_id and s.class_name == class_name]
        text = self.tr("确定现在开考吗？开考后考生即可登录答题。") + "\n\n" + "\n".join(lines)
        if same:
            opened = "、".join(self.tr("考场 #{0}，{1} 开考").format(s.id, s.opened_at.strftime("%H:%M")) for s in same)
            text = self.tr("注意：这场考试已经为{0}开考（{1}）。再开一场会出现两个考场。").format(who, opened) + "\n\n" + text
        return text, bool(same)

    def close_session(self) -> None:
        sid = self.session_id
        if sid is None:
            return
        running = sum(1 for r in self.table.rows() if r.status == "in_progress")
        text = self.tr("结束后，考生将不能再登录本场考试。确定结束考场吗？")
        if running:
            text = self.tr("还有 {0} 名考生正在答题，结束考场将为他们强制交卷（按现有答案评分）。").format(running) + "\n" + text
        if not self.confirm(self.tr("结束考场"), text):
            return

        def done(forced: int) -> None:
            extra = self.tr("，已为 {0} 名考生强制交卷").format(forced) if forced else ""
            self.notice.show_message(self.tr("考场已结束") + extra)
            self.refresh()

        self.run(sessions.close_session, self.ctx.store, sid, self.ctx.actor, on_done=done)

    def force_submit(self) -> None:
        r = self.table.selected()
        if r is None or r.attempt_id is None or r.status != "in_progress":
            return
        question = self.tr("确定为 {0} {1} 强制交卷吗？\n已作答的内容将按现状评分，此操作会记入日志，不能撤销。").format(r.employee_no, r.name)
        if not self.confirm(self.tr("强制交卷"), question):
            return
        reason = self.tr("监考 {0} 强制交卷").format(self.ctx.actor)

        def done(result: attempts.SubmitResult) -> None:
            self.notice.show_message(self.tr("已为 {0} 强制交卷，得分 {1}").format(r.name, format_score(result.score)))
            self.load_live()

        self.run(attempts.submit, self.ctx.store, r.attempt_id, "forced", reason, self.ctx.actor, on_done=done)

    def issue_code(self) -> None:
        r = self.table.selected()
        if r is None or r.attempt_id is None or r.status != "in_progress":
            return

        def done(code: str) -> None:
            self.code_dialog = ResumeCodeDialog(code, f"{r.employee_no} {r.name}", self)
            self.code_dialog.open()

        self.run(attempt_handover.issue_resume_code, self.ctx.store, r.attempt_id, self.ctx.actor, on_done=done)
