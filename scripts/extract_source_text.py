"""Write resources/source/baiwen_2009.txt: 第四篇 of the seed text split by item (问1…问49, 查1…查50).

Run once when the seed text changes: `python scripts/extract_source_text.py SEED.txt`.
Fixes the 臵 → 置 artefact, drops the four group headings, keeps each item's text as written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "source" / "baiwen_2009.txt"
HEADINGS = ("一、查制度执行", "二、查行为规范", "三、查措施落实", "四、查监督保障")


def _split(text: str, marker: str, count: int, letter: str) -> list[tuple[str, str]]:
    """Cut at each item's number in sequence; 36 has no 问, 48 and 49 are written 48、问."""
    starts = []
    pos = 0
    for n in range(1, count + 1):
        pattern = rf"(?<![0-9.]){n}(?:\.\s*{marker}|、{marker})" if not (marker == "问" and n == 36) else rf"(?<![0-9.]){n}\.(?=用电)"
        m = re.compile(pattern).search(text, pos)
        if m is None:
            raise SystemExit(f"{letter}{n}: not found after position {pos}")
        starts.append((n, m.start(), m.end()))
        pos = m.end()
    out = []
    for i, (n, _s, e) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        body = text[e:end].strip()
        body = re.sub(r"\s*(答案|要点)\s*:", r"\n\1：", body).strip()
        out.append((f"{letter}{n}", (marker if marker == "查" else "") + body))
    return out


def main(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8").replace("臵", "置")
    part = text[text.index("第四篇") : text.index("第五篇")]
    wen = part[part.index("第一部分问") : part.index("第二部分查")]
    cha = part[part.index("第二部分查") :]
    wen = wen.split("\n", 1)[1]
    cha = cha.split("\n", 1)[1]
    cha = "\n".join(line for line in cha.splitlines() if line.strip() not in HEADINGS)
    items = _split(wen, "问", 49, "问") + _split(cha, "查", 50, "查")
    lines = [
        "# 国家电网公司“百问百查”优质服务 100 条（2009 版），第四篇原文按条目分开。",
        "# 由 scripts/extract_source_text.py 生成；编码错字已改为“置”。每条以“## 条目”开头。",
    ]
    for key, body in items:
        body = re.sub(r"\s*\n\s*(?!答案：|要点：|[(（])", "", body)  # a page's line breaks, not the text's
        body = re.sub(r"\s*\n\s*", "\n", body)
        lines += ["", f"## {key}", body]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(items)} items -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
