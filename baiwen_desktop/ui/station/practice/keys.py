"""The exam's option keys, shared by the practice and mock pages: A–F/1–6 choose, ↑/↓ move, Space toggles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from baiwen_desktop.ui.station.answer_widgets import OptionsAnswer


def option_key(answer: QWidget | None, key: int) -> bool:
    """True when the key chose or moved (an options question only)."""
    K = Qt.Key
    if not isinstance(answer, OptionsAnswer):
        return False
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
