"""Answer normalisation for fill-in-the-blank and short-answer grading.

Both the key and the candidate's text go through `normalise`, so any rewriting
(Chinese numerals to digits, say) only has to be consistent, not reversible.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_TRAILING_PUNCT = "。.，,；;：:！!？?、…~～-—\"'“”‘’）)】]》>"
_LEADING_PUNCT = "“‘\"'（(【[《<"
_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000}
_NUMERAL_RUN = re.compile("[零〇一二两三四五六七八九十百千]+")
_WS = re.compile(r"\s+")


def chinese_to_int(text: str) -> int | None:
    """Parse a Chinese numeral for a whole number 0..1000; None if it is not one.

    Accepts the usual forms: 三, 十五, 四十五, 一百零五, 一百一十, 两百, 一千.
    A bare digit string such as 二〇二六 is not a count, so it is rejected.
    """
    if not text:
        return None
    if len(text) > 1 and all(c in _DIGIT for c in text):
        return None
    total, digit, last_unit, after_zero = 0, None, 10_000, False
    for ch in text:
        if ch in _DIGIT:
            value = _DIGIT[ch]
            if digit is not None:
                return None  # 三四
            if value == 0:
                if total == 0:
                    return 0 if len(text) == 1 else None
                if after_zero:
                    return None
                after_zero = True
                continue
            digit = value
            continue
        unit = _UNIT[ch]
        if unit >= last_unit:
            return None  # 十百
        if digit is None:
            if ch != "十" or total != 0:
                return None  # 百, 一百十
            digit = 1  # 十五
        total += digit * unit
        last_unit, digit, after_zero = unit, None, False
    if after_zero and digit is None:
        return None  # 一千零
    if digit is not None:
        if 10 < last_unit < 10_000 and not after_zero:
            return None  # 两百五 is colloquial for 250; too ambiguous to accept
        total += digit
    return total if total <= 1000 else None


def _numerals_to_digits(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        value = chinese_to_int(m.group(0))
        return m.group(0) if value is None else str(value)

    return _NUMERAL_RUN.sub(repl, text)


def normalise(text: str) -> str:
    """The comparable form of an answer text.

    NFKC folds full-width forms (９０ → 90, ％ → %); white space is removed; trailing
    (and wrapping) punctuation is dropped; Latin letters are lower-cased; Chinese
    numerals for whole numbers up to 1000 become digits.
    """
    s = unicodedata.normalize("NFKC", text).casefold()
    # removing spaces can join a base letter to a combining mark: compose again
    s = unicodedata.normalize("NFKC", _WS.sub("", s))
    # until stable: dropping a leading "<" can bare a ">" that the first strip would have taken ("<>0")
    while (t := s.strip(_TRAILING_PUNCT).lstrip(_LEADING_PUNCT)) != s:
        s = t
    return _numerals_to_digits(s)


def contains_keyword(normalised_text: str, keyword: str) -> bool:
    """Whether a 简答 keyword occurs in an already normalised answer."""
    k = _normalised_keyword(keyword)
    return bool(k) and k in normalised_text


@functools.lru_cache(maxsize=4096)
def _normalised_keyword(keyword: str) -> str:
    """A bank's keywords are few and met for every answer graded (HQ grades thousands of 简答 in a merge)."""
    return normalise(keyword)
