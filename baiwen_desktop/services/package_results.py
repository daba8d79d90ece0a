"""Result packages at the station: every finished attempt of an HQ exam, with its answers, timings
and the station's audit entries, signed with the station key and sealed to HQ's X25519 key.

Exporting again at any time gives a superset: attempts only ever finish, never un-finish."""

from __future__ import annotations

import base64
import uuid
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import func, select

from baiwen_desktop.core import package_box
from baiwen_desktop.core.canonical import parsed_hash
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.reports import ResultPackageCover, render_result_cover
from baiwen_desktop.services import audit, frozen_papers, package_keys, settings, station
from baiwen_desktop.services.attempts import FINISHED
from baiwen_desktop.services.package_io import (
    PAYLOAD_FORMAT,
    canonical_hash,
    iso,
    key_fingerprint,
    raw_b64,
    sha256_hex,
    write_package,
)
from baiwen_desktop.services.package_outcomes import ResultExport
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import LIVE, Attempt, AuditEvent, Candidate, Exam, Package

# what an attempt is once submitted; a later package must carry exactly the same (HQ compares digests).
# Its paper names each question by the hash of its content, so the digest covers the questions too.
DIGEST_FIELDS = ("employee_no", "status", "submit_reason", "started_at", "submitted_at", "limit_ms", "counted_ms", "focus_losses",
                 "seed", "paper", "answers")


def attempt_digest(a: dict[str, Any], *, from_json: bool = False) -> str:
    """SHA-256 of what a submitted attempt is: its paper, answers, times and reasons (not scores:
    HQ grades it again, and a station's 阅卷 may still change its own provisional score).
    `from_json`: `a` is as a JSON reader gave it (a package's payload at HQ): the same digest, faster."""
    fields = {k: a.get(k) for k in DIGEST_FIELDS}
    return parsed_hash(fields) if from_json else canonical_hash(fields)


def hq_package(store: Store, exam_id: int) -> tuple[dict[str, Any], dict[str, Any], str]:
    """The exam's hq_package flag, the imported package's detail, and the exam title."""
    with store.session() as s:
        exam = s.get(Exam, exam_id)
        if exam is None:
            raise BaiwenError(f"没有编号为 {exam_id} 的考试", f"no exam with id {exam_id}")
        flag = (exam.definition.get("extra") or {}).get("hq_package")
        if not flag:
            raise BaiwenError(f"考试“{exam.title}”不是从总部考试包导入的，没有成绩包可导出", f"exam '{exam.title}' was not imported from an HQ exam package")
        row = s.get(Package, (flag["package_id"], "in"))
        if row is None:
            raise BaiwenError(f"找不到考试“{exam.title}”的考试包记录", f"no package record for exam '{exam.title}'")
        return flag, row.detail, exam.title


def compact_paper(stored: dict[str, Any]) -> dict[str, Any]:
    """An attempt's stored paper as the package carries it: each question named by the hash of its
    content (the contents once, in the payload's `questions`: forty papers share a few hundred)."""
    items = [{"question": i["question"], "score": i["score"], "part": i["part"], "option_order": i["option_order"]} for i in stored["items"]]
    return {"items": items, "part_titles": stored["part_titles"]}


def _attempt(a: Attempt, c: Candidate, paper: dict[str, Any]) -> dict[str, Any]:
    out = {
        "id": a.id, "employee_no": c.employee_no, "name": c.name, "unit": c.unit, "post": c.post, "class_name": c.class_name,
        "status": a.status, "submit_reason": a.submit_reason, "started_at": iso(a.started_at), "submitted_at": iso(a.submitted_at),
        "limit_ms": a.limit_ms, "counted_ms": a.counted_ms, "focus_losses": a.focus_losses, "seed": a.seed,
        "paper": compact_paper(paper),
        "answers": [{"position": x.position, "response": x.response, "marked": x.marked, "saved_at": iso(x.saved_at)}
                    for x in sorted(a.answers, key=lambda x: x.position)],
        "station": a.station, "station_score": str(a.score) if a.score is not None else None,
    }
    out["digest"] = attempt_digest(out)
    return out


def export_results(store: Store, exam_id: int, out: Path, *, data_dir: Path, actor: str) -> ResultExport:
    """Write this station's result package for an exam imported from HQ (any time; a superset of the last)."""
    flag, detail, title = hq_package(store, exam_id)
    hq_key = X25519PublicKey.from_public_bytes(base64.b64decode(detail["hq_x25519"]))
    ident = station.load_identity(Path(data_dir)) if Path(data_dir) != store.data_dir else station.station_identity(store)
    name = ident.name or settings.get(store, "station") or "未命名站点"
    key = package_keys.station_key(Path(data_dir))
    public = key.public_key()
    fp = key_fingerprint(public)
    with store.session() as s:
        rows = s.execute(
            select(Attempt, Candidate).join(Candidate, Attempt.candidate_id == Candidate.id)
            .where(Attempt.exam_id == exam_id, Attempt.status.in_(FINISHED)).order_by(Attempt.id)
        ).all()
        papers = frozen_papers.stored_many(s, (a.id for a, _ in rows))
        done = [_attempt(a, c, papers[a.id]) for a, c in rows]
        questions = frozen_papers.snapshots(s, (d for a in done for d in frozen_papers.digests(a["paper"])))
        unfinished = s.scalar(select(func.count()).select_from(Attempt).where(Attempt.exam_id == exam_id, Attempt.status == LIVE)) or 0
        events = s.execute(
            select(AuditEvent, Candidate.employee_no).outerjoin(Candidate, AuditEvent.candidate_id == Candidate.id)
            .where(AuditEvent.exam_id == exam_id).order_by(AuditEvent.id)
        ).all()
        log = [{"id": e.id, "at": iso(e.at), "actor": e.actor, "event": e.event, "employee_no": no or "", "attempt_id": e.attempt_id,
                "station": e.station, "detail": e.detail} for e, no in events]
        now = db_now(s)
    package_id = str(uuid.uuid4())
    station_info = {"station_id": ident.id, "name": name, "public_key": raw_b64(public), "fingerprint": fp}
    payload = {
        "format": PAYLOAD_FORMAT, "package_id": package_id, "exam_package_id": flag["package_id"], "hq_exam_id": flag["hq_exam_id"],
        "exam_title": title, "station": station_info, "questions": questions, "attempts": done, "audit": log, "unfinished": unfinished, "exported_at": iso(now),
    }
    candidates = len({a["employee_no"] for a in done})
    header = {
        "package_id": package_id, "created_at": iso(now), "organisation": flag.get("organisation", ""), "issuer_code": flag.get("issuer_code", ""),
        "valid_from": None, "valid_until": None,
        "summary": {"exam_title": title, "station": name, "attempts": len(done), "unfinished": unfinished, "candidates": candidates},
    }
    data = package_box.seal_to_recipient("result", header, payload, hq_key, key, package_box.station_signer(ident.id, name, public))
    package_id = package_box.read_header(data)["package_id"]
    written = False
    try:
        with store.session() as s, s.begin():
            s.add(Package(
                id=package_id, direction="out", kind="result", exam_id=exam_id, exam_package_id=flag["package_id"], station_id=ident.id,
                station_name=name, station_fingerprint=fp, file_sha256=sha256_hex(data), created_at=db_now(s), candidates=candidates,
                attempts_total=len(done), detail={"unfinished": unfinished, "title": title}, actor=actor,
            ))
            audit.record(s, "package_export", actor, exam_id=exam_id,
                         detail=f"成绩包 {package_id[:8]}：{len(done)} 份答卷（未完成 {unfinished} 份未导出），本机指纹 {fp}")
            s.flush()
            write_package(out, data)
            written = True
    except BaseException:
        if written:  # on file but not on record: HQ would refuse it
            Path(out).unlink(missing_ok=True)
        raise
    cover = Path(out).with_name(f"{Path(out).stem}_封面.pdf")
    try:
        render_result_cover(ResultPackageCover(
            name, ident.id, fp, title, package_id, sha256_hex(data), len(done), unfinished, candidates, now,
            organisation=str(flag.get("organisation", "")), file_name=Path(out).name,
        ), cover)
    except OSError as e:  # the package itself is written and on record
        raise BaiwenError(f"成绩包已导出，但封面无法写入 {cover}：{e.strerror}", f"the package is written, but its cover {cover} is not: {e.strerror}") from None
    return ResultExport(Path(out), package_id, len(done), unfinished, fp, cover)
