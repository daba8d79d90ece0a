"""Dates written in Chinese numerals, as on certificates: 二〇二六年十一月二十七日."""

from __future__ import annotations

from datetime import date

__all__ = ["chinese_date", "chinese_number"]

_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..99 in the way months and days are read: 10→十, 20→二十, 31→三十一."""
    if not 1 <= n <= 99:
        raise ValueError(f"chinese_number supports 1..99, got {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


def chinese_date(d: date) -> str:
    """2026-11-27 → 二〇二六年十一月二十七日 (year digit by digit, month/day as numbers)."""
    year = "".join(_DIGITS[int(ch)] for ch in f"{d.year:04d}")
    return f"{year}年{chinese_number(d.month)}月{chinese_number(d.day)}日"
