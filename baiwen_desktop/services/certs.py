"""The organisation's one certificate issuer: keys in the database, the 签发口令, serials, revocation.

Every PC verifies with the public keys stored in the database (looked up by the key id in the
QR payload), so a key can be rotated and old certificates still verify. The private key is
sealed under the 签发口令; a trainer unlocks it for one console session (an `Issuer` held in
memory) and nothing else ever sees it in the clear. Verifying never creates a key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.core import certsign
from baiwen_desktop.core.certsign import REASON_REVOKED, VerifyResult
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import parse_exam
from baiwen_desktop.core.grading import grade_item
from baiwen_desktop.core.numbers import passes
from baiwen_desktop.core.paper import Paper
from baiwen_desktop.core.question import QType
from baiwen_desktop.services import audit, settings
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Attempt, Certificate, CertKey, CertSerial, Setting

MIN_PASSPHRASE = 8
ISSUER_CODE = re.compile(r"[A-Z0-9]{2,8}")
LEGACY_FOLDER = "keys"  # v1 kept an unencrypted key pair here, one per PC
# the note of an organisation key a station received in an exam package (verify-only, no private part):
# unlike a v1 PC key it vouches for any certificate it signed, on record here or not
ORG_KEY_NOTE = "总部公钥"


@dataclass(frozen=True)
class Issuer:
    """An unlocked signing key, held in memory for one logged-in trainer's session."""

    kid: str
    actor: str
    private_key: Ed25519PrivateKey = field(repr=False)


def check_issuer_code(code: str) -> str:
    code = code.strip().upper()
    if not ISSUER_CODE.fullmatch(code):
        raise BaiwenError("发证代码应为 2–8 位大写字母或数字，如 JN01", "issuer code must be 2-8 capital letters or digits, e.g. JN01")
    return code


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BaiwenError(f"签发口令至少 {MIN_PASSPHRASE} 位", f"the signing passphrase needs at least {MIN_PASSPHRASE} characters")


def has_issuer(store: Store) -> bool:
    with store.session() as s:
        return s.scalar(select(CertKey.kid).where(CertKey.active.is_(True))) is not None


def setup_issuer(store: Store, passphrase: str, issuer_code: str, actor: str) -> str:
    """Create the organisation's signing key (once), sealed under the 签发口令; returns its key id."""
    check_passphrase(passphrase)
    code = check_issuer_code(issuer_code)
    if has_issuer(store):
        raise BaiwenError("本单位已设置签发口令和证书签发密钥", "the certificate issuer is already set up")
    key = Ed25519PrivateKey.generate()
    kid = certsign.key_id(key.public_key())
    sealed = certsign.encrypt_private_key(key, passphrase, kid)
    with store.session() as s, s.begin():  # the partial unique index refuses a second active key
        s.add(CertKey(kid=kid, public_key=certsign.public_key_pem(key.public_key()), private_key=sealed, active=True, created_at=datetime.now(), note="签发密钥"))
        _put_setting(s, "issuer_code", code)
        audit.record(s, "cert_key", actor, detail=f"设置签发口令，发证代码 {code}，密钥 {kid}")
    return kid


def unlock(store: Store, passphrase: str, actor: str) -> Issuer:
    """Open the active key with the 签发口令 for this session; every try is audited."""
    with store.session() as s:
        row = s.scalar(select(CertKey).where(CertKey.active.is_(True)))
    if row is None:
        raise BaiwenError("尚未设置签发口令：请先设置（baiwen cert setup，或在管理界面生成证书时设置）", "no certificate issuer yet: run `baiwen cert setup` first")
    try:
        key = certsign.decrypt_private_key(row.private_key, passphrase, row.kid)
    except certsign.WrongPassphrase:
        with store.session() as s, s.begin():
            audit.record(s, "cert_unlock", actor, detail="签发口令错误")
        raise BaiwenError("签发口令不正确", "wrong signing passphrase") from None
    with store.session() as s, s.begin():
        audit.record(s, "cert_unlock", actor, detail=f"解锁签发密钥 {row.kid}")
    return Issuer(row.kid, actor, key)


def rotate_key(store: Store, passphrase: str, actor: str) -> tuple[str, str]:
    """A new active key sealed under the same 签发口令; the old one keeps verifying. Returns (old, new)."""
    old = unlock(store, passphrase, actor)
    key = Ed25519PrivateKey.generate()
    kid = certsign.key_id(key.public_key())
    with store.session() as s, s.begin():
        now = db_now(s)
        current = s.get(CertKey, old.kid)
        if current is None or not current.active:
            raise BaiwenError("签发密钥已被更换，请重试", "the key changed meanwhile; try again")
        current.active = False
        current.retired_at = now
        s.flush()  # the old key leaves the "one active key" index before the new one enters
        s.add(CertKey(kid=kid, public_key=certsign.public_key_pem(key.public_key()), private_key=certsign.encrypt_private_key(key, passphrase, kid),
                      active=True, created_at=now, note="签发密钥"))
        audit.record(s, "cert_key", actor, detail=f"更换签发密钥 {old.kid} → {kid}")
    return old.kid, kid


def public_keys(store: Store) -> dict[str, Ed25519PublicKey]:
    with store.session() as s:
        return {k.kid: certsign.load_public_key(k.public_key.encode("ascii")) for k in s.scalars(select(CertKey))}


def export_keys(store: Store, out: Path) -> Path:
    """Every public key of this issuer in one PEM file (the active key first), for offline checks."""
    with store.session() as s:
        rows = list(s.scalars(select(CertKey).order_by(CertKey.active.desc(), CertKey.created_at.desc())))
    if not rows:
        raise BaiwenError("尚未设置签发密钥，没有可导出的公钥", "no certificate keys yet")
    with atomic_path(Path(out)) as tmp:
        tmp.write_text("".join(r.public_key for r in rows), encoding="ascii")
    return Path(out)


def adopt_legacy_key(store: Store) -> str | None:
    """A v1 installation's key file: its public key joins the database (old certificates keep
    verifying on every PC, but only those on record), then the clear private key is deleted."""
    folder = store.data_dir / LEGACY_FOLDER
    try:
        key = certsign.read_legacy_key(folder)
    except (OSError, ValueError):
        return None
    if key is None:
        return None
    kid = certsign.key_id(key.public_key())
    with store.session() as s, s.begin():
        if s.get(CertKey, kid) is None:
            now = db_now(s)
            s.add(CertKey(kid=kid, public_key=certsign.public_key_pem(key.public_key()), private_key="", active=False,
                          created_at=now, retired_at=now, note="v1 本机密钥（仅核验已登记的证书）"))
            audit.record(s, "cert_key", "system", detail=f"导入 v1 本机证书公钥 {kid}，删除明文私钥文件")
    (folder / certsign.PRIVATE_KEY_FILE).unlink(missing_ok=True)
    return kid


# --- the score a certificate vouches for ---------------------------------------------------------


def score_disagreement(a: Attempt, paper: Paper) -> str | None:
    """Why the stored score of a finished attempt cannot be signed, or None if it is what the
    stored answers (and the trainer's confirmed 简答 scores) add up to. `paper` is the attempt's
    frozen paper (services.frozen_papers.thaw)."""
    exam = parse_exam(a.exam_definition, "attempt")
    if sorted(ans.position for ans in a.answers) != list(range(len(paper.items))):
        return "答卷题目不完整"
    score = Decimal(0)
    for ans in a.answers:
        item = paper.items[ans.position]
        g = grade_item(item, ans.response, exam.multi_policy, exam.partial_fraction)
        points = g.points
        if item.question.qtype is QType.SHORT and g.answered:
            if ans.final_points is None:
                return f"第 {ans.position + 1} 题（简答）尚未阅卷"
            if not Decimal(0) <= ans.final_points <= item.score:
                return f"第 {ans.position + 1} 题得分 {ans.final_points} 超出 0–{item.score}"
            points = ans.final_points
        score += points
    passed = passes(score, exam.pass_mark)  # the one rule: pass on the shown score (core.numbers)
    if a.score != score or a.passed is not passed or a.pass_mark != exam.pass_mark or a.total != paper.total:
        recorded = f"{a.score}（{'合格' if a.passed else '不合格'}）"
        return f"记录的成绩 {recorded}与答卷计算的 {score}（{'合格' if passed else '不合格'}）不符"
    return None


# --- numbers --------------------------------------------------------------------------------------


def next_number(s: Session, year: int) -> tuple[int, str]:
    """The next serial of the year and its number, e.g. BWBC-JN01-2026-000123, in the caller's transaction.

    The UPDATE takes the counter row's lock, so concurrent issuers on any PC queue up; a
    racing first issuer of a year fails on the primary key and the caller retries.
    """
    cfg = {r: _setting(s, r) for r in ("certificate_prefix", "issuer_code")}
    if s.execute(update(CertSerial).where(CertSerial.year == year).values(last=CertSerial.last + 1)).rowcount == 0:
        start = s.scalar(select(func.max(Certificate.serial)).where(Certificate.year == year)) or 0
        s.add(CertSerial(year=year, last=start + 1))
        s.flush()
    serial = s.scalar(select(CertSerial.last).where(CertSerial.year == year))
    assert serial is not None
    prefix = "-".join(p for p in (cfg["certificate_prefix"] or "BWBC", cfg["issuer_code"]) if p)
    return serial, f"{prefix}-{year}-{serial:06d}"


# --- revocation ---------------------------------------------------------------------------------


def revoke_row(s: Session, row: Certificate, reason: str, actor: str) -> None:
    row.revoked = True
    row.revoked_at = db_now(s)
    row.revoke_reason = reason
    a = s.get(Attempt, row.attempt_id)
    audit.record(s, "cert_revoke", actor, attempt_id=row.attempt_id, candidate_id=a.candidate_id if a else None,
                 exam_id=a.exam_id if a else None, detail=f"作废 {row.number}：{reason}")
    s.flush()


def revoke(store: Store, number: str, reason: str, actor: str) -> None:
    """Revoke a certificate number by hand (it is never reused)."""
    reason = reason.strip()
    if not reason:
        raise BaiwenError("请填写作废原因", "give a reason")
    with store.session() as s, s.begin():
        row = s.scalar(select(Certificate).where(Certificate.number == number.strip()))
        if row is None:
            raise BaiwenError(f"本库没有证书编号 {number}", f"no certificate numbered {number} in this database")
        if row.revoked:
            raise BaiwenError(f"证书 {number} 已经作废（{row.revoke_reason}）", f"certificate {number} is already revoked")
        revoke_row(s, row, reason, actor)


def write_crl(store: Store, issuer: Issuer, out: Path) -> int:
    """A revocation list signed by the active key, for PCs without the database; returns its size."""
    with store.session() as s:
        numbers = list(s.scalars(select(Certificate.number).where(Certificate.revoked.is_(True))))
        code = _setting(s, "issuer_code")
        now = db_now(s)
    text = certsign.sign_crl(code, numbers, now.replace(microsecond=0), issuer.private_key)
    with atomic_path(Path(out)) as tmp:
        tmp.write_text(text, encoding="ascii")
    with store.session() as s, s.begin():
        audit.record(s, "cert_crl", issuer.actor, detail=f"导出作废名单 {len(numbers)} 个编号")
    return len(numbers)


# --- verifying ----------------------------------------------------------------------------------


def verify(store: Store, text: str) -> VerifyResult:
    """Check a QR text with this database's keys; a revoked number says 已作废."""
    text = text.strip()
    with store.session() as s:
        keys = {k.kid: k for k in s.scalars(select(CertKey))}
        res = certsign.verify_with_keys(text, {kid: certsign.load_public_key(k.public_key.encode("ascii")) for kid, k in keys.items()})
        if not res.valid or res.fields is None:
            return res
        row = s.scalar(select(Certificate).where(Certificate.number == res.fields.number))
        signer = keys[certsign.payload_key_id(text) or ""]
        v1_key = not signer.private_key and not signer.note.startswith(ORG_KEY_NOTE)
        if v1_key and (row is None or row.payload != text):
            # a v1 key file may still sit on some PC: it only vouches for certificates on record
            return VerifyResult(False, None, certsign.REASON_INVALID, "旧版本机密钥签名，但本库没有这张证书的记录")
        if row is not None and row.revoked:
            when = row.revoked_at.strftime("%Y-%m-%d") if row.revoked_at else ""
            return VerifyResult(False, res.fields, REASON_REVOKED, f"{when} 作废：{row.revoke_reason}".strip())
        return res


def verify_offline(text: str, pubkey_file: Path, crl_file: Path | None = None) -> VerifyResult:
    """Check a QR text on a PC without the database: public keys from `cert export-key`, and
    optionally a revocation list from `cert crl`."""
    try:
        keys = certsign.load_public_keys(Path(pubkey_file))
    except OSError as e:
        raise BaiwenError(f"无法读取公钥文件 {pubkey_file}：{e.strerror}", f"cannot read {pubkey_file}") from None
    except ValueError:
        raise BaiwenError(f"{pubkey_file} 不是证书公钥文件（应由 baiwen cert export-key 导出）", f"{pubkey_file} is not a public key file") from None
    res = certsign.verify_with_keys(text.strip(), {certsign.key_id(k): k for k in keys})
    if crl_file is None or not res.valid or res.fields is None:
        return res
    try:
        crl = certsign.verify_crl(Path(crl_file).read_text(encoding="ascii"), keys)
    except (OSError, UnicodeError, ValueError):
        raise BaiwenError(f"作废名单 {crl_file} 无法读取或签名不符，不能据此核验", f"revocation list {crl_file} is unreadable or not signed by this issuer") from None
    if res.fields.number in crl.numbers:
        return VerifyResult(False, res.fields, REASON_REVOKED, f"列于 {crl.issued_at:%Y-%m-%d %H:%M} 的作废名单")
    return VerifyResult(True, res.fields, res.reason, f"未列于 {crl.issued_at:%Y-%m-%d %H:%M} 的作废名单")


def _setting(s: Session, key: str) -> str:
    row = s.get(Setting, key)
    return row.value if row else settings.DEFAULTS.get(key, "")


def _put_setting(s: Session, key: str, value: str) -> None:
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    else:
        row.value = value
