"""The part of a merge at HQ that needs no database: a result package opened (signature, decryption), its
shape checked, each attempt's digest taken and its paper checked and graded (services.merge_grading).

services.package_merge calls these steps in its own order, between its database checks; a batch of packages
(services.merge_pipeline) may run them all for the next package in another process while this one is written,
handing back a `Prepared` whose refusal, if any, the merge raises at the step where it would have met it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from baiwen_desktop.core import package_box
from baiwen_desktop.core.exam import parse_exam
from baiwen_desktop.services.attempts import FINISHED
from baiwen_desktop.services.merge_grading import Questions, Sheet, build_sheet, check_paper, policy_caches
from baiwen_desktop.services.package_io import (
    PAYLOAD_FORMAT,
    PackageRefused,
    read_package,
    refused,
    sha256_hex,
)
from baiwen_desktop.services.package_results import attempt_digest
from baiwen_desktop.services.package_shape import check_result_payload

INCOMPLETE = ("成绩包内容不完整", "the result package's content is incomplete")


@dataclass
class Opened:
    """A result package whose signature (by the key its header names) and seal are good."""

    header: dict[str, Any]
    payload: dict[str, Any]
    package_id: str
    exam_package_id: str


@dataclass
class Graded:
    """One attempt as far as it goes without the database: its digest and, when it is finished, what HQ
    makes of it unless something HQ holds stops it: a conflict (kind, why) or the sheet to insert."""

    digest: str
    outcome: tuple[str, str] | Sheet | None = None  # None: not finished (the merge reports it)
    used: tuple[str, ...] = ()  # the questions a sheet's paper names


@dataclass
class Prepared:
    """Everything a merge can do to one package ahead of the database, and where it stopped: `stage` is
    "" (all done), or the step whose refusal `refused` is ("file": reading, "open", "shape", "grade")."""

    path: Path
    stage: str = ""
    refused: PackageRefused | None = None
    header: dict[str, Any] = field(default_factory=dict)
    file_sha256: str = ""
    opened: Opened | None = None
    exam: tuple[int, dict[str, Any], dict[str, str]] | None = None  # (exam id, definition, snapshots) graded against
    graded: list[Graded] | None = None
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)  # digest -> content of every question a sheet names


def read_result(path: Path) -> tuple[bytes, dict[str, Any]]:
    """The file and its header, refused unless it is a result package signed by a station."""
    data, header = read_package(path)
    if header.get("kind") != "result":
        raise PackageRefused(path, "wrong_kind", "这是考试包，不是成绩包：请在站点导入", "this is an exam package, not a result package: import it at the station")
    if (header.get("signer") or {}).get("kind") != "station":
        raise PackageRefused(path, "unknown_signer", "成绩包不是站点签名的", "the result package is not signed by a station")
    return data, header


def open_result(path: Path, data: bytes, header: dict[str, Any], hq_key: X25519PrivateKey) -> Opened:
    """Verify with the station key the header names (whether HQ trusts that key is the merge's question) and
    open with HQ's key; the payload must be the signing station's, in our format."""
    signer = header.get("signer") or {}
    try:
        verify_key = package_box.signer_public_key(header)
        header, payload = package_box.open_package(data, verify_key=verify_key, recipient=hq_key, expect_kind="result")
    except package_box.PackageError as e:
        raise refused(path, e) from None
    package_id = str(header["package_id"])
    try:
        st = payload["station"]
        if (payload.get("format") != PAYLOAD_FORMAT or payload.get("package_id") != package_id or st.get("station_id") != str(signer["station_id"])
                or st.get("public_key") != signer.get("public_key")):
            raise PackageRefused(path, "invalid", "成绩包内容与签名站点不符", "the package content does not match its signing station")
        exam_package_id = str(payload["exam_package_id"])
    except (KeyError, TypeError, AttributeError):
        raise PackageRefused(path, "invalid", *INCOMPLETE) from None
    return Opened(header, payload, package_id, exam_package_id)


def grade_attempts(
    path: Path, payload: dict[str, Any], exam_id: int, definition: dict[str, Any], snapshots: dict[str, str], station_id: str,
    station_name: str, progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Graded], dict[str, dict[str, Any]]]:
    """Each attempt's digest, and each finished one checked against the exam and graded (check_payload first);
    with the content of every question a sheet names. PackageRefused when the content cannot be read.
    `progress(done, total)` after each attempt: the bulk of a merge."""
    try:
        exam = parse_exam(definition, "exam")
        entries, tables = policy_caches(exam)
        attempts = payload["attempts"]
        if not isinstance(attempts, list):
            raise TypeError("attempts")
        questions = Questions(snapshots, payload.get("questions"))
        graded: list[Graded] = []
        used: set[str] = set()
        for n, a in enumerate(attempts, start=1):
            if progress:
                progress(n, len(attempts))
            digest = attempt_digest(a, from_json=True)
            int(a["id"])
            if a.get("status") not in FINISHED:
                graded.append(Graded(digest))
                continue
            checked = check_paper(a, exam, questions, entries, tables)
            if isinstance(checked[0], str):
                graded.append(Graded(digest, (checked[0], str(checked[1]))))
                continue
            got, total, stored = checked  # type: ignore[misc]
            try:
                sheet = build_sheet(a, got, total, stored, exam_id, exam, station_id, station_name, digest, path)
            except (KeyError, TypeError, ValueError, IndexError, AttributeError, ArithmeticError):
                graded.append(Graded(digest, ("invalid", "答卷记录不完整，无法评分")))
                continue
            names = tuple(i["question"] for i in stored["items"])
            used.update(names)
            graded.append(Graded(digest, sheet, names))
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError):
        raise PackageRefused(path, "invalid", *INCOMPLETE) from None
    return graded, {d: questions.parsed[d][1] for d in used}  # type: ignore[index]


def prepare(path: Path, hq_key: X25519PrivateKey, exams: dict[str, tuple[int, dict[str, Any], dict[str, str]]]) -> Prepared:
    """All of the above for one package, stopping at the first refusal; graded when its exam package is in
    `exams` (exam package id -> (exam id, definition, snapshots) of the exam packages HQ issued)."""
    path = Path(path)
    out = Prepared(path)
    try:
        data, out.header = read_result(path)
    except PackageRefused as e:
        out.stage, out.refused = "file", e
        return out
    out.file_sha256 = sha256_hex(data)
    try:
        out.opened = open_result(path, data, out.header, hq_key)
    except PackageRefused as e:
        out.stage, out.refused = "open", e
        return out
    try:
        check_result_payload(path, out.opened.payload)
    except PackageRefused as e:
        out.stage, out.refused = "shape", e
        return out
    exam = exams.get(out.opened.exam_package_id)
    if exam is not None:
        signer = out.header.get("signer") or {}
        try:
            out.graded, out.questions = grade_attempts(path, out.opened.payload, *exam, str(signer["station_id"]), str(signer.get("name", ""))[:128])
        except PackageRefused as e:
            out.stage, out.refused = "grade", e
        out.exam = exam
    return out


def slimmed(prepared: Prepared) -> Prepared:
    """`prepared` without what only its grading read (each paper and its answers, the questions' contents), once
    graded: what a merge still needs of the payload, at a fraction of the size to send from a worker."""
    if prepared.graded is not None and prepared.opened is not None:
        payload = prepared.opened.payload
        slim = {k: v for k, v in payload.items() if k not in ("attempts", "questions")}
        slim["attempts"] = [{k: v for k, v in a.items() if k not in _GRADED_ONLY} for a in payload["attempts"]]
        prepared.opened.payload = slim
    return prepared


_GRADED_ONLY = {"paper", "answers", "digest"}
