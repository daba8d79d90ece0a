"""QTI 2.2 and 3.0 packages: the bundled bank round-trips; 1EdTech/IMS example items import with the expected report."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from baiwen_desktop.cli.main import main
from baiwen_desktop.core.errors import BaiwenError, ValidationError
from baiwen_desktop.core.question import QType, Question
from baiwen_desktop.files.interchange.qti import item_xml, read_qti, write_qti_package
from baiwen_desktop.services import banks
from baiwen_desktop.services.bank_transfer import export_bank, import_bank_file, read_bank_file
from baiwen_desktop.store.engine import Store
from tests.interchange.conftest import FIXTURES, differences

QTI = FIXTURES / "qti"


@pytest.mark.parametrize("version", ["2.2", "3.0"])
def test_bundled_bank_round_trips_in_memory(bundled: list[Question], version: str) -> None:
    report = read_qti(write_qti_package(bundled, version), "bank.zip")
    assert report.errors == [] and report.notes == []
    assert differences(bundled, report.questions) == []
    assert [q.id for q in report.questions] == [q.id for q in bundled]


@pytest.mark.parametrize("fmt", ["qti", "qti3"])
def test_bundled_bank_round_trips_through_a_new_bank(store: Store, tmp_path: Path, bundled: list[Question], fmt: str) -> None:
    out = tmp_path / "bank.zip"
    assert export_bank(store, banks.BUNDLED_NAME, fmt, out) == 507  # type: ignore[arg-type]
    with zipfile.ZipFile(out) as zf:
        assert "imsmanifest.xml" in zf.namelist() and len(zf.namelist()) == 508
    outcome = import_bank_file(store, out, f"{fmt} 副本", actor="test")
    assert (outcome.imported, outcome.duplicates) == (507, 0)
    assert differences(bundled, banks.bank_questions(store, f"{fmt} 副本")) == []


def test_single_items_of_each_version_read_back(bundled: list[Question]) -> None:
    for q in bundled[::50]:
        for version in ("2.2", "3.0"):
            (back,) = read_qti(item_xml(q, version), f"{q.id}.xml").questions
            assert back == q


def test_ims_qti21_examples() -> None:
    multi = read_bank_file(QTI / "v2p1" / "choice_multiple.xml")
    (q,) = multi.questions
    assert q.qtype is QType.MULTI and q.stem == "Which of the following elements are used to form water?"
    assert q.options == ("Hydrogen", "Helium", "Carbon", "Oxygen", "Nitrogen", "Chlorine") and q.correct == (0, 3)
    assert [n.zh for n in multi.notes] == ["选错扣分（负分）未导入：选错只是不得分"]

    text = read_bank_file(QTI / "v2p1" / "text_entry.xml")
    (t,) = text.questions
    assert t.qtype is QType.BLANK and t.blanks == (("York",),)
    assert "Made glorious summer by this sun of （  ）;\n" in t.stem
    assert [n.zh for n in text.notes] == ["部分得分的答案未导入", "HTML 格式（加粗、表格等）已去除，只保留文字"]

    for name, reason in (("choice.xml", "含有图片、音视频或公式等非文字内容"), ("extended_text.xml", "含有图片、音视频或公式等非文字内容"),
                         ("match.xml", "配对题（matchInteraction）无法转换为本系统的题型")):
        report = read_bank_file(QTI / "v2p1" / name)
        assert report.questions == [] and [n.zh for n in report.skipped] == [reason]
        assert report.all_issues()[0].zh == "文件中没有可导入的题目；跳过 1 题"


def test_1edtech_qti3_examples() -> None:
    (multi,) = read_bank_file(QTI / "v3p0" / "QTI3multiplechoice2.xml").questions
    assert multi.qtype is QType.MULTI and multi.correct == (0, 3) and len(multi.options) == 6
    essay_report = read_bank_file(QTI / "v3p0" / "essay.xml")
    (essay,) = essay_report.questions
    assert essay.qtype is QType.SHORT and essay.id == "essay"
    assert essay.stem == ("In the classroom, we discovered Martin Luther King Jr. and his devotion.\n"
                          "Write an abstract about the life of this historical figure.")
    assert [n.zh for n in essay_report.notes] == ["没有参考答案", "没有评分要点：阅卷时须人工评分"]


def _package(members: dict[str, bytes], hrefs: list[str]) -> bytes:
    resources = "".join(f'<resource identifier="r{i}" type="imsqti_item_xmlv2p1" href="{h}"><file href="{h}"/></resource>'
                        for i, h in enumerate(hrefs))
    manifest = f'<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m"><resources>{resources}</resources></manifest>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("imsmanifest.xml", manifest)
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_package_of_real_items_imports_what_it_can(store: Store, tmp_path: Path) -> None:
    names = ["choice.xml", "choice_multiple.xml", "text_entry.xml", "match.xml", "extended_text.xml"]
    members = {f"items/{n}": (QTI / "v2p1" / n).read_bytes() for n in names}
    members["items/essay3.xml"] = (QTI / "v3p0" / "essay.xml").read_bytes()
    path = tmp_path / "package.zip"
    path.write_bytes(_package(members, [*members, "../outside.xml", "items/missing.xml"]))
    out = import_bank_file(store, path, "QTI", actor="test")
    assert (out.imported, out.duplicates) == (3, 0)
    report = out.report
    assert report is not None and report["format"] == "qti"
    assert [(s["where"], s["question"]) for s in report["skipped"]] == [
        (1, "Unattended Luggage"), (4, "Characters and Plays"), (5, "Writing a Postcard"),
        (7, "../outside.xml"), (8, "items/missing.xml"),
    ]
    assert [q.qtype for q in banks.bank_questions(store, "QTI")] == [QType.MULTI, QType.BLANK, QType.SHORT]


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("imsmanifest.xml", "<manifest/>")
        zf.writestr("items/a.xml", b"<" + b" " * 50_000_000 + b">")
    path = tmp_path / "bomb.zip"
    path.write_bytes(buf.getvalue())
    assert path.stat().st_size < 200_000
    with pytest.raises(BaiwenError, match="拒绝"):
        read_bank_file(path)  # the zip guard, before anything is unpacked
    with pytest.raises(BaiwenError, match="压缩炸弹"):
        read_qti(path.read_bytes(), "bomb.zip")  # the same limits for a package in memory


def test_an_error_in_one_item_imports_nothing(store: Store, tmp_path: Path, bundled: list[Question]) -> None:
    good = item_xml(bundled[0])
    single = next(q for q in bundled[1:] if q.qtype is QType.SINGLE)
    bad = item_xml(single).replace(b'identifier="A">', b'identifier="A">\xe8\x87\xb5', 1)  # the artefact 臵
    path = tmp_path / "p.zip"
    path.write_bytes(_package({"a.xml": good, "b.xml": bad}, ["a.xml", "b.xml"]))
    with pytest.raises(ValidationError) as e:
        import_bank_file(store, path, "不应存在", actor="test")
    assert [i.line for i in e.value.issues] == [2]
    assert "不应存在" not in [b.name for b in banks.list_banks(store)]


def test_cli_export_qti3(tmp_path: Path) -> None:
    out = tmp_path / "b.zip"
    assert main(["bank", "export", "--format", "qti3", str(out), "--data-dir", str(tmp_path / "d")]) == 0
    with zipfile.ZipFile(out) as zf:
        assert b"imsqti_item_xmlv3p0" in zf.read("imsmanifest.xml")
    assert len(read_qti(out.read_bytes(), "b.zip").questions) == 507
