"""The JSON columns' codec: orjson, with the standard library for whatever orjson refuses."""

from __future__ import annotations

import json
import math

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
