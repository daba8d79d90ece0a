"""Text formatting shared by the documents (no ReportLab here)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from baiwen_desktop.core.numbers import format_score

__all__ = ["fmt_date", "fmt_duration", "fmt_percent", "fmt_ratio", "fmt_score", "para_text"]


def fmt_score(value: Decimal | float) -> str:
    """The one number rule (core.numbers): 70.19 → '70.2', 90.00 → '90'."""
    return format_score(value)


def fmt_duration(seconds: int) -> str:
    """45分12秒, 1小时02分05秒."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}小时{minutes:02d}分{secs:02d}秒"
    return f"{minutes}分{secs:02d}秒"


def fmt_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def fmt_percent(rate: float) -> str:
    """0..1 → '87.5%'."""
    return f"{rate * 100:.1f}%"


def fmt_ratio(value: float | None, digits: int = 2) -> str:
    """Statistic such as P, D, r_pb; '—' when not computable."""
    return "—" if value is None else f"{value:.{digits}f}"


def para_text(text: str) -> str:
    """Escape user text for a ReportLab Paragraph, keeping line breaks."""
    return escape(text).replace("\n", "<br/>")
