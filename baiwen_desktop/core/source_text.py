"""The source text of 第四篇, one passage per item (问1…问49, 查1…查50), and the key-phrase finder
that marks where a question's answer stands in its passage. Pure Python; the file is read elsewhere."""

from __future__ import annotations

import re
from dataclasses import dataclass

from baiwen_desktop.core.practice import source_key
from baiwen_desktop.core.question import QType, Question

# Half-width punctuation in the saved page and full-width in the bank mean the same thing.
_SAME = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "(": "（", ")": "）", "!": "！", "\u201c": '"', "\u201d": '"'})
_QUOTED = re.compile(r"[“\"]([^”\"]{2,60})[”\"]")
MIN_PHRASE = 2


@dataclass(frozen=True)
class SourceItem:
    key: str  # 问14, 查3
    title: str  # the question or the check, first line
    body: str  # 答案/要点 lines

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.body}" if self.body else self.title


def parse_source(text: str) -> dict[str, SourceItem]:
    """Items in reading order from the bundled file ("## 问1" headers, then the passage)."""
    items: dict[str, SourceItem] = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        key, _, rest = block.partition("\n")
        lines = [line for line in rest.strip().splitlines() if line.strip()]
        title = lines[0] if lines else ""
        items[key.strip()] = SourceItem(key.strip(), title, "\n".join(lines[1:]))
    return dict(sorted(items.items(), key=lambda kv: source_key(kv[0])))


def _norm(text: str) -> tuple[str, list[int]]:
    """Text without whitespace, punctuation unified, and where each kept char came from."""
    out, where = [], []
    for i, ch in enumerate(text.translate(_SAME)):
        if not ch.isspace():
            out.append(ch)
            where.append(i)
    return "".join(out), where


def find_spans(passage: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Where each phrase occurs in the passage (every occurrence), merged, in order."""
    hay, where = _norm(passage)
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        needle, _ = _norm(phrase)
        needle = needle.strip("，。；：、")
        if len(needle) < MIN_PHRASE:
            continue
        start = hay.find(needle)
        while start >= 0:
            spans.append((where[start], where[start + len(needle) - 1] + 1))
            start = hay.find(needle, start + len(needle))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def key_phrases(q: Question) -> list[str]:
    """What to look for in the passage: the right options, the blanks' answers, quoted key words."""
    phrases: list[str] = []
    if q.qtype in (QType.SINGLE, QType.MULTI):
        phrases += [q.options[i] for i in q.correct]
    elif q.qtype is QType.BLANK:
        phrases += [alt for alts in q.blanks for alt in alts]
    elif q.qtype is QType.SHORT:
        phrases += [k for p in q.points for k in p.keywords]
    phrases += _QUOTED.findall(q.explanation)
    if q.qtype is QType.JUDGE and q.truth:
        phrases += _QUOTED.findall(q.stem)
    return [p for p in phrases if p.strip()]


_CLAUSE = re.compile(r"[，。；：、？！“”\"（）()《》,;:?!…⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽\s]+")
MIN_CLAUSE = 4


def shared_clauses(passage: str, *texts: str) -> list[str]:
    """Clauses of the question or its 解析 that the passage holds word for word."""
    hay = _norm(passage)[0]
    return [c for t in texts for c in _CLAUSE.split(t) if len(c) >= MIN_CLAUSE and _norm(c)[0] in hay]


def highlight_spans(item: SourceItem, q: Question) -> list[tuple[int, int]]:
    """Spans in `item.text` holding the answer to `q`: its key phrases, else the clauses it quotes."""
    spans = find_spans(item.text, key_phrases(q))
    if spans:
        return spans
    texts = [q.explanation] + ([q.stem] if q.qtype is not QType.JUDGE or q.truth else [])
    return find_spans(item.text, shared_clauses(item.text, *texts))


def search(items: dict[str, SourceItem], words: str) -> list[str]:
    """Items whose key or text holds every word (spaces separate words)."""
    terms = [_norm(w)[0] for w in words.split() if w.strip()]
    if not terms:
        return list(items)
    out = []
    for key, item in items.items():
        hay = _norm(f"{key} {item.text}")[0]
        if all(t in hay or t == key for t in terms):
            out.append(key)
    return out
