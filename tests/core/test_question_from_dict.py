"""Question.from_dict builds the object without the dataclass __init__ (for speed): the result must be
the very question the constructor gives, field for field, frozen, hashable, replaceable, and bad
input must fail as it did."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from baiwen_desktop.core.bankfile import load_bank
from baiwen_desktop.core.question import QType, Question, ScoringPoint
from baiwen_desktop.datadir import bundled_bank_dir

ODD = [  # every field away from its default, and the defaults
    Question("k1", QType.SHORT, "简述挂接地线的顺序。", Decimal("5.5"), reference="先接接地端", points=(ScoringPoint(("接地端", "地端"), Decimal("1.5")),),
             explanation="《安规》", source="问4", section="问", tags=("接地", "安全"), difficulty=5),
    Question("b1", QType.BLANK, "（  ）和（  ）", Decimal(1), blanks=(("停电", "断电"), ("验电",)), order_free=((0, 1),)),
    Question("j1", QType.JUDGE, "对吗", Decimal(1), truth=False),
    Question("m1", QType.MULTI, "哪些", Decimal(2), options=("甲", "乙", "丙"), correct=(0, 2)),
]


def _bundled() -> list[Question]:
    return list(load_bank([Path(bundled_bank_dir())]).questions)


def test_from_dict_gives_what_the_constructor_gives() -> None:
    assert not hasattr(Question, "__post_init__")  # nothing the constructor would run is skipped
    assert "__slots__" not in vars(Question)  # from_dict fills the instance __dict__
    for q in _bundled() + ODD:
        back = Question.from_dict(q.to_dict())
        made = Question(*(getattr(back, f.name) for f in dataclasses.fields(Question)))
        assert back == q == made and hash(back) == hash(q) and repr(back) == repr(made)
        assert vars(back) == vars(made) and list(vars(back)) == list(vars(made))  # the same fields, the same order
        assert back.to_dict() == q.to_dict()
        assert dataclasses.replace(back, stem="改") == dataclasses.replace(q, stem="改")
        with pytest.raises(dataclasses.FrozenInstanceError):
            back.stem = "改"  # type: ignore[misc]


def test_from_dict_refuses_what_it_refused() -> None:
    good = ODD[3].to_dict()
    with pytest.raises(ValueError):
        Question.from_dict({**good, "type": "问答"})
    with pytest.raises(KeyError):
        Question.from_dict({k: v for k, v in good.items() if k != "stem"})
    with pytest.raises(ArithmeticError):  # decimal.InvalidOperation
        Question.from_dict({**good, "score": "一分"})
    assert Question.from_dict({"id": "x", "type": "判断", "stem": "s", "score": "1"}) == Question("x", QType.JUDGE, "s", Decimal(1))
