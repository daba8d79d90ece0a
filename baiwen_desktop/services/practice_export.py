"""The trainer's class view of practice as files: XLSX (items, trainees) and the PDF 学习情况报告."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from baiwen_desktop.core.practice import ALL_ITEMS, accuracy_band, item_section
from baiwen_desktop.core.question import SECTIONS
from baiwen_desktop.files.results_file import Sheet, write_results
from baiwen_desktop.reports.data import Progress, ReportHeader
from baiwen_desktop.reports.practice_report import (
    ItemRow,
    PracticeReport,
    TraineeLine,
    render_practice_report,
)
from baiwen_desktop.services import settings
from baiwen_desktop.services.practice import ClassView, class_view
from baiwen_desktop.store.engine import Store

ITEM_HEADER = ["条目", "部分", "答题次数", "答对", "正确率", "薄弱程度"]
TRAINEE_HEADER = ["工号", "姓名", "班级", "答题次数", "答对", "正确率", "练过条目", "最近练习", "需要关注"]
BAND_NAMES = {"none": "无人练习", "low": "薄弱（<60%）", "mid": "一般（60%–74%）", "ok": "良好（75%–89%）", "good": "掌握（≥90%）"}
REPORT_TITLE = "百问百查（2009版）考前学习"


def report_of(view: ClassView) -> PracticeReport:
    items = tuple(ItemRow(k, item_section(k), view.items[k].answered, view.items[k].right, accuracy_band(view.items[k])) for k in ALL_ITEMS)
    by_key = {i.key: i for i in items}
    weakest = tuple(by_key[k] for k, t in view.weakest() if t.answered)
    sections = tuple(
        (s, sum(i.answered for i in items if i.section == s), sum(i.right for i in items if i.section == s)) for s in SECTIONS
    )
    behind = {t.candidate_id for t in view.behind}
    trainees = tuple(
        TraineeLine(t.employee_no, t.name, t.class_name, t.answered, t.right, t.items_seen, t.last_at, t.candidate_id in behind)
        for t in view.trainees
    )
    return PracticeReport(view.class_name, view.generated_at, items, weakest, sections, trainees)


def _ratio(answered: int, right: int) -> object:
    return round(right / answered, 4) if answered else ""


def export_xlsx(store: Store, path: Path, class_name: str = "") -> Path:
    r = report_of(class_view(store, class_name))
    items = Sheet("条目", ITEM_HEADER, [
        [i.key, i.section, i.answered, i.right, _ratio(i.answered, i.right), BAND_NAMES[i.band]]
        for i in sorted(r.items, key=lambda i: (i.accuracy is None, i.accuracy or 0.0))
    ])
    people = Sheet("学员", TRAINEE_HEADER, [
        [t.employee_no, t.name, t.class_name, t.answered, t.right, _ratio(t.answered, t.right), t.items_seen,
         t.last_at.strftime("%Y-%m-%d %H:%M") if t.last_at else "", "是" if t.behind else ""]
        for t in r.trainees
    ])
    write_results(path, "xlsx", [items, people])
    return path


def export_pdf(store: Store, path: Path, class_name: str = "", progress: Progress | None = None) -> Path:
    r = report_of(class_view(store, class_name))
    header = ReportHeader(settings.get(store, "organisation"), REPORT_TITLE, date.today())
    return render_practice_report(r, header, path, progress)
