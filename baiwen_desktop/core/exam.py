"""Exam definitions (试卷方案): composition rules and settings, loadable from TOML."""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from baiwen_desktop.core.errors import BaiwenError, Issue, ValidationError, clip
from baiwen_desktop.core.question import SECTIONS, QType, Question

MultiPolicy = Literal["strict", "partial"]
MAX_TITLE = 60  # characters: a certificate's citation holds it in three lines at its full size


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


PART_KEYS = ("type", "count", "score_each", "sections", "tags", "difficulty_min", "difficulty_max", "title")
MAX_SCORE = Decimal(1000)


def exam_keys() -> tuple[str, ...]:
    """Every key an exam mapping may hold (the dataclass fields, so a new setting is known at once)."""
    return tuple(ExamDefinition.__dataclass_fields__)


def _decimal(value: Any, strict: bool = False) -> Decimal | None:
    """A number with at most two decimal places, or None. `strict`: TOML numbers only, no text."""
    if isinstance(value, bool) or (strict and not isinstance(value, int | float | Decimal)):
        return None
    try:
        d = Decimal(str(value))
    except Exception:
        return None
    # 1e-400 or 1e400 is no score anyone meant: refuse it rather than round it to 0 or keep it
    if not d.is_finite() or d.adjusted() > 6 or d.normalize().as_tuple().exponent < -2:  # type: ignore[operator]
        return None
    return d


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _unknown(keys: Any, known: tuple[str, ...]) -> list[tuple[str, str]]:
    """(unknown key, closest known key or "") for each key not in `known`."""
    import difflib

    out = []
    for k in keys:
        if k not in known:
            close = difflib.get_close_matches(str(k), known, n=1, cutoff=0.5)
            out.append((str(k), close[0] if close else ""))
    return out


def parse_exam(data: dict[str, Any], where: str, *, strict: bool = False, lines: dict[str, int] | None = None) -> ExamDefinition:
    """Validate a plain mapping (from TOML or the trainer's form), reporting every problem.

    `strict` (a trainer's TOML file): unknown keys are errors naming the closest known key, and
    numbers must be TOML numbers, not text. `lines` maps keys ("pass_mark", "parts[2].count")
    to the file's line numbers, so that each problem names its real line.
    """
    issues: list[Issue] = []
    lines = lines or {}

    def line_of(key: str) -> int:
        while key:
            if key in lines:
                return lines[key]
            key = key.rpartition(".")[0] if "." in key else key.partition("[")[0] if "[" in key else ""
        return 0

    def bad(key: str, zh: str, en: str) -> None:
        issues.append(Issue(where, line_of(key), zh, en, key))

    if not isinstance(data, dict):
        raise ValidationError(f"考试方案 {where} 应为键值表", f"exam definition {where} must be a table of keys", [])
    if strict:
        for k, close in _unknown(data, exam_keys()):
            hint_zh, hint_en = (f"，是不是“{close}”？", f"; did you mean '{close}'?") if close else ("", "")
            bad(k, f"未知的键“{clip(k)}”{hint_zh}", f"unknown key '{clip(k)}'{hint_en}")

    raw_title = data.get("title", "")
    title = raw_title.strip() if isinstance(raw_title, str) else ""
    if not isinstance(raw_title, str) and strict:
        bad("title", "考试名称 title 应为文字（加引号）", "title must be a string")
    elif not title:
        bad("title", "缺少考试名称 title", "missing title")
    elif strict and len(title) > MAX_TITLE:
        bad("title", f"考试名称 title 不能超过 {MAX_TITLE} 个字（现有 {len(title)} 个字）", f"title must be at most {MAX_TITLE} characters (has {len(title)})")
    duration = _int(data.get("duration_minutes"))
    if duration is None or not 1 <= duration <= 600:
        bad("duration_minutes", "考试时长 duration_minutes 应为 1–600 的整数（分钟）", "duration_minutes must be an integer 1-600")
        duration = 60
    pass_mark = _decimal(data.get("pass_mark"), strict)
    if pass_mark is None or pass_mark < 0:
        bad("pass_mark", "及格分 pass_mark 应为非负数，最多两位小数", "pass_mark must be a non-negative number with at most two decimals")
        pass_mark = Decimal(0)
    parts: list[PartRule] = []
    raw_parts = data.get("parts") or []
    if isinstance(raw_parts, dict):  # [parts] instead of [[parts]]
        raw_parts = [raw_parts] if not strict else raw_parts
    if not isinstance(raw_parts, list):
        bad("parts", "组卷规则应写作 [[parts]]（每个规则一段）", "parts must be an array of tables: [[parts]]")
        raw_parts = []
    elif not raw_parts:
        bad("parts", "至少要有一个组卷规则 [[parts]]", "at least one [[parts]] rule is needed")
    for i, p in enumerate(raw_parts, start=1):
        key = f"parts[{i}]"
        if not isinstance(p, dict):
            bad(key, f"第 {i} 个组卷规则应为一段 [[parts]]，而不是“{clip(p)}”", f"rule {i} must be a [[parts]] table, not {clip(p)!r}")
            continue
        if strict:
            for k, close in _unknown(p, PART_KEYS):
                hint_zh, hint_en = (f"，是不是“{close}”？", f"; did you mean '{close}'?") if close else ("", "")
                bad(f"{key}.{k}", f"第 {i} 个组卷规则：未知的键“{clip(k)}”{hint_zh}", f"rule {i}: unknown key '{clip(k)}'{hint_en}")
        raw_type = p.get("type", "")
        try:
            if not isinstance(raw_type, str):
                raise ValueError
            qtype = QType(raw_type.removesuffix("题"))
        except ValueError:
            bad(f"{key}.type", f"第 {i} 个组卷规则的题型“{clip(raw_type)}”无效，应为 单选/多选/判断/填空/简答", f"rule {i}: unknown type {clip(raw_type)!r}")
            continue
        count = _int(p.get("count"))
        score = _decimal(p.get("score_each"), strict)
        if count is None or not 1 <= count <= 1000:
            bad(f"{key}.count", f"第 {i} 个组卷规则的题数 count 应为 1–1000 的整数", f"rule {i}: count must be an integer 1-1000")
            continue
        if score is None or not 0 < score <= MAX_SCORE:
            bad(f"{key}.score_each", f"第 {i} 个组卷规则的每题分值 score_each 应为 0–{MAX_SCORE} 的正数，最多两位小数",
                f"rule {i}: score_each must be a positive number up to {MAX_SCORE}, at most two decimals")
            continue
        texts: dict[str, tuple[str, ...]] = {}
        for list_key in ("sections", "tags"):
            value = p.get(list_key, [])
            if isinstance(value, str) and not strict:
                value = [value]
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                bad(f"{key}.{list_key}", f"第 {i} 个组卷规则的 {list_key} 应为文字列表，如 [\"问\"]", f"rule {i}: {list_key} must be a list of strings")
                value = []
            texts[list_key] = tuple(value)
        for sec in texts["sections"]:
            if sec not in SECTIONS:
                bad(f"{key}.sections", f"第 {i} 个组卷规则的章节“{clip(sec)}”无效", f"rule {i}: unknown section {clip(sec)!r}")
        dmin, dmax = _int(p.get("difficulty_min", 1)), _int(p.get("difficulty_max", 5))
        if dmin is None or dmax is None or not 1 <= dmin <= dmax <= 5:
            bad(f"{key}.difficulty_min", f"第 {i} 个组卷规则的难度范围无效（应为 1–5 的整数，min ≤ max）", f"rule {i}: bad difficulty range (integers 1-5, min <= max)")
            dmin, dmax = 1, 5
        part_title = p.get("title", "")
        if not isinstance(part_title, str):
            bad(f"{key}.title", f"第 {i} 个组卷规则的 title 应为文字", f"rule {i}: title must be a string")
            part_title = ""
        parts.append(PartRule(qtype, count, score, texts["sections"], texts["tags"], dmin, dmax, part_title))
    policy = data.get("multi_policy", "strict")
    if policy not in ("strict", "partial"):
        bad("multi_policy", "多选评分规则 multi_policy 应为 strict 或 partial", "multi_policy must be strict or partial")
        policy = "strict"
    fraction = _decimal(data.get("partial_fraction", Decimal("0.5")), strict)
    if fraction is None or not 0 < fraction < 1:
        bad("partial_fraction", "partial_fraction 应在 0 与 1 之间", "partial_fraction must be between 0 and 1")
        fraction = Decimal("0.5")
    limit = _int(data.get("focus_loss_limit", 3))
    if limit is None or limit < 0:
        bad("focus_loss_limit", "focus_loss_limit 应为非负整数（0 表示不限）", "focus_loss_limit must be >= 0")
        limit = 3
    bank = data.get("bank", "百问百查（2009版）")
    if not isinstance(bank, str) or not bank.strip():
        bad("bank", "题库名称 bank 应为文字", "bank must be a string")
        bank = "百问百查（2009版）"
    seed = _int(data.get("seed", 0))
    if seed is None:
        bad("seed", "seed 应为整数", "seed must be an integer")
        seed = 0
    extra = data.get("extra", {})
    if not isinstance(extra, dict):
        bad("extra", "extra 应为一个表 [extra]", "extra must be a table")
        extra = {}
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
        bank=bank,
        multi_policy=policy,
        partial_fraction=fraction,
        focus_loss_limit=limit,
        counts=counts,
        seed=seed,
        extra=dict(extra),
        **flags,
    )
    if parts and exam.pass_mark > exam.total:
        bad("pass_mark", f"及格分 {pass_mark} 高于总分 {exam.total}", f"pass_mark {pass_mark} exceeds the total {exam.total}")
    if issues:
        raise ValidationError(f"考试方案 {where} 有 {len(issues)} 处错误", f"exam definition {where} has {len(issues)} error(s)", issues)
    return exam


_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY_LINE = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")


def key_lines(text: str) -> dict[str, int]:
    """Where each key of an exam TOML is written: "pass_mark" -> 3, "parts[2]" -> 9, "parts[2].count" -> 11."""
    lines: dict[str, int] = {}
    table, part = "", 0
    for n, raw in enumerate(text.split("\n"), start=1):
        s = raw.strip()
        if s.startswith("[["):
            name = s[2:].split("]]")[0].strip().strip("\"'")
            if name == "parts":
                part += 1
                table = f"parts[{part}]"
            else:
                table = name
            lines.setdefault(table, n)
            continue
        if s.startswith("["):
            table = s[1:].split("]")[0].strip().strip("\"'")
            lines.setdefault(table, n)
            continue
        m = _KEY_LINE.match(raw)
        if m:
            key = next(g for g in m.groups() if g)
            lines.setdefault(f"{table}.{key}" if table else key, n)
    return lines


def decode_text(data: bytes, name: str) -> str:
    """UTF-8, UTF-8 with BOM, or GBK, as for rosters; anything else is one clear error with its line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            raise BaiwenError(f"{name}:{line}: 不是 UTF-8 文字（文件开头标明是 UTF-8）", f"{name}:{line}: not UTF-8 text (the file starts with a UTF-8 BOM)") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise BaiwenError(f"{name}:{line}: 不是文字文件（应为 UTF-8 或 GBK 编码的 TOML）", f"{name}:{line}: not a text file (expected TOML in UTF-8 or GBK)") from None
    if "\x00" in text:
        raise BaiwenError(f"{name}: 不是文字文件（含有 NUL 字节）", f"{name}: not a text file (holds NUL bytes)")
    return text


def load_exam_toml(path: Path) -> ExamDefinition:
    """A trainer's exam file: strict keys and types, every problem with its line."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise BaiwenError(f"{name}：是文件夹，不是考试方案文件（.toml）", f"{name} is a folder, not an exam file (.toml)")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BaiwenError(f"找不到文件 {path}", f"file not found: {path}") from None
    except OSError as e:
        raise BaiwenError(f"{name}：无法读取（{clip(e.strerror)}）", f"{name}: cannot read ({clip(e.strerror)})") from None
    if len(data) > 1024 * 1024:
        raise BaiwenError(f"{name}：文件超过 1 MB，不像考试方案", f"{name}: larger than 1 MB; not an exam file")
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise BaiwenError(f"{name}:{line}: 不是文字文件（含有 NUL 字节）", f"{name}:{line}: not a text file (holds NUL bytes)")
    # CR-only line ends (old Mac editors) read as the LF that TOML requires
    text = decode_text(data, name).replace("\r\n", "\n").replace("\r", "\n")
    try:
        mapping = tomllib.loads(text, parse_float=Decimal)  # Decimal: 1e-400 stays 1e-400, not 0.0
    except tomllib.TOMLDecodeError as e:
        m = _TOML_LINE.search(str(e))
        line = m.group(1) if m else "?"
        msg = clip(_TOML_LINE.sub("", str(e)).strip(), 120)
        raise BaiwenError(f"{name}:{line}: TOML 格式错误：{msg}", f"{name}:{line}: invalid TOML: {msg}") from None
    except RecursionError:
        raise BaiwenError(f"{name}: TOML 嵌套过深", f"{name}: TOML nested too deeply") from None
    return parse_exam(mapping, name, strict=True, lines=key_lines(text))


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
