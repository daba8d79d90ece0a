"""逐题得分: the per-question sheets are keyed by the question, never by the paper position."""

from __future__ import annotations

import csv
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from baiwen_desktop.services import exams, results
from baiwen_desktop.services.demo import run_demo
from baiwen_desktop.services.results import QuestionResult, ResultRow
from baiwen_desktop.store.engine import Store

D = Decimal


def q(pos: int, qid: str, source: str, qtype: str, points: str, max_points: str, answer: str, key: str) -> QuestionResult:
    return QuestionResult(pos, qid, qtype, source, None, answer, key, D(points), D(max_points), False)


def row(no: str, name: str, score: str, submitted: datetime | None, questions: list[QuestionResult]) -> ResultRow:
    return ResultRow(
        1, 7, no, name, "城区供电所", "一班", D(score), D("100"), D("60"), True, False, 1830, "submitted", "已交卷",
        datetime(2026, 7, 15, 9, 0), submitted, questions,
    )


ROWS = [
    row("E01", "王伟", "70.19", datetime(2026, 7, 15, 9, 40, 5), [
        q(0, "w33-06", "问33", "单选", "1.00", "1.00", "B", "B"),
        q(1, "c05-01", "查5", "填空", "1.33", "2.00", "45；不记得", "45；90"),
    ]),
    row("E02", "李娜", "59.95", None, [
        q(0, "c05-01", "查5", "填空", "2.00", "2.00", "45；90", "45；90"),
        q(1, "w02-01", "问2", "多选", "0.00", "2.00", "AB", "ABDE"),
    ]),
]


def test_sheets_are_keyed_by_question_with_class_time_and_title() -> None:
    summary, long, wide = results.export_sheets(ROWS, "2026年7月闭卷考试")
    assert summary.name == "成绩"
    assert list(summary.header) == ["工号", "姓名", "单位", "得分", "总分", "是否合格", "用时(分钟)", "状态", "班级", "交卷时间", "考试", "考次", "计入成绩"]
    assert [list(r) for r in summary.rows] == [
        ["E01", "王伟", "城区供电所", 70.2, 100, "合格", 30.5, "已交卷", "一班", "2026-07-15 09:40:05", "2026年7月闭卷考试", "首考", "是"],
        ["E02", "李娜", "城区供电所", 60, 100, "合格", 30.5, "已交卷", "一班", "", "2026年7月闭卷考试", "首考", "是"],
    ]
    assert long.name == "逐题得分"
    assert list(long.header) == [
        "考试", "班级", "工号", "姓名", "单位", "交卷时间", "卷面题序", "题目", "出处", "题目ID", "题型", "得分", "满分", "作答", "标准答案", "考次", "计入成绩",
    ]
    head = ["2026年7月闭卷考试", "一班"]
    assert [list(r) for r in long.rows] == [
        [*head, "E01", "王伟", "城区供电所", "2026-07-15 09:40:05", 1, "问33-6", "问33", "w33-06", "单选题", 1, 1, "B", "B", "首考", "是"],
        [*head, "E01", "王伟", "城区供电所", "2026-07-15 09:40:05", 2, "查5-1", "查5", "c05-01", "填空题", 1.3, 2, "45；不记得", "45；90", "首考", "是"],
        [*head, "E02", "李娜", "城区供电所", "", 1, "查5-1", "查5", "c05-01", "填空题", 2, 2, "45；90", "45；90", "首考", "是"],
        [*head, "E02", "李娜", "城区供电所", "", 2, "问2-1", "问2", "w02-01", "多选题", 0, 2, "AB", "ABDE", "首考", "是"],
    ]
    # one column per question in source order (问 before 查), blank where a paper did not have it
    assert wide.name == "按题得分"
    assert list(wide.header) == ["考试", "班级", "工号", "姓名", "单位", "交卷时间", "得分", "考次", "计入成绩", "问2-1（w02-01）", "问33-6（w33-06）", "查5-1（c05-01）"]
    assert [list(r) for r in wide.rows] == [
        [*head, "E01", "王伟", "城区供电所", "2026-07-15 09:40:05", 70.2, "首考", "是", "", 1, 1.3],
        [*head, "E02", "李娜", "城区供电所", "", 60, "首考", "是", 0, "", 2],
    ]


def test_export_through_the_store_xlsx_and_csv(store: Store, tmp_path: Path) -> None:
    exam_id = run_demo(store, tmp_path / "demo", candidates=3, seed=2, with_pdfs=False).exam_id
    rows = results.results(store, exam_id)
    xlsx = tmp_path / "r.xlsx"
    assert results.export(store, exam_id, "xlsx", xlsx) == 3
    wb = load_workbook(xlsx, read_only=True)
    assert wb.sheetnames == ["成绩", "逐题得分", "按题得分"]
    long = list(wb["逐题得分"].iter_rows(values_only=True))
    wide = list(wb["按题得分"].iter_rows(values_only=True))
    wb.close()
    n_questions = len(rows[0].questions)
    assert len(long) == 1 + 3 * n_questions and len(wide) == 4 and len(wide[0]) == 9 + n_questions
    first = rows[0].questions[0]
    hit = next(r for r in long[1:] if r[2] == rows[0].employee_no and r[9] == first.question_id)
    assert {r[0] for r in long[1:]} == {exams.get_exam(store, exam_id).title}
    assert hit[6] == 1 and hit[11] == float(first.points) and hit[12] == float(first.max_points)
    csv_out = tmp_path / "r.csv"
    results.export(store, exam_id, "csv", csv_out)
    with (tmp_path / "r_逐题得分.csv").open(encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f))[:3] == ["考试", "班级", "工号"]
    with (tmp_path / "r_按题得分.csv").open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.reader(f))) == 4
