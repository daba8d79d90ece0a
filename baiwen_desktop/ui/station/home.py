"""Station home: organisation, station, the open exam with a big 「开始考试」, resume, 管理."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from baiwen_desktop.core.numbers import format_score
from baiwen_desktop.ui.operations import error_text, run_op
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.styles import remember_defaults
from baiwen_desktop.ui.station.widgets import button, card, guarded, label

if TYPE_CHECKING:  # the services (and SQLAlchemy under them) load off the UI thread, after the home is shown
    from baiwen_desktop.services.sessions import SessionInfo
    from baiwen_desktop.services.station import StationIdentity

REFRESH_MS = 10_000  # a trainer may open a session from another station
RETRY_MS = 3_000  # while the database cannot be reached, look again sooner


@dataclass(frozen=True)
class HomeData:
    settings: dict[str, str]
    sessions: list[SessionInfo]
    unfinished: list[tuple[int, str, str]]
    practice_enabled: bool = True


def fetch_home(store: Any, station: StationIdentity) -> HomeData:
    from baiwen_desktop.services import attempt_handover, practice, sessions, settings

    return HomeData(
        settings.get_all(store), sessions.open_sessions(store, station.name), attempt_handover.unfinished_attempts(store, station),
        practice.practice_enabled(store, station.name),
    )


class HomePage(QWidget):
    def __init__(self, window: Any) -> None:
        super().__init__()
        self.window_ = window
        self.data: HomeData | None = None
        self.loaded = False
        self.start_buttons: list[QPushButton] = []
        self.resume_button: QPushButton | None = None
        self.practice_button: QPushButton | None = None
        self.unreachable: QWidget | None = None  # the "database unreachable" card while it shows
        self.unreachable_detail = label("", "hint")
        prepare_page(self, window)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 28, 48, 24)
        outer.setSpacing(10)
        self.brand = label(self.tr("百问百查考试系统"), "brand")
        self.where = label("", "big")
        outer.addWidget(self.brand)
        outer.addWidget(self.where)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 12, 0, 0)
        self.body_layout.setSpacing(18)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(label(self.tr("如需帮助，请举手示意监考老师"), "hint"), 1)
        self.move_button = button(self.tr("转到本机继续…"), "quiet", self._move_here)
        self.move_button.setToolTip(self.tr("考生原来的电脑出了故障：在这台电脑上接着答题（需要监考老师授权）"))
        bottom.addWidget(self.move_button)
        self.admin_button = button(self.tr("管理"), "quiet", window.open_admin)
        self.admin_button.setToolTip(self.tr("培训老师登录"))
        bottom.addWidget(self.admin_button)
        outer.addLayout(bottom)
        self.status = label(self.tr("正在读取考试信息…"), "big")
        self.body_layout.addWidget(self.status)
        self.body_layout.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.reload)
        if window.store is None:  # the window opens the store in the background: everything waits for it
            self.status.setText(self.tr("正在准备…"))
            if window.station:
                self.where.setText(self.tr("本机：{0}").format(window.station))
            self.move_button.setEnabled(False)
            self.admin_button.setEnabled(False)
            return
        self.store_ready()

    def store_ready(self) -> None:
        """The store is open: the buttons work and the exams are read (then every few seconds)."""
        self.move_button.setEnabled(True)
        self.admin_button.setEnabled(True)
        self.status.setText(self.tr("正在读取考试信息…"))
        self.timer.start()
        self.reload()

    def reload(self) -> None:
        if self.window_.store is None:
            return
        run_op(self, fetch_home, self.window_.store, self.window_.identity, on_done=guarded(self, self._loaded), on_error=guarded(self, self._failed))

    def _failed(self, e: BaseException) -> None:
        """The database went away: no stale 开始考试, say so, and keep retrying."""
        self.loaded = True
        self.timer.setInterval(RETRY_MS)
        if self.data is None and self.unreachable is not None:
            return  # still down: the card stays, and the error is not logged again every few seconds
        self.data = None  # the next successful load rebuilds the page
        self._clear_body()
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(36, 28, 36, 28)
        lay.setSpacing(12)
        lay.addWidget(label(self.tr("暂时连不上考试数据库"), "title"))
        lay.addWidget(label(self.tr("系统每隔几秒会自动重试，连上后这里会出现考试。如果一直连不上，请举手示意监考老师。"), "big"))
        self.unreachable_detail = label(_first_line(error_text(e)), "hint")  # for the invigilator
        lay.addWidget(self.unreachable_detail)
        row = QHBoxLayout()
        row.addWidget(button(self.tr("立即重试"), "primary", self.reload))
        row.addStretch(1)
        lay.addLayout(row)
        self.unreachable = box
        self.body_layout.addWidget(box)
        self.body_layout.addStretch(1)

    def _loaded(self, data: HomeData) -> None:
        self.timer.setInterval(REFRESH_MS)
        if data == self.data:
            self.loaded = True
            return
        self.data = data
        remember_defaults(self.window_, data.settings)
        org, site = data.settings.get("organisation", ""), data.settings.get("station", "")
        self.where.setText("　".join(x for x in (org, site, self.tr("本机：{0}").format(self.window_.station)) if x))
        self._clear_body()
        if data.unfinished:
            self._add_resume(data.unfinished)
        if data.sessions:
            for sess in data.sessions:
                self.body_layout.addWidget(self._session_card(sess))
        else:
            self.body_layout.addWidget(self._no_session_card())
        self.body_layout.addWidget(self._practice_card(data.practice_enabled))
        self.body_layout.addStretch(1)
        self.loaded = True

    def _clear_body(self) -> None:
        self.start_buttons = []
        self.resume_button = None
        self.practice_button = None
        self.unreachable = None
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _session_card(self, sess: SessionInfo) -> QWidget:
        exam = sess.exam.definition
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(36, 24, 36, 28)
        lay.setSpacing(12)
        lay.addWidget(label(self.tr("当前考试"), "hint"))
        lay.addWidget(label(sess.exam.title, "title"))
        facts = self.tr("考试时长 {0} 分钟　　共 {1} 题　　满分 {2} 分　　{3} 分合格").format(
            exam.duration_minutes, exam.question_count, format_score(exam.total), format_score(exam.pass_mark)
        )
        lay.addWidget(label(facts, "big"))
        row = QHBoxLayout()
        start = button(self.tr("开始考试"), "hero", lambda s=sess: self._start(s))
        start.setMinimumWidth(420)
        self.start_buttons.append(start)
        row.addWidget(start)
        row.addStretch(1)
        lay.addSpacing(8)
        lay.addLayout(row)
        return box

    def _no_session_card(self) -> QWidget:
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(36, 28, 36, 28)
        lay.setSpacing(12)
        lay.addWidget(label(self.tr("现在没有正在进行的考试"), "title"))
        lay.addWidget(label(self.tr("请等待监考老师开考。开考后，这里会出现「开始考试」按钮。"), "big"))
        return box

    def _practice_card(self, enabled: bool) -> QWidget:
        """练习: open unless a trainer turned practice off for this station (exam days)."""
        box = card()
        lay = QHBoxLayout(box)
        lay.setContentsMargins(36, 18, 36, 18)
        lay.setSpacing(18)
        practice_button = button(self.tr("练习"), "primary", self._practice)
        practice_button.setMinimumWidth(220)
        practice_button.setEnabled(enabled)
        practice_button.setToolTip(self.tr("顺序、随机、专项练习，错题本，今日复习，模拟考试，学习原文") if enabled else self.tr("培训老师已关闭本机的练习"))
        self.practice_button = practice_button
        lay.addWidget(practice_button)
        text = self.tr("考前练习：不计成绩，错题自动进错题本") if enabled else self.tr("本机的练习已被培训老师关闭")
        lay.addWidget(label(text, "hint"), 1)
        return box

    def _add_resume(self, rows: list[tuple[int, str, str]]) -> None:
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(36, 20, 36, 24)
        lay.setSpacing(10)
        names = "、".join(f"{name}（{no}）" for _id, no, name in rows)
        lay.addWidget(label(self.tr("本机有未完成的考试：{0}").format(names), "notice"))
        row = QHBoxLayout()
        self.resume_button = button(self.tr("继续未完成的考试"), "primary", self._resume)
        row.addWidget(self.resume_button)
        row.addWidget(label(self.tr("需要监考老师输入密码或恢复码"), "hint"), 1)
        lay.addLayout(row)
        self.body_layout.addWidget(box)

    def _start(self, sess: SessionInfo) -> None:
        from baiwen_desktop.ui.station.login import LoginPage

        self.window_.show_page(LoginPage(self.window_, sess))

    def _move_here(self) -> None:
        from baiwen_desktop.ui.station.move_page import MovePage

        self.window_.show_page(MovePage(self.window_))

    def _practice(self) -> None:
        from baiwen_desktop.ui.station.practice.login import PracticeLoginPage

        self.window_.show_page(PracticeLoginPage(self.window_))

    def _resume(self) -> None:
        from baiwen_desktop.ui.station.resume_page import ResumePage

        if self.data is not None:
            self.window_.show_page(ResumePage(self.window_, self.data.unfinished))


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""
