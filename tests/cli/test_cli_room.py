"""`baiwen station` and `baiwen session`: numbers in --json are numbers, errors one plain line."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from baiwen_desktop.cli.main import main
from baiwen_desktop.cli.room_commands import parse_ends
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import attempts, exams, package_keys, roster, station
from baiwen_desktop.services.context import open_app
from baiwen_desktop.store.models import ExamSession


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_station_show_and_rename(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "pc")
    code, out, _ = run(capsys, "station", "show", "--json", "--data-dir", data)
    shown = json.loads(out)
    assert code == 0 and shown["name"] == "" and len(shown["id"]) == 36 and shown["data_dir"] == str(Path(data).resolve())
    assert run(capsys, "station", "rename", "3号机", "--data-dir", data)[0] == 0
    code, out, _ = run(capsys, "station", "show", "--data-dir", data)
    assert code == 0 and "3号机" in out and shown["id"] in out
    assert shown["fingerprint"] == package_keys.station_fingerprint(Path(data))
    assert f"本机指纹 / fingerprint: {shown['fingerprint']}" in out.splitlines()
    code, _, err = run(capsys, "station", "rename", "  ", "--data-dir", data)
    assert code == 1 and err.strip() == "错误：请填写本机名称 / error: the station name is empty"


def test_session_open_list_live_close(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    if datetime.now().strftime("%H:%M") >= "23:58":
        pytest.skip("--ends 23:59 would already be past")
    data = str(tmp_path / "data")
    store = open_app(data)
    roster.import_rows(store, [RosterRow(f"E{i}", f"考生{i}", "城区所", "", "一班") for i in range(3)], "t")
    exam = exams.create_exam(store, parse_exam(STANDARD_EXAM, "t"), "t")
    code, out, _ = run(capsys, "session", "open", "--exam", str(exam.id), "--class", "一班", "--station", "5号机", "--ends", "23:59", "--json", "--data-dir", data)
    opened = json.loads(out)
    assert code == 0 and isinstance(opened["id"], int) and opened["exam_id"] == exam.id
    assert (opened["class"], opened["station"], opened["open"]) == ("一班", "5号机", True)
    assert opened["ends_at"] == datetime.combine(date.today(), datetime.min.time()).replace(hour=23, minute=59).isoformat()

    code, out, _ = run(capsys, "session", "list", "--json", "--data-dir", data)
    assert code == 0 and [s["id"] for s in json.loads(out)] == [opened["id"]]
    # the 23:59 end caps a paper's time left within its hour before midnight: here the paper's own
    # time is what `live` must show (the cap: test_time_left_is_capped_by_the_session_end)
    with store.session() as s, s.begin():
        s.execute(update(ExamSession).where(ExamSession.id == opened["id"]).values(ends_at=None))

    card = attempts.find_candidate(store, opened["id"], "E1", "考生1")
    st = attempts.start_attempt(store, opened["id"], card.id, station.StationIdentity("pc-5", "5号机"))
    attempts.heartbeat(store, st.attempt_id, 90_000, 3, token=st.lease_token, answered=4)
    code, out, _ = run(capsys, "session", "live", str(opened["id"]), "--json", "--data-dir", data)
    rows = {r["employee_no"]: r for r in json.loads(out)}
    assert code == 0 and len(rows) == 3
    live = rows["E1"]
    assert (live["station"], live["status"], live["answered"], live["questions"], live["lost"]) == ("5号机", "in_progress", 4, len(st.paper.items), False)
    assert isinstance(live["remaining_s"], int) and live["remaining_s"] == STANDARD_EXAM["duration_minutes"] * 60 - 90
    assert isinstance(live["since_report_s"], int) and live["score"] is None
    assert rows["E0"]["status"] == "not_started" and rows["E0"]["remaining_s"] is None
    code, out, _ = run(capsys, "session", "live", str(opened["id"]), "--data-dir", data)
    assert "5号机" in out and "已答 4/" in out

    code, out, _ = run(capsys, "session", "close", str(opened["id"]), "--json", "--data-dir", data)
    assert code == 0 and json.loads(out) == {"id": opened["id"], "forced": 1}
    code, out, _ = run(capsys, "session", "live", str(opened["id"]), "--json", "--data-dir", data)
    closed = {r["employee_no"]: r for r in json.loads(out)}["E1"]
    assert closed["status"] == "forced" and isinstance(closed["score"], float)
    code, out, _ = run(capsys, "session", "list", "--all", "--json", "--data-dir", data)
    assert json.loads(out)[0]["open"] is False
    code, _, err = run(capsys, "session", "close", str(opened["id"]), "--data-dir", data)
    assert code == 1 and err.count("\n") == 1 and "已经结束" in err and "already closed" in err
    store.dispose()


def test_session_errors_are_one_plain_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    code, _, err = run(capsys, "session", "open", "--exam", "999", "--data-dir", data)
    assert code == 1 and err.count("\n") == 1 and err.startswith("错误：") and "error:" in err
    code, _, err = run(capsys, "session", "open", "--exam", "1", "--ends", "25:00", "--data-dir", data)
    assert code == 1 and err.strip() == "错误：--ends 应为 时:分，例如 17:30（收到“25:00”） / error: --ends must be HH:MM, e.g. 17:30 (got '25:00')"
    code, _, err = run(capsys, "session", "live", "42", "--data-dir", data)
    assert code == 1 and err.strip() == "错误：考场不存在 / error: no such session"


def test_parse_ends() -> None:
    assert parse_ends("7:05", date(2026, 5, 1)) == datetime(2026, 5, 1, 7, 5)
    assert parse_ends("17：30", date(2026, 5, 1)) == datetime(2026, 5, 1, 17, 30)
    with pytest.raises(BaiwenError):
        parse_ends("1730")
