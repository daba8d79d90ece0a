"""Merging a station's result package at HQ (design §3): verify, then take what is new, never overwrite.

- The body must open with HQ's X25519 key and answer an exam package HQ issued.
- A station's key is trusted on first use per station id; another key later is refused.
- Each attempt is new (merged and graded with HQ's exam on its frozen paper), unchanged (held
  already, same digest) or a conflict (recorded in package_conflict, reported, not merged): held
  from another station or sat at HQ, changed after it was submitted, or a paper that is not made of
  the questions HQ issued under HQ's rules.
- One transaction per package. The database refuses a station attempt or audit row twice, and the
  same package twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.gc_pause import cycle_collection_paused
from baiwen_desktop.services import audit, frozen_papers, package_keys
from baiwen_desktop.services.merge_grading import Sheet
from baiwen_desktop.services.merge_prepare import (
    INCOMPLETE,
    Graded,
    Prepared,
    grade_attempts,
    open_result,
    read_result,
)
from baiwen_desktop.services.package_io import (
    PackageRefused,
    key_fingerprint,
    raw_bytes,
    same_fingerprint,
    sha256_hex,
    stored_times,
)
from baiwen_desktop.services.package_outcomes import MergeReport
from baiwen_desktop.services.package_shape import check_result_payload
from baiwen_desktop.store import json_codec, many_rows
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import (
    Answer,
    Attempt,
    AuditEvent,
    Candidate,
    Exam,
    Package,
    PackageConflict,
    PackageStation,
)

Progress = Callable[[int, int], None]

CONFLICT_LABELS = {
    "two_stations": "已有该考生本场考试的答卷",
    "changed_after_submit": "交卷后答卷被改动",
    "paper_mismatch": "试卷与总部下发的题目不符",
    "invalid": "答卷记录不完整",
}


@dataclass
class _Plan:
    """What one package adds, worked out before the write transaction."""

    new: list[tuple[dict[str, Any], Sheet]] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)  # kind, attempt, detail
    snapshots: dict[str, dict[str, Any]] = field(default_factory=dict)  # digest -> content (checked) the new papers name

    def conflict(self, kind: str, a: dict[str, Any], detail: str) -> None:
        self.conflicts.append((kind, a, detail))


def _station_key(s: Session, path: Path, signer: dict[str, Any], trust_station_key: str | None) -> tuple[Ed25519PublicKey, PackageStation | None]:
    try:
        raw = raw_bytes(signer.get("public_key"))
        key = Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise PackageRefused(path, "damaged", "成绩包中的站点公钥无效", "the station key in the package is not valid") from None
    known = s.get(PackageStation, str(signer.get("station_id", "")))
    fp = key_fingerprint(key)
    if known is not None and known.fingerprint != fp and not (trust_station_key and same_fingerprint(trust_station_key, fp)):
        raise PackageRefused(
            path, "station_key_changed",
            f"站点“{known.name}”的站点密钥与上次不同，请电话核对指纹（上次 {known.fingerprint}，本次 {fp}），未导入。"
            "请站点负责人读出本机指纹：确认站点换过电脑或重装过、指纹与本次一致后，重新导入并确认信任新指纹",
            f"station '{known.name}' signs with another key than last time (was {known.fingerprint}, now {fp}); nothing imported."
            " Check the fingerprint with the station by phone; if it changed its PC and the fingerprint matches, import again and trust the new key",
            fingerprint=fp,
        )
    return key, known


def held_attempts(s: Session, station_id: str) -> dict[int, str]:
    """The station's attempts HQ holds already: its attempt id -> the digest it had when merged."""
    stmt = select(Attempt.origin_attempt_id, Attempt.origin_digest).where(Attempt.origin_station_id == station_id, Attempt.origin_attempt_id.is_not(None))
    return {r.origin_attempt_id: r.origin_digest for r in s.execute(stmt)}


def _plan(
    s: Session, payload: dict[str, Any], exam_id: int, graded: list[Graded], questions: dict[str, dict[str, Any]], station_id: str,
) -> tuple[_Plan, dict[str, int], list[dict[str, Any]]]:
    """Each attempt new, unchanged or a conflict, by what HQ holds (merge_prepare.grade_attempts did the rest)."""
    attempts = payload["attempts"]
    numbers = {str(a["employee_no"]) for a in attempts}
    people: dict[str, int] = dict(s.execute(select(Candidate.employee_no, Candidate.id).where(Candidate.employee_no.in_(numbers))).all()) if numbers else {}
    missing = []
    for a in attempts:  # someone the station added to its roster: HQ keeps its own record if it has one
        no = str(a["employee_no"])
        if no not in people and no not in {m["employee_no"] for m in missing}:
            missing.append({"employee_no": no[:32], "name": str(a.get("name", ""))[:64] or no, "unit": str(a.get("unit", ""))[:128],
                            "post": str(a.get("post", ""))[:128], "class_name": str(a.get("class_name", ""))[:128]})
    held = held_attempts(s, station_id)
    elsewhere: dict[int, str] = {}  # candidate -> who holds an attempt of this exam already
    # Only this package's candidates: HQ holds thousands of merged attempts of the exam, read every merge otherwise.
    ids = list(people.values())
    for i in range(0, len(ids), 500):
        for cid, origin, name in s.execute(
            select(Attempt.candidate_id, Attempt.origin_station_id, Attempt.station)
            .where(Attempt.exam_id == exam_id, Attempt.candidate_id.in_(ids[i : i + 500]))
        ):
            if origin != station_id:
                elsewhere.setdefault(cid, f"站点“{name}”" if origin else "总部本地考试")
    plan = _Plan()
    used: set[str] = set()  # the questions the new papers name
    for a, g in zip(attempts, graded, strict=True):
        origin_id = int(a["id"])
        if origin_id in held:
            if held[origin_id] == g.digest:
                plan.unchanged += 1
            else:
                plan.conflict("changed_after_submit", a, "交卷后答卷被改动（与上次导入的不一致），保留上次导入的答卷")
            continue
        if g.outcome is None:
            plan.conflict("invalid", a, f"答卷状态“{str(a.get('status'))[:20]}”不是已交卷")
            continue
        cid = people.get(str(a["employee_no"]))
        if cid is not None and cid in elsewhere:
            plan.conflict("two_stations", a, f"{elsewhere[cid]}已有该考生本场考试的答卷，本站点的答卷未合并")
            continue
        if isinstance(g.outcome, tuple):  # the paper is not one HQ's exam could have drawn, or the record is incomplete
            plan.conflict(g.outcome[0], a, g.outcome[1])
            continue
        plan.new.append((a, g.outcome))
        used.update(g.used)
    plan.snapshots = {d: questions[d] for d in sorted(used)}
    return plan, people, missing


def import_results(
    store: Store, path: Path, *, passphrase: str, actor: str, progress: Progress | None = None, trust_station_key: str | None = None,
    hq_key: X25519PrivateKey | None = None, prepared: Prepared | None = None,
) -> MergeReport:
    """Verify a station's result package and merge it into this (HQ) database in one transaction.

    `hq_key`: HQ's package key already opened with the 签发口令 (package_keys.hq_private_key), for a
    batch of packages; otherwise `passphrase` opens it (scrypt: a noticeable fraction of a second).
    `prepared`: merge_prepare.prepare's work on this file, done ahead (services.merge_pipeline)."""
    with cycle_collection_paused():  # the payload: tens of thousands of objects, freed by reference counting
        return _import_results(store, Path(path), passphrase=passphrase, actor=actor, progress=progress, trust_station_key=trust_station_key,
                               hq_key=hq_key, prepared=prepared)


def _import_results(
    store: Store, path: Path, *, passphrase: str, actor: str, progress: Progress | None, trust_station_key: str | None,
    hq_key: X25519PrivateKey | None, prepared: Prepared | None,
) -> MergeReport:
    # The steps in this order whether or not `prepared` did the database-free ones ahead: a package is refused
    # for the first thing wrong with it, and a re-import of a merged package stops before its shape is checked.
    if prepared is not None and prepared.stage == "file":
        raise prepared.refused  # type: ignore[misc]
    data, header = read_result(path) if prepared is None else (b"", prepared.header)
    signer = header.get("signer") or {}
    hq_key = hq_key or package_keys.hq_private_key(store, passphrase, actor)
    with store.session() as s:
        verify_key, _known = _station_key(s, path, signer, trust_station_key)
    if prepared is None:
        opened = open_result(path, data, header, hq_key)
        file_sha256 = sha256_hex(data)
    elif prepared.stage == "open":
        raise prepared.refused  # type: ignore[misc]
    else:
        opened, file_sha256 = prepared.opened, prepared.file_sha256  # type: ignore[assignment]
    header, payload, package_id = opened.header, opened.payload, opened.package_id
    station_id, station_name, fp = str(signer["station_id"]), str(signer.get("name", ""))[:128], key_fingerprint(verify_key)
    with store.session() as s:
        done = _already(s, package_id)
        if done is not None:
            return done
        if prepared is None:
            check_result_payload(path, payload)  # after the re-import check: an idempotent re-import skips it
        elif prepared.stage == "shape":
            raise prepared.refused  # type: ignore[misc]
        issued = s.get(Package, (opened.exam_package_id, "out"))
        if issued is None or issued.kind != "exam" or issued.exam_id is None:
            raise PackageRefused(path, "not_issued", f"此成绩包答的考试包（{opened.exam_package_id[:8]}）不是本单位签发的，未导入",
                                 f"this result package answers exam package {opened.exam_package_id[:8]}, which this HQ did not issue; nothing imported")
        exam_row = s.get(Exam, issued.exam_id)
        assert exam_row is not None
        exam = (exam_row.id, exam_row.definition, dict(issued.detail.get("snapshots", {})))
        if prepared is not None and prepared.stage == "grade" and prepared.exam == exam:
            raise prepared.refused  # type: ignore[misc]
        if prepared is not None and prepared.graded is not None and prepared.exam == exam:
            graded, questions = prepared.graded, prepared.questions
        else:  # graded here: not done ahead, or against what HQ holds no longer (then from the file again: a worker sends no papers)
            if prepared is not None and prepared.graded is not None:
                again = open_result(path, read_result(path)[0], prepared.header, hq_key)
                if again.package_id != package_id:
                    raise PackageRefused(path, "invalid", "合并过程中文件被替换，未导入", "the file was replaced while merging; nothing imported")
                payload = again.payload
            graded, questions = grade_attempts(path, payload, *exam, station_id, station_name, progress)
        try:
            plan, people, missing = _plan(s, payload, exam_row.id, graded, questions, station_id)
        except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError):
            raise PackageRefused(path, "invalid", *INCOMPLETE) from None
        s.expunge_all()
    try:
        with store.session() as s, s.begin():
            return _write(s, path, file_sha256, header, payload, plan, people, missing, exam_row, opened.exam_package_id, station_id, station_name,
                          fp, signer, actor)
    except IntegrityError:
        with store.session() as s:
            done = _already(s, package_id)
        if done is not None:  # the same package merged at this moment by another PC
            return done
        raise BaiwenError("另一台电脑正在合并同一站点的成绩，请稍后重试（本次未导入任何内容）",
                          "another PC is merging this station's results right now; try again (nothing was imported)") from None


def _already(s: Session, package_id: str) -> MergeReport | None:
    row = s.get(Package, (package_id, "in"))
    if row is None or row.kind != "result":
        return None
    return MergeReport(package_id, row.station_name, row.station_fingerprint, row.attempts_total, 0, row.attempts_total, [], 0, True)


def _write(
    s: Session, path: Path, file_sha256: str, header: dict[str, Any], payload: dict[str, Any], plan: _Plan, people: dict[str, int],
    missing: list[dict[str, Any]], exam_row: Exam, exam_package_id: str, station_id: str, station_name: str, fp: str,
    signer: dict[str, Any], actor: str,
) -> MergeReport:
    now = db_now(s)
    package_id = str(header["package_id"])
    attempts = payload["attempts"]
    differences = [d for d in (_score_difference(a, sheet) for a, sheet in plan.new) if d is not None]
    s.add(Package(  # first: the same package a second time stops here, on the key
        id=package_id, direction="in", kind="result", exam_id=exam_row.id, exam_package_id=exam_package_id, station_id=station_id,
        station_name=station_name, station_fingerprint=fp, file_sha256=file_sha256, created_at=now,
        candidates=len({str(a["employee_no"]) for a in attempts}), attempts_total=len(attempts), attempts_new=len(plan.new),
        attempts_unchanged=plan.unchanged, conflicts=len(plan.conflicts),
        detail={"unfinished": int(payload.get("unfinished", 0) or 0), "exported_at": payload.get("exported_at"),
                "created_at": header.get("created_at"), "score_differences": differences},
        actor=actor,
    ))
    s.flush()
    if missing:
        s.execute(insert(Candidate), [{**m, "created_at": now} for m in missing])
    ids = dict(s.execute(select(Candidate.employee_no, Candidate.id).where(
        Candidate.employee_no.in_({str(a["employee_no"]) for a, _ in plan.new} | {m["employee_no"] for m in missing}))).all())
    ids.update(people)
    pending = 0
    conn = s.connection()  # Core from here: thousands of rows per package
    frozen_papers.add_snapshots(s, plan.snapshots)  # before the papers that name them
    if plan.new:
        sheets = [sheet for _a, sheet in plan.new]
        rows = {k: [sheet.values[k] for sheet in sheets] for k in sheets[0].values}
        rows["candidate_id"] = [ids[str(a["employee_no"])] for a, _sheet in plan.new]
        definition = json_codec.dumps(exam_row.definition)  # the same for every attempt
        many_rows.executemany_columns(conn, Attempt.__table__.insert(), rows, repeating=("pending_review", "passed"),  # type: ignore[attr-defined]
                                      json_texts={"exam_definition": [definition] * len(sheets)})
    by_origin: dict[int, int] = dict(s.execute(  # the station's attempts HQ holds, just inserted or before: HQ's ids
        select(Attempt.origin_attempt_id, Attempt.id).where(Attempt.origin_station_id == station_id, Attempt.origin_attempt_id.is_not(None))).all())
    if plan.new:  # their papers, as the JSON column's text
        frozen_papers.put_many(s, [by_origin[sheet.values["origin_attempt_id"]] for sheet in sheets], [sheet.paper for sheet in sheets])
    columns: dict[str, list[Any]] = {"attempt_id": [], "position": [], "marked": [], "auto_points": [],
                                     "final_points": []}  # response as text; reviewed_by NULL, comment ""
    texts: list[str] = []
    saved: list[str] = []
    for _a, sheet in plan.new:
        columns["attempt_id"] += [by_origin[sheet.values["origin_attempt_id"]]] * len(sheet.answers["position"])
        for k, column in sheet.answers.items():
            columns[k] += column
        texts += sheet.texts
        saved += sheet.saved
        pending += int(sheet.values["pending_review"])
    many_rows.executemany_columns(conn, Answer.__table__.insert(), columns, repeating=("marked", "auto_points", "final_points"),  # type: ignore[attr-defined]
                                  json_texts={"response": texts}, datetime_texts={"saved_at": saved})
    _merge_audit(s, path, payload, station_id, station_name, exam_row.id, ids, by_origin)
    texts = []
    for kind, a, detail in plan.conflicts:
        who = f"{str(a.get('employee_no', ''))[:32]} {str(a.get('name', ''))[:64]}".strip()
        s.add(PackageConflict(package_id=package_id, station_id=station_id, employee_no=str(a.get("employee_no", ""))[:32], exam_id=exam_row.id,
                              kind=kind, detail=detail, at=now))
        texts.append(f"{who}：{detail}")
    known = s.get(PackageStation, station_id)
    if known is None:
        s.add(PackageStation(station_id=station_id, name=station_name, public_key=str(signer["public_key"]), fingerprint=fp, first_seen=now, last_seen=now))
    else:
        known.name, known.public_key, known.fingerprint, known.last_seen = station_name, str(signer["public_key"]), fp, now
    audit.record(s, "package_import", actor, exam_id=exam_row.id,
                 detail=f"成绩包 {package_id[:8]}（站点“{station_name}”，指纹 {fp}）：{len(attempts)} 份答卷，新增 {len(plan.new)}，"
                        f"已有 {plan.unchanged}，冲突 {len(plan.conflicts)}，待阅卷 {pending}"
                        + (f"，站点成绩与总部评分不同 {len(differences)}" if differences else ""))
    return MergeReport(package_id, station_name, fp, len(attempts), len(plan.new), plan.unchanged, texts, pending, False,
                       [difference_text(d) for d in differences])


def _score_difference(a: dict[str, Any], sheet: Sheet) -> dict[str, Any] | None:
    """The station's provisional score beside HQ's own grade of the same answers, when they differ (a
    station's 阅卷 of a 简答, or a station that grades otherwise). HQ's grade stands; this is for a look."""
    station = a.get("station_score")
    if station is None:  # the station had no score to give
        return None
    hq: Decimal = sheet.values["score"]
    try:
        if Decimal(str(station)) == hq:
            return None
    except ArithmeticError:  # not a number: shown as the station wrote it
        pass
    return {"employee_no": str(a.get("employee_no", ""))[:32], "name": str(a.get("name", ""))[:64], "station_score": str(station)[:20],
            "hq_score": str(hq), "pending_review": bool(sheet.values["pending_review"])}


def difference_text(d: dict[str, Any]) -> str:
    """One line of the merge report: "工号 姓名：站点成绩 …，总部评分 …（相差 …；…）"."""
    who = f"{d['employee_no']} {d['name']}".strip()
    notes = []
    try:
        notes.append(f"相差 {Decimal(d['hq_score']) - Decimal(d['station_score']):+}")
    except ArithmeticError:
        pass
    if d.get("pending_review"):
        notes.append("总部评分含待阅卷简答的建议分")
    notes.append("以总部为准")
    return f"{who}：站点成绩 {d['station_score']}，总部评分 {d['hq_score']}（{'；'.join(notes)}）"


def _merge_audit(
    s: Session, path: Path, payload: dict[str, Any], station_id: str, station_name: str, exam_id: int, ids: dict[str, int], by_origin: dict[int, int],
) -> None:
    """The station's audit entries for the exam, each once (origin station + its id), tied to HQ's rows."""
    seen = set(s.scalars(select(AuditEvent.origin_event_id).where(AuditEvent.origin_station_id == station_id, AuditEvent.origin_event_id.is_not(None))))
    fresh = []
    for e in payload.get("audit", []):
        origin = int(e["id"])
        if origin not in seen:
            seen.add(origin)
            fresh.append(e)
    if not fresh:
        return
    n = len(fresh)
    columns = {  # a column at a time: hundreds of entries a package
        "actor": [str(e.get("actor", ""))[:64] for e in fresh], "event": [str(e.get("event", ""))[:32] for e in fresh],
        "candidate_id": [ids.get(str(e.get("employee_no", ""))) for e in fresh], "exam_id": [exam_id] * n,
        "attempt_id": [by_origin.get(int(x)) if (x := e.get("attempt_id")) is not None else None for e in fresh],
        "station": [str(e.get("station", "") or station_name)[:128] for e in fresh], "detail": [str(e.get("detail", "")) for e in fresh],
        "origin_station_id": [station_id] * n, "origin_event_id": [int(e["id"]) for e in fresh],
    }
    at = stored_times([str(e["at"]) for e in fresh], None, path, "审计时间")
    many_rows.executemany_columns(s.connection(), AuditEvent.__table__.insert(), columns, datetime_texts={"at": at})  # type: ignore[attr-defined]
