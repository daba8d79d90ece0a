"""What merging a station's result package did: new, already held, conflicts (listed), 阅卷 waiting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.services.packages import MergeReport


class MergeReportDialog(QDialog):
    def __init__(self, report: MergeReport, open_review: Callable[[], None] | None = None, parent: QWidget | None = None,
                 history: bool = False) -> None:
        """`history`: rebuilt later from the package list, which keeps counts and conflicts, not 阅卷."""
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("成绩包合并结果"))
        self.setMinimumWidth(720)
        parts = [self.tr("站点：{0}").format(report.station_name)]
        if report.fingerprint:  # a report rebuilt from the list has none
            parts.append(self.tr("指纹：{0}").format(report.fingerprint))
        parts.append(self.tr("成绩包 {0}").format(report.package_id[:8]))
        head = QLabel("　　".join(parts))
        head.setWordWrap(True)
        head.setStyleSheet("font-size:15px;")
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        if report.already:
            again = QLabel(self.tr("这个成绩包以前已经导入过，这次没有改动任何数据。"))
            again.setStyleSheet("color:#7a5200; background:#fff6e0; border:1px solid #f0d28a; border-radius:4px; padding:6px;")
            layout.addWidget(again)
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        cells = [
            ("attempts", self.tr("包内答卷"), report.attempts, "#1f3b57"),
            ("new", self.tr("本次新增"), report.new, "#1d6b2f"),
            ("unchanged", self.tr("以前已导入"), report.unchanged, "#555"),
            ("conflicts", self.tr("冲突（未合并）"), len(report.conflicts), "#b3261e" if report.conflicts else "#555"),
            ("pending_review", self.tr("待阅卷（简答）"), report.pending_review, "#b35c00" if report.pending_review else "#555"),
        ][: 4 if history else 5]
        for col, (key, caption, value, color) in enumerate(cells):
            cap = QLabel(caption)
            cap.setStyleSheet("color:#555;")
            val = QLabel(str(value))
            val.setStyleSheet(f"font-size:26px; font-weight:bold; color:{color};")
            grid.addWidget(cap, 0, col)
            grid.addWidget(val, 1, col)
            self.values[key] = val
        layout.addLayout(grid)
        self.conflicts = QListWidget()
        self.conflicts.setWordWrap(True)  # a conflict is a sentence: read whole, never scrolled sideways
        self.conflicts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if report.conflicts:
            title = QLabel(self.tr("冲突（这些答卷没有合并，也没有覆盖已有的答卷；请与站点核实）："))
            title.setStyleSheet("font-weight:bold; color:#8a1c14;")
            layout.addWidget(title)
            self.conflicts.addItems(report.conflicts)
            self.conflicts.setMinimumHeight(min(260, 26 * len(report.conflicts) + 8))
            layout.addWidget(self.conflicts, 1)
        self.differences = QListWidget()  # the station's provisional score against HQ's own grade
        self.differences.setWordWrap(True)
        self.differences.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if report.score_differences:
            title = QLabel(self.tr("站点成绩与总部评分不同（已按总部评分合并，站点成绩仅供核对）："))
            title.setStyleSheet("font-weight:bold; color:#7a5200;")
            layout.addWidget(title)
            self.differences.addItems(report.score_differences)
            self.differences.setMinimumHeight(min(140, 26 * len(report.score_differences) + 8))  # beside 50 conflicts it still fits 1366×768
            layout.addWidget(self.differences, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.review_button = None
        if report.pending_review and open_review is not None:
            self.review_button = buttons.addButton(self.tr("去阅卷"), QDialogButtonBox.ButtonRole.ActionRole)
            self.review_button.clicked.connect(lambda: (self.accept(), open_review()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
