"""IMS QTI 2.1/2.2 and 3.0: single items and content packages (zip with imsmanifest.xml), in and out.

choiceInteraction (one choice) → 单选, (several) → 多选, a two-choice 正确/错误 → 判断,
textEntryInteraction → 填空 (each interaction a blank), extendedTextInteraction → 简答. QTI 3's
kebab-case names (qti-choice-interaction, max-choices) are read as their 2.x equivalents. Our fields
that QTI has no element for (出处, 章节, 知识点, 难度, 乱序, 参考答案, 要点) are written as `键：值`
lines in a rubric block for scorers (view="scorer"), where a human grader sees them; 解析 is the
item's modal feedback.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from baiwen_desktop.core.bankfile import BLANK_MARK, FALSE_WORDS, TRUE_WORDS, order_free_field
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.numbers import exact_number
from baiwen_desktop.core.question import MAX_OPTIONS, OPTION_LETTERS, QType, Question
from baiwen_desktop.files.interchange.html_text import BLOCK, FORMAT, MEDIA
from baiwen_desktop.files.interchange.report import ImportReport, ReportBuilder, excerpt, score_text
from baiwen_desktop.files.interchange.safe import open_zip, parse_xml, read_member

NS = {
    "2.1": "http://www.imsglobal.org/xsd/imsqti_v2p1",
    "2.2": "http://www.imsglobal.org/xsd/imsqti_v2p2",
    "3.0": "http://www.imsglobal.org/xsd/imsqtiasi_v3p0",
}
CP_NS = {"2.2": "http://www.imsglobal.org/xsd/imscp_v1p1", "3.0": "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"}
ITEM_TYPE = {"2.2": "imsqti_item_xmlv2p2", "3.0": "imsqti_item_xmlv3p0"}
RP_TEMPLATE = {
    "2.2": "http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct",
    "3.0": "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml",
}
META_KEYS = ("出处", "章节", "知识点", "难度", "乱序", "参考答案", "要点")
SUPPORTED = {"choiceInteraction", "textEntryInteraction", "extendedTextInteraction"}
OTHER_INTERACTIONS = {
    "inlineChoiceInteraction": ("下拉选择", "inline choice"),
    "matchInteraction": ("配对", "match"),
    "associateInteraction": ("关联", "associate"),
    "gapMatchInteraction": ("拖放填空", "gap match"),
    "orderInteraction": ("排序", "order"),
    "hottextInteraction": ("文本点选", "hot text"),
    "hotspotInteraction": ("图片热区", "hotspot"),
    "graphicOrderInteraction": ("图片排序", "graphic order"),
    "graphicAssociateInteraction": ("图片关联", "graphic associate"),
    "graphicGapMatchInteraction": ("图片拖放", "graphic gap match"),
    "selectPointInteraction": ("图片选点", "select point"),
    "positionObjectInteraction": ("图片定位", "position object"),
    "sliderInteraction": ("滑块", "slider"),
    "uploadInteraction": ("上传文件", "upload"),
    "drawingInteraction": ("绘图", "drawing"),
    "mediaInteraction": ("音视频", "media"),
    "customInteraction": ("自定义", "custom"),
    "portableCustomInteraction": ("自定义", "portable custom"),
    "endAttemptInteraction": ("结束作答按钮", "end attempt"),
}
_HIDDEN = {"rubricBlock", "modalFeedback", "feedbackBlock", "feedbackInline", "templateBlock", "templateInline",
           "stylesheet", "responseProcessing", "printedVariable", "companionMaterialsInfo", "catalogInfo"}


# ---------------------------------------------------------------- names: QTI 3 → QTI 2


def _camel(name: str) -> str:
    parts = name.split("-")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def _normalise(root: Element) -> None:
    """Drop namespaces and turn QTI 3 names (qti-choice-interaction, max-choices) into QTI 2 ones, in place."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.rsplit("}", 1)[-1]
        if tag.startswith("qti-"):
            tag = _camel(tag[4:])
        el.tag = tag
        for key in list(el.attrib):
            local = key.rsplit("}", 1)[-1]
            new = _camel(local) if "-" in local else local
            if new != key:
                el.attrib[new] = el.attrib.pop(key)


# ---------------------------------------------------------------- reading items


@dataclass
class _Text:
    """Text gathered from an item body, and what it held that plain text cannot."""

    parts: list[str] = field(default_factory=list)
    media: set[str] = field(default_factory=set)
    formatting: set[str] = field(default_factory=set)
    hidden_feedback: bool = False

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [line.strip() for line in joined.split("\n")]
        return "\n".join(line for line in lines if line)


def _collapse(s: str | None) -> str:
    # Newlines and tabs in XML are layout, not content; runs of plain spaces (as in （  ）) are kept.
    return re.sub(r"[ \t]*[\r\n\t][ \t\r\n]*", " ", s or "")


def _walk(el: Element, t: _Text, blank: str | None = None) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _HIDDEN:
        if tag in ("feedbackBlock", "feedbackInline", "modalFeedback"):
            t.hidden_feedback = True
        return
    if tag == "textEntryInteraction":
        t.parts.append(blank or "（  ）")
        return
    if tag.endswith("Interaction") or tag in ("simpleChoice", "prompt"):
        return
    if tag in MEDIA or tag in ("object", "m:math"):
        t.media.add(tag)
    if tag in FORMAT:
        t.formatting.add(tag)
    if tag == "br":
        t.parts.append("\n")
    block = tag in BLOCK or tag in ("contentBody", "itemBody")
    if block:
        t.parts.append("\n")
    t.parts.append(_collapse(el.text))
    for child in el:
        _walk(child, t, blank)
        t.parts.append(_collapse(child.tail))
    if block:
        t.parts.append("\n")


def _inner(el: Element | None) -> _Text:
    t = _Text()
    if el is not None:
        t.parts.append(_collapse(el.text))
        for child in el:
            _walk(child, t)
            t.parts.append(_collapse(child.tail))
    return t


@dataclass
class _Response:
    cardinality: str
    base_type: str
    correct: list[str]
    mapping: list[tuple[str, Decimal]]


def _responses(item: Element) -> dict[str, _Response]:
    out = {}
    for rd in item.findall("responseDeclaration"):
        correct = [(v.text or "").strip() for v in rd.findall("correctResponse/value")]
        mapping = []
        for me in rd.findall("mapping/mapEntry"):
            try:
                mapping.append(((me.get("mapKey") or "").strip(), Decimal(me.get("mappedValue", "0"))))
            except ArithmeticError:
                continue
        out[rd.get("identifier", "")] = _Response(rd.get("cardinality", "single"), rd.get("baseType", ""), correct, mapping)
    return out


def _score(item: Element) -> str:
    for od in item.findall("outcomeDeclaration"):
        if od.get("identifier") == "MAXSCORE":
            value = od.findtext("defaultValue/value")
            if value:
                return score_text(value)
    for od in item.findall("outcomeDeclaration"):
        if od.get("identifier") == "SCORE" and od.get("normalMaximum"):
            return score_text(od.get("normalMaximum"))
    return ""


def _rubric(body: Element) -> dict[str, list[str]]:
    """`键：值` lines of a scorer's rubric block (how we carry fields QTI has no element for)."""
    out: dict[str, list[str]] = {}
    for rb in body.iter("rubricBlock"):
        for line in _inner(rb).text().splitlines():
            m = re.match(r"^(\S+?)\s*[:：]\s?(.*)$", line)
            if m and m.group(1) in META_KEYS:
                out.setdefault(m.group(1), []).append(m.group(2))
            elif out.get("参考答案") and not m:
                out["参考答案"][-1] += "\n" + line  # a reference answer may run over several lines
    return out


def _explanation(item: Element) -> tuple[str, bool]:
    """The solution feedback as 解析; and whether other feedback was dropped."""
    solution, dropped = "", False
    for mf in item.findall("modalFeedback"):
        if (mf.get("identifier") or "").upper() == "SOLUTION" and not solution:
            solution = _inner(mf).text()
        else:
            dropped = True
    return solution, dropped


def read_item(b: ReportBuilder, n: int, item: Element) -> None:
    """One assessmentItem (already normalised) into the report."""
    qid = (item.get("identifier") or "").strip()
    title = (item.get("title") or "").strip()
    body = item.find("itemBody")
    label = title or qid
    if body is None:
        b.skip(n, label, "没有题目内容（itemBody）", "no itemBody")
        return
    interactions = [el for el in body.iter() if isinstance(el.tag, str) and el.tag.endswith("Interaction")]
    others = [el.tag for el in interactions if el.tag not in SUPPORTED]
    if others:
        zh, en = OTHER_INTERACTIONS.get(others[0], (others[0], others[0]))
        b.skip(n, label, f"{zh}题（{others[0]}）无法转换为本系统的题型", f"{en} interactions have no equivalent here")
        return
    kinds = {el.tag for el in interactions}
    if not interactions:
        b.skip(n, label, "没有作答部分：是说明文字，不是题目", "no interaction: a description, not a question")
        return
    if len(kinds) > 1 or ("textEntryInteraction" not in kinds and len(interactions) > 1):
        b.skip(n, label, "一道题中有多个作答部分", "several interactions in one item")
        return
    stem_text = _inner(body)
    prompts = [_inner(p) for p in body.iter("prompt")]
    changes: list[tuple[str, str]] = []
    media = set(stem_text.media)
    formatting = set(stem_text.formatting)
    for p in prompts:
        media |= p.media
        formatting |= p.formatting
    stem = "\n".join(s for s in [stem_text.text(), *(p.text() for p in prompts)] if s)
    label = title or excerpt(stem) or qid
    rubric = _rubric(body)
    explanation, dropped = _explanation(item)
    if dropped or stem_text.hidden_feedback:
        changes.append(("答题反馈语未导入（本系统只有解析）", "answer feedback dropped (only the solution is kept as 解析)"))
    fields: dict[str, str | list[str]] = {"题干": stem, "解析": explanation, "分值": _score(item)}
    for key in ("出处", "章节", "知识点", "难度", "乱序"):
        if rubric.get(key):
            fields[key] = rubric[key][0]
    responses = _responses(item)
    kind = interactions[0].tag
    kw: dict[str, object] = {}
    if kind == "choiceInteraction":
        inter = interactions[0]
        choices = [c for c in inter.iter("simpleChoice")]
        resp = responses.get(inter.get("responseIdentifier", ""), _Response("single", "", [], []))
        ids = [c.get("identifier", "") for c in choices]
        right = [i for i, cid in enumerate(ids) if cid in resp.correct]
        if not right:
            right = [i for i, cid in enumerate(ids) if any(k == cid and v > 0 for k, v in resp.mapping)]
        if any(v < 0 for _, v in resp.mapping):
            changes.append(("选错扣分（负分）未导入：选错只是不得分", "negative marks dropped: a wrong choice scores nothing"))
        if len(choices) > MAX_OPTIONS:
            b.skip(n, label, f"有 {len(choices)} 个选项，最多 {MAX_OPTIONS} 个", f"{len(choices)} options; at most {MAX_OPTIONS}")
            return
        if not right:
            b.skip(n, label, "没有给出正确答案", "no correct response given")
            return
        texts = []
        for c in choices:
            ct = _inner(c)
            media |= ct.media
            formatting |= ct.formatting
            texts.append(ct.text())
        single = inter.get("maxChoices", "1") == "1" or resp.cardinality == "single"
        if single and len(right) != 1:
            b.skip(n, label, "单选题给出了多个正确答案", "a single-choice item with several correct responses")
            return
        if single and len(texts) == 2 and {texts[0], texts[1]} & TRUE_WORDS and {texts[0], texts[1]} & FALSE_WORDS:
            qtype = QType.JUDGE
            fields["答案"] = "正确" if texts[right[0]] in TRUE_WORDS else "错误"
        else:
            qtype = QType.SINGLE if len(right) == 1 else QType.MULTI
            if not single and qtype is QType.SINGLE:
                changes.append(("只有一个正确选项的多选题作为单选题导入", "a multiple-response item with one right option imports as single choice"))
            fields["答案"] = "".join(OPTION_LETTERS[i] for i in right)
            for letter, text in zip(OPTION_LETTERS, texts, strict=False):
                fields[letter] = text
    elif kind == "textEntryInteraction":
        qtype = QType.BLANK
        blanks = []
        for inter in interactions:
            resp = responses.get(inter.get("responseIdentifier", ""), _Response("single", "", [], []))
            full = max((v for _, v in resp.mapping), default=Decimal(0))
            alts = [*resp.correct, *(k for k, v in resp.mapping if v > 0 and v == full)]
            alts = [a for a in dict.fromkeys(alts) if a]
            if any(0 < v < full for _, v in resp.mapping):
                changes.append(("部分得分的答案未导入", "answers with partial credit dropped"))
            if not alts:
                b.skip(n, label, "某个空没有给出正确答案", "a blank has no correct response")
                return
            if resp.base_type in ("float", "integer"):
                changes.append(("数值答案按文字比较（误差范围未导入）", "a numeric answer is compared as text (tolerance dropped)"))
            blanks.append(tuple(alts))
        kw["blanks"] = tuple(blanks)
    else:
        qtype = QType.SHORT
        inter = interactions[0]
        resp = responses.get(inter.get("responseIdentifier", ""), _Response("single", "", [], []))
        reference = "\n".join(rubric.get("参考答案", [])) or "\n".join(resp.correct)
        if not reference:
            reference = "（无参考答案）"
            changes.append(("没有参考答案", "no reference answer"))
        fields["答案"] = reference
        if rubric.get("要点"):
            fields["要点"] = rubric["要点"]
        else:
            changes.append(("没有评分要点：阅卷时须人工评分", "no scoring points: graded by hand in 阅卷"))
        kw["points_optional"] = True
    if media:
        b.skip(n, label, "含有图片、音视频或公式等非文字内容", "holds images, media or formulas, which plain text cannot carry")
        return
    if formatting:
        changes.append(("HTML 格式（加粗、表格等）已去除，只保留文字", "HTML formatting removed; the text is kept"))
    fields["题型"] = qtype.value
    q = b.add(n, label, fields, qid=qid, **kw)  # type: ignore[arg-type]
    if q is not None:
        for zh, en in dict.fromkeys(changes):
            b.note(n, label, zh, en)


def _item_root(data: bytes, name: str) -> Element:
    root = parse_xml(data, name)
    _normalise(root)
    return root


def read_qti(data: bytes, name: str) -> ImportReport:
    """A QTI item file, or a content package (zip) of items listed in imsmanifest.xml."""
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        return _read_package(data, name)
    b = ReportBuilder(name, "qti")
    root = _item_root(data, name)
    if root.tag == "assessmentItem":
        read_item(b, 1, root)
        return b.result()
    if root.tag == "manifest":
        raise BaiwenError(f"{name} 是题目包的清单；请导入包含清单和题目文件的 zip 包",
                          f"{name} is a package manifest; import the zip holding it and its items")
    raise BaiwenError(f"{name}：不是 QTI 题目（根元素 <{excerpt(root.tag, 40)}>）", f"{name}: not a QTI item (root <{excerpt(root.tag, 40)}>)")


def _read_package(data: bytes, name: str) -> ImportReport:
    b = ReportBuilder(name, "qti")
    zf = open_zip(data, name)
    names = set(zf.namelist())
    hrefs: list[str] = []
    if "imsmanifest.xml" in names:
        manifest = _item_root(read_member(zf, "imsmanifest.xml", name), f"{name}/imsmanifest.xml")
        for res in manifest.iter("resource"):
            kind = res.get("type", "")
            href = res.get("href", "")
            if kind.startswith("imsqti_item") and href:
                hrefs.append(href)
            elif kind.startswith("imsqti_test") or kind.startswith("imsqti_section"):
                continue  # a test only orders its items; the items are listed as resources of their own
    else:
        hrefs = sorted(n for n in names if n.lower().endswith(".xml"))
    if not hrefs:
        raise BaiwenError(f"{name}：压缩包中没有 QTI 题目", f"{name}: the package holds no QTI items")
    for n, href in enumerate(hrefs, start=1):
        path = posixpath.normpath(href.replace("\\", "/"))
        if path.startswith("../") or path.startswith("/") or path == "..":
            b.skip(n, href, "题目文件路径指向包外，已拒绝", "the item path points outside the package; refused")
            continue
        if path not in names:
            b.skip(n, href, "清单列出的题目文件不在包中", "an item listed in the manifest is missing from the package")
            continue
        try:
            root = _item_root(read_member(zf, path, name), path)
        except BaiwenError as e:
            b.error(n, href, e.zh, e.en)
            continue
        if root.tag != "assessmentItem":
            b.skip(n, href, f"不是 QTI 题目（<{excerpt(root.tag, 40)}>）", f"not a QTI item (<{excerpt(root.tag, 40)}>)")
            continue
        read_item(b, n, root)
    return b.result()


# ---------------------------------------------------------------- writing


def _lines(parent: Element, text: str) -> None:
    """Text as one <p> per line (an empty text writes nothing)."""
    for line in text.split("\n"):
        SubElement(parent, "p").text = line


def _item(q: Question) -> Element:
    item = Element("assessmentItem", {"identifier": q.id, "title": q.id, "adaptive": "false", "timeDependent": "false"})
    score = exact_number(q.score)
    if q.qtype in (QType.SINGLE, QType.MULTI, QType.JUDGE):
        multi = q.qtype is QType.MULTI
        rd = SubElement(item, "responseDeclaration", {"identifier": "RESPONSE", "cardinality": "multiple" if multi else "single", "baseType": "identifier"})
        cr = SubElement(rd, "correctResponse")
        if q.qtype is QType.JUDGE:
            SubElement(cr, "value").text = "T" if q.truth else "F"
        for i in q.correct:
            SubElement(cr, "value").text = OPTION_LETTERS[i]
    elif q.qtype is QType.BLANK:
        share = exact_number(q.score / max(len(q.blanks), 1))
        for i, alts in enumerate(q.blanks, start=1):
            rd = SubElement(item, "responseDeclaration", {"identifier": f"RESPONSE_{i}", "cardinality": "single", "baseType": "string"})
            SubElement(SubElement(rd, "correctResponse"), "value").text = alts[0]
            mapping = SubElement(rd, "mapping", {"defaultValue": "0"})
            for a in alts:
                SubElement(mapping, "mapEntry", {"mapKey": a, "mappedValue": share, "caseSensitive": "false"})
    else:
        SubElement(item, "responseDeclaration", {"identifier": "RESPONSE", "cardinality": "single", "baseType": "string"})
    od = {"identifier": "SCORE", "cardinality": "single", "baseType": "float", "normalMaximum": score}
    if q.qtype is QType.SHORT:
        od["externalScored"] = "human"
    SubElement(item, "outcomeDeclaration", od)
    mx = SubElement(item, "outcomeDeclaration", {"identifier": "MAXSCORE", "cardinality": "single", "baseType": "float"})
    SubElement(SubElement(mx, "defaultValue"), "value").text = score
    if q.explanation:
        fb = SubElement(item, "outcomeDeclaration", {"identifier": "FEEDBACK", "cardinality": "single", "baseType": "identifier"})
        SubElement(SubElement(fb, "defaultValue"), "value").text = "SOLUTION"
    body = SubElement(item, "itemBody")
    if q.qtype is QType.BLANK:
        pieces = BLANK_MARK.split(q.stem)
        p = SubElement(body, "p")
        last: Element | None = None
        p.text = ""
        for k, piece in enumerate(pieces):
            _inline_text(p, last, piece)
            if k < len(pieces) - 1:
                last = SubElement(p, "textEntryInteraction", {"responseIdentifier": f"RESPONSE_{k + 1}", "expectedLength": "12"})
                last.tail = ""
    else:
        _lines(body, q.stem)
    if q.qtype in (QType.SINGLE, QType.MULTI, QType.JUDGE):
        ci = SubElement(body, "choiceInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "false",
                                                    "maxChoices": "0" if q.qtype is QType.MULTI else "1"})
        if q.qtype is QType.JUDGE:
            SubElement(ci, "simpleChoice", {"identifier": "T"}).text = "正确"
            SubElement(ci, "simpleChoice", {"identifier": "F"}).text = "错误"
        for letter, option in zip(OPTION_LETTERS, q.options, strict=False):
            SubElement(ci, "simpleChoice", {"identifier": letter}).text = option
    elif q.qtype is QType.SHORT:
        SubElement(body, "extendedTextInteraction", {"responseIdentifier": "RESPONSE", "expectedLines": "8"})
    meta = []
    if q.source:
        meta.append(f"出处：{q.source}")
    if q.section:
        meta.append(f"章节：{q.section}")
    if q.tags:
        meta.append("知识点：" + "、".join(q.tags))
    meta.append(f"难度：{q.difficulty}")
    if q.order_free:
        meta.append(f"乱序：{order_free_field(q)}")
    if q.qtype is QType.SHORT:
        meta.append("参考答案：" + q.reference)
        meta += [f"要点：{p.to_text()}" for p in q.points]
    rubric = SubElement(body, "rubricBlock", {"view": "scorer"})
    _lines(rubric, "\n".join(meta))
    if q.qtype in (QType.SINGLE, QType.MULTI, QType.JUDGE):
        SubElement(item, "responseProcessing", {"template": "MATCH_CORRECT"})
    elif q.qtype is QType.BLANK:
        rp = SubElement(item, "responseProcessing")
        total = SubElement(SubElement(rp, "setOutcomeValue", {"identifier": "SCORE"}), "sum")
        for i in range(1, len(q.blanks) + 1):
            SubElement(total, "mapResponse", {"identifier": f"RESPONSE_{i}"})
    if q.explanation:
        mf = SubElement(item, "modalFeedback", {"outcomeIdentifier": "FEEDBACK", "identifier": "SOLUTION", "showHide": "show"})
        _lines(mf, q.explanation)
    return item


def _inline_text(p: Element, last: Element | None, text: str) -> None:
    if last is None:
        p.text = (p.text or "") + text
    else:
        last.tail = (last.tail or "") + text


_HTML = {"p", "br", "div", "span"}
_WRAP_V3 = {"rubricBlock", "modalFeedback"}  # QTI 3 puts their content in qti-content-body


def _kebab(name: str) -> str:
    return re.sub(r"([A-Z])", lambda m: "-" + m.group(1).lower(), name)


def _to_v3(el: Element) -> None:
    for child in list(el):
        _to_v3(child)
    if el.tag in _WRAP_V3:
        body = Element("qti-content-body")
        body.extend(list(el))
        for child in list(el):
            el.remove(child)
        el.append(body)
    if el.tag not in _HTML and not el.tag.startswith("qti-"):
        el.tag = "qti-" + _kebab(el.tag)
    for key in list(el.attrib):
        new = _kebab(key)
        if new != key:
            el.attrib[new] = el.attrib.pop(key)


def item_xml(q: Question, version: str = "2.2") -> bytes:
    item = _item(q)
    for rp in item.iter("responseProcessing"):
        if rp.get("template") == "MATCH_CORRECT":
            rp.set("template", RP_TEMPLATE[version])
    if version == "3.0":
        _to_v3(item)
    item.set("xmlns", NS[version])
    indent(item, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(item, encoding="utf-8") + b"\n"


def write_qti_package(questions: Sequence[Question], version: str = "2.2") -> bytes:
    """A content package: imsmanifest.xml listing one item file per question under items/."""
    manifest = Element("manifest", {"xmlns": CP_NS[version], "identifier": "baiwen-bank"})
    meta = SubElement(manifest, "metadata")
    SubElement(meta, "schema").text = "QTI Package"
    SubElement(meta, "schemaversion").text = "3.0.0" if version == "3.0" else "2.2.0"
    SubElement(manifest, "organizations")
    resources = SubElement(manifest, "resources")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for q in questions:
            href = f"items/{q.id}.xml"
            res = SubElement(resources, "resource", {"identifier": f"item-{q.id}", "type": ITEM_TYPE[version], "href": href})
            SubElement(res, "file", {"href": href})
            zf.writestr(href, item_xml(q, version))
        indent(manifest, space="  ")
        zf.writestr("imsmanifest.xml", b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(manifest, encoding="utf-8") + b"\n")
    return buf.getvalue()


def write_qti22(questions: Sequence[Question]) -> bytes:
    return write_qti_package(questions, "2.2")


def write_qti30(questions: Sequence[Question]) -> bytes:
    return write_qti_package(questions, "3.0")
