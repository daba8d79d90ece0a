"""packages.conflicts(store, package_id): what a merge refused, read back later (数据交换 → 查看冲突…),
in the merge report's own words; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from package_helpers import PASS, SMALL_EXAM, make_hq, make_station, people_of, sit

from baiwen_desktop.services import packages
from baiwen_desktop.store.engine import Store


def test_conflicts_read_back_as_the_report_listed_them(any_store: Store, tmp_path: Path) -> None:
    hq = make_hq(any_store, SMALL_EXAM)
    issued = packages.export_exam(hq.store, hq.exam_id, tmp_path / "e.bwexam", issuer=hq.issuer, passphrase=PASS, class_name="一班", actor="t")
    sticks = []
    for name in ("东山站", "西河站"):
        st = make_station(tmp_path / name, name)
        imp = packages.import_exam(st, issued.path, issued.password, actor="s", trust_fingerprint=issued.hq_fingerprint)
        sit(st, imp.session_id, people_of("一班"))
        sticks.append(packages.export_results(st, imp.exam_id, tmp_path / f"{name}.bwresult", data_dir=st.data_dir, actor="s"))
        st.dispose()
    first = packages.import_results(hq.store, sticks[0].path, passphrase=PASS, actor="t")
    second = packages.import_results(hq.store, sticks[1].path, passphrase=PASS, actor="t")
    assert (first.new, first.conflicts, second.new, len(second.conflicts)) == (3, [], 0, 3)
    assert packages.conflicts(hq.store, second.package_id) == second.conflicts
    assert [c.split("：")[0] for c in second.conflicts] == ["A001 考生A001", "A002 考生A002", "A003 考生A003"]
    assert packages.conflicts(hq.store, first.package_id) == []
    assert packages.conflicts(hq.store, "no-such-package") == []
