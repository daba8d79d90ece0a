"""`baiwen package …` end to end through cli.main: HQ and a station as two data folders."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from package_helpers import PASS, SMALL_EXAM, make_hq, people_of, sit

from baiwen_desktop.cli.main import main
from baiwen_desktop.services import review
from baiwen_desktop.services.context import open_app


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_package_commands_round_trip_and_clear_refusals(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hq_dir, st_dir = str(tmp_path / "hq"), str(tmp_path / "st")
    hq = make_hq(open_app(hq_dir), SMALL_EXAM)
    hq.store.dispose()
    monkeypatch.setenv("BAIWEN_SIGN_PASSPHRASE", PASS)
    exam_file, result_file = tmp_path / "一班.bwexam", tmp_path / "一班.bwresult"

    code, out, err = run(capsys, "package", "export-exam", "--exam", str(hq.exam_id), "--class", "一班", "--out", str(exam_file), "--data-dir", hq_dir)
    assert code == 0, err
    password = next(line.strip() for line in out.splitlines() if line.strip() and line.strip().replace(" ", "").isdigit())
    assert len(password.replace(" ", "")) == 20 and out.count(password) == 1  # shown once, in groups
    fingerprint = out.rsplit(": ", 1)[1].strip()
    assert "只显示这一次" in out and "shown ONCE" in out and len(fingerprint) == 24

    # the station: a wrong password, then a missing fingerprint, are refused in both languages without a traceback
    code, _, err = run(capsys, "package", "import", str(exam_file), "--password", "1111-2222-3333-4444-5555", "--trust-fingerprint", fingerprint, "--data-dir", st_dir)
    assert code == 1 and "错误：" in err and "error:" in err and "一班.bwexam" in err and "Traceback" not in err
    code, _, err = run(capsys, "package", "import", str(exam_file), "--password", password, "--data-dir", st_dir)
    assert code == 1 and f"一致后重新导入并确认信任该指纹。核对一致后加 --trust-fingerprint {fingerprint} 重新导入 / " in err  # the CLI's own hint
    assert err.rstrip().endswith(f"; once checked, import again with --trust-fingerprint {fingerprint}")
    code, out, err = run(capsys, "package", "import", str(exam_file), "--password", password, "--trust-fingerprint", fingerprint, "--json", "--data-dir", st_dir)
    assert code == 0, err
    imp = json.loads(out)
    assert (imp["kind"], imp["candidates"], imp["already"]) == ("exam", 3, False)
    code, out, _ = run(capsys, "package", "import", str(exam_file), "--password", password, "--data-dir", st_dir)
    assert code == 0 and "已导入过" in out and "already imported" in out

    st = open_app(st_dir, sync_bank=False)
    sit(st, imp["session_id"], people_of("一班")[:2])
    marked = review.pending(st, imp["exam_id"])[0]  # the station's trainer marks one 简答 otherwise than HQ's suggestion
    review.set_score(st, marked.answer_id, Decimal(0) if marked.suggested else marked.max_points, "站长")
    st.dispose()
    code, out, err = run(capsys, "package", "export-results", "--exam", str(imp["exam_id"]), "--out", str(result_file), "--data-dir", st_dir)
    assert code == 0, err
    assert "2 份已交卷答卷" in out and "本机指纹" in out and (tmp_path / "一班_封面.pdf").exists()

    # several files in one run: one 签发口令 for all; a bad file is reported and the others still go in; the result
    # packages as one batch (services.merge_pipeline), reported in the order given
    junk = tmp_path / "junk.bwresult"
    junk.write_bytes(b"PK\x03\x04 not ours")
    again = shutil.copy(result_file, tmp_path / "又一份.bwresult")
    code, out, err = run(capsys, "package", "import", str(junk), str(result_file), str(again), "--data-dir", hq_dir)
    assert code == 1 and "junk.bwresult" in err and "错误：" in err and "Traceback" not in err
    assert "新增 2" in out and "2 new" in out and "待阅卷 2" in out
    assert out.index(f"== {result_file}") < out.index("新增 2") < out.index(f"== {again}") < out.index("已导入过")
    difference = "站点成绩与总部评分不同（以总部为准） / the station's provisional score differs from HQ's grade (HQ's stands):\n"
    assert difference in out and out.split(difference)[1].startswith(f"  - {marked.employee_no} {marked.name}：站点成绩 ")
    code, out, _ = run(capsys, "package", "import", str(result_file), "--data-dir", hq_dir)
    assert code == 0 and "已导入过" in out
    code, out, _ = run(capsys, "package", "list", "--json", "--data-dir", hq_dir)
    listed = json.loads(out)
    assert sorted((r["kind"], r["direction"], r["attempts"]) for r in listed) == [("exam", "out", 0), ("result", "in", 2)]
    code, out, _ = run(capsys, "package", "list", "--data-dir", st_dir)
    assert code == 0 and "导入考试包" in out and "导出成绩包" in out

    # not a package, no such file, a wrong 签发口令: one clear line each
    for args in ((str(junk),), (str(tmp_path / "missing.bwexam"),)):
        code, _, err = run(capsys, "package", "import", *args, "--data-dir", hq_dir)
        assert code == 1 and "错误：" in err and "Traceback" not in err
    monkeypatch.setenv("BAIWEN_SIGN_PASSPHRASE", "not-the-passphrase")
    code, _, err = run(capsys, "package", "import", str(result_file), "--data-dir", hq_dir)
    assert code == 1 and "签发口令不正确" in err


def test_the_cli_adds_its_trust_option_to_a_trust_refusal_unless_that_option_was_given() -> None:
    import argparse

    from baiwen_desktop.cli.package_commands import with_cli_hint
    from baiwen_desktop.services.packages import PackageRefused

    fp = "AB12-CD34-EF56-7890-1234"
    changed = PackageRefused("东山.bwresult", "station_key_changed", "站点密钥与上次不同", "another key", fingerprint=fp)
    plain = argparse.Namespace(trust_fingerprint=None, trust_station_key=None)
    hinted = with_cli_hint(changed, plain)
    assert hinted.zh == f"数据包“东山.bwresult”：站点密钥与上次不同。核对一致后加 --trust-station-key {fp} 重新导入"
    assert hinted.en == f"package '东山.bwresult': another key; once checked, import again with --trust-station-key {fp}"
    given = argparse.Namespace(trust_fingerprint=None, trust_station_key="0000")  # given and not matching: no second hint
    assert with_cli_hint(changed, given) is changed
    untrusted = PackageRefused("hq.bwexam", "untrusted", "尚未信任", "trusts none", fingerprint=fp)
    assert with_cli_hint(untrusted, plain).zh.endswith(f"核对一致后加 --trust-fingerprint {fp} 重新导入")
    expired = PackageRefused("hq.bwexam", "expired", "已过期", "expired")
    assert with_cli_hint(expired, plain) is expired
