"""A question as HTML for a read-only view: stem, options with the key marked, answer, 解析, source."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from baiwen_desktop.core.question import CHOICE_TYPES, OPTION_LETTERS, QType, Question, format_score


def _t(text: str) -> str:
    return QCoreApplication.translate("QuestionView", text)


def _para(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def answer_html(q: Question) -> str:
    if q.qtype is QType.BLANK:
        return "；".join(f"（{i + 1}）" + " / ".join(escape(a) for a in alts) for i, alts in enumerate(q.blanks))
    return _para(q.answer_text())


def question_html(q: Question) -> str:
    facts = [
        f"{_t('题号')}：{escape(q.id)}",
        f"{_t('题型')}：{q.qtype.value}",
        f"{_t('分值')}：{format_score(q.score)}",
        f"{_t('难度')}：{q.difficulty}",
    ]
    out = [
        f"<p style='color:#555'>{'　'.join(facts)}</p>",
        f"<p style='font-size:15px'><b>{_para(q.stem)}</b></p>",
    ]
    if q.qtype in CHOICE_TYPES:
        out.append("<table cellspacing='4'>")
        for i, text in enumerate(q.options):
            right = i in q.correct
            style = " style='color:#1d6b2f; font-weight:bold'" if right else ""
            mark = " ✔" if right else ""
            out.append(f"<tr><td{style}>{OPTION_LETTERS[i]}.</td><td{style}>{_para(text)}{mark}</td></tr>")
        out.append("</table>")
    out.append(f"<p><b>{_t('答案')}：</b>{answer_html(q)}</p>")
    if q.order_free:
        groups = "；".join(",".join(str(i + 1) for i in g) for g in q.order_free)
        out.append(f"<p><b>{_t('可乱序的空')}：</b>{escape(groups)}</p>")
    if q.points:
        items = "".join(f"<li>{escape(' / '.join(p.keywords))}（{format_score(p.weight)} {_t('分')}）</li>" for p in q.points)
        out.append(f"<p><b>{_t('评分要点')}：</b></p><ul>{items}</ul>")
    if q.explanation:
        out.append(f"<p><b>{_t('解析')}：</b>{_para(q.explanation)}</p>")
    where = [x for x in (q.source, q.section) if x]
    if where:
        out.append(f"<p><b>{_t('出处')}：</b>{escape(' · '.join(where))}</p>")
    if q.tags:
        out.append(f"<p><b>{_t('知识点')}：</b>{escape('、'.join(q.tags))}</p>")
    return "".join(out)
