"""Trainee display settings (字号, 高对比) and the style sheets that follow them.

The station default comes from the database settings (font_scale, high_contrast); a choice
made with A-/A+ or the contrast toggle is remembered per station in `window.prefs`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from string import Template
from typing import Any

from PySide6.QtWidgets import QWidget

from baiwen_desktop.resources import resources_dir

SCALES = (0.85, 1.0, 1.15, 1.3, 1.5)
# sizes in px at scale 1.0: large on purpose, the readers are often past fifty
_FONT_PX = {"star": 14, "small": 18, "body": 21, "big": 24, "option": 25, "stem": 27, "title": 34, "clock": 34, "huge": 60}
_BOX_PX = {"button": 52, "hero": 84, "small": 38, "input": 56, "cell": 44, "scroll": 18, "badge": 22, "check": 26}


@dataclass(frozen=True)
class Display:
    scale: float = 1.0
    high_contrast: bool = False

    def px(self, base: int) -> int:
        return round(base * self.scale)

    def bigger(self) -> Display:
        return Display(_step(self.scale, +1), self.high_contrast)

    def smaller(self) -> Display:
        return Display(_step(self.scale, -1), self.high_contrast)

    def toggled(self) -> Display:
        return Display(self.scale, not self.high_contrast)


def _step(scale: float, direction: int) -> float:
    i = min(range(len(SCALES)), key=lambda k: abs(SCALES[k] - scale))
    return SCALES[max(0, min(len(SCALES) - 1, i + direction))]


def _station_key(window: Any, name: str) -> str:
    return f"station_display/{window.station or 'default'}/{name}"


def _as_bool(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes")


def remember_defaults(window: Any, settings: dict[str, str]) -> None:
    """Keep the station defaults from the database where pages can read them without a query."""
    window.prefs.setValue("station_display/default_scale", settings.get("font_scale", "1.0"))
    window.prefs.setValue("station_display/default_contrast", settings.get("high_contrast", "0"))


def load_display(window: Any) -> Display:
    prefs = window.prefs
    scale = prefs.value(_station_key(window, "font_scale"), prefs.value("station_display/default_scale", "1.0"))
    contrast = prefs.value(_station_key(window, "high_contrast"), prefs.value("station_display/default_contrast", "0"))
    try:
        scale_f = float(scale)
    except (TypeError, ValueError):
        scale_f = 1.0
    return Display(_step(scale_f, 0), _as_bool(contrast))


def save_display(window: Any, display: Display) -> None:
    window.prefs.setValue(_station_key(window, "font_scale"), str(display.scale))
    window.prefs.setValue(_station_key(window, "high_contrast"), "1" if display.high_contrast else "0")
    window.prefs.sync()


@cache
def _read(name: str) -> str:
    path = resources_dir() / "styles" / name
    return path.read_text(encoding="utf-8") if path.exists() else ""


def style_sheet(display: Display) -> str:
    tokens = {f"f_{k}": f"{display.px(v)}px" for k, v in _FONT_PX.items()}
    tokens |= {f"h_{k}": f"{display.px(v)}px" for k, v in _BOX_PX.items()}
    tokens["s_scroll"] = f"{display.px(_BOX_PX['scroll'])}px"
    tokens["r_badge"] = f"{display.px(_BOX_PX['badge'])}px"
    text = _read("station.qss")
    if display.high_contrast:
        text += "\n" + _read("station_high_contrast.qss")
    return Template(text).safe_substitute(tokens)


def apply_display(widget: QWidget, display: Display) -> None:
    widget.setStyleSheet(style_sheet(display))


def badge_px(display: Display) -> int:
    """Side of the round A/B/C badge in front of an option."""
    return display.px(2 * _BOX_PX["badge"])
