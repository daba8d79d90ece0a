"""An exam that came in an HQ exam package (definition extra["hq_package"], design §4): every page of
its score sheets, class summary and item analysis says 站点成绩，以总部为准, and the station issues
no certificates for it; an ordinary exam's documents are unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from baiwen_desktop.cli.main import main
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.services import documents, exams, results
from baiwen_desktop.services.demo import demo_issuer, run_demo
from baiwen_desktop.services.documents import STATION_COPY
from baiwen_desktop.store.engine import Store

HQ_PACKAGE = {"package_id": "0f1e2d3c-1111-4000-8000-000000000000", "organisation": "国网某县供电公司",
              "issuer_code": "JN01", "hq_exam_id": 9, "valid_until": None}


def page_texts(path: Path) -> list[str]:
    return ["".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def fonts(path: Path) -> set[str]:
    """Every font of every page, by BaseFont, with whether it is embedded (FontFile2)."""
    found = set()
    for page in PdfReader(path).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            found.add(f"{str(font['/BaseFont']).split('+')[-1]} {'/FontFile2' in font['/FontDescriptor'].get_object()}")
    return found


def sat_exam(store: Store, tmp_path: Path, hq: bool, candidates: int = 3) -> int:
    extra = {"extra": {"hq_package": HQ_PACKAGE}} if hq else {}
    exam = exams.create_exam(store, parse_exam({**STANDARD_EXAM, "title": "站点考试", **extra}, "t"), "t")
    run_demo(store, tmp_path / f"demo{hq}", candidates=candidates, with_pdfs=False, exam_id=exam.id)
    return exam.id


@pytest.mark.parametrize("kind", ["scoresheets", "summary", "analysis"])
def test_every_page_of_a_station_copy_carries_the_mark(store: Store, tmp_path: Path, kind: str) -> None:
    exam_id = sat_exam(store, tmp_path, hq=True)
    (pdf,) = documents.generate(store, kind, exam_id, tmp_path / f"{kind}.pdf")  # type: ignore[arg-type]
    pages = page_texts(pdf)
    assert len(pages) >= (1 if kind == "summary" else 2)
    assert all(STATION_COPY in t for t in pages)
    assert fonts(pdf) == {"NotoSansSC-Regular True", "NotoSansSC-Bold True"}


def test_per_candidate_score_sheets_carry_the_mark_too(store: Store, tmp_path: Path) -> None:
    exam_id = sat_exam(store, tmp_path, hq=True)
    files = documents.generate(store, "scoresheets", exam_id, tmp_path / "each", per_candidate=True)
    assert len(files) == 3 and all(STATION_COPY in t for f in files for t in page_texts(f))


def test_an_ordinary_exam_is_not_marked(store: Store, tmp_path: Path) -> None:
    exam_id = sat_exam(store, tmp_path, hq=False)
    for kind in ("scoresheets", "summary", "analysis"):
        (pdf,) = documents.generate(store, kind, exam_id, tmp_path / f"{kind}.pdf")  # type: ignore[arg-type]
        assert not any("以总部为准" in t for t in page_texts(pdf))


def test_no_certificates_at_the_station_for_an_hq_exam(store: Store, tmp_path: Path) -> None:
    exam_id = sat_exam(store, tmp_path, hq=True, candidates=6)
    issuer = demo_issuer(store)
    assert issuer is not None and any(r.passed for r in results.results(store, exam_id))
    with pytest.raises(BaiwenError, match="合格证书由总部统一签发") as e:
        documents.generate(store, "certificates", exam_id, tmp_path / "c.pdf", issuer=issuer)
    assert "HQ issues its certificates" in e.value.en
    with pytest.raises(BaiwenError, match="合格证书由总部统一签发"):
        documents.issue_certificates(store, results.results(store, exam_id), issuer)
    assert not (tmp_path / "c.pdf").exists()
    with store.session() as s:
        from sqlalchemy import func, select

        from baiwen_desktop.store.models import Certificate

        assert s.scalar(select(func.count()).select_from(Certificate)) == 0


def test_cli_refuses_hq_certificates_before_asking_the_passphrase(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    exam_id = sat_exam(store, tmp_path, hq=True)

    def no_prompt() -> str:
        raise AssertionError("asked for the 签发口令")

    monkeypatch.setattr("baiwen_desktop.cli.commands._passphrase", no_prompt)
    data = str(tmp_path / "data")  # the `store` fixture's folder
    code = main(["report", "certificates", "--exam", str(exam_id), "--out", str(tmp_path / "c.pdf"), "--data-dir", data])
    err = capsys.readouterr().err
    assert code == 1 and "合格证书由总部统一签发" in err and "HQ issues its certificates" in err
    code = main(["report", "scoresheets", "--exam", str(exam_id), "--out", str(tmp_path / "s.pdf"), "--data-dir", data])
    assert code == 0 and all(STATION_COPY in t for t in page_texts(tmp_path / "s.pdf"))


def test_results_exports_of_a_station_copy_carry_the_mark_in_every_row_and_keep_the_header_first(store: Store, tmp_path: Path) -> None:
    import csv

    from openpyxl import load_workbook

    from baiwen_desktop.files.results_file import LONG_HEADER, NOTICE_COLUMN, SUMMARY_HEADER

    assert (STATION_COPY, NOTICE_COLUMN) == ("站点成绩，以总部为准", "成绩性质")
    exam_id = sat_exam(store, tmp_path, hq=True)
    xlsx = tmp_path / "站点.xlsx"
    assert results.export(store, exam_id, "xlsx", xlsx) == 3
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["成绩", "逐题得分", "按题得分"] and wb.properties.title == STATION_COPY
    for ws in wb.worksheets:
        table = list(ws.iter_rows(values_only=True))
        assert table[0][-1] == NOTICE_COLUMN and len(table) > 1  # row 1 is still the header: re-reading works
        assert {r[-1] for r in table[1:]} == {STATION_COPY}
        assert ws.oddHeader.center.text == STATION_COPY  # and on every printed page
    assert list(next(wb["成绩"].iter_rows(values_only=True))) == [*SUMMARY_HEADER, NOTICE_COLUMN]
    wb.close()
    out = tmp_path / "站点.csv"
    results.export(store, exam_id, "csv", out)
    for f in (out, tmp_path / "站点_逐题得分.csv", tmp_path / "站点_按题得分.csv"):
        with f.open(encoding="utf-8-sig", newline="") as fh:
            table = list(csv.reader(fh))
        assert table[0][-1] == NOTICE_COLUMN and {r[-1] for r in table[1:]} == {STATION_COPY} and len(table) > 1
    with (tmp_path / "站点_逐题得分.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh)) == [*LONG_HEADER, NOTICE_COLUMN]


def test_results_exports_of_an_ordinary_exam_have_no_mark(store: Store, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from baiwen_desktop.files.results_file import SUMMARY_HEADER

    exam_id = sat_exam(store, tmp_path, hq=False, candidates=2)
    xlsx = tmp_path / "总部.xlsx"
    results.export(store, exam_id, "xlsx", xlsx)
    wb = load_workbook(xlsx)
    assert list(next(wb["成绩"].iter_rows(values_only=True))) == SUMMARY_HEADER and not wb.properties.title
    assert wb["成绩"].oddHeader.center.text is None
    wb.close()
    results.export(store, exam_id, "csv", tmp_path / "总部.csv")
    assert STATION_COPY not in (tmp_path / "总部.csv").read_text(encoding="utf-8-sig")
