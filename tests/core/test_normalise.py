from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from baiwen_desktop.core.normalise import chinese_to_int, normalise

DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Reference writer for whole numbers 0..1000, independent of the parser."""
    if n == 0:
        return "零"
    if n == 1000:
        return "一千"
    out = ""
    h, t, u = n // 100, n // 10 % 10, n % 10
    if h:
        out += DIGITS[h] + "百"
    if t:
        out += ("" if (not h and t == 1) else DIGITS[t]) + "十"
    elif h and u:
        out += "零"
    if u:
        out += DIGITS[u]
    return out


@pytest.mark.parametrize(
    ("text", "value"),
    [("三", 3), ("十", 10), ("十五", 15), ("四十五", 45), ("九十", 90), ("一百零五", 105), ("两百", 200), ("一千", 1000), ("零", 0)],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


@pytest.mark.parametrize("text", ["三四", "百", "一千零一", "二〇二六", "两百五", "十百", ""])
def test_not_a_count(text: str) -> None:
    assert chinese_to_int(text) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("九十", "90"),
        ("９０", "90"),
        ("99.9%", "99.9 %"),
        ("99.9％", "99.9%"),
        ("ＡＢＣ", "abc"),
        ("三个工作日", "3个工作日"),
        ("服务意识。", "服务意识"),
        (" 城区 范围 ", "城区范围"),
        ("四十五分钟", "45分钟"),
    ],
)
def test_equal_after_normalising(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(("a", "b"), [("96%", "99.9%"), ("3", "7"), ("城区", "农村"), ("四十", "45")])
def test_different_stay_different(a: str, b: str) -> None:
    assert normalise(a) != normalise(b)


@given(st.integers(min_value=0, max_value=1000))
def test_every_count_up_to_1000_equals_its_digits(n: int) -> None:
    assert chinese_to_int(to_chinese(n)) == n
    assert normalise(to_chinese(n)) == normalise(str(n))


@example("<>0")  # found by hypothesis in CI: one pass left ">0"
@given(st.text(max_size=40))
def test_normalise_is_idempotent(s: str) -> None:
    assert normalise(normalise(s)) == normalise(s)


@given(st.text(alphabet="0123456789.%", min_size=1, max_size=12))
def test_full_width_equals_half_width(s: str) -> None:
    full = "".join(chr(ord(c) + 0xFEE0) for c in s)
    assert normalise(full) == normalise(s)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789供电所", min_size=1, max_size=20), st.sampled_from([" ", "\u3000", "\t"]))
def test_spaces_and_case_do_not_matter(s: str, space: str) -> None:
    spaced = space.join(s.upper())
    assert normalise(spaced) == normalise(s.lower())
