"""Whether JSON text may hold an integer orjson cannot keep exact (one beyond 64 bits).

orjson reads such an integer as a float; a text that may hold one goes to the standard library,
which keeps it exact. Used by the store's JSON columns and by the package reader.
"""

from __future__ import annotations

import re

# An integer beyond 64 bits, which orjson would read as a float: 19 digits or more (one above
# 2**64 has 20, one below -2**63 already 19) where JSON puts a number, after the start of the
# text, "[", ",", ":" or JSON whitespace, and an optional "-". The same digits inside a string
# (a snapshot's hex digest, a stem) are not a number: no need for the slower standard library.
_LONG_NUMBER = re.compile(r"(?:^|[\[,: \t\n\r])-?[0-9]{19}")
# The same test on long texts (a frozen paper): the regular expression costs several times
# orjson's whole parse there, while bytes.translate maps each byte through a table in C. In
# UTF-8 no byte of a multi-byte character is ASCII, so the runs found are the same.
_TABLE = bytes(0x30 if 0x30 <= b <= 0x39 else 0x7C if b in b"[,: \t\n\r" else 0x2D if b == 0x2D else 0x2E for b in range(256))
_RUNS = (b"|" + b"0" * 19, b"|-" + b"0" * 19)
_SHORT = 256  # characters: below this the regular expression is the cheaper test


def may_hold_long_number(text: str | bytes) -> bool:
    if len(text) < _SHORT:
        return bool(_LONG_NUMBER.search(text if isinstance(text, str) else text.decode()))
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    mapped = b"|" + raw.translate(_TABLE)  # the start of the text counts as a separator
    return _RUNS[0] in mapped or _RUNS[1] in mapped
