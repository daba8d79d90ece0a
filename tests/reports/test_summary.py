from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from report_helpers import compact, font_report, page_texts

from baiwen_desktop.reports.data import ReportHeader
from baiwen_desktop.reports.formatting import fmt_score
from baiwen_desktop.reports.samples import sample_results, sample_summary
from baiwen_desktop.reports.summary import render_summary, sorted_candidates


@pytest.fixture
def summary():  # type: ignore[no-untyped-def]
    return sample_summary(sample_results(80, n_questions=10))


def test_summary_text_pages_and_fonts(tmp_path: Path, header: ReportHeader, summary) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[int, int]] = []
    out = render_summary(summary, header, tmp_path / "s.pdf", progress=lambda d, t: calls.append((d, t)))
    texts = [compact(t) for t in page_texts(out)]
    assert len(texts) >= 2
    first = texts[0]
    for expected in (
        "成绩汇总表",
        "参考人数",
        "平均分",
        "中位数",
        "标准差",
        "最高分",
        "最低分",
        "合格率",
        "成绩分布",
        "各单位平均分",
        "合格线",
    ):
        assert expected in first, expected
    assert f"平均分{fmt_score(summary.mean)}中位数" in first and f"标准差{fmt_score(summary.stdev)}最高分" in first
    everything = "".join(texts)
    for c in summary.candidates:
        assert c.employee_no in everything and c.name in everything
    assert f"第{len(texts)}页/共{len(texts)}页" in texts[-1]
    assert "制表" in texts[-1] and "审核" in texts[-1]
    assert calls == [(0, 2), (1, 2), (2, 2)]
    assert all(font_report(out).values())


def test_sort_orders(summary) -> None:  # type: ignore[no-untyped-def]
    by_unit = sorted_candidates(summary.candidates, "unit")
    assert [(c.unit, c.employee_no) for c in by_unit] == sorted(
        (c.unit, c.employee_no) for c in summary.candidates
    )
    by_score = sorted_candidates(summary.candidates, "score")
    assert [c.score for c in by_score] == sorted((c.score for c in summary.candidates), reverse=True)
    with pytest.raises(ValueError):
        sorted_candidates(summary.candidates, "name")  # type: ignore[arg-type]


def test_score_order_in_the_pdf_has_ranks(tmp_path: Path, header: ReportHeader, summary) -> None:  # type: ignore[no-untyped-def]
    top = max(summary.candidates, key=lambda c: (c.score, -int(c.employee_no)))
    tie = replace(top, employee_no="99999999", name="并列者")
    summary = replace(summary, candidates=(*summary.candidates, tie))
    text = compact("".join(page_texts(render_summary(summary, header, tmp_path / "s.pdf", sort_by="score"))))
    assert "名次" in text and "按成绩从高到低排序" in text
    assert f"1{top.employee_no}{top.name}" in text and "199999999并列者" in text  # shared rank 1


def test_summary_without_unit_stats_or_histogram(tmp_path: Path, header: ReportHeader, summary) -> None:  # type: ignore[no-untyped-def]
    bare = replace(summary, unit_stats=(), histogram=(), pass_mark=Decimal(12))
    text = compact("".join(page_texts(render_summary(bare, header, tmp_path / "s.pdf"))))
    assert "各单位平均分" not in text
    assert "无数据" in text
