"""The certificate's QR Code symbol: libzint (zint-bindings) encodes it, the data mask is chosen here.

ISO/IEC 18004 (§7.8.3) asks the encoder to try all eight data masks and keep the one with the lowest
penalty. libzint does that in byte-per-module C loops: most of its 0.8 ms per certificate symbol.
Yet the symbol it makes with mask k differs from its symbol with mask 0 only by a pattern that
depends on the symbol size alone (mask k ⊕ mask 0 over the data modules, and the format
information), so: encode once with mask 0, derive the other seven by XOR with those patterns (taken
from libzint itself, once per size), score all eight with whole-symbol integer bit operations under
the same rules and the same reading as libzint (outside the symbol is light; a finder-like pattern
counts once when either side of it is light), and keep the lowest, the first on a tie, as libzint
does. tests/reports/test_qr_symbol.py holds the result equal to libzint's own choice.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple

import zint

__all__ = ["Symbol", "qr_symbol"]

_LEVEL_M = 2  # libzint's option_1 for error correction level M
_MASKS = range(8)


class Symbol(NamedTuple):
    """A level-M QR Code symbol of n×n modules. ``rows``: n rows of ``stride`` bytes, top row first;
    module c of a row is bit c % 8 (least significant first) of the row's byte c // 8, 1 = dark;
    every row is followed by at least 4 light (0) bits."""

    n: int
    rows: bytes
    stride: int

    def dark_rows(self) -> Iterator[list[bool]]:
        """Each row as n booleans (True = dark), top row first."""
        n, rows, stride = self
        for start in range(0, n * stride, stride):
            bits = int.from_bytes(rows[start : start + stride], "little")
            yield [bool(bits >> c & 1) for c in range(n)]


def qr_symbol(payload: str) -> Symbol:
    """The level-M QR Code of ``payload`` (smallest version, libzint's segment modes, no ECI for
    ASCII) with the data mask ISO/IEC 18004 selects by scoring all eight."""
    if not payload.isascii():
        raise ValueError("certificate QR payloads are ASCII (core.certsign)")
    n, stride, base = _encode(payload, 0)
    diffs = _mask_diffs(n, payload, base)
    _, best = min((_penalty(base ^ d, n), mask) for mask, d in zip(_MASKS, diffs, strict=True))
    return Symbol(n, (base ^ diffs[best]).to_bytes(n * stride, "little"), stride)


def _encode(payload: str, mask: int) -> tuple[int, int, int]:
    """libzint's symbol with data mask ``mask``: its side, the bytes a row, and its rows as one
    integer (module c of row r at bit 8·stride·r + c)."""
    symbol = zint.Symbol()
    symbol.symbology = zint.Symbology.QRCODE
    symbol.option_1 = _LEVEL_M
    symbol.option_3 = (mask + 1) << 8  # a user mask is option_3's second byte, plus one
    symbol.encode(payload)
    n = symbol.width
    if symbol.rows != n or (n - 21) % 4:
        raise RuntimeError(f"libzint returned a {symbol.rows}×{n} QR Code")
    data = symbol.encoded_data  # (rows, bytes) of bits, least significant first, the rest 0
    stride, rows = _row_reader(n, data.shape[1])
    return n, stride, int.from_bytes(b"".join(rows(data.tobytes())), "little")


@lru_cache(maxsize=8)
def _row_reader(n: int, width: int) -> tuple[int, Callable[[bytes], tuple[bytes, ...]]]:
    """The bytes a row keeps (at least 4 light modules between a row's end and the next row) and
    an unpacker of that many bytes from each of the n rows of ``width`` bytes."""
    stride = (n + 4 + 7) // 8
    return stride, struct.Struct(f"{stride}s{width - stride}x" * n).unpack_from


_diffs_by_size: dict[int, tuple[int, ...]] = {}


def _mask_diffs(n: int, payload: str, base: int) -> tuple[int, ...]:
    """Per mask k, what turns libzint's mask-0 symbol of this size into its mask-k symbol: the same
    for every payload of the size (data, error correction and version information do not change),
    so it is taken once per size from libzint's own symbols of the first payload seen."""
    diffs = _diffs_by_size.get(n)
    if diffs is None:
        diffs = _diffs_by_size[n] = tuple(0 if k == 0 else _encode(payload, k)[2] ^ base for k in _MASKS)
    return diffs


class _Lines(NamedTuple):
    """As bits of a symbol's integer: the modules that have a next module in their row (``row``)
    or column (``column``), those that start a 2×2 block, and the bits a row."""

    row: int
    column: int
    block: int
    width: int


@lru_cache(maxsize=8)
def _lines(n: int) -> _Lines:
    width = 8 * ((n + 4 + 7) // 8)

    def rows(count: int, columns: int) -> int:
        return sum(((1 << columns) - 1) << (r * width) for r in range(count))

    return _Lines(rows(n, n - 1), rows(n - 1, n), rows(n - 1, n - 1), width)


def _penalty(s: int, n: int) -> int:
    """ISO/IEC 18004's mask penalty N1·(runs) + N2·(2×2 blocks) + N3·(finder-like) + N4·(balance)
    of the symbol ``s`` (1 = dark). Bit p's next module is bit p + step, so ``s >> k·step`` holds
    at p the module k steps on, ``s << k·step`` the one k steps back (0, light, past the edges)."""
    lines = _lines(n)
    across, down = s ^ (s >> 1), s ^ (s >> lines.width)  # this module and the next differ
    total = 0
    for step, line, change in ((1, lines.row, across), (lines.width, lines.column, down)):
        turn = change & line  # … both in the symbol
        same = line ^ turn  # alike, both in the symbol
        three = same & (same >> step)  # modules p … p+2 alike
        turns = turn & (turn >> step)  # p+1 unlike p, p+2 unlike p+1
        five = three & (three >> 2 * step)  # p … p+4 alike: one per module of a run past the fourth
        # N1 = 3 + (length − 5) per run of 5+: one per 5-window, and 2 per run (a run's last window
        # is the one without a next).
        windows = five.bit_count()
        total += 3 * windows - 2 * (five & (five >> step)).bit_count()
        # N3 = 40 per dark-light-dark×3-light-dark (1:1:3:1:1) with 4 light modules on either side.
        finder = s & turns & (three >> 2 * step) & (turns >> 4 * step)
        if finder:
            dark = s | (s << step)
            dark |= dark << 2 * step  # some dark among p−3 … p
            total += 40 * (finder.bit_count() - (finder & (dark << step) & (dark >> 10 * step)).bit_count())
    # N2 = 3 per 2×2 block of one colour (blocks overlapping).
    total += 3 * (lines.block & ~(across | down | (across >> lines.width))).bit_count()
    # N4 = 10 per full 5 % that the dark share is off 50 %.
    total += 10 * int(abs(100.0 * s.bit_count() / (n * n) - 50.0) / 5.0)
    return total
