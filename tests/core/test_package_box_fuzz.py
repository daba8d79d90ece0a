"""Hypothesis fuzz of the package readers: whatever the bytes, only PackageError comes out."""

from __future__ import annotations

import struct

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from baiwen_desktop.core import package_box as pb
from tests.core.test_package_box import EXAM, ORG_KEY, RESULT, open_exam, open_result

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _try(fn, data: bytes) -> None:
    try:
        fn(data)
    except pb.PackageError as err:
        assert err.reason in pb.REASONS
    # anything else propagates and fails the test


def _all_readers(data: bytes) -> None:
    _try(pb.read_header, data)
    _try(open_exam, data)
    _try(open_result, data)


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    _all_readers(data)


@FUZZ
@given(st.binary(max_size=600))
def test_arbitrary_bytes_after_the_magic(rest: bytes) -> None:
    _all_readers(pb.MAGIC + rest)


@st.composite
def framed(draw: st.DrawFn) -> bytes:
    """Correct framing around an arbitrary header: exercises the schema checks, not just the lengths."""
    header = draw(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode), _json_headers()))
    return _frame(header, draw(st.binary(max_size=100)))


def _json_headers() -> st.SearchStrategy[bytes]:
    import json

    valid = pb.read_header(EXAM)
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
    values = st.recursive(scalars, lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3), max_leaves=8)

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        h = json.loads(json.dumps(valid))
        path = draw(st.sampled_from([*h.keys(), "signer.kind", "signer.kid", "seal.salt", "seal.n", "seal.r", "seal.kind"]))
        target, key = (h, path) if "." not in path else (h[path.split(".")[0]], path.split(".")[1])
        if draw(st.booleans()):
            target[key] = draw(values)
        else:
            target.pop(key, None)
        return json.dumps(h, ensure_ascii=False).encode()

    return mutate()


def _frame(header: bytes, body: bytes = b"") -> bytes:
    signed = pb.MAGIC + struct.pack(">I", len(header)) + header + struct.pack(">Q", len(body)) + body
    return signed + ORG_KEY.sign(signed)


@FUZZ
@given(framed())
@example(_frame(b"[" * 60000))  # nesting deeper than the recursion limit
@example(_frame(b'{"format":' + b"9" * 5000 + b"}"))  # an integer past Python's digit limit
@example(_frame(b'{"format":1e999}'))
@example(_frame(b'{"format":NaN}'))
@example(_frame(b"\xff\xfe{}"))
def test_framed_garbage_headers(data: bytes) -> None:
    _all_readers(data)


@st.composite
def mutations(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "append", "splice"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[pos] ^= draw(st.integers(1, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete" and data:
            del data[pos : pos + draw(st.integers(1, 8))]
        elif op == "truncate":
            del data[pos:]
        elif op == "append":
            data += draw(st.binary(min_size=1, max_size=8))
        else:  # replace a run with another package's bytes
            other = RESULT if base is EXAM else EXAM
            n = draw(st.integers(1, 32))
            data[pos : pos + n] = other[pos : pos + n]
    return bytes(data)


@FUZZ
@given(mutations(EXAM))
def test_mutated_exam_packages(data: bytes) -> None:
    if data != EXAM:
        _all_readers(data)


@FUZZ
@given(mutations(RESULT))
def test_mutated_result_packages(data: bytes) -> None:
    if data != RESULT:
        _all_readers(data)
