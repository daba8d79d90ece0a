"""A station's copy of HQ's bank (an exam package's import) carries each question's digest (migration
0010), the very digest HQ issued for it: a station paper names its questions as HQ checks them."""

from __future__ import annotations

from pathlib import Path

from package_helpers import PASS, SMALL_EXAM, make_hq, make_station
from sqlalchemy import select

from baiwen_desktop.core.canonical import canonical_hash
from baiwen_desktop.services import packages
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import BankQuestion, Package


def test_an_imported_exam_packages_bank_rows_carry_the_digests_hq_issued(store: Store, tmp_path: Path) -> None:
    hq = make_hq(store, SMALL_EXAM)
    st = make_station(tmp_path / "东山站", "东山站")
    try:
        issued = packages.export_exam(hq.store, hq.exam_id, tmp_path / "e.bwexam", issuer=hq.issuer, passphrase=PASS, class_name="一班", actor="t")
        packages.import_exam(st, issued.path, issued.password, actor="s", trust_fingerprint=issued.hq_fingerprint)
        with st.session() as s:
            rows = {qid: (digest, content) for qid, digest, content in s.execute(select(BankQuestion.qid, BankQuestion.digest, BankQuestion.content))}
        with hq.store.session() as s:
            snapshots = s.scalar(select(Package.detail).where(Package.kind == "exam", Package.direction == "out"))["snapshots"]  # type: ignore[index]
        assert len(rows) == len(snapshots) > 0
        assert {qid: digest for qid, (digest, _) in rows.items()} == snapshots
        assert all(digest == canonical_hash(content) for digest, content in rows.values())
    finally:
        st.dispose()
