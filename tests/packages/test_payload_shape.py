"""services.package_shape on a result payload's 8,000 items and answers a package: every single bad field
is refused with its place named (whether or not the column-by-column pass lets a well-formed package
through without the item-by-item look)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from baiwen_desktop.services.package_io import PackageRefused
from baiwen_desktop.services.package_shape import MAX_INT, check_result_payload


def _payload() -> dict[str, Any]:
    items = [{"question": f"{k:064x}", "score": "1", "part": k % 3, "option_order": [2, 0, 1, 3] if k % 2 else []} for k in range(6)]
    answers = [{"position": k, "response": [k], "marked": k == 2, "saved_at": None if k == 4 else f"2026-12-01T09:0{k}:00"} for k in range(6)]
    attempt = {"id": 1, "employee_no": "A001", "name": "考生", "status": "submitted", "started_at": "2026-12-01T09:00:00",
               "submitted_at": "2026-12-01T09:30:00", "limit_ms": 1, "counted_ms": 1, "focus_losses": 0, "seed": 3,
               "paper": {"items": items, "part_titles": ["一"]}, "answers": answers}
    return {"station": {"station_id": "s" * 36, "name": "站", "public_key": "k", "fingerprint": "f"}, "exam_package_id": "e",
            "questions": {}, "attempts": [attempt, copy.deepcopy(attempt) | {"id": 2}], "audit": []}


def _item(k: int, **change: Any) -> Callable[[dict[str, Any]], None]:
    return lambda p: p["attempts"][1]["paper"]["items"][k].update(change)


def _answer(k: int, **change: Any) -> Callable[[dict[str, Any]], None]:
    return lambda p: p["attempts"][1]["answers"][k].update(change)


def _drop(k: int, key: str) -> Callable[[dict[str, Any]], None]:
    return lambda p: p["attempts"][1]["paper"]["items"][k].pop(key)


CASES: list[tuple[Callable[[dict[str, Any]], None], str]] = [
    (lambda p: p["attempts"][1]["paper"]["items"].__setitem__(3, "x"), "attempts[1].paper.items[3]"),
    (_item(3, question=7), "attempts[1].paper.items[3]"),
    (_drop(3, "question"), "attempts[1].paper.items[3]"),
    (_item(3, score=None), "attempts[1].paper.items[3]"),
    (_item(3, score=[1]), "attempts[1].paper.items[3]"),
    (_item(3, part="0"), "attempts[1].paper.items[3].part"),
    (_item(3, part=True), "attempts[1].paper.items[3].part"),
    (_item(3, part=-1), "attempts[1].paper.items[3].part"),
    (_item(3, part=MAX_INT + 1), "attempts[1].paper.items[3].part"),
    (_drop(3, "part"), "attempts[1].paper.items[3].part"),
    (_item(3, option_order=(0, 1)), "attempts[1].paper.items[3].option_order"),
    (_item(3, option_order=[0, "1"]), "attempts[1].paper.items[3].option_order"),
    (_item(3, option_order=[0, True]), "attempts[1].paper.items[3].option_order"),
    (_item(3, option_order=[0, 1.0]), "attempts[1].paper.items[3].option_order"),
    (_drop(3, "option_order"), "attempts[1].paper.items[3].option_order"),
    (lambda p: p["attempts"][1]["answers"].__setitem__(3, ["x"]), "attempts[1].answers[3]"),
    (_answer(3, marked=1), "attempts[1].answers[3]"),
    (_answer(3, marked=None), "attempts[1].answers[3]"),
    (_answer(3, position="3"), "attempts[1].answers[3].position"),
    (_answer(3, position=False), "attempts[1].answers[3].position"),
    (_answer(3, position=-1), "attempts[1].answers[3].position"),
    (_answer(3, position=MAX_INT + 1), "attempts[1].answers[3].position"),
    (_answer(3, saved_at=""), "attempts[1].answers[3].saved_at"),
    (_answer(3, saved_at="yesterday"), "attempts[1].answers[3].saved_at"),
    (_answer(3, saved_at=20261201), "attempts[1].answers[3].saved_at"),
    (_answer(3, saved_at="2026-12-01T09:00:00" + " " * 22), "attempts[1].answers[3].saved_at"),
    (_answer(3, saved_at="2026-12-01T09:00:00.000000+08:00:00.000000"), "attempts[1].answers[3].saved_at"),  # ISO, but 42 characters
]


def test_the_well_formed_payload_passes() -> None:
    check_result_payload(Path("x.bwresult"), _payload())
    p = _payload()  # what is allowed: an integer or float score, a time with its zone, a time not saved, no 标记
    _item(3, score=2)(p)
    _item(4, score=0.5)(p)
    _answer(3, saved_at="2026-12-01T09:00:00+08:00")(p)
    _answer(5, saved_at=None)(p)
    p["attempts"][1]["answers"][1].pop("marked")
    check_result_payload(Path("x.bwresult"), p)


@pytest.mark.parametrize(("change", "where"), CASES, ids=[f"{n}:{w.split('.')[-1]}" for n, (_c, w) in enumerate(CASES)])
def test_each_bad_item_or_answer_is_refused_by_name(change: Callable[[dict[str, Any]], None], where: str) -> None:
    p = _payload()
    change(p)
    with pytest.raises(PackageRefused) as e:
        check_result_payload(Path("x.bwresult"), p)
    assert e.value.reason == "invalid"
    assert f"（{where}）" in e.value.zh and f"({where})" in e.value.en


def _with_audit() -> dict[str, Any]:
    p = _payload()
    p["audit"] = [{"id": k + 1, "at": f"2026-12-01T09:0{k}:00", "actor": "站长", "event": "submit", "employee_no": "A001",
                   "attempt_id": 1 if k else None, "station": "站", "detail": "交卷"} for k in range(4)]
    return p


def _event(k: int, **change: Any) -> Callable[[dict[str, Any]], None]:
    return lambda p: p["audit"][k].update(change)


AUDIT_CASES: list[tuple[Callable[[dict[str, Any]], None], str]] = [
    (lambda p: p["audit"].__setitem__(2, "x"), "audit[2]"),
    (_event(2, id=0), "audit[2].id"),
    (_event(2, id=True), "audit[2].id"),
    (_event(2, id="3"), "audit[2].id"),
    (_event(2, id=MAX_INT + 1), "audit[2].id"),
    (lambda p: p["audit"][2].pop("id"), "audit[2].id"),
    (_event(2, at="yesterday"), "audit[2].at"),
    (_event(2, at="2026-13-01T09:00:00"), "audit[2].at"),
    (_event(2, at=None), "audit[2].at"),
    (_event(2, at="2026-12-01T09:00:00" + " " * 22), "audit[2].at"),
    (_event(2, actor="长" * 65), "audit[2].actor"),
    (_event(2, event=7), "audit[2].event"),
    (_event(2, employee_no="A" * 33), "audit[2].employee_no"),
    (_event(2, station=None), "audit[2].station"),
    (_event(2, detail=["交卷"]), "audit[2].detail"),
    (_event(2, attempt_id=0), "audit[2].attempt_id"),
    (_event(2, attempt_id="1"), "audit[2].attempt_id"),
]


def test_well_formed_audit_entries_pass() -> None:
    p = _with_audit()
    check_result_payload(Path("x.bwresult"), p)
    p["audit"][1].update(at="2026-12-01T09:00:00+08:00", detail="交" * 5000)  # a zone; a detail of any length
    for k in ("actor", "event", "employee_no", "station", "detail", "attempt_id"):
        p["audit"][3].pop(k)  # each may be left out
    check_result_payload(Path("x.bwresult"), p)


@pytest.mark.parametrize(("change", "where"), AUDIT_CASES, ids=[f"{n}:{w.split('.')[-1]}" for n, (_c, w) in enumerate(AUDIT_CASES)])
def test_each_bad_audit_entry_is_refused_by_name(change: Callable[[dict[str, Any]], None], where: str) -> None:
    p = _with_audit()
    change(p)
    with pytest.raises(PackageRefused) as e:
        check_result_payload(Path("x.bwresult"), p)
    assert f"（{where}）" in e.value.zh and f"({where})" in e.value.en
