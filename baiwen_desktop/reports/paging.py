"""Page decoration that needs the page count: 第 x 页 / 共 y 页, per group of pages.

The canvas holds every finished page until ``save()``; by then the number of pages of each
group (one group per candidate in a batch of score sheets) is known, and the header/footer
callback draws on each page before it is emitted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

__all__ = ["GroupMark", "PageInfo", "deferred_canvas"]


@dataclass(frozen=True, slots=True)
class PageInfo:
    page_in_group: int  # 1-based
    pages_in_group: int
    group_data: Any  # what the group's GroupMark carried (e.g. the candidate)


Decorate = Callable[[Canvas, PageInfo], None]


def deferred_canvas(decorate: Decorate) -> type[Canvas]:
    """A Canvas class for ``doc.build(canvasmaker=...)`` that calls ``decorate`` on every page."""

    class _DeferredCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._bw_pages: list[dict[str, Any]] = []
            self.bw_group = 0
            self.bw_group_data: Any = None

        def showPage(self) -> None:
            # Keep the page's state (content stream included) and start a fresh one.
            self._bw_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            per_group = Counter(state["bw_group"] for state in self._bw_pages)
            seen: Counter[int] = Counter()
            for state in self._bw_pages:
                self.__dict__.update(state)
                seen[self.bw_group] += 1
                decorate(self, PageInfo(seen[self.bw_group], per_group[self.bw_group], self.bw_group_data))
                Canvas.showPage(self)
            Canvas.save(self)

    return _DeferredCanvas


class GroupMark(Flowable):
    """Zero-size flowable: pages from here on belong to group ``group`` (place it after a PageBreak)."""

    def __init__(self, group: int, data: Any = None, on_draw: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.group = group
        self.data = data
        self.on_draw = on_draw
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv: Any = self.canv
        canv.bw_group = self.group
        canv.bw_group_data = self.data
        if self.on_draw is not None:
            self.on_draw()
