"""The trainer console: a navigation list on the left, one module page on the right."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.services import settings
from baiwen_desktop.services.accounts import TrainerInfo
from baiwen_desktop.ui.trainer.common import TrainerContext, TrainerPage, run_guarded


@dataclass(frozen=True)
class Module:
    key: str
    label: str
    target: str  # "module:Class", imported when first opened so the console starts fast


def _t(text: str) -> str:
    return QCoreApplication.translate("ConsolePage", text)


def modules() -> list[Module]:
    """The console's modules, in menu order. Add an entry here to add a page."""
    return [
        Module("bank", _t("题库"), "bank_page:BankPage"),
        Module("roster", _t("考生"), "roster_page:RosterPage"),
        Module("exams", _t("考试"), "exam_page:ExamPage"),
        Module("sessions", _t("考场"), "session_page:SessionPage"),
        Module("review", _t("阅卷"), "review_page:ReviewPage"),
        Module("results", _t("成绩"), "results_page:ResultsPage"),
        Module("practice", _t("练习"), "practice_page:PracticePage"),
        Module("exchange", _t("数据交换"), "exchange_page:ExchangePage"),
        Module("audit", _t("日志"), "audit_page:AuditPage"),
        Module("certificates", _t("证书核验"), "cert_page:CertPage"),
        Module("settings", _t("设置"), "settings_page:SettingsPage"),
    ]


class ConsolePage(QWidget):
    def __init__(self, window: Any, trainer: TrainerInfo) -> None:
        super().__init__()
        self.ctx = TrainerContext(window, trainer)
        self.modules = modules()
        self._pages: dict[str, TrainerPage] = {}

        self.org_label = QLabel()
        self.org_label.setStyleSheet("font-size:16px; font-weight:bold; color:white;")
        user = QLabel(self.tr("当前用户：{0}").format(trainer.display_name or trainer.username))
        user.setStyleSheet("color:#dbe6f0;")
        self.logout_button = QPushButton(self.tr("退出管理"))
        self.logout_button.setToolTip(self.tr("退出管理，回到考生使用的考试首页"))
        self.logout_button.clicked.connect(window.go_home)
        top = QFrame()
        top.setObjectName("consoleTop")
        top.setStyleSheet("#consoleTop { background:#1f3b57; }")
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(16, 8, 16, 8)
        top_row.addWidget(self.org_label)
        top_row.addStretch(1)
        top_row.addWidget(user)
        top_row.addSpacing(12)
        top_row.addWidget(self.logout_button)

        self.nav = QListWidget()
        self.nav.setFixedWidth(150)
        self.nav.setObjectName("consoleNav")
        self.nav.setStyleSheet(
            "#consoleNav { background:#f3f5f8; border:none; border-right:1px solid #d5dbe3; font-size:16px; }"
            "#consoleNav::item { padding:12px 18px; }"
            "#consoleNav::item:selected { background:#2d6cb5; color:white; }"
        )
        for m in self.modules:
            item = QListWidgetItem(m.label)
            item.setData(Qt.ItemDataRole.UserRole, m.key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.nav.currentRowChanged.connect(self._show_row)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addLayout(body, 1)
        self._load_title()
        self.nav.setCurrentRow(0)

    def _load_title(self) -> None:
        def show(cfg: dict[str, str]) -> None:
            parts = [cfg.get("organisation", ""), cfg.get("station", "") or self.ctx.station]
            self.org_label.setText(self.tr("百问百查考试系统 · 管理") + "  " + " · ".join(p for p in parts if p))

        run_guarded(self, settings.get_all, self.ctx.store, on_done=show)

    def page(self, key: str) -> TrainerPage:
        """The page of a module, created on first use."""
        if key not in self._pages:
            module = next(m for m in self.modules if m.key == key)
            mod_name, cls_name = module.target.split(":")
            cls = getattr(importlib.import_module(f"baiwen_desktop.ui.trainer.{mod_name}"), cls_name)
            page = cls(self.ctx)
            self._pages[key] = page
            self.stack.addWidget(page)
        return self._pages[key]

    def open(self, key: str) -> TrainerPage:
        """Switch to a module (as clicking it in the menu does) and return its page."""
        row = next(i for i, m in enumerate(self.modules) if m.key == key)
        if self.nav.currentRow() == row:
            self._show_row(row)
        else:
            self.nav.setCurrentRow(row)
        return self._pages[key]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(self.modules[row].key)
        self.stack.setCurrentWidget(page)
        page.refresh()
