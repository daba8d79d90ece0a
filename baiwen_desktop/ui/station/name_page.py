"""First start of a PC: name it (kept in its data folder; 考场 shows it beside each candidate)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from baiwen_desktop.services import station
from baiwen_desktop.services.station import StationIdentity
from baiwen_desktop.ui.operations import error_text, run_op
from baiwen_desktop.ui.station.page import prepare_page
from baiwen_desktop.ui.station.widgets import button, card, guarded, label


class StationNamePage(QWidget):
    def __init__(self, window: Any) -> None:
        super().__init__()
        self.window_ = window
        self.busy = False
        prepare_page(self, window)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 28, 48, 28)
        outer.setSpacing(14)
        outer.addWidget(label(self.tr("给这台电脑起个名字"), "title"))
        outer.addWidget(label(self.tr("考场里，监考老师按这个名字找到每位考生坐在哪台电脑前。以后可以在「管理 → 设置」中修改。"), "big"))
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(36, 24, 36, 28)
        lay.setSpacing(12)
        lay.addWidget(label(self.tr("本机名称"), "fieldname"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("例如：3号机、培训室A-12"))
        self.name.setMaxLength(station.MAX_NAME)
        self.name.setMaximumWidth(520)
        self.name.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.name.returnPressed.connect(self.submit)
        lay.addWidget(self.name)
        outer.addWidget(box)
        self.error = label("", "error")
        self.error.hide()
        outer.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = button(self.tr("保存"), "primary", self.submit)
        self.save_button.setMinimumWidth(260)
        row.addWidget(self.save_button)
        outer.addLayout(row)
        outer.addStretch(1)
        self.name.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        if not self.name.text().strip():
            self._failed(None)
            return
        self.busy = True
        self.save_button.setEnabled(False)
        run_op(
            self, station.rename_station, self.window_.store.data_dir, self.name.text(),
            on_done=guarded(self, self._saved), on_error=guarded(self, self._failed),
        )

    def _saved(self, ident: StationIdentity) -> None:
        self.window_.identity = ident
        self.window_.go_home()

    def _failed(self, e: BaseException | None) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.error.setText(error_text(e) if e is not None else self.tr("请填写本机名称"))
        self.error.show()
        self.name.setFocus()
