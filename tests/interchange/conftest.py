"""Shared helpers for the interchange tests: the bundled bank and field-by-field comparison."""

from __future__ import annotations

from pathlib import Path

import pytest

from baiwen_desktop.core.bankfile import load_bank
from baiwen_desktop.core.question import Question

FIXTURES = Path(__file__).parent.parent / "fixtures" / "interchange"
BANK_DIR = Path(__file__).parent.parent.parent / "question_bank"
CONTENT_FIELDS = ("qtype", "stem", "options", "correct", "truth", "blanks", "order_free", "reference", "points",
                  "explanation", "source", "section", "tags", "difficulty", "score")


@pytest.fixture(scope="session")
def bundled() -> list[Question]:
    return load_bank([BANK_DIR]).questions


def differences(a: list[Question], b: list[Question], fields: tuple[str, ...] = CONTENT_FIELDS) -> list[str]:
    """Every field that differs, question by question (empty when the lists match)."""
    out = [f"count {len(a)} != {len(b)}"] if len(a) != len(b) else []
    for x, y in zip(a, b, strict=False):
        out += [f"{x.id}.{f}: {getattr(x, f)!r} != {getattr(y, f)!r}" for f in fields if getattr(x, f) != getattr(y, f)]
    return out
