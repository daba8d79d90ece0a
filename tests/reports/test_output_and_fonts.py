import os
import re
import sys
from pathlib import Path

import pytest
from report_helpers import page_texts
from reportlab.pdfbase import pdfmetrics

from baiwen_desktop import resources
from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts
from baiwen_desktop.reports.output import candidate_filename, unique_path
from baiwen_desktop.reports.samples import sample_result
from baiwen_desktop.reports.scoresheet import render_scoresheet


@pytest.mark.parametrize(
    ("emp", "name", "expected"),
    [
        ("31008866", "张晓明", "31008866_张晓明.pdf"),
        ("1001", 'a/b\\c:d*e?f"g<h>i|j', "1001_a_b_c_d_e_f_g_h_i_j.pdf"),
        ("1002", "王五. ", "1002_王五.pdf"),  # Windows drops trailing dots and spaces
        ("CON", "", "_CON.pdf"),  # reserved device name
        ("1003", "李\t四\n", "1003_李_四.pdf"),
    ],
)
def test_candidate_filename(emp: str, name: str, expected: str) -> None:
    assert candidate_filename(emp, name) == expected


def test_candidate_filename_is_bounded() -> None:
    assert len(candidate_filename("1", "长" * 500)) <= 124


def test_unique_path_is_case_insensitive(tmp_path: Path) -> None:
    taken: set[str] = set()
    assert unique_path(tmp_path, "A_x.pdf", taken).name == "A_x.pdf"
    assert unique_path(tmp_path, "a_X.pdf", taken).name == "a_X_2.pdf"
    assert unique_path(tmp_path, "A_x.pdf", taken).name == "A_x_3.pdf"


def test_atomic_path_keeps_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("render failed")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["report.pdf"]  # no temp file left behind


def test_render_replaces_atomically_and_leaves_no_temp(tmp_path: Path) -> None:
    from baiwen_desktop.reports.samples import sample_header

    target = tmp_path / "sub" / "sheet.pdf"
    render_scoresheet(sample_result(0, 5), sample_header(), target)
    render_scoresheet(sample_result(1, 5), sample_header(), target)
    assert os.listdir(target.parent) == ["sheet.pdf"]
    assert sample_result(1, 5).name in "".join(page_texts(target))


def test_fonts_register_once() -> None:
    assert register_fonts() == (FONT, FONT_BOLD)
    font = pdfmetrics.getFont(FONT)
    assert register_fonts() == (FONT, FONT_BOLD)
    assert pdfmetrics.getFont(FONT) is font  # not re-parsed
    assert type(font).__name__ == "TTFont"  # TrueType, never a CID font such as STSong-Light
    # Full GBK-level coverage for names: rare characters used in Chinese names are present.
    for ch in "堃喆昇犇淼鑫燚赟珺玥彧":
        assert ord(ch) in font.face.charWidths, ch


def test_font_paths_exist() -> None:
    for bold in (False, True):
        path = resources.font_path(bold)
        assert path.is_file() and path.stat().st_size > 5_000_000
    assert (resources.resources_dir() / "fonts" / "OFL.txt").is_file()


def test_resources_dir_when_frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"
    assert resources.font_path(bold=True) == tmp_path / "resources" / "fonts" / "NotoSansSC-Bold.ttf"


def test_streams_are_flate_compressed_binary_not_ascii85(tmp_path: Path) -> None:
    """Every stream of our documents (pages, font subsets) is /FlateDecode alone: no ASCII85 layer.

    ReportLab writes no object streams, so every stream dictionary's /Filter is in the file bytes.
    """
    from baiwen_desktop.reports.certificate import render_certificate
    from baiwen_desktop.reports.samples import sample_certificate, sample_header

    docs = [
        render_scoresheet(sample_result(0), sample_header(), tmp_path / "s.pdf"),
        render_certificate(sample_certificate(0), tmp_path / "c.pdf"),
    ]
    for path in docs:
        data = path.read_bytes()
        filters = re.findall(rb"/Filter\s*(\[[^\]]*\]|/\w+)", data)
        streams = len(re.findall(rb"\bstream\r?\n", data))
        assert streams >= 3 and len(filters) == streams, (path, streams, filters)
        assert {f.strip(b"[ ]") for f in filters} == {b"/FlateDecode"}, (path, filters)
        assert b"ASCII85" not in data
