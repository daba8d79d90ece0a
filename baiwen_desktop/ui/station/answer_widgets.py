"""The answer area of each question type. Each emits `edited(response, save_now)`.

Responses follow core.grading: 单选/多选 a sorted list of ORIGINAL option indices,
判断 a bool, 填空 a list of strings (one per blank), 简答 a string.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from baiwen_desktop.core.bankfile import BLANK_MARK
from baiwen_desktop.core.grading import Response
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.question import OPTION_LETTERS, QType
from baiwen_desktop.ui.station.flow_layout import FlowLayout
from baiwen_desktop.ui.station.option_row import OptionRow
from baiwen_desktop.ui.station.styles import Display, badge_px
from baiwen_desktop.ui.station.texts import judge_labels
from baiwen_desktop.ui.station.widgets import label

SHORT_MAX_CHARS = 2000
_NO_LINE_START = set("，。、；：？！）」』”’》〉…—,.;:?!)%")
_NO_LINE_END = set("（「『“‘《〈(")


class OptionsAnswer(QWidget):
    """单选, 多选 and 判断: big rows; A–F/1–6 choose, ↑/↓ move the cursor, Space toggles."""

    edited = Signal(object, bool)

    def __init__(self, item: PaperItem, response: Response, display: Display) -> None:
        super().__init__()
        self.item = item
        self.kind = item.question.qtype
        self.multi = self.kind is QType.MULTI
        if self.kind is QType.JUDGE:
            texts = list(judge_labels())
            self.values: list[object] = [True, False]
        else:
            texts = item.shown_options()
            self.values = list(item.option_order)  # display position -> original index
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(display.px(12))
        self.rows: list[OptionRow] = []
        for pos, text in enumerate(texts):
            row = OptionRow(OPTION_LETTERS[pos], text, self.multi, badge_px(display))
            row.clicked.connect(lambda p=pos: self.choose(p))
            lay.addWidget(row)
            self.rows.append(row)
        self.cursor = -1
        self._show(response)

    @property
    def option_count(self) -> int:
        return len(self.rows)

    def _show(self, response: Response) -> None:
        if self.kind is QType.JUDGE:
            chosen = {self.values.index(response)} if isinstance(response, bool) else set()
        else:
            chosen = {self.values.index(i) for i in (response or []) if i in self.values}  # type: ignore[union-attr]
        for pos, row in enumerate(self.rows):
            row.set_selected(pos in chosen)

    def selected_positions(self) -> list[int]:
        return [p for p, row in enumerate(self.rows) if row.is_selected()]

    def response(self) -> Response:
        chosen = self.selected_positions()
        if not chosen:
            return None
        if self.kind is QType.JUDGE:
            return bool(self.values[chosen[0]])
        return sorted(int(self.values[p]) for p in chosen)  # type: ignore[call-overload]

    def choose(self, pos: int) -> None:
        """Single/判断: pick this one. 多选: toggle it."""
        if not 0 <= pos < len(self.rows):
            return
        self.set_cursor(pos)
        if self.multi:
            self.rows[pos].set_selected(not self.rows[pos].is_selected())
        else:
            for p, row in enumerate(self.rows):
                row.set_selected(p == pos)
        self.edited.emit(self.response(), True)

    def set_cursor(self, pos: int) -> None:
        self.cursor = pos
        for p, row in enumerate(self.rows):
            row.set_cursor(p == pos)

    def move_cursor(self, delta: int) -> None:
        start = self.cursor if self.cursor >= 0 else (-1 if delta > 0 else len(self.rows))
        self.set_cursor(max(0, min(len(self.rows) - 1, start + delta)))

    def toggle_cursor(self) -> None:
        self.choose(self.cursor if self.cursor >= 0 else 0)


def stem_chunks(text: str) -> list[str]:
    """Split text into pieces a line may break between (each 汉字, or a run of Latin/digits);
    punctuation sticks to its neighbour so no line starts with '，' or ends with '（'."""
    out: list[str] = []
    for m in re.finditer(r"[A-Za-z0-9.%\-]+|.", text, re.S):
        tok = m.group()
        if out and (tok[0] in _NO_LINE_START or out[-1][-1] in _NO_LINE_END):
            out[-1] += tok
        else:
            out.append(tok)
    return out


class BlankAnswer(QWidget):
    """填空: the stem with an input box at each blank, wrapping like text."""

    edited = Signal(object, bool)

    def __init__(self, item: PaperItem, response: Response, display: Display) -> None:
        super().__init__()
        self.item = item
        n = len(item.question.blanks)
        given = [str(x) for x in (response or [])] if isinstance(response, list) else []  # type: ignore[union-attr]
        given = (given + [""] * n)[:n]
        pieces = BLANK_MARK.split(item.question.stem)
        flow = FlowLayout(self, h_spacing=0, v_spacing=display.px(10))
        self.edits: list[QLineEdit] = []
        for i, text in enumerate(pieces):
            for chunk in stem_chunks(text):
                flow.addWidget(label(chunk, "", wrap=False, name="StemPiece"))
            if i < len(pieces) - 1 and len(self.edits) < n:
                flow.addWidget(self._box(len(self.edits), given, display))
        while len(self.edits) < n:  # a stem with fewer marks than keys: boxes at the end
            flow.addWidget(self._box(len(self.edits), given, display))

    def _box(self, index: int, given: list[str], display: Display) -> QLineEdit:
        box = QLineEdit(given[index])
        box.setProperty("role", "blank")
        box.setPlaceholderText(self.tr("第{0}空").format(index + 1))
        box.setFixedWidth(display.px(27) * 6 + 16)
        box.setMaxLength(60)
        box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.setDragEnabled(False)
        box.setAcceptDrops(False)
        box.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        box.setAccessibleName(self.tr("第{0}空").format(index + 1))
        box.textEdited.connect(lambda _t: self.edited.emit(self.response(), False))
        box.editingFinished.connect(lambda: self.edited.emit(self.response(), True))
        self.edits.append(box)
        return box

    def response(self) -> Response:
        values = [e.text().strip() for e in self.edits]
        return values if any(values) else None

    def first_input(self) -> QWidget | None:
        empty = [e for e in self.edits if not e.text()]
        return (empty or self.edits or [None])[0]


class _TextBox(QPlainTextEdit):
    left = Signal()

    def focusOutEvent(self, e: QFocusEvent) -> None:
        super().focusOutEvent(e)
        self.left.emit()


class ShortAnswer(QWidget):
    """简答: a text box with a character count."""

    edited = Signal(object, bool)

    def __init__(self, item: PaperItem, response: Response, display: Display) -> None:
        super().__init__()
        self.item = item
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        self.box = _TextBox()
        self.box.setPlainText(response if isinstance(response, str) else "")
        self.box.setPlaceholderText(self.tr("请在这里输入答案，写出要点即可"))
        self.box.setMinimumHeight(display.px(220))
        self.box.setAcceptDrops(False)
        self.box.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.box.setTabChangesFocus(True)
        self.count = label("", "", wrap=False, name="Count")
        lay.addWidget(self.box)
        lay.addWidget(self.count, 0, Qt.AlignmentFlag.AlignRight)
        self._update_count()
        self.box.textChanged.connect(self._typed)
        self.box.left.connect(lambda: self.edited.emit(self.response(), True))

    def _typed(self) -> None:
        text = self.box.toPlainText()
        if len(text) > SHORT_MAX_CHARS:
            self.box.setPlainText(text[:SHORT_MAX_CHARS])
            self.box.moveCursor(self.box.textCursor().MoveOperation.End)
            return
        self._update_count()
        self.edited.emit(self.response(), False)

    def _update_count(self) -> None:
        n = len(self.box.toPlainText().strip())
        self.count.setText(self.tr("已输入 {0} 字（最多 {1} 字）").format(n, SHORT_MAX_CHARS))

    def response(self) -> Response:
        text = self.box.toPlainText()
        return text if text.strip() else None

    def first_input(self) -> QWidget:
        return self.box


def make_answer_widget(item: PaperItem, response: Response, display: Display) -> QWidget:
    t = item.question.qtype
    if t is QType.BLANK:
        return BlankAnswer(item, response, display)
    if t is QType.SHORT:
        return ShortAnswer(item, response, display)
    return OptionsAnswer(item, response, display)
