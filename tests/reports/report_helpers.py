"""PDF inspection helpers and certificate factory for the report tests (imported by name)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from baiwen_desktop.core.certsign import CertFields, SigningKeys, sign_payload
from baiwen_desktop.reports.data import Certificate
from baiwen_desktop.reports.samples import sample_certificate


def signed_certificate(keys: SigningKeys, index: int = 0, **changes: object) -> Certificate:
    cert = replace(sample_certificate(index), **changes)
    fields = CertFields(
        cert.number, cert.employee_no, cert.name, cert.exam_title, cert.score, cert.issue_date
    )
    return replace(cert, qr_payload=sign_payload(fields, keys.private_key))


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def compact(text: str) -> str:
    """Extracted text without whitespace: letter-spaced titles come out with gaps."""
    return "".join(text.split())


def font_report(path: Path) -> dict[str, bool]:
    """BaseFont → whether its glyphs are embedded as TrueType (FontFile2), over all pages."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        if resources is None or "/Font" not in resources:
            continue
        for ref in resources["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            fonts[str(font["/BaseFont"])] = embedded
    return fonts
