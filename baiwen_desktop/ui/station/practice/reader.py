"""学习原文: 第四篇 browsable by item with search; each item shows the trainee's accuracy on it
and links to its questions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.practice import Focus, Mode, Tally, format_accuracy
from baiwen_desktop.core.source_text import SourceItem, find_spans, search
from baiwen_desktop.services import practice
from baiwen_desktop.services.attempts import CandidateCard
from baiwen_desktop.services.practice import Request
from baiwen_desktop.ui.operations import run_op
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.practice.feedback import marked_html, rich_label
from baiwen_desktop.ui.station.practice.header import PracticeHeader
from baiwen_desktop.ui.station.styles import Display, apply_display, save_display
from baiwen_desktop.ui.station.widgets import button, card, guarded, label


@dataclass(frozen=True)
class ReaderData:
    items: dict[str, SourceItem]
    accuracy: dict[str, Tally]
    question_counts: dict[str, int]


def fetch_reader(store: Any, candidate_id: int) -> ReaderData:
    counts: dict[str, int] = {}
    for q in practice.bank_questions(store):
        counts[q.source or ""] = counts.get(q.source or "", 0) + 1
    return ReaderData(practice.source_items(), practice.progress(store, candidate_id).by_item, counts)


class ReaderPage(QWidget):
    def __init__(self, window: Any, trainee: CandidateCard, start: str = "问1") -> None:
        super().__init__()
        self.window_ = window
        self.trainee = trainee
        self.data: ReaderData | None = None
        self.current = start
        self.display: Display = prepare_page(self, window)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = PracticeHeader(self.tr("学习原文：国家电网公司“百问百查”优质服务 100 条（2009 版）"), trainee, self.display.high_contrast)
        self.header.bigger.connect(lambda: self._set_display(self.display.bigger()))
        self.header.smaller.connect(lambda: self._set_display(self.display.smaller()))
        self.header.contrast_toggled.connect(lambda on: self._set_display(Display(self.display.scale, on)))
        outer.addWidget(self.header)
        body = QHBoxLayout()
        body.setContentsMargins(24, 16, 24, 16)
        body.setSpacing(18)
        left = QVBoxLayout()
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("搜索原文"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setToolTip(self.tr("输入词语查找条目，如：十项承诺"))
        self.search_box.textChanged.connect(self._filter)
        left.addWidget(self.search_box)
        self.items = QListWidget()
        self.items.setObjectName("ItemList")
        self.items.setMinimumWidth(260)
        self.items.setMaximumWidth(340)
        self.items.currentItemChanged.connect(lambda cur, _prev: self.show_item(cur.data(Qt.ItemDataRole.UserRole)) if cur else None)
        left.addWidget(self.items, 1)
        body.addLayout(left)
        right = QVBoxLayout()
        right.setSpacing(12)
        self.title = label("", "title")
        right.addWidget(self.title)
        self.stats = label("", "big", name="ItemStats")
        right.addWidget(self.stats)
        box = card()
        box_lay = QVBoxLayout(box)
        box_lay.setContentsMargins(24, 18, 24, 18)
        self.passage = rich_label("Passage")
        self.passage.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        box_lay.addWidget(self.passage)
        box_lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        right.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.practise_button = button(self.tr("练习本条的题"), "primary", self.practise_item)
        self.practise_button.setMinimumWidth(240)
        self.back_button = button(self.tr("返回练习首页"), "", self.back)
        row.addWidget(self.practise_button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        right.addLayout(row)
        body.addLayout(right, 1)
        outer.addLayout(body, 1)
        run_op(self, fetch_reader, window.store, trainee.id, on_done=guarded(self, self._loaded))

    def _set_display(self, display: Display) -> None:
        self.display = display
        save_display(self.window_, display)
        apply_display(self, display)
        self.show_item(self.current)

    def _loaded(self, data: ReaderData) -> None:
        self.data = data
        self._filter("")

    def _filter(self, text: str) -> None:
        if self.data is None:
            return
        keys = search(self.data.items, text)
        self.items.blockSignals(True)
        self.items.clear()
        for key in keys:
            t = self.data.accuracy.get(key, Tally())
            it = QListWidgetItem(f"{key}　{format_accuracy(t)}" if t.answered else key)
            it.setData(Qt.ItemDataRole.UserRole, key)
            it.setToolTip(self.data.items[key].title)
            self.items.addItem(it)
        self.items.blockSignals(False)
        if keys:
            row = keys.index(self.current) if self.current in keys else 0
            self.items.setCurrentRow(row)
            self.show_item(keys[row])
        else:
            self.title.setText(self.tr("没有找到“{0}”").format(text))
            self.stats.setText("")
            self.passage.setText("")
            self.practise_button.setEnabled(False)

    def show_item(self, key: str) -> None:
        if self.data is None or key not in self.data.items:
            return
        self.current = key
        item = self.data.items[key]
        self.title.setText(key)
        n = self.data.question_counts.get(key, 0)
        t = self.data.accuracy.get(key, Tally())
        if t.answered:
            self.stats.setText(self.tr("本条有 {0} 道题；您练过 {1} 次，正确率 {2}").format(n, t.answered, format_accuracy(t)))
        else:
            self.stats.setText(self.tr("本条有 {0} 道题；您还没有练过").format(n))
        words = [w for w in self.search_box.text().split() if w]
        self.passage.setText(marked_html(item.text, find_spans(item.text, words), self.display.high_contrast))
        self.practise_button.setEnabled(n > 0)

    def practise_item(self) -> None:
        from baiwen_desktop.ui.station.practice.session import PracticePage

        key = self.current
        req = Request(Mode.FOCUS, Focus(sources=(key,)))

        def go(qs: list[Any]) -> None:
            if qs:
                self.window_.show_page(PracticePage(self.window_, self.trainee, Mode.FOCUS, qs, self.tr("专项练习（{0}）").format(key)))

        run_op(self, practice.questions_for, self.window_.store, self.trainee.id, req, on_done=guarded(self, go))

    def back(self) -> None:
        from baiwen_desktop.ui.station.practice.menu import PracticeMenuPage

        self.window_.show_page(PracticeMenuPage(self.window_, self.trainee))
