"""After each practice answer: right or wrong, the key, the 解析, and the source passage of its
出处 item with the key phrase highlighted."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from baiwen_desktop.core.grading import Response, key_text, response_text
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.source_text import SourceItem, highlight_spans
from baiwen_desktop.ui.station.widgets import label, set_prop


def marked_html(text: str, spans: list[tuple[int, int]], high_contrast: bool) -> str:
    """The passage as rich text: escaped, line breaks kept, each span on a highlight."""
    style = "background:#ffff00;color:#000000;font-weight:bold;" if high_contrast else "background:#ffe082;color:#1b1b1b;font-weight:bold;"
    out, at = [], 0
    for s, e in spans:
        out.append(html.escape(text[at:s]))
        out.append(f'<span style="{style}">{html.escape(text[s:e])}</span>')
        at = e
    out.append(html.escape(text[at:]))
    return "".join(out).replace("\n", "<br>")


def rich_label(name: str) -> QLabel:
    w = QLabel()
    w.setObjectName(name)
    w.setTextFormat(Qt.TextFormat.RichText)
    w.setWordWrap(True)
    w.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    w.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return w


class FeedbackPanel(QFrame):
    """Shown under the question once the trainee has answered."""

    def __init__(self, item: PaperItem, response: Response, correct: bool, source: SourceItem | None, high_contrast: bool) -> None:
        super().__init__()
        self.setObjectName("Feedback")
        self.setProperty("role", "card")
        self.correct = correct
        q = item.question
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 18)
        lay.setSpacing(10)
        self.verdict = label(self.tr("✓ 回答正确") if correct else self.tr("✗ 回答错误"), "", wrap=False, name="Verdict")
        set_prop(self.verdict, "ok", "true" if correct else "false")
        lay.addWidget(self.verdict)
        mine = response_text(item, response) or self.tr("（未作答）")
        self.key = label(self.tr("正确答案：{0}").format(key_text(item)), "", name="FeedbackKey")
        lay.addWidget(self.key)
        if not correct:
            lay.addWidget(label(self.tr("您的答案：{0}").format(mine), "big"))
        if q.explanation:
            lay.addWidget(label(self.tr("解析：{0}").format(q.explanation), "big", name="Explanation"))
        self.passage: QLabel | None = None
        self.spans: list[tuple[int, int]] = []
        if source is not None:
            lay.addWidget(label(self.tr("原文　{0}").format(source.key), "subtitle"))
            self.spans = highlight_spans(source, q)
            self.passage = rich_label("Passage")
            self.passage.setText(marked_html(source.text, self.spans, high_contrast))
            lay.addWidget(self.passage)
