"""Exam packages: HQ issues one (exam, frozen questions, roster, keys) and a station imports it.

Trust (design §3): a station verifies with an organisation key it already holds; a key it does
not hold is taken only when the trainer typed its fingerprint after checking it by phone.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from baiwen_desktop.core import certsign, package_box
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import parse_exam
from baiwen_desktop.core.paper import check_rules
from baiwen_desktop.core.question import Question
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import audit, banks, exams, package_keys, roster, settings
from baiwen_desktop.services.certs import ORG_KEY_NOTE, Issuer
from baiwen_desktop.services.package_io import (
    PAYLOAD_FORMAT,
    PackageRefused,
    canonical_hash,
    from_iso,
    iso,
    key_fingerprint,
    raw_b64,
    raw_bytes,
    read_package,
    refused,
    same_fingerprint,
    sha256_hex,
    write_package,
)
from baiwen_desktop.services.package_outcomes import ExamImport, IssuedExamPackage
from baiwen_desktop.services.package_shape import check_exam_payload
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Bank, Candidate, CertKey, Exam, ExamSession, Package, Setting

BANK_NOTE = "总部下发，勿修改"
MAX_VALID_DAYS = 366


def snapshot_hash(question: dict[str, Any]) -> str:
    """What HQ issued for one question; a merged paper's question must hash the same."""
    return canonical_hash(question)


def station_bank_name(bank: str, package_id: str) -> str:
    return f"{bank}（总部考试包 {package_id[:8]}）"


# --- HQ: issue ------------------------------------------------------------------------------------


def export_exam(
    store: Store,
    exam_id: int,
    out: Path,
    *,
    issuer: Issuer,
    passphrase: str,
    class_name: str | None = None,
    valid_days: int = 30,
    actor: str,
    valid_from: datetime | None = None,
) -> IssuedExamPackage:
    """Write an exam package signed with the organisation's certificate key, sealed under a new password.

    It holds the exam, a frozen copy of every question any of its rules can draw, the roster (one
    class, or everyone), the organisation's public keys, HQ's result-package key and the validity
    window (from the start of today, by default, so a station clock a little behind still takes it).
    """
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise BaiwenError(f"有效天数应为 1–{MAX_VALID_DAYS}", f"valid days must be 1-{MAX_VALID_DAYS}")
    info = exams.get_exam(store, exam_id)
    exam = info.definition
    if exam.extra.get("hq_package"):
        raise BaiwenError("这场考试本身来自总部考试包，不能再下发", "this exam came from an HQ package; it cannot be issued again")
    exams.require_satisfiable(store, exam)
    cfg = settings.get_all(store)
    with store.session() as s:
        candidates = banks.rule_candidates(s, exam.bank, exam.parts)
        full = banks.questions_by_qid(s, exam.bank, [q.id for q in candidates])
        questions = [full[q.id].to_dict() for q in candidates]
        stmt = select(Candidate).order_by(Candidate.employee_no)
        if class_name:
            stmt = stmt.where(Candidate.class_name == class_name)
        people = [{"employee_no": c.employee_no, "name": c.name, "unit": c.unit, "post": c.post, "class_name": c.class_name} for c in s.scalars(stmt)]
        org_keys = [{"kid": k.kid, "public_key": k.public_key, "active": k.active} for k in s.scalars(select(CertKey).order_by(CertKey.created_at))]
        now = db_now(s)
    if not people:
        raise BaiwenError(f"班级“{class_name}”没有考生" if class_name else "考生名单为空", f"no candidates in class '{class_name}'" if class_name else "the roster is empty")
    hq_key = package_keys.hq_public_key(store, issuer, passphrase)
    org_public = issuer.private_key.public_key()
    start = valid_from or now.replace(hour=0, minute=0, second=0, microsecond=0)
    until = (start if valid_from else now) + timedelta(days=valid_days)
    package_id = str(uuid.uuid4())
    password = package_box.new_password()
    hq_fingerprint = key_fingerprint(org_public)
    # the org key rides in the (signed) summary: a station's first import checks it against the
    # fingerprint the trainer read out by phone before trusting it (the box's org signer names only the kid)
    summary = {"exam_title": info.title, "questions": len(questions), "candidates": len(people), "class_name": class_name or "",
               "org_public_key": raw_b64(org_public)}
    payload = {
        "format": PAYLOAD_FORMAT,
        "package_id": package_id,
        "organisation": cfg["organisation"],
        "issuer_code": cfg["issuer_code"],
        "exam": {"hq_exam_id": exam_id, "title": info.title, "definition": exam.to_dict()},
        "bank": {"name": exam.bank, "questions": questions},
        "roster": people,
        "class_name": class_name or "",
        "org_keys": org_keys,
        "hq_x25519": raw_b64(hq_key),
        "valid_from": iso(start),
        "valid_until": iso(until),
    }
    header = {
        "package_id": package_id,
        "created_at": iso(now),
        "organisation": cfg["organisation"],
        "issuer_code": cfg["issuer_code"],
        "valid_from": iso(start),
        "valid_until": iso(until),
        "summary": summary,
    }
    data = package_box.seal_with_password("exam", header, payload, password, issuer.private_key, package_box.org_signer(org_public))
    package_id = package_box.read_header(data)["package_id"]  # the box's id, should it make its own
    detail = {
        "title": info.title, "class_name": class_name or "", "questions": len(questions), "organisation": cfg["organisation"],
        "snapshots": {q["id"]: snapshot_hash(q) for q in questions}, "hq_fingerprint": hq_fingerprint,
    }
    _record_issue(store, out, data, package_id, exam_id, start, until, len(people), detail, actor, info.title, len(questions))
    return IssuedExamPackage(Path(out), package_id, password, hq_fingerprint, len(questions), len(people), until)


def _record_issue(
    store: Store, out: Path, data: bytes, package_id: str, exam_id: int, start: datetime, until: datetime, people: int,
    detail: dict[str, Any], actor: str, title: str, questions: int,
) -> None:
    """The package row and its file together: the file is written before the commit, and removed
    if the commit fails (a package not on record would have its results refused)."""
    written = False
    try:
        with store.session() as s, s.begin():
            s.add(Package(
                id=package_id, direction="out", kind="exam", exam_id=exam_id, file_sha256=sha256_hex(data), created_at=db_now(s),
                valid_from=start, valid_until=until, candidates=people, detail=detail, actor=actor,
            ))
            audit.record(s, "package_export", actor, exam_id=exam_id,
                         detail=f"考试包 {package_id[:8]}：{title}，{questions} 题，{people} 名考生，有效至 {until:%Y-%m-%d}")
            s.flush()
            write_package(out, data)
            written = True
    except BaseException:
        if written:
            Path(out).unlink(missing_ok=True)
        raise


# --- station: import ------------------------------------------------------------------------------


def _trusted_key(store: Store, path: Path, header: dict[str, Any], trust_fingerprint: str | None) -> Ed25519PublicKey:
    """The organisation key this station trusts for the package's signer (design §3)."""
    signer = header.get("signer") or {}
    if signer.get("kind") != "org":
        raise PackageRefused(path, "wrong_kind", "不是总部签发的考试包", "not an exam package signed by HQ")
    kid = str(signer.get("kid", ""))
    with store.session() as s:
        known = s.get(CertKey, kid)
        holds_keys = s.scalar(select(func.count()).select_from(CertKey)) or 0
    if known is not None:
        return certsign.load_public_key(known.public_key.encode("ascii"))
    try:
        claimed = Ed25519PublicKey.from_public_bytes(raw_bytes((header.get("summary") or {}).get("org_public_key")))
    except ValueError:
        claimed = None
    fp = key_fingerprint(claimed) if claimed is not None else "（包中没有）"
    if claimed is not None and trust_fingerprint and same_fingerprint(trust_fingerprint, fp) and certsign.key_id(claimed) == kid:
        return claimed  # the trainer compared it by phone with HQ
    if trust_fingerprint:
        raise PackageRefused(path, "untrusted", f"签名密钥指纹 {fp} 与输入的 {trust_fingerprint} 不一致，未导入",
                             f"the signing key's fingerprint {fp} differs from the one entered ({trust_fingerprint}); nothing imported")
    known_fp = fp if claimed is not None else ""
    if holds_keys:
        raise PackageRefused(
            path, "foreign",
            f"此考试包来自其他单位（签名密钥指纹 {fp} 不是本机信任的单位密钥），未导入。如确为本单位总部的新密钥，请电话向总部核对指纹，一致后重新导入并确认信任该指纹",
            f"this exam package comes from another organisation (key fingerprint {fp} is not one this station trusts); nothing imported."
            " If it is your HQ's new key, check the fingerprint with HQ by phone, then import again and trust it",
            fingerprint=known_fp,
        )
    raise PackageRefused(
        path, "untrusted",
        f"本机尚未信任任何单位密钥，未导入。请电话向总部核对签名密钥指纹 {fp}，一致后重新导入并确认信任该指纹",
        f"this station trusts no organisation key yet; nothing imported. Check the signing key fingerprint {fp} with HQ by phone, then import again and trust it",
        fingerprint=known_fp,
    )


def _check_window(path: Path, header: dict[str, Any], now: datetime) -> tuple[datetime | None, datetime | None]:
    start = from_iso(header.get("valid_from"), path, "生效时间")
    until = from_iso(header.get("valid_until"), path, "有效期")
    if start is not None and now < start:
        raise PackageRefused(path, "not_yet_valid", f"考试包尚未生效（{start:%Y-%m-%d %H:%M} 起有效，本机时间 {now:%Y-%m-%d %H:%M}），请核对本机时间",
                             f"the exam package is not valid before {start:%Y-%m-%d %H:%M} (this PC says {now:%Y-%m-%d %H:%M})")
    if until is not None and now > until:
        raise PackageRefused(path, "expired", f"考试包已过期（有效至 {until:%Y-%m-%d %H:%M}），请向总部索取新的考试包",
                             f"the exam package expired on {until:%Y-%m-%d %H:%M}; ask HQ for a new one")
    return start, until


def _already(s: Session, package_id: str) -> ExamImport | None:
    row = s.get(Package, (package_id, "in"))
    if row is None or row.kind != "exam":
        return None
    d = row.detail
    return ExamImport(package_id, row.exam_id or 0, int(d.get("session_id", 0)), row.candidates, int(d.get("questions", 0)), True, str(d.get("organisation", "")))


def import_exam(store: Store, path: Path, password: str, *, actor: str, trust_fingerprint: str | None = None) -> ExamImport:
    """Check the package (signature, password, validity) and create its bank, exam, roster and an
    open session, all in one transaction. The same package again changes nothing."""
    path = Path(path)
    data, header = read_package(path)
    if header.get("kind") != "exam":
        raise PackageRefused(path, "wrong_kind", "这是成绩包，不是考试包：请在总部导入", "this is a result package, not an exam package: import it at HQ")
    verify_key = _trusted_key(store, path, header, trust_fingerprint)
    try:
        header, payload = package_box.open_package(data, verify_key=verify_key, password=password, expect_kind="exam")
    except package_box.PackageError as e:
        raise refused(path, e) from None
    package_id = str(header["package_id"])
    with store.session() as s:
        done = _already(s, package_id)
        own = s.get(Package, (package_id, "out")) is not None
    if done is not None:
        return done
    if own:  # HQ itself: the exam is here already; a second copy would split its results
        raise PackageRefused(path, "wrong_kind", "这是本单位自己导出的考试包，应在站点导入", "this exam package was issued here: import it at a station")
    start, until = _check_window(path, header, datetime.now())  # the station's own clock: it has no other
    try:
        content = _content(path, header, payload)
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError, UnsupportedAlgorithm) as e:
        raise PackageRefused(path, "invalid", f"考试包内容不完整（{type(e).__name__}）", "the exam package's content is incomplete") from None
    try:
        with store.session() as s, s.begin():
            return _create(s, path, content, package_id, start, until, sha256_hex(data), actor)
    except IntegrityError:  # the same package imported at this moment by another PC on this database
        with store.session() as s:
            done = _already(s, package_id)
        if done is None:
            raise
        return done


def _content(path: Path, header: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """The payload, checked and parsed; anything odd refuses the whole package."""
    if payload.get("package_id") != header["package_id"] or payload.get("format") != PAYLOAD_FORMAT:
        raise PackageRefused(path, "invalid", "考试包内容与包头不符", "the package content does not match its header")
    check_exam_payload(path, payload)
    questions = [Question.from_dict(q) for q in payload["bank"]["questions"]]
    if len({q.id for q in questions}) != len(questions):
        raise ValueError("duplicate question id")
    definition = parse_exam(payload["exam"]["definition"], f"{path.name}: exam")
    for c in check_rules(definition, questions):
        if c.missing:
            raise PackageRefused(path, "invalid", f"考试包的题目不够第 {c.rule_no} 部分抽题", f"the package has too few questions for rule {c.rule_no}")
    people = [RosterRow(str(p["employee_no"]), str(p["name"]), str(p.get("unit", "")), str(p.get("post", "")), str(p.get("class_name", ""))) for p in payload["roster"]]
    keys = [(str(k["kid"]), certsign.load_public_key(str(k["public_key"]).encode("ascii"))) for k in payload["org_keys"]]
    for kid, key in keys:
        if certsign.key_id(key) != kid:
            raise ValueError("key id does not match its key")
    raw_bytes(payload["hq_x25519"])
    return {
        "questions": questions, "definition": definition, "people": people, "keys": keys, "hq_x25519": payload["hq_x25519"],
        "title": str(payload["exam"]["title"]), "hq_exam_id": int(payload["exam"]["hq_exam_id"]), "class_name": str(payload.get("class_name", "")),
        "organisation": str(payload.get("organisation", "")), "issuer_code": str(payload.get("issuer_code", "")),
    }


def _create(s: Session, path: Path, c: dict[str, Any], package_id: str, start: datetime | None, until: datetime | None, file_hash: str, actor: str) -> ExamImport:
    now = db_now(s)
    # the package row first: a second import of the same package stops here, on the key
    pkg = Package(id=package_id, direction="in", kind="exam", file_sha256=file_hash, created_at=now, valid_from=start, valid_until=until,
                  candidates=len(c["people"]), detail={}, actor=actor)
    s.add(pkg)
    s.flush()
    for kid, key in c["keys"]:
        if s.get(CertKey, kid) is None:  # verify-only: this station can check HQ's certificates and packages
            s.add(CertKey(kid=kid, public_key=certsign.public_key_pem(key), private_key="", active=False, created_at=now,
                          note=f"{ORG_KEY_NOTE}（考试包 {package_id[:8]}）"))
    definition = c["definition"]
    bank_name = station_bank_name(definition.bank, package_id)
    if s.scalar(select(Bank.id).where(Bank.name == bank_name)) is not None:
        raise PackageRefused(path, "invalid", f"题库“{bank_name}”已存在，请先改名", f"bank '{bank_name}' already exists")
    bank = Bank(name=bank_name, description=BANK_NOTE, bundled=False, created_at=now)
    s.add(bank)
    s.flush()
    s.add_all(banks.question_row(bank.id, q, i) for i, q in enumerate(c["questions"], start=1))
    flag = {"package_id": package_id, "organisation": c["organisation"], "issuer_code": c["issuer_code"], "hq_exam_id": c["hq_exam_id"],
            "valid_until": iso(until)}
    as_dict = definition.to_dict()
    as_dict["bank"] = bank_name
    as_dict["extra"] = {**as_dict.get("extra", {}), "hq_package": flag}
    exam = Exam(title=c["title"], definition=as_dict, created_at=now)
    s.add(exam)
    s.flush()
    done = roster.upsert_rows(s, c["people"])
    org = s.get(Setting, "organisation")
    if c["organisation"] and (org is None or not org.value):  # a new station prints its organisation's name
        s.merge(Setting(key="organisation", value=c["organisation"]))
    session = ExamSession(exam_id=exam.id, class_name=c["class_name"], station="", opened_at=now, opened_by=actor)
    s.add(session)
    s.flush()
    pkg.exam_id = exam.id
    pkg.detail = {
        "session_id": session.id, "questions": len(c["questions"]), "organisation": c["organisation"], "issuer_code": c["issuer_code"],
        "hq_exam_id": c["hq_exam_id"], "hq_x25519": c["hq_x25519"], "title": c["title"], "bank": bank_name,
    }
    audit.record(s, "package_import", actor, exam_id=exam.id,
                 detail=f"考试包 {package_id[:8]}（{c['organisation']}）：{c['title']}，{len(c['questions'])} 题；考生新增 {done.added}、更新 {done.updated}")
    audit.record(s, "session_open", actor, exam_id=exam.id, detail=f"班级 {c['class_name'] or '全部'}，站点 所有站点（总部考试包）")
    return ExamImport(package_id, exam.id, session.id, len(c["people"]), len(c["questions"]), False, c["organisation"])
