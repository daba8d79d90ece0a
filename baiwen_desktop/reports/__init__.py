"""PDF documents as pure functions from plain data (reports.data) to files.

No Qt, no SQL: the services layer builds the dataclasses, these functions lay them out with
ReportLab and write the PDF atomically. Every render function takes an optional
``progress(done, total)`` callback for a GUI progress bar.

    render_scoresheets / render_scoresheet / render_scoresheet_files   成绩单
    render_summary                                                     成绩汇总表
    render_item_analysis                                               试题分析
    render_result_cover                                                成绩包封面
    render_certificates / render_certificate / render_certificate_files 合格证书
"""

from reportlab import rl_config

from baiwen_desktop.reports.analysis import analysis_reading, render_item_analysis
from baiwen_desktop.reports.certificate import (
    render_certificate,
    render_certificate_files,
    render_certificates,
)
from baiwen_desktop.reports.data import (
    SUBMIT_MODE_LABELS,
    CandidateResult,
    Certificate,
    ClassSummary,
    HistogramBin,
    ItemAnalysis,
    ItemAnalysisRow,
    QuestionRow,
    ReportHeader,
    ResultPackageCover,
    TypeRow,
    UnitStat,
    flags_for,
)
from baiwen_desktop.reports.fonts import register_fonts
from baiwen_desktop.reports.output import candidate_filename
from baiwen_desktop.reports.package_cover import render_result_cover
from baiwen_desktop.reports.scoresheet import (
    render_scoresheet,
    render_scoresheet_files,
    render_scoresheets,
    verification_code,
)
from baiwen_desktop.reports.summary import render_summary

# Every document's compressed streams stay binary. ReportLab's default wraps them in ASCII85 as
# well: a quarter bigger files, and without its optional C accelerator (rl_accel, not a
# dependency) the pure-Python encoding of a certificate's QR path cost more than encoding the QR.
# Read when a document is saved, so setting it once here covers every renderer.
rl_config.useA85 = 0

__all__ = [
    "SUBMIT_MODE_LABELS",
    "CandidateResult",
    "Certificate",
    "ClassSummary",
    "HistogramBin",
    "ItemAnalysis",
    "ItemAnalysisRow",
    "QuestionRow",
    "ReportHeader",
    "ResultPackageCover",
    "TypeRow",
    "UnitStat",
    "analysis_reading",
    "candidate_filename",
    "flags_for",
    "register_fonts",
    "render_certificate",
    "render_certificate_files",
    "render_certificates",
    "render_item_analysis",
    "render_result_cover",
    "render_scoresheet",
    "render_scoresheet_files",
    "render_scoresheets",
    "render_summary",
    "verification_code",
]
