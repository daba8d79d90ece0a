"""The one function that turns user text (exam title, 工号, 姓名) into a file name.

Every generated name goes through `safe_filename`, so no title or name can leave the chosen
folder (separators, "..", absolute paths), hide its real extension (bidi overrides), or be a
name Windows refuses (CON, COM1, trailing dots, control characters).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_NAME_BYTES", "safe_filename"]

# Windows forbids these; "/" and "\\" are separators everywhere.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
             "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}
MAX_NAME_BYTES = 200  # UTF-8 bytes of the stem: most file systems allow 255 for the whole name


def _visible(ch: str) -> bool:
    # Cc: control characters; Cf: format characters, which include the bidi overrides
    # (U+202E makes "gpj.exe" display as "exe.jpg") and zero-width joiners.
    return unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def safe_filename(text: str, suffix: str = "", fallback: str = "_") -> str:
    """`text` as one safe file name (plus `suffix`, e.g. ".pdf"), never a path.

    Removes separators and characters Windows forbids (each becomes "_"), "..", control, format
    and bidi characters; collapses spaces; strips leading and trailing dots and spaces; prefixes
    "_" to reserved device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9); limits the length.
    """
    s = unicodedata.normalize("NFC", str(text))
    s = "".join(ch if _visible(ch) else ("_" if ch in "\t\r\n" else "") for ch in s)
    s = _FORBIDDEN.sub("_", s)
    s = re.sub(r"\.{2,}", "_", s)  # no ".." anywhere, even where it is harmless
    s = re.sub(r"\s+", " ", s).strip(" .")
    encoded = s.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        s = encoded[:MAX_NAME_BYTES].decode("utf-8", errors="ignore").rstrip(" .")
    if not s:
        s = fallback
    # Windows reserves the device names with any extension too ("con.txt", "COM1 .pdf").
    if s.split(".")[0].rstrip(" ").upper() in _RESERVED:
        s = "_" + s
    return s + suffix
