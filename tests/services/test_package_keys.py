"""Package keys: the station's Ed25519 key file, HQ's X25519 key sealed under the 签发口令."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from baiwen_desktop.core import certsign
from baiwen_desktop.core import package_box as pb
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.services import certs, package_keys
from baiwen_desktop.services.context import open_app
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import AuditEvent, Setting

PASS = "签发口令-2026-hq"


# --- station key --------------------------------------------------------------------------------


def test_station_key_created_once_private_and_stable(tmp_path: Path) -> None:
    key = package_keys.station_key(tmp_path)
    path = tmp_path / "station_key.pem"
    assert path.is_file()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = package_keys.station_key(tmp_path)
    assert pb.raw_public_key(again.public_key()) == pb.raw_public_key(key.public_key())
    fp = package_keys.station_fingerprint(tmp_path)
    assert fp == pb.fingerprint(pb.raw_public_key(key.public_key()))
    assert len(fp) == 24 and fp.count("-") == 4
    assert [p.name for p in tmp_path.iterdir()] == ["station_key.pem"]  # no temp files left behind


def test_station_key_never_clobbers_an_existing_key(tmp_path: Path) -> None:
    first = package_keys.station_key(tmp_path)
    package_keys._create_station_key(tmp_path / "station_key.pem")  # a slower process arriving second
    assert pb.raw_public_key(package_keys.station_key(tmp_path).public_key()) == pb.raw_public_key(first.public_key())


def test_station_key_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_link(src: object, dst: object) -> None:
        raise OSError("operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    first = package_keys.station_key(tmp_path)
    package_keys._create_station_key(tmp_path / "station_key.pem")
    assert pb.raw_public_key(package_keys.station_key(tmp_path).public_key()) == pb.raw_public_key(first.public_key())
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "station_key.pem").stat().st_mode) == 0o600


def test_processes_starting_together_agree_on_one_key(tmp_path: Path) -> None:
    code = "import sys; from pathlib import Path; from baiwen_desktop.services.package_keys import station_fingerprint as f; print(f(Path(sys.argv[1])))"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True) for _ in range(5)]
    prints = {p.communicate(timeout=120)[0].strip() for p in procs}
    assert all(p.returncode == 0 for p in procs)
    assert prints == {package_keys.station_fingerprint(tmp_path)}


def test_damaged_station_key_is_kept_aside_and_replaced(tmp_path: Path) -> None:
    (tmp_path / "station_key.pem").write_bytes(b"-----BEGIN PRIVATE KEY-----\ngarbage\n")
    key = package_keys.station_key(tmp_path)
    assert isinstance(key, Ed25519PrivateKey)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names[0] == "station_key.pem" and names[1].startswith("station_key.pem.bad-") and len(names) == 2


def test_station_key_file_of_another_type_is_not_used(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key

    pem = generate_private_key(SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    (tmp_path / "station_key.pem").write_bytes(pem)
    assert isinstance(package_keys.station_key(tmp_path), Ed25519PrivateKey)
    assert (tmp_path / "station_key.pem").read_bytes() != pem


# --- HQ's X25519 key ----------------------------------------------------------------------------


def _issuer(store: Store) -> certs.Issuer:
    certs.setup_issuer(store, PASS, "HQ01", "admin")
    return certs.unlock(store, PASS, "admin")


def _settings(store: Store) -> dict[str, str]:
    with store.session() as s:
        return {r.key: r.value for r in s.scalars(select(Setting).where(Setting.key.like("package_x25519_%")))}


def test_hq_key_created_on_first_use_sealed_and_stable(any_store: Store) -> None:
    issuer = _issuer(any_store)
    assert package_keys.stored_public_key(any_store) is None and package_keys.hq_fingerprint(any_store) is None
    public = package_keys.hq_public_key(any_store, issuer, PASS)
    stored = _settings(any_store)
    assert set(stored) == {"package_x25519_public", "package_x25519_private"}
    assert stored["package_x25519_private"].startswith("scrypt1$")
    private = package_keys.hq_private_key(any_store, PASS)
    assert pb.raw_public_key(private.public_key()) == pb.raw_public_key(public)
    raw_private = private.private_bytes_raw()
    assert raw_private.hex() not in stored["package_x25519_private"]
    assert pb.raw_public_key(package_keys.hq_public_key(any_store, issuer, PASS)) == pb.raw_public_key(public)
    assert _settings(any_store) == stored  # the second call made nothing new
    assert package_keys.hq_fingerprint(any_store) == pb.fingerprint(pb.raw_public_key(public))


def test_hq_key_opens_a_result_package(store: Store, tmp_path: Path) -> None:
    issuer = _issuer(store)
    public = package_keys.hq_public_key(store, issuer, PASS)
    station = package_keys.station_key(tmp_path / "station")
    signer = pb.station_signer("6f1c2a4e-2b1d-4c55-9d0e-3f7a8b9c0d1e", "一号站", station.public_key())
    data = pb.seal_to_recipient("result", {}, {"attempts": [1, 2]}, public, station, signer)
    _, payload = pb.open_package(data, verify_key=station.public_key(), recipient=package_keys.hq_private_key(store, PASS))
    assert payload == {"attempts": [1, 2]}


def test_wrong_passphrase(store: Store) -> None:
    issuer = _issuer(store)
    with pytest.raises(BaiwenError) as caught:
        package_keys.hq_public_key(store, issuer, "not-the-passphrase")  # would seal the key under a typo
    assert caught.value.zh == "签发口令不正确"
    assert _settings(store) == {}
    package_keys.hq_public_key(store, issuer, PASS)
    with pytest.raises(BaiwenError) as caught:
        package_keys.hq_private_key(store, "not-the-passphrase", actor="trainer1")
    assert caught.value.zh == "签发口令不正确"
    with store.session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert last is not None and last.event == "cert_unlock" and last.actor == "trainer1" and "成绩包" in last.detail


def test_no_hq_key_yet(store: Store) -> None:
    with pytest.raises(BaiwenError) as caught:
        package_keys.hq_private_key(store, PASS)
    assert "还没有成绩包加密密钥" in caught.value.zh


def test_sealed_key_cannot_be_moved_onto_another_public_key(store: Store) -> None:
    issuer = _issuer(store)
    package_keys.hq_public_key(store, issuer, PASS)
    other = pb.raw_public_key(Ed25519PrivateKey.generate().public_key())  # any 32 bytes
    import base64

    with store.session() as s, s.begin():
        s.get(Setting, "package_x25519_public").value = base64.b64encode(other).decode()  # type: ignore[union-attr]
    with pytest.raises(BaiwenError):
        package_keys.hq_private_key(store, PASS)


def test_two_pcs_creating_at_once_end_with_one_key(any_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both PCs looked and found no key; both insert; the database keeps the first whole."""
    issuer = _issuer(any_store)
    first = package_keys.hq_public_key(any_store, issuer, PASS)
    real = package_keys.stored_public_key
    calls: list[int] = []

    def not_yet_then_real(store: Store) -> object:
        calls.append(1)
        return None if len(calls) == 1 else real(store)  # the first look happened before PC 1 committed

    monkeypatch.setattr(package_keys, "stored_public_key", not_yet_then_real)
    second = package_keys.hq_public_key(any_store, issuer, PASS)  # its insert loses and rolls back
    assert pb.raw_public_key(second) == pb.raw_public_key(first) and len(calls) == 2
    private = package_keys.hq_private_key(any_store, PASS)
    assert pb.raw_public_key(private.public_key()) == pb.raw_public_key(first)
    with any_store.session() as s:
        assert s.scalar(select(func.count()).select_from(Setting).where(Setting.key.like("package_x25519_%"))) == 2


def test_threads_racing_on_one_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = open_app(data_dir)
    try:
        issuer = _issuer(store)
        results: list[bytes] = []
        errors: list[BaseException] = []

        def create() -> None:
            try:
                results.append(pb.raw_public_key(package_keys.hq_public_key(store, issuer, PASS)))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=create) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == [] and len(set(results)) == 1 and len(results) == 4
        assert pb.raw_public_key(package_keys.hq_private_key(store, PASS).public_key()) == results[0]
    finally:
        store.dispose()


def test_certificate_key_sealing_unchanged() -> None:
    """The generalised sealing still opens keys sealed as before, and refuses a wrong key id."""
    key = Ed25519PrivateKey.generate()
    kid = certsign.key_id(key.public_key())
    box = certsign.encrypt_private_key(key, PASS, kid)
    assert certsign.decrypt_private_key(box, PASS, kid).private_bytes_raw() == key.private_bytes_raw()
    assert certsign.open_secret(box, PASS, kid) == key.private_bytes_raw()
    with pytest.raises(certsign.WrongPassphrase):
        certsign.decrypt_private_key(box, PASS, "AAAAAAAA")
    with pytest.raises(certsign.WrongPassphrase):
        certsign.open_secret(box, "wrong", kid)
