from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_helpers import compact, font_report, page_texts
from reportlab.pdfbase.pdfmetrics import stringWidth

from baiwen_desktop.reports.data import CandidateResult, ReportHeader
from baiwen_desktop.reports.fonts import FONT
from baiwen_desktop.reports.formatting import fmt_score
from baiwen_desktop.reports.samples import sample_result
from baiwen_desktop.reports.scoresheet import (
    render_scoresheet,
    render_scoresheet_files,
    render_scoresheets,
    verification_code,
)
from baiwen_desktop.reports.styles import MARGIN


def test_single_sheet_text_and_fonts(tmp_path: Path, result: CandidateResult, header: ReportHeader) -> None:
    out = render_scoresheet(result, header, tmp_path / "one.pdf")
    texts = page_texts(out)
    first = compact(texts[0])
    for expected in (
        "成绩单",
        "张晓明",
        "31008866",
        "城区供电中心",
        header.organisation,
        "考生签字",
        "监考签字",
    ):
        assert compact(expected) in "".join(compact(t) for t in texts), expected
    assert f"{fmt_score(result.score)}/{fmt_score(result.total)}" in first
    assert ("合格" if result.passed else "不合格") in first
    assert verification_code(result, header) in first
    fonts = font_report(out)
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts  # every font embedded as TrueType (FontFile2)
    assert all("NotoSansSC" in name for name in fonts), fonts  # no Helvetica, no CID fonts


def test_submit_modes_are_spelled_out(tmp_path: Path, header: ReportHeader) -> None:
    for mode, label in (("normal", "正常交卷"), ("auto", "超时自动交卷"), ("forced", "强制交卷")):
        r = replace(sample_result(3, 10), submit_mode=mode)
        out = render_scoresheet(r, header, tmp_path / f"{mode}.pdf")
        assert label in compact(page_texts(out)[0])


def test_long_paper_paginates_with_repeated_header(tmp_path: Path, header: ReportHeader) -> None:
    r = sample_result(1, n_questions=200)
    out = render_scoresheet(r, header, tmp_path / "long.pdf")
    texts = [compact(t) for t in page_texts(out)]
    assert len(texts) > 1
    for page_no, text in enumerate(texts, start=1):
        assert f"第{page_no}页/共{len(texts)}页" in text
    # The question table's header row is repeated on page 2 (and the candidate named there).
    assert "题号题型出处考生答案正确答案得分" in texts[1]
    assert r.name in texts[1]
    everything = "".join(texts)
    assert everything.count("题号题型出处考生答案正确答案得分") == len(texts)


def test_correct_answers_can_be_hidden(tmp_path: Path, header: ReportHeader) -> None:
    r = sample_result(2, n_questions=10)
    shown = compact("".join(page_texts(render_scoresheet(r, header, tmp_path / "a.pdf"))))
    hidden = compact(
        "".join(page_texts(render_scoresheet(r, header, tmp_path / "b.pdf", show_correct_answers=False)))
    )
    assert "正确答案" in shown
    assert "正确答案" not in hidden
    assert "考生答案" in hidden


def test_long_answer_wraps_inside_its_cell(tmp_path: Path, header: ReportHeader) -> None:
    r = sample_result(4, n_questions=5)
    essay = "应立即停止作业并撤离危险区域" * 60  # far wider than the column
    q = replace(r.question_rows[0], answer=essay)
    r = replace(r, question_rows=(q, *r.question_rows[1:]))
    out = render_scoresheet(r, header, tmp_path / "wrap.pdf")
    text = "\n".join(page_texts(out))
    essay_lines = [
        line.strip() for line in text.splitlines() if line.strip() and set(line.strip()) <= set(essay)
    ]
    assert len(essay_lines) >= 10  # wrapped onto many lines …
    assert "".join(essay_lines) == essay  # … in order, nothing lost
    # Every line ends inside the table: nothing runs past the right margin.
    ends: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            ends.append(tm[4] + cm[4] + stringWidth(text.strip(), FONT, size))

    reader = PdfReader(out)
    reader.pages[0].extract_text(visitor_text=visit)
    assert len(ends) > 20
    assert max(ends) <= float(reader.pages[0].mediabox.width) - MARGIN + 0.5


def test_batch_numbers_pages_per_candidate(tmp_path: Path, header: ReportHeader) -> None:
    results = [sample_result(i, n_questions=q) for i, q in enumerate((10, 120, 10))]
    calls: list[tuple[int, int]] = []
    out = render_scoresheets(
        results, header, tmp_path / "batch.pdf", progress=lambda d, t: calls.append((d, t))
    )
    texts = [compact(t) for t in page_texts(out)]
    singles = [
        len(PdfReader(render_scoresheet(r, header, tmp_path / f"{i}.pdf")).pages)
        for i, r in enumerate(results)
    ]
    assert len(texts) == sum(singles)
    assert singles[0] == 1 and singles[1] > 1
    # Candidate 2 starts on a new page with its own numbering.
    start = singles[0]
    assert results[1].name in texts[start] and "第1页/共" + str(singles[1]) + "页" in texts[start]
    assert "第1页/共1页" in texts[0] and "第1页/共1页" in texts[-1]
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_verification_code_tracks_key_fields(result: CandidateResult, header: ReportHeader) -> None:
    code = verification_code(result, header)
    assert len(code) == 8 and int(code, 16) >= 0
    assert verification_code(result, header) == code
    assert verification_code(replace(result, score=result.score + Decimal("0.5")), header) != code
    assert verification_code(replace(result, name="李四"), header) != code
    changed = replace(result.question_rows[0], answer="Z")
    assert (
        verification_code(replace(result, question_rows=(changed, *result.question_rows[1:])), header) != code
    )


def test_files_per_candidate(tmp_path: Path, header: ReportHeader) -> None:
    a = replace(sample_result(0, 5), employee_no="1001", name="王/五")
    b = replace(sample_result(1, 5), employee_no="1001", name="王/五")  # same name: no overwrite
    calls: list[tuple[int, int]] = []
    paths = render_scoresheet_files(
        [a, b], header, tmp_path / "out", progress=lambda d, t: calls.append((d, t))
    )
    assert [p.name for p in paths] == ["1001_王_五.pdf", "1001_王_五_2.pdf"]
    assert all(p.exists() for p in paths)
    assert calls == [(1, 2), (2, 2)]


def test_empty_batch_is_refused(tmp_path: Path, header: ReportHeader) -> None:
    with pytest.raises(ValueError):
        render_scoresheets([], header, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
