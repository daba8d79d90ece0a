"""parsed_hash is canonical_hash, faster, for every value a JSON reader can give."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from baiwen_desktop.core import canonical
from baiwen_desktop.core.canonical import canonical_hash, parsed_hash

scalars = (
    st.none() | st.booleans() | st.integers() | st.integers(-(2**80), 2**80)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text() | st.text(alphabet="0123456789.eE-+:,[]\"\\ ")
)  # fmt: skip
json_values = st.recursive(scalars, lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4), max_leaves=20)


@settings(max_examples=500, deadline=None)
@given(json_values)
@example(1e-05)
@example({"a": [1e16, -0.0, 5e-324, 1.5]})
@example({"a": 2**64 - 1, "b": -(2**63)})
@example({"a": 2**64})
@example({"😀": 1, "\uffff": 2, "\ue000": 3, "z": 4, "Z": 5, "": 6})
@example("\x00\x1f\x7f\u2028\"\\")
def test_same_hash_as_canonical_hash(value: Any) -> None:
    value = json.loads(json.dumps(value))  # as a JSON reader gives it (tuples → lists, keys as text)
    assert parsed_hash(value) == canonical_hash(value)


def test_a_result_package_attempt_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """No float, no huge integer, times to the second: orjson's bytes are hashed, json.dumps is not called."""
    attempt = {
        "employee_no": "S001001", "status": "submitted", "submit_reason": "", "started_at": "2026-12-01T09:00:00",
        "submitted_at": "2026-12-01T09:40:12", "limit_ms": 3_600_000, "counted_ms": 2_412_000, "focus_losses": 1, "seed": 2**63 - 1,
        "paper": {"items": [{"question": "3e9a" * 16, "score": "1", "part": 0, "option_order": [2, 0, 1, 3]}], "part_titles": ["单选题"]},
        "answers": [{"position": 0, "response": [2], "marked": False, "saved_at": "2026-12-01T09:01:02"},
                    {"position": 1, "response": ["10", "kV"], "marked": True, "saved_at": None}],
    }  # fmt: skip
    expected = canonical_hash(attempt)
    monkeypatch.setattr(canonical, "canonical_hash", lambda _obj: pytest.fail("took the slow path"))
    assert parsed_hash(attempt) == expected
