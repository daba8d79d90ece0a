"""Hypothesis: every reader survives damaged and random input: no traceback, nothing half-imported, bounded memory."""

from __future__ import annotations

import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baiwen_desktop.core.bankfile import load_bank
from baiwen_desktop.core.errors import BaiwenError, Issue
from baiwen_desktop.files.interchange import formats
from baiwen_desktop.services import banks
from baiwen_desktop.services.bank_transfer import import_bank_file, read_bank_file
from baiwen_desktop.services.context import open_app
from baiwen_desktop.store.engine import Store
from tests.interchange.conftest import BANK_DIR

SAMPLE = load_bank([BANK_DIR]).questions[::60]  # one of each type, a few of each
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
MEMORY_LIMIT = 64 * 1024 * 1024


def _suffix(fmt: str) -> str:
    return {"moodle": ".xml", "gift": ".gift", "qti": ".zip", "qti3": ".zip", "docx": ".docx"}[fmt]


def valid_file(fmt: str) -> bytes:
    return formats.writer(fmt)(SAMPLE)


@st.composite
def damaged(draw: st.DrawFn, base: bytes) -> bytes:
    """The valid file with bytes changed, cut short, or a piece repeated."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "repeat"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[pos: pos + draw(st.integers(1, 400))]
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=40))
        else:
            data[pos:pos] = data[pos: pos + draw(st.integers(1, 200))] * draw(st.integers(1, 5))
    return bytes(data)


def check_file(path: Path, store: Store) -> None:
    tracemalloc.start()
    try:
        try:
            report = read_bank_file(path)  # a user error at most, never another exception
            issues, n_questions = report.all_issues(), len(report.questions)
        except BaiwenError:
            issues, n_questions = [Issue(path.name, 0, "whole file")], 0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_LIMIT
    before = sum(b.question_count for b in banks.list_banks(store))
    try:
        out = import_bank_file(store, path, "fuzz", actor="test")
    except BaiwenError:
        assert sum(b.question_count for b in banks.list_banks(store)) == before  # nothing half-imported
        return
    assert not issues
    assert out.imported + out.duplicates == n_questions


FORMATS = [f for f in ("moodle", "gift", "qti", "qti3", "docx") if f in formats.INTERCHANGE_EXPORTS]


@pytest.mark.parametrize("fmt", FORMATS)
def test_damaged_files(fmt: str) -> None:
    base = valid_file(fmt)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_app(Path(tmp) / "data")

        @FUZZ
        @given(damaged(base))
        def run(data: bytes) -> None:
            path = Path(tmp) / f"in{_suffix(fmt)}"
            path.write_bytes(data)
            check_file(path, store)

        try:
            run()
        finally:
            store.dispose()


@pytest.mark.parametrize("fmt", FORMATS)
def test_random_text(fmt: str) -> None:
    alphabet = st.sampled_from([*list("<>/{}=~#:%\\[]\"' \n\tABCabc12（）____答案解析：、.．一二单选题"), "<quiz>", "</quiz>", '<question type="multichoice">', "<text>", "</text>", "::", "{T}", "<assessmentItem>"])
    with tempfile.TemporaryDirectory() as tmp:
        store = open_app(Path(tmp) / "data")

        @FUZZ
        @given(st.lists(alphabet, max_size=200).map("".join))
        def run(text: str) -> None:
            path = Path(tmp) / f"in{_suffix(fmt)}"
            path.write_text(text, encoding="utf-8")
            check_file(path, store)

        try:
            run()
        finally:
            store.dispose()
