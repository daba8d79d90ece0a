"""The PDF documents of an exam: plain report data from the database, then ReportLab.

The CLI and the trainer console call these same functions; each takes an optional
`progress(done, total)` so the GUI can show a bar.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from baiwen_desktop.core.certsign import CertFields, VerifyResult, payload_fields, sign_payload
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.gc_pause import cycle_collection_paused
from baiwen_desktop.core.question import QType, question_label
from baiwen_desktop.core.stats import summarise
from baiwen_desktop.reports import analysis as analysis_pdf
from baiwen_desktop.reports import certificate as certificate_pdf
from baiwen_desktop.reports import scoresheet as scoresheet_pdf
from baiwen_desktop.reports import summary as summary_pdf
from baiwen_desktop.reports.data import (
    CandidateResult,
    Certificate,
    ClassSummary,
    HistogramBin,
    Progress,
    QuestionRow,
    ReportHeader,
    TypeRow,
    UnitStat,
)
from baiwen_desktop.services import audit, certs, exams, frozen_papers, results, settings
from baiwen_desktop.services.item_analysis import item_analysis_of
from baiwen_desktop.store.clock import db_now
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Attempt
from baiwen_desktop.store.models import Certificate as CertificateRow

Kind = Literal["scoresheets", "summary", "analysis", "certificates"]
KINDS: tuple[Kind, ...] = ("scoresheets", "summary", "analysis", "certificates")
MODES = {"submitted": "normal", "auto_submitted": "auto", "forced": "forced"}


STATION_COPY = exams.STATION_COPY  # the mark and its test live with the exam (results exports use them too)
is_station_copy = exams.is_station_copy


def require_certificates_here(store: Store, exam_id: int) -> None:
    """HQ issues the certificates of an HQ exam package, with its numbers and key; a station does not."""
    exam = exams.get_exam(store, exam_id)
    if is_station_copy(exam):
        raise BaiwenError(
            f"考试“{exam.title}”是总部下发的考试包，合格证书由总部统一签发，本站不签发。请导出成绩包交回总部；"
            "本站可打印成绩单（标注“站点成绩，以总部为准”）。",
            f"exam '{exam.title}' came in an HQ exam package: HQ issues its certificates, not this station. "
            "Export the results package and return it to HQ.",
        )


def header(store: Store, exam_id: int, rows: list[results.ResultRow]) -> ReportHeader:
    cfg = settings.get_all(store)
    exam = exams.get_exam(store, exam_id)
    day = min((r.started_at for r in rows), default=datetime.now()).date()
    notice = STATION_COPY if is_station_copy(exam) else ""
    return ReportHeader(cfg["organisation"] or "（未设置单位名称）", exam.title, day, cfg["station"], notice)


def _final_rows(
    store: Store, exam_id: int, class_name: str | None, every_attempt: bool = False, with_questions: bool = True
) -> list[results.ResultRow]:
    rows = [r for r in results.results(store, exam_id, class_name, every_attempt, with_questions) if not r.pending_review]
    if not rows:
        raise BaiwenError("该考试还没有已定分的成绩（简答题需先完成阅卷）", "no final results for this exam yet (review short answers first)")
    return rows


def attempt_note(r: results.ResultRow, retaken: bool) -> str:
    """「补考 · 计入成绩」 on the score sheet of a candidate with more than one attempt."""
    return f"{r.attempt_label} · {'计入成绩' if r.counts else '不计入成绩'}" if retaken else ""


def candidate_result(r: results.ResultRow, note: str = "") -> CandidateResult:
    by_type: dict[str, list[object]] = {}
    qrows = []
    for q in r.questions:
        label = QType(q.qtype).label
        row = by_type.setdefault(label, [0, 0, Decimal(0), Decimal(0)])
        row[0] += 1  # type: ignore[operator]
        row[1] += int(q.points == q.max_points)  # type: ignore[operator]
        row[2] += q.points  # type: ignore[operator]
        row[3] += q.max_points  # type: ignore[operator]
        qrows.append(QuestionRow(q.position + 1, label, question_label(q.question_id, q.source), q.answer_text, q.key_text, q.points, q.max_points))
    return CandidateResult(
        employee_no=r.employee_no,
        name=r.name,
        unit=r.unit,
        score=r.score,
        total=r.total,
        pass_mark=r.pass_mark,
        passed=bool(r.passed),
        time_used_s=r.time_used_s,
        submit_mode=MODES.get(r.status, "normal"),  # type: ignore[arg-type]
        type_rows=tuple(TypeRow(k, *v) for k, v in by_type.items()),  # type: ignore[arg-type]
        question_rows=tuple(qrows),
        attempt_note=note,
        counts=r.counts,
    )


def class_summary(rows: list[results.ResultRow]) -> ClassSummary:
    """Every attempt is listed (首考/补考 marked); the statistics use only the attempts that count."""
    counted = [r for r in rows if r.counts]
    total, pass_mark = counted[0].total, counted[0].pass_mark
    st = summarise([r.score for r in counted], total, pass_mark)
    retaken = {r.candidate_id for r in rows if r.attempt_no > 1}
    units: dict[str, list[results.ResultRow]] = defaultdict(list)
    for r in counted:
        units[r.unit or "（未填单位）"].append(r)
    unit_stats = tuple(
        UnitStat(u, len(rs), float(sum((r.score for r in rs), Decimal(0))) / len(rs), sum(1 for r in rs if r.passed) / len(rs))
        for u, rs in sorted(units.items())
    )
    return ClassSummary(
        candidates=tuple(candidate_result(r, attempt_note(r, r.candidate_id in retaken)) for r in rows),
        count=st.count, mean=st.mean, median=st.median, stdev=st.stdev, max_score=st.maximum, min_score=st.minimum,
        pass_rate=st.pass_rate, total=total, pass_mark=pass_mark,
        histogram=tuple(HistogramBin(a, b, c) for a, b, c in st.histogram), unit_stats=unit_stats,
    )


CERTIFICATE_TITLE_LIMIT = 200  # characters: the citation at its smallest size, and well inside the QR's capacity


def issue_certificates(
    store: Store, rows: list[results.ResultRow], issuer: certs.Issuer | None, today: date | None = None
) -> list[Certificate]:
    """One numbered, signed certificate per passed attempt, signed by an unlocked issuer.

    Reprinting returns the same number. Only a change of the signed name, score or pass result
    revokes the old number (never reused, audited with what changed) and issues a new one.
    Before anything is signed, every score is recomputed from the stored answers; a
    disagreement refuses the whole batch.
    """
    if not rows:
        return []
    require_certificates_here(store, rows[0].exam_id)
    if issuer is None:
        raise BaiwenError("生成合格证书需要先输入签发口令", "certificates need the signing passphrase (unlock the issuer first)")
    problems = _score_problems(store, rows)
    if problems:
        raise BaiwenError(
            "成绩与答卷不符，拒绝签发证书：" + "；".join(problems) + "。请检查数据库是否被改动，或重新阅卷。",
            "the stored score disagrees with the answers; no certificate signed: " + "; ".join(problems),
        )
    cfg = settings.get_all(store)
    title = exams.get_exam(store, rows[0].exam_id).title
    if len(title) > CERTIFICATE_TITLE_LIMIT:  # an exam from before titles were limited: the page and its QR have no room
        raise BaiwenError(
            f"考试名称有 {len(title)} 个字，证书最多容纳 {CERTIFICATE_TITLE_LIMIT} 个字，无法签发证书。请复制该考试并使用较短的名称。",
            f"the exam title has {len(title)} characters; a certificate holds at most {CERTIFICATE_TITLE_LIMIT}: no certificate signed",
        )
    if today is None:
        with store.session() as s:
            today = db_now(s).date()  # the year numbers certificates: the server's, not this PC's
    out = []
    for r in rows:
        for _try in range(10):  # another PC may take the same serial or attempt at the same moment: retry
            try:
                cert = _certificate_for(store, r, title, cfg, issuer, today)
                break
            except IntegrityError:
                continue
        else:
            raise BaiwenError("证书编号分配冲突，请重试", "certificate number clash; try again")
        if cert is not None:
            out.append(cert)
    return out


def _score_problems(store: Store, rows: list[results.ResultRow]) -> list[str]:
    by_id = {r.attempt_id: r for r in rows}
    with store.session() as s:
        found = {a.id: a for a in s.scalars(select(Attempt).where(Attempt.id.in_(by_id)))}
        papers = frozen_papers.thaw_many(s, frozen_papers.stored_many(s, found))
        problems = []
        for attempt_id, r in by_id.items():
            a = found.get(attempt_id)
            why = "答卷不存在" if a is None else certs.score_disagreement(a, papers[a.id])
            if why:
                problems.append(f"{r.employee_no} {r.name}：{why}")
        return problems


def _change(signed: CertFields, r: results.ResultRow) -> str:
    """What changed since a certificate was signed, in words for the audit log ("" if nothing)."""
    why = []
    if signed.name != r.name:
        why.append(f"姓名由 {signed.name} 改为 {r.name}")
    if signed.score != r.score:
        why.append(f"成绩由 {signed.score} 改为 {r.score}")
    if not r.passed:
        why.append("复核后不合格")
    return "；".join(why)


def _certificate_for(
    store: Store, r: results.ResultRow, title: str, cfg: dict[str, str], issuer: certs.Issuer, today: date
) -> Certificate | None:
    with store.session() as s, s.begin():
        live = list(
            s.scalars(
                select(CertificateRow)
                .join(Attempt, CertificateRow.attempt_id == Attempt.id)
                .where(Attempt.exam_id == r.exam_id, Attempt.candidate_id == r.candidate_id, CertificateRow.revoked.is_(False))
            )
        )
        row = None
        for old in live:
            if old.attempt_id != r.attempt_id:  # certificates follow the attempt that counts
                certs.revoke_row(s, old, "计入成绩的答卷已改为另一次考试", issuer.actor)
                continue
            why = _change(payload_fields(old.payload), r)
            if why:
                certs.revoke_row(s, old, why, issuer.actor)
            else:
                row = old
        if not r.passed:
            return None
        if row is None:
            serial, number = certs.next_number(s, today.year)
            fields = CertFields(number, r.employee_no, r.name, title, r.score, today)
            row = CertificateRow(
                number=number, year=today.year, serial=serial, attempt_id=r.attempt_id, key_id=issuer.kid,
                issued_at=datetime.combine(today, db_now(s).time()), payload=sign_payload(fields, issuer.private_key),
            )
            s.add(row)
            s.flush()
            audit.record(s, "certificate", issuer.actor, attempt_id=r.attempt_id, exam_id=r.exam_id, detail=number)
        return Certificate(row.number, cfg["certificate_title"], r.name, r.employee_no, title, r.score, cfg["organisation"], row.issued_at.date(), row.payload)


def verify(store: Store, text: str) -> VerifyResult:
    return certs.verify(store, text)


def export_public_key(store: Store, out: Path) -> Path:
    return certs.export_keys(store, out)


@cycle_collection_paused()  # thousands of rows, flowables and drawing operations alive at once: see core.gc_pause
def generate(
    store: Store,
    kind: Kind,
    exam_id: int,
    out: Path,
    class_name: str | None = None,
    per_candidate: bool = False,
    show_correct_answers: bool = True,
    sort_by: str = "unit",
    actor: str = "system",
    progress: Progress | None = None,
    issuer: certs.Issuer | None = None,
) -> list[Path]:
    """Write one kind of document; returns the files written. Certificates need an unlocked issuer
    and are refused for an HQ package's exam; its other documents are marked 站点成绩，以总部为准."""
    if kind == "certificates":
        require_certificates_here(store, exam_id)
    if kind == "scoresheets":  # every attempt, each marked 首考/补考 and whether it counts
        rows = _final_rows(store, exam_id, class_name, every_attempt=True)
        head = header(store, exam_id, rows)
        retaken = {r.candidate_id for r in rows if r.attempt_no > 1}
        data = [candidate_result(r, attempt_note(r, r.candidate_id in retaken)) for r in rows]
        if per_candidate:
            return scoresheet_pdf.render_scoresheet_files(data, head, out, show_correct_answers, progress)
        return [scoresheet_pdf.render_scoresheets(data, head, out, show_correct_answers, progress)]
    if kind == "summary":  # every attempt listed; statistics over the attempts that count; no per-question detail
        rows = _final_rows(store, exam_id, class_name, every_attempt=True, with_questions=False)
        final = {r.candidate_id for r in rows if r.counts}  # a candidate whose counting attempt awaits 阅卷 is left out
        rows = [r for r in rows if r.candidate_id in final]
        if not rows:
            raise BaiwenError("该考试还没有已定分的成绩（简答题需先完成阅卷）", "no final results for this exam yet (review short answers first)")
        head = header(store, exam_id, [r for r in rows if r.counts])
        return [summary_pdf.render_summary(class_summary(rows), head, out, "score" if sort_by == "score" else "unit", progress)]
    if kind == "analysis":  # the attempt that counts, one per candidate; read column-wise
        rows = _final_rows(store, exam_id, class_name, with_questions=False)
        return [analysis_pdf.render_item_analysis(item_analysis_of(store, rows), header(store, exam_id, rows), out, progress)]
    rows = _final_rows(store, exam_id, class_name)  # the attempt that counts, one per candidate
    head = header(store, exam_id, rows)
    if kind == "certificates":
        issued = issue_certificates(store, rows, issuer)
        if not issued:
            raise BaiwenError("没有合格的考生，不生成证书", "nobody passed; no certificates")
        if per_candidate:
            return certificate_pdf.render_certificate_files(issued, out, progress)
        return [certificate_pdf.render_certificates(issued, out, progress)]
    raise BaiwenError(f"未知的文档类型 {kind}", f"unknown document kind {kind}")
