"""What every console page shares: who is logged in, an inline notice bar, safe background calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from baiwen_desktop.services.accounts import TrainerInfo
from baiwen_desktop.ui.operations import error_text, run_op

NOTICE_STYLES = {
    "error": "background:#fdecea; color:#8a1c14; border:1px solid #f1b0a8;",
    "info": "background:#e8f4ea; color:#1d5c2b; border:1px solid #a9d5b2;",
    "warn": "background:#fff6e0; color:#7a5200; border:1px solid #f0d28a;",
}


@dataclass
class TrainerContext:
    """The logged-in trainer and the main window (store, station) every page works with."""

    window: Any  # MainWindow; typed loosely to avoid an import cycle with main_window
    trainer: TrainerInfo
    issuer: Any = None  # services.certs.Issuer once the 签发口令 is entered; forgotten at logout

    @property
    def store(self) -> Any:
        return self.window.store

    @property
    def actor(self) -> str:
        return self.trainer.username

    @property
    def station(self) -> str:
        return str(self.window.station or "")


def alive(widget: QWidget) -> bool:
    """False once Qt has deleted the widget (a background call may finish after its page closed)."""
    return shiboken6.isValid(widget)


def run_guarded(
    widget: QWidget,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    progress_text: str | None = None,
    **kwargs: Any,
) -> None:
    """`run_op`, but the callbacks are dropped if the widget is gone by the time the call returns."""

    def done(result: Any) -> None:
        if alive(widget) and on_done is not None:
            on_done(result)

    def failed(e: BaseException) -> None:
        if alive(widget) and on_error is not None:
            on_error(e)

    run_op(widget, fn, *args, on_done=done, on_error=failed, progress_text=progress_text, **kwargs)


class Notice(QLabel):
    """A message bar. Inline in dialogs (errors next to the work, not in a popup).

    On a console page (`overlay=True`) it floats in the title row instead of taking a line of its
    own, so showing it never pushes the page down under the mouse: 成功 messages fade after
    INFO_MS, warnings and errors stay until clicked or replaced. Long errors grow downward over
    the page until clicked away."""

    INFO_MS = 8000

    def __init__(self, parent: QWidget | None = None, overlay: bool = False, anchor: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overlay = overlay
        self.anchor = anchor  # overlay: the title label the bar sits beside
        self.setWordWrap(True)
        self.setContentsMargins(10, 6, 10, 6)
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.timeout.connect(self._fade_out)
        if overlay and parent is not None:
            self.setContentsMargins(0, 0, 0, 0)  # the style's padding is enough: one line as tall as the title
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            parent.installEventFilter(self)
        else:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    kind = ""  # "info", "warn" or "error" while a message shows

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind if text else ""
        shadow = " border-width:1px 1px 2px 1px;" if self.overlay else ""
        self.setStyleSheet(f"QLabel {{ {NOTICE_STYLES[kind]} border-radius:4px; padding:6px 10px;{shadow} }}")
        self.setText(text)
        self.setToolTip(self.tr("点击关闭") if self.overlay and text else "")
        self._fade.stop()
        if self.overlay and text and kind == "info":
            self._fade.start(self.INFO_MS)
        self.setVisible(bool(text))
        if self.overlay and text:
            self.place()
            self.raise_()

    def show_error(self, e: BaseException | str) -> None:
        self.show_message(e if isinstance(e, str) else error_text(e), "error")

    def clear_message(self) -> None:
        self.kind = ""
        self._fade.stop()
        self.setText("")
        self.hide()

    def _fade_out(self) -> None:
        if self.underMouse():  # being read: try again later
            self._fade.start(2000)
            return
        self.hide()

    def place(self) -> None:
        """Beside the anchor (the page title), across to the right edge of the page."""
        page = self.parentWidget()
        if page is None:
            return
        margin = 18
        left = self.anchor.geometry().left() + self.anchor.sizeHint().width() + 24 if self.anchor is not None else margin
        top = self.anchor.geometry().top() - 2 if self.anchor is not None else margin
        width = max(200, page.width() - left - margin)
        row = self.anchor.height() + 4 if self.anchor is not None else 0
        self.setGeometry(left, max(0, top), width, max(row, self.heightForWidth(width)))

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if obj is self.parentWidget() and e.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) and self.isVisible():
            self.place()
        return False

    def mousePressEvent(self, e: QMouseEvent) -> None:
        if self.overlay:
            self._fade.stop()
            self.hide()
            return
        super().mousePressEvent(e)


class Runner:
    """Background calls for one widget: counts what is still running, routes errors to a default."""

    def __init__(self, widget: QWidget, on_error: Callable[[BaseException], None]) -> None:
        self.widget = widget
        self.on_error = on_error
        self.pending = 0

    @property
    def busy(self) -> bool:
        return self.pending > 0

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        progress_text: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.pending += 1

        def done(result: Any) -> None:
            self.pending -= 1
            if on_done is not None:
                on_done(result)

        def failed(e: BaseException) -> None:
            self.pending -= 1
            (on_error or self.on_error)(e)

        run_guarded(self.widget, fn, *args, on_done=done, on_error=failed, progress_text=progress_text, **kwargs)


class TrainerPage(QWidget):
    """A console page: a title, a one-line hint, a notice bar, then the page's own body."""

    def __init__(self, ctx: TrainerContext, title: str, hint: str = "") -> None:
        super().__init__()
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 14)
        outer.setSpacing(8)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        heading.setStyleSheet("font-size:20px; font-weight:bold;")
        outer.addWidget(heading)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setWordWrap(True)
            hint_label.setStyleSheet("color:#555;")
            outer.addWidget(hint_label)
        self.notice = Notice(self, overlay=True, anchor=heading)  # floats beside the title: never pushes the page down
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        outer.addLayout(self.body, 1)
        self.runner = Runner(self, self.notice.show_error)

    @property
    def busy(self) -> bool:
        """True while a background call of this page is running (tests wait on it)."""
        return self.runner.busy

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """A service call off the UI thread; failures land in the notice bar unless handled."""
        self.runner.run(fn, *args, **kwargs)

    def refresh(self) -> None:
        """Reload the page's data; called each time the page is shown."""

    def confirm(self, title: str, text: str) -> bool:
        return ask(self, title, text)

    def open_module(self, key: str) -> None:
        """Switch the console to another module (an empty page's "next step" button)."""
        w = self.parentWidget()
        while w is not None and not hasattr(w, "modules"):
            w = w.parentWidget()
        if w is not None:
            w.open(key)  # type: ignore[attr-defined]


def _t(text: str) -> str:
    return QCoreApplication.translate("TrainerPage", text)


def ask(parent: QWidget, title: str, text: str) -> bool:
    """A 是/否 question whose safe answer (否) is the default.

    Built by hand rather than with QMessageBox.question so the buttons read 是/否 even when
    Qt's own translations are not installed."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, title, text, yes | no, parent)
    box.button(yes).setText(_t("是"))
    box.button(no).setText(_t("否"))
    box.setDefaultButton(no)
    return box.exec() == yes


def ask_text(parent: QWidget, title: str, label: str, text: str = "", items: list[str] | None = None) -> str | None:
    """One line of input (or a choice that may also be typed); None when cancelled or empty."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOkButtonText(_t("确定"))
    dialog.setCancelButtonText(_t("取消"))
    if items is not None:
        dialog.setComboBoxItems(items)
        dialog.setComboBoxEditable(True)
    dialog.setTextValue(text)
    dialog.resize(420, dialog.sizeHint().height())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.textValue().strip() or None

