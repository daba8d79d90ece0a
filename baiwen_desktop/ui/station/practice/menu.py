"""The practice home: the trainee's numbers and the modes, each with what it will ask."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.practice import ALL_ITEMS, Focus, Mode, Tally, format_accuracy
from baiwen_desktop.core.question import SECTIONS, TYPE_ORDER, QType, Question
from baiwen_desktop.services import practice
from baiwen_desktop.services.attempts import CandidateCard
from baiwen_desktop.services.practice import Progress, Request
from baiwen_desktop.ui.operations import error_text, run_op
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.practice.header import PracticeHeader
from baiwen_desktop.ui.station.styles import Display, apply_display, save_display
from baiwen_desktop.ui.station.texts import type_label
from baiwen_desktop.ui.station.widgets import button, card, guarded, label

RANDOM_SET = 20


@dataclass(frozen=True)
class MenuData:
    progress: Progress
    next_item: str  # where 顺序练习 continues
    tags: list[str]
    exams: list[tuple[int, str]]


def fetch_menu(store: Any, candidate_id: int) -> MenuData:
    ordered = practice.questions_for(store, candidate_id, Request(Mode.ORDER))
    tags = sorted({t for q in practice.bank_questions(store) for t in q.tags})
    return MenuData(practice.progress(store, candidate_id), (ordered[0].source or "问1") if ordered else "问1", tags, practice.mock_exams(store))


def fetch_run(store: Any, candidate_id: int, req: Request) -> list[Question]:
    return practice.questions_for(store, candidate_id, req)  # due by the server clock


class PracticeMenuPage(QWidget):
    def __init__(self, window: Any, trainee: CandidateCard) -> None:
        super().__init__()
        self.window_ = window
        self.trainee = trainee
        self.data: MenuData | None = None
        self.display: Display = prepare_page(self, window)
        self.buttons: dict[str, QPushButton] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = PracticeHeader(self.tr("练习（不计成绩）"), trainee, self.display.high_contrast)
        self.header.bigger.connect(lambda: self._set_display(self.display.bigger()))
        self.header.smaller.connect(lambda: self._set_display(self.display.smaller()))
        self.header.contrast_toggled.connect(lambda on: self._set_display(Display(self.display.scale, on)))
        outer.addWidget(self.header)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(36, 18, 36, 18)
        self.body_layout.setSpacing(14)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll, 1)
        nav = QFrame()
        nav.setObjectName("NavBar")
        row = QHBoxLayout(nav)
        row.setContentsMargins(24, 10, 24, 10)
        row.setSpacing(16)
        self.buttons["reader"] = button(self.tr("学习原文"), "", self.open_reader)
        self.buttons["progress"] = button(self.tr("我的进度"), "", self.open_progress)
        self.exit_button = button(self.tr("退出练习"), "", self.window_.go_home)
        for b in (self.buttons["reader"], self.buttons["progress"]):
            b.setMinimumWidth(200)
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.exit_button)
        outer.addWidget(nav)
        self.status = label(self.tr("正在读取练习记录…"), "big")
        self.body_layout.addWidget(self.status)
        self.body_layout.addStretch(1)
        self.reload()

    def _set_display(self, display: Display) -> None:
        self.display = display
        save_display(self.window_, display)
        apply_display(self, display)

    def reload(self) -> None:
        run_op(self, fetch_menu, self.window_.store, self.trainee.id, on_done=guarded(self, self._loaded), on_error=guarded(self, self._failed))

    def _failed(self, e: BaseException) -> None:
        self.status.setText(self.tr("无法读取练习记录：{0}").format(error_text(e)))

    def _loaded(self, data: MenuData) -> None:
        self.data = data
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        p = data.progress
        self.stats = label(self.tr("已练 {0} 次　正确率 {1}　连续练习 {2} 天　今天已练 {3} 题　已练过 {4}/{5} 道题").format(
            p.answered, format_accuracy(Tally(p.answered, p.right)), p.streak, p.today, p.questions_seen, p.bank_size), "big", name="PracticeStats")
        self.body_layout.addWidget(self.stats)
        self.message = label("", "notice")
        self.message.hide()
        self.body_layout.addWidget(self.message)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        cards = [
            self._mode_card("review", self.tr("今日复习"), self.tr("今天有 {0} 题该复习（按记忆规律安排）").format(p.due_today), self.tr("开始复习"), p.due_today > 0),
            self._mode_card("wrong", self.tr("错题本"), self.tr("错题本里有 {0} 题，连续答对 3 次自动移出").format(p.wrong_book), self.tr("练错题"), p.wrong_book > 0),
            self._order_card(data),
            self._mode_card("random", self.tr("随机练习"), self.tr("从全部题目中随机抽 {0} 题").format(RANDOM_SET), self.tr("开始"), True),
            self._focus_card(data),
            self._mock_card(data),
        ]
        for i, c in enumerate(cards):
            grid.addWidget(c, i // 3, i % 3)
        for col in range(3):
            grid.setColumnStretch(col, 1)
        self.body_layout.addLayout(grid)
        self.body_layout.addStretch(1)

    def _card(self, title: str, text: str) -> tuple[QWidget, QVBoxLayout]:
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(20, 14, 20, 16)
        lay.setSpacing(8)
        lay.addWidget(label(title, "subtitle"))
        if text:
            lay.addWidget(label(text, "body"))
        return box, lay

    def _mode_card(self, key: str, title: str, text: str, action: str, enabled: bool) -> QWidget:
        box, lay = self._card(title, text)
        lay.addStretch(1)
        b = button(action, "primary", lambda k=key: self.start(k))
        b.setEnabled(enabled)
        self.buttons[key] = b
        lay.addWidget(b)
        return box

    def _combo(self, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        for text, value in items:
            combo.addItem(text, value)
        combo.setMaxVisibleItems(12)
        return combo

    def _order_card(self, data: MenuData) -> QWidget:
        box, lay = self._card(self.tr("顺序练习"), self.tr("按原文顺序：问1 → 查50"))
        row = QHBoxLayout()
        row.addWidget(label(self.tr("从"), "body", wrap=False))
        self.order_start = self._combo([(k, k) for k in ALL_ITEMS])
        self.order_start.setCurrentIndex(max(0, self.order_start.findData(data.next_item)))
        row.addWidget(self.order_start, 1)
        row.addWidget(label(self.tr("开始"), "body", wrap=False))
        lay.addLayout(row)
        b = button(self.tr("开始"), "primary", lambda: self.start("order"))
        self.buttons["order"] = b
        lay.addWidget(b)
        return box

    def _focus_card(self, data: MenuData) -> QWidget:
        box, lay = self._card(self.tr("专项练习"), "")
        self.focus_section = self._combo([(self.tr("全部部分"), "")] + [(s, s) for s in SECTIONS])
        self.focus_type = self._combo([(self.tr("全部题型"), "")] + [(type_label(t), t.value) for t in TYPE_ORDER])
        self.focus_tag = self._combo([(self.tr("全部知识点"), "")] + [(t, t) for t in data.tags])
        row = QHBoxLayout()
        row.addWidget(self.focus_section, 1)
        row.addWidget(self.focus_type, 1)
        lay.addLayout(row)
        lay.addWidget(self.focus_tag)
        b = button(self.tr("开始"), "primary", lambda: self.start("focus"))
        self.buttons["focus"] = b
        lay.addWidget(b)
        return box

    def _mock_card(self, data: MenuData) -> QWidget:
        box, lay = self._card(self.tr("模拟考试"), self.tr("按考试方案限时作答，只给自己看，不计成绩"))
        self.mock_exam = self._combo([(title, eid) for eid, title in data.exams] or [(self.tr("（还没有考试方案）"), None)])
        lay.addWidget(self.mock_exam)
        b = button(self.tr("开始模拟"), "primary", self.start_mock)
        b.setEnabled(bool(data.exams))
        self.buttons["mock"] = b
        lay.addWidget(b)
        return box

    # ---------- starting ----------
    def request(self, key: str) -> tuple[Request, str]:
        seed = int(time.time())
        if key == "review":
            return Request(Mode.REVIEW), self.tr("今日复习")
        if key == "wrong":
            return Request(Mode.WRONG), self.tr("错题本")
        if key == "order":
            start = self.order_start.currentData()
            return Request(Mode.ORDER, start=start), self.tr("顺序练习（从{0}开始）").format(start)
        if key == "random":
            return Request(Mode.RANDOM, seed=seed, limit=RANDOM_SET), self.tr("随机练习")
        section, qtype, tag = self.focus_section.currentData(), self.focus_type.currentData(), self.focus_tag.currentData()
        focus = Focus(sections=(section,) if section else (), types=(QType(qtype),) if qtype else (), tags=(tag,) if tag else ())
        what = "·".join(x for x in (self.focus_section.currentText() if section else "", self.focus_type.currentText() if qtype else "", tag) if x)
        return Request(Mode.FOCUS, focus), self.tr("专项练习") + (f"（{what}）" if what else "")

    def start(self, key: str) -> None:
        req, title = self.request(key)
        self.start_request(req, title)

    def start_request(self, req: Request, title: str) -> None:
        for k, b in self.buttons.items():
            if k not in ("reader", "progress"):
                b.setEnabled(False)  # one start at a time
        run_op(self, fetch_run, self.window_.store, self.trainee.id, req,
               on_done=guarded(self, lambda qs: self._run(req, title, qs)), on_error=guarded(self, self._run_failed))

    def _run(self, req: Request, title: str, questions: list[Question]) -> None:
        from baiwen_desktop.ui.station.practice.session import PracticePage

        if not questions:
            self._say(self.tr("没有符合条件的题目，请换一个选择。"))
            return
        self.window_.show_page(PracticePage(self.window_, self.trainee, req.mode, questions, title))

    def _run_failed(self, e: BaseException) -> None:
        self._say(error_text(e))

    def _say(self, text: str) -> None:
        if self.data is not None:
            self._loaded(self.data)  # buttons back as they were
        self.message.setText(text)
        self.message.show()

    def start_mock(self) -> None:
        from baiwen_desktop.ui.station.practice.mock import start_mock

        exam_id = self.mock_exam.currentData()
        if exam_id is not None:
            start_mock(self, self.window_, self.trainee, int(exam_id))

    def open_reader(self) -> None:
        from baiwen_desktop.ui.station.practice.reader import ReaderPage

        self.window_.show_page(ReaderPage(self.window_, self.trainee))

    def open_progress(self) -> None:
        from baiwen_desktop.ui.station.practice.progress import ProgressPage

        self.window_.show_page(ProgressPage(self.window_, self.trainee))

