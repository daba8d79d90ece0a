from datetime import date

import pytest

from baiwen_desktop.core.chinese_date import chinese_date, chinese_number


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 11, 27), "二〇二六年十一月二十七日"),
        (date(2000, 1, 1), "二〇〇〇年一月一日"),
        (date(2010, 10, 10), "二〇一〇年十月十日"),
        (date(2024, 12, 20), "二〇二四年十二月二十日"),
        (date(2025, 3, 31), "二〇二五年三月三十一日"),
        (date(1999, 9, 9), "一九九九年九月九日"),
    ],
)
def test_chinese_date(d: date, expected: str) -> None:
    assert chinese_date(d) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (30, "三十"),
        (31, "三十一"),
    ],
)
def test_chinese_number(n: int, expected: str) -> None:
    assert chinese_number(n) == expected


@pytest.mark.parametrize("n", [0, 100, -3])
def test_chinese_number_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        chinese_number(n)
