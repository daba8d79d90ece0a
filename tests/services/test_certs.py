"""One certificate issuer per organisation: keys in the database under the 签发口令, serials from
the database, revocation (已作废), key rotation, the signed revocation list for offline checks."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from cert_payloads import with_field
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from baiwen_desktop.cli.main import main
from baiwen_desktop.core import certsign
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import certs, documents, results, roster
from baiwen_desktop.services.context import open_app
from baiwen_desktop.services.demo import run_demo
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import AuditEvent, Certificate, CertKey

PASS = "sign-pass-2026"
TODAY = date(2026, 12, 1)


@pytest.fixture
def shared(any_store: Store, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Two PCs: two data folders on the same database (SQLite file or PostgreSQL)."""
    other = open_app(tmp_path / "pc2", any_store.url)
    yield any_store, other
    other.dispose()


def passed_rows(store: Store, tmp_path: Path, n: int = 8, seed: int = 5) -> list[results.ResultRow]:
    exam_id = run_demo(store, tmp_path / f"demo{seed}", candidates=n, seed=seed, with_pdfs=False).exam_id
    return [r for r in results.results(store, exam_id) if r.passed]


def issuer(store: Store) -> certs.Issuer:
    if not certs.has_issuer(store):
        certs.setup_issuer(store, PASS, "jn01", "admin")
    return certs.unlock(store, PASS, "admin")


def test_the_private_key_is_sealed_and_needs_the_passphrase(store: Store) -> None:
    kid = certs.setup_issuer(store, PASS, "jn01", "admin")
    with store.session() as s:
        (row,) = s.scalars(select(CertKey)).all()
    assert row.kid == kid and row.active and row.private_key.startswith("scrypt1$")
    opened = certs.unlock(store, PASS, "admin")
    raw = opened.private_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    assert base64.urlsafe_b64encode(raw).rstrip(b"=").decode() not in row.private_key
    with pytest.raises(BaiwenError, match="签发口令不正确"):
        certs.unlock(store, PASS + "x", "admin")
    with pytest.raises(BaiwenError, match="已设置"):
        certs.setup_issuer(store, PASS, "JN02", "admin")
    with store.session() as s:
        tries = [e.detail for e in s.scalars(select(AuditEvent).where(AuditEvent.event == "cert_unlock").order_by(AuditEvent.id))]
    assert tries == [f"解锁签发密钥 {kid}", "签发口令错误"]
    with pytest.raises(BaiwenError, match="发证代码"):
        certs.check_issuer_code("J")
    with pytest.raises(BaiwenError, match="至少 8 位"):
        certs.setup_issuer(store, "short", "JN01", "admin")


def test_signing_needs_an_unlocked_issuer(store: Store, tmp_path: Path) -> None:
    rows = passed_rows(store, tmp_path)
    with pytest.raises(BaiwenError, match="签发口令"):
        documents.issue_certificates(store, rows, None)


def test_verifying_never_creates_a_key(store: Store) -> None:
    foreign = certsign.sign_payload(certsign.CertFields("X-1", "1", "张三", "考试", Decimal("90.00"), TODAY), Ed25519PrivateKey.generate())
    assert certs.verify(store, foreign).reason == "无效"
    with store.session() as s:
        assert s.scalars(select(CertKey)).all() == []
    assert not (store.data_dir / "keys").exists()


def test_one_pc_issues_another_verifies_and_a_revoked_number_says_revoked(shared: tuple[Store, Store], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trainer_pc, station = shared
    rows = passed_rows(trainer_pc, tmp_path)
    issued = documents.issue_certificates(trainer_pc, rows, issuer(trainer_pc), TODAY)
    assert [c.number for c in issued] == [f"BWBC-JN01-2026-{i:06d}" for i in range(1, len(rows) + 1)]
    for c in issued:
        res = certs.verify(station, c.qr_payload)
        assert (res.valid, res.reason, res.fields and res.fields.number) == (True, "有效", c.number)
    # reprinting on the other PC keeps every number and revokes nothing
    again = documents.issue_certificates(station, results.results(station, rows[0].exam_id), certs.unlock(station, PASS, "li"), TODAY)
    assert [c.qr_payload for c in again] == [c.qr_payload for c in issued]
    with station.session() as s:
        assert s.scalar(select(Certificate).where(Certificate.revoked.is_(True))) is None

    first = issued[0]
    args = ["--data-dir", str(station.data_dir), "--db-url", station.url]
    assert main(["cert", "revoke", first.number, "--reason", "证书遗失，补发", *args]) == 0
    res = certs.verify(station, first.qr_payload)
    assert (res.valid, res.reason) == (False, "已作废") and res.fields is not None and res.fields.number == first.number
    assert "证书遗失，补发" in res.note
    capsys.readouterr()
    assert main(["cert", "verify", first.qr_payload, *args]) == 1
    assert capsys.readouterr().out.startswith("已作废 / revoked")
    assert main(["cert", "verify", issued[1].qr_payload, *args]) == 0
    assert main(["cert", "revoke", first.number, "--reason", "again", *args]) == 1
    assert "已经作废" in capsys.readouterr().err


def test_concurrent_issuing_gives_unique_serials(shared: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = shared
    rows = passed_rows(a, tmp_path, n=16, seed=7)
    signer = issuer(a)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def issue(store: Store, row: results.ResultRow) -> None:
        try:
            numbers.extend(c.number for c in documents.issue_certificates(store, [row], signer, TODAY))
        except BaseException as e:
            errors.append(e)

    # every row twice, from both PCs at once: one live certificate per attempt, no serial twice
    threads = [threading.Thread(target=issue, args=(st, r)) for r in rows for st in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with a.session() as s:
        live = list(s.scalars(select(Certificate).where(Certificate.revoked.is_(False))))
        serials = sorted(c.serial for c in s.scalars(select(Certificate)))
    assert len(live) == len(rows) and {c.attempt_id for c in live} == {r.attempt_id for r in rows}
    assert serials == list(range(1, len(serials) + 1))  # no gaps, no repeats
    assert set(numbers) == {c.number for c in live}


def test_at_most_one_unrevoked_certificate_per_attempt_is_a_database_rule(any_store: Store, tmp_path: Path) -> None:
    rows = passed_rows(any_store, tmp_path, n=4)
    (cert, *_) = documents.issue_certificates(any_store, rows, issuer(any_store), TODAY)
    with any_store.session() as s:
        row = s.scalar(select(Certificate).where(Certificate.number == cert.number))
        assert row is not None
        dup = Certificate(number="X-2026-999999", year=2026, serial=999999, attempt_id=row.attempt_id, issued_at=row.issued_at, payload="x")
        s.add(dup)
        with pytest.raises(IntegrityError):
            s.commit()
        s.rollback()
        row.revoked = True
        s.add(Certificate(number="X-2026-999999", year=2026, serial=999999, attempt_id=row.attempt_id, issued_at=row.issued_at, payload="x"))
        s.commit()  # once the old one is revoked, a new one may be issued


def test_only_a_change_of_name_or_score_revokes_and_the_audit_says_what(store: Store, tmp_path: Path) -> None:
    rows = passed_rows(store, tmp_path, n=6)
    signer = issuer(store)
    first = documents.issue_certificates(store, rows, signer, TODAY)
    victim = rows[0]
    roster.save_candidate(store, RosterRow(victim.employee_no, "改名后", victim.unit, "", victim.class_name), "admin", victim.candidate_id)
    later = documents.issue_certificates(store, results.results(store, victim.exam_id), signer, TODAY)
    assert [c.number for c in later[1:]] == [c.number for c in first[1:]]
    assert later[0].number == f"BWBC-JN01-2026-{len(rows) + 1:06d}" and later[0].name == "改名后"
    with store.session() as s:
        (event,) = s.scalars(select(AuditEvent).where(AuditEvent.event == "cert_revoke")).all()
    assert event.detail == f"作废 {first[0].number}：姓名由 {victim.name} 改为 改名后"
    assert certs.verify(store, first[0].qr_payload).reason == "已作废"


def test_a_score_changed_in_the_database_is_not_signed(store: Store, tmp_path: Path) -> None:
    exam_id = run_demo(store, tmp_path / "demo", candidates=6, seed=5, with_pdfs=False).exam_id
    failed = next(r for r in results.results(store, exam_id) if not r.passed)
    with store.engine.begin() as c:
        c.execute(text("UPDATE attempt SET score = 99, passed = :t WHERE id = :id"), {"t": True, "id": failed.attempt_id})
    rows = results.results(store, exam_id)
    assert next(r for r in rows if r.attempt_id == failed.attempt_id).passed
    with pytest.raises(BaiwenError) as info:
        documents.issue_certificates(store, rows, issuer(store), TODAY)
    assert info.value.zh.startswith(f"成绩与答卷不符，拒绝签发证书：{failed.employee_no} {failed.name}：记录的成绩 99.00（合格）与答卷计算的 {failed.score}（不合格）不符")
    with store.session() as s:
        assert s.scalars(select(Certificate)).all() == []


def test_rotated_key_old_certificates_still_verify(shared: tuple[Store, Store], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = shared
    rows = passed_rows(a, tmp_path, n=6)
    old_cert = documents.issue_certificates(a, rows[:1], issuer(a), TODAY)[0]
    monkeypatch.setenv("BAIWEN_SIGN_PASSPHRASE", PASS)
    assert main(["cert", "rotate-key", "--data-dir", str(b.data_dir), "--db-url", b.url]) == 0
    old_kid, new_kid = capsys.readouterr().out.split("key rotated: ")[1].split("（")[0].split(" → ")
    assert certsign.payload_key_id(old_cert.qr_payload) == old_kid
    new_cert = documents.issue_certificates(a, rows[1:2], certs.unlock(a, PASS, "admin"), TODAY)[0]
    assert certsign.payload_key_id(new_cert.qr_payload) == new_kid
    for c in (old_cert, new_cert):
        assert certs.verify(b, c.qr_payload).valid
    # a reprint of the old certificate keeps its number and its old-key signature
    assert documents.issue_certificates(b, rows[:1], certs.unlock(b, PASS, "li"), TODAY) == [old_cert]


def test_offline_check_with_exported_keys_and_a_signed_revocation_list(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    rows = passed_rows(store, tmp_path, n=6)
    good, bad = documents.issue_certificates(store, rows[:2], issuer(store), TODAY)
    certs.revoke(store, bad.number, "复核作废", "admin")
    data = ["--data-dir", str(store.data_dir)]
    monkeypatch.setenv("BAIWEN_SIGN_PASSPHRASE", PASS)
    pub, crl = tmp_path / "keys.pem", tmp_path / "revoked.crl"
    assert main(["cert", "export-key", str(pub), *data]) == 0
    assert main(["cert", "crl", str(crl), *data]) == 0
    capsys.readouterr()
    # a PC with no database at all: nothing but the two files
    offline = ["--data-dir", str(tmp_path / "nowhere"), "--pubkey", str(pub), "--crl", str(crl)]
    assert main(["cert", "verify", bad.qr_payload, *offline]) == 1
    assert capsys.readouterr().out.startswith("已作废 / revoked\n列于")
    assert main(["cert", "verify", good.qr_payload, *offline]) == 0
    assert capsys.readouterr().out.startswith("有效 / valid\n未列于")
    assert not (tmp_path / "nowhere").exists()
    # a revocation list with a number dropped no longer matches its signature
    head, body, sig = crl.read_text().strip().rsplit(".", 2)[0], crl.read_text().strip().split(".")[2], crl.read_text().strip().split(".")[3]
    import json

    content = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    content["revoked"] = []
    forged = base64.urlsafe_b64encode(json.dumps(content).encode()).rstrip(b"=").decode()
    crl.write_text(f"{head.rsplit('.', 1)[0]}.{forged}.{sig}\n")
    assert main(["cert", "verify", bad.qr_payload, *offline]) == 1
    assert "签名不符" in capsys.readouterr().err
    # without the list, the signature alone is checked
    assert main(["cert", "verify", bad.qr_payload, "--pubkey", str(pub)]) == 0


def test_certificates_printed_in_payload_version_1_keep_verifying(shared: tuple[Store, Store], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Certificates issued before payload version 2 carry ``BW1.…`` texts: on record they verify on
    any PC and offline, a reprint keeps the very same text (nothing revoked or re-signed), and they
    can still be revoked; new ones are version 2."""
    a, b = shared
    rows = passed_rows(a, tmp_path, n=6)
    signer = issuer(a)
    issued = documents.issue_certificates(a, rows[:2], signer, TODAY)
    assert all(c.qr_payload.isdigit() for c in issued)
    old = issued[0]
    fields = certsign.payload_fields(old.qr_payload)
    printed = certsign.sign_payload_v1(fields, signer.private_key)  # what the station printed then
    with a.session() as s, s.begin():
        s.scalars(select(Certificate).where(Certificate.number == old.number)).one().payload = printed
    res = certs.verify(b, printed)
    assert (res.valid, res.reason, res.fields) == (True, "有效", fields)
    assert certs.verify(b, with_field(printed, 2, "冒名顶替")).reason == "已篡改"
    again = documents.issue_certificates(b, rows[:2], certs.unlock(b, PASS, "li"), TODAY)
    assert [c.qr_payload for c in again] == [printed, issued[1].qr_payload]
    with b.session() as s:
        assert s.scalar(select(Certificate).where(Certificate.revoked.is_(True))) is None
    monkeypatch.setenv("BAIWEN_SIGN_PASSPHRASE", PASS)
    pub = tmp_path / "keys.pem"
    assert main(["cert", "export-key", str(pub), "--data-dir", str(a.data_dir), "--db-url", a.url]) == 0
    capsys.readouterr()
    assert main(["cert", "verify", printed, "--data-dir", str(tmp_path / "nowhere"), "--pubkey", str(pub)]) == 0
    assert capsys.readouterr().out.startswith("有效 / valid")
    certs.revoke(b, old.number, "复核作废", "admin")
    assert certs.verify(a, printed).reason == "已作废"


def test_a_v1_key_file_is_imported_and_its_clear_private_key_removed(tmp_path: Path) -> None:
    from baiwen_desktop.core.certsign import load_or_create_keys
    from baiwen_desktop.core.certsign import sign_payload_v1 as sign_payload

    data = tmp_path / "v1"
    legacy = load_or_create_keys(data / "keys")  # what v1 left in its data folder
    store = open_app(data)
    rows = passed_rows(store, tmp_path, n=4)
    fields = certsign.CertFields("BWBC-2026-000001", rows[0].employee_no, rows[0].name, "考试", rows[0].score, TODAY)
    payload = sign_payload(fields, legacy.private_key)
    with store.session() as s, s.begin():  # a v1 certificate on record
        s.add(Certificate(number=fields.number, year=2026, serial=1, attempt_id=rows[0].attempt_id, issued_at=TODAY, payload=payload))
    store.dispose()
    store = open_app(data)
    assert not (data / "keys" / certsign.PRIVATE_KEY_FILE).exists()
    other = open_app(tmp_path / "pc2", store.url)
    assert certs.verify(other, payload).valid
    forged = sign_payload(certsign.CertFields("BWBC-2026-000777", "1", "假人", "考试", Decimal("100"), TODAY), legacy.private_key)
    assert certs.verify(other, forged).reason == "无效"  # the old key only vouches for what is on record
    # new numbers continue after the v1 ones
    new = documents.issue_certificates(store, rows[1:2], issuer(store), TODAY)
    assert new[0].number == "BWBC-JN01-2026-000002"
    other.dispose()
    store.dispose()
