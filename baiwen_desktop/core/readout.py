"""Codes read out by phone (package passwords, key fingerprints): groups of four and how to say them."""

from __future__ import annotations

# How digits are read out over a noisy line (as on the radio): 1 幺, 2 两, 7 拐, 9 勾, 0 洞.
SPOKEN_DIGITS = dict(zip("0123456789", "洞幺两三四五六拐八勾", strict=True))


def groups_of(code: str) -> list[str]:
    """ "ab12-cd34 ef56" → ["AB12", "CD34", "EF56"]: groups of four, upper case, separators dropped."""
    plain = "".join(ch for ch in code.upper() if ch.isalnum())
    return [plain[i : i + 4] for i in range(0, len(plain), 4)]


def spoken(group: str) -> str:
    """ "AB12" → "A B 幺 两": how to say a group on the phone."""
    return " ".join(SPOKEN_DIGITS.get(ch, ch) for ch in group)
