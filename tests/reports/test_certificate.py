from dataclasses import FrozenInstanceError
from decimal import Decimal
from pathlib import Path

import pytest
import segno
from pypdf import PdfReader
from pypdf.generic import ContentStream
from report_helpers import compact, font_report, page_texts, signed_certificate
from reportlab.pdfbase.pdfmetrics import stringWidth

from baiwen_desktop.core.certsign import SigningKeys, verify_payload
from baiwen_desktop.reports.certificate import (
    exam_phrase,
    render_certificate,
    render_certificate_files,
    render_certificates,
)
from baiwen_desktop.reports.fonts import FONT


def qr_rects_on_page(path: Path, page_no: int = 0) -> list[tuple[float, ...]]:
    """The rectangles of the largest filled path on the page: the QR's dark modules."""
    reader = PdfReader(path)
    page = reader.pages[page_no]
    ops = ContentStream(page.get_contents(), reader).operations
    groups: list[list[tuple[float, ...]]] = []
    current: list[tuple[float, ...]] = []
    for operands, op in ops:
        if op == b"re":
            current.append(tuple(float(v) for v in operands))
        elif op in (b"f", b"f*", b"F", b"B", b"B*", b"n", b"S"):
            if current:
                groups.append(current)
            current = []
    return max(groups, key=len)


def qr_modules_on_page(path: Path, page_no: int = 0) -> list[list[bool]]:
    """Rebuild the QR module grid from the rectangles drawn on the page."""
    rects = qr_rects_on_page(path, page_no)
    box = min(r[3] for r in rects)
    x0 = min(r[0] for r in rects)
    top = max(r[1] + r[3] for r in rects)
    n = round((max(r[0] + r[2] for r in rects) - x0) / box)
    grid = [[False] * n for _ in range(n)]
    for x, y, w, h in rects:
        row = round((top - (y + h)) / box)
        col = round((x - x0) / box)
        for c in range(col, col + round(w / box)):
            grid[row][c] = True
    return grid


def expected_modules(payload: str) -> list[list[bool]]:
    """segno's own symbol for the payload (error level M or better), without the quiet zone."""
    qr = segno.make_qr(payload, error="m")
    assert qr.error in ("M", "Q", "H") and qr.designator == f"{qr.version}-{qr.error}"
    return [[bool(v) for v in row] for row in qr.matrix]


def test_certificate_text_and_fonts(tmp_path: Path, keys: SigningKeys) -> None:
    cert = signed_certificate(keys, name="张晓明", number="BWBC-2026-000123", score=Decimal("92.5"))
    out = render_certificate(cert, tmp_path / "c.pdf")
    (text,) = [compact(t) for t in page_texts(out)]
    for expected in (
        "百问百查培训合格证书",
        "张晓明同志",
        "成绩合格，特发此证",
        "BWBC-2026-000123",
        "二〇二六年十一月二十七日",
        cert.organisation,
        "92.5",
        cert.employee_no,
    ):
        assert compact(expected) in text, expected
    fonts = font_report(out)
    assert fonts and all(fonts.values()), fonts
    assert all("NotoSansSC" in name for name in fonts), fonts
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape


def test_single_certificate_file_is_small(tmp_path: Path, keys: SigningKeys) -> None:
    out = render_certificate(signed_certificate(keys), tmp_path / "c.pdf")
    assert out.stat().st_size <= 80 * 1024


def test_qr_carries_the_signed_payload(tmp_path: Path, keys: SigningKeys) -> None:
    cert = signed_certificate(keys, name="欧阳娜仁托娅", score=Decimal("88"))
    out = render_certificate(cert, tmp_path / "c.pdf")
    assert qr_modules_on_page(out) == expected_modules(cert.qr_payload)
    result = verify_payload(cert.qr_payload, keys.public_key)
    assert result.valid and result.fields is not None
    assert result.fields.name == "欧阳娜仁托娅" and result.fields.score == Decimal("88")
    assert result.fields.number == cert.number


def test_qr_dark_runs_are_merged_into_one_rect_each(tmp_path: Path, keys: SigningKeys) -> None:
    cert = signed_certificate(keys)
    out = render_certificate(cert, tmp_path / "c.pdf")
    runs = 0
    for row in expected_modules(cert.qr_payload):
        runs += sum(1 for a, b in zip([False, *row], row, strict=False) if b and not a)
    assert len(qr_rects_on_page(out)) == runs


def test_altered_certificate_data_fails_verification(tmp_path: Path, keys: SigningKeys) -> None:
    genuine = signed_certificate(keys, name="张晓明", score=Decimal("75"))
    forged_name = signed_certificate(keys, name="李四", score=Decimal("75"))
    forged_score = signed_certificate(keys, name="张晓明", score=Decimal("95"))
    # Splice the forged data segment onto the genuine signature, as a forger editing the QR would.
    for forged in (forged_name, forged_score):
        prefix, kid, data, _ = forged.qr_payload.split(".")
        spliced = ".".join((prefix, kid, data, genuine.qr_payload.split(".")[3]))
        result = verify_payload(spliced, keys.public_key)
        assert not result.valid and result.reason == "已篡改"
    assert verify_payload(genuine.qr_payload, keys.public_key).valid


def test_batch_one_page_each_and_progress(tmp_path: Path, keys: SigningKeys) -> None:
    certs = [signed_certificate(keys, i, name=n) for i, n in enumerate(("甲一", "乙二", "丙三"))]
    calls: list[tuple[int, int]] = []
    out = render_certificates(certs, tmp_path / "all.pdf", progress=lambda d, t: calls.append((d, t)))
    texts = [compact(t) for t in page_texts(out)]
    assert len(texts) == 3
    for cert, text in zip(certs, texts, strict=True):
        assert f"{cert.name}同志" in text and cert.number in text
    assert calls == [(1, 3), (2, 3), (3, 3)]
    for i, cert in enumerate(certs):
        assert qr_modules_on_page(out, i) == expected_modules(cert.qr_payload)


def test_files_are_named_by_employee_and_name(tmp_path: Path, keys: SigningKeys) -> None:
    certs = [
        signed_certificate(keys, 0, employee_no="2001", name="王五"),
        signed_certificate(keys, 1, employee_no="2002", name="赵六"),
    ]
    paths = render_certificate_files(certs, tmp_path / "certs")
    assert [p.name for p in paths] == ["2001_王五.pdf", "2002_赵六.pdf"]
    assert [len(PdfReader(p).pages) for p in paths] == [1, 1]


def test_long_texts_stay_inside_the_border(tmp_path: Path, keys: SigningKeys) -> None:
    cert = signed_certificate(
        keys,
        title="国网示例市供电公司百问百查专项培训考核合格证书",
        exam_title="2026年度营销服务、配电运维及安全生产规程“百问百查”全员专项培训结业考核",
        organisation="国网某某省电力有限公司某某市供电分公司培训中心",
    )
    out = render_certificate(cert, tmp_path / "long.pdf")
    text = compact(page_texts(out)[0])
    assert compact(cert.title) in text and cert.organisation in text
    assert "结业考核，成绩合格" in text  # no "考核考试"
    reader = PdfReader(out)
    width = float(reader.pages[0].mediabox.width)
    spans: list[tuple[str, float, float]] = []

    def visit(t: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if t.strip():
            x = tm[4] + cm[4]
            spans.append((t.strip(), x, x + stringWidth(t.strip(), FONT, size)))

    reader.pages[0].extract_text(visitor_text=visit)
    inner = 31  # inner border inset
    assert all(start >= inner for _, start, _ in spans), spans
    org = [s for s in spans if s[0] == cert.organisation]
    assert org and org[0][2] <= width - inner  # shrunk to fit


def test_exam_phrase() -> None:
    assert exam_phrase("安全规程") == "安全规程考试"
    assert exam_phrase("2026年第四季度专业知识考试") == "2026年第四季度专业知识考试"
    assert exam_phrase("技能比武") == "技能比武"


def test_certificate_fields_are_frozen(keys: SigningKeys) -> None:
    cert = signed_certificate(keys)
    for field, value in (("name", "x"), ("score", Decimal(100)), ("qr_payload", "forged")):
        with pytest.raises(FrozenInstanceError):
            setattr(cert, field, value)
    assert cert.name != "x" and cert.qr_payload != "forged"


def test_certificate_reads_like_a_formal_certificate(tmp_path: Path, keys: SigningKeys) -> None:
    """Score under the one number rule, issuer with a seal space, signature line, date, no empty lower half."""
    cert = signed_certificate(keys, name="张晓明", score=Decimal("70.19"))
    out = render_certificate(cert, tmp_path / "c.pdf")
    text = compact(page_texts(out)[0])
    assert "考试成绩：70.2分" in text and "70.19" not in text
    for expected in ("发证单位（盖章）", "负责人（签字）：", f"证书编号：{cert.number}", "发证日期：2026年11月27日", "二〇二六年十一月二十七日"):
        assert expected in text, expected
    reader = PdfReader(out)
    height = float(reader.pages[0].mediabox.height)
    lower: list[str] = []

    def visit(t: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if t.strip() and tm[5] + cm[5] < height / 2:
            lower.append(t.strip())

    reader.pages[0].extract_text(visitor_text=visit)
    lower_text = compact("".join(lower))
    for expected in ("工号", "考试成绩", "证书编号", cert.organisation, "负责人（签字）"):
        assert expected in lower_text, expected
