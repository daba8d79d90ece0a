"""Word (.docx): the whole bundled bank round-trips; a trainer's own layout imports; errors name the paragraph."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pytest

from baiwen_desktop.cli.main import main
from baiwen_desktop.core.errors import ValidationError
from baiwen_desktop.core.question import QType, Question, ScoringPoint
from baiwen_desktop.files.interchange.docx_bank import read_docx, write_docx
from baiwen_desktop.services import banks
from baiwen_desktop.services.bank_transfer import export_bank, import_bank_file, read_bank_file
from baiwen_desktop.store.engine import Store
from tests.interchange.conftest import differences


def by_id(qs: list[Question]) -> list[Question]:
    return sorted(qs, key=lambda q: q.id)


def test_bundled_bank_round_trips_in_memory(bundled: list[Question]) -> None:
    report = read_docx(write_docx(bundled), "bank.docx")
    assert report.errors == [] and report.notes == []
    # Word groups questions under 一、单选题 … 五、简答题, so compare question by question, by id.
    assert differences(by_id(bundled), by_id(report.questions)) == []
    assert [q.id for q in by_id(report.questions)] == [q.id for q in by_id(bundled)]


def test_bundled_bank_round_trips_through_a_new_bank(store: Store, tmp_path: Path, bundled: list[Question]) -> None:
    out = tmp_path / "bank.docx"
    assert export_bank(store, banks.BUNDLED_NAME, "docx", out) == 507
    outcome = import_bank_file(store, out, "Word 副本", actor="test")
    assert (outcome.imported, outcome.duplicates) == (507, 0)
    assert differences(by_id(bundled), by_id(banks.bank_questions(store, "Word 副本"))) == []


def write(path: Path, paragraphs: list[str]) -> Path:
    doc = docx.Document()
    doc.add_heading("2024年供电服务培训题库", level=1)
    for text in paragraphs:
        p = doc.add_paragraph()
        lines = text.split("\n")
        for i, line in enumerate(lines):
            run = p.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
    doc.save(str(path))
    return path


TRAINER_DOC = [
    "一、单选题（每题2分）",
    "1．按照供电服务“十项承诺”，城市地区供电可靠率不低于（ B ）。",
    "A．99%    B．99.9%    C．96%    D．99.99%",
    "解析：十项承诺第一条。",
    "2、供电营业窗口实行（  ）制度。",
    "A、首问负责",
    "B、轮流值班",
    "C、预约服务",
    "答案：A",
    "知识点：首问负责、窗口服务",
    "出处：问17",
    "二、多选题",
    "1. 员工应树立的“四种意识”包括（  ）。",
    "A. 企业意识 B. 大局意识 C. 责任意识 D. 服务意识 E. 效益意识",
    "答案：A、B、C、D",
    "分值：3",
    "三、判断题",
    "1. 城市地区居民客户端电压合格率不低于95%。（×）",
    "2. 供电服务应当做到首问负责。",
    "答案：√",
    "四、填空题（每空1分）",
    "1. 抢修到达现场时间：城区____分钟，农村（  ）分钟。",
    "答案：45，90",
    "五、简答题",
    "1. 结合工作实际，分析供电服务存在哪些薄弱环节。",
    "参考答案：可从服务观念、服务技能等方面分析。\n1. 服务观念\n2. 服务技能",
    "要点：服务观念=2",
    "要点：服务技能/技能=2",
    "2. 简述“四种意识”。",
    "答案：",
    "1. 企业意识、大局意识；",
    "2. 责任意识、服务意识。",
    "要点：企业意识=1",
]


def test_a_trainers_word_layout(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "培训题库.docx", TRAINER_DOC)
    report = read_bank_file(path)
    assert report.format == "docx" and report.errors == [] and report.notes == []
    s1, s2, m, j1, j2, blank, short, listed = report.questions
    assert (s1.qtype, s1.options, s1.correct, s1.score) == (QType.SINGLE, ("99%", "99.9%", "96%", "99.99%"), (1,), Decimal(2))
    assert s1.stem == "按照供电服务“十项承诺”，城市地区供电可靠率不低于（  ）。" and s1.explanation == "十项承诺第一条。"
    assert (s2.options, s2.correct, s2.tags, s2.source, s2.section) == (("首问负责", "轮流值班", "预约服务"), (0,), ("首问负责", "窗口服务"), "问17", "问")
    assert (m.qtype, m.correct, m.score, len(m.options)) == (QType.MULTI, (0, 1, 2, 3), Decimal(3), 5)
    assert (j1.truth, j1.stem) == (False, "城市地区居民客户端电压合格率不低于95%。")
    assert j2.truth is True
    assert blank.blanks == (("45",), ("90",)) and blank.score == Decimal(1)
    assert short.reference == "可从服务观念、服务技能等方面分析。\n1. 服务观念\n2. 服务技能"
    assert short.points == (ScoringPoint(("服务观念",), Decimal(2)), ScoringPoint(("服务技能", "技能"), Decimal(2)))
    # a numbered list in an answer, one paragraph per item, stays in the answer
    assert listed.reference == "1. 企业意识、大局意识；\n2. 责任意识、服务意识。" and listed.stem == "简述“四种意识”。"
    out = import_bank_file(store, path, "培训", actor="test")
    assert (out.imported, out.duplicates) == (8, 0)


def test_errors_name_the_paragraph_and_quote_it(store: Store, tmp_path: Path) -> None:
    long_stem = "这是一道很长的题目，" * 12 + "（  ）"
    path = write(tmp_path / "bad.docx", [
        "一、单选题",
        "1. " + long_stem,
        "A. 甲",
        "B. 乙",
        "答案：C",
        "二、判断题",
        "1. 供电服务应当做到首问负责。",
        "答案：也许",
    ])
    with pytest.raises(ValidationError) as e:
        import_bank_file(store, path, "不应存在", actor="test")
    issues = e.value.issues
    assert [(i.line, i.field) for i in issues] == [(6, "答案"), (9, "答案")]  # paragraph 1 is the title
    assert issues[0].zh.startswith("“答案：C”：答案“C”含有不存在的选项")
    assert issues[1].zh == "“答案：也许”：判断题答案应为 正确/错误，而不是“也许”"
    assert "不应存在" not in [b.name for b in banks.list_banks(store)]


def test_a_missing_answer_quotes_the_question_cut_at_80(tmp_path: Path) -> None:
    long_stem = "一" * 100 + "（  ）"
    report = read_docx(write(tmp_path / "m.docx", ["一、单选题", "1. " + long_stem, "A. 甲", "B. 乙"]).read_bytes(), "m.docx")
    issue = report.errors[0]
    quoted = issue.zh.split("”：")[0].removeprefix("“")
    assert issue.line == 3 and len(quoted) == 80 and quoted.endswith("…") and issue.zh.endswith("缺少答案")


def test_text_outside_questions_is_reported(tmp_path: Path) -> None:
    report = read_docx(write(tmp_path / "x.docx", ["这份题库供内部培训使用", "一、判断题", "1. 对吗？", "答案：对"]).read_bytes(), "x.docx")
    assert len(report.questions) == 1
    assert [(n.where, n.question) for n in report.skipped] == [(2, "这份题库供内部培训使用")]


def test_template_is_a_filled_example_that_imports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "模板.docx"
    assert main(["bank", "template", "--format", "docx", str(out), "--data-dir", str(tmp_path / "d")]) == 0
    report = read_bank_file(out)
    assert report.errors == [] and report.notes == []
    assert [q.qtype for q in report.questions] == [QType.SINGLE, QType.MULTI, QType.JUDGE, QType.BLANK, QType.SHORT]
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "一、单选题" in text and "五、简答题" in text and "答案：B" in text and "编号：" not in text
    assert main(["bank", "import", str(out), "--bank", "示例", "--data-dir", str(tmp_path / "d")]) == 0
    assert "新增 5 题" in capsys.readouterr().out
