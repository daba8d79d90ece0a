"""USB packages between HQ and rural stations (issue 11, design §3–§5): the one module the faces use.

HQ: `export_exam` (exam package, password shown once) and `import_results` (merge a station's
results). Station: `import_exam` and `export_results`. Both: `peek`, `import_any`, `list_packages`.
The work is split by what it does: package_exam (issue/import an exam), package_results (a station's
results), package_merge (HQ's merge), package_io (files, hashes, refusals).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from baiwen_desktop.services.package_exam import export_exam, import_exam
from baiwen_desktop.services.package_io import PackageRefused, raw_bytes, read_package
from baiwen_desktop.services.package_merge import difference_text, import_results
from baiwen_desktop.services.package_outcomes import (
    ExamImport,
    IssuedExamPackage,
    MergeReport,
    PackageRow,
    ResultExport,
)
from baiwen_desktop.services.package_results import export_results
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Candidate, Exam, Package, PackageConflict

__all__ = [
    "ExamImport",
    "IssuedExamPackage",
    "MergeReport",
    "PackageRefused",
    "PackageRow",
    "ResultExport",
    "conflicts",
    "export_exam",
    "export_results",
    "import_any",
    "import_exam",
    "import_results",
    "list_packages",
    "peek",
]

KIND_LABELS = {"exam": "考试包", "result": "成绩包"}
DIRECTION_LABELS = {"out": "导出", "in": "导入"}


def peek(path: Path) -> dict[str, Any]:
    """What the plain header says, for a cover or a confirmation dialog (nothing verified yet)."""
    from baiwen_desktop.core import package_box

    _data, header = read_package(Path(path))
    signer = header.get("signer") or {}
    summary = header.get("summary") or {}
    claimed = signer.get("public_key") if signer.get("kind") == "station" else summary.get("org_public_key")
    try:
        fingerprint = package_box.fingerprint(raw_bytes(claimed))  # computed here, not taken from the file's word
    except ValueError:
        fingerprint = ""
    return {
        "kind": header.get("kind"),
        "kind_label": KIND_LABELS.get(str(header.get("kind")), str(header.get("kind"))),
        "package_id": header.get("package_id"),
        "created_at": header.get("created_at"),
        "organisation": header.get("organisation", ""),
        "issuer_code": header.get("issuer_code", ""),
        "valid_from": header.get("valid_from"),
        "valid_until": header.get("valid_until"),
        "summary": {k: v for k, v in summary.items() if k != "org_public_key"},
        "signer_kind": signer.get("kind"),
        "fingerprint": fingerprint,
        "station_id": signer.get("station_id", ""),
        "station_name": signer.get("name", ""),
    }


def import_any(
    store: Store,
    path: Path,
    *,
    password: str | None,
    passphrase: str | None,
    actor: str,
    trust_fingerprint: str | None = None,
    trust_station_key: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExamImport | MergeReport:
    """An exam package (at a station: needs its password) or a result package (at HQ: needs the 签发口令)."""
    kind = peek(path)["kind"]
    if kind == "exam":
        if not password:
            raise PackageRefused(path, "wrong_password", "这是考试包，请输入考试包密码", "this is an exam package: enter its password")
        return import_exam(store, path, password, actor=actor, trust_fingerprint=trust_fingerprint)
    if not passphrase:
        raise PackageRefused(path, "wrong_password", "这是成绩包，请输入签发口令", "this is a result package: enter the signing passphrase")
    return import_results(store, path, passphrase=passphrase, actor=actor, progress=progress, trust_station_key=trust_station_key)


ALL_CANDIDATES = "全部考生"
HQ = "总部"


def party(p: Package) -> str:
    """Who is at the other end of the USB stick, as the 数据交换 list names it: an exam package issued
    here went to a class (or 全部考生), one imported came from 总部; a result package names its station."""
    if p.kind == "exam":
        if p.direction == "out":
            return str((p.detail or {}).get("class_name") or "") or ALL_CANDIDATES
        return HQ
    return p.station_name


def list_packages(store: Store) -> list[PackageRow]:
    """Every package this database issued or received, newest first."""
    with store.session() as s:
        rows = s.execute(select(Package, Exam.title).outerjoin(Exam, Package.exam_id == Exam.id).order_by(Package.created_at.desc(), Package.id)).all()
        return [
            PackageRow(
                p.id, p.kind, p.direction, party(p), title or str(p.detail.get("title", "")),
                p.candidates, p.attempts_total, p.attempts_new, p.conflicts, p.created_at, p.valid_until,
            )
            for p, title in rows
        ]


def conflicts(store: Store, package_id: str) -> list[str]:
    """What merging one result package refused to take, in the merge report's words ("工号 姓名：why")."""
    with store.session() as s:
        return _conflicts(s, package_id)


def _conflicts(s: Session, package_id: str) -> list[str]:
    rows = s.execute(
        select(PackageConflict, Candidate.name)
        .outerjoin(Candidate, Candidate.employee_no == PackageConflict.employee_no)
        .where(PackageConflict.package_id == package_id)
        .order_by(PackageConflict.id)
    ).all()
    return [" ".join(p for p in (c.employee_no, name or "") if p) + f"：{c.detail}" for c, name in rows]


def merge_record(store: Store, package_id: str) -> MergeReport | None:
    """A merged result package's report again, from what HQ recorded (数据交换 → 查看合并报告…): the
    counts, each conflict, and each station score that differed from HQ's grade. None for any other package."""
    with store.session() as s:
        p = s.get(Package, (package_id, "in"))
        if p is None or p.kind != "result":
            return None
        differences = [difference_text(d) for d in (p.detail or {}).get("score_differences") or []]
        return MergeReport(p.id, p.station_name, p.station_fingerprint, p.attempts_total, p.attempts_new, p.attempts_unchanged,
                           _conflicts(s, package_id), 0, False, differences)
