"""reports.qr_symbol: libzint's symbol with mask 0, the mask chosen here — held equal to libzint's own
choice (as zint-bindings and zxing-cpp's copy of libzint make it), and its penalty held equal to a
module-by-module reading of ISO/IEC 18004 §7.8.3."""

import random

import pytest
import zint
import zxingcpp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baiwen_desktop.reports import qr_symbol as qr
from baiwen_desktop.reports.qr_symbol import qr_symbol


def libzint_modules(payload: str, mask: int | None = None) -> list[list[int]]:
    """libzint's own symbol (with ``mask``, or scoring the eight masks itself), 1 = dark."""
    symbol = zint.Symbol()
    symbol.symbology = zint.Symbology.QRCODE
    symbol.option_1 = 2  # level M
    if mask is not None:
        symbol.option_3 = (mask + 1) << 8
    symbol.encode(payload)
    data = symbol.encoded_data
    return [[data[r, c // 8] >> (c % 8) & 1 for c in range(symbol.width)] for r in range(symbol.rows)]


def zxing_modules(payload: str) -> list[list[int]]:
    """The same from zxing-cpp's writer (libzint inside it, scoring the eight masks)."""
    image = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_image(
        add_quiet_zones=False
    )
    n = image.shape[0]
    return [[int(v == 0) for v in bytes(image)[r * n : (r + 1) * n]] for r in range(n)]


def chosen_modules(payload: str) -> list[list[int]]:
    return [[int(dark) for dark in row] for row in qr_symbol(payload).dark_rows()]


def iso_penalty(m: list[list[int]]) -> int:
    """ISO/IEC 18004 §7.8.3, one module at a time: N1 3 + (i − 5) per run of i ≥ 5 alike in a row
    or column; N2 3 per 2×2 block alike; N3 40 per 1:1:3:1:1 dark-light-dark-dark-dark-light-dark
    in a row or column with 4 light modules before it or after it (outside the symbol is light);
    N4 10 per whole 5 % of dark share away from 50 %."""
    n = len(m)
    lines = [*m, *([m[r][c] for r in range(n)] for c in range(n))]
    total = 0
    for line in lines:
        run = 1
        for i in range(1, n + 1):
            if i < n and line[i] == line[i - 1]:
                run += 1
                continue
            if run >= 5:
                total += 3 + run - 5
            run = 1
        padded = [0] * 4 + line + [0] * 4
        for i in range(4, n - 2):
            if padded[i : i + 7] == [1, 0, 1, 1, 1, 0, 1]:
                if not any(padded[i - 4 : i]) or not any(padded[i + 7 : i + 11]):
                    total += 40
    for r in range(n - 1):
        for c in range(n - 1):
            if m[r][c] == m[r + 1][c] == m[r][c + 1] == m[r + 1][c + 1]:
                total += 3
    dark = sum(map(sum, m))
    return total + 10 * int(abs(100.0 * dark / (n * n) - 50.0) / 5.0)


_BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_PAYLOADS = st.one_of(
    st.from_regex(r"[1-9][0-9]{300,600}", fullmatch=True),  # certsign v2: one decimal number
    st.builds(  # v1: BW1.<kid>.<data>.<sig>
        lambda kid, data, sig: f"BW1.{kid}.{data}.{sig}",
        st.text(_BASE64URL, min_size=8, max_size=8),
        st.text(_BASE64URL, min_size=1, max_size=220),
        st.text(_BASE64URL, min_size=86, max_size=86),
    ),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=900),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=_PAYLOADS)
def test_symbol_is_libzints_own_choice(payload: str) -> None:
    """The same symbol, module for module, as libzint scoring the eight masks itself, for
    payloads of many sizes (the per-size mask patterns are reused across payloads)."""
    symbol = qr_symbol(payload)
    assert chosen_modules(payload) == libzint_modules(payload) == zxing_modules(payload)
    assert len(symbol.rows) == symbol.n * symbol.stride and 8 * symbol.stride >= symbol.n + 4
    # every row's padding after the symbol is light (the penalty reads it as outside the symbol)
    ends = [int.from_bytes(symbol.rows[i : i + symbol.stride], "little") >> symbol.n for i in range(0, len(symbol.rows), symbol.stride)]
    assert not any(ends)


def test_penalty_is_iso_18004_for_every_mask() -> None:
    """Each of the eight masked symbols of several sizes: the bit-parallel penalty equals the
    module-by-module one, and the chosen mask has the lowest (the first of equals)."""
    rng = random.Random(14)
    payloads = ["".join(rng.choice("0123456789") for _ in range(397)) for _ in range(3)]
    payloads += ["HELLO", "BW1." + "x" * 300, "".join(rng.choice("abcXYZ019.-") for _ in range(900))]
    for payload in payloads:
        scores = []
        for mask in range(8):
            n, _, bits = qr._encode(payload, mask)
            expected = iso_penalty(libzint_modules(payload, mask))
            assert qr._penalty(bits, n) == expected
            scores.append((expected, mask))
        assert chosen_modules(payload) == libzint_modules(payload, min(scores)[1])


def test_refuses_non_ascii_payloads() -> None:
    with pytest.raises(ValueError, match="ASCII"):
        qr_symbol("BW1.张三")
