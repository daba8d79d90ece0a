"""The exam window's keyboard: A–F/1–6 choose, ↑/↓ + Space for the option cursor, ←/→,
PgUp/PgDn and Ctrl+←/Ctrl+→ move, Ctrl+M marks, Ctrl+Enter opens 交卷; Alt+F4 and Esc never close.

Letters typed into a 填空/简答 box stay in the box: only PgUp/PgDn, Ctrl+←/Ctrl+→, Ctrl+M,
Ctrl+Enter and Esc (leave the box) act there, so PgDn or Ctrl+→ reaches the next question from
every type. Pasting is refused (closed book). In the 交卷 panel Enter presses the focused button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QPushButton

from baiwen_desktop.ui.station.answer_widgets import OptionsAnswer

if TYPE_CHECKING:
    from baiwen_desktop.ui.station.exam_window import ExamWindow


def handle_key(win: ExamWindow, e: QKeyEvent) -> bool:
    """Returns True when the key was used (or must be swallowed)."""
    key, mods = e.key(), e.modifiers()
    K = Qt.Key
    ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
    focus = QApplication.focusWidget()
    in_text = isinstance(focus, (QLineEdit, QPlainTextEdit))
    if key == K.Key_F4 and mods & Qt.KeyboardModifier.AltModifier:
        win.refuse_close()
        return True
    if win.finishing:
        return not win.overlay.has_button
    if in_text and (e.matches(QKeySequence.StandardKey.Paste) or (key == K.Key_Insert and mods & Qt.KeyboardModifier.ShiftModifier)):
        return True  # closed book: nothing is pasted in
    if win.overlay.isVisible():
        if key in (K.Key_Return, K.Key_Enter, K.Key_Space):
            win.overlay.press()
        return True
    if win.submit_panel.isVisible():
        if key == K.Key_Escape:
            win.submit_panel.cancel()
            return True
        if key in (K.Key_Return, K.Key_Enter) and isinstance(focus, QPushButton) and win.submit_panel.isAncestorOf(focus):
            focus.click()  # outside a QDialog a button takes only Space; Enter must work too
            return True
        return False  # Tab and Space work the panel's buttons
    if key == K.Key_Escape:
        if in_text:
            win.setFocus()  # leave the box, so letters choose answers again
        else:
            win.refuse_close()
        return True
    if ctrl and key in (K.Key_Return, K.Key_Enter):
        win.open_submit()
        return True
    if ctrl and key == K.Key_M:
        win.toggle_mark()
        return True
    if key in (K.Key_PageDown, K.Key_PageUp):
        win.go(win.model.current + (1 if key == K.Key_PageDown else -1))
        return True
    if ctrl and key in (K.Key_Right, K.Key_Left):  # also inside a 填空/简答 box, where → moves the text cursor
        win.go(win.model.current + (1 if key == K.Key_Right else -1))
        return True
    if in_text or mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
        return False
    if key in (K.Key_Right, K.Key_Left):
        win.go(win.model.current + (1 if key == K.Key_Right else -1))
        return True
    return _answer_key(win, key)

def _answer_key(win: ExamWindow, key: int) -> bool:
    K = Qt.Key
    answer = win.view.answer if win.view is not None else None
    if isinstance(answer, OptionsAnswer):
        if K.Key_A <= key <= K.Key_F or K.Key_1 <= key <= K.Key_6:
            index = key - (K.Key_A if key >= K.Key_A else K.Key_1)
            if index < answer.option_count:
                answer.choose(index)
            return True
        if key in (K.Key_Up, K.Key_Down):
            answer.move_cursor(-1 if key == K.Key_Up else 1)
            return True
        if key == K.Key_Space:
            answer.toggle_cursor()
            return True
        return False
    first = getattr(answer, "first_input", None)
    if first is not None and key in (K.Key_Return, K.Key_Enter, K.Key_Down):
        first().setFocus()
        return True
    return False
