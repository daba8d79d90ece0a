"""The certificate's QR Code symbol: libzint (inside zxing-cpp) encodes it, the data mask is chosen here.

ISO/IEC 18004 (§7.8.3) asks the encoder to try all eight data masks and keep the one with the lowest
penalty. libzint does that in byte-per-module C loops: ¾ of its 1.2 ms per certificate symbol. Yet
the symbol it makes with mask k differs from its symbol with mask 0 only by a pattern that depends
on the symbol size alone (mask k ⊕ mask 0 over the data modules, and the format information), so:
encode once with mask 0, derive the other seven by XOR with those patterns (taken from libzint
itself, once per size), score all eight with whole-symbol integer bit operations under the same
rules and the same reading as libzint (the quiet zone counts as light; a finder-like pattern
counts once when either side is light), and keep the lowest, the first on a tie, as libzint does.
tests/reports/test_qr_symbol.py holds the result equal to libzint's own choice.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

import zxingcpp

__all__ = ["QUIET", "Symbol", "qr_symbol"]

QUIET = 4  # light modules around the symbol in Symbol.bits (zxing-cpp's quiet zone for QR Code)
_AS_BIT = bytes.maketrans(b"\x00\xff", b"10")  # zxing-cpp's image: 0x00 dark, 0xFF light
_MASKS = range(8)


class Symbol(NamedTuple):
    """A QR Code symbol of n×n modules, level M. ``bits``: the symbol with its quiet zone, (n + 8)
    rows of n + 8 ASCII digits, row after row from the top, b"1" dark, b"0" light."""

    n: int
    bits: bytes


def qr_symbol(payload: str) -> Symbol:
    """The level-M QR Code of ``payload`` (smallest version, libzint's segment modes, no ECI for
    ASCII) with the data mask ISO/IEC 18004 selects by scoring all eight."""
    if not payload.isascii():
        raise ValueError("certificate QR payloads are ASCII (core.certsign)")
    n, base = _encode(payload, 0)
    diffs = _mask_diffs(n, payload, base)
    _, best = min((_penalty(base ^ d, n), mask) for mask, d in zip(_MASKS, diffs, strict=True))
    side = n + 2 * QUIET
    return Symbol(n, f"{base ^ diffs[best]:0{side * side}b}".encode("ascii"))


def _encode(payload: str, mask: int) -> tuple[int, int]:
    """libzint's symbol with data mask ``mask``, as an integer of its quiet-zoned module rows."""
    image = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, ec_level="M", data_mask=mask).to_image(
        add_quiet_zones=True
    )
    side = image.shape[0]
    if side != image.shape[1] or (side - 2 * QUIET - 21) % 4:
        raise RuntimeError(f"zxing-cpp returned a {image.shape} image for a QR Code")
    return side - 2 * QUIET, int(bytes(image).translate(_AS_BIT), 2)


_diffs_by_size: dict[int, tuple[int, ...]] = {}


def _mask_diffs(n: int, payload: str, base: int) -> tuple[int, ...]:
    """Per mask k, what turns libzint's mask-0 symbol of this size into its mask-k symbol: the same
    for every payload of the size (data, error correction and version information do not change),
    so it is taken once per size from libzint's own symbols of the first payload seen."""
    diffs = _diffs_by_size.get(n)
    if diffs is None:
        diffs = _diffs_by_size[n] = tuple(0 if k == 0 else _encode(payload, k)[1] ^ base for k in _MASKS)
    return diffs


class _Lines(NamedTuple):
    """Modules (as bits of the quiet-zoned integer) that have a next module in their row (``row``)
    or column (``column``), and those that start a 2×2 block inside the symbol."""

    row: int
    column: int
    block: int
    stride: int


@lru_cache(maxsize=8)
def _lines(n: int) -> _Lines:
    side = n + 2 * QUIET

    def where(keep: Callable[[int, int], bool]) -> int:
        return int(
            "".join(
                "1" if QUIET <= r < QUIET + n and QUIET <= c < QUIET + n and keep(r - QUIET, c - QUIET) else "0"
                for r in range(side)
                for c in range(side)
            ),
            2,
        )

    return _Lines(
        where(lambda r, c: c < n - 1),
        where(lambda r, c: r < n - 1),
        where(lambda r, c: r < n - 1 and c < n - 1),
        side,
    )


def _penalty(s: int, n: int) -> int:
    """ISO/IEC 18004's mask penalty N1·(runs) + N2·(2×2 blocks) + N3·(finder-like) + N4·(balance)
    of the quiet-zoned symbol ``s`` (1 = dark). Bit p's next module is bit p − step (the row text
    is read most significant first), so ``s << k·step`` holds at p the module k steps on."""
    lines = _lines(n)
    total = 0
    for step, line in ((1, lines.row), (lines.stride, lines.column)):
        change = s ^ (s << step)
        same = ~change & line  # this module and the next are alike, both in the symbol
        turn = change & line
        three = same & (same << step)  # modules p … p+2 alike
        turns = turn & (turn << step)  # p+1 unlike p, p+2 unlike p+1
        five = three & (three << 2 * step)  # p … p+4 alike: one per module of a run past the fifth
        # N1 = 3 + (length − 5) per run of 5+: one per 5-window, 2 more at each run's first window.
        total += five.bit_count() + 2 * (five & ~(same >> step)).bit_count()
        # N3 = 40 per dark-light-dark×3-light-dark (1:1:3:1:1) with 4 light modules on either side.
        finder = s & turns & (three << 2 * step) & (turns << 4 * step)
        if finder:
            dark = s | (s >> step)
            dark |= dark >> 2 * step  # some dark among p−3 … p
            total += 40 * (finder.bit_count() - (finder & (dark >> step) & (dark << 10 * step)).bit_count())
    # N2 = 3 per 2×2 block of one colour (blocks overlapping).
    across, down = s ^ (s << 1), s ^ (s << lines.stride)
    total += 3 * (~(across | down | (across << lines.stride)) & lines.block).bit_count()
    # N4 = 10 per full 5 % that the dark share is off 50 %.
    total += 10 * int(abs(100.0 * s.bit_count() / (n * n) - 50.0) / 5.0)
    return total
