import subprocess
import zlib
from dataclasses import FrozenInstanceError
from decimal import Decimal
from pathlib import Path

import pytest
import zxingcpp
from cert_payloads import v2_blob
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject
from report_helpers import compact, font_report, page_texts, signed_certificate
from reportlab.pdfbase.pdfmetrics import stringWidth

from baiwen_desktop.core.certsign import SigningKeys, payload_fields, verify_payload
from baiwen_desktop.reports import certificate
from baiwen_desktop.reports.certificate import (
    exam_phrase,
    qr_image,
    qr_matrix,
    render_certificate,
    render_certificate_files,
    render_certificates,
)
from baiwen_desktop.reports.fonts import FONT
from baiwen_desktop.reports.qr_symbol import qr_symbol


def qr_rects_on_page(path: Path, page_no: int = 0) -> list[tuple[float, ...]]:
    """The rectangles of the largest filled path on the page (the QR's dark modules), in page
    coordinates: ``cm`` inside ``q … Q`` is applied (scale and translation, which is all we draw),
    and a form painted with ``Do`` is read in place (the QR is drawn as one)."""
    reader = PdfReader(path)
    page = reader.pages[page_no]
    groups: list[list[tuple[float, ...]]] = []
    _collect_rects(ContentStream(page.get_contents(), reader).operations, page["/Resources"], reader, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), groups)
    return max(groups, key=len)


def _collect_rects(ops: list, resources: DictionaryObject, reader: PdfReader, ctm: tuple[float, ...], groups: list) -> None:
    current: list[tuple[float, ...]] = []
    stack: list[tuple[float, ...]] = []
    for operands, op in ops:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            assert b == c == 0, "the QR is only scaled and moved"
            sa, _, _, sd, se, sf = ctm
            ctm = (a * sa, 0.0, 0.0, d * sd, e * sa + se, f * sd + sf)
        elif op == b"re":
            x, y, w, h = (float(v) for v in operands)
            sa, _, _, sd, se, sf = ctm
            current.append((x * sa + se, y * sd + sf, w * sa, h * sd))
        elif op in (b"f", b"f*", b"F", b"B", b"B*", b"n", b"S"):
            if current:
                groups.append(current)
            current = []
        elif op == b"Do":
            form = resources["/XObject"][operands[0]].get_object()
            assert form["/Subtype"] == "/Form" and "/Matrix" not in form, "a form in page units"
            inner = ContentStream(form, reader).operations
            _collect_rects(inner, form.get("/Resources", resources), reader, ctm, groups)


def qr_modules_on_page(path: Path, page_no: int = 0) -> list[list[bool]]:
    """Rebuild the QR module grid from the rectangles drawn on the page."""
    rects = qr_rects_on_page(path, page_no)
    box = min(r[3] for r in rects)
    x0 = min(r[0] for r in rects)
    top = max(r[1] + r[3] for r in rects)
    n = round((max(r[0] + r[2] for r in rects) - x0) / box)
    grid = [[False] * n for _ in range(n)]
    for x, y, w, h in rects:
        assert h == pytest.approx(box)
        row = round((top - (y + h)) / box)
        col = round((x - x0) / box)
        for c in range(col, col + round(w / box)):
            grid[row][c] = True
    return grid


def expected_modules(payload: str) -> list[list[bool]]:
    """The encoder's module matrix for the payload (checked to decode back to it), no quiet zone."""
    return [[bool(v) for v in row] for row in qr_matrix(payload)]


def decode_modules(grid: list[list[bool]], scale: int = 4) -> zxingcpp.Barcode | None:
    """Read a module grid with zxing-cpp's decoder: 4-module quiet zone, ``scale`` pixels a module."""
    n = len(grid)
    side = (n + 8) * scale
    pixels = bytearray(b"\xff" * side * side)
    for r, row in enumerate(grid):
        for c, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    start = ((r + 4) * scale + dy) * side + (c + 4) * scale
                    pixels[start : start + scale] = b"\x00" * scale
    found = zxingcpp.read_barcodes(
        Image.frombytes("L", (side, side), bytes(pixels)), formats=zxingcpp.BarcodeFormat.QRCode
    )
    return found[0] if len(found) == 1 else None


# What certsign prints (v2: decimal digits; v1: BW1.<kid>.<data>.<sig>, base64url) and any other ASCII text.
_BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_PAYLOADS = st.one_of(
    st.builds(
        lambda kid, data, sig: f"BW1.{kid}.{data}.{sig}",
        st.text(_BASE64URL, min_size=8, max_size=8),
        st.text(_BASE64URL, min_size=1, max_size=220),
        st.text(_BASE64URL, min_size=86, max_size=86),
    ),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=400),
    st.from_regex(r"[1-9][0-9]{300,600}", fullmatch=True),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=_PAYLOADS)
def test_encoder_symbol_decodes_to_the_exact_payload(payload: str) -> None:
    """The encoder's own matrix (not the page) read by an independent decoder: the exact text,
    level M, a square symbol of a QR Code size (21 + 4k modules)."""
    n, image = qr_image(payload)
    assert len(image) == n * n and set(image) <= {0x00, 0xFF}
    assert n >= 21 and (n - 21) % 4 == 0
    grid = expected_modules(payload)
    assert [[v == 0x00 for v in image[r * n : (r + 1) * n]] for r in range(n)] == grid
    found = decode_modules(grid)
    assert found is not None and found.valid
    assert found.text == payload and found.bytes == payload.encode("ascii")
    assert found.ec_level == "M"


def test_encoder_refuses_non_ascii_payloads() -> None:
    with pytest.raises(ValueError, match="ASCII"):
        qr_image("BW1.张三")


def scanned_qr_texts(path: Path, tmp_path: Path, dpi: int = 150) -> list[str]:
    """Render the first page with pdftoppm and read every QR code on it with zxing-cpp."""
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-gray", "-png", str(path), str(tmp_path / "page")],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    with Image.open(png) as image:
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [b.text for b in found]


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
    drawn = qr_modules_on_page(out)
    assert drawn == expected_modules(cert.qr_payload)
    found = decode_modules(drawn)  # what the rectangles on the page spell, read by a decoder
    assert found is not None and found.text == cert.qr_payload
    result = verify_payload(cert.qr_payload, keys.public_key)
    assert result.valid and result.fields is not None
    assert result.fields.name == "欧阳娜仁托娅" and result.fields.score == Decimal("88")
    assert result.fields.number == cert.number


def test_printed_qr_scans_back_to_a_valid_payload(tmp_path: Path, keys: SigningKeys) -> None:
    """A real decoder reads the rendered page (150 dpi, grey) and the text it reads verifies."""
    cert = signed_certificate(keys, name="欧阳娜仁托娅", score=Decimal("88"))
    out = render_certificate(cert, tmp_path / "c.pdf")
    assert scanned_qr_texts(out, tmp_path) == [cert.qr_payload]
    result = verify_payload(cert.qr_payload, keys.public_key)
    assert result.valid and result.fields is not None and result.fields.name == "欧阳娜仁托娅"


def test_qr_sits_where_it_is_drawn_at_its_size(tmp_path: Path, keys: SigningKeys) -> None:
    """Bottom left inside the border, at least 96 pt and 1.45 pt per module (printable)."""
    cert = signed_certificate(keys)
    out = render_certificate(cert, tmp_path / "c.pdf")
    rects = qr_rects_on_page(out)
    n = len(expected_modules(cert.qr_payload))
    x0, y0 = min(r[0] for r in rects), min(r[1] for r in rects)
    side = max(r[0] + r[2] for r in rects) - x0
    assert (x0, y0) == (pytest.approx(31 + 44), pytest.approx(31 + 36))
    assert side == pytest.approx(max(96.0, n * 1.45))


def test_qr_dark_runs_are_one_rect_each_cut_only_at_8_module_boundaries(tmp_path: Path, keys: SigningKeys) -> None:
    """Each row's dark runs are merged, a run over columns 8k-1|8k is cut there (the drawing reads
    rows 8 modules at a time), and nothing else: the exact rectangles, no overlaps."""
    cert = signed_certificate(keys)
    out = render_certificate(cert, tmp_path / "c.pdf")
    expected = []
    for r, row in enumerate(expected_modules(cert.qr_payload)):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c] and (c == start or c % 8):
                    c += 1
                expected.append((r, start, c - start))
            else:
                c += 1
    rects = qr_rects_on_page(out)
    box = min(h for *_, h in rects)
    x0, top = min(x for x, *_ in rects), max(y + h for _, y, _, h in rects)
    drawn = sorted((round((top - y - h) / box), round((x - x0) / box), round(w / box)) for x, y, w, h in rects)
    assert drawn == sorted(expected)
    assert len(rects) < 1.2 * sum(1 for row in expected_modules(cert.qr_payload) for a, b in zip([False, *row], row, strict=False) if b and not a)


def test_altered_certificate_data_fails_verification(tmp_path: Path, keys: SigningKeys) -> None:
    genuine = signed_certificate(keys, name="张晓明", score=Decimal("75"))
    forged_name = signed_certificate(keys, name="李四", score=Decimal("75"))
    forged_score = signed_certificate(keys, name="张晓明", score=Decimal("95"))
    # Splice the forged fields onto the genuine signature, as a forger editing the QR would.
    for forged in (forged_name, forged_score):
        spliced = str(int.from_bytes(v2_blob(forged.qr_payload)[:-64] + v2_blob(genuine.qr_payload)[-64:], "big"))
        assert payload_fields(spliced) == payload_fields(forged.qr_payload)
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
    # Each QR is a form of its own (the page paints it with Do), one per certificate.
    reader = PdfReader(out)
    forms = [page["/Resources"]["/XObject"] for page in reader.pages]
    assert [len(f) for f in forms] == [1, 1, 1]
    assert len({f.raw_get(name).idnum for f in forms for name in f}) == 3
    assert all(f[name].get_object()["/Subtype"] == "/Form" for f in forms for name in f)


def test_batch_makes_qrs_ahead_in_chunks_each_on_its_own_page(tmp_path: Path, keys: SigningKeys, monkeypatch: pytest.MonkeyPatch) -> None:
    """render_certificates makes the QRs of a few pages before drawing them (certificate._QR_AHEAD):
    over chunk boundaries (3 + 3 + 1 pages) every page still carries its own certificate's QR, each
    made once, and progress still comes page by page."""
    monkeypatch.setattr(certificate, "_QR_AHEAD", 3)
    made: list[str] = []
    real = certificate.qr_form
    monkeypatch.setattr(certificate, "qr_form", lambda payload: made.append(payload) or real(payload))
    certs = [signed_certificate(keys, i, name=f"考生{i}", employee_no=f"30{i:02d}") for i in range(7)]
    calls: list[tuple[int, int]] = []
    out = render_certificates(certs, tmp_path / "all.pdf", progress=lambda d, t: calls.append((d, t)))
    assert made == [c.qr_payload for c in certs]
    assert calls == [(i, 7) for i in range(1, 8)]
    texts = [compact(t) for t in page_texts(out)]
    for i, cert in enumerate(certs):
        assert f"{cert.name}同志" in texts[i]
        found = decode_modules(qr_modules_on_page(out, i))
        assert found is not None and found.text == cert.qr_payload


def test_qr_form_stream_is_flate_of_the_module_path(keys: SigningKeys) -> None:
    """The form's stream (ISA-L) is plain zlib/Flate data of the path text, about a quarter of it."""
    cert = signed_certificate(keys)
    form = certificate.qr_form(cert.qr_payload)
    symbol = qr_symbol(cert.qr_payload)
    path = f"1 g -2 -2 {symbol.n + 4} {symbol.n + 4} re f\n0 g\n{certificate._module_ops(symbol)}f\n".encode("ascii")
    assert form.n == symbol.n and zlib.decompress(form.flated) == path
    assert len(form.flated) < len(path) / 3


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
