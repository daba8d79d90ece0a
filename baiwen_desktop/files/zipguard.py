"""Refuse zip packages (XLSX, DOCX, QTI…) that would inflate to absurd sizes, before any parser opens them.

Python's zipfile never returns more bytes for a member than its directory entry declares
(a longer stream fails with "Bad CRC" or is cut), so checking the declared sizes bounds
what a parser such as openpyxl can be made to hold in memory.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from baiwen_desktop.core.errors import BaiwenError

MAX_TOTAL_BYTES = 100 * 1024 * 1024  # everything unpacked; a 5,000-question bank is about 3 MB
MAX_RATIO = 100  # uncompressed : compressed, for a member big enough to matter
RATIO_FLOOR_BYTES = 1024 * 1024  # a small member may compress 1000:1 (blank styles) and still be harmless
MAX_MEMBERS = 10_000


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def check_zip(
    path: Path,
    kind: str = "Excel",
    *,
    max_total: int = MAX_TOTAL_BYTES,
    max_ratio: int = MAX_RATIO,
    max_members: int = MAX_MEMBERS,
) -> None:
    """Raise BaiwenError (one line, naming the file) unless `path` is a zip of sane size and ratio.

    `kind` names the format in the message ("Excel", "Word", "QTI").
    """
    name = Path(path).name
    try:
        with zipfile.ZipFile(path) as zf:
            check_zipfile(zf, name, kind, max_total=max_total, max_ratio=max_ratio, max_members=max_members)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise BaiwenError(f"{name}：不是有效的 {kind} 文件（文件已损坏或不是 zip 格式）", f"{name}: not a valid {kind} file (damaged, or not a zip package)") from None


def check_zipfile(
    zf: zipfile.ZipFile,
    name: str,
    kind: str = "zip",
    *,
    max_total: int = MAX_TOTAL_BYTES,
    max_ratio: int = MAX_RATIO,
    max_members: int = MAX_MEMBERS,
) -> None:
    """The same check for a package already open (in memory, or a member of another package)."""
    infos = zf.infolist()
    if len(infos) > max_members:
        raise BaiwenError(f"{name}：压缩包内有 {len(infos)} 个部件，超过上限 {max_members}，拒绝打开", f"{name}: the package holds {len(infos)} parts (limit {max_members}); refused")
    total = sum(i.file_size for i in infos)
    if total > max_total:
        raise BaiwenError(
            f"{name}：解压后共 {_mb(total)}，超过上限 {_mb(max_total)}，疑似压缩炸弹，拒绝打开",
            f"{name}: unpacks to {_mb(total)}, over the {_mb(max_total)} limit (possibly a zip bomb); refused",
        )
    for i in infos:
        if i.file_size > RATIO_FLOOR_BYTES and i.file_size > max_ratio * max(i.compress_size, 1):
            ratio = i.file_size // max(i.compress_size, 1)
            raise BaiwenError(
                f"{name}：部件 {i.filename[:80]} 的压缩比为 {ratio}:1，超过上限 {max_ratio}:1，疑似压缩炸弹，拒绝打开",
                f"{name}: part {i.filename[:80]} has a compression ratio of {ratio}:1, over {max_ratio}:1 (possibly a zip bomb); refused",
            )
