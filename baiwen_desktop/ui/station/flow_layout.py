"""A wrapping layout (Qt's Flow Layout example): lets 填空 boxes sit inside the sentence."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, h_spacing: int = 0, v_spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h = h_spacing
        self._v = v_spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_h = area.x(), area.y(), 0
        line: list[tuple[QLayoutItem, QPoint, QSize]] = []

        def finish_line() -> None:
            # centre items vertically on the line so boxes and text share a baseline area
            for it, pt, sz in line:
                if apply:
                    it.setGeometry(QRect(QPoint(pt.x(), pt.y() + (line_h - sz.height()) // 2), sz))
            line.clear()

        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line:
                finish_line()
                x = area.x()
                y += line_h + self._v
                line_h = 0
            line.append((item, QPoint(x, y), hint))
            x += hint.width() + self._h
            line_h = max(line_h, hint.height())
        finish_line()
        return y + line_h - rect.y() + m.bottom()
