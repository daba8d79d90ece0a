"""`baiwen demo`: a whole class sits an exam (the standard one unless named) through the real code path."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.core.grading import Response
from baiwen_desktop.core.paper import PaperItem
from baiwen_desktop.core.question import QType
from baiwen_desktop.files.roster_file import RosterRow
from baiwen_desktop.services import (
    accounts,
    attempts,
    bulk_attempts,
    certs,
    documents,
    exams,
    results,
    retakes,
    review,
    roster,
    sessions,
    settings,
)
from baiwen_desktop.store.engine import Store

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红志文斌宇浩凯鹏辉俊峰琳晨"
UNITS = ["城区供电所", "城郊供电所", "东山供电所", "西河供电所", "客户服务中心", "营销部"]
DEMO_TRAINER = "demo"
DEMO_PASSPHRASE = "demo-passphrase"  # the demo's own 签发口令 (a throwaway data folder)
PDF_NAMES = {"scoresheets": "成绩单", "summary": "成绩汇总表", "analysis": "试题分析", "certificates": "合格证书"}


@dataclass(frozen=True)
class DemoOutcome:
    exam_id: int
    candidates: int
    mean: float
    pass_rate: float
    results_json: Path
    files: tuple[Path, ...] = ()  # everything written to `out`: results.json, then the PDFs
    exam_title: str = ""
    session_id: int = 0


def _wrong_choice(item: PaperItem, rng: random.Random) -> list[int]:
    q = item.question
    wrong = [i for i in range(len(q.options)) if i not in q.correct]
    if q.qtype is QType.SINGLE:
        return [rng.choice(wrong)] if wrong else list(q.correct)
    # a 多选 miss: drop a right option or add a wrong one
    chosen = set(q.correct)
    if wrong and rng.random() < 0.5:
        chosen.add(rng.choice(wrong))
    elif len(chosen) > 1:
        chosen.discard(rng.choice(sorted(chosen)))
    return sorted(chosen)


def simulate_response(item: PaperItem, accuracy: float, rng: random.Random) -> Response:
    q = item.question
    right = rng.random() < accuracy
    if q.qtype in (QType.SINGLE, QType.MULTI):
        return sorted(q.correct) if right else _wrong_choice(item, rng)
    if q.qtype is QType.JUDGE:
        return bool(q.truth) if right else not q.truth
    if q.qtype is QType.BLANK:
        return [alts[0] if rng.random() < accuracy else "不记得" for alts in q.blanks]
    hits = [p.keywords[0] for p in q.points if rng.random() < accuracy]
    return "，".join(hits) + "。" if hits else "不清楚。"


def make_roster(n: int, rng: random.Random, class_name: str, prefix: str = "D") -> list[RosterRow]:
    rows = []
    for i in range(n):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        rows.append(RosterRow(f"{prefix}{i + 1:05d}", name, rng.choice(UNITS), "", class_name))
    return rows


DEFAULT_CANDIDATES = 50


def is_hq_exam(exam: exams.ExamInfo) -> bool:
    """An exam imported from an HQ exam package: HQ reviews its 简答 and issues its certificates."""
    return bool(exam.definition.extra.get("hq_package"))


def _existing_exam(store: Store, exam_id: int) -> exams.ExamInfo:
    try:
        exam = exams.get_exam(store, exam_id)
    except BaiwenError as e:
        raise BaiwenError(
            f"没有编号为 {exam_id} 的考试（用 baiwen exam list 查看考试编号）",
            f"no exam with id {exam_id} (baiwen exam list shows the ids)",
        ) from e
    if exam.archived:
        raise BaiwenError(f"考试 {exam_id}“{exam.title}”已归档，不能再考", f"exam {exam_id} is archived")
    return exam


def _open_session_of(store: Store, exam_id: int) -> sessions.SessionInfo | None:
    """The oldest open session of the exam (e.g. the one an HQ exam package opened), if any."""
    mine = [x for x in sessions.open_sessions(store) if x.exam.id == exam_id]
    return min(mine, key=lambda x: x.id) if mine else None


def _demo_class(store: Store, exam_id: int, candidates: int, rng: random.Random, seed: int) -> tuple[str, list[roster.CandidateInfo]]:
    """The demo class of this seed (its own 工号, so seeds never share a person), minus anyone of it who
    already sat this exam (a second run with the same seed)."""
    class_name = f"演示班（种子{seed}）"
    roster.import_rows(store, make_roster(candidates, rng, class_name, f"D{seed}-"), DEMO_TRAINER, source="demo")
    sat = {r.employee_no for r in results.results(store, exam_id, class_name, every_attempt=True)}
    return class_name, [p for p in roster.list_candidates(store, class_name=class_name) if p.employee_no not in sat]


def _retaking(store: Store, exam_id: int, candidate_ids: list[int]) -> set[int]:
    """Those who handed this exam in before (at login they showed a 补考 grant): they start one by one."""
    with store.session() as s:
        return {cid for cid in candidate_ids if retakes.finished_count(s, exam_id, cid)}


def run_demo(
    store: Store,
    out: Path,
    candidates: int | None = None,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    with_pdfs: bool = True,
    exam_id: int | None = None,
) -> DemoOutcome:
    """Without `exam_id`: a new demo class of `candidates` (50) sits a new copy of the standard exam.
    With it: that existing exam; if a session of it is open (as after importing an HQ exam package),
    its not-yet-started candidates sit it (the first `candidates` of them) and the session stays open
    for the trainer to close; else a demo class sits it in a session the demo opens and closes."""
    rng = random.Random(seed)
    exam = _existing_exam(store, exam_id) if exam_id is not None else None
    out.mkdir(parents=True, exist_ok=True)
    if not accounts.has_admin(store):
        accounts.create_trainer(store, DEMO_TRAINER, "demo-password", is_admin=True, display_name="演示管理员")
    cfg = settings.get_all(store)
    if not cfg["organisation"]:
        settings.put(store, {"organisation": "国网某县供电公司", "station": "培训中心第一考场", "setup_done": "1"}, DEMO_TRAINER)
    station = cfg["station"] or "培训中心第一考场"
    found = _open_session_of(store, exam.id) if exam is not None else None
    if found is not None:
        sess, class_name = found, found.class_name
        waiting = {r.candidate_id for r in sessions.live_rows(store, found.id) if r.status == "not_started"}
        people = [p for p in roster.list_candidates(store, class_name=class_name or None) if p.id in waiting][: candidates or None]
    elif exam is not None:
        class_name, people = _demo_class(store, exam.id, candidates or DEFAULT_CANDIDATES, rng, seed)
        if people:
            sess = sessions.open_session(store, exam.id, DEMO_TRAINER, class_name=class_name, station="")
    else:
        class_name = f"演示班（种子{seed}）"
        roster.import_rows(store, make_roster(candidates or DEFAULT_CANDIDATES, rng, class_name), DEMO_TRAINER, source="demo")
        # a fixed paper (options still shuffled) so that the item analysis sees every item for everyone
        exam = exams.create_exam(store, parse_exam({**STANDARD_EXAM, "fixed_paper": True}, "standard exam"), DEMO_TRAINER)
        people = roster.list_candidates(store, class_name=class_name)
        sess = sessions.open_session(store, exam.id, DEMO_TRAINER, class_name=class_name, station="")
    if not people and found is not None:
        raise BaiwenError(
            f"考试 {exam.id}“{exam.title}”第 {found.id} 场的考生都已参考，没有可供演示的考生",
            f"everyone of session {found.id} of exam {exam.id} has sat it already; nobody left for the demo",
        )
    if not people:
        raise BaiwenError(
            f"演示班（种子{seed}）已参加过考试 {exam.id}“{exam.title}”，请换一个 --seed 再试",
            f"the demo class of seed {seed} has sat exam {exam.id} already; try another --seed",
        )
    # each candidate logs in (the roster check), the class starts together (a 补考 claims its grant one by one)
    cards = [attempts.find_candidate(store, sess.id, person.employee_no, person.name) for person in people]
    retaking = _retaking(store, exam.id, [c.id for c in cards])
    firsts = iter(bulk_attempts.start_many(store, sess.id, [c.id for c in cards if c.id not in retaking], station))
    started = [attempts.start_attempt(store, sess.id, c.id, station).attempt_id if c.id in retaking else next(firsts) for c in cards]
    used: dict[int, int] = {}
    for n, attempt_id in enumerate(started, start=1):
        accuracy = min(0.98, max(0.3, rng.gauss(0.72, 0.14)))
        state = attempts.load_attempt(store, attempt_id)  # the station's view of its paper
        for pos, item in enumerate(state.paper.items):
            attempts.save_answer(store, attempt_id, pos, simulate_response(item, accuracy, rng), False, token=state.lease_token)
        used[attempt_id] = int(state.limit_ms * rng.uniform(0.35, 0.95))
        attempts.heartbeat(store, attempt_id, used[attempt_id], len(state.paper.items) - 1, token=state.lease_token, answered=len(state.paper.items))
        if progress:
            progress(n, len(people))
    # the class hands in together, each with its station's last count
    bulk_attempts.submit_many(store, started, "submitted", "", counted_ms=used)
    # the trainer confirms each suggested 简答 score, as a real review would (at a station: provisional)
    for p in review.pending(store, exam.id):
        review.set_score(store, p.answer_id, p.suggested, DEMO_TRAINER, "演示：确认建议分")
    if found is None:
        sessions.close_session(store, sess.id, DEMO_TRAINER)
    rows = results.results(store, exam.id, class_name or None)
    data = {
        "exam": {"id": exam.id, "title": exam.title, "total": str(exam.definition.total), "pass_mark": str(exam.definition.pass_mark)},
        "candidates": [
            {
                "工号": r.employee_no,
                "姓名": r.name,
                "单位": r.unit,
                "score": str(r.score),
                "passed": r.passed,
                "time_used_s": r.time_used_s,
                "questions": [{"id": q.question_id, "type": q.qtype, "points": str(q.points), "max": str(q.max_points)} for q in r.questions],
            }
            for r in rows
        ],
    }
    path = out / "results.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    st = results.summary(rows)
    written = [path]
    hq = is_hq_exam(exam)
    if with_pdfs:
        issuer = None if hq else demo_issuer(store)
        for kind in documents.KINDS:
            if kind == "certificates" and (issuer is None or hq):
                continue  # a real issuer's database: the demo cannot sign; HQ issues an HQ exam's
            written += documents.generate(store, kind, exam.id, out / f"{PDF_NAMES[kind]}.pdf", class_name or None, actor=DEMO_TRAINER, issuer=issuer)
    return DemoOutcome(exam.id, len(rows), st.mean, st.pass_rate, path, tuple(written), exam.title, sess.id)


def demo_issuer(store: Store) -> certs.Issuer | None:
    """The demo's issuer: set up with the demo passphrase in a fresh folder; None if a real one exists."""
    if not certs.has_issuer(store):
        certs.setup_issuer(store, DEMO_PASSPHRASE, "DEMO", DEMO_TRAINER)
    try:
        return certs.unlock(store, DEMO_PASSPHRASE, DEMO_TRAINER)
    except BaiwenError:
        return None
