"""GIFT (Moodle's plain-text question format): read and write.

Mapping as for Moodle XML. Our fields that GIFT has no syntax for travel the way Moodle's own
GIFT writer carries metadata, in comments before the question: `// [id:…] [tag:…]`, with the tags
`出处:` `章节:` `难度:` `乱序:` `分值:`; a 简答's reference answer and 要点, and the key of a 填空
with several blanks, as `// 参考答案:`, `// 要点:` and `// 答案:` comment lines, which Moodle ignores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from baiwen_desktop.core.bankfile import BLANK_MARK, answer_field, order_free_field, split_blanks
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.numbers import exact_number
from baiwen_desktop.core.question import MAX_OPTIONS, QType, Question
from baiwen_desktop.files.interchange.html_text import plain
from baiwen_desktop.files.interchange.moodle_xml import category_tags
from baiwen_desktop.files.interchange.report import ImportReport, ReportBuilder

META_TAGS = ("出处", "章节", "难度", "乱序", "分值")
_SPECIAL = re.compile(r"([~=#{}:\\])")
_UNESCAPE = re.compile(r"\\(.)", re.S)
_TF = {"T": True, "TRUE": True, "F": False, "FALSE": False}
MAX_BLOCK_LINES = 5000  # one question; far beyond any real one


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text).replace("\n", "\\n")


def unescape(text: str) -> str:
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def _split_unescaped(text: str, sep: str) -> list[str]:
    """Split at `sep` where it is not escaped by a backslash."""
    parts, cur, i = [], [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            cur.append(text[i: i + 2])
            i += 2
            continue
        if text.startswith(sep, i):
            parts.append("".join(cur))
            cur = []
            i += len(sep)
            continue
        cur.append(text[i])
        i += 1
    parts.append("".join(cur))
    return parts


def _find_unescaped(text: str, ch: str, last: bool = False) -> int:
    found = -1
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == ch:
            if not last:
                return i
            found = i
        i += 1
    return found


# ---------------------------------------------------------------- reading


@dataclass
class _Block:
    line: int
    text: str
    comments: list[str] = field(default_factory=list)


def _blocks(source: str) -> tuple[list[_Block], list[tuple[int, str]]]:
    """Questions (separated by blank lines) with the comments above or inside them; category lines."""
    blocks: list[_Block] = []
    categories: list[tuple[int, str]] = []
    lines: list[str] = []
    comments: list[str] = []
    start = 0
    for n, raw in enumerate(source.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped:
            if lines:
                blocks.append(_Block(start, "\n".join(lines), comments))
            lines, comments = [], []
            continue
        if stripped.startswith("//"):
            comments.append(stripped[2:].strip())
            continue
        if stripped.startswith("$CATEGORY:") and not lines:
            categories.append((len(blocks), stripped[len("$CATEGORY:"):].strip()))
            comments = []
            continue
        if not lines:
            start = n
        if len(lines) < MAX_BLOCK_LINES:
            lines.append(raw.rstrip())
    if lines:
        blocks.append(_Block(start, "\n".join(lines), comments))
    return blocks, categories


def _meta(comments: list[str]) -> tuple[str, list[str], dict[str, str], dict[str, list[str]]]:
    """From comment lines: the [id:], plain tags, our `key:value` tags, and our `key: value` lines."""
    qid, tags, meta = "", [], {}
    lines: dict[str, list[str]] = {}
    for c in comments:
        for kind, value in re.findall(r"\[(id|tag):((?:\\.|[^\]\\])*)\]", c):
            value = unescape(value).strip()
            if kind == "id":
                qid = value
                continue
            key, sep, rest = value.partition(":")
            if sep and key in META_TAGS:
                meta[key] = rest.strip()
            elif value:
                tags.append(value)
        m = re.match(r"^(参考答案|要点|答案)\s*[:：]\s?(.*)$", c)
        if m:
            lines.setdefault(m.group(1), []).append(unescape(m.group(2)))
    return qid, tags, meta, lines


def _answers(body: str) -> list[tuple[str, str, float | None, str]]:
    """`=a#fb ~%50%b` → [(mark, text, weight or None, feedback)]."""
    out = []
    pieces: list[str] = []
    cur: list[str] = []
    i = 0
    while i < len(body):  # split before each unescaped = or ~ that starts an answer
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            cur.append(body[i: i + 2])
            i += 2
            continue
        if ch in "=~":
            pieces.append("".join(cur))
            cur = [ch]
        else:
            cur.append(ch)
        i += 1
    pieces.append("".join(cur))
    for piece in pieces:
        piece = piece.strip()
        if not piece or piece[0] not in "=~":
            continue
        mark, rest = piece[0], piece[1:].strip()
        weight = None
        m = re.match(r"%(-?\d+(?:\.\d+)?)%", rest)
        if m:
            weight, rest = float(m.group(1)), rest[m.end():]
        text_part, *fb = _split_unescaped(rest, "#")
        text_part = re.sub(r"^\s*\[(html|plain|markdown|moodle)\]", "", text_part)  # per-answer format: text kept
        out.append((mark, text_part.strip(), weight, "#".join(fb).strip()))
    return out


def _text(raw: str, fmt: str, changes: list[tuple[str, str]], media: set[str]) -> str:
    p = plain(unescape(raw), "html" if fmt == "html" else "plain_text")
    if p.formatting:
        changes.append(("HTML 格式（加粗、颜色、表格等）已去除，只保留文字", "HTML formatting removed; the text is kept"))
    media |= p.media
    return p.text


def read_gift(data: bytes, name: str) -> ImportReport:
    b = ReportBuilder(name, "gift", "行", "line")
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BaiwenError(f"{name}：不是 UTF-8 编码的文本（{e.reason}）", f"{name}: not UTF-8 text ({e.reason})") from e
    blocks, categories = _blocks(source)
    cat_at = dict(categories)
    category: list[str] = []
    for index, block in enumerate(blocks):
        if index in cat_at:
            category = category_tags(cat_at[index])
        _question(b, block, category)
    return b.result()


def _question(b: ReportBuilder, block: _Block, category: list[str]) -> None:
    text = block.text
    title = ""
    m = re.match(r"^\s*::((?:\\.|[^:\\]|:(?!:))*)::", text, re.S)
    if m:
        title, text = unescape(m.group(1)).strip(), text[m.end():]
    fmt = "moodle"
    fm = re.match(r"^\s*\[(html|plain|markdown|moodle)\]", text)
    if fm:
        fmt, text = fm.group(1), text[fm.end():]
    open_at = _find_unescaped(text, "{")
    close_at = _find_unescaped(text, "}", last=True)
    label = title or unescape(text)[:80]
    if open_at < 0 or close_at < open_at:
        b.skip(block.line, label, "没有答案部分 {…}：是说明文字，不是题目", "no answer part {…}: a description, not a question")
        return
    before, body, after = text[:open_at], text[open_at + 1: close_at], text[close_at + 1:]
    changes: list[tuple[str, str]] = []
    media: set[str] = set()
    qid, tags, meta, lines = _meta(block.comments)
    body, *rest = _split_unescaped(body, "####")
    general = "####".join(rest)
    explanation = _text(general, fmt, changes, media)
    fields: dict[str, str | list[str]] = {
        "解析": explanation,
        "知识点": "、".join(dict.fromkeys(re.sub(r"[、,，\s]+", " ", t).strip() for t in [*category, *tags] if t.strip())),
        **meta,
    }
    stripped = body.strip()
    if not stripped:
        qtype = QType.SHORT
        fields["题干"] = _text(before + after, fmt, changes, media)
        reference = "\n".join(lines.get("参考答案", []))
        fields["答案"] = reference or "（无参考答案）"
        if not reference:
            changes.append(("没有参考答案", "no reference answer"))
        if lines.get("要点"):
            fields["要点"] = lines["要点"]
        else:
            changes.append(("没有评分要点：阅卷时须人工评分", "no scoring points: graded by hand in 阅卷"))
        _finish(b, block, label, qtype, fields, changes, media, qid, points_optional=True)
        return
    first = stripped.split("#", 1)[0].strip().upper()
    if first in _TF:
        fields["题干"] = _text(before + after, fmt, changes, media)  # a statement has no blank to fill
        fields["答案"] = "正确" if _TF[first] else "错误"
        if "#" in stripped:
            changes.append(("答题反馈语未导入（本系统只有解析）", "answer feedback dropped (only the general 解析 is kept)"))
        _finish(b, block, label, QType.JUDGE, fields, changes, media, qid)
        return
    if stripped.startswith("#"):
        b.skip(block.line, label, "数值题（含误差范围）无法转换为本系统的题型", "numerical questions have no equivalent here")
        return
    answers = _answers(stripped)
    if any("->" in t for _, t, _, _ in answers):
        b.skip(block.line, label, "配对题无法转换为本系统的题型", "matching questions have no equivalent here")
        return
    if not answers:
        b.skip(block.line, label, "无法识别答案部分", "the answer part is not understood")
        return
    if any(fb for _, _, _, fb in answers):
        changes.append(("各答案的反馈语未导入（本系统只有解析）", "per-answer feedback dropped (only the general 解析 is kept)"))
    weights = [(100.0 if mark == "=" else 0.0) if w is None else w for mark, _, w, _ in answers]
    if any(mark == "~" for mark, _, _, _ in answers):
        _choice(b, block, label, before, after, fmt, answers, weights, fields, changes, media, qid)
    else:
        _short(b, block, label, before, after, fmt, answers, weights, fields, changes, media, qid, lines)


def _choice(b: ReportBuilder, block: _Block, label: str, before: str, after: str, fmt: str,
            answers: list[tuple[str, str, float | None, str]], weights: list[float],
            fields: dict[str, str | list[str]], changes: list[tuple[str, str]], media: set[str], qid: str) -> None:
    if len(answers) > MAX_OPTIONS:
        b.skip(block.line, label, f"有 {len(answers)} 个选项，最多 {MAX_OPTIONS} 个", f"{len(answers)} options; at most {MAX_OPTIONS}")
        return
    if any(w < 0 for w in weights):
        changes.append(("选错扣分（负分）未导入：选错只是不得分", "negative marks dropped: a wrong choice scores nothing"))
    full = [i for i, w in enumerate(weights) if w >= 99.99]
    positive = [i for i, w in enumerate(weights) if w > 0]
    if len(full) == 1:
        qtype, correct = QType.SINGLE, full
        if len(positive) > 1:
            changes.append(("部分得分的选项按错误选项处理", "options with partial credit count as wrong"))
    elif len(positive) >= 2:
        qtype, correct = QType.MULTI, positive
        if len({round(weights[i], 3) for i in positive}) > 1:
            changes.append(("各正确选项的分值比例不同：按全部选对才得分", "unequal option weights: full marks for choosing exactly the right options"))
    else:
        b.skip(block.line, label, "没有满分选项", "no option earns full marks")
        return
    fields["题干"] = _text(before + ("（  ）" if after.strip() else "") + after, fmt, changes, media)
    fields["答案"] = "".join("ABCDEF"[i] for i in correct)
    for letter, (_, text, _, _) in zip("ABCDEF", answers, strict=False):
        fields[letter] = _text(text, fmt, changes, media)
    _finish(b, block, label, qtype, fields, changes, media, qid)


def _short(b: ReportBuilder, block: _Block, label: str, before: str, after: str, fmt: str,
           answers: list[tuple[str, str, float | None, str]], weights: list[float],
           fields: dict[str, str | list[str]], changes: list[tuple[str, str]], media: set[str], qid: str,
           lines: dict[str, list[str]]) -> None:
    alts = tuple(dict.fromkeys(_text(t, "plain", changes, media) for (_, t, _, _), w in zip(answers, weights, strict=True) if w >= 99.99))
    alts = tuple(a for a in alts if a and a != "*")
    if any(0 < w < 99.99 for w in weights):
        changes.append(("部分得分的答案未导入", "answers with partial credit dropped"))
    if not alts:
        b.skip(block.line, label, "没有满分答案", "no answer earns full marks")
        return
    key = lines.get("答案")
    if after.strip():
        stem = _text(before, fmt, changes, media) + "（  ）" + _text(after, fmt, changes, media)
    else:
        stem = _text(before, fmt, changes, media)
        if not BLANK_MARK.search(stem):
            stem += "（  ）"
            changes.append(("题干中没有空，已在末尾加上（  ）", "the stem had no blank; （  ） was added at its end"))
    fields["题干"] = stem
    blanks = split_blanks(key[0]) if key else (alts,)
    _finish(b, block, label, QType.BLANK, fields, changes, media, qid, blanks=blanks)


def _finish(b: ReportBuilder, block: _Block, label: str, qtype: QType, fields: dict[str, str | list[str]],
            changes: list[tuple[str, str]], media: set[str], qid: str, **kw: object) -> None:
    if media:
        b.skip(block.line, label, "含有图片、音视频或公式等非文字内容", "holds images, media or formulas, which plain text cannot carry")
        return
    fields["题型"] = qtype.value
    q = b.add(block.line, label, fields, qid=qid, **kw)  # type: ignore[arg-type]
    if q is not None:
        for zh, en in dict.fromkeys(changes):
            b.note(block.line, label, zh, en)


# ---------------------------------------------------------------- writing


def _tag(value: str) -> str:
    return "[tag:" + value.replace("\\", "\\\\").replace("]", "\\]") + "]"


def write_gift(questions: Sequence[Question]) -> bytes:
    out: list[str] = []
    for q in questions:
        tags = [*q.tags]
        if q.source:
            tags.append(f"出处:{q.source}")
        if q.section:
            tags.append(f"章节:{q.section}")
        tags += [f"难度:{q.difficulty}", f"分值:{exact_number(q.score)}"]
        if q.order_free:
            tags.append(f"乱序:{order_free_field(q)}")
        out.append(f"// [id:{q.id}] " + " ".join(_tag(t) for t in tags))
        general = f"####{escape(q.explanation)}" if q.explanation else ""
        head = f"::{escape(q.id)}::[plain]"
        if q.qtype in (QType.SINGLE, QType.MULTI):
            share = "%" + exact_number(round_share(len(q.correct))) + "%"
            lines = []
            for i, option in enumerate(q.options):
                if q.qtype is QType.SINGLE:
                    lines.append(("=" if i in q.correct else "~") + escape(option))
                else:
                    lines.append("~" + (share if i in q.correct else "%0%") + escape(option))
            out.append(head + escape(q.stem) + "{\n\t" + "\n\t".join(lines) + ("\n\t" + general if general else "") + "\n}")
        elif q.qtype is QType.JUDGE:
            out.append(head + escape(q.stem) + "{" + ("TRUE" if q.truth else "FALSE") + general + "}")
        elif q.qtype is QType.BLANK:
            answers = " ".join("=" + escape(a) for a in q.blanks[0])
            pieces = BLANK_MARK.split(q.stem)
            if len(q.blanks) == 1 and len(pieces) == 2:
                out.append(head + escape(pieces[0]) + "{" + answers + general + "}" + escape(pieces[1]))
            else:
                out.append("// 答案: " + escape(answer_field(q)))
                out.append(head + escape(q.stem) + "{=" + escape("；".join(a[0] for a in q.blanks)) + general + "}")
        else:
            out.append("// 参考答案: " + escape(q.reference))
            out += [f"// 要点: {escape(p.to_text())}" for p in q.points]
            out.append(head + escape(q.stem) + "{" + general + "}")
        out.append("")
    return ("\n".join(out)).encode("utf-8")


def round_share(n: int) -> Decimal:
    """Each right option's share of the marks in Moodle's percent (two → 50, three → 33.33333)."""
    return (Decimal(100) / max(n, 1)).quantize(Decimal("0.00001"))
