"""The JSON columns' codec: orjson, with the standard library for whatever orjson refuses."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baiwen_desktop.core import json_numbers
from baiwen_desktop.store import json_codec


def test_round_trip_and_compact_utf8() -> None:
    value = {"items": [{"stem": "变压器", "options": ["甲", "乙"], "correct": [0, 2], "truth": None}], "n": 1.5, "ok": True}
    text = json_codec.dumps(value)
    assert text == '{"items":[{"stem":"变压器","options":["甲","乙"],"correct":[0,2],"truth":null}],"n":1.5,"ok":true}'
    assert json_codec.loads(text) == value == json.loads(text)


def test_what_orjson_refuses_is_stored_as_before() -> None:
    for value in ({1: "a"}, {"seed": 2**80}, [10**30]):
        assert json_codec.dumps(value) == json.dumps(value)
        assert json_codec.loads(json_codec.dumps(value)) == json.loads(json.dumps(value))


def test_reads_what_the_standard_library_wrote() -> None:
    assert json_codec.loads(json.dumps({"stem": "变压器", "big": 2**80})) == {"stem": "变压器", "big": 2**80}
    assert math.isnan(json_codec.loads("[NaN]")[0])
    assert json_codec.loads(b'{"a": [1, 2]}') == {"a": [1, 2]}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="0123456789", min_size=15, max_size=25), st.integers(-(2**70), 2**70).map(str), st.text(max_size=40), st.sampled_from(["变压器", "问33-6", "\\u0031", ",", ":", "[", " ", "-", "\n", "\t", "\u3000", "\"", ", -", ": "])), max_size=40))
def test_the_long_number_test_is_the_regular_expression_on_any_text(parts: list[str]) -> None:
    text = "".join(parts)
    assert json_numbers.may_hold_long_number(text) == bool(json_numbers._LONG_NUMBER.search(text))
    assert json_numbers.may_hold_long_number(text.encode()) == bool(json_numbers._LONG_NUMBER.search(text))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-(2**90), max_value=2**90), st.integers(0, 60))
def test_a_long_integer_in_a_long_text_is_read_whole(n: int, padding: int) -> None:
    value = {"stem": "变压器" * padding, "items": [{"question": "9" * 19 + "a", "score": "1"}] * padding, "seed": n, "list": [[n], -1, n]}
    for text in (json.dumps(value), json.dumps(value, separators=(",", ":"), ensure_ascii=False), json.dumps(value, indent=1)):
        assert json_codec.loads(text) == json.loads(text)
        assert type(json_codec.loads(text)["seed"]) is int and type(json_codec.loads(text)["list"][0][0]) is int
        got = json_codec.loads(text.encode())  # as SQLite's bytes (frozen_papers.stored_text): the same values
        assert got == json.loads(text) and type(got["seed"]) is int and type(got["list"][0][0]) is int


def test_integers_just_beyond_64_bits_either_way_are_read_whole() -> None:
    for n in (-(2**63) - 1, -(10**19) + 1, 2**64, 10**19 * 2, -(2**63), 2**64 - 1):
        for text in (json.dumps([n]), json.dumps({"stem": "变压器" * 100, "n": n})):
            got = json_codec.loads(text)
            assert got == json.loads(text) and type(got[0] if isinstance(got, list) else got["n"]) is int


def test_digits_inside_strings_are_not_numbers() -> None:
    """A stored paper names its snapshots by hex digest: digit runs in strings need no slow path."""
    paper = {"items": [{"question": "0123456789012345678901234567890123456789abcdef" + str(i).zfill(18), "score": "1"} for i in range(30)]}
    text = json_codec.dumps(paper)
    assert len(text) >= json_numbers._SHORT and not json_numbers.may_hold_long_number(text)
    assert not json_numbers.may_hold_long_number('["x1234567890123456789012"]')
    assert json_numbers.may_hold_long_number("[1, 12345678901234567890]") and json_numbers.may_hold_long_number("-1234567890123456789")


def test_bytes_are_read_as_their_utf8_text() -> None:
    long = {"stem": "变压器" * 100, "n": 1.5, "big": 2**70}
    for text in ('{"a": [1, 2]}', "[NaN]", json.dumps(long), json.dumps(long, ensure_ascii=False), '{"a": -Infinity, "s": "' + "甲" * 200 + '"}'):
        got, want = json_codec.loads(text.encode()), json_codec.loads(text)
        assert repr(got) == repr(want) and repr(got) == repr(json.loads(text))
    for bad in (b'["\xff"]', b'{"s": "' + "甲".encode() * 200 + b'\xff"}'):  # not UTF-8: refused, as decoding refused it
        with pytest.raises(UnicodeDecodeError):
            json_codec.loads(bad)
