"""The shape of a decrypted result payload, checked in one place before the merge uses any of it.

A package can be correctly signed and sealed and still carry nonsense (a station's bug, a
hostile key holder): anything off refuses the whole package with one clear reason, never a
traceback and never half a merge. (A NUL anywhere, which PostgreSQL text cannot hold, is refused
by core.package_box.open_package before any payload reaches this module.) Content that is well-formed but wrong (a paper HQ did not issue,
an attempt changed after submit) is the merge's business: a conflict, reported.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import datetime
from itertools import repeat
from pathlib import Path
from typing import Any

from baiwen_desktop.services.package_io import PackageRefused

MAX_INT = 2**31 - 1  # every count and id fits the database's INTEGER (PostgreSQL int4)
_SCORE_TYPES, _INT = (str, int, float), {int}


class _Bad(Exception):
    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def _int(v: Any, where: str, low: int = 0) -> None:
    if type(v) is not int or not low <= v <= MAX_INT:
        raise _Bad(where)


def _str(v: Any, where: str, most: int | None = None, empty: bool = True) -> None:
    if not isinstance(v, str) or (most is not None and len(v) > most) or (not empty and not v):
        raise _Bad(where)


def _time(v: Any, where: str, optional: bool = False) -> None:
    if v is None and optional:
        return
    _str(v, where, 40)
    try:
        datetime.fromisoformat(v)
    except ValueError:
        raise _Bad(where) from None


def _attempt(a: Any, n: int) -> None:
    w = f"attempts[{n}]"
    if not isinstance(a, dict):
        raise _Bad(w)
    _int(a.get("id"), f"{w}.id", 1)
    _str(a.get("employee_no"), f"{w}.employee_no", 32, empty=False)
    for k, most in (("name", 64), ("unit", 128), ("post", 128), ("class_name", 128), ("status", 16), ("submit_reason", 200), ("station", 128)):
        _str(a.get(k, ""), f"{w}.{k}", most)
    _time(a.get("started_at"), f"{w}.started_at")
    _time(a.get("submitted_at"), f"{w}.submitted_at", optional=True)
    for k in ("limit_ms", "counted_ms", "focus_losses", "seed"):
        _int(a.get(k, 0), f"{w}.{k}")
    paper = a.get("paper")
    if not isinstance(paper, dict) or not isinstance(paper.get("items"), list) or not isinstance(paper.get("part_titles"), list):
        raise _Bad(f"{w}.paper")
    # the two loops below run 8,000 times a package: the checks of _int/_time written out (same rules)
    for i, item in enumerate(paper["items"]):
        if not isinstance(item, dict) or not isinstance(item.get("question"), str) or not isinstance(item.get("score"), _SCORE_TYPES):
            raise _Bad(f"{w}.paper.items[{i}]")
        part = item.get("part")
        if type(part) is not int or not 0 <= part <= MAX_INT:
            raise _Bad(f"{w}.paper.items[{i}].part")
        order = item.get("option_order")
        if not isinstance(order, list) or (order and not set(map(type, order)) <= _INT):  # every x: type(x) is int
            raise _Bad(f"{w}.paper.items[{i}].option_order")
    answers = a.get("answers")
    if not isinstance(answers, list):
        raise _Bad(f"{w}.answers")
    for i, x in enumerate(answers):
        if not isinstance(x, dict) or type(x.get("marked", False)) is not bool:
            raise _Bad(f"{w}.answers[{i}]")
        position = x.get("position")
        if type(position) is not int or not 0 <= position <= MAX_INT:
            raise _Bad(f"{w}.answers[{i}].position")
        saved = x.get("saved_at")
        if saved is not None:
            if not isinstance(saved, str) or len(saved) > 40:
                raise _Bad(f"{w}.answers[{i}].saved_at")
            try:
                datetime.fromisoformat(saved)
            except ValueError:
                raise _Bad(f"{w}.answers[{i}].saved_at") from None


def _event(e: Any, n: int) -> None:
    w = f"audit[{n}]"
    if not isinstance(e, dict):
        raise _Bad(w)
    _int(e.get("id"), f"{w}.id", 1)
    _time(e.get("at"), f"{w}.at")
    for k, most in (("actor", 64), ("event", 32), ("employee_no", 32), ("station", 128), ("detail", None)):
        _str(e.get(k, ""), f"{w}.{k}", most)
    if e.get("attempt_id") is not None:
        _int(e.get("attempt_id"), f"{w}.attempt_id", 1)


def _events_fine(audit: list[Any]) -> bool:
    """_event's rules a column at a time (hundreds of entries a package): True when every entry keeps them;
    False sends them through _event, which names the first field that does not."""
    if not audit:
        return True
    if _types(audit) != {dict}:
        return False
    ids, ats, attempts = _column(audit, "id"), _column(audit, "at"), [x for x in _column(audit, "attempt_id") if x is not None]
    if _types(ids) != _INT or min(ids) < 1 or max(ids) > MAX_INT or _types(ats) != {str} or max(map(len, ats)) > 40:
        return False
    if attempts and (_types(attempts) != _INT or min(attempts) < 1 or max(attempts) > MAX_INT):
        return False
    for k, most in (("actor", 64), ("event", 32), ("employee_no", 32), ("station", 128), ("detail", None)):
        values = _column(audit, k, "")
        if _types(values) != {str} or (most is not None and max(map(len, values)) > most):
            return False
    try:
        deque(map(datetime.fromisoformat, ats), maxlen=0)
    except ValueError:
        return False
    return True


def _column(rows: list[Any], key: str, default: Any = None) -> list[Any]:
    return list(map(dict.get, rows, repeat(key), repeat(default)))


def _types(values: Iterable[Any]) -> set[type]:
    return set(map(type, values))


def check_result_payload(path: Path, payload: dict[str, Any]) -> None:
    """PackageRefused("invalid") naming the first field that is not what a station writes."""
    try:
        station = payload.get("station")
        if not isinstance(station, dict):
            raise _Bad("station")
        for k, most in (("station_id", 36), ("name", 128), ("public_key", 64), ("fingerprint", 32)):
            _str(station.get(k), f"station.{k}", most, empty=k != "name")
        _str(payload.get("exam_package_id"), "exam_package_id", 36, empty=False)
        _int(payload.get("unfinished", 0), "unfinished")
        _time(payload.get("exported_at"), "exported_at", optional=True)
        questions = payload.get("questions")
        if not isinstance(questions, dict) or not all(isinstance(q, dict) for q in questions.values()):
            raise _Bad("questions")
        attempts, audit = payload.get("attempts"), payload.get("audit", [])
        if not isinstance(attempts, list):
            raise _Bad("attempts")
        if not isinstance(audit, list):
            raise _Bad("audit")
        for n, a in enumerate(attempts):
            _attempt(a, n)
        if len({a["id"] for a in attempts}) != len(attempts):
            raise _Bad("attempts.id")
        if not _events_fine(audit):
            for n, e in enumerate(audit):
                _event(e, n)
    except _Bad as e:
        raise PackageRefused(path, "invalid", f"成绩包内容格式不对（{e.where}），未导入", f"the result package's content is malformed ({e.where}); nothing imported") from None


def check_exam_payload(path: Path, payload: dict[str, Any]) -> None:
    """The same for an exam package: what the station's columns can hold."""
    try:
        exam = payload.get("exam")
        if not isinstance(exam, dict) or not isinstance(exam.get("definition"), dict):
            raise _Bad("exam")
        _str(exam.get("title"), "exam.title", 200, empty=False)
        _int(exam.get("hq_exam_id"), "exam.hq_exam_id", 1)
        for k, most in (("organisation", 200), ("issuer_code", 16), ("class_name", 128)):
            _str(payload.get(k, ""), k, most)
        bank = payload.get("bank")
        if not isinstance(bank, dict) or not isinstance(bank.get("questions"), list):
            raise _Bad("bank")
        _str(bank.get("name"), "bank.name", 160, empty=False)  # + "（总部考试包 xxxxxxxx）" fits the 200 of bank.name
        for n, q in enumerate(bank["questions"]):
            if not isinstance(q, dict):
                raise _Bad(f"bank.questions[{n}]")
            _str(q.get("id"), f"bank.questions[{n}].id", 64, empty=False)
            for k, most in (("source", 32), ("section", 16)):
                if q.get(k) is not None:
                    _str(q.get(k), f"bank.questions[{n}].{k}", most)
        roster = payload.get("roster")
        if not isinstance(roster, list):
            raise _Bad("roster")
        for n, p in enumerate(roster):
            if not isinstance(p, dict):
                raise _Bad(f"roster[{n}]")
            _str(p.get("employee_no"), f"roster[{n}].employee_no", 32, empty=False)
            _str(p.get("name"), f"roster[{n}].name", 64, empty=False)
            for k in ("unit", "post", "class_name"):
                _str(p.get(k, ""), f"roster[{n}].{k}", 128)
        if len({p["employee_no"] for p in roster}) != len(roster):
            raise _Bad("roster.employee_no")
        keys = payload.get("org_keys")
        if not isinstance(keys, list) or not all(isinstance(k, dict) and isinstance(k.get("kid"), str) and len(k["kid"]) <= 16 for k in keys):
            raise _Bad("org_keys")
    except _Bad as e:
        raise PackageRefused(path, "invalid", f"考试包内容格式不对（{e.where}），未导入", f"the exam package's content is malformed ({e.where}); nothing imported") from None
