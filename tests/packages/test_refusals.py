"""Packages a station or HQ must refuse, each with a clear reason, and nothing partly imported:
wrong password, expired, not yet valid, another organisation, an unchecked first key, a station
whose key changed, a package HQ never issued, the wrong kind, the wrong recipient, a flipped byte."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from package_helpers import PASS, SMALL_EXAM, make_hq, make_station, people_of, sit
from sqlalchemy import delete, func, select

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.services import packages
from baiwen_desktop.services.packages import PackageRefused
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import (
    Attempt,
    AuditEvent,
    Bank,
    Candidate,
    CertKey,
    Exam,
    ExamSession,
    Package,
    PackageStation,
)

TABLES = (Attempt, AuditEvent, Bank, Candidate, CertKey, Exam, ExamSession, Package, PackageStation)


def _counts(store: Store) -> dict[str, int]:
    with store.session() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0 for m in TABLES}


def _refused(store: Store, call, reason: str | tuple[str, ...], *words: str) -> PackageRefused:  # type: ignore[no-untyped-def]
    before = _counts(store)
    with pytest.raises(PackageRefused) as e:
        call()
    assert e.value.reason in ((reason,) if isinstance(reason, str) else reason), str(e.value)
    for w in words:
        assert w in str(e.value), str(e.value)
    assert _counts(store) == before  # nothing partly imported
    return e.value


@pytest.fixture
def hq(store: Store):  # type: ignore[no-untyped-def]
    return make_hq(store, SMALL_EXAM)


def test_wrong_password_expired_and_not_yet_valid_are_refused(hq, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    st = make_station(tmp_path / "st", "东山站")
    ok = packages.export_exam(hq.store, hq.exam_id, tmp_path / "ok.bwexam", issuer=hq.issuer, passphrase=PASS, actor="t")
    e = _refused(st, lambda: packages.import_exam(st, ok.path, "1234-5678-9012-3456-7890", actor="s", trust_fingerprint=ok.hq_fingerprint),
                 "wrong_password", "ok.bwexam")
    assert "password" in e.en
    now = datetime.now()
    old = packages.export_exam(hq.store, hq.exam_id, tmp_path / "old.bwexam", issuer=hq.issuer, passphrase=PASS, actor="t",
                               valid_from=now - timedelta(days=40), valid_days=30)
    _refused(st, lambda: packages.import_exam(st, old.path, old.password, actor="s", trust_fingerprint=old.hq_fingerprint),
             "expired", "已过期", "old.bwexam", "expired")
    early = packages.export_exam(hq.store, hq.exam_id, tmp_path / "early.bwexam", issuer=hq.issuer, passphrase=PASS, actor="t",
                                 valid_from=now + timedelta(days=2))
    _refused(st, lambda: packages.import_exam(st, early.path, early.password, actor="s", trust_fingerprint=early.hq_fingerprint),
             "not_yet_valid", "尚未生效", "not valid before")
    # the right password (typed with spaces, as read out by phone) imports; a second time changes nothing
    first = packages.import_exam(st, ok.path, ok.password.replace("-", " "), actor="s", trust_fingerprint=ok.hq_fingerprint)
    before = _counts(st)
    again = packages.import_exam(st, ok.path, ok.password, actor="s")  # HQ's key is trusted now: no fingerprint needed
    assert again.already and (again.exam_id, again.session_id, again.questions) == (first.exam_id, first.session_id, first.questions)
    assert _counts(st) == before


def test_first_import_needs_the_phone_checked_fingerprint_and_another_org_is_foreign(hq, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    st = make_station(tmp_path / "st", "东山站")
    issued = packages.export_exam(hq.store, hq.exam_id, tmp_path / "hq.bwexam", issuer=hq.issuer, passphrase=PASS, actor="t")
    assert packages.peek(issued.path)["fingerprint"] == issued.hq_fingerprint
    assert [(p.kind, p.station) for p in packages.list_packages(hq.store)] == [("exam", "全部考生")]  # issued for no one class
    e = _refused(st, lambda: packages.import_exam(st, issued.path, issued.password, actor="s"), "untrusted", issued.hq_fingerprint)
    # words for both faces: the console shows this text as is, so no command-line option in it (the CLI adds its own)
    assert e.zh == (f"数据包“hq.bwexam”：本机尚未信任任何单位密钥，未导入。请电话向总部核对签名密钥指纹 {issued.hq_fingerprint}，"
                    "一致后重新导入并确认信任该指纹")
    assert "--" not in e.en and e.fingerprint == issued.hq_fingerprint
    _refused(st, lambda: packages.import_exam(st, issued.path, issued.password, actor="s", trust_fingerprint="0000-1111-2222-3333-4444"),
             "untrusted", "不一致")
    packages.import_exam(st, issued.path, issued.password, actor="s", trust_fingerprint=issued.hq_fingerprint.lower().replace("-", ""))

    other = make_hq(_other_store(tmp_path), SMALL_EXAM, org="国网另一县供电公司", code="XY02")
    foreign = packages.export_exam(other.store, other.exam_id, tmp_path / "other.bwexam", issuer=other.issuer, passphrase=PASS, actor="t")
    e = _refused(st, lambda: packages.import_exam(st, foreign.path, foreign.password, actor="s"), "foreign", "其他单位", foreign.hq_fingerprint)
    assert "another organisation" in e.en and "--" not in str(e) and e.fingerprint == foreign.hq_fingerprint
    assert e.zh.endswith("如确为本单位总部的新密钥，请电话向总部核对指纹，一致后重新导入并确认信任该指纹")
    other.store.dispose()


def _other_store(tmp_path: Path) -> Store:
    from baiwen_desktop.services.context import open_app

    return open_app(tmp_path / "other-hq")


def _station_results(hq, tmp_path: Path, name: str = "东山站") -> tuple[Store, packages.ResultExport, packages.ExamImport]:  # type: ignore[no-untyped-def]
    st = make_station(tmp_path / name, name)
    issued = packages.export_exam(hq.store, hq.exam_id, tmp_path / f"{name}.bwexam", issuer=hq.issuer, passphrase=PASS, class_name="一班", actor="t")
    imp = packages.import_exam(st, issued.path, issued.password, actor="s", trust_fingerprint=issued.hq_fingerprint)
    sit(st, imp.session_id, people_of("一班")[:2])
    res = packages.export_results(st, imp.exam_id, tmp_path / f"{name}.bwresult", data_dir=st.data_dir, actor="s")
    return st, res, imp


def test_station_key_change_is_refused_until_retrusted(hq, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    st, res, imp = _station_results(hq, tmp_path)
    assert packages.import_results(hq.store, res.path, passphrase=PASS, actor="t").new == 2
    (st.data_dir / "station_key.pem").unlink()  # a reinstalled PC, or someone else's key under this station id
    res2 = packages.export_results(st, imp.exam_id, tmp_path / "again.bwresult", data_dir=st.data_dir, actor="s")
    assert res2.fingerprint != res.fingerprint
    e = _refused(hq.store, lambda: packages.import_results(hq.store, res2.path, passphrase=PASS, actor="t"),
                 "station_key_changed", "站点密钥与上次不同，请电话核对指纹", res.fingerprint, res2.fingerprint)
    assert "another key" in e.en and "--" not in str(e) and e.fingerprint == res2.fingerprint
    assert e.zh.endswith("请站点负责人读出本机指纹：确认站点换过电脑或重装过、指纹与本次一致后，重新导入并确认信任新指纹")
    rep = packages.import_results(hq.store, res2.path, passphrase=PASS, actor="t", trust_station_key=res2.fingerprint)
    assert (rep.new, rep.unchanged, rep.fingerprint) == (0, 2, res2.fingerprint)
    with hq.store.session() as s:
        assert s.scalars(select(PackageStation.fingerprint)).one() == res2.fingerprint


def test_hq_refuses_what_it_did_not_issue_the_wrong_kind_a_wrong_passphrase_and_a_flipped_byte(hq, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    st, res, _imp = _station_results(hq, tmp_path)
    with pytest.raises(BaiwenError, match="签发口令不正确"):
        packages.import_results(hq.store, res.path, passphrase="wrong-passphrase", actor="t")
    _refused(st, lambda: packages.import_exam(st, res.path, "x", actor="s"), "wrong_kind", "成绩包")
    exam_pkg = tmp_path / "东山站.bwexam"
    _refused(hq.store, lambda: packages.import_results(hq.store, exam_pkg, passphrase=PASS, actor="t"), "wrong_kind", "考试包")
    flipped = tmp_path / "flipped.bwresult"
    data = bytearray(res.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    flipped.write_bytes(bytes(data))
    _refused(hq.store, lambda: packages.import_results(hq.store, flipped, passphrase=PASS, actor="t"), "bad_signature")
    _refused(hq.store, lambda: packages.import_results(hq.store, tmp_path / "nowhere.bwresult", passphrase=PASS, actor="t"), "not_a_package", "找不到文件")
    # another HQ cannot open it (sealed to this HQ's key)
    other = make_hq(_other_store(tmp_path), SMALL_EXAM, org="国网另一县供电公司", code="XY02")
    packages.export_exam(other.store, other.exam_id, tmp_path / "o.bwexam", issuer=other.issuer, passphrase=PASS, actor="t")  # makes its X25519 key
    _refused(other.store, lambda: packages.import_results(other.store, res.path, passphrase=PASS, actor="t"), "wrong_recipient")
    other.store.dispose()
    # a result for an exam package this HQ has no record of issuing
    with hq.store.session() as s, s.begin():
        s.execute(delete(Package).where(Package.kind == "exam"))
    _refused(hq.store, lambda: packages.import_results(hq.store, res.path, passphrase=PASS, actor="t"), "not_issued", "不是本单位签发的")


def _resealed(st: Store, res: packages.ResultExport, hq, change) -> Path:  # type: ignore[no-untyped-def]
    """The station's own package, opened with HQ's key, changed, and signed and sealed again by the
    station's real key: correctly signed nonsense, as a station bug or a hostile key holder would send."""
    from baiwen_desktop.core import package_box
    from baiwen_desktop.services import package_keys

    station_key = package_keys.station_key(st.data_dir)
    header, payload = package_box.open_package(res.path.read_bytes(), verify_key=station_key.public_key(),
                                               recipient=package_keys.hq_private_key(hq.store, PASS))
    change(payload)
    fields = {k: header[k] for k in ("organisation", "issuer_code", "summary", "package_id")}
    data = package_box.seal_to_recipient("result", fields, payload, package_keys.stored_public_key(hq.store), station_key, header["signer"])
    out = res.path.with_name("resealed.bwresult")
    out.write_bytes(data)
    return out


@pytest.mark.parametrize("change", [
    lambda p: p.update(unfinished=[1]),
    lambda p: p["audit"][0].update(at="yesterday"),
    lambda p: p["audit"][0].update(id="7"),
    lambda p: p["attempts"][0].update(counted_ms=2**40),
    lambda p: p["attempts"][1].update(id=p["attempts"][0]["id"]),
    lambda p: p["attempts"][0]["answers"].append("x"),
    lambda p: p.update(questions=[]),
], ids=["unfinished-list", "audit-time", "audit-id-text", "int-overflow", "duplicate-id", "answer-not-object", "questions-list"])
def test_a_signed_package_with_a_malformed_payload_is_refused_whole(hq, tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    st, res, _imp = _station_results(hq, tmp_path)
    bad = _resealed(st, res, hq, change)
    # the box itself refuses some (a NUL anywhere: "damaged"); the merge's shape check the rest ("invalid")
    e = _refused(hq.store, lambda: packages.import_results(hq.store, bad, passphrase=PASS, actor="t"), ("invalid", "damaged"), "resealed.bwresult")
    assert ("内容格式不对" in e.zh and "malformed" in e.en) or e.reason == "damaged"
    assert packages.import_results(hq.store, res.path, passphrase=PASS, actor="t").new == 2  # the good one still merges


def test_a_signed_package_with_a_nul_in_its_payload_is_refused_whole(hq, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL text cannot hold NUL: the package box refuses it before any reader sees the payload."""
    st, res, _imp = _station_results(hq, tmp_path)
    bad = _resealed(st, res, hq, lambda p: p["attempts"][0].update(name="张\x00三"))
    _refused(hq.store, lambda: packages.import_results(hq.store, bad, passphrase=PASS, actor="t"), "damaged", "空字符", "NUL")
    assert packages.import_results(hq.store, res.path, passphrase=PASS, actor="t").new == 2  # the good one still merges


@pytest.mark.parametrize("change", [
    lambda p: p["roster"][0].update(employee_no="E" * 33),
    lambda p: p["roster"].append(dict(p["roster"][0])),
    lambda p: p["roster"][0].update(name="李\x00四"),
    lambda p: p["bank"]["questions"][0].update(id="q" * 65),
    lambda p: p["bank"]["questions"][0].update(score="not a number"),
    lambda p: p["exam"].update(definition={"title": "x"}),
    lambda p: p.update(org_keys=[{"kid": "k", "public_key": "garbage"}]),
], ids=["long-employee-no", "duplicate-roster", "nul", "long-qid", "bad-score", "bad-definition", "bad-key"])
def test_a_signed_exam_package_with_a_malformed_payload_is_refused_whole(hq, tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    from baiwen_desktop.core import package_box

    issued = packages.export_exam(hq.store, hq.exam_id, tmp_path / "x.bwexam", issuer=hq.issuer, passphrase=PASS, actor="t")
    header, payload = package_box.open_package(issued.path.read_bytes(), verify_key=hq.issuer.private_key.public_key(), password=issued.password)
    change(payload)
    fields = {k: header[k] for k in ("organisation", "issuer_code", "summary", "package_id", "valid_from", "valid_until")}
    bad = tmp_path / "bad.bwexam"
    bad.write_bytes(package_box.seal_with_password("exam", fields, payload, issued.password, hq.issuer.private_key, header["signer"]))
    st = make_station(tmp_path / "st", "东山站")
    with pytest.raises(BaiwenError) as e:
        before = _counts(st)
        packages.import_exam(st, bad, issued.password, actor="s", trust_fingerprint=issued.hq_fingerprint)
    assert "bad.bwexam" in str(e.value) or "exam" in str(e.value)
    assert _counts(st) == before
    assert not packages.import_exam(st, issued.path, issued.password, actor="s", trust_fingerprint=issued.hq_fingerprint).already


def test_hq_does_not_import_its_own_exam_package(hq, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    issued = packages.export_exam(hq.store, hq.exam_id, tmp_path / "x.bwexam", issuer=hq.issuer, passphrase=PASS, actor="t")
    _refused(hq.store, lambda: packages.import_exam(hq.store, issued.path, issued.password, actor="t"), "wrong_kind", "本单位自己导出")
