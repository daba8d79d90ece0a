"""One composition rule of an exam form: type × count × score each, filtered by section,
tag and difficulty, with a label that says whether the bank can supply it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from baiwen_desktop.core.exam import PartRule
from baiwen_desktop.core.paper import RuleCheck
from baiwen_desktop.core.question import SECTIONS, TYPE_ORDER

# column widths shared by the header and every row, so they line up
WIDTHS = {"type": 96, "count": 80, "score": 90, "sections": 170, "tags": 150, "difficulty": 130, "title": 140, "status": 150, "remove": 60}


class SectionPicker(QToolButton):
    """A drop-down of check boxes: no section ticked means every section."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.actions_: list[QAction] = []
        for s in SECTIONS:
            act = QAction(s, menu)
            act.setCheckable(True)
            act.toggled.connect(self._update)
            menu.addAction(act)
            self.actions_.append(act)
        self.setMenu(menu)
        self._update()

    def sections(self) -> list[str]:
        return [a.text() for a in self.actions_ if a.isChecked()]

    def set_sections(self, sections: tuple[str, ...] | list[str]) -> None:
        for a in self.actions_:
            a.blockSignals(True)
            a.setChecked(a.text() in sections)
            a.blockSignals(False)
        self._update()

    def _update(self) -> None:
        chosen = self.sections()
        self.setText("、".join(chosen) if chosen else self.tr("全部章节"))
        self.setToolTip(self.text())
        self.changed.emit()


class RuleRow(QWidget):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, rule: PartRule | None = None) -> None:
        super().__init__()
        self.qtype = QComboBox()
        for t in TYPE_ORDER:
            self.qtype.addItem(t.label, t.value)
        self.count = QSpinBox()
        self.count.setRange(1, 9999)
        self.count.setValue(10)
        self.score = QDoubleSpinBox()
        self.score.setRange(0.5, 100)
        self.score.setSingleStep(0.5)
        self.score.setDecimals(1)
        self.score.setValue(1)
        self.sections = SectionPicker()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("不限"))
        self.tags.setToolTip(self.tr("只抽含这些知识点之一的题，多个用 、 分隔"))
        self.dmin = QSpinBox()
        self.dmin.setRange(1, 5)
        self.dmax = QSpinBox()
        self.dmax.setRange(1, 5)
        self.dmax.setValue(5)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("默认为题型"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.remove_button = QPushButton(self.tr("删除"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

        difficulty = QWidget()
        d_lay = QHBoxLayout(difficulty)
        d_lay.setContentsMargins(0, 0, 0, 0)
        d_lay.addWidget(self.dmin)
        d_lay.addWidget(QLabel("–"))
        d_lay.addWidget(self.dmax)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for key, w in (
            ("type", self.qtype), ("count", self.count), ("score", self.score), ("sections", self.sections),
            ("tags", self.tags), ("difficulty", difficulty), ("title", self.title), ("status", self.status),
            ("remove", self.remove_button),
        ):
            w.setFixedWidth(WIDTHS[key])
            row.addWidget(w)
        row.addStretch(1)
        if rule is not None:
            self.set_rule(rule)
        self.qtype.currentIndexChanged.connect(self.changed)
        for spin in (self.count, self.dmin, self.dmax):
            spin.valueChanged.connect(self.changed)
        self.score.valueChanged.connect(self.changed)
        self.sections.changed.connect(self.changed)
        self.tags.textChanged.connect(self.changed)
        self.title.textChanged.connect(self.changed)

    def set_rule(self, rule: PartRule) -> None:
        self.qtype.setCurrentIndex(self.qtype.findData(rule.qtype.value))
        self.count.setValue(rule.count)
        self.score.setValue(float(rule.score_each))
        self.sections.set_sections(rule.sections)
        self.tags.setText("、".join(rule.tags))
        self.dmin.setValue(rule.difficulty_min)
        self.dmax.setValue(rule.difficulty_max)
        self.title.setText(rule.title)

    def mapping(self) -> dict[str, Any]:
        tags = [t.strip() for t in self.tags.text().replace(",", "、").replace("，", "、").split("、") if t.strip()]
        return {
            "type": self.qtype.currentData(),
            "count": self.count.value(),
            "score_each": str(Decimal(str(self.score.value()))),
            "sections": self.sections.sections(),
            "tags": tags,
            "difficulty_min": self.dmin.value(),
            "difficulty_max": self.dmax.value(),
            "title": self.title.text().strip(),
        }

    def show_check(self, check: RuleCheck | None) -> None:
        if check is None:
            self.status.setText("")
        elif check.missing:
            self.status.setText(self.tr("✘ 缺 {0} 道").format(check.missing))
            self.status.setToolTip(self.tr("需要 {0} 道，题库中符合条件的只有 {1} 道").format(check.rule.count, check.available))
            self.status.setStyleSheet("color:#b3261e; font-weight:bold;")
        else:
            self.status.setText(self.tr("✔ 可用 {0} 道").format(check.available))
            self.status.setToolTip("")
            self.status.setStyleSheet("color:#1d6b2f;")


def header_row() -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    labels = {
        "type": box.tr("题型"), "count": box.tr("题数"), "score": box.tr("每题分值"), "sections": box.tr("章节"),
        "tags": box.tr("知识点"), "difficulty": box.tr("难度范围"), "title": box.tr("小标题"), "status": box.tr("题库能否满足"),
        "remove": "",
    }
    for key, text in labels.items():
        label = QLabel(text)
        label.setStyleSheet("font-weight:bold; color:#444;")
        label.setFixedWidth(WIDTHS[key])
        row.addWidget(label)
    row.addStretch(1)
    return box
