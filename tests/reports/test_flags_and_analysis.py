from datetime import date
from pathlib import Path

import pytest
from report_helpers import compact, font_report, page_texts

from baiwen_desktop.reports.analysis import (
    analysis_reading,
    difficulty_word,
    reliability_word,
    render_item_analysis,
)
from baiwen_desktop.reports.data import ItemAnalysis, ItemAnalysisRow, ReportHeader, flags_for


@pytest.mark.parametrize(
    ("p", "d", "rpb", "expected"),
    [
        (0.5, 0.4, 0.3, []),
        (0.19, 0.4, 0.3, ["过难"]),
        (0.2, 0.4, 0.3, []),  # thresholds are strict
        (0.95, 0.4, 0.3, []),
        (0.951, 0.4, 0.3, ["过易"]),
        (0.5, 0.199, 0.3, ["区分度低"]),
        (0.5, 0.2, 0.3, []),
        (0.5, 0.4, -0.01, ["负相关"]),
        (0.5, 0.4, 0.0, []),
        (0.1, 0.05, -0.2, ["过难", "区分度低", "负相关"]),
        (None, None, None, []),  # not computable: no flag
    ],
)
def test_flags_for(p: float | None, d: float | None, rpb: float | None, expected: list[str]) -> None:
    assert flags_for(p, d, rpb) == expected


def _row(no: int, p: float, d: float, rpb: float, **kw: object) -> ItemAnalysisRow:
    return ItemAnalysisRow(no, f"Q{no}", "单选题", f"第{no}题题干", p, d, rpb, **kw)  # type: ignore[arg-type]


def test_reading_matches_the_numbers() -> None:
    rows = [_row(i, 0.72, 0.4, 0.35) for i in range(1, 41)]
    for no in (5, 12, 31):
        rows[no - 1] = _row(no, 0.72, 0.1, 0.2)
    analysis = ItemAnalysis(tuple(rows), 0.81, "KR-20", 40)
    assert analysis_reading(analysis) == (
        "本次考试共 40 人参加，平均难度 P=0.72，难度适中；信度 KR-20=0.81，较好；"
        "3 道题区分度偏低，建议修订：第5、12、31题。"
    )


def test_questions_are_named_by_source_item(tmp_path: Path) -> None:
    """问33-6 form in the reading, the item table and the distractor table; never the raw id."""
    rows = [
        _row(1, 0.72, 0.4, 0.35, label="问33-6", distractors={"A": 3, "B": 30}, key="B"),
        _row(2, 0.72, 0.1, 0.2, label="查5-1"),
        _row(3, 0.72, 0.1, 0.2, label="问2-1"),
    ]
    analysis = ItemAnalysis(tuple(rows), 0.81, "KR-20", 40)
    assert analysis_reading(analysis).endswith("2 道题区分度偏低，建议修订：查5-1、问2-1。")
    header = ReportHeader("国网示例市供电公司", "季度考试", date(2026, 7, 15), "")
    out = render_item_analysis(analysis, header, tmp_path / "a.pdf")
    text = compact("".join(page_texts(out)))
    assert "1单选题问33-6第1题题干" in text  # item table: 题号, 题型, 题目, 题干摘要
    assert "1问33-6单选题B" in text  # distractor table: 题号, 题目, 题型, 正确答案
    assert text.count("查5-1") >= 2 and "Q2" not in text and "Q1" not in text


def test_reading_counts_each_flag_and_warns_on_small_groups() -> None:
    rows = (_row(1, 0.1, 0.5, 0.3), _row(2, 0.99, 0.1, -0.1), _row(3, 0.6, 0.5, 0.4))
    text = analysis_reading(ItemAnalysis(rows, 0.55, "Cronbach α", 12))
    assert "本次考试共 12 人参加" in text
    assert "信度 Cronbach α=0.55，较低" in text
    assert "1 道题区分度偏低" in text and "1 道题与总分负相关" in text
    assert "1 道题过难" in text and "1 道题过易" in text
    assert "建议修订：第1、2题" in text
    assert "参考人数不足 30 人" in text


def test_reading_without_problems_or_reliability() -> None:
    text = analysis_reading(ItemAnalysis((_row(1, 0.6, 0.5, 0.4),), None, "KR-20", 50))
    assert "信度" not in text
    assert "暂无需修订的题目" in text


def test_explicit_flags_override_the_computed_ones() -> None:
    row = _row(1, 0.6, 0.5, 0.4, flags=("人工标记",))
    assert row.effective_flags() == ("人工标记",)
    assert _row(2, 0.1, 0.5, 0.4).effective_flags() == ("过难",)


@pytest.mark.parametrize(
    ("p", "word"), [(0.3, "难度偏难"), (0.4, "难度适中"), (0.8, "难度适中"), (0.85, "难度偏易")]
)
def test_difficulty_word(p: float, word: str) -> None:
    assert difficulty_word(p) == word


@pytest.mark.parametrize(("r", "word"), [(0.95, "很好"), (0.81, "较好"), (0.7, "尚可"), (0.65, "偏低")])
def test_reliability_word(r: float, word: str) -> None:
    assert reliability_word(r) == word


def test_render_item_analysis(tmp_path: Path, header: ReportHeader) -> None:
    rows = [
        _row(i, 0.7, 0.35, 0.3, distractors={"A": 28, "B": 5, "C": 4, "D": 3}, key="A") for i in range(1, 60)
    ]
    rows.append(_row(60, 0.15, 0.1, -0.2, distractors={"A": 6, "B": 30, "C": 4, "D": 0}, key="A"))
    calls: list[tuple[int, int]] = []
    out = render_item_analysis(
        ItemAnalysis(tuple(rows), 0.81, "KR-20", 40),
        header,
        tmp_path / "a.pdf",
        lambda d, t: calls.append((d, t)),
    )
    texts = [compact(t) for t in page_texts(out)]
    assert len(texts) >= 2
    assert "试题分析" in texts[0]
    assert "建议修订：第60题" in texts[0]
    everything = "".join(texts)
    assert "过难、区分度低、负相关" in everything
    assert "选择题选项分布" in everything
    assert "30（75%）" in everything
    assert f"第1页/共{len(texts)}页" in texts[0]
    assert calls[-1] == (2, 2)
    assert all(font_report(out).values())


def test_reading_names_the_first_twenty_flagged_and_counts_the_rest() -> None:
    rows = [_row(i, 0.72, 0.1, 0.2) for i in range(1, 31)]  # all 30 with a low D
    text = analysis_reading(ItemAnalysis(tuple(rows), 0.81, "KR-20", 40))
    assert text.endswith("30 道题区分度偏低，建议修订：第" + "、".join(map(str, range(1, 21))) + "题等 30 道（见下方逐题指标的标记列）。")
    labelled = [_row(i, 0.72, 0.1, 0.2, label=f"问{i}-1") for i in range(1, 21)]
    assert analysis_reading(ItemAnalysis(tuple(labelled), 0.81, "KR-20", 40)).endswith("：" + "、".join(f"问{i}-1" for i in range(1, 21)) + "。")


def test_thousands_of_flagged_questions_still_lay_out(tmp_path: Path) -> None:
    """A random-paper exam over a large bank flagged 2,653 questions; the reading's one-cell box
    grew 8,289 pt tall and ReportLab raised LayoutError instead of writing the report."""
    rows = tuple(_row(i, 0.72, 0.1, 0.2, label=f"第{i}问") for i in range(1, 3001))
    header = ReportHeader("国网示例市供电公司", "规模测试", date(2026, 7, 15), "")
    out = render_item_analysis(ItemAnalysis(rows, 0.81, "KR-20", 200), header, tmp_path / "a.pdf")
    first = compact(page_texts(out)[0])
    assert compact("3000 道题区分度偏低，建议修订：" + "、".join(f"第{i}问" for i in range(1, 21)) + "等 3000 道") in first
    assert compact("第21问、") not in first
