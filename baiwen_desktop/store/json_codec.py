"""How the JSON columns (frozen papers, exam definitions, responses) are written and read.

orjson: a 100-question frozen paper is ≈ 120 KB of JSON, and an HQ with 3,000 papers reads and
writes hundreds of MB of it; orjson does that several times faster than the standard library.
Whatever orjson refuses (integers beyond 64 bits, non-text keys) goes through the standard
library as before, so nothing that could be stored before is refused now. Either reads the other's
output: both are plain JSON (orjson writes Chinese as UTF-8 rather than \\u escapes; a NaN,
which nothing here stores, would be written as null).
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from baiwen_desktop.core.json_numbers import may_hold_long_number


def dumps(value: Any) -> str:
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(value)


def loads(text: str | bytes) -> Any:
    # UTF-8 bytes (a paper read as SQLite's bytes) go to the long-number test and orjson as they are:
    # decoding them to text only for the test to encode them again costs as much as the test
    if may_hold_long_number(text):
        return json.loads(_text(text))
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # NaN/Infinity, as the standard library writes them (bytes not UTF-8: decode raises, as before)
        return json.loads(_text(text))


def _text(text: str | bytes) -> str:
    return text.decode() if isinstance(text, bytes) else text
