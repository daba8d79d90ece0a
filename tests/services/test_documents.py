"""The four PDF documents generated from a graded class, through the service and the CLI."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from cert_payloads import with_field
from pypdf import PdfReader

from baiwen_desktop.cli.main import main
from baiwen_desktop.services import documents, results, review
from baiwen_desktop.services.context import open_app
from baiwen_desktop.services.demo import DEMO_PASSPHRASE, demo_issuer, run_demo
from baiwen_desktop.store.engine import Store


@pytest.fixture
def graded(store: Store, tmp_path: Path) -> int:
    return run_demo(store, tmp_path / "demo", candidates=8, seed=5, with_pdfs=False).exam_id


def text_of(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages).replace(" ", "")


def embedded(path: Path) -> bool:
    reader = PdfReader(path)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            desc = font.get_object()
            for f in desc.get("/DescendantFonts", [desc]):
                fd = f.get_object().get("/FontDescriptor")
                if fd is None or "/FontFile2" not in fd.get_object():
                    return False
    return True


def test_each_kind_is_real_text_with_embedded_fonts(store: Store, graded: int, tmp_path: Path) -> None:
    rows = results.results(store, graded)
    for kind in documents.KINDS:
        (pdf,) = documents.generate(store, kind, graded, tmp_path / f"{kind}.pdf", issuer=demo_issuer(store))
        assert embedded(pdf), kind
        text = text_of(pdf)
        if kind == "scoresheets":
            assert all(r.name in text for r in rows)
            assert len(PdfReader(pdf).pages) >= len(rows)
        elif kind == "summary":
            assert "成绩汇总表" in text and rows[0].employee_no in text
        elif kind == "analysis":
            assert "试题分析" in text and ("KR-20" in text or "Cronbachα" in text)
        else:
            passed = [r for r in rows if r.passed]
            assert len(PdfReader(pdf).pages) == len(passed)
            assert "合格证书" in text and all(r.name in text for r in passed)


def test_certificate_numbers_are_kept_and_never_reused(store: Store, graded: int, tmp_path: Path) -> None:
    rows = results.results(store, graded)
    first = documents.issue_certificates(store, rows, demo_issuer(store))
    again = documents.issue_certificates(store, rows, demo_issuer(store))
    assert [c.number for c in first] == [c.number for c in again]
    assert len({c.number for c in first}) == len(first)
    assert all(c.number.startswith("BWBC-") and len(c.number.split("-")[-1]) == 6 for c in first)
    # a regrade that lowers a score revokes that number (never reused) and keeps everyone else's
    victim = next(r for r in rows if r.passed and any(q.qtype == "简答" and q.points > 0 for q in r.questions))
    short = next(q for q in victim.questions if q.qtype == "简答" and q.points > 0)
    from baiwen_desktop.store.models import Answer

    with store.session() as s:
        answer_id = s.query(Answer.id).filter_by(attempt_id=victim.attempt_id, position=short.position).scalar()
    review.set_score(store, answer_id, Decimal(0), "t", "复核扣分")
    later = documents.issue_certificates(store, results.results(store, graded), demo_issuer(store))
    old = next(c for c in first if c.employee_no == victim.employee_no)
    assert old.number not in {c.number for c in later}
    assert {c.employee_no: c.number for c in later if c.employee_no != victim.employee_no} == {
        c.employee_no: c.number for c in first if c.employee_no != victim.employee_no
    }
    renewed = [c for c in later if c.employee_no == victim.employee_no]
    for c in renewed:  # still passing: a new number, and the QR carries the new score
        assert c.number not in {f.number for f in first}
        checked = documents.verify(store, c.qr_payload)
        assert checked.valid and checked.fields is not None and checked.fields.score == c.score < old.score
    assert documents.issue_certificates(store, results.results(store, graded), demo_issuer(store)) == later


def test_qr_payload_verifies_and_alterations_fail(store: Store, graded: int) -> None:
    cert = documents.issue_certificates(store, results.results(store, graded), demo_issuer(store))[0]
    ok = documents.verify(store, cert.qr_payload)
    assert ok.valid and ok.fields is not None and ok.fields.name == cert.name and ok.fields.score == cert.score
    for index, value in ((2, "冒名顶替"), (4, "100")):
        bad = documents.verify(store, with_field(cert.qr_payload, index, value))
        assert not bad.valid and bad.reason == "已篡改"


def test_cli_report_and_verify(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAIWEN_SIGN_PASSPHRASE", DEMO_PASSPHRASE)
    data = str(tmp_path / "data")
    assert main(["demo", "--out", str(tmp_path / "demo"), "--candidates", "5", "--data-dir", data]) == 0
    names = {p.name for p in (tmp_path / "demo").iterdir()}
    assert {"成绩单.pdf", "成绩汇总表.pdf", "试题分析.pdf", "合格证书.pdf", "results.json"} <= names
    capsys.readouterr()
    exam_id = json.loads((tmp_path / "demo" / "results.json").read_text(encoding="utf-8"))["exam"]["id"]
    out = tmp_path / "certs"
    assert main(["report", "certificates", "--exam", str(exam_id), "--out", str(out), "--per-candidate", "--data-dir", data]) == 0
    files = sorted(out.glob("*.pdf"))
    assert files and all("_" in f.stem for f in files)
    assert all(f.stat().st_size < 80_000 for f in files)
    capsys.readouterr()
    reader = PdfReader(tmp_path / "demo" / "合格证书.pdf")
    assert reader.pages
    store = open_app(data)
    payload = documents.issue_certificates(store, results.results(store, exam_id), demo_issuer(store))[0].qr_payload
    assert main(["cert", "verify", payload, "--data-dir", data]) == 0
    assert "有效" in capsys.readouterr().out
    assert main(["cert", "verify", with_field(payload, 4, "100"), "--data-dir", data]) == 1
    assert "已篡改" in capsys.readouterr().out
