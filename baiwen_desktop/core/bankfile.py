"""The native bank text format (see question_bank/README.md): parse, validate, write."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from baiwen_desktop.core.errors import Issue, clip
from baiwen_desktop.core.numbers import exact_number
from baiwen_desktop.core.question import (
    CHOICE_TYPES,
    DEFAULT_SCORE,
    OPTION_LETTERS,
    SECTIONS,
    QType,
    Question,
    ScoringPoint,
)

BLANK_MARK = re.compile(r"（\s*）|\(\s*\)|_{3,}")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SOURCE_RE = re.compile(r"^(问|查)(\d+)$")
KNOWN_KEYS = {"题型", "题干", "答案", "解析", "出处", "章节", "知识点", "难度", "分值", "乱序", "要点", *OPTION_LETTERS}
TRUE_WORDS = {"正确", "对", "√", "T", "t", "true", "True", "是"}
FALSE_WORDS = {"错误", "错", "×", "F", "f", "false", "False", "否"}
# Spreadsheet banks may grade difficulty in words; the native format keeps digits only.
DIFFICULTY_WORDS = {"易": 1, "较易": 2, "中等": 3, "较难": 4, "难": 5}


@dataclass
class BankText:
    """What a bank folder or file holds: metadata, questions, and every problem found."""

    name: str = ""
    description: str = ""
    bundled: bool = False
    questions: list[Question] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    lines: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (file, line)


def section_of_source(source: str) -> str | None:
    """The section an item of the 百问百查 text belongs to (问N → 问, 查5 → 查制度执行)."""
    m = SOURCE_RE.match(source)
    if not m:
        return None
    part, n = m.group(1), int(m.group(2))
    if part == "问":
        return "问" if 1 <= n <= 49 else None
    for upper, name in ((11, "查制度执行"), (25, "查行为规范"), (41, "查措施落实"), (50, "查监督保障")):
        if 1 <= n <= upper:
            return name
    return None


def count_blanks(stem: str) -> int:
    return len(BLANK_MARK.findall(stem))


def parse_decimal(text: str) -> Decimal | None:
    try:
        d = Decimal(text.strip())
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


MAX_SCORE = 1000


def sane_score(d: Decimal) -> bool:
    """A score a person could mean: positive, at most MAX_SCORE, at most two decimals (not 1e400 or 1e-400)."""
    return d.is_finite() and 0 < d <= MAX_SCORE and d.normalize().as_tuple().exponent >= -2  # type: ignore[operator]


def parse_points(text: str) -> ScoringPoint | None:
    """`关键词/同义词=分值` → ScoringPoint, or None if malformed."""
    if "=" not in text and "＝" not in text:
        return None
    words, _, weight = text.replace("＝", "=").rpartition("=")
    w = parse_decimal(weight)
    keywords = tuple(k.strip() for k in words.split("/") if k.strip())
    if w is None or not sane_score(w) or not keywords:
        return None
    return ScoringPoint(keywords, w)


def parse_order_free(text: str, n_blanks: int) -> tuple[tuple[int, ...], ...] | None:
    """`1-4；5,6` → ((0,1,2,3),(4,5)) with 0-based blank indices; None if malformed."""
    groups: list[tuple[int, ...]] = []
    for part in re.split("[；;]", text):
        part = part.strip()
        if not part:
            continue
        idx: list[int] = []
        for piece in re.split("[,，、]", part):
            piece = piece.strip()
            m = re.fullmatch(r"(\d+)\s*[-–~]\s*(\d+)", piece)
            if m:
                a, b = int(m.group(1)), int(m.group(2))
                if a > b:
                    return None
                idx.extend(range(a, b + 1))
            elif piece.isdigit():
                idx.append(int(piece))
            else:
                return None
        if len(idx) < 2 or len(set(idx)) != len(idx) or any(not 1 <= i <= n_blanks for i in idx):
            return None
        groups.append(tuple(i - 1 for i in idx))
    flat = [i for g in groups for i in g]
    if len(flat) != len(set(flat)):
        return None
    return tuple(groups)


def split_blanks(text: str) -> tuple[tuple[str, ...], ...]:
    """`45；四十五 | 90` → (("45", "四十五"), ("90",))."""
    return tuple(tuple(a.strip() for a in re.split("[；;]", blank)) for blank in text.split("|"))


def build_question(
    fields: dict[str, list[tuple[str, int]]],
    qid: str,
    default_section: str | None,
    file: str,
    start_line: int,
    strict_source: bool,
    *,
    difficulty_words: bool = False,
    points_required: bool = True,
) -> tuple[Question | None, list[Issue]]:
    """Turn the key/value lines of one question into a Question, collecting every problem.

    `difficulty_words` also accepts 易/较易/中等/较难/难 for 难度 (spreadsheet imports).
    `points_required=False` lets a 简答 come without 要点 (an essay from another system, graded by hand).
    """
    issues: list[Issue] = []

    def err(key: str, zh: str, en: str) -> None:
        line = fields[key][0][1] if key in fields else start_line
        issues.append(Issue(file, line, zh, en, key))

    def one(key: str) -> str:
        vals = fields.get(key, [])
        if len(vals) > 1:
            err(key, f"“{clip(key)}”出现了多次", f"'{clip(key)}' appears more than once")
        return vals[0][0].strip() if vals else ""

    if not ID_RE.match(qid):
        issues.append(Issue(file, start_line, f"题号“{clip(qid)}”只能用小写字母、数字和 -", f"id '{clip(qid)}' may only use a-z, 0-9 and -"))
    type_text = one("题型").removesuffix("题")
    try:
        qtype = QType(type_text)
    except ValueError:
        err("题型", f"未知题型“{clip(type_text)}”，应为 单选/多选/判断/填空/简答", f"unknown type '{clip(type_text)}'")
        return None, issues
    stem = one("题干")
    if not stem:
        err("题干", "缺少题干", "missing stem")
    answer = one("答案")
    if not answer:
        err("答案", "缺少答案", "missing answer")
    explanation = one("解析")
    source = one("出处") or None
    section = one("章节") or default_section
    if section is not None and section not in SECTIONS:
        err("章节", f"未知章节“{clip(section)}”", f"unknown section '{clip(section)}'")
    if strict_source:
        if not explanation:
            err("解析", "缺少解析", "missing explanation")
        if source is None:
            err("出处", "缺少出处（如 问14、查5）", "missing source (e.g. 问14, 查5)")
    if source is not None and SOURCE_RE.match(source):
        expected = section_of_source(source)
        if expected is None:
            err("出处", f"出处“{clip(source)}”不存在（问1–问49，查1–查50）", f"source '{clip(source)}' does not exist")
        elif section is not None and section != expected:
            err("出处", f"出处“{clip(source)}”属于“{expected}”，与章节“{clip(section)}”不符", f"source '{clip(source)}' is in section '{expected}', not '{clip(section)}'")
    elif source is not None and strict_source:
        err("出处", f"出处“{clip(source)}”应写作 问N 或 查N", f"source '{clip(source)}' must be 问N or 查N")
    tags = tuple(t.strip() for t in re.split("[、,，]", one("知识点")) if t.strip())
    difficulty = 3
    if "难度" in fields:
        d = one("难度")
        if d.isdecimal() and 1 <= int(d) <= 5:  # isdecimal: int() rejects "²", which isdigit() accepts
            difficulty = int(d)
        elif difficulty_words and d in DIFFICULTY_WORDS:
            difficulty = DIFFICULTY_WORDS[d]
        elif difficulty_words:
            err("难度", f"难度应为 1–5 或 易/较易/中等/较难/难，而不是“{clip(d)}”", f"difficulty must be 1-5 or 易/较易/中等/较难/难, not '{clip(d)}'")
        else:
            err("难度", f"难度应为 1–5，而不是“{clip(d)}”", f"difficulty must be 1-5, not '{clip(d)}'")

    options: list[str] = []
    for i, letter in enumerate(OPTION_LETTERS):
        if letter in fields:
            if len(options) != i:
                err(letter, f"选项 {letter} 之前有空缺", f"a gap before option {letter}")
            options.append(one(letter))
            if not options[-1]:
                err(letter, f"选项 {letter} 为空", f"option {letter} is empty")

    correct: tuple[int, ...] = ()
    truth: bool | None = None
    blanks: tuple[tuple[str, ...], ...] = ()
    order_free: tuple[tuple[int, ...], ...] = ()
    reference = ""
    points: list[ScoringPoint] = []

    if qtype in CHOICE_TYPES:
        if len(options) < 2:
            err("答案", f"{qtype.value}题至少要有 2 个选项", f"a {qtype.name} question needs at least 2 options")
        letters = re.sub(r"[\s,，、]", "", answer).upper()
        if letters and any(c not in OPTION_LETTERS[: len(options)] for c in letters):
            err("答案", f"答案“{clip(answer)}”含有不存在的选项", f"answer '{clip(answer)}' names an option that does not exist")
        elif len(set(letters)) != len(letters):
            err("答案", f"答案“{clip(answer)}”有重复字母", f"answer '{clip(answer)}' repeats a letter")
        elif qtype is QType.SINGLE and len(letters) != 1:
            err("答案", "单选题的答案必须正好一个字母", "a single-choice answer is exactly one letter")
        elif qtype is QType.MULTI and len(letters) < 2:
            err("答案", "多选题的答案至少两个字母", "a multiple-choice answer has two or more letters")
        correct = tuple(sorted(OPTION_LETTERS.index(c) for c in letters if c in OPTION_LETTERS))
    else:
        if options:
            err(next(k for k in OPTION_LETTERS if k in fields), f"{qtype.value}题不应有选项", f"a {qtype.name} question has no options")
    if qtype is QType.JUDGE:
        if answer in TRUE_WORDS:
            truth = True
        elif answer in FALSE_WORDS:
            truth = False
        elif answer:
            err("答案", f"判断题答案应为 正确/错误，而不是“{clip(answer)}”", f"true/false answer must be 正确 or 错误, not '{clip(answer)}'")
    if qtype is QType.BLANK:
        blanks = split_blanks(answer) if answer else ()
        n = count_blanks(stem)
        if n == 0:
            err("题干", "填空题的题干中没有空（  ）", "a fill-in stem has no blank （  ）")
        elif answer and len(blanks) != n:
            err("答案", f"题干有 {n} 个空，答案给了 {len(blanks)} 个", f"the stem has {n} blanks but the answer gives {len(blanks)}")
        if any(not a for b in blanks for a in b):
            err("答案", "答案中有空的备选项", "an accepted alternative is empty")
        if "乱序" in fields:
            groups = parse_order_free(one("乱序"), len(blanks))
            if groups is None:
                err("乱序", f"乱序“{clip(one('乱序'))}”写法有误，应如 1-4 或 1,3,5", f"bad order-free groups '{clip(one('乱序'))}'")
            else:
                order_free = groups
    elif "乱序" in fields:
        err("乱序", "只有填空题可以设置乱序", "only fill-in questions take 乱序")
    if qtype is QType.SHORT:
        reference = answer
        for text, line in fields.get("要点", []):
            p = parse_points(text)
            if p is None:
                issues.append(Issue(file, line, f"要点“{clip(text)}”应写作 关键词/同义词=分值", f"scoring point '{clip(text)}' must be keywords=weight", "要点"))
            else:
                points.append(p)
        if not fields.get("要点") and points_required:
            err("要点", "简答题至少要有一个要点", "a short-answer question needs at least one scoring point")
    elif "要点" in fields:
        err("要点", "只有简答题可以设置要点", "only short-answer questions take 要点")

    default = default_score(qtype, len(blanks), points)
    score = default
    if "分值" in fields:
        s = parse_decimal(one("分值"))
        if s is None or not sane_score(s):
            err("分值", f"分值应为 0–{MAX_SCORE} 的正数，最多两位小数，而不是“{clip(one('分值'))}”",
                f"score must be a positive number up to {MAX_SCORE} with at most two decimals, not '{clip(one('分值'))}'")
        else:
            score = s
            if qtype is QType.SHORT and points and s != default:
                err("分值", f"分值 {exact_number(s)} 与要点合计 {exact_number(default)} 不符", f"score {s} differs from the sum of points {default}")

    for key, vals in fields.items():
        for text, line in vals:
            if "臵" in text:
                issues.append(Issue(file, line, "含有乱码字“臵”，应为“置”", "contains the artefact 臵; write 置", key))
    if issues:
        return None, issues
    return (
        Question(
            id=qid,
            qtype=qtype,
            stem=stem,
            score=score,
            options=tuple(options),
            correct=correct,
            truth=truth,
            blanks=blanks,
            order_free=order_free,
            reference=reference,
            points=tuple(points),
            explanation=explanation,
            source=source,
            section=section,
            tags=tags,
            difficulty=difficulty,
        ),
        [],
    )


def parse_text(text: str, file: str, strict_source: bool = False) -> BankText:
    """Parse one bank text file. Problems are collected, not raised."""
    out = BankText()
    default_section: str | None = None
    current: tuple[str, int] | None = None
    fields: dict[str, list[tuple[str, int]]] = {}
    last_key: str | None = None

    def flush() -> None:
        if current is None:
            return
        qid, line = current
        q, issues = build_question(fields, qid, default_section, file, line, strict_source)
        out.issues.extend(issues)
        if q is not None:
            out.questions.append(q)
            out.lines[q.id] = (file, line)

    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if n == 1:
            line = line.lstrip("\ufeff")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("==="):
            flush()
            current = (line[3:].strip(), n)
            fields = {}
            last_key = None
            continue
        if line[0].isspace():
            if current is None or last_key is None:
                out.issues.append(Issue(file, n, "续行之前没有字段", "continuation line without a field"))
            else:
                text_so_far, at = fields[last_key][-1]
                fields[last_key][-1] = (text_so_far + "\n" + line.strip(), at)
            continue
        m = re.match(r"^([^:：]+)[:：]\s?(.*)$", line)
        if not m:
            out.issues.append(Issue(file, n, f"无法识别的行：{line[:30]}", "expected 'key: value'"))
            continue
        key, value = m.group(1).strip(), m.group(2).strip()
        if current is None:
            if key == "章节":
                if value not in SECTIONS:
                    out.issues.append(Issue(file, n, f"未知章节“{clip(value)}”", f"unknown section '{clip(value)}'", key))
                default_section = value
            else:
                out.issues.append(Issue(file, n, "题目之前只能写“章节:”", "only '章节:' may come before the first question"))
            continue
        if key not in KNOWN_KEYS:
            out.issues.append(Issue(file, n, f"未知字段“{clip(key)}”", f"unknown key '{clip(key)}'", clip(key)))
            continue
        fields.setdefault(key, []).append((value, n))
        last_key = key
    flush()
    return out


def load_bank(paths: Iterable[Path]) -> BankText:
    """Load a bank from a folder (with bank.toml) or from individual .txt files."""
    result = BankText()
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            meta = p / "bank.toml"
            if meta.exists():
                try:
                    data = tomllib.loads(meta.read_text(encoding="utf-8"))
                except tomllib.TOMLDecodeError as e:
                    result.issues.append(Issue(str(meta), getattr(e, "lineno", 1) or 1, f"bank.toml 格式错误：{e}", str(e)))
                    data = {}
                result.name = result.name or str(data.get("name", ""))
                result.description = str(data.get("description", ""))
                result.bundled = bool(data.get("bundled", False))
            files.extend(sorted(f for f in p.glob("*.txt")))
        elif p.exists():
            files.append(p)
        else:
            result.issues.append(Issue(str(p), 0, "文件不存在", "file not found"))
    strict = result.bundled or not result.name
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            result.issues.append(Issue(str(f), 1, f"不是 UTF-8 编码：{e.reason}", "not UTF-8"))
            continue
        part = parse_text(text, str(f), strict_source=strict)
        for q in part.questions:
            if q.id in result.lines:
                ofile, oline = result.lines[q.id]
                pfile, pline = part.lines[q.id]
                result.issues.append(Issue(pfile, pline, f"题号“{clip(q.id)}”重复（已在 {ofile}:{oline}）", f"duplicate id '{clip(q.id)}'"))
                continue
            result.questions.append(q)
            result.lines[q.id] = part.lines[q.id]
        result.issues.extend(part.issues)
    return result


def default_score(qtype: QType, n_blanks: int, points: tuple[ScoringPoint, ...] | list[ScoringPoint]) -> Decimal:
    """The score when 分值 is left out: 简答 the sum of its 要点, 填空 one per blank."""
    if qtype is QType.SHORT and points:
        return sum((p.weight for p in points), Decimal(0))
    if qtype is QType.BLANK:
        return DEFAULT_SCORE[qtype] * max(n_blanks, 1)
    return DEFAULT_SCORE[qtype]


def answer_field(q: Question) -> str:
    """The 答案 value as the bank format (and the Excel template) writes it; the parser's inverse."""
    if q.qtype in CHOICE_TYPES:
        return "".join(OPTION_LETTERS[i] for i in q.correct)
    if q.qtype is QType.JUDGE:
        return "正确" if q.truth else "错误"
    if q.qtype is QType.BLANK:
        return " | ".join("；".join(alts) for alts in q.blanks)
    return q.reference


def order_free_field(q: Question) -> str:
    """The 乱序 value, e.g. `1,2,3,4`; empty when every blank has its place."""
    return "；".join(",".join(str(i + 1) for i in g) for g in q.order_free)


def format_question(q: Question) -> str:
    """One question in the native format (the inverse of parsing)."""
    out = [f"=== {q.id}", f"题型: {q.qtype.value}"]
    if q.source:
        out.append(f"出处: {q.source}")
    if q.section:
        out.append(f"章节: {q.section}")
    if q.tags:
        out.append("知识点: " + "、".join(q.tags))
    out.append(f"难度: {q.difficulty}")
    out.append(f"分值: {exact_number(q.score)}")
    out.append("题干: " + _continued(q.stem))
    for letter, text in zip(OPTION_LETTERS, q.options, strict=False):
        out.append(f"{letter}: {_continued(text)}")
    out.append("答案: " + _continued(answer_field(q)))
    if q.order_free:
        out.append("乱序: " + order_free_field(q))
    out.extend(f"要点: {p.to_text()}" for p in q.points)
    if q.explanation:
        out.append("解析: " + _continued(q.explanation))
    return "\n".join(out) + "\n"


def _continued(text: str) -> str:
    return text.replace("\n", "\n  ")


def format_bank(questions: Iterable[Question]) -> str:
    return "\n".join(format_question(q) for q in questions)

