"""Hypothesis fuzz of both service readers (import_exam at a station, import_results at HQ).

Two kinds of hostile input:
- the file's bytes mutated (what a damaged or tampered stick gives): refused by the box;
- a package correctly signed and sealed whose *content* is mutated (a station or HQ program with a
  bug, or a stolen key): the service must refuse it cleanly or merge it, never crash.
Either way: only BaiwenError comes out, and a refused import leaves every table's row count unchanged.
"""

from __future__ import annotations

import copy
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from baiwen_desktop.core import package_box
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.services import package_keys, packages
from baiwen_desktop.services.context import open_app
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Base
from tests.packages.package_helpers import PASS, SMALL_EXAM, make_hq, make_station, people_of, sit

# BAIWEN_FUZZ_EXAMPLES=500 for a longer hunt; the default keeps the suite's time reasonable
FUZZ = settings(max_examples=int(os.environ.get("BAIWEN_FUZZ_EXAMPLES", "40")), deadline=None, suppress_health_check=list(HealthCheck))


class World:
    """Everything the fuzz needs, built once (a plain class: Hypothesis prints it by its short repr)."""

    hq: Store
    station: Store  # has not imported the exam package: every import attempt starts from the same state
    folder: Path
    exam_data: bytes
    password: str
    hq_fingerprint: str
    result_data: bytes
    org_key: Ed25519PrivateKey
    station_key: Ed25519PrivateKey
    hq_public: X25519PublicKey
    exam_payload: dict[str, Any]
    result_payload: dict[str, Any]

    def __init__(self, **parts: Any) -> None:
        self.__dict__.update(parts)

    def __repr__(self) -> str:
        return f"World({self.folder})"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("fuzz_readers")
    hq_store = open_app(root / "hq")
    hq = make_hq(hq_store, SMALL_EXAM)
    issued = packages.export_exam(hq_store, hq.exam_id, root / "exam.bwexam", issuer=hq.issuer, passphrase=PASS, actor="t")
    sitting = make_station(root / "sitting", "一号站")
    imported = packages.import_exam(sitting, issued.path, issued.password, actor="t", trust_fingerprint=issued.hq_fingerprint)
    sit(sitting, imported.session_id, people_of("一班"))
    result = packages.export_results(sitting, imported.exam_id, root / "r.bwresult", data_dir=sitting.data_dir, actor="t")
    station_key = package_keys.station_key(sitting.data_dir)
    sitting.dispose()
    # HQ trusts this station from a first, real merge; the fuzzed packages then come from a known station
    packages.import_results(hq_store, result.path, passphrase=PASS, actor="t")
    exam_data, result_data = issued.path.read_bytes(), result.path.read_bytes()
    _, exam_payload = package_box.open_package(exam_data, verify_key=hq.issuer.private_key.public_key(), password=issued.password)
    hq_x = package_keys.hq_private_key(hq_store, PASS)
    _, result_payload = package_box.open_package(result_data, verify_key=station_key.public_key(), recipient=hq_x)
    fresh = make_station(root / "fresh", "二号站")
    yield World(hq=hq_store, station=fresh, folder=root, exam_data=exam_data, password=issued.password, hq_fingerprint=issued.hq_fingerprint,
                result_data=result_data, org_key=hq.issuer.private_key, station_key=station_key, hq_public=hq_x.public_key(),
                exam_payload=exam_payload, result_payload=result_payload)
    fresh.dispose()
    hq_store.dispose()


def row_counts(store: Store) -> dict[str, int]:
    with store.session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def attempt(store: Store, fn: Any) -> tuple[bool, dict[str, int], dict[str, int]]:
    """Run one import: (refused?, counts before, counts after). Anything but BaiwenError fails the test."""
    before = row_counts(store)
    try:
        fn()
    except BaiwenError:
        return True, before, row_counts(store)
    return False, before, row_counts(store)


# --- mutated bytes ------------------------------------------------------------------------------


@st.composite
def byte_mutations(draw: st.DrawFn, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        pos = draw(st.integers(0, len(out) - 1))
        op = draw(st.sampled_from(["flip", "cut", "insert"]))
        if op == "flip":
            out[pos] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del out[pos : pos + draw(st.integers(1, 64))]
        else:
            out[pos:pos] = draw(st.binary(min_size=1, max_size=16))
    return bytes(out)


def _write(world: World, name: str, data: bytes) -> Path:
    path = world.folder / f"{name}-{uuid.uuid4().hex[:8]}"
    path.write_bytes(data)
    return path


@FUZZ
@given(data=st.data())
def test_import_exam_mutated_bytes(world: World, data: st.DataObject) -> None:
    mutated = data.draw(byte_mutations(world.exam_data))
    assume(mutated != world.exam_data)  # two flips of one byte can cancel out
    path = _write(world, "exam.bwexam", mutated)
    refused, before, after = attempt(
        world.station, lambda: packages.import_exam(world.station, path, world.password, actor="t", trust_fingerprint=world.hq_fingerprint)
    )
    assert refused, "a mutated package was accepted"
    assert after == before


@FUZZ
@given(data=st.data())
def test_import_results_mutated_bytes(world: World, data: st.DataObject) -> None:
    mutated = data.draw(byte_mutations(world.result_data))
    assume(mutated != world.result_data)
    path = _write(world, "r.bwresult", mutated)
    refused, before, after = attempt(world.hq, lambda: packages.import_results(world.hq, path, passphrase=PASS, actor="t"))
    assert refused, "a mutated package was accepted"
    assert after == before


# --- mutated content, correctly signed and sealed -----------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3),
    max_leaves=6,
)


@st.composite
def content_mutations(draw: st.DrawFn, payload: dict[str, Any]) -> dict[str, Any]:
    """Walk into the payload along a drawn path, then replace, delete or duplicate what is there."""
    out = copy.deepcopy(payload)
    for _ in range(draw(st.integers(1, 3))):
        node: Any = out
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            child = node[key]
            if isinstance(child, dict | list) and child and draw(st.integers(0, 3)) > 0:
                node = child
                continue
            op = draw(st.sampled_from(["replace", "delete", "duplicate"]))
            if op == "replace":
                node[key] = draw(json_values)
            elif op == "delete":
                del node[key]
            elif isinstance(node, list):
                node.insert(key, copy.deepcopy(child))
            else:
                node[key] = [child, child]
            break
    return out


def _reseal_exam(world: World, payload: dict[str, Any]) -> bytes:
    header = package_box.read_header(world.exam_data)
    fields = {k: header[k] for k in ("organisation", "issuer_code", "valid_from", "valid_until", "summary")}
    fields["package_id"] = str(uuid.uuid4())  # a fresh id, so an earlier accepted mutation does not make this one "already"
    if isinstance(payload, dict) and "package_id" in payload and payload["package_id"] == header["package_id"]:
        payload["package_id"] = fields["package_id"]
    return package_box.seal_with_password(
        "exam", fields, payload, world.password, world.org_key, package_box.org_signer(world.org_key.public_key())
    )


def _reseal_result(world: World, payload: dict[str, Any]) -> bytes:
    header = package_box.read_header(world.result_data)
    fields = {k: header[k] for k in ("organisation", "issuer_code", "valid_from", "valid_until", "summary", "created_at")}
    fields["package_id"] = str(uuid.uuid4())
    if isinstance(payload, dict) and payload.get("package_id") == header["package_id"]:
        payload["package_id"] = fields["package_id"]
    signer = header["signer"]
    return package_box.seal_to_recipient(
        "result", fields, payload, world.hq_public, world.station_key,
        package_box.station_signer(signer["station_id"], signer["name"], world.station_key.public_key()),
    )  # fmt: skip


@FUZZ
@given(data=st.data())
def test_import_exam_mutated_content(world: World, data: st.DataObject) -> None:
    payload = data.draw(content_mutations(world.exam_payload))
    path = _write(world, "exam.bwexam", _reseal_exam(world, payload))
    refused, before, after = attempt(
        world.station, lambda: packages.import_exam(world.station, path, world.password, actor="t", trust_fingerprint=world.hq_fingerprint)
    )
    if refused:
        assert after == before


@FUZZ
@given(data=st.data())
def test_import_results_mutated_content(world: World, data: st.DataObject) -> None:
    payload = data.draw(content_mutations(world.result_payload))
    path = _write(world, "r.bwresult", _reseal_result(world, payload))
    refused, before, after = attempt(world.hq, lambda: packages.import_results(world.hq, path, passphrase=PASS, actor="t"))
    if refused:
        assert after == before
