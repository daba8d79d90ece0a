"""成绩包封面: one A4 page, the fingerprint in numbered groups with how to say them, every fact of
the package, only the bundled fonts; hostile lengths still fit on the page."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_helpers import compact, font_report, page_texts

from baiwen_desktop.reports import ResultPackageCover, render_result_cover
from baiwen_desktop.reports.package_cover import fingerprint_groups, reading_aid

SHA = hashlib.sha256(b"a result package").hexdigest()
COVER = ResultPackageCover(
    station_name="东山供电所培训点",
    station_id="3f6c2a9e-8b1d-4c7e-9a55-1d2e3f4a5b6c",
    fingerprint="AB12-CD34-EF56-7890-1234",
    exam_title="2026年第四季度百问百查闭卷考试",
    package_id="9c1e7f04-2b3a-4d5e-8f60-718293a4b5c6",
    file_sha256=SHA,
    attempts=38,
    unfinished=2,
    candidates=37,
    created_at=datetime(2026, 12, 1, 15, 42),
    organisation="国网某县供电公司",
    file_name="东山供电所_成绩包.bwresult",
)


def test_fingerprint_groups_and_how_to_say_them() -> None:
    assert fingerprint_groups("ab12-cd34-EF56-7890-1234") == ["AB12", "CD34", "EF56", "7890", "1234"]
    assert fingerprint_groups("AB12CD34") == ["AB12", "CD34"]
    assert reading_aid("7890") == "拐 八 勾 洞" and reading_aid("AB12") == "A B 幺 两"


def test_cover_is_one_page_with_every_fact(tmp_path: Path) -> None:
    out = render_result_cover(COVER, tmp_path / "cover.pdf")
    (text,) = page_texts(out)
    flat = compact(text)
    assert "成绩包封面" in flat and "站点指纹" in flat
    for i, group in enumerate(["AB12", "CD34", "EF56", "7890", "1234"], start=1):
        assert f"第{i}组" in flat and group in flat
    assert "拐八勾洞" in flat  # the spoken form of 7890
    for fact in (COVER.station_name, COVER.station_id, COVER.exam_title, COVER.package_id, COVER.file_name, "2026-12-0115:42"):
        assert fact in flat
    assert SHA.upper() in flat  # the whole digest, in groups of four
    assert "37名考生，38份已交答卷（另有2份未交卷，未导出，交卷后再导出一次）" in flat
    assert "站点负责人（签字）" in flat and "总部接收人（签字）" in flat
    fonts = font_report(out)  # BaseFont -> embedded; ReportLab subsets a font in chunks (AAAAAA+, AAAAAB+ …)
    assert {name.split("+")[-1] for name in fonts} == {"NotoSansSC-Bold", "NotoSansSC-Regular"} and all(fonts.values())
    meta = PdfReader(out).metadata
    assert meta is not None and meta.title == f"{COVER.exam_title} 成绩包封面"


def test_all_handed_in_says_so(tmp_path: Path) -> None:
    out = render_result_cover(replace(COVER, unfinished=0), tmp_path / "c.pdf")
    assert "38份已交答卷（没有未交的答卷）" in compact(page_texts(out)[0])


@pytest.mark.parametrize("times", [1, 30])
def test_long_names_still_fit_one_page(tmp_path: Path, times: int) -> None:
    cover = replace(COVER, station_name="很长的站点名称" * times, exam_title="很长的考试名称" * times, organisation="单位" * times)
    out = render_result_cover(cover, tmp_path / "c.pdf")
    assert len(PdfReader(out).pages) == 1
    assert "AB12" in page_texts(out)[0]
