"""Benchmark the PDF documents against hand-written ReportLab canvas code, in one run.

    python bench/reports.py            # 500 certificates, 500 score sheets of 50 questions
    python bench/reports.py --count 50 # quicker

Each document kind is timed four ways: ours into one PDF, ours one file per candidate, and the
same two with "raw" ReportLab – hand-written canvas code drawing the same text with the same
TrueType font: for certificates the same border, wrapped body and QR code (same encoder); for
score sheets the same blocks and cells, long cells wrapped, header row repeated, zebra rows,
grid, and 第 x 页 / 共 y 页. Fonts are registered once, before timing, as the application does.
Times are CPU seconds of this process (the machine may be shared).
A third certificate case draws our same pages with the QR left out (the QR's floor), and a
fourth the same pages with the version-1 payloads (``BW1.…`` base64 JSON) of the same fields;
the QR's cost is then taken apart: the encoder alone, building the path text, Flate of that text
as the certificate does it (ISA-L's level 1: the QR is a form of its own, compressed so), and the
rest; beside it what Flate at ReportLab's level would cost (what it would do to the text in the page
stream).
Targets: ours ≤ 1.3 × raw, certificates ≤ 1.5 × the same pages without a QR, ≤ 80 KB per
single certificate file.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from isal import isal_zlib
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from baiwen_desktop.core.certsign import CertFields, load_or_create_keys, sign_payload, sign_payload_v1
from baiwen_desktop.core.chinese_date import chinese_date
from baiwen_desktop.reports import certificate
from baiwen_desktop.reports.certificate import render_certificate_files, render_certificates
from baiwen_desktop.reports.data import SUBMIT_MODE_LABELS, CandidateResult, Certificate, ReportHeader
from baiwen_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts
from baiwen_desktop.reports.formatting import fmt_date, fmt_duration, fmt_score
from baiwen_desktop.reports.output import candidate_filename
from baiwen_desktop.reports.qr_symbol import Symbol, qr_symbol
from baiwen_desktop.reports.samples import sample_certificate, sample_header, sample_results
from baiwen_desktop.reports.scoresheet import render_scoresheet_files, render_scoresheets

TARGET_RATIO = 1.3
TARGET_QR_RATIO = 1.5
TARGET_CERT_BYTES = 80 * 1024


# --- raw ReportLab baselines --------------------------------------------------------------------


def _raw_wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Measure first; break between characters only when the text is too wide."""
    if stringWidth(text, font, size) <= width:
        return [text]
    lines, cur, used = [], "", 0.0
    for ch in text:
        cw = stringWidth(ch, font, size)
        if cur and used + cw > width:
            lines.append(cur)
            cur, used = "", 0.0
        cur += ch
        used += cw
    return [*lines, cur]


def raw_certificate_page(c: Canvas, cert: Certificate) -> None:
    w, h = landscape(A4)
    red, gold = colors.HexColor("#A4161A"), colors.HexColor("#B8893B")
    c.setStrokeColor(red)
    c.setLineWidth(3.2)
    c.rect(22, 22, w - 44, h - 44)
    c.setLineWidth(0.9)
    c.rect(31, 31, w - 62, h - 62)
    c.setStrokeColor(gold)
    c.setLineWidth(1.4)
    for x, sx in ((39, 1), (w - 39, -1)):
        for y, sy in ((39, 1), (h - 39, -1)):
            c.lines([(x, y, x + sx * 34, y), (x, y, x, y + sy * 34)])
    c.line(w / 2 - 150, h - 158, w / 2 + 150, h - 158)
    c.setFillColor(red)
    c.setFont(FONT_BOLD, 38)
    c.drawCentredString(w / 2, h - 138, cert.title)
    c.setFillColor(colors.black)
    c.setFont(FONT_BOLD, 22)
    c.drawString(118, h - 238, cert.name + " 同志：")
    c.setFont(FONT, 20)
    y = h - 238
    body = "　　" + f"参加{cert.exam_title}，成绩合格，特发此证。"
    for line in _raw_wrap(body, FONT, 20, w - 236):
        y -= 40
        c.drawString(118, y, line)
    c.setFont(FONT, 12)
    c.drawString(158, y - 36, f"工号：{cert.employee_no}　　考试成绩：{fmt_score(cert.score)} 分")
    c.setFont(FONT, 18)
    c.drawCentredString(w - 218, 158, cert.organisation)
    c.setFont(FONT, 16)
    c.drawCentredString(w - 218, 128, chinese_date(cert.issue_date))
    matrix = certificate.qr_matrix(cert.qr_payload)  # the same symbol, from the same encoder
    box = 96 / len(matrix)
    for r, row in enumerate(matrix):
        col = 0
        for dark, run in itertools.groupby(row):
            n = sum(1 for _ in run)
            if dark:
                c.rect(75 + col * box, 67 + 96 - (r + 1) * box, n * box, box, stroke=0, fill=1)
            col += n
    c.setFont(FONT, 11)
    c.drawString(181, 97, f"证书编号：{cert.number}")
    c.setFont(FONT, 8.5)
    c.drawString(181, 81, "扫描二维码可核验证书真伪")


def raw_certificates(certs: list[Certificate], path: Path) -> None:
    c = Canvas(str(path), pagesize=landscape(A4), pageCompression=1, initialFontName=FONT)
    for cert in certs:
        raw_certificate_page(c, cert)
        c.showPage()
    c.save()


_HEAD_BG = colors.HexColor("#E3EEED")
_ZEBRA = colors.HexColor("#F6F9F9")
_GRID = colors.HexColor("#9AB3B1")


def _raw_grid_row(
    c: Canvas,
    xs: list[float],
    y_top: float,
    height: float,
    cells: list[list[str]],
    centre: set[int],
    fill: colors.Color | None,
) -> None:
    """One table row: optional fill, text lines (some columns centred), cell borders."""
    if fill is not None:
        c.setFillColor(fill)
        c.rect(xs[0], y_top - height, xs[-1] - xs[0], height, stroke=0, fill=1)
        c.setFillColor(colors.black)
    for i, lines in enumerate(cells):
        y = y_top - 12
        for line in lines:
            if i in centre:
                c.drawCentredString((xs[i] + xs[i + 1]) / 2, y, line)
            else:
                c.drawString(xs[i] + 3, y, line)
            y -= 11.5
    c.line(xs[0], y_top - height, xs[-1], y_top - height)
    for x in xs:
        c.line(x, y_top, x, y_top - height)


def raw_scoresheets(results: list[CandidateResult], header: ReportHeader, path: Path) -> None:
    """Hand-laid score sheets: same text, cells wrapped, header repeated, 第 x 页 / 共 y 页."""
    c = Canvas(str(path), pagesize=A4, pageCompression=1, initialFontName=FONT)
    c.setStrokeColor(_GRID)
    c.setLineWidth(0.4)
    w, h = A4
    m = 51.0
    xs = [m, m + 28, m + 72, m + 156, m + 156 + 123.6, m + 156 + 247.2, w - m]
    widths = [b - a for a, b in itertools.pairwise(xs)]
    head = [["题号"], ["题型"], ["来源"], ["考生答案"], ["正确答案"], ["得分"]]
    for r in results:
        rows = []
        for q in r.question_rows:
            texts = (
                str(q.no),
                q.type_label,
                q.source,
                q.answer or "未作答",
                q.correct_answer,
                f"{fmt_score(q.points)}/{fmt_score(q.max_points)}",
            )
            cells = [_raw_wrap(t, FONT, 9, wd - 6) for t, wd in zip(texts, widths, strict=True)]
            rows.append((cells, 5 + 11.5 * max(len(x) for x in cells) + 3))
        # Paginate first, so every footer can say 共 y 页.
        pages: list[list] = [[]]
        room = h - 2 * m - 300  # first page: title, candidate and per-type blocks
        for row in rows:
            if row[1] > room - 17:
                pages.append([])
                room = h - 2 * m - 17
            pages[-1].append(row)
            room -= row[1]
        for pi, page_rows in enumerate(pages, start=1):
            y = h - m
            if pi == 1:
                c.setFont(FONT_BOLD, 17)
                c.drawCentredString(w / 2, y - 18, header.exam_title)
                c.setFont(FONT_BOLD, 13)
                c.drawCentredString(w / 2, y - 40, "成　绩　单")
                c.setFont(FONT, 9)
                c.drawCentredString(
                    w / 2,
                    y - 56,
                    f"组织单位：{header.organisation}    考试日期："
                    f"{fmt_date(header.exam_date)}    考点：{header.station}",
                )
                y -= 72
                c.setFont(FONT, 10)
                ixs = [m, m + 48, m + 148, m + 204, m + 290, m + 338, w - m]
                info = [
                    ("工号", r.employee_no, "姓名", r.name, "单位", r.unit),
                    (
                        "得分",
                        f"{fmt_score(r.score)} / {fmt_score(r.total)}",
                        "考试结果",
                        "合格" if r.passed else "不合格",
                        "合格线",
                        fmt_score(r.pass_mark),
                    ),
                    (
                        "用时",
                        fmt_duration(r.time_used_s),
                        "交卷方式",
                        SUBMIT_MODE_LABELS[r.submit_mode],
                        "校验码",
                        "00000000",
                    ),
                ]
                for row in info:
                    _raw_grid_row(c, ixs, y, 22, [[t] for t in row], {0, 2, 4}, None)
                    y -= 22
                y -= 26
                txs = [m, w - m - 330, w - m - 264, w - m - 198, w - m - 132, w - m - 66, w - m]
                c.setFont(FONT_BOLD, 9)
                _raw_grid_row(
                    c,
                    txs,
                    y,
                    17,
                    [["题型"], ["题数"], ["答对"], ["得分"], ["满分"], ["得分率"]],
                    set(range(6)),
                    _HEAD_BG,
                )
                y -= 17
                c.setFont(FONT, 9)
                for k, t in enumerate(r.type_rows):
                    rate = f"{float(t.points / t.max_points) * 100:.1f}%"
                    _raw_grid_row(
                        c,
                        txs,
                        y,
                        17,
                        [
                            [t.type_label],
                            [str(t.count)],
                            [str(t.correct)],
                            [fmt_score(t.points)],
                            [fmt_score(t.max_points)],
                            [rate],
                        ],
                        {1, 2, 3, 4, 5},
                        _ZEBRA if k % 2 else None,
                    )
                    y -= 17
                y -= 26
            c.setFont(FONT_BOLD, 9)
            _raw_grid_row(c, xs, y, 17, head, set(range(6)), _HEAD_BG)
            y -= 17
            c.setFont(FONT, 9)
            for k, (cells, height) in enumerate(page_rows):
                _raw_grid_row(c, xs, y, height, cells, {0, 1, 5}, _ZEBRA if k % 2 else None)
                y -= height
            if pi == len(pages):
                c.setFont(FONT, 10.5)
                c.drawString(
                    m + 40, y - 36, "考生签字：__________    监考签字：__________    日期：__________"
                )
            c.setFont(FONT, 8.5)
            c.drawString(m, m - 22, header.organisation)
            c.drawCentredString(w / 2, m - 22, f"第 {pi} 页 / 共 {len(pages)} 页")
            c.drawRightString(w - m, m - 22, "校验码 00000000")
            c.showPage()
            c.setStrokeColor(_GRID)
            c.setLineWidth(0.4)
    c.save()


# --- timing -------------------------------------------------------------------------------------


def timed(fn: Callable[[], object]) -> float:
    # CPU time of this process: the machine is shared, wall time would measure the neighbours.
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def render_without_qr(certs: list[Certificate], path: Path) -> None:
    """Our certificates with the QR making and drawing skipped: the same pages' floor for the QR cost."""
    real = certificate.qr_form, certificate._draw_qr
    certificate.qr_form = lambda payload: None
    certificate._draw_qr = lambda canv, form, x, y, module, min_size: min_size
    try:
        render_certificates(certs, path)
    finally:
        certificate.qr_form, certificate._draw_qr = real


def each_file(folder: Path, items: list, render: Callable[[list, Path], None], key: Callable) -> None:
    for item in items:
        render([item], folder / candidate_filename(*key(item)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--questions", type=int, default=50)
    args = parser.parse_args()
    n = args.count

    t0 = time.perf_counter()
    register_fonts()
    print(f"font registration (once per process): {time.perf_counter() - t0:.2f} s")

    header = sample_header()
    results = sample_results(n, args.questions)
    with tempfile.TemporaryDirectory() as keydir:
        keys = load_or_create_keys(Path(keydir))
    certs, certs_v1 = [], []
    for i, r in enumerate(results):
        c = sample_certificate(i, result=r)
        fields = CertFields(c.number, c.employee_no, c.name, c.exam_title, c.score, c.issue_date)
        certs.append(replace(c, qr_payload=sign_payload(fields, keys.private_key)))
        certs_v1.append(replace(c, qr_payload=sign_payload_v1(fields, keys.private_key)))

    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # Warm both paths up (imports, caches, first subset) so the first timed case isn't penalised.
        render_certificates(certs[:5], root / "warm.pdf")
        raw_certificates(certs[:5], root / "warm.pdf")
        render_scoresheets(results[:5], header, root / "warm.pdf")
        raw_scoresheets(results[:5], header, root / "warm.pdf")
        for sub in ("ours_c", "raw_c", "ours_s", "raw_s"):
            (root / sub).mkdir()

        ours = timed(lambda: render_certificates(certs, root / "certs.pdf"))
        raw = timed(lambda: raw_certificates(certs, root / "certs_raw.pdf"))
        rows.append((f"{n} certificates → one PDF", ours, raw))
        no_qr = timed(lambda: render_without_qr(certs, root / "certs_noqr.pdf"))
        ours_v1 = timed(lambda: render_certificates(certs_v1, root / "certs_v1.pdf"))
        qr_rows = [
            (f"{n} certificates → one PDF vs no QR", ours, no_qr),
            ("  … the same with version-1 payloads", ours_v1, no_qr),
        ]
        # The QR's cost taken apart, same payloads: the encoder alone (libzint + mask choice; no drawing can
        # save it), the path text from the symbols, Flate of that text at level 1 (the QR's form) and at
        # ReportLab's level (what the page stream would cost).
        symbols: list[Symbol] = []
        encode = timed(lambda: symbols.extend(qr_symbol(c.qr_payload) for c in certs))
        paths: list[str] = []
        path_text = timed(lambda: paths.extend(certificate._module_ops(symbol) for symbol in symbols))
        flate = timed(lambda: [zlib.compress(t.encode("ascii")) for t in paths])
        flate1 = timed(lambda: [isal_zlib.compress(t.encode("ascii"), certificate._QR_FLATE_LEVEL) for t in paths])
        sides = sorted({symbol.n for symbol in symbols})
        sides_v1 = sorted({certificate.qr_image(c.qr_payload)[0] for c in certs_v1})
        digits = statistics.fmean(len(c.qr_payload) for c in certs)
        chars_v1 = statistics.fmean(len(c.qr_payload) for c in certs_v1)

        ours = timed(lambda: render_certificate_files(certs, root / "ours_c"))
        raw = timed(
            lambda: each_file(root / "raw_c", certs, raw_certificates, lambda c: (c.employee_no, c.name))
        )
        rows.append((f"{n} certificates → one file each", ours, raw))
        sizes = [p.stat().st_size for p in (root / "ours_c").iterdir()]
        raw_sizes = [p.stat().st_size for p in (root / "raw_c").iterdir()]
        batch_size = (root / "certs.pdf").stat().st_size

        ours = timed(lambda: render_scoresheets(results, header, root / "sheets.pdf"))
        raw = timed(lambda: raw_scoresheets(results, header, root / "sheets_raw.pdf"))
        rows.append((f"{n} score sheets ({args.questions} q) → one PDF", ours, raw))

        ours = timed(lambda: render_scoresheet_files(results, header, root / "ours_s"))
        raw = timed(
            lambda: each_file(
                root / "raw_s",
                results,
                lambda rs, p: raw_scoresheets(rs, header, p),
                lambda r: (r.employee_no, r.name),
            )
        )
        rows.append((f"{n} score sheets ({args.questions} q) → one file each", ours, raw))
        sheet_sizes = [p.stat().st_size for p in (root / "ours_s").iterdir()]

    print()
    print(f"{'case':<44} {'ours s':>8} {'raw s':>8} {'ms/doc':>8} {'ratio':>6}")
    for name, ours, raw in rows:
        flag = "" if ours / raw <= TARGET_RATIO else f"  (> {TARGET_RATIO}×)"
        print(f"{name:<44} {ours:8.2f} {raw:8.2f} {ours / n * 1000:8.1f} {ours / raw:6.2f}{flag}")
    for name, ours, base in qr_rows:
        flag = "" if ours / base <= TARGET_QR_RATIO else f"  (> {TARGET_QR_RATIO}×)"
        print(f"{name:<44} {ours:8.2f} {base:8.2f} {ours / n * 1000:8.1f} {ours / base:6.2f}{flag}")
    ours_qr = qr_rows[0][1]  # (ours is reused by the later cases)
    rest = ours_qr - no_qr - encode - path_text - flate1
    print(
        f"  the QR's {ours_qr - no_qr:.2f} s: encoder {encode:.2f} s ({encode / n * 1000:.2f} ms each) + path text "
        f"{path_text:.2f} s + Flate of the path text (ISA-L level {certificate._QR_FLATE_LEVEL}) {flate1:.2f} s + the rest {rest:.2f} s "
        f"(at ReportLab's level that Flate would take {flate:.2f} s)"
    )
    print(
        f"  floors: the encoder alone {(no_qr + encode) / no_qr:.2f}×; encoder + path text + its Flate "
        f"(any compressed vector drawing) {(no_qr + encode + path_text + flate1) / no_qr:.2f}× the pages without a QR"
    )
    print(
        f"  payload v2: {digits:.0f} digits, symbol {'/'.join(map(str, sides))} modules; "
        f"v1: {chars_v1:.0f} characters, {'/'.join(map(str, sides_v1))} modules"
    )
    print()
    mean_size = statistics.fmean(sizes)
    print(
        f"single certificate file: mean {mean_size / 1024:.1f} KB, max {max(sizes) / 1024:.1f} KB "
        f"(raw {statistics.fmean(raw_sizes) / 1024:.1f} KB; target ≤ {TARGET_CERT_BYTES // 1024} KB)"
        + ("" if max(sizes) <= TARGET_CERT_BYTES else "  OVER TARGET")
    )
    print(f"batch certificate PDF: {batch_size / 1024:.0f} KB for {n} ({batch_size / n / 1024:.1f} KB each)")
    print(f"single score sheet file: mean {statistics.fmean(sheet_sizes) / 1024:.1f} KB")


if __name__ == "__main__":
    main()
