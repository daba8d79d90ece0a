"""login_key: the spellings a Chinese input method produces for one 工号 or 姓名 compare equal."""

from __future__ import annotations

import pytest

from baiwen_desktop.core.identity import login_key


@pytest.mark.parametrize("typed", ["Ｄ００１２", "d0012", " D 0012 ", "D0012\u3000", "ｄ００１２"])
def test_employee_number_spellings(typed: str) -> None:
    assert login_key(typed) == login_key("D0012") == "d0012"


@pytest.mark.parametrize("dot", ["·", ".", "•", "・", "‧", "∙", "．", "･", " ", "\u3000", ""])
def test_name_middle_dot_variants(dot: str) -> None:
    assert login_key(f"阿卜杜{dot}热合曼") == login_key("阿卜杜·热合曼") == "阿卜杜热合曼"


def test_different_people_stay_different() -> None:
    assert login_key("张三") != login_key("张三丰")
    assert login_key("D0012") != login_key("D0021")
