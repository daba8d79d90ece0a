"""Exam definitions (试卷方案): composition rules and settings, loadable from TOML."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from baiwen_desktop.core.errors import BaiwenError, Issue, ValidationError
from baiwen_desktop.core.question import SECTIONS, QType, Question

MultiPolicy = Literal["strict", "partial"]


@dataclass(frozen=True)
class PartRule:
    """One part of a paper: `count` questions of `qtype`, `score_each` points each, filtered."""

    qtype: QType
    count: int
    score_each: Decimal
    sections: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    difficulty_min: int = 1
    difficulty_max: int = 5
    title: str = ""

    @property
    def label(self) -> str:
        return self.title or self.qtype.label

    def matches(self, q: Question) -> bool:
        if q.qtype is not self.qtype:
            return False
        if self.sections and q.section not in self.sections:
            return False
        if self.tags and not set(self.tags) & set(q.tags):
            return False
        return self.difficulty_min <= q.difficulty <= self.difficulty_max


@dataclass(frozen=True)
class ExamDefinition:
    title: str
    duration_minutes: int
    pass_mark: Decimal
    parts: tuple[PartRule, ...]
    bank: str = "百问百查（2009版）"
    shuffle_questions: bool = True
    shuffle_options: bool = True
    fixed_paper: bool = False
    multi_policy: MultiPolicy = "strict"
    partial_fraction: Decimal = Decimal("0.5")
    show_score: bool = True
    show_review: bool = True
    focus_loss_limit: int = 3  # 0 = unlimited
    allow_retake: bool = False
    counts: str = "best"  # which attempt counts when there are 补考: first | best | last (COUNTS)
    # each question from a different 出处 where the rules allow: two questions on one item give each other away
    spread_sources: bool = True
    seed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum((p.score_each * p.count for p in self.parts), Decimal(0))

    @property
    def question_count(self) -> int:
        return sum(p.count for p in self.parts)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["pass_mark"] = str(self.pass_mark)
        d["partial_fraction"] = str(self.partial_fraction)
        d["parts"] = [
            {
                "type": p.qtype.value,
                "count": p.count,
                "score_each": str(p.score_each),
                "sections": list(p.sections),
                "tags": list(p.tags),
                "difficulty_min": p.difficulty_min,
                "difficulty_max": p.difficulty_max,
                "title": p.title,
            }
            for p in self.parts
        ]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any], where: str = "<exam>") -> ExamDefinition:
        return parse_exam(d, where)


# Which attempt counts for 成绩 and the certificate when a candidate has 补考.
COUNTS = {"first": "首考", "best": "最高", "last": "最后"}

_BOOL_KEYS = ("shuffle_questions", "shuffle_options", "fixed_paper", "show_score", "show_review", "allow_retake", "spread_sources")


def _decimal(value: Any) -> Decimal | None:
    try:
        d = Decimal(str(value))
    except Exception:
        return None
    return d if d.is_finite() else None


def parse_exam(data: dict[str, Any], where: str) -> ExamDefinition:
    """Validate a plain mapping (from TOML or the trainer's form), reporting every problem."""
    issues: list[Issue] = []

    def bad(key: str, zh: str, en: str) -> None:
        issues.append(Issue(where, 0, zh, en, key))

    title = str(data.get("title", "")).strip()
    if not title:
        bad("title", "缺少考试名称 title", "missing title")
    duration = data.get("duration_minutes")
    if not isinstance(duration, int) or not 1 <= duration <= 600:
        bad("duration_minutes", "考试时长 duration_minutes 应为 1–600 的整数（分钟）", "duration_minutes must be an integer 1-600")
        duration = 60
    pass_mark = _decimal(data.get("pass_mark"))
    if pass_mark is None or pass_mark < 0:
        bad("pass_mark", "及格分 pass_mark 应为非负数", "pass_mark must be a non-negative number")
        pass_mark = Decimal(0)
    parts: list[PartRule] = []
    raw_parts = data.get("parts") or []
    if not raw_parts:
        bad("parts", "至少要有一个组卷规则 [[parts]]", "at least one [[parts]] rule is needed")
    for i, p in enumerate(raw_parts, start=1):
        key = f"parts[{i}]"
        try:
            qtype = QType(str(p.get("type", "")).removesuffix("题"))
        except ValueError:
            bad(key, f"第 {i} 个规则的题型“{p.get('type')}”无效", f"rule {i}: unknown type {p.get('type')!r}")
            continue
        count = p.get("count")
        score = _decimal(p.get("score_each"))
        if not isinstance(count, int) or count < 1:
            bad(key, f"第 {i} 个规则的题数 count 应为正整数", f"rule {i}: count must be a positive integer")
            continue
        if score is None or score <= 0:
            bad(key, f"第 {i} 个规则的每题分值 score_each 应为正数", f"rule {i}: score_each must be positive")
            continue
        sections = tuple(p.get("sections", ()))
        for s in sections:
            if s not in SECTIONS:
                bad(key, f"第 {i} 个规则的章节“{s}”无效", f"rule {i}: unknown section {s!r}")
        dmin, dmax = int(p.get("difficulty_min", 1)), int(p.get("difficulty_max", 5))
        if not 1 <= dmin <= dmax <= 5:
            bad(key, f"第 {i} 个规则的难度范围无效", f"rule {i}: bad difficulty range")
        parts.append(
            PartRule(qtype, count, score, sections, tuple(p.get("tags", ())), dmin, dmax, str(p.get("title", "")))
        )
    policy = data.get("multi_policy", "strict")
    if policy not in ("strict", "partial"):
        bad("multi_policy", "多选评分规则 multi_policy 应为 strict 或 partial", "multi_policy must be strict or partial")
        policy = "strict"
    fraction = _decimal(data.get("partial_fraction", "0.5"))
    if fraction is None or not 0 < fraction < 1:
        bad("partial_fraction", "partial_fraction 应在 0 与 1 之间", "partial_fraction must be between 0 and 1")
        fraction = Decimal("0.5")
    limit = data.get("focus_loss_limit", 3)
    if not isinstance(limit, int) or limit < 0:
        bad("focus_loss_limit", "focus_loss_limit 应为非负整数（0 表示不限）", "focus_loss_limit must be >= 0")
        limit = 3
    counts = data.get("counts", "best")
    if isinstance(counts, str):
        counts = {v: k for k, v in COUNTS.items()}.get(counts, counts)
    if not isinstance(counts, str) or counts not in COUNTS:
        bad("counts", "计分方式 counts 应为 first（首考）、best（最高）或 last（最后）", "counts must be first, best or last")
        counts = "best"
    flags = {}
    for k in _BOOL_KEYS:
        if k in data and not isinstance(data[k], bool):
            bad(k, f"{k} 应为 true 或 false", f"{k} must be true or false")
        else:
            flags[k] = data.get(k, ExamDefinition.__dataclass_fields__[k].default)
    exam = ExamDefinition(
        title=title,
        duration_minutes=duration,
        pass_mark=pass_mark,
        parts=tuple(parts),
        bank=str(data.get("bank", "百问百查（2009版）")),
        multi_policy=policy,
        partial_fraction=fraction,
        focus_loss_limit=limit,
        counts=counts,
        seed=int(data.get("seed", 0)),
        **flags,
    )
    if parts and exam.pass_mark > exam.total:
        bad("pass_mark", f"及格分 {pass_mark} 高于总分 {exam.total}", f"pass_mark {pass_mark} exceeds the total {exam.total}")
    if issues:
        raise ValidationError(f"考试方案 {where} 有 {len(issues)} 处错误", f"exam definition {where} has {len(issues)} error(s)", issues)
    return exam


def load_exam_toml(path: Path) -> ExamDefinition:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaiwenError(f"找不到文件 {path}", f"file not found: {path}") from None
    except tomllib.TOMLDecodeError as e:
        raise BaiwenError(f"{path}: TOML 格式错误：{e}", f"{path}: invalid TOML: {e}") from None
    return parse_exam(data, str(path))


STANDARD_EXAM: dict[str, Any] = {
    "title": "百问百查闭卷考试",
    "duration_minutes": 60,
    "pass_mark": 60,
    "multi_policy": "strict",
    "parts": [
        {"type": "单选", "count": 20, "score_each": 2},
        {"type": "多选", "count": 10, "score_each": 3},
        {"type": "判断", "count": 10, "score_each": 1},
        {"type": "填空", "count": 5, "score_each": 2},
        {"type": "简答", "count": 2, "score_each": 5},
    ],
}
