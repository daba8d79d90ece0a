"""`baiwen station …` and `baiwen session …`: the training room for IT staff and scripts."""

from __future__ import annotations

import argparse
import re
from datetime import date, datetime, time
from typing import Any

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.services import package_keys, sessions, station
from baiwen_desktop.services.context import open_app
from baiwen_desktop.services.sessions import LiveRow, SessionInfo


def _store(args: argparse.Namespace, sync_bank: bool = True) -> Any:
    return open_app(args.data_dir, args.db_url, sync_bank=sync_bank)


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    from baiwen_desktop.cli.main import emit

    emit(args, data, text)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def parse_ends(text: str, today: date | None = None) -> datetime:
    """`--ends 17:30`: today at that time (the service refuses a time already past)."""
    m = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", text)
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise BaiwenError(f"--ends 应为 时:分，例如 17:30（收到“{text}”）", f"--ends must be HH:MM, e.g. 17:30 (got '{text}')")
    return datetime.combine(today or date.today(), time(int(m.group(1)), int(m.group(2))))


def station_show(args: argparse.Namespace) -> int:
    store = _store(args, sync_bank=False)
    me = station.station_identity(store)
    fp = package_keys.station_fingerprint(store.data_dir)  # read out by phone to HQ (result packages)
    data = {"id": me.id, "name": me.name, "data_dir": str(store.data_dir), "fingerprint": fp}
    _emit(
        args,
        data,
        f"本机名称 / name: {me.name or '（未命名 / unnamed）'}\n本机标识 / id: {me.id}\n"
        f"本机指纹 / fingerprint: {fp}\n数据目录 / data dir: {store.data_dir}",
    )
    return 0


def station_rename(args: argparse.Namespace) -> int:
    store = _store(args, sync_bank=False)
    me = station.rename_station(store.data_dir, args.name)
    _emit(args, {"id": me.id, "name": me.name}, f"本机名称已改为 / station renamed: {me.name}")
    return 0


def _session_dict(info: SessionInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "exam_id": info.exam.id,
        "exam": info.exam.title,
        "class": info.class_name,
        "station": info.station,
        "opened_at": _iso(info.opened_at),
        "ends_at": _iso(info.ends_at),
        "open": info.is_open,
    }


def _session_line(info: SessionInfo) -> str:
    ends = f"\t统一收卷 {info.ends_at:%H:%M}" if info.ends_at else ""
    state = "" if info.is_open else "\t已结束 / closed"
    return (
        f"{info.id}\t#{info.exam.id} {info.exam.title}\t{info.class_name or '全部考生'}\t{info.station or '所有考试机'}"
        f"\t{info.opened_at:%m-%d %H:%M} 开考{ends}{state}"
    )


def session_open(args: argparse.Namespace) -> int:
    ends_at = parse_ends(args.ends) if args.ends else None
    info = sessions.open_session(_store(args), args.exam, "cli", class_name=args.class_name or "", station=args.station or "", ends_at=ends_at,
                                 confirm_second=args.force)
    _emit(args, _session_dict(info), f"已开考 / session opened: {_session_line(info)}")
    return 0


def session_list(args: argparse.Namespace) -> int:
    infos = sessions.all_sessions(_store(args)) if args.all else sessions.open_sessions(_store(args))
    text = "\n".join(_session_line(i) for i in infos) or "（没有进行中的考场 / no open sessions）"
    _emit(args, [_session_dict(i) for i in infos], text)
    return 0


def session_close(args: argparse.Namespace) -> int:
    forced = sessions.close_session(_store(args), args.id, "cli")
    _emit(args, {"id": args.id, "forced": forced}, f"考场 {args.id} 已结束 / session closed；强制交卷 {forced} 人 / {forced} paper(s) force-submitted")
    return 0


def _live_dict(r: LiveRow) -> dict[str, Any]:
    return {
        "employee_no": r.employee_no,
        "name": r.name,
        "unit": r.unit,
        "station": r.station,
        "status": r.status,
        "status_label": r.status_label,
        "answered": r.answered,
        "questions": r.question_count,
        "remaining_s": r.remaining_ms // 1000 if r.status == "in_progress" else None,
        "since_report_s": r.since_report_s,
        "lost": r.lost,
        "clock_offset_s": None if r.clock_offset_ms is None else round(r.clock_offset_ms / 1000, 1),
        "focus_losses": r.focus_losses,
        "score": float(r.score) if r.score else None,
        "attempt_id": r.attempt_id,
    }


def _live_line(r: LiveRow) -> str:
    cells = [r.employee_no, r.name, r.station or "-", r.status_label]
    if r.attempt_id is not None:
        cells.append(f"已答 {r.answered}/{r.question_count}")
    if r.since_report_s is not None:
        cells.append(f"{r.since_report_s} 秒前上报")
    if r.clock_offset_ms is not None:
        cells.append(f"时钟偏差 {r.clock_offset_ms / 1000:+.0f} 秒")
    if r.score:
        cells.append(f"得分 {r.score}")
    return "\t".join(cells)


def session_live(args: argparse.Namespace) -> int:
    rows = sessions.live_rows(_store(args), args.id)
    _emit(args, [_live_dict(r) for r in rows], "\n".join(_live_line(r) for r in rows) or "（名单为空 / empty roster）")
    return 0
