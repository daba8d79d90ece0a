"""Shared pieces of the package tests: an HQ with an issuer and a roster, stations in their own
data folders (so each has its own station key), and sittings through the real services."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, certs, exams, roster, settings, station
from baiwen_desktop.services.context import open_app
from baiwen_desktop.services.demo import simulate_response
from baiwen_desktop.store.engine import Store

PASS = "hq-passphrase-1"
ORG = "国网某县供电公司"
SMALL_EXAM: dict[str, Any] = {
    "title": "小测验",
    "duration_minutes": 30,
    "pass_mark": 6,
    "parts": [{"type": "单选", "count": 5, "score_each": 2}, {"type": "简答", "count": 1, "score_each": 5}],
}
CLASSES = {"一班": ["A001", "A002", "A003"], "二班": ["B001", "B002"]}


@dataclass
class Hq:
    store: Store
    issuer: certs.Issuer
    exam_id: int


def make_hq(store: Store, exam: dict[str, Any] | None = None, org: str = ORG, code: str = "HQ01") -> Hq:
    settings.put(store, {"organisation": org, "station": "总部"}, "t")
    certs.setup_issuer(store, PASS, code, "t")
    rows = [RosterRow(no, f"考生{no}", "城区供电所", "", cls) for cls, nos in CLASSES.items() for no in nos]
    roster.import_rows(store, rows, "t")
    info = exams.create_exam(store, parse_exam(exam or STANDARD_EXAM, "t"), "t")
    return Hq(store, certs.unlock(store, PASS, "t"), info.id)


def make_station(folder: Path, name: str) -> Store:
    """A rural station: its own SQLite database and data folder (so its own station key)."""
    st = open_app(folder, sync_bank=False)
    station.rename_station(st.data_dir, name)
    return st


def sit(st: Store, session_id: int, people: list[tuple[str, str]], seed: int = 1, accuracy: float = 0.8) -> list[int]:
    """Each candidate logs in, answers every question and hands in, as the exam window would."""
    rng = random.Random(seed)
    name = station.station_identity(st).name
    done = []
    for no, who in people:
        card = attempts.find_candidate(st, session_id, no, who)
        state = attempts.start_attempt(st, session_id, card.id, name)
        for pos, item in enumerate(state.paper.items):
            attempts.save_answer(st, state.attempt_id, pos, simulate_response(item, accuracy, rng), False, token=state.lease_token)
        attempts.record_focus_loss(st, state.attempt_id, name, token=state.lease_token)
        attempts.heartbeat(st, state.attempt_id, 600_000, 0, token=state.lease_token)
        attempts.submit(st, state.attempt_id, "submitted", counted_ms=600_000, token=state.lease_token)
        done.append(state.attempt_id)
    return done


def people_of(cls: str) -> list[tuple[str, str]]:
    return [(no, f"考生{no}") for no in CLASSES[cls]]
