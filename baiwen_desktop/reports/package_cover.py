"""成绩包封面: one A4 page printed with a result package and kept with the USB stick.

The station key's fingerprint is printed large, in numbered groups of four, so the station manager
can read it to HQ by phone and HQ can compare it with what its import shows. The cover carries no
score: the package itself is encrypted to HQ.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from baiwen_desktop.core.readout import groups_of, spoken
from baiwen_desktop.reports.data import ReportHeader, ResultPackageCover
from baiwen_desktop.reports.document import build_document, draw_page_frame
from baiwen_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts
from baiwen_desktop.reports.formatting import para_text
from baiwen_desktop.reports.paging import GroupMark, PageInfo
from baiwen_desktop.reports.styles import ACCENT, GRID, HEAD_BG, MARGIN, MUTED, PAGE, WIDTH, styles

__all__ = ["fingerprint_groups", "reading_aid", "render_result_cover"]

DOCUMENT = "成绩包封面"
fingerprint_groups = groups_of  # the names the cover has always used
reading_aid = spoken


def _sha_lines(sha: str) -> str:
    groups = fingerprint_groups(sha)
    return "\n".join(" ".join(groups[i : i + 8]) for i in range(0, len(groups), 8))


def _fingerprint_table(groups: list[str]) -> Table:
    n = max(1, len(groups))
    col = WIDTH / n
    big = ParagraphStyle("bw-fp", fontName=FONT_BOLD, fontSize=30 if n <= 5 else 20, leading=36 if n <= 5 else 26, alignment=TA_CENTER)
    small = ParagraphStyle("bw-fp-no", fontName=FONT, fontSize=9, leading=12, alignment=TA_CENTER, textColor=MUTED)
    said = ParagraphStyle("bw-fp-say", fontName=FONT, fontSize=11, leading=14, alignment=TA_CENTER, textColor=ACCENT)
    rows = [
        [Paragraph(f"第 {i} 组", small) for i in range(1, n + 1)],
        [Paragraph(para_text(g), big) for g in groups] or [""],
        [Paragraph(para_text(reading_aid(g)), said) for g in groups] or [""],
    ]
    t = Table(rows, colWidths=[col] * n)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 10),  # else empty cells name an unembedded Helvetica
                ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
                ("LINEAFTER", (0, 0), (-2, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, 1), 8),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
            ]
        )
    )
    return t


def _facts_table(cover: ResultPackageCover) -> Table:
    st = styles()
    label = ParagraphStyle("bw-cover-l", parent=st.cell, fontName=FONT_BOLD, fontSize=10, leading=13)
    value = ParagraphStyle("bw-cover-v", parent=st.cell, fontSize=10, leading=13)
    mono = ParagraphStyle("bw-cover-m", parent=value, fontSize=10.5, leading=14)
    counts = f"{cover.candidates} 名考生，{cover.attempts} 份已交答卷" + (
        f"（另有 {cover.unfinished} 份未交卷，未导出，交卷后再导出一次）" if cover.unfinished else "（没有未交的答卷）")
    facts = [
        ("站点名称", cover.station_name, value),
        ("站点标识", cover.station_id, value),
        ("考试", cover.exam_title, value),
        ("成绩包编号", cover.package_id, value),
        *([("文件名", cover.file_name, value)] if cover.file_name else []),
        ("文件校验码 SHA-256", _sha_lines(cover.file_sha256), mono),
        ("生成时间", f"{cover.created_at:%Y-%m-%d %H:%M}", value),
        ("内容", counts, value),
    ]
    rows = [[Paragraph(para_text(k), label), Paragraph(para_text(v), style)] for k, v, style in facts]
    t = Table(rows, colWidths=[42 * mm, WIDTH - 42 * mm])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 10),  # else empty cells name an unembedded Helvetica
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (0, -1), HEAD_BG),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return t


def _handover_table() -> Table:
    st = styles()
    text = ParagraphStyle("bw-cover-h", parent=st.cell, fontSize=10, leading=14)
    rows = [
        [Paragraph("□ 站点：已用电话向总部逐组读出上面的站点指纹，总部核对一致", text), ""],
        [Paragraph("站点负责人（签字）：", text), Paragraph("日期：", text)],
        [Paragraph("□ 总部：导入成绩包时显示的站点指纹与本页一致", text), ""],
        [Paragraph("总部接收人（签字）：", text), Paragraph("日期：", text)],
    ]
    t = Table(rows, colWidths=[WIDTH * 0.7, WIDTH * 0.3], rowHeights=[10 * mm, 13 * mm, 10 * mm, 13 * mm])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 10),  # else empty cells name an unembedded Helvetica
                ("SPAN", (0, 0), (1, 0)),
                ("SPAN", (0, 2), (1, 2)),
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return t


def _story(cover: ResultPackageCover) -> list[Flowable]:
    st = styles()
    heading = ParagraphStyle("bw-cover-h2", parent=st.h2, fontSize=12.5, leading=17)
    note = ParagraphStyle("bw-cover-note", parent=st.body, fontSize=9.5, leading=13.5, textColor=MUTED, spaceBefore=3)
    groups = fingerprint_groups(cover.fingerprint)
    return [
        Paragraph("成绩包封面", st.title),
        Paragraph("随 U 盘交回总部　·　请与 U 盘放在一起保管", st.subtitle),
        Paragraph(para_text(f"{cover.organisation}　{cover.exam_title}" if cover.organisation else cover.exam_title), st.meta),
        Spacer(1, 6 * mm),
        Paragraph("站点指纹（电话核对用）", heading),
        _fingerprint_table(groups),
        Paragraph(
            "电话核对时逐组读出，总部在导入成绩包时看到的指纹必须与此完全一致；不一致时不要导入，"
            "请确认这台电脑是否更换过。数字读法：1 读“幺”，2 读“两”，7 读“拐”，9 读“勾”，0 读“洞”。",
            note,
        ),
        Spacer(1, 4 * mm),
        Paragraph("成绩包", heading),
        _facts_table(cover),
        Paragraph("文件校验码用于核对 U 盘上的文件是否就是本站导出的那一个。", note),
        Spacer(1, 4 * mm),
        Paragraph("交接记录", heading),
        _handover_table(),
        Spacer(1, 4 * mm),
        Paragraph(
            "成绩包已用本站密钥签名，并加密给总部：U 盘丢失时，拾到的人看不到任何答案和成绩，也无法改动而不被发现。"
            "本封面不含成绩。U 盘丢失或文件损坏时，可随时在本站重新导出成绩包（新导出的包含此前的全部内容）。",
            note,
        ),
    ]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _decorate(canv: Canvas, info: PageInfo) -> None:
    cover: ResultPackageCover = info.group_data
    draw_page_frame(canv, info, running_title=DOCUMENT, footer_left=_short(cover.station_name, 16), footer_right=f"成绩包 {cover.package_id[:8]}")


def render_result_cover(cover: ResultPackageCover, out_path: str | os.PathLike[str]) -> Path:
    """Write the one-page A4 cover of a result package; returns the path (written atomically)."""
    register_fonts()
    body = KeepInFrame(WIDTH, PAGE[1] - 2 * MARGIN - 2 * mm, _story(cover), mode="shrink")  # always one page
    header = ReportHeader(cover.organisation, cover.exam_title, cover.created_at.date(), cover.station_name)
    return build_document(out_path, [GroupMark(0, cover), body], header=header, document=DOCUMENT, decorate=_decorate)
