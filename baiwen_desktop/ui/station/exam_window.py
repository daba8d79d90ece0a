"""The exam window (kiosk): full screen, on top, cannot be closed until 交卷.

Glue between the model (responses), the saver/worker (durability), the clock, the focus
guard and the widgets. Every write goes through the one ordered SaveWorker.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.clock import ExamClock, format_remaining
from baiwen_desktop.core.errors import LeaseLost
from baiwen_desktop.core.grading import Response
from baiwen_desktop.services import attempts
from baiwen_desktop.services.attempts import AttemptState, Beat, SubmitResult
from baiwen_desktop.ui.station.answer_saver import AnswerSaver
from baiwen_desktop.ui.station.answer_sheet import AnswerSheet
from baiwen_desktop.ui.station.exam_keys import handle_key
from baiwen_desktop.ui.station.exam_model import ExamModel
from baiwen_desktop.ui.station.focus_guard import FocusGuard
from baiwen_desktop.ui.station.header import WARN_SOON_MS, WARN_URGENT_MS, ExamHeader
from baiwen_desktop.ui.station.overlay import MessageOverlay
from baiwen_desktop.ui.station.question_view import QuestionView
from baiwen_desktop.ui.station.save_worker import SaveWorker
from baiwen_desktop.ui.station.styles import Display, apply_display, load_display, save_display
from baiwen_desktop.ui.station.submit_dialog import SubmitPanel
from baiwen_desktop.ui.station.widgets import button, label, set_prop

TIME_UP_REASON = attempts.TIME_UP  # stored with the attempt for trainers, not shown as UI text
# Every heartbeat is also the poll for 强制交卷, 结束考场, 统一收卷 and a move to another PC:
# one each BEAT_SECONDS (plus the 1 s tick and a round trip) keeps their reach under 5 s.
BEAT_SECONDS = 3
RETRY_MS = 2000
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.ContextMenu)


def _beat(store: Any, attempt_id: int, counted_ms: int, index: int, token: str, answered: int, station: str) -> Beat:
    return attempts.heartbeat(
        store, attempt_id, counted_ms, index, token=token, answered=answered, station_clock=datetime.now(), station=station
    )


def _submit(store: Any, attempt_id: int, mode: str, reason: str, counted_ms: int, token: str) -> SubmitResult:
    return attempts.submit(store, attempt_id, mode, reason, None, counted_ms, token=token)


def _focus_lost(store: Any, attempt_id: int, station: str, token: str) -> int:
    return attempts.record_focus_loss(store, attempt_id, station, token=token)


class ExamWindow(QWidget):
    def __init__(self, window: Any, state: AttemptState, resumed: bool = False, monotonic: Callable[[], float] = time.monotonic) -> None:
        flags = Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        super().__init__(window, flags)
        self.setObjectName("ExamWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setWindowTitle(self.tr("百问百查考试系统 — 考试中"))
        self.window_ = window
        self.store = window.store
        self.state = state
        self.resumed = resumed
        self.display: Display = load_display(window)
        self.model = ExamModel(state)
        self.worker = SaveWorker()
        self.saver = AnswerSaver(self.store, self.model, self.worker, window.station)
        # deadlines follow the database's clock: this PC's clock plus the offset last measured
        self.offset = (state.server_now - datetime.now()) if state.server_now is not None else timedelta(0)
        self._monotonic = monotonic
        self.clock = ExamClock(state.limit_ms, state.counted_ms, state.ends_at, monotonic=monotonic, wallclock=self.server_now)
        self.guard = FocusGuard(self)
        self.focus_losses = state.focus_losses
        self.finishing = False  # 交卷 under way: no more edits
        self.finished = False  # committed: the window may close
        self.moved_to: str | None = None  # set when the attempt moved to another PC: locked
        self.result: SubmitResult | None = None
        self.notice = ""
        self._submit_args: tuple[str, str] = ("submitted", "")
        self._last_beat = monotonic()
        self.view: QuestionView | None = None
        self._build()
        self.overlay = MessageOverlay(self)
        self.submit_panel = SubmitPanel(self)
        self._connect()
        worker = self.worker
        self.destroyed.connect(lambda *_: worker.stop())  # never leave a thread running
        apply_display(self, self.display)
        self._show_question()
        self._refresh_progress()

    # ---------- building ----------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.header = ExamHeader(self.state, self.display.high_contrast)
        lay.addWidget(self.header)
        self.banner = label("", "", name="TimeBanner")
        self.banner.hide()
        lay.addWidget(self.banner)
        body = QHBoxLayout()
        body.setSpacing(0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body.addWidget(self.scroll, 1)
        self.sheet = AnswerSheet(self.model, self.display)
        body.addWidget(self.sheet)
        self.body = body
        lay.addLayout(body, 1)
        nav = QFrame()
        nav.setObjectName("NavBar")
        row = QHBoxLayout(nav)
        row.setContentsMargins(24, 10, 24, 10)
        row.setSpacing(16)
        self.prev_button = button(self.tr("← 上一题"), "", self.prev)
        self.mark_button = button(self.tr("标记本题"), "", self.toggle_mark)
        self.next_button = button(self.tr("下一题 →"), "primary", self.next)
        self.submit_button = button(self.tr("交卷"), "danger", self.open_submit)
        self.prev_button.setToolTip(self.tr("上一题（PgUp 或 Ctrl+←；不在输入框里时也可按 ←）"))
        self.next_button.setToolTip(self.tr("下一题（PgDn 或 Ctrl+→；不在输入框里时也可按 →）"))
        self.mark_button.setToolTip(self.tr("没把握的题先标记，交卷前回来检查（Ctrl+M）"))
        self.submit_button.setToolTip(self.tr("交卷（Ctrl+Enter）"))
        for b in (self.prev_button, self.mark_button, self.next_button):
            b.setMinimumWidth(180)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(b)
        row.addStretch(1)
        self.submit_button.setMinimumWidth(180)
        self.submit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.submit_button)
        lay.addWidget(nav)

    def _connect(self) -> None:
        self.model.answer_changed.connect(lambda _p: self._refresh_progress())
        self.model.current_changed.connect(lambda _p: self._show_question())
        self.sheet.jump.connect(self.go)
        self.saver.status_changed.connect(self.header.set_save_state)
        self.saver.closed_elsewhere.connect(self._closed_elsewhere)
        self.saver.moved.connect(self.lock_moved)
        self.worker.job_done.connect(self._job_done)
        self.worker.job_failed.connect(self._job_failed)
        self.header.bigger.connect(lambda: self.set_display(self.display.bigger()))
        self.header.smaller.connect(lambda: self.set_display(self.display.smaller()))
        self.header.contrast_toggled.connect(lambda on: self.set_display(Display(self.display.scale, on)))
        self.guard.left.connect(self._focus_lost)
        self.submit_panel.confirmed.connect(lambda: self.finish("submitted", ""))
        self.submit_panel.jump.connect(self.go)
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self.tick)
        self._nav_beat = QTimer(self, singleShot=True, interval=400)  # remember the page soon after a move
        self._nav_beat.timeout.connect(self.heartbeat)

    # ---------- lifecycle ----------
    def begin(self) -> None:
        """Go full screen, start the clock and the guards."""
        QApplication.instance().installEventFilter(self)
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.clock.start()
        self._last_beat = self._monotonic()
        self.timer.start()
        self.guard.arm()
        self.tick()
        if self.resumed and not self.finishing:  # a paper resumed after its time submits at once
            self.overlay.show_message(
                self.tr("已恢复考试"),
                self.tr("您的答案都已恢复，从第 {0} 题继续。剩余时间 {1}。").format(self.model.current + 1, format_remaining(self.clock.remaining_ms())),
                self.tr("继续答题"), tone="", kind="resumed",
            )

    def closeEvent(self, e: QCloseEvent) -> None:
        if self.finished:
            e.accept()
            return
        e.ignore()  # Alt+F4, the window manager, anything: only 交卷 ends the exam
        self.refuse_close()

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() == QEvent.Type.WindowStateChange and not self.finished and self.isMinimized():
            QTimer.singleShot(0, self, self.showFullScreen)  # Win+D and friends: come straight back

    def refuse_close(self) -> None:
        if self.finishing or (self.overlay.isVisible() and self.overlay.kind not in ("", "close")):
            return
        self.overlay.show_message(self.tr("不能关闭考试窗口"), self.tr("请交卷，或请监考老师处理"), self.tr("继续答题"), kind="close")

    # ---------- questions ----------
    def _show_question(self) -> None:
        pos = self.model.current
        view = QuestionView(self.model.item(pos), pos, self.model.count, self.model.responses[pos], self.model.marked[pos], self.display)
        view.answer.edited.connect(lambda response, now, p=pos: self._edited(p, response, now))
        self.scroll.setWidget(view)  # the old view is deleted by the scroll area
        self.view = view
        self.prev_button.setEnabled(pos > 0)
        self.next_button.setEnabled(pos < self.model.count - 1)
        self._update_mark_button()
        first_input = getattr(view.answer, "first_input", None)
        box = first_input() if first_input is not None else None
        if box is not None and not self.overlay.isVisible():
            # 填空/简答: the cursor waits in the first empty box, ready for typing
            QTimer.singleShot(0, box, lambda: box.setFocus() if self.view is view else None)
        else:
            self.setFocus()

    def _edited(self, pos: int, response: Response, now: bool) -> None:
        if self.finishing:
            return
        changed = self.model.set_response(pos, response)
        if now:
            if changed or self.saver.is_waiting(pos):
                self.saver.save(pos)
        elif changed:
            self.saver.save_later(pos)

    def go(self, pos: int) -> None:
        if self.finishing:
            return
        self.saver.flush()
        if self.model.go(pos):
            self._nav_beat.start()

    def next(self) -> None:
        self.go(self.model.current + 1)

    def prev(self) -> None:
        self.go(self.model.current - 1)

    def toggle_mark(self) -> None:
        if self.finishing:
            return
        on = self.model.toggle_mark()
        self.saver.save(self.model.current)
        if self.view is not None:
            self.view.set_marked(on)
        self._update_mark_button()

    def _update_mark_button(self) -> None:
        self.mark_button.setText(self.tr("取消标记") if self.model.marked[self.model.current] else self.tr("标记本题"))

    def _refresh_progress(self) -> None:
        self.header.set_progress(self.model.answered_count(), self.model.count)

    def set_display(self, display: Display) -> None:
        """字号/高对比: remembered for this station, applied at once."""
        self.display = display
        save_display(self.window_, display)
        old = self.sheet
        self.sheet = AnswerSheet(self.model, display)  # cell sizes follow the font
        self.sheet.jump.connect(self.go)
        self.body.replaceWidget(old, self.sheet)
        old.hide()
        old.deleteLater()
        apply_display(self, display)
        self._show_question()

    # ---------- clock ----------
    def tick(self) -> None:
        if self.finishing:
            return
        self.clock.tick()
        remaining = self.clock.remaining_ms()
        self.header.set_remaining(remaining)
        self._time_warnings(remaining)
        if self._monotonic() - self._last_beat >= BEAT_SECONDS - 0.2:
            self.heartbeat()
        if remaining <= 0:
            self.finish("auto_submitted", TIME_UP_REASON, self.tr("考试时间到，系统已自动交卷。"))

    def server_now(self) -> datetime:
        return datetime.now() + self.offset

    def heartbeat(self) -> None:
        if self.finishing:
            return
        self._last_beat = self._monotonic()
        self.worker.put(
            ("beat",), _beat, self.store, self.state.attempt_id, self.clock.tick(), self.model.current,
            self.state.lease_token, self.model.answered_count(), self.window_.station,
        )

    def _time_warnings(self, remaining: int) -> None:
        """The banner follows the time left (a resumed paper may start inside a warning)."""
        level = "urgent" if remaining < WARN_URGENT_MS else ("soon" if remaining <= WARN_SOON_MS else "")
        if level == self.banner.property("warn") and self.banner.isVisible() == bool(level):
            return
        if level == "urgent":
            self.banner.setText(self.tr("还剩不到 1 分钟！时间到系统会自动交卷。"))
        elif level == "soon":
            self.banner.setText(self.tr("距离考试结束还有不到 5 分钟，请抓紧时间检查。"))
        set_prop(self.banner, "warn", level)
        self.banner.setVisible(bool(level))

    # ---------- focus ----------
    def _focus_lost(self) -> None:
        if not self.finishing:
            self.worker.put(("focus",), _focus_lost, self.store, self.state.attempt_id, self.window_.station, self.state.lease_token)

    def _focus_recorded(self, count: int) -> None:
        if count == 0:  # the attempt is no longer in progress
            self._closed_elsewhere()
            return
        self.focus_losses = count
        limit = self.state.exam.focus_loss_limit
        if limit and count >= limit:
            reason = f"离开考试窗口 {count} 次"  # stored for trainers, like TIME_UP_REASON
            self.finish("auto_submitted", reason, self.tr("您离开考试窗口已达 {0} 次，系统已自动交卷。").format(count))
            return
        text = self.tr("您刚才离开了考试窗口（第 {0} 次），已被记录。").format(count)
        if limit:
            text += "\n" + self.tr("离开 {0} 次将自动交卷。").format(limit)
        self.overlay.show_message(self.tr("请不要离开考试窗口"), text, self.tr("我知道了，继续答题"), kind="focus")

    # ---------- 交卷 ----------
    def open_submit(self) -> None:
        if self.finishing or self.overlay.isVisible():
            return
        self.saver.flush()
        self.submit_panel.open_for(self.model, self.display)

    def finish(self, mode: str, reason: str, notice: str = "") -> None:
        """Submit after every queued save; the window closes only once the service confirms."""
        if self.finishing:
            return
        self.finishing = True
        self.notice = notice
        self._submit_args = (mode, reason)
        self.timer.stop()
        self._nav_beat.stop()
        self.guard.disarm()
        self.submit_panel.hide()
        self.saver.flush()
        self.clock.pause()
        self.overlay.show_message(self.tr("正在交卷"), notice or self.tr("请稍候……"), "", tone="", kind="busy")
        self._try_submit()

    def _try_submit(self) -> None:
        if self.saver.has_failures:  # never submit over an answer that is not stored yet
            self.overlay.show_message(self.tr("正在保存答案"), self.tr("答案还没有保存成功，正在重试，请不要关机。"), "", kind="busy")
            QTimer.singleShot(RETRY_MS, self, self._try_submit)
            return
        mode, reason = self._submit_args
        self.worker.put(("submit",), _submit, self.store, self.state.attempt_id, mode, reason, self.clock.counted_ms, self.state.lease_token)

    def _closed_elsewhere(self, beat: Beat | None = None) -> None:
        """Finished from outside (强制交卷, 结束考场, 统一收卷): stop the clock where the server
        stopped it, not where this PC noticed, and show the outcome."""
        if self.finishing:
            return
        self.finishing = True
        self.timer.stop()
        self._nav_beat.stop()
        self.guard.disarm()
        self.submit_panel.hide()
        self.clock.pause()
        if beat is not None:
            self.clock.counted_ms = beat.counted_ms
            self.header.set_remaining(self.clock.remaining_ms())
        reason = beat.reason if beat is not None else ""
        if reason == attempts.SESSION_END:
            self.notice = self.tr("统一收卷时间到，系统已自动交卷。")
        elif reason == attempts.TIME_UP:
            self.notice = self.tr("考试时间到，系统已自动交卷。")
        else:
            self.notice = self.tr("监考老师已结束您的考试。")
        self.overlay.show_message(self.tr("考试已结束"), self.notice, "", kind="busy")
        self.worker.put(("submit",), attempts.result_of, self.store, self.state.attempt_id)

    def lock_moved(self, holder: str) -> None:
        """The attempt now continues on another PC: lock this window; nothing here is stored."""
        if self.moved_to is not None or self.finished:
            return
        self.moved_to = holder
        self.finishing = True
        self.timer.stop()
        self._nav_beat.stop()
        self.guard.disarm()
        self.submit_panel.hide()
        self.clock.pause()
        self.worker.drop_pending()  # the new PC holds the paper now
        self.overlay.show_message(
            self.tr("本场考试已转到其他电脑"),
            self.tr("监考老师已把您的考试转到“{0}”继续，您的答案都在那里。\n本机已停止作答，这里的操作不会被保存。").format(holder or self.tr("另一台电脑")),
            self.tr("返回首页"), tone="warn", kind="moved", on_close=self._leave_moved,
        )

    def _leave_moved(self) -> None:
        self.finished = True
        QApplication.instance().removeEventFilter(self)
        self.window_.go_home()
        self.window_.raise_()
        self.close()
        self.deleteLater()

    def _job_done(self, tag: Any, result: Any) -> None:
        kind = tag[0]
        if kind == "submit":
            self._finished(result)
        elif kind == "focus":
            self._focus_recorded(int(result))
        elif kind == "beat" and isinstance(result, Beat):
            self.offset = result.server_now - datetime.now()
            if result.status == "moved":
                self.lock_moved(result.holder)
            elif not result.running:
                self._closed_elsewhere(result)

    def _job_failed(self, tag: Any, error: BaseException) -> None:
        if isinstance(error, LeaseLost):
            self.lock_moved(error.holder)
            return
        if tag[0] == "submit":
            self.overlay.show_message(self.tr("交卷未成功"), self.tr("正在重试，请不要关机。如果一直不成功，请举手示意监考老师。"), "", kind="busy")
            QTimer.singleShot(RETRY_MS, self, self._try_submit)
        # a failed heartbeat or focus record is retried by the next one; nothing to show

    def _finished(self, result: SubmitResult) -> None:
        from baiwen_desktop.ui.station.flow import show_result

        self.finished = True
        self.result = result
        self.worker.stop()
        QApplication.instance().removeEventFilter(self)
        show_result(self.window_, self.state.attempt_id, self.notice)
        self.close()
        self.deleteLater()

    # ---------- keyboard and mouse rules ----------
    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if e.type() not in _KEY_EVENTS or not isinstance(obj, QWidget) or not (obj is self or self.isAncestorOf(obj)):
            return False
        if e.type() == QEvent.Type.ContextMenu:
            return True  # no context menus anywhere in the exam (no copy, no paste)
        return handle_key(self, e)  # type: ignore[arg-type]
