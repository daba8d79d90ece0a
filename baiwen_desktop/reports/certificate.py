"""合格证书: A4 landscape certificate with a signed QR code, drawn straight on the canvas.

A fixed layout needs no platypus; drawing directly keeps a 500-certificate batch close to raw
ReportLab speed. The QR payload is signed elsewhere (core.certsign) and only printed here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from isal import isal_zlib
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfdoc import PDFDocument, PDFObject
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.core.chinese_date import chinese_date
from baiwen_desktop.reports.cjkwrap import wrap_cjk
from baiwen_desktop.reports.data import Certificate, Progress
from baiwen_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts
from baiwen_desktop.reports.formatting import fmt_date, fmt_score
from baiwen_desktop.reports.output import candidate_filename, unique_path
from baiwen_desktop.reports.qr_symbol import Symbol, qr_symbol

__all__ = [
    "QrForm",
    "draw_certificate",
    "exam_phrase",
    "qr_form",
    "qr_image",
    "qr_matrix",
    "render_certificate",
    "render_certificate_files",
    "render_certificates",
]

PathLike = str | os.PathLike[str]

PAGE = landscape(A4)
RED = colors.HexColor("#A4161A")
GOLD = colors.HexColor("#B8893B")
INK = colors.HexColor("#1E1E1E")
MUTED = colors.HexColor("#6B6B6B")
SEAL = colors.HexColor("#C9A6A6")  # the dashed ring that shows where the seal goes

_OUTER, _INNER = 22.0, 31.0  # border insets from the paper edge
_BODY_X = 118.0
_BODY_SIZE, _BODY_LEADING = 20.0, 40.0
_BODY_SMALLEST = 11.0
_SEAL_RADIUS = 60.0  # a 42 mm 公章 is 119 points across
_QR_MIN_SIZE = 96.0  # points; grows with longer payloads so modules stay printable
_QR_MODULE = 1.45  # points per module at least (≈0.5 mm: phone cameras read it at arm's length)
_QR_AHEAD = 50  # certificates whose QRs are made before their pages are drawn (render_certificates)
_QR_FLATE_LEVEL = 1  # ISA-L's levels are 0–3: 1 is faster and smaller than zlib's level 1 on the QR path
_EVENT_SUFFIXES = ("考试", "考核", "测试", "测验", "竞赛", "考评", "比武")


def render_certificates(
    certs: Sequence[Certificate], out_path: PathLike, progress: Progress | None = None
) -> Path:
    """A whole class in one PDF, one certificate per page; returns the written path."""
    if not certs:
        raise ValueError("render_certificates needs at least one certificate")
    register_fonts()
    out = Path(out_path)
    total = len(certs)
    with atomic_path(out) as tmp:
        canv = Canvas(str(tmp), pagesize=PAGE, pageCompression=1, initialFontName=FONT)
        canv.setTitle(certs[0].title if total == 1 else f"{certs[0].title}（{total} 份）")
        canv.setAuthor(certs[0].organisation)
        canv.setSubject(certs[0].exam_title)
        canv.setCreator("baiwen_desktop")
        for start in range(0, total, _QR_AHEAD):
            batch = certs[start : start + _QR_AHEAD]
            # the QRs of the next few pages first, in one tight loop: interleaved with the page drawing
            # the same work costs ~1.4x (its tables and integers fall out of the CPU caches in between)
            forms = [qr_form(cert.qr_payload) for cert in batch]
            for i, (cert, form) in enumerate(zip(batch, forms, strict=True), start + 1):
                draw_certificate(canv, cert, form)
                canv.showPage()
                if progress:
                    progress(i, total)
        canv.save()
    return out


def render_certificate(cert: Certificate, out_path: PathLike, progress: Progress | None = None) -> Path:
    """One certificate as its own PDF."""
    return render_certificates([cert], out_path, progress)


def render_certificate_files(
    certs: Sequence[Certificate], out_dir: PathLike, progress: Progress | None = None
) -> list[Path]:
    """One PDF per certificate in ``out_dir``, named ``工号_姓名.pdf`` (``_2`` … on clashes)."""
    taken: set[str] = set()
    paths: list[Path] = []
    for i, cert in enumerate(certs):
        path = unique_path(Path(out_dir), candidate_filename(cert.employee_no, cert.name), taken)
        paths.append(render_certificates([cert], path))
        if progress:
            progress(i + 1, len(certs))
    return paths


def draw_certificate(canv: Canvas, cert: Certificate, qr: QrForm | None = None) -> None:
    """Draw one certificate on the current (A4 landscape) page; the caller calls showPage().

    Laid out like a printed 合格证书: title, the citation, a ruled block of the particulars,
    and along the foot the QR code, the signature line and the issuer with room for its seal.
    ``qr``: ``qr_form(cert.qr_payload)`` if the caller made it beforehand.
    """
    w, h = PAGE
    canv.saveState()
    _draw_frame(canv, w, h)

    # Title, shrunk for long custom titles, letter-spaced for a formal look.
    size, space = 38.0, 10.0
    max_w = w - 2 * 110
    while size > 20 and _spaced_width(cert.title, FONT_BOLD, size, space) > max_w:
        size, space = size - 2, max(2.0, space - 1.5)
    title_y = h - 122
    canv.setFillColor(RED)
    _centred_spaced(canv, cert.title, FONT_BOLD, size, space, w / 2, title_y)
    canv.setStrokeColor(GOLD)
    canv.setLineWidth(0.8)
    canv.line(w / 2 - 150, title_y - 20, w / 2 + 150, title_y - 20)
    canv.setLineWidth(0.4)
    canv.line(w / 2 - 110, title_y - 24, w / 2 + 110, title_y - 24)

    # Salutation and citation; a long exam title wraps on a tighter leading.
    y = title_y - 78
    canv.setFillColor(INK)
    canv.setFont(FONT_BOLD, 22)
    canv.drawString(_BODY_X, y, cert.name)
    name_w = stringWidth(cert.name, FONT_BOLD, 22)
    canv.setFont(FONT, 22)
    canv.drawString(_BODY_X + name_w + 8, y, "同志：")
    body = f"参加{exam_phrase(cert.exam_title)}，成绩合格，特发此证。"
    size = _BODY_SIZE
    lines = wrap_cjk(body, FONT, size, w - 2 * _BODY_X, first_indent=2 * size)
    while len(lines) > 3 and size > _BODY_SMALLEST:  # an old exam's long title: smaller, never over the particulars
        size -= 1
        lines = wrap_cjk(body, FONT, size, w - 2 * _BODY_X, first_indent=2 * size)
    leading = _BODY_LEADING if len(lines) <= 2 else (_BODY_LEADING - 8) * size / _BODY_SIZE
    canv.setFont(FONT, size)
    for indent, text in lines:
        y -= leading
        canv.drawString(_BODY_X + indent, y, text)

    # The particulars, two ruled rows of two fields: fills the middle of the page.
    _draw_particulars(
        canv,
        [
            (("工　　号", cert.employee_no), ("考试成绩", f"{fmt_score(cert.score)} 分")),
            (("证书编号", cert.number), ("发证日期", fmt_date(cert.issue_date))),
        ],
        top=min(y - 40, 272.0),
    )

    # Issuer, bottom right: the seal (公章) is stamped over the name and the date.
    cx, seal_y = w - 212, _INNER + 92
    room = 2 * (w - _INNER - 20 - cx)  # centred on cx, clear of the border
    canv.setStrokeColor(SEAL)
    canv.setLineWidth(0.7)
    canv.setDash(3, 3)
    canv.circle(cx, seal_y, _SEAL_RADIUS, stroke=1, fill=0)
    canv.setDash()
    canv.setFillColor(MUTED)
    canv.setFont(FONT, 10)
    canv.drawCentredString(cx, seal_y + _SEAL_RADIUS + 8, "发证单位（盖章）")
    canv.setFillColor(INK)
    canv.setFont(FONT, _fit_size(cert.organisation, FONT, 18, room))
    canv.drawCentredString(cx, seal_y + 6, cert.organisation)
    canv.setFont(FONT, 15)
    day = chinese_date(cert.issue_date)
    canv.drawCentredString(cx, seal_y - 24, day)
    issuer_left = cx - max(_SEAL_RADIUS, stringWidth(day, FONT, 15) / 2)

    # QR, bottom left inside the border; it carries the signed particulars.
    qr_x, qr_y = _INNER + 44, _INNER + 36  # clear of the corner ornament: QR needs a quiet zone
    qr_size = _draw_qr(canv, qr_form(cert.qr_payload) if qr is None else qr, qr_x, qr_y, _QR_MODULE, _QR_MIN_SIZE)
    canv.setFillColor(MUTED)
    canv.setFont(FONT, 8.5)
    canv.drawString(qr_x + qr_size + 8, qr_y + 2, "扫描二维码核验真伪")

    # Signature line, between the QR code and the seal.
    sig_x = max(qr_x + qr_size + 96, w / 2 - 150)
    sig_end = issuer_left - 28
    sig_y = seal_y - 24
    canv.setFillColor(INK)
    canv.setFont(FONT, 14)
    label = "负责人（签字）："
    canv.drawString(sig_x, sig_y, label)
    canv.setStrokeColor(INK)
    canv.setLineWidth(0.6)
    canv.line(sig_x + stringWidth(label, FONT, 14) + 2, sig_y - 3, sig_end, sig_y - 3)
    canv.restoreState()


def _draw_particulars(canv: Canvas, rows: Sequence[Sequence[tuple[str, str]]], top: float) -> None:
    """Label：value pairs in columns, each row over a thin gold rule."""
    w = PAGE[0]
    left, right = _BODY_X + 2 * _BODY_SIZE, w - _BODY_X
    col_w = (right - left) / 2
    y = top
    for row in rows:
        for i, (label, value) in enumerate(row):
            x = left + i * col_w
            canv.setFillColor(MUTED)
            canv.setFont(FONT, 13)
            canv.drawString(x, y, f"{label}：")
            canv.setFillColor(INK)
            canv.setFont(FONT, _fit_size(value, FONT, 15, col_w - 90, 9))
            canv.drawString(x + stringWidth(f"{label}：", FONT, 13) + 4, y, value)
        canv.setStrokeColor(GOLD)
        canv.setLineWidth(0.5)
        canv.line(left, y - 9, right, y - 9)
        y -= 34


def exam_phrase(exam_title: str) -> str:
    """``{exam}考试``, without doubling when the title already names the kind of event."""
    return exam_title if exam_title.endswith(_EVENT_SUFFIXES) else f"{exam_title}考试"


# --- drawing helpers ----------------------------------------------------------------------------


def _draw_frame(canv: Canvas, w: float, h: float) -> None:
    canv.setStrokeColor(RED)
    canv.setLineWidth(3.2)
    canv.rect(_OUTER, _OUTER, w - 2 * _OUTER, h - 2 * _OUTER, stroke=1, fill=0)
    canv.setLineWidth(0.9)
    canv.rect(_INNER, _INNER, w - 2 * _INNER, h - 2 * _INNER, stroke=1, fill=0)
    # Gold corner brackets inside the inner border.
    canv.setStrokeColor(GOLD)
    canv.setLineWidth(1.4)
    inset, arm = _INNER + 8, 34.0
    for cx, sx in ((inset, 1), (w - inset, -1)):
        for cy, sy in ((inset, 1), (h - inset, -1)):
            path = canv.beginPath()
            path.moveTo(cx, cy + sy * arm)
            path.lineTo(cx, cy)
            path.lineTo(cx + sx * arm, cy)
            canv.drawPath(path, stroke=1, fill=0)
            canv.setFillColor(GOLD)
            d = 3.2
            diamond = canv.beginPath()
            mx, my = cx + sx * 9, cy + sy * 9
            diamond.moveTo(mx, my - d)
            diamond.lineTo(mx + d, my)
            diamond.lineTo(mx, my + d)
            diamond.lineTo(mx - d, my)
            diamond.close()
            canv.drawPath(diamond, stroke=0, fill=1)


def _spaced_width(text: str, font: str, size: float, space: float) -> float:
    return stringWidth(text, font, size) + space * max(0, len(text) - 1)


def _centred_spaced(
    canv: Canvas, text: str, font: str, size: float, space: float, cx: float, y: float
) -> None:
    canv.saveState()  # char spacing is graphics state: keep it from leaking into later text
    t = canv.beginText()
    t.setFont(font, size)
    t.setCharSpace(space)
    t.setTextOrigin(cx - _spaced_width(text, font, size, space) / 2, y)
    t.textOut(text)
    canv.drawText(t)
    canv.restoreState()


def _fit_size(text: str, font: str, size: float, width: float, smallest: float = 11.0) -> float:
    """``size``, or smaller so that ``text`` fits ``width`` (never below ``smallest``)."""
    natural = stringWidth(text, font, size)
    return size if natural <= width else max(smallest, size * width / natural)


class QrForm(NamedTuple):
    """A certificate QR ready to paint: the symbol's side ``n`` in modules and the Flate-compressed
    content stream of its form (:func:`qr_form`)."""

    n: int
    flated: bytes


def qr_form(payload: str) -> QrForm:
    """The QR symbol of ``payload`` (:func:`qr_symbol`) as the content of a form: one filled path of
    rectangles in module units, on a white square 2 modules wider on every side (a quiet zone
    whatever is behind).

    Each row's dark modules are merged into runs, one ``re`` per run (a run crossing an 8-module
    boundary is cut there: see :func:`_module_ops`), all filled as one path: no seams between
    neighbouring modules. The path is written in module units (integers), as one string joined
    from per-symbol-size tables: ReportLab formatting ≈700 float rectangles costs as much as the
    rest of the page.

    The path (~10 KB) is Flate-compressed here by ISA-L (``isal``, the same zlib stream format) at
    its level 1. In the page stream ReportLab would Flate it at zlib's default level: 0.4 ms a
    certificate, the QR's largest cost; zlib's level 1 takes ~0.13 ms for 2.7 KB, ISA-L's ~0.05 ms
    for 2.5 KB. Stored uncompressed (10 KB) it would cost nothing, but every stream of our documents
    is Flate (test_output_and_fonts).
    """
    symbol = qr_symbol(payload)
    n = symbol.n
    path = f"1 g -2 -2 {n + 4} {n + 4} re f\n0 g\n{_module_ops(symbol)}f\n"
    return QrForm(n, isal_zlib.compress(path.encode("ascii"), _QR_FLATE_LEVEL))


def _draw_qr(canv: Canvas, form: QrForm, x: float, y: float, module: float, min_size: float) -> float:
    """Paint ``form`` (:func:`qr_form`) as a Form XObject of its own (:func:`_add_form`), scaled
    and moved by ``cm``. Returns the side length used: ``min_size``, or more for a payload needing
    many modules."""
    n = form.n
    size = max(min_size, n * module)
    box = size / n
    name = _add_form(canv, f"QR{canv.getPageNumber()}", (-2, -2, n + 2, n + 2), form.flated)
    # q … Q keeps the scaling out of the canvas state that ReportLab tracks; the colours are the form's own.
    canv.addLiteral(f"q {box:.6f} 0 0 {box:.6f} {x:.3f} {y:.3f} cm /{name} Do Q")
    return size


# --- the one place that leans on ReportLab internals (5.x), as canvas.doForm/endForm do ----------


def _add_form(canv: Canvas, name: str, bbox: tuple[int, int, int, int], flated: bytes) -> str:
    """Register a Form XObject whose content stream is ``flated`` (already Flate-compressed) in the
    canvas's document, marked as used by the current page; returns its resource name for ``/name Do``.

    Internals used: the canvas's ``_doc`` and ``_formsinuse``, and a PDFObject that formats
    itself (:class:`_FlatedForm`). beginForm/endForm would Flate the form at zlib's default level
    (the cost this avoids); a PDFStream whose dictionary names its filter (it then skips its own)
    would also do, but spends ~90 µs formatting that dictionary. A taken name gets a suffix.
    """
    doc = canv._doc
    base, k = name, 1
    while doc.hasForm(name):
        k += 1
        name = f"{base}_{k}"
    internal = doc.getXObjectName(name)
    doc.Reference(_FlatedForm(bbox, flated), internal)
    canv._formsinuse.append(name)
    return internal


class _FlatedForm(PDFObject):
    """A Form XObject's bytes written directly: its dictionary, then the given Flate data as the
    stream (encrypted as PDFStream does, if the document is)."""

    __RefOnly__ = 1  # an indirect object, as every stream must be

    def __init__(self, bbox: tuple[int, int, int, int], flated: bytes) -> None:
        self.bbox = bbox
        self.flated = flated

    def format(self, document: PDFDocument) -> bytes:
        content = document.encrypt.encode(self.flated)
        head = b"<< /Type /XObject /Subtype /Form /BBox [%d %d %d %d] /Filter /FlateDecode /Length %d >>\nstream\n"
        return head % (*self.bbox, len(content)) + content + b"\nendstream\n"


def _module_ops(symbol: Symbol) -> str:
    """``x y w 1 re`` for every dark run of the symbol, in module units, y upwards.

    No Python step per run, nor per chunk: every byte of the rows (8 modules) is one list look-up
    in the table of its position in the row (its runs, with the row left as ``Y``; a row's last
    table ends each entry with a row mark), all in one ``map``; then each row's ``Y`` is replaced.
    A run over a byte boundary is drawn as two abutting rectangles of the same path (≈11% more
    ``re`` than whole runs, ≈3× faster to build).
    """
    n, rows, stride = symbol
    tables, ys = _chunk_tables(n, stride)
    *marked, _ = "".join(map(list.__getitem__, tables, rows)).split(_ROW_END)  # after the last mark: ""
    return "".join([row.replace(" Y ", y) for row, y in zip(marked, ys, strict=True)])


_ROW_END = "\x02"


@lru_cache(maxsize=8)
def _chunk_tables(n: int, stride: int) -> tuple[list[list[str]], list[str]]:
    """For an n×n symbol of ``stride`` bytes a row: the table of every byte position of all n rows
    (byte → its ``re`` ops, row as ``Y``; bit i of the byte is module 8·position + i; the row's
    last byte adds the row mark), and each row's " y "."""
    patterns = []  # per byte: its runs as (start, width)
    for byte in range(256):
        dark = [byte >> i & 1 for i in range(8)] + [0]
        starts = [i for i in range(8) if dark[i] and (i == 0 or not dark[i - 1])]
        patterns.append([(i, next(j for j in range(i, 9) if not dark[j]) - i) for i in starts])
    row = [["".join(f"{8 * c + i} Y {w} 1 re\n" for i, w in runs) for runs in patterns] for c in range(stride)]
    row[-1] = [ops + _ROW_END for ops in row[-1]]
    return row * n, [f" {n - 1 - r} " for r in range(n)]


def qr_image(payload: str) -> tuple[int, bytes]:
    """The QR Code symbol of ``payload``: its side n and n×n bytes, row by row, 0x00 dark, 0xFF light.

    Error correction level M, the smallest version that holds the payload, segment modes chosen
    by libzint (the payload is ASCII: no ECI), and the data mask chosen as ISO/IEC 18004 asks, by
    scoring all eight (:func:`~baiwen_desktop.reports.qr_symbol.qr_symbol`). No quiet zone: the
    caller paints one.
    """
    symbol = qr_symbol(payload)
    return symbol.n, bytes(0x00 if dark else 0xFF for row in symbol.dark_rows() for dark in row)


def qr_matrix(payload: str) -> tuple[bytes, ...]:
    """The module matrix of :func:`qr_image` as rows of 0/1 bytes (1 = dark), no quiet zone."""
    return tuple(bytes(row) for row in qr_symbol(payload).dark_rows())
