"""The comparable form of a 工号 or 姓名 typed at a login.

Trainees type with a Chinese input method: full-width digits (Ｄ００１２), a `.` or `•` where
the roster has `·` (阿卜杜·热合曼), stray spaces. Both the roster value and the typed value go
through `login_key`, so the station login and practice login accept the same spellings.
"""

from __future__ import annotations

import re
import unicodedata

# after NFKC: · (U+00B7, also what U+0387 becomes), • ・ . ‧ ∙ ⋅ ● and the ideographic full stop
_DOTS_AND_SPACES = re.compile("[\\s\u00b7\u2022\u30fb.\u2027\u2219\u22c5\u25cf\u3002\u0387\u2024\ufe52]+")


def login_key(text: str) -> str:
    """NFKC, lower case, with every space and middle-dot variant removed.

    Dots are dropped rather than unified so that 阿卜杜热合曼, 阿卜杜 热合曼 and 阿卜杜·热合曼 agree:
    a login also needs the 工号, so two roster names differing only by a dot cannot collide.
    """
    return _DOTS_AND_SPACES.sub("", unicodedata.normalize("NFKC", text)).casefold()
