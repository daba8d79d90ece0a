"""A sortable, filterable table over plain rows (the service dataclasses), used by every page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.numbers import format_score

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: how to show a row, how to sort it, and optionally how to colour it."""

    title: str
    text: Callable[[Any], object]
    key: Callable[[Any], Any] | None = None  # sort key; defaults to the shown value
    numeric: bool = False  # right-aligned
    color: Callable[[Any], str | None] | None = None  # text colour, e.g. red for 不合格
    width: int = 0  # initial width in pixels; 0 = fit contents
    stretch: bool = False  # takes the spare width (else the last column does)


def shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_score(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: list[Column]) -> None:
        super().__init__()
        self.columns = columns
        self._rows: list[Any] = []

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return self._rows

    def row(self, i: int) -> Any:
        return self._rows[i]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = shown(col.text(row))
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > 20 else None
            return text.replace("\n", " ")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if col.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col.color is not None:
            colour = col.color(row)
            return QColor(colour) if colour else None
        return None


def _sortable(value: Any) -> tuple[int, Any]:
    """Numbers before text, None last; never compares a number with a string."""
    if value is None or value == "":
        return (2, "")
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return (0, float(value))
    if isinstance(value, datetime):
        return (1, value.isoformat())
    if isinstance(value, tuple):
        return (1, value)  # a column's own composite key, e.g. (问/查, number)
    return (1, str(value))


class RowsProxy(QSortFilterProxyModel):
    """Filters on the text of every column (case-insensitive) plus an optional predicate."""

    def __init__(self, model: RowsModel) -> None:
        super().__init__()
        self.rows_model = model
        self.setSourceModel(model)
        self._needle = ""
        self._predicate: Callable[[Any], bool] | None = None

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_needle", text.strip().casefold()))

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self._refilter(lambda: setattr(self, "_predicate", predicate))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.9 replaced invalidateFilter() with begin/endFilterChange(); keep both working
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        row = self.rows_model.row(source_row)
        if self._predicate is not None and not self._predicate(row):
            return False
        if not self._needle:
            return True
        return any(self._needle in shown(c.text(row)).casefold() for c in self.rows_model.columns)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        col = self.rows_model.columns[left.column()]
        key = col.key or col.text
        return _sortable(key(self.rows_model.row(left.row()))) < _sortable(key(self.rows_model.row(right.row())))


class EmptyHint(QFrame):
    """Shown in an empty table: one line saying what to do next, and a button that does it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("emptyHint")
        self.setStyleSheet("#emptyHint { background:#f7f9fc; border:1px dashed #b8c4d4; border-radius:6px; }")
        self.text = QLabel()
        self.text.setStyleSheet("font-size:16px; color:#333; border:none; background:transparent;")
        self.button = QPushButton()
        self.button.setStyleSheet("font-weight:bold; padding:6px 22px;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 20, 28, 20)
        lay.setSpacing(14)
        lay.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._action: Callable[[], None] | None = None
        self.button.clicked.connect(lambda: self._action() if self._action is not None else None)
        self.hide()

    def set(self, text: str, button_text: str, action: Callable[[], None]) -> None:
        self.text.setText(text)
        self.button.setText(button_text)
        self._action = action

    def place(self) -> None:
        area = self.parentWidget().rect()  # type: ignore[union-attr]
        size = self.sizeHint()
        width = min(max(size.width(), 420), area.width() - 20)
        self.setGeometry((area.width() - width) // 2, min(60, max(0, area.height() - size.height()) // 2), width, size.height())


class DataTable(QWidget):
    """Filter box + count above a sortable QTableView. Keeps the selection across reloads."""

    selection_changed = Signal()
    activated = Signal(object)

    def __init__(
        self,
        columns: list[Column],
        filter_placeholder: str = "",
        id_of: Callable[[Any], object] | None = None,
        multi: bool = False,
        show_filter: bool = True,
        show_count: bool = True,
    ) -> None:
        super().__init__()
        self.id_of = id_of
        self.model = RowsModel(columns)
        self.proxy = RowsProxy(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the service's order until a header is clicked
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        mode = QAbstractItemView.SelectionMode.ExtendedSelection if multi else QAbstractItemView.SelectionMode.SingleSelection
        self.view.setSelectionMode(mode)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for i, c in enumerate(columns):
            if c.width:
                self.view.setColumnWidth(i, c.width)
            if c.stretch:
                header.setStretchLastSection(False)
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self.view.doubleClicked.connect(lambda idx: self.activated.emit(self._row_at(idx)))

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(filter_placeholder or self.tr("筛选：输入任意文字"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(240)
        self.filter_edit.setMaximumWidth(320)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color:#555;")

        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.filter_edit)
        self.filter_edit.setVisible(show_filter)
        self.toolbar.addStretch(1)
        self.toolbar.addWidget(self.count_label)
        self.count_label.setVisible(show_count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.view, 1)
        self.empty_hint = EmptyHint(self.view.viewport())
        self._hint_on = False
        self.view.viewport().installEventFilter(self)
        self._update_count()

    def set_empty_hint(self, text: str | None, button_text: str = "", action: Callable[[], None] | None = None) -> None:
        """While the table has no rows, show `text` and a button for the next step (None: no hint)."""
        self._hint_on = text is not None and action is not None
        if text is not None and action is not None:
            self.empty_hint.set(text, button_text, action)
        self._update_hint()

    def _update_hint(self) -> None:
        show = self._hint_on and self.model.rowCount() == 0
        if show:
            self.empty_hint.place()
            self.empty_hint.raise_()
        self.empty_hint.setVisible(show)

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if obj is self.view.viewport() and e.type() == QEvent.Type.Resize and self.empty_hint.isVisible():
            self.empty_hint.place()
        return False

    def add_tool(self, widget: QWidget) -> None:
        """Put an extra filter widget (a combo, a check box) beside the filter box."""
        self.toolbar.insertWidget(self.toolbar.count() - 2, widget)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.proxy.set_predicate(predicate)
        self._update_count()

    def _update_count(self) -> None:
        total, visible = self.model.rowCount(), self.proxy.rowCount()
        text = self.tr("共 {0} 条").format(total) if visible == total else self.tr("显示 {0} / 共 {1} 条").format(visible, total)
        self.count_label.setText(text)

    def set_rows(self, rows: Iterable[Any]) -> None:
        keep = {self.id_of(r) for r in self.selected_rows()} if self.id_of else set()
        scroll = self.view.verticalScrollBar().value()
        self.model.set_rows(rows)
        if keep and self.id_of is not None:
            self.select_where(lambda r: self.id_of(r) in keep)  # type: ignore[misc]
        self.view.verticalScrollBar().setValue(scroll)
        self._update_count()
        self._update_hint()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Fit columns to their contents; the stretch column (or else the last) takes the rest."""
        columns = self.model.columns
        stretched = any(c.stretch for c in columns)
        for i, c in enumerate(columns if stretched else columns[:-1]):
            if not c.width and not c.stretch:
                self.view.resizeColumnToContents(i)
                self.view.setColumnWidth(i, min(self.view.columnWidth(i) + 12, 360))

    def rows(self) -> list[Any]:
        return self.model.rows()

    def visible_rows(self) -> list[Any]:
        return [self._row_at(self.proxy.index(i, 0)) for i in range(self.proxy.rowCount())]

    def _row_at(self, proxy_index: AnyIndex) -> Any:
        return self.model.row(self.proxy.mapToSource(proxy_index).row())

    def selected_rows(self) -> list[Any]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self._row_at(self.proxy.index(r, 0)) for r in rows]

    def selected(self) -> Any | None:
        rows = self.selected_rows()
        return rows[0] if rows else None

    def select_where(self, predicate: Callable[[Any], bool]) -> bool:
        """Select the visible rows matching `predicate` (only the first in a single-selection table)."""
        sel = self.view.selectionModel()
        sel.clearSelection()
        found = False
        single = self.view.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
        for i in range(self.proxy.rowCount()):
            if found and single:
                break
            idx = self.proxy.index(i, 0)
            if predicate(self._row_at(idx)):
                flags = sel.SelectionFlag.Select | sel.SelectionFlag.Rows
                sel.select(idx, flags)
                if not found:
                    sel.setCurrentIndex(idx, sel.SelectionFlag.NoUpdate)
                    self.view.scrollTo(idx)
                found = True
        return found

    def select_first(self) -> None:
        if self.proxy.rowCount():
            self.view.selectRow(0)
