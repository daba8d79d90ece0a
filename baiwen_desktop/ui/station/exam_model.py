"""The candidate's paper while sitting: responses, marks and the current question."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from baiwen_desktop.core.grading import Response, is_answered, is_complete
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.services.attempts import AttemptState


class ExamModel(QObject):
    answer_changed = Signal(int)  # position: response or mark changed
    current_changed = Signal(int)

    def __init__(self, state: AttemptState) -> None:
        super().__init__()
        self.state = state
        self.items: tuple[PaperItem, ...] = state.paper.items
        self.responses: list[Response] = list(state.responses)
        self.marked: list[bool] = list(state.marked)
        self.current = min(max(state.current_index, 0), len(self.items) - 1)

    @property
    def count(self) -> int:
        return len(self.items)

    def item(self, pos: int | None = None) -> PaperItem:
        return self.items[self.current if pos is None else pos]

    def answered(self, pos: int) -> bool:
        """已答: complete (a 填空 with every blank filled)."""
        return is_complete(self.items[pos], self.responses[pos])

    def answered_count(self) -> int:
        return sum(self.answered(i) for i in range(self.count))

    def unanswered(self) -> list[int]:
        """Nothing entered at all."""
        return [i for i in range(self.count) if not is_answered(self.items[i], self.responses[i])]

    def partly_answered(self) -> list[int]:
        """Something entered but not complete: a 填空 with an empty blank."""
        return [i for i in range(self.count) if is_answered(self.items[i], self.responses[i]) and not self.answered(i)]

    def marked_positions(self) -> list[int]:
        return [i for i in range(self.count) if self.marked[i]]

    def set_response(self, pos: int, response: Response) -> bool:
        if self.responses[pos] == response:
            return False
        self.responses[pos] = response
        self.answer_changed.emit(pos)
        return True

    def toggle_mark(self, pos: int | None = None) -> bool:
        p = self.current if pos is None else pos
        self.marked[p] = not self.marked[p]
        self.answer_changed.emit(p)
        return self.marked[p]

    def go(self, pos: int) -> bool:
        pos = min(max(pos, 0), self.count - 1)
        if pos == self.current:
            return False
        self.current = pos
        self.current_changed.emit(pos)
        return True
