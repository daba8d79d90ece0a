"""Moodle XML (<quiz>): read and write.

multichoice → 单选/多选, truefalse → 判断, shortanswer and cloze of short answers → 填空,
essay → 简答, category path → 知识点. What our model lacks a place for (出处, 章节, 难度, 乱序)
travels as tags named `出处:问14`, which Moodle keeps; 要点 travel in the grader information.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from xml.etree.ElementTree import Element, SubElement, tostring

from baiwen_desktop.core.bankfile import BLANK_MARK, order_free_field
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.numbers import exact_number
from baiwen_desktop.core.question import MAX_OPTIONS, QType, Question
from baiwen_desktop.files.interchange.html_text import Plain, plain
from baiwen_desktop.files.interchange.report import ImportReport, ReportBuilder, excerpt, score_text
from baiwen_desktop.files.interchange.safe import parse_xml

META_TAGS = ("出处", "章节", "难度", "乱序")  # our fields carried as `key:value` tags
POINTS_HEAD = "【评分要点】"
CLOZE = re.compile(r"\{(\d*):([A-Za-z_]+):((?:\\.|[^\\}])*)\}")
SHORT_CLOZE = {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"}
UNSUPPORTED = {
    "matching": ("配对题", "matching"),
    "numerical": ("数值题（含误差范围）", "numerical (with tolerance)"),
    "calculated": ("计算题", "calculated"),
    "calculatedsimple": ("计算题", "calculated"),
    "calculatedmulti": ("计算选择题", "calculated multichoice"),
    "ddwtos": ("拖放填空题", "drag and drop into text"),
    "gapselect": ("下拉选词题", "select missing words"),
    "ddimageortext": ("图片拖放题", "drag and drop onto image"),
    "ddmarker": ("图片标记题", "drag and drop markers"),
    "randomsamatch": ("随机配对题", "random short-answer matching"),
    "ordering": ("排序题", "ordering"),
    "random": ("随机题", "random"),
    "description": ("说明文字（不是题目）", "description (not a question)"),
}


# ---------------------------------------------------------------- reading


def _text(el: Element | None, path: str = "text") -> str:
    if el is None:
        return ""
    t = el.find(path)
    return (t.text or "") if t is not None else ""


def _rich(el: Element | None) -> Plain:
    if el is None:
        return Plain("")
    fmt = el.get("format", "html")
    p = plain(_text(el), fmt)
    if el.findall("file"):
        p.media.add("file")
    return p


class _Question:
    """Reading one <question>: its notes (lost formatting, feedback) gathered before it is built."""

    def __init__(self, b: ReportBuilder, n: int, el: Element, tags: list[str]) -> None:
        self.b, self.n, self.el = b, n, el
        self.name = _text(el.find("name")).strip()
        self.stem = _rich(el.find("questiontext"))
        self.label = self.name or self.stem.text
        self.changes: list[tuple[str, str]] = []
        self.media: set[str] = set(self.stem.media)
        self.formatting: set[str] = set(self.stem.formatting)
        self.tags = list(tags)
        self.meta: dict[str, str] = {}
        for tag in el.findall("tags/tag"):
            t = _text(tag).strip()
            key, sep, value = t.partition(":")
            if sep and key in META_TAGS:
                self.meta[key] = value.strip()
            elif t:
                self.tags.append(t)

    def rich(self, el: Element | None) -> str:
        p = _rich(el)
        self.media |= p.media
        self.formatting |= p.formatting
        return p.text

    def fields(self, qtype: QType, answer: str) -> dict[str, str | list[str]]:
        fields: dict[str, str | list[str]] = {
            "题型": qtype.value,
            "题干": self.stem.text,
            "答案": answer,
            "解析": self.rich(self.el.find("generalfeedback")),
            "分值": score_text(self.el.findtext("defaultgrade")),
            "知识点": "、".join(dict.fromkeys(_tag(t) for t in self.tags if _tag(t))),
        }
        fields.update(self.meta)
        return fields

    def finish(self, qtype: QType, fields: dict[str, str | list[str]], **kw: object) -> None:
        if self.media:
            self.b.skip(self.n, self.label, "含有图片、音视频或公式等非文字内容", "holds images, media or formulas, which plain text cannot carry")
            return
        if self.formatting:
            self.changes.append(("HTML 格式（加粗、颜色、表格等）已去除，只保留文字", "HTML formatting removed; the text is kept"))
        q = self.b.add(self.n, self.label, fields, qid=(self.el.findtext("idnumber") or "").strip(), **kw)  # type: ignore[arg-type]
        if q is not None:
            for zh, en in dict.fromkeys(self.changes):
                self.b.note(self.n, self.label, zh, en)


def _tag(t: str) -> str:
    """A tag usable as a 知识点 (those separate by 、 and ,)."""
    return re.sub(r"[、,，\s]+", " ", t).strip()


def category_tags(path: str) -> list[str]:
    parts = [p.strip() for p in path.split("/") if p.strip()]
    return [p for p in parts if not p.startswith("$") and p.lower() != "top" and not p.lower().startswith("default for")]


def _answers(qr: _Question) -> list[tuple[str, float, str]]:
    out = []
    for a in qr.el.findall("answer"):
        try:
            fraction = float(a.get("fraction", "0"))
        except ValueError:
            fraction = 0.0
        text = qr.rich(a)
        feedback = qr.rich(a.find("feedback"))
        out.append((text, fraction, feedback))
    return out


def read_moodle(data: bytes, name: str) -> ImportReport:
    """Every question of a Moodle XML file: imported, left out with a reason, or wrong (an error).

    A file that is not Moodle XML at all raises BaiwenError (a whole-file problem, no question to name).
    """
    b = ReportBuilder(name, "moodle")
    root = parse_xml(data, name)  # not XML at all is a whole-file problem: BaiwenError
    if root.tag != "quiz":
        tag = excerpt(root.tag, 40)
        raise BaiwenError(f"{name}：根元素应为 <quiz>，而不是 <{tag}>", f"{name}: the root element must be <quiz>, not <{tag}>")
    category: list[str] = []
    n = 0
    for el in root.findall("question"):
        qtype = el.get("type", "")
        if qtype == "category":
            category = category_tags(_text(el.find("category")))
            continue
        n += 1
        qr = _Question(b, n, el, category)
        if qtype in UNSUPPORTED:
            zh, en = UNSUPPORTED[qtype]
            b.skip(n, qr.label, f"{zh}无法转换为本系统的题型", f"{en} questions have no equivalent here")
            continue
        reader = _READERS.get(qtype)
        if reader is None:
            b.skip(n, qr.label, f"未知题型“{qtype}”", f"unknown question type '{qtype}'")
            continue
        reader(qr)
    return b.result()


def _feedback_note(qr: _Question, answers: Sequence[tuple[str, float, str]]) -> None:
    if any(fb for _, _, fb in answers):
        qr.changes.append(("各选项的反馈语未导入（本系统只有解析）", "per-answer feedback dropped (only the general 解析 is kept)"))


def _multichoice(qr: _Question) -> None:
    answers = _answers(qr)
    if len(answers) > MAX_OPTIONS:
        qr.b.skip(qr.n, qr.label, f"有 {len(answers)} 个选项，最多 {MAX_OPTIONS} 个", f"{len(answers)} options; at most {MAX_OPTIONS}")
        return
    single = (qr.el.findtext("single") or "true").strip().lower() in ("true", "1")
    fractions = [f for _, f, _ in answers]
    if any(f < 0 for f in fractions):
        qr.changes.append(("选错扣分（负分）未导入：选错只是不得分", "negative marks dropped: a wrong choice scores nothing"))
    if single:
        correct = [i for i, f in enumerate(fractions) if f >= 99.99]
        if len(correct) != 1:
            qr.b.skip(qr.n, qr.label, "单选题没有唯一的满分选项（部分得分无法表示）", "no single option with full marks (partial credit cannot be represented)")
            return
        if any(0 < f < 99.99 for f in fractions):
            qr.changes.append(("部分得分的选项按错误选项处理", "options with partial credit count as wrong"))
        qtype = QType.SINGLE
    else:
        correct = [i for i, f in enumerate(fractions) if f > 0]
        if not correct:
            qr.b.skip(qr.n, qr.label, "没有得分的选项", "no option earns marks")
            return
        if len({round(fractions[i], 3) for i in correct}) > 1:
            qr.changes.append(("各正确选项的分值比例不同：按全部选对才得分", "unequal option weights: full marks for choosing exactly the right options"))
        qtype = QType.MULTI if len(correct) > 1 else QType.SINGLE
        if qtype is QType.SINGLE:
            qr.changes.append(("只有一个正确选项的多选题作为单选题导入", "a multiple-response question with one right option imports as single choice"))
    _feedback_note(qr, answers)
    fields = qr.fields(qtype, "".join("ABCDEF"[i] for i in correct))
    for letter, (text, _, _) in zip("ABCDEF", answers, strict=False):
        fields[letter] = text
    qr.finish(qtype, fields)


def _truefalse(qr: _Question) -> None:
    answers = _answers(qr)
    right = [t.strip().lower() for t, f, _ in answers if f >= 99.99]
    if len(right) != 1 or right[0] not in ("true", "false"):
        qr.b.skip(qr.n, qr.label, "判断题的正确答案不明确", "the true/false answer is unclear")
        return
    _feedback_note(qr, answers)
    qr.finish(QType.JUDGE, qr.fields(QType.JUDGE, "正确" if right[0] == "true" else "错误"))


def _alternatives(qr: _Question, answers: Sequence[tuple[str, float, str]]) -> tuple[str, ...]:
    alts = tuple(dict.fromkeys(t.strip() for t, f, _ in answers if f >= 99.99 and t.strip()))
    if any(0 < f < 99.99 for _, f, _ in answers):
        qr.changes.append(("部分得分的答案未导入", "answers with partial credit dropped"))
    if any(t.strip() == "*" for t, f, _ in answers if f > 0):
        qr.changes.append(("通配答案 * 未导入", "the wildcard answer * dropped"))
    return tuple(a for a in alts if a != "*")


def _shortanswer(qr: _Question) -> None:
    answers = _answers(qr)
    alts = _alternatives(qr, answers)
    if not alts:
        qr.b.skip(qr.n, qr.label, "没有满分答案", "no answer earns full marks")
        return
    if (qr.el.findtext("usecase") or "0").strip() == "1":
        qr.changes.append(("区分大小写的设置未导入", "case sensitivity dropped"))
    _feedback_note(qr, answers)
    fields = qr.fields(QType.BLANK, "")
    stem = str(fields["题干"])
    if not BLANK_MARK.search(stem):
        fields["题干"] = stem + "（  ）"
        qr.changes.append(("题干中没有空，已在末尾加上（  ）", "the stem had no blank; （  ） was added at its end"))
    qr.finish(QType.BLANK, fields, blanks=(alts,))


def _cloze_answers(body: str) -> list[tuple[str, float]]:
    out = []
    for part in re.split(r"(?<!\\)~", body):
        part = re.sub(r"(?<!\\)#.*", "", part, flags=re.S)
        fraction = 0.0
        if part.startswith("="):
            fraction, part = 100.0, part[1:]
        else:
            m = re.match(r"%(-?\d+(?:\.\d+)?)%", part)
            if m:
                fraction, part = float(m.group(1)), part[m.end():]
        out.append((re.sub(r"\\(.)", r"\1", part).strip(), fraction))
    return out


def _cloze(qr: _Question) -> None:
    text = qr.stem.text
    subs = list(CLOZE.finditer(text))
    if not subs:
        qr.b.skip(qr.n, qr.label, "完形填空中没有子题", "the cloze question has no sub-questions")
        return
    kinds = {m.group(2).upper() for m in subs}
    if not kinds <= SHORT_CLOZE:
        qr.b.skip(qr.n, qr.label, "完形填空中含有选择或数值子题，只有全部为简短回答时才能转为填空题",
                  "the cloze holds choice or numeric parts; only all-short-answer clozes map to 填空")
        return
    blanks: list[tuple[str, ...]] = []
    for m in subs:
        answers = [(t, f, "") for t, f in _cloze_answers(m.group(3))]
        alts = _alternatives(qr, answers)
        if not alts:
            qr.b.skip(qr.n, qr.label, "完形填空的某个空没有满分答案", "a blank of the cloze has no full-mark answer")
            return
        blanks.append(alts)
    weights = {m.group(1) or "1" for m in subs}
    if len(weights) > 1:
        qr.changes.append(("各空权重不同：每空分值相同", "unequal blank weights: every blank now weighs the same"))
    fields = qr.fields(QType.BLANK, "")
    fields["题干"] = CLOZE.sub("（  ）", text)
    if not fields["分值"]:
        fields["分值"] = str(sum(int(w) if w.isdigit() else 1 for w in (m.group(1) or "1" for m in subs)))
    qr.finish(QType.BLANK, fields, blanks=tuple(blanks))


def _essay(qr: _Question) -> None:
    info = qr.rich(qr.el.find("graderinfo"))
    reference, _, points_text = info.partition(POINTS_HEAD)
    points = [p.strip() for p in points_text.splitlines() if p.strip()]
    fields = qr.fields(QType.SHORT, reference.strip())
    if not fields["答案"]:
        fields["答案"] = "（无参考答案）"
        qr.changes.append(("没有参考答案（评分信息为空）", "no reference answer (empty grader information)"))
    if points:
        fields["要点"] = points
    else:
        qr.changes.append(("没有评分要点：阅卷时须人工评分", "no scoring points: graded by hand in 阅卷"))
    if (qr.el.findtext("attachments") or "0").strip() not in ("0", ""):
        qr.changes.append(("附件上传未导入：考生只能输入文字", "attachments dropped: candidates type their answer"))
    qr.finish(QType.SHORT, fields, points_optional=True)


_READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "cloze": _cloze,
    "multianswer": _cloze,
    "essay": _essay,
}


# ---------------------------------------------------------------- writing


def _add_text(parent: Element, tag: str, text: str, fmt: str = "plain_text") -> Element:
    el = SubElement(parent, tag, {"format": fmt})
    SubElement(el, "text").text = text
    return el


def _cloze_escape(s: str) -> str:
    return re.sub(r"([}#~/\"\\=%])", r"\\\1", s)


def _cloze_stem(q: Question) -> str:
    """Each blank mark of the stem becomes a short-answer sub-question holding that blank's alternatives."""
    pieces = BLANK_MARK.split(q.stem)
    out = [pieces[0]]
    for alts, rest in zip(q.blanks, pieces[1:], strict=False):
        out.append("{1:SHORTANSWER:" + "~".join("=" + _cloze_escape(a) for a in alts) + "}" + rest)
    return "".join(out)


def write_moodle(questions: Sequence[Question]) -> bytes:
    """Questions as Moodle XML, in plain-text format so that every character comes back as it was."""
    quiz = Element("quiz")
    for q in questions:
        kind = {
            QType.SINGLE: "multichoice", QType.MULTI: "multichoice", QType.JUDGE: "truefalse",
            QType.BLANK: "shortanswer" if len(q.blanks) == 1 else "cloze", QType.SHORT: "essay",
        }[q.qtype]
        el = SubElement(quiz, "question", {"type": kind})
        SubElement(SubElement(el, "name"), "text").text = q.id
        stem = q.stem
        if kind == "cloze":
            stem = _cloze_stem(q)
        _add_text(el, "questiontext", stem)
        _add_text(el, "generalfeedback", q.explanation)
        SubElement(el, "defaultgrade").text = exact_number(q.score)
        SubElement(el, "penalty").text = "0"
        SubElement(el, "hidden").text = "0"
        SubElement(el, "idnumber").text = q.id
        if q.qtype in (QType.SINGLE, QType.MULTI):
            SubElement(el, "single").text = "true" if q.qtype is QType.SINGLE else "false"
            SubElement(el, "shuffleanswers").text = "false"
            SubElement(el, "answernumbering").text = "ABCD"
            share = exact_number((Decimal(100) / max(len(q.correct), 1)).quantize(Decimal("0.00001")))
            for i, option in enumerate(q.options):
                fraction = ("100" if q.qtype is QType.SINGLE else share) if i in q.correct else "0"
                a = _add_text(el, "answer", option)
                a.set("fraction", fraction)
                _add_text(a, "feedback", "")
        elif q.qtype is QType.JUDGE:
            for value in ("true", "false"):
                a = _add_text(el, "answer", value, "moodle_auto_format")
                a.set("fraction", "100" if (value == "true") == bool(q.truth) else "0")
                _add_text(a, "feedback", "")
        elif kind == "shortanswer":
            SubElement(el, "usecase").text = "0"
            for alt in q.blanks[0]:
                a = _add_text(el, "answer", alt, "moodle_auto_format")
                a.set("fraction", "100")
                _add_text(a, "feedback", "")
        elif q.qtype is QType.SHORT:
            SubElement(el, "responseformat").text = "plain"
            SubElement(el, "responserequired").text = "1"
            SubElement(el, "responsefieldlines").text = "10"
            SubElement(el, "attachments").text = "0"
            info = q.reference
            if q.points:
                info += "\n" + POINTS_HEAD + "\n" + "\n".join(p.to_text() for p in q.points)
            _add_text(el, "graderinfo", info)
            _add_text(el, "responsetemplate", "")
        tags = [*q.tags]
        if q.source:
            tags.append(f"出处:{q.source}")
        if q.section:
            tags.append(f"章节:{q.section}")
        tags.append(f"难度:{q.difficulty}")
        if q.order_free:
            tags.append(f"乱序:{order_free_field(q)}")
        tag_el = SubElement(el, "tags")
        for t in tags:
            SubElement(SubElement(tag_el, "tag"), "text").text = t
    _indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(quiz, encoding="utf-8", xml_declaration=False) + b"\n"


def _indent(el: Element) -> None:
    from xml.etree.ElementTree import indent

    indent(el, space="  ")
