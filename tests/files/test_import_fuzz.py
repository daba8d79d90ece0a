"""Hypothesis fuzz of every trainer-file importer (issue 10): bank XLSX/CSV, roster XLSX/CSV, exam TOML.

For any input: only the app's own error (BaiwenError) or a clean result, never another exception;
nothing partly imported (row counts unchanged on error); bounded memory.
"""

from __future__ import annotations

import io
import tempfile
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import load_exam_toml
from baiwen_desktop.files.bank_excel import COLUMNS
from baiwen_desktop.services import banks, exams, roster
from baiwen_desktop.services.bank_transfer import import_bank_file, preview_bank_file
from baiwen_desktop.services.context import open_app
from baiwen_desktop.store.engine import Store

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
MEMORY_LIMIT = 64 * 1024 * 1024

BANK_ROWS = [
    ["单选题", "城市地区供电可靠率不低于（  ）。", "99%", "99.9%", "96%", "", "", "", "B", "十项承诺。", 1, "", "十项承诺", "问14", ""],
    ["判断题", "供电服务应当做到首问负责。", "", "", "", "", "", "", "对", "", "", "", "", "", ""],
    ["填空题", "城区 ____ 分钟，农村( )分钟。", "", "", "", "", "", "", "45 | 90", "", 2, "", "", "问14", ""],
    ["简答题", "分析薄弱环节。", "", "", "", "", "", "", "从观念分析。", "", "难", "", "", "问13", "服务观念=1 | 执行制度=1"],
]
ROSTER_ROWS = [["工号", "姓名", "单位", "班级"], ["A1", "张三", "城区", "一班"], ["A2", "李四", "农村", "一班"]]
EXAM = 'title = "月考"\nduration_minutes = 30\npass_mark = 3\n\n[[parts]]\ntype = "判断"\ncount = 5\nscore_each = 1\n'
CELL_ALPHABET = st.sampled_from([*"=+-@'\"\t\r\n,;|；、 ()（）_", "\x00", "\x07", "\u202e", "单选题", "判断题", "填空题", "简答", "对", "A", "B", "1", "2.5", "1e400", "问14", "工号", "姓名", "长" * 50])


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _csv(rows: list[list[object]]) -> bytes:
    return "\r\n".join(",".join(f'"{v}"' if isinstance(v, str) and ("," in v or '"' in v) else str(v) for v in r) for r in rows).encode("utf-8")


@st.composite
def damaged(draw: st.DrawFn, base: bytes) -> bytes:
    """The valid file with bytes changed, cut short, inserted, or a piece repeated."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "repeat"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[pos : pos + draw(st.integers(1, 300))]
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=30))
        else:
            data[pos:pos] = data[pos : pos + draw(st.integers(1, 100))] * draw(st.integers(1, 4))
    return bytes(data)


def cells_table(header: list[str]) -> st.SearchStrategy[bytes]:
    """A CSV whose header is (mostly) right and whose cells are hostile text."""
    cell = st.lists(CELL_ALPHABET, max_size=6).map("".join)
    rows = st.lists(st.lists(cell, min_size=0, max_size=len(header) + 2), max_size=6)
    return rows.map(lambda rs: _csv([header, *rs]))


@pytest.fixture(scope="module")
def fuzz_store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as tmp:
        s = open_app(Path(tmp) / "data")
        yield s
        s.dispose()


def bounded(fn: Callable[[], Any]) -> Any:
    """Run `fn` under tracemalloc; an app error is a fine outcome, any other exception fails the test."""
    tracemalloc.start()
    try:
        try:
            result = fn()
        except BaiwenError as e:
            result = e
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_LIMIT, peak
    if isinstance(result, BaiwenError):
        assert len(str(result)) < 2000, len(str(result))  # one short message, cells clipped
    return result


def bank_count(store: Store) -> int:
    return sum(b.question_count for b in banks.list_banks(store))


def check_bank(store: Store, path: Path) -> None:
    bounded(lambda: preview_bank_file(path))
    before = bank_count(store)
    outcome = bounded(lambda: import_bank_file(store, path, "模糊测试", actor="fuzz"))
    if isinstance(outcome, BaiwenError):
        assert bank_count(store) == before  # nothing half-imported


def check_roster(store: Store, path: Path) -> None:
    before = len(roster.list_candidates(store))
    outcome = bounded(lambda: roster.import_roster(store, path, "fuzz"))
    if isinstance(outcome, BaiwenError):
        assert len(roster.list_candidates(store)) == before


def _write(data: bytes, suffix: str) -> Path:
    f = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)
    f.write(data)
    f.close()
    return Path(f.name)


def _run(check: Callable[[Store, Path], None], store: Store, data: bytes, suffix: str) -> None:
    path = _write(data, suffix)
    try:
        check(store, path)
    finally:
        path.unlink()


@FUZZ
@given(damaged(_xlsx([list(COLUMNS), *BANK_ROWS])))
def test_bank_xlsx_damaged(fuzz_store: Store, data: bytes) -> None:
    _run(check_bank, fuzz_store, data, ".xlsx")


@FUZZ
@given(st.one_of(damaged(_csv([list(COLUMNS), *BANK_ROWS])), cells_table(list(COLUMNS)), st.binary(max_size=400)))
def test_bank_csv(fuzz_store: Store, data: bytes) -> None:
    _run(check_bank, fuzz_store, data, ".csv")


@FUZZ
@given(damaged(_xlsx(ROSTER_ROWS)))  # type: ignore[arg-type]
def test_roster_xlsx_damaged(fuzz_store: Store, data: bytes) -> None:
    _run(check_roster, fuzz_store, data, ".xlsx")


@FUZZ
@given(st.one_of(damaged(_csv(ROSTER_ROWS)), cells_table(ROSTER_ROWS[0]), st.binary(max_size=400)))  # type: ignore[arg-type]
def test_roster_csv(fuzz_store: Store, data: bytes) -> None:
    _run(check_roster, fuzz_store, data, ".csv")


TOML_ALPHABET = st.sampled_from([*"[]{}=,.\"'#\n\r\t -+_0123456789eE", "\x00", "\xff", "title", "parts", "[[parts]]", "type", "count",
                                 "score_each", "pass_mark", "duration_minutes", "true", "false", "inf", "nan", "1e400", "1e-400", "判断", "单选题"])


@FUZZ
@given(st.one_of(damaged(EXAM.encode("utf-8")), st.lists(TOML_ALPHABET, max_size=80).map(lambda xs: "".join(xs).encode("utf-8", "surrogatepass")),
                 st.binary(max_size=300)))
def test_exam_toml(fuzz_store: Store, data: bytes) -> None:
    def check(store: Store, path: Path) -> None:
        before = len(exams.list_exams(store, include_archived=True))
        outcome = bounded(lambda: exams.create_exam(store, load_exam_toml(path), "fuzz"))
        if isinstance(outcome, BaiwenError):
            assert len(exams.list_exams(store, include_archived=True)) == before

    _run(check, fuzz_store, data, ".toml")
