"""A small score histogram drawn with QPainter: one bar per score band, the pass line marked."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PASS_COLOR = QColor("#2d6cb5")
FAIL_COLOR = QColor("#e0a458")
LINE_COLOR = QColor("#c62828")


class Histogram(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.bins: tuple[tuple[float, float, int], ...] = ()
        self.pass_mark = 0.0
        self.total = 100.0
        self.setMinimumSize(360, 170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, bins: tuple[tuple[float, float, int], ...], pass_mark: float, total: float) -> None:
        self.bins, self.pass_mark, self.total = bins, pass_mark, total or 1.0
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fm = p.fontMetrics()
        line_h = fm.height()
        left, right, top, bottom = 10, 10, line_h + 6, line_h + 8
        area = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        if not self.bins or area.width() <= 0 or area.height() <= 0:
            p.setPen(QColor("#888"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("暂无成绩"))
            return
        peak = max(c for _, _, c in self.bins) or 1
        slot = area.width() / len(self.bins)
        p.setPen(QColor("#bbb"))
        p.drawLine(area.bottomLeft(), area.bottomRight())
        for i, (lo, hi, count) in enumerate(self.bins):
            x = area.left() + i * slot
            h = (area.height() - line_h) * count / peak
            bar = QRectF(x + slot * 0.12, area.bottom() - h, slot * 0.76, h)
            p.fillRect(bar, PASS_COLOR if lo >= self.pass_mark else FAIL_COLOR)
            p.setPen(QColor("#333"))
            if count:
                p.drawText(QRectF(x, bar.top() - line_h - 2, slot, line_h), Qt.AlignmentFlag.AlignCenter, str(count))
            p.setPen(QColor("#666"))
            p.drawText(QRectF(x, area.bottom() + 4, slot, line_h), Qt.AlignmentFlag.AlignCenter, f"{lo:g}–{hi:g}")
        # the pass line sits at its score on the same scale as the bars
        px = area.left() + area.width() * min(1.0, self.pass_mark / self.total)
        p.setPen(QPen(LINE_COLOR, 2, Qt.PenStyle.DashLine))
        p.drawLine(int(px), int(area.top()), int(px), int(area.bottom()))
        p.setPen(LINE_COLOR)
        label = self.tr("及格线 {0:g}").format(self.pass_mark)
        width = fm.horizontalAdvance(label) + 8
        lx = min(max(px - width / 2, 0), self.width() - width)
        p.drawText(QRectF(lx, 0, width, line_h + 4), Qt.AlignmentFlag.AlignCenter, label)
