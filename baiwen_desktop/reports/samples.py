"""Deterministic demo data for the documents: previews, tests and the benchmark.

Nothing here is used for real exams; statistics are computed naively just to have numbers.
"""

from __future__ import annotations

import random
import statistics
from datetime import date
from decimal import Decimal

from baiwen_desktop.core.numbers import passes
from baiwen_desktop.reports.data import (
    CandidateResult,
    Certificate,
    ClassSummary,
    HistogramBin,
    ItemAnalysis,
    ItemAnalysisRow,
    QuestionRow,
    ReportHeader,
    TypeRow,
    UnitStat,
)

__all__ = [
    "sample_certificate",
    "sample_header",
    "sample_item_analysis",
    "sample_result",
    "sample_results",
    "sample_summary",
]

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰海燕鑫宇浩然子涵梓轩欣怡雨桐思远嘉怡"
)
_UNITS = (
    "城区供电中心",
    "营销服务中心",
    "运维检修部",
    "电力调度控制中心",
    "县公司（东山）",
    "县公司（西河）",
    "信息通信分公司",
    "物资供应中心",
)
_SOURCES = ("安全规程", "营销业务", "配电运维", "电费核算", "优质服务", "变电检修", "调度运行")
_STEMS = (
    "在带电设备附近测量绝缘电阻时，测量人员和绝缘电阻表安放位置应选择适当，保持安全距离",
    "低压居民客户申请新装用电，供电企业答复供电方案的时限不超过几个工作日",
    "工作票签发人可以兼任该项工作的工作负责人",
    "电能计量装置的综合误差超出允许范围时，退补电量应以什么为基准计算",
    "配电变压器三相负荷不平衡率应控制在多少以内",
    "客户对供电企业的服务有异议，可通过哪些渠道进行投诉",
)


def sample_header() -> ReportHeader:
    return ReportHeader(
        organisation="国网示例市供电公司",
        exam_title="2026年第四季度“百问百查”专业知识考试",
        exam_date=date(2026, 11, 27),
        station="第一考场（培训中心302室）",
    )


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def sample_result(index: int, n_questions: int = 50, seed: int = 2026) -> CandidateResult:
    """A plausible graded paper: 单选/多选/判断 mixed, ~75 % correct, a few long answers."""
    rng = random.Random(seed * 100_003 + index)
    ability = rng.uniform(0.45, 0.98)
    # 40 % 单选 ×2, 20 % 多选 ×3, 判断 ×1, the last 4 % 简答 ×6: 50 questions make 100 points.
    kinds = (("单选题", Decimal(2)), ("多选题", Decimal(3)), ("判断题", Decimal(1)), ("简答题", Decimal(6)))
    n_short = max(1, n_questions // 25)
    rows: list[QuestionRow] = []
    for no in range(1, n_questions + 1):
        if no > n_questions - n_short:
            label, max_pts = kinds[3]
        elif no <= n_questions * 0.4:
            label, max_pts = kinds[0]
        elif no <= n_questions * 0.6:
            label, max_pts = kinds[1]
        else:
            label, max_pts = kinds[2]
        right = rng.random() < ability
        if label == "判断题":
            correct = rng.choice(("正确", "错误"))
            answer = correct if right else ("错误" if correct == "正确" else "正确")
        elif label == "单选题":
            correct = rng.choice("ABCD")
            answer = correct if right else rng.choice([c for c in "ABCD" if c != correct])
        elif label == "多选题":
            correct = "".join(sorted(rng.sample("ABCDE", rng.choice((2, 3, 4)))))
            answer = correct if right else "".join(sorted(rng.sample("ABCDE", 2)))
        else:
            correct = (
                "应立即停止作业，撤离危险区域，向工作负责人报告，待查明原因、采取可靠安全措施后方可恢复作业。"
            )
            answer = correct[: rng.randint(10, len(correct))] if right else "停止工作并报告。"
        if rng.random() < 0.02:
            answer, right = "", False
        if label == "简答题":
            pts = (
                (max_pts * Decimal(len(answer)) / Decimal(len(correct))).quantize(Decimal("0.5"))
                if answer
                else Decimal(0)
            )
            pts = min(pts, max_pts)
        else:
            pts = max_pts if right else Decimal(0)
        rows.append(QuestionRow(no, label, rng.choice(_SOURCES), answer, correct, pts, max_pts))
    type_rows = []
    for label, _ in kinds:
        qs = [q for q in rows if q.type_label == label]
        if qs:
            type_rows.append(
                TypeRow(
                    label,
                    len(qs),
                    sum(1 for q in qs if q.points == q.max_points),
                    sum((q.points for q in qs), Decimal(0)),
                    sum((q.max_points for q in qs), Decimal(0)),
                )
            )
    score = sum((q.points for q in rows), Decimal(0))
    total = sum((q.max_points for q in rows), Decimal(0))
    pass_mark = (total * Decimal("0.6")).quantize(Decimal(1))
    return CandidateResult(
        employee_no=f"{31000000 + index * 37:08d}",
        name=_name(rng),
        unit=rng.choice(_UNITS),
        score=score,
        total=total,
        pass_mark=pass_mark,
        passed=passes(score, pass_mark),
        time_used_s=rng.randint(900, 3600),
        submit_mode=rng.choices(("normal", "auto", "forced"), weights=(90, 8, 2))[0],
        type_rows=tuple(type_rows),
        question_rows=tuple(rows),
    )


def sample_results(count: int, n_questions: int = 50, seed: int = 2026) -> list[CandidateResult]:
    return [sample_result(i, n_questions, seed) for i in range(count)]


def sample_summary(results: list[CandidateResult]) -> ClassSummary:
    scores = [float(r.score) for r in results]
    total = results[0].total
    width = float(total) / 10
    bins = []
    for k in range(10):
        low, high = k * width, (k + 1) * width
        count = sum(1 for s in scores if low <= s < high or (k == 9 and s == high))
        bins.append(HistogramBin(low, high, count))
    units = sorted({r.unit for r in results})
    unit_stats = []
    for u in units:
        us = [r for r in results if r.unit == u]
        unit_stats.append(
            UnitStat(
                u, len(us), statistics.fmean(float(r.score) for r in us), sum(r.passed for r in us) / len(us)
            )
        )
    return ClassSummary(
        candidates=tuple(results),
        count=len(results),
        mean=statistics.fmean(scores),
        median=statistics.median(scores),
        stdev=statistics.stdev(scores) if len(scores) > 1 else 0.0,
        max_score=max(scores),
        min_score=min(scores),
        pass_rate=sum(r.passed for r in results) / len(results),
        total=total,
        pass_mark=results[0].pass_mark,
        histogram=tuple(bins),
        unit_stats=tuple(unit_stats),
    )


def sample_item_analysis(n_items: int = 40, candidates: int = 40, seed: int = 7) -> ItemAnalysis:
    rng = random.Random(seed)
    rows = []
    for no in range(1, n_items + 1):
        p = min(1.0, max(0.0, rng.gauss(0.72, 0.18)))
        d = rng.gauss(0.35, 0.15)
        rpb = d * 0.9 + rng.gauss(0, 0.05)
        is_choice = no <= n_items * 0.7
        label = "单选题" if no <= n_items * 0.4 else "多选题" if is_choice else "判断题"
        distractors = None
        key = ""
        if is_choice:
            key = rng.choice("ABCD")
            right = round(p * candidates)
            rest = candidates - right
            others = [c for c in "ABCD" if c != key]
            split = sorted(rng.sample(range(rest + 1), 2)) if rest > 1 else [rest, rest]
            counts = [split[0], split[1] - split[0], rest - split[1]]
            distractors = {key: right, **dict(zip(others, counts, strict=True))}
            distractors = dict(sorted(distractors.items()))
        rows.append(
            ItemAnalysisRow(
                no=no,
                question_id=f"Q{2026_000 + no * 7}",
                type_label=label,
                stem_excerpt=rng.choice(_STEMS),
                p=round(p, 3),
                d=round(d, 3),
                rpb=round(rpb, 3),
                distractors=distractors,
                key=key,
                label=f"问{no}-{1 + no % 3}" if no % 5 else f"查{no}-1",
            )
        )
    return ItemAnalysis(
        rows=tuple(rows), reliability=0.81, reliability_name="KR-20", candidate_count=candidates
    )


def sample_certificate(
    index: int, qr_payload: str = "BW1.demo", result: CandidateResult | None = None
) -> Certificate:
    r = result or sample_result(index)
    header = sample_header()
    return Certificate(
        number=f"BW-2026-{index + 1:05d}",
        title="百问百查培训合格证书",
        name=r.name,
        employee_no=r.employee_no,
        exam_title=header.exam_title,
        score=r.score,
        organisation=header.organisation,
        issue_date=header.exam_date,
        qr_payload=qr_payload,
    )
