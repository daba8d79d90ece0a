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

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from baiwen_desktop.core import package_box
from baiwen_desktop.core.canonical import parsed_hash
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import ExamDefinition, parse_exam
from baiwen_desktop.core.gc_pause import cycle_collection_paused
from baiwen_desktop.core.grading import ItemGrade, grade_item
from baiwen_desktop.core.numbers import passes
from baiwen_desktop.core.paper import Paper, PaperItem
from baiwen_desktop.core.question import CHOICE_TYPES, QType, Question
from baiwen_desktop.services import audit, frozen_papers, package_keys
from baiwen_desktop.services.attempts import FINISHED
from baiwen_desktop.services.package_io import (
    PAYLOAD_FORMAT,
    PackageRefused,
    from_iso,
    key_fingerprint,
    raw_bytes,
    read_package,
    refused,
    same_fingerprint,
    sha256_hex,
)
from baiwen_desktop.services.package_outcomes import MergeReport
from baiwen_desktop.services.package_results import attempt_digest
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


class _Sheet:
    """An attempt being merged, as plain values (thousands per merge: no ORM objects): its attempt row
    (without candidate_id) and its answer rows (without attempt_id), graded, column by column."""

    __slots__ = ("answers", "texts", "values")

    def __init__(self, values: dict[str, Any], answers: dict[str, list[Any]], texts: list[str]) -> None:
        self.values = values
        self.answers = answers
        self.texts = texts  # each response's JSON text, as the store writes it


class _Entry:
    """A paper item as a merge meets it in thousands of papers of one exam: the item, whether its option
    order is a permutation of the question's options, and the grades it has been given, by the JSON text
    of the response (shared by every item of the same question and score; None for a 简答: each text
    is the candidate's own, so a kept grade would only take memory)."""

    __slots__ = ("grades", "item", "order_ok", "part", "qid", "sig")

    def __init__(self, item: PaperItem, order_ok: bool, grades: dict[bytes | str, ItemGrade] | None) -> None:
        self.item = item
        self.order_ok = order_ok
        self.grades = grades
        self.part = item.part
        self.qid = item.question.id
        self.sig = (item.question.qtype, item.score)


@dataclass
class _Plan:
    """What one package adds, worked out before the write transaction."""

    new: list[tuple[dict[str, Any], _Sheet]] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)  # kind, attempt, detail
    snapshots: dict[str, dict[str, Any]] = field(default_factory=dict)  # digest -> content (checked) the new papers name

    def conflict(self, kind: str, a: dict[str, Any], detail: str) -> None:
        self.conflicts.append((kind, a, detail))


class _Questions:
    """The questions a package's papers name (by the hash of their content), each checked once:
    its content hashes to its name, and that is the snapshot HQ issued for its id. (A content written
    in exactly the JSON of one that hashed to its name in an earlier package is the same value, types
    and all, so it need not be hashed again: 200 stations send the same few hundred questions.)"""

    def __init__(self, snapshots: dict[str, str], sent: Any) -> None:
        self.snapshots = snapshots
        self.sent = sent if isinstance(sent, dict) else {}
        self.parsed: dict[str, tuple[Question, dict[str, Any]] | None] = {}

    def get(self, digest: Any) -> tuple[Question, dict[str, Any]] | None:
        """(the parsed question, its content) if `digest` names a question HQ issued, else None."""
        if not isinstance(digest, str):
            return None
        found = self.parsed.get(digest, False)
        if found is False:
            raw = self.sent.get(digest)
            found = None
            if isinstance(raw, dict) and self.snapshots.get(str(raw.get("id"))) == digest:
                seen = _questions_seen.get(digest)
                if seen is not None and seen[2] is not None and _json_bytes(raw) == seen[2]:  # the very content hashed before
                    found = seen[:2]
                elif parsed_hash(raw) == digest:
                    if seen is None:  # named by its content: the same question for every package and database
                        seen = _questions_seen[digest] = (Question.from_dict(raw), raw, _json_bytes(raw))
                    found = seen[:2]
            self.parsed[digest] = found
        return found  # type: ignore[return-value]

    def name(self, digest: Any) -> str:
        raw = self.sent.get(digest) if isinstance(digest, str) else None
        return str(raw.get("id"))[:20] if isinstance(raw, dict) else "？"


def _json_bytes(value: Any) -> bytes | None:
    try:
        return orjson.dumps(value)
    except TypeError:  # an integer past 64 bits: compared by its hash instead
        return None


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


def _check_paper(
    a: dict[str, Any], exam: ExamDefinition, questions: _Questions, entries: dict[tuple[str, str, int, tuple[int, ...]], _Entry],
    tables: dict[tuple[str, Decimal], dict[bytes | str, ItemGrade]],
) -> tuple[list[_Entry], Paper, dict[str, Any]] | tuple[str, str]:
    """The attempt's paper (its items, parsed, and as HQ stores it: by reference, services.frozen_papers)
    if HQ's exam could have drawn it from what HQ issued; else (conflict kind, why). `entries` and
    `tables`: the items and grades met before under this exam's grading policy (_policy_caches)."""
    try:
        raw_items = a["paper"]["items"]
        got: list[_Entry] = []
        stored = []
        checked = questions.parsed
        for pos, raw in enumerate(raw_items):
            digest = raw["question"]
            if checked.get(digest) is None and questions.get(digest) is None:  # not met in this package yet, or not HQ's
                return "paper_mismatch", f"第 {pos + 1} 题（{questions.name(digest)}）与总部下发的题目不同"
            text, part, order = raw["score"], raw["part"], raw["option_order"]
            key = (digest, text, part, tuple(order)) if type(text) is str and type(part) is int else None
            e = entries.get(key) if key is not None else None  # type: ignore[arg-type]
            if e is None:
                q = checked[digest][0]
                item = PaperItem(q, _score(text), int(part), tuple(int(i) for i in order))
                order_ok = q.qtype not in CHOICE_TYPES or sorted(item.option_order) == list(range(len(q.options)))
                e = _Entry(item, order_ok, None if q.qtype is QType.SHORT else tables.setdefault((digest, item.score), {}))
                if key is not None:
                    entries[key] = e
            got.append(e)
            stored.append({"question": digest, "score": text, "part": part, "option_order": order})
        paper = Paper(tuple(e.item for e in got), tuple(str(t) for t in a["paper"]["part_titles"]))
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError):
        return "invalid", "试卷无法读取"
    if len(got) != exam.question_count:
        return "paper_mismatch", f"试卷有 {len(got)} 题，总部考试为 {exam.question_count} 题"
    per_part = Counter(e.part for e in got)
    for n, rule in enumerate(exam.parts):
        if per_part.get(n, 0) != rule.count:
            return "paper_mismatch", f"第 {n + 1} 部分有 {per_part.get(n, 0)} 题，应为 {rule.count} 题"
    rules = [(rule.qtype, rule.score_each) for rule in exam.parts]
    for pos, e in enumerate(got):
        if e.sig != rules[e.part]:
            return "paper_mismatch", f"第 {pos + 1} 题的题型或分值与总部考试不符"
        if not e.order_ok:
            return "paper_mismatch", f"第 {pos + 1} 题的选项顺序无效"
    if len({e.qid for e in got}) != len(got):
        return "paper_mismatch", "同一道题在试卷中出现两次"
    return got, paper, {"items": stored, "part_titles": list(paper.part_titles)}


def _score(text: Any) -> Decimal:
    key = str(text)
    found = _scores.get(key)
    if found is None:
        found = _scores[key] = Decimal(key)
    return found


_UNANSWERED_SHORT = Decimal("0.00")  # core.grading.settle's final points of a 简答 left blank
_QUESTION_OF = itemgetter("question")


def _build(
    a: dict[str, Any], entries: list[_Entry], paper: Paper, stored: dict[str, Any], exam_row: Exam, exam: ExamDefinition, station_id: str,
    station_name: str, digest: str, path: Path,
) -> _Sheet:
    """The attempt as HQ stores it: HQ's exam settings, the station's frozen paper and answers, graded here
    as core.grading.settle grades a paper with no final points kept yet (attempts.grade_attempt; a test
    holds the two equal): each objective answer's grade looked up by its response's JSON text, each 简答
    graded afresh and left for a trainer when answered."""
    submitted = from_iso(a.get("submitted_at"), path, "交卷时间")
    started = from_iso(a["started_at"], path, "开始时间")
    if started is None:
        raise ValueError("no start time")
    answers = a["answers"]
    n = len(entries)
    positions = list(range(n))
    if [x["position"] for x in answers] != positions:  # integers: package_shape
        answers = sorted(answers, key=lambda x: int(x["position"]))
        if [int(x["position"]) for x in answers] != positions:
            raise ValueError("answers do not cover the paper")
    policy, fraction = exam.multi_policy, exam.partial_fraction
    responses = [x.get("response") for x in answers]
    try:  # each response named exactly by its JSON text (the store's own: json_codec.dumps), which is also what is stored
        keys: list[bytes | str] = list(map(orjson.dumps, responses))
        texts = list(map(bytes.decode, keys))  # type: ignore[arg-type]
    except TypeError:  # an integer past 64 bits: the standard library's text
        keys = texts = [json_codec.dumps(r) for r in responses]  # type: ignore[assignment]
    auto: list[Decimal] = []
    final: list[Decimal | None] = []
    score = Decimal(0)
    pending = False
    for e, r, k in zip(entries, responses, keys, strict=True):
        grades = e.grades
        if grades is None:  # 简答: a suggestion, awaiting a trainer once answered
            g = grade_item(e.item, r, policy, fraction)
            auto.append(g.points)
            if g.answered:
                final.append(None)
                pending = True
            else:
                final.append(_UNANSWERED_SHORT)
                score += _UNANSWERED_SHORT
                continue
        else:
            g = grades.get(k)  # type: ignore[assignment]
            if g is None:
                g = grades[k] = grade_item(e.item, r, policy, fraction)
                _graded[0] += 1
            auto.append(g.points)
            final.append(g.points)
        score += g.points
    fallback = submitted or started
    saved: list[datetime] = []
    for x in answers:  # from_iso for the 4,000 answer times of a package (checked already by package_shape), with less around it
        t = x.get("saved_at")
        if t is None:
            saved.append(fallback)
            continue
        try:
            when = datetime.fromisoformat(t)
        except (TypeError, ValueError):
            when = from_iso(t, path, "保存时间")  # type: ignore[assignment]
        saved.append(when if when.tzinfo is None else when.replace(tzinfo=None))
    rows = {"position": positions, "response": responses, "marked": [x.get("marked", False) for x in answers], "saved_at": saved,
            "auto_points": auto, "final_points": final}  # booleans: package_shape
    values = {
        "session_id": None, "exam_id": exam_row.id, "station": station_name[:128], "station_id": station_id, "lease_token": "",
        "status": str(a["status"]), "submit_reason": str(a.get("submit_reason", ""))[:200], "exam_definition": exam_row.definition,
        "paper": stored, "seed": int(a.get("seed", 0)), "started_at": started, "submitted_at": submitted, "limit_ms": int(a["limit_ms"]),
        "counted_ms": int(a["counted_ms"]), "heartbeat_at": None, "answered_count": n - responses.count(None),
        "clock_offset_ms": None, "current_index": 0, "focus_losses": int(a.get("focus_losses", 0)), "total": paper.total,
        "pass_mark": exam.pass_mark, "origin_station_id": station_id, "origin_attempt_id": int(a["id"]), "origin_digest": digest,
        "score": score, "pending_review": pending, "passed": None if pending else passes(score, exam.pass_mark),
    }
    return _Sheet(values, rows, texts)


# Kept for every package this process merges (200 packages of one exam answer the same few hundred
# questions, mostly with the same few responses), each bounded: questions by their content's hash (one
# object per content); per grading policy, the paper items met (a 判断 or 填空 has one option order; a
# 单选's four options, 24) and the grades given (grading is a function of the question's content, the
# item's score, the response and the exam's policy).
_questions_seen: dict[str, tuple[Question, dict[str, Any], bytes | None]] = {}  # digest (checked) -> parsed question, content, its JSON
_entries: dict[tuple[str, Decimal], dict[tuple[str, str, int, tuple[int, ...]], _Entry]] = {}  # policy -> (digest, score text, part, order) -> entry
_tables: dict[tuple[str, Decimal], dict[tuple[str, Decimal], dict[bytes | str, ItemGrade]]] = {}  # policy -> (digest, score) -> grades
_graded = [0]  # grades kept in _tables
_scores: dict[str, Decimal] = {}
_MAX_QUESTIONS, _MAX_ENTRIES, _MAX_GRADES = 50_000, 500_000, 200_000  # a grade kept: its response text and an ItemGrade, a few hundred bytes


def _policy_caches(exam: ExamDefinition) -> tuple[dict[tuple[str, str, int, tuple[int, ...]], _Entry], dict[tuple[str, Decimal], dict[bytes | str, ItemGrade]]]:
    """The entries and grade tables for this exam's policy; everything starts afresh rather than grow without end."""
    if len(_questions_seen) > _MAX_QUESTIONS or sum(map(len, _entries.values())) > _MAX_ENTRIES or _graded[0] > _MAX_GRADES:
        _questions_seen.clear()
        _entries.clear()
        _tables.clear()
        _graded[0] = 0
    key = (exam.multi_policy, exam.partial_fraction)
    return _entries.setdefault(key, {}), _tables.setdefault(key, {})


def held_attempts(s: Session, station_id: str) -> dict[int, str]:
    """The station's attempts HQ holds already: its attempt id -> the digest it had when merged."""
    stmt = select(Attempt.origin_attempt_id, Attempt.origin_digest).where(Attempt.origin_station_id == station_id, Attempt.origin_attempt_id.is_not(None))
    return {r.origin_attempt_id: r.origin_digest for r in s.execute(stmt)}


def _plan(
    s: Session, path: Path, payload: dict[str, Any], exam_row: Exam, snapshots: dict[str, str], station_id: str, station_name: str,
    progress: Progress | None,
) -> tuple[_Plan, dict[str, int], list[dict[str, Any]]]:
    exam = parse_exam(exam_row.definition, "exam")
    entries, tables = _policy_caches(exam)
    attempts = payload["attempts"]
    if not isinstance(attempts, list):
        raise TypeError("attempts")
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
    # Only this package's candidates: HQ holds thousands of merged attempts, each with its stored paper, and a
    # test on a column stored after the paper (origin_station_id) would read every paper of the exam, every merge.
    ids = list(people.values())
    for i in range(0, len(ids), 500):
        for cid, origin, name in s.execute(
            select(Attempt.candidate_id, Attempt.origin_station_id, Attempt.station)
            .where(Attempt.exam_id == exam_row.id, Attempt.candidate_id.in_(ids[i : i + 500]))
        ):
            if origin != station_id:
                elsewhere.setdefault(cid, f"站点“{name}”" if origin else "总部本地考试")
    plan = _Plan()
    questions = _Questions(snapshots, payload.get("questions"))
    used: set[str] = set()  # the questions the new papers name
    for n, a in enumerate(attempts, start=1):
        if progress:
            progress(n, len(attempts))
        digest = attempt_digest(a, from_json=True)
        origin_id = int(a["id"])
        if origin_id in held:
            if held[origin_id] == digest:
                plan.unchanged += 1
            else:
                plan.conflict("changed_after_submit", a, "交卷后答卷被改动（与上次导入的不一致），保留上次导入的答卷")
            continue
        if a.get("status") not in FINISHED:
            plan.conflict("invalid", a, f"答卷状态“{str(a.get('status'))[:20]}”不是已交卷")
            continue
        cid = people.get(str(a["employee_no"]))
        if cid is not None and cid in elsewhere:
            plan.conflict("two_stations", a, f"{elsewhere[cid]}已有该考生本场考试的答卷，本站点的答卷未合并")
            continue
        checked = _check_paper(a, exam, questions, entries, tables)
        if isinstance(checked[0], str):
            plan.conflict(checked[0], a, str(checked[1]))
            continue
        got, paper, stored = checked  # type: ignore[misc]
        try:
            built = _build(a, got, paper, stored, exam_row, exam, station_id, station_name, digest, path)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError, ArithmeticError):
            plan.conflict("invalid", a, "答卷记录不完整，无法评分")
            continue
        plan.new.append((a, built))
        used.update(map(_QUESTION_OF, stored["items"]))
    plan.snapshots = {d: questions.parsed[d][1] for d in sorted(used)}  # type: ignore[index]
    return plan, people, missing


def import_results(
    store: Store, path: Path, *, passphrase: str, actor: str, progress: Progress | None = None, trust_station_key: str | None = None,
    hq_key: X25519PrivateKey | None = None,
) -> MergeReport:
    """Verify a station's result package and merge it into this (HQ) database in one transaction.

    `hq_key`: HQ's package key already opened with the 签发口令 (package_keys.hq_private_key), for a
    batch of packages; otherwise `passphrase` opens it (scrypt: a noticeable fraction of a second)."""
    with cycle_collection_paused():  # the payload: tens of thousands of objects, freed by reference counting
        return _import_results(store, path, passphrase=passphrase, actor=actor, progress=progress, trust_station_key=trust_station_key,
                               hq_key=hq_key)


def _import_results(
    store: Store, path: Path, *, passphrase: str, actor: str, progress: Progress | None = None, trust_station_key: str | None = None,
    hq_key: X25519PrivateKey | None = None,
) -> MergeReport:
    path = Path(path)
    data, header = read_package(path)
    if header.get("kind") != "result":
        raise PackageRefused(path, "wrong_kind", "这是考试包，不是成绩包：请在站点导入", "this is an exam package, not a result package: import it at the station")
    signer = header.get("signer") or {}
    if signer.get("kind") != "station":
        raise PackageRefused(path, "unknown_signer", "成绩包不是站点签名的", "the result package is not signed by a station")
    hq_key = hq_key or package_keys.hq_private_key(store, passphrase, actor)
    with store.session() as s:
        verify_key, _known = _station_key(s, path, signer, trust_station_key)
    try:
        header, payload = package_box.open_package(data, verify_key=verify_key, recipient=hq_key, expect_kind="result")
    except package_box.PackageError as e:
        raise refused(path, e) from None
    package_id = str(header["package_id"])
    station_id, station_name, fp = str(signer["station_id"]), str(signer.get("name", ""))[:128], key_fingerprint(verify_key)
    try:
        st = payload["station"]
        if (payload.get("format") != PAYLOAD_FORMAT or payload.get("package_id") != package_id or st.get("station_id") != station_id
                or st.get("public_key") != signer.get("public_key")):
            raise PackageRefused(path, "invalid", "成绩包内容与签名站点不符", "the package content does not match its signing station")
        exam_package_id = str(payload["exam_package_id"])
    except (KeyError, TypeError, AttributeError):
        raise PackageRefused(path, "invalid", "成绩包内容不完整", "the result package's content is incomplete") from None
    with store.session() as s:
        done = _already(s, package_id)
        if done is not None:
            return done
        check_result_payload(path, payload)  # after the re-import check: an idempotent re-import skips it
        issued = s.get(Package, (exam_package_id, "out"))
        if issued is None or issued.kind != "exam" or issued.exam_id is None:
            raise PackageRefused(path, "not_issued", f"此成绩包答的考试包（{exam_package_id[:8]}）不是本单位签发的，未导入",
                                 f"this result package answers exam package {exam_package_id[:8]}, which this HQ did not issue; nothing imported")
        exam_row = s.get(Exam, issued.exam_id)
        assert exam_row is not None
        snapshots = dict(issued.detail.get("snapshots", {}))
        try:
            plan, people, missing = _plan(s, path, payload, exam_row, snapshots, station_id, station_name, progress)
        except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError):
            raise PackageRefused(path, "invalid", "成绩包内容不完整", "the result package's content is incomplete") from None
        s.expunge_all()
    try:
        with store.session() as s, s.begin():
            return _write(s, path, data, header, payload, plan, people, missing, exam_row, exam_package_id, station_id, station_name, fp,
                          signer, actor)
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
    s: Session, path: Path, data: bytes, header: dict[str, Any], payload: dict[str, Any], plan: _Plan, people: dict[str, int],
    missing: list[dict[str, Any]], exam_row: Exam, exam_package_id: str, station_id: str, station_name: str, fp: str,
    signer: dict[str, Any], actor: str,
) -> MergeReport:
    now = db_now(s)
    package_id = str(header["package_id"])
    attempts = payload["attempts"]
    differences = [d for d in (_score_difference(a, sheet) for a, sheet in plan.new) if d is not None]
    s.add(Package(  # first: the same package a second time stops here, on the key
        id=package_id, direction="in", kind="result", exam_id=exam_row.id, exam_package_id=exam_package_id, station_id=station_id,
        station_name=station_name, station_fingerprint=fp, file_sha256=sha256_hex(data), created_at=now,
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
    by_origin: dict[int, int] = {}
    pending = 0
    conn = s.connection()  # Core from here: thousands of rows per package
    attempt_table, answer_table = Attempt.__table__, Answer.__table__
    frozen_papers.add_snapshots(s, plan.snapshots)  # before the papers that name them
    columns: dict[str, list[Any]] = {"attempt_id": [], "position": [], "response": [], "marked": [], "saved_at": [], "auto_points": [],
                                     "final_points": []}  # reviewed_by NULL, comment ""
    texts: list[str] = []
    if plan.new:
        values = [{**sheet.values, "candidate_id": ids[str(a["employee_no"])]} for a, sheet in plan.new]
        stmt = attempt_table.insert().returning(attempt_table.c.id, sort_by_parameter_order=True)  # type: ignore[attr-defined]
        new_ids = list(conn.execute(stmt, values).scalars())
        for (_a, sheet), new_id in zip(plan.new, new_ids, strict=True):
            columns["attempt_id"] += [new_id] * len(sheet.answers["position"])
            for k, column in sheet.answers.items():
                columns[k] += column
            texts += sheet.texts
            by_origin[int(sheet.values["origin_attempt_id"])] = new_id
            pending += int(sheet.values["pending_review"])
    many_rows.executemany_columns(conn, answer_table.insert(), columns, repeating=("marked", "auto_points", "final_points"),  # type: ignore[attr-defined]
                                  json_texts={"response": texts})
    for origin, hq_id in s.execute(select(Attempt.origin_attempt_id, Attempt.id).where(Attempt.origin_station_id == station_id, Attempt.origin_attempt_id.is_not(None))):
        by_origin.setdefault(origin, hq_id)
    _merge_audit(s, payload, station_id, station_name, exam_row.id, ids, by_origin)
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


def _score_difference(a: dict[str, Any], sheet: _Sheet) -> dict[str, Any] | None:
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
    s: Session, payload: dict[str, Any], station_id: str, station_name: str, exam_id: int, ids: dict[str, int], by_origin: dict[int, int],
) -> None:
    """The station's audit entries for the exam, each once (origin station + its id), tied to HQ's rows."""
    seen = set(s.scalars(select(AuditEvent.origin_event_id).where(AuditEvent.origin_station_id == station_id, AuditEvent.origin_event_id.is_not(None))))
    rows = []
    for e in payload.get("audit", []):
        origin = int(e["id"])
        if origin in seen:
            continue
        seen.add(origin)
        at = datetime.fromisoformat(str(e["at"])).replace(tzinfo=None)
        station_attempt = e.get("attempt_id")
        rows.append({
            "at": at, "actor": str(e.get("actor", ""))[:64], "event": str(e.get("event", ""))[:32], "candidate_id": ids.get(str(e.get("employee_no", ""))),
            "exam_id": exam_id, "attempt_id": by_origin.get(int(station_attempt)) if station_attempt is not None else None,
            "station": str(e.get("station", "") or station_name)[:128], "detail": str(e.get("detail", "")),
            "origin_station_id": station_id, "origin_event_id": origin,
        })
    if rows:
        many_rows.executemany(s.connection(), AuditEvent.__table__.insert(), rows)  # type: ignore[attr-defined]

