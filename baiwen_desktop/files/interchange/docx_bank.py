"""Word (.docx) question banks as Chinese trainers write them, read with python-docx; and written back.

    一、单选题（每题1分）
    1. 按照“十项承诺”，城市地区供电可靠率不低于（  ）。
    A. 99%    B. 99.9%    C. 96%    D. 99.99%
    答案：B
    解析：……

Section headings name the type; questions are numbered; options `A.`/`A、`/`A．` stand on their
own lines or several to a line; `答案：` `解析：` `分值：` `知识点：` `出处：` (and `难度：` `章节：`
`乱序：` `要点：` `编号：`) lines follow. Blanks are （ ） or ____. Import is all or nothing; each
problem names the paragraph (第 N 段) and quotes it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.core.bankfile import (
    FALSE_WORDS,
    TRUE_WORDS,
    answer_field,
    count_blanks,
    order_free_field,
)
from baiwen_desktop.core.errors import BaiwenError, Issue
from baiwen_desktop.core.numbers import exact_number
from baiwen_desktop.core.question import OPTION_LETTERS, TYPE_ORDER, QType, Question
from baiwen_desktop.files.interchange.report import ImportReport, ReportBuilder, excerpt
from baiwen_desktop.files.interchange.safe import open_zip

NUMERALS = "一二三四五六七八九十"
_TYPE_WORDS = {
    "单选": QType.SINGLE, "单项选择": QType.SINGLE, "单选择": QType.SINGLE,
    "多选": QType.MULTI, "多项选择": QType.MULTI, "不定项选择": QType.MULTI,
    "判断": QType.JUDGE, "是非": QType.JUDGE,
    "填空": QType.BLANK,
    "简答": QType.SHORT, "问答": QType.SHORT, "论述": QType.SHORT, "案例分析": QType.SHORT,
}
_HEADING = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*(" + "|".join(sorted(_TYPE_WORDS, key=len, reverse=True)) + r")题?(.*)$")
_NUMBER = re.compile(r"^(?:(\d{1,4})\s*[.．、)）]|[（(](\d{1,4})[)）]|第\s*(\d{1,4})\s*题[.．、:：]?)\s*(.*)$", re.S)
_OPTION = re.compile(r"(?:^|(?<=\s))([A-Fa-f])\s*[.．、:：)）]\s*")
_KEYS = {
    "答案": "答案", "正确答案": "答案", "参考答案": "答案", "标准答案": "答案",
    "解析": "解析", "答案解析": "解析", "试题解析": "解析",
    "分值": "分值", "分数": "分值", "知识点": "知识点", "出处": "出处", "章节": "章节",
    "难度": "难度", "乱序": "乱序", "要点": "要点", "评分要点": "要点", "编号": "编号", "题型": "题型",
}
_KEY_LINE = re.compile(r"^(?:【\s*(" + "|".join(_KEYS) + r")\s*】|(" + "|".join(sorted(_KEYS, key=len, reverse=True)) + r")\s*[:：])\s*(.*)$", re.S)
_SECTION_SCORE = re.compile(r"每[题小空]\s*(\d+(?:\.\d+)?)\s*分")
_COMMENT = re.compile(r"^(说明|注)\s*[:：]")
_INLINE_CHOICE = re.compile(r"[（(]\s*([A-Fa-f](?:\s*[、,，]?\s*[A-Fa-f])*)\s*[)）]")
_INLINE_JUDGE = re.compile(r"[（(]\s*(√|×|对|错|✓|✗|✔|✘)\s*[)）]\s*[。.]?\s*$")


@dataclass
class _Draft:
    start: int  # paragraph number of the question's first line
    number: int
    qtype: QType | None
    default_score: str
    fields: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    options: list[tuple[str, str, int]] = field(default_factory=list)  # (letter, text, paragraph)
    last: str = "题干"
    media: bool = False
    list_number: int = 0  # a numbered list inside 答案/解析 (1. 2. 3.), not new questions

    def add(self, key: str, value: str, para: int) -> None:
        if key == "要点":
            self.fields.setdefault(key, []).append((value, para))
        elif key in self.fields and key != "题干":
            self.fields[key].append((value, para))  # reported as given twice
        else:
            self.fields[key] = [(value, para)]
        self.last = key

    def extend(self, text: str) -> None:
        """A line that is not a new field continues the last one (a stem or answer over several lines)."""
        if self.last.startswith("option:"):
            letter, text_so_far, para = self.options[-1]
            self.options[-1] = (letter, text_so_far + "\n" + text, para)
            return
        values = self.fields.get(self.last)
        if values:
            value, para = values[-1]
            values[-1] = (value + "\n" + text if value else text, para)


def _split_options(line: str) -> list[tuple[str, str]] | None:
    """`A. 甲  B. 乙` → [("A","甲"),("B","乙")]; None unless the line starts with option A-F in order."""
    marks = list(_OPTION.finditer(line))
    if not marks or marks[0].start() != 0:
        return None
    letters = [m.group(1).upper() for m in marks]
    first = OPTION_LETTERS.index(letters[0])
    kept = [marks[0]]
    for m in marks[1:]:  # later marks count only in sequence (so "A. 见附件B、C" stays one option)
        expected = first + len(kept)
        if expected < len(OPTION_LETTERS) and m.group(1).upper() == OPTION_LETTERS[expected]:
            kept.append(m)
    out = []
    for i, m in enumerate(kept):
        end = kept[i + 1].start() if i + 1 < len(kept) else len(line)
        out.append((m.group(1).upper(), line[m.end(): end].strip()))
    return out


def _paragraphs(data: bytes, name: str) -> list[tuple[str, bool, str]]:
    """(text, has a picture or formula, style name) for each body paragraph, in order."""
    import docx

    open_zip(data, name)  # the zip guard, before python-docx unpacks anything
    try:
        doc = docx.Document(io.BytesIO(data))
        out = []
        names: dict[str, str] = {}  # style id → name; python-docx's per-paragraph lookup is slow
        for p in doc.paragraphs:
            media = bool(p._p.xpath(".//w:drawing|.//w:pict|.//w:object|.//*[local-name()='oMath']"))
            style_id = p._p.style or ""
            if style_id and style_id not in names:
                names[style_id] = p.style.name if p.style is not None else ""
            out.append((p.text, media, names.get(style_id, "") or ""))
        return out
    except Exception as e:  # python-docx raises many kinds for a damaged package; each means the same to a user
        raise BaiwenError(f"{name}：不是有效的 Word（.docx）文件：{excerpt(str(e), 80)}",
                          f"{name}: not a valid Word (.docx) file: {excerpt(str(e), 80)}") from e


def read_docx(data: bytes, name: str) -> ImportReport:
    b = ReportBuilder(name, "docx", "段", "paragraph")
    paragraphs = _paragraphs(data, name)
    texts = {n: t for n, (t, _, _) in enumerate(paragraphs, start=1)}
    drafts: list[_Draft] = []
    qtype: QType | None = None
    section_score = ""
    last_number = 0
    heading_seen = False
    cur: _Draft | None = None
    for n, (raw, media, style) in enumerate(paragraphs, start=1):
        lines = [ln.strip().replace("\u3000", " ") for ln in raw.replace("\r", "\n").split("\n")]
        for i, line in enumerate(lines):
            if not line:
                continue
            h = _HEADING.match(line)
            if h and i == 0:
                qtype = _TYPE_WORDS[h.group(1)]
                s = _SECTION_SCORE.search(h.group(2))
                section_score = s.group(1) if s else ""
                heading_seen, cur = True, None
                continue
            if cur is None and (_COMMENT.match(line) or style.startswith(("Title", "Heading", "标题"))):
                continue  # the document's title and the trainer's notes are not questions
            m = _NUMBER.match(line)
            if m and i == 0:
                num = int(next(g for g in m.groups()[:3] if g))
                in_list = cur is not None and cur.last in ("答案", "解析") and not heading_seen and (
                    (num == 1 and num != last_number + 1) or (cur.list_number and num == cur.list_number + 1 and num != last_number + 1))
                fresh = not in_list and (
                    cur is None or num == last_number + 1 or (heading_seen and num == 1) or ("答案" in cur.fields and num > last_number))
                if in_list and cur is not None:
                    cur.list_number = num
                if fresh:
                    cur = _Draft(n, num, qtype, section_score)
                    cur.add("题干", m.group(4).strip(), n)
                    drafts.append(cur)
                    last_number, heading_seen = num, False
                    cur.media = cur.media or media
                    continue
            if cur is None:
                b.skip(n, texts[n], "不是题目（没有题号，也不在题目之内），未导入", "not a question (no number, not inside one); not imported")
                break
            cur.media = cur.media or media
            k = _KEY_LINE.match(line)
            if k:
                cur.add(_KEYS[k.group(1) or k.group(2)], k.group(3).strip(), n)
                continue
            opts = _split_options(line) if cur.last in ("题干",) or cur.last.startswith("option:") else None
            if opts:
                for letter, text in opts:
                    cur.options.append((letter, text, n))
                cur.last = "option:" + opts[-1][0]
                continue
            cur.extend(line)
    for d in drafts:
        _build(b, d, texts)
    return b.result()


def _infer_type(d: _Draft, answer: str) -> QType:
    if d.options:
        letters = re.sub(r"[\s,，、]", "", answer)
        return QType.MULTI if len(letters) > 1 else QType.SINGLE
    if answer in TRUE_WORDS or answer in FALSE_WORDS:
        return QType.JUDGE
    stem = d.fields.get("题干", [("", 0)])[0][0]
    return QType.BLANK if count_blanks(stem) else QType.SHORT


def _build(b: ReportBuilder, d: _Draft, texts: dict[int, str]) -> None:
    label = texts.get(d.start, "")
    if d.media:
        b.skip(d.start, label, "含有图片或公式，无法转换为文字题目", "holds a picture or formula, which plain text cannot carry")
        return
    fields = {k: list(v) for k, v in d.fields.items()}
    stem, stem_at = fields["题干"][0]
    answer = fields.get("答案", [("", d.start)])[0][0]
    qtype = d.qtype
    if "题型" in fields:
        word = fields.pop("题型")[0][0].removesuffix("题")
        qtype = _TYPE_WORDS.get(word, qtype)
    if not answer:  # 答案 written in the stem: （B） for a choice, （√） at the end of a statement
        if d.options or qtype in (QType.SINGLE, QType.MULTI):
            m = _INLINE_CHOICE.search(stem)
            if m:
                answer = re.sub(r"[\s、,，]", "", m.group(1)).upper()
                stem = stem[: m.start()] + "（  ）" + stem[m.end():]
        elif qtype is QType.JUDGE or qtype is None:
            m = _INLINE_JUDGE.search(stem)
            if m:
                answer = "正确" if m.group(1) in ("√", "对", "✓", "✔") else "错误"
                stem = stem[: m.start()].rstrip() + stem[m.end():].strip()
        if answer:
            fields["答案"] = [(answer, stem_at)]
    fields["题干"] = [(stem, stem_at)]
    if qtype is None:
        qtype = _infer_type(d, answer)
    fields["题型"] = [(qtype.value, d.start)]
    seen: set[str] = set()
    for letter, text, para in d.options:
        if letter in seen:
            b.report.errors.append(_issue(b, para, texts, f"选项 {letter} 出现了多次", f"option {letter} appears twice", letter))
        seen.add(letter)
        fields[letter] = [(text, para)]
    if "分值" not in fields and d.default_score:
        fields["分值"] = [(d.default_score, d.start)]
    if qtype is QType.BLANK and answer and "|" not in answer:
        n_blanks = count_blanks(stem)
        pieces = [p for p in re.split(r"[；;，,、\s]+", answer) if p]
        if n_blanks > 1 and len(pieces) == n_blanks:
            fields["答案"] = [(" | ".join(pieces), fields["答案"][0][1])]  # 45，90 for two blanks
    qid = fields.pop("编号", [("", 0)])[0][0]
    b.add_located(d.start, label, fields, qid=qid, quote=lambda line: texts.get(line, ""))


def _issue(b: ReportBuilder, para: int, texts: dict[int, str], zh: str, en: str, key: str) -> Issue:
    return Issue(b.report.file, para, f"“{excerpt(texts.get(para, ''))}”：{zh}", en, key)


# ---------------------------------------------------------------- writing


def _para(doc: Any, text: str, bold: bool = False) -> Any:
    """One paragraph; line breaks inside the text become soft breaks (so the reader keeps them together)."""
    p = doc.add_paragraph()
    for i, line in enumerate(text.split("\n")):
        run = p.add_run(line)
        run.bold = bold
        if i < len(text.split("\n")) - 1:
            run.add_break()
    return p


def _document(questions: Sequence[Question], title: str, notes: Sequence[str] = (), *, ids: bool = True) -> Any:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = docx.Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    doc.add_heading(title, level=1)
    for note in notes:
        _para(doc, note)
    groups = [(t, [q for q in questions if q.qtype is t]) for t in TYPE_ORDER]
    for k, (qtype, qs) in enumerate([g for g in groups if g[1]]):
        _para(doc, f"{NUMERALS[k]}、{qtype.label}", bold=True)
        for i, q in enumerate(qs, start=1):
            _para(doc, f"{i}. {q.stem}")
            for letter, option in zip(OPTION_LETTERS, q.options, strict=False):
                _para(doc, f"{letter}. {option}")
            _para(doc, "答案：" + answer_field(q))
            for p in q.points:
                _para(doc, "要点：" + p.to_text())
            if q.order_free:
                _para(doc, "乱序：" + order_free_field(q))
            if q.explanation:
                _para(doc, "解析：" + q.explanation)
            _para(doc, "分值：" + exact_number(q.score))
            _para(doc, f"难度：{q.difficulty}")
            if q.tags:
                _para(doc, "知识点：" + "、".join(q.tags))
            if q.source:
                _para(doc, "出处：" + q.source)
            if q.section:
                _para(doc, "章节：" + q.section)
            if ids:
                _para(doc, "编号：" + q.id)
    return doc


def write_docx(questions: Sequence[Question]) -> bytes:
    buf = io.BytesIO()
    _document(questions, "题库").save(buf)
    return buf.getvalue()


TEMPLATE_NOTES = (
    "说明：每种题型前写一行标题，如“一、单选题”“二、多选题”“三、判断题”“四、填空题”“五、简答题”；标题中可写“（每题2分）”作为该类题的分值。",
    "说明：题目编号写作“1.”“1、”“1．”或“（1）”；选项写作“A.”“A、”或“A．”，可以每个选项一行，也可以几个选项写在同一行。",
    "说明：题目下面写“答案：”“解析：”“分值：”“知识点：”“出处：”各一行；判断题答案写 正确/错误 或 √/×；多选题答案如 ABD；"
    "填空题在题干中用（  ）或 ____ 标出每个空，答案按空的顺序写，多个空之间用 | 分隔，同一空的几种写法用；分隔；简答题另写“要点：关键词/同义词=分值”，每个要点一行。",
    "说明：以“说明：”开头的段落不会导入。文件中只要有一处错误，整个文件都不会导入，并会指出是第几段、写了什么。",
)


def _template_questions() -> list[Question]:
    from decimal import Decimal

    from baiwen_desktop.core.question import ScoringPoint

    return [
        Question("t-01", QType.SINGLE, "按照供电服务“十项承诺”，城市地区供电可靠率不低于（  ）。", Decimal(1),
                 options=("99%", "99.9%", "96%", "99.99%"), correct=(1,), explanation="“十项承诺”第一条：城市地区供电可靠率不低于99.9%。",
                 source="问14", section="问", tags=("十项承诺", "供电可靠率"), difficulty=1),
        Question("t-02", QType.MULTI, "员工应树立的“四种意识”包括（  ）。", Decimal(2),
                 options=("企业意识", "大局意识", "责任意识", "服务意识", "效益意识"), correct=(0, 1, 2, 3),
                 explanation="问15：企业意识、大局意识、责任意识、服务意识。", source="问15", section="问", tags=("四种意识",), difficulty=2),
        Question("t-03", QType.JUDGE, "城市地区居民客户端电压合格率不低于95%。", Decimal(1), truth=False,
                 explanation="应为不低于96%。", source="问14", section="问", tags=("十项承诺",), difficulty=2),
        Question("t-04", QType.BLANK, "供电抢修人员到达现场的时间一般不超过：城区范围（  ）分钟；农村地区（  ）分钟。", Decimal(2),
                 blanks=(("45", "四十五"), ("90", "九十")), explanation="城区范围45分钟；农村地区90分钟。",
                 source="问14", section="问", tags=("十项承诺", "故障抢修"), difficulty=2),
        Question("t-05", QType.SHORT, "结合工作实际，分析供电服务存在哪些薄弱环节。", Decimal(4),
                 reference="可从服务观念、服务意识、服务技能、执行制度等方面分析。",
                 points=(ScoringPoint(("服务观念",), Decimal(1)), ScoringPoint(("服务意识",), Decimal(1)),
                         ScoringPoint(("服务技能",), Decimal(1)), ScoringPoint(("执行制度", "制度执行"), Decimal(1))),
                 source="问13", section="问", tags=("服务短板",), difficulty=4),
    ]


def write_docx_template(path: Path) -> None:
    """A filled example: the notes, then one question of each type in the importable layout."""
    doc = _document(_template_questions(), "题库导入示例（Word）", TEMPLATE_NOTES, ids=False)  # 编号 is optional
    with atomic_path(Path(path)) as tmp:
        doc.save(str(tmp))
