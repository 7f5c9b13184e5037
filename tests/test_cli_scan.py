"""Reading inputs for check: JSON Lines batches, JSON arrays and multi-line documents, in any chunking."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kombo_tag_errors import PayloadError, loads
from kombo_tag_errors._models import json_key
from kombo_tag_errors.cli._scan import Splitter, detect
from kombo_tag_errors.cli._stream import batches
from kombo_tag_errors.cli._verdict import MISSING, OVERSIZE, UNCLOSED
from kombo_tag_errors.strategies import invalid_payloads, json_values, payloads


def _pieces(data: bytes, cuts: list[int]) -> list[bytes]:
    """*data* cut at the offsets *cuts* (taken modulo its length)."""
    points = sorted({c % (len(data) + 1) for c in cuts} | {0, len(data)})
    return [data[a:b] for a, b in itertools.pairwise(points)]


def _reader(pieces: list[bytes]) -> Any:
    it: Iterator[bytes] = iter(pieces)
    return lambda _n: next(it, b"")


@given(
    st.lists(st.binary(max_size=40).filter(lambda b: b"\n" not in b), max_size=20),
    st.booleans(),
    st.lists(st.integers(min_value=0), max_size=8),
    st.integers(min_value=1, max_value=30),
)
def test_batches_number_every_line_and_hold_no_long_one(
    lines: list[bytes], final_newline: bool, cuts: list[int], max_size: int
) -> None:
    """Batches give each line once, numbered, at its offsets; a line over max_size comes alone, unheld."""
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    expected = data.split(b"\n")
    if expected[-1] == b"":  # what follows the last newline is no line
        expected.pop()
    seen: list[bytes] = []
    for batch in batches(_reader(_pieces(data, cuts)), max_size):
        assert batch.first == len(seen) + 1
        if batch.lines == [OVERSIZE]:
            assert len(expected[len(seen)]) > max_size
            assert data[batch.start : batch.end].rstrip(b"\n") == expected[len(seen)]
            seen.append(expected[len(seen)])
            continue
        assert all(len(line) <= max_size for line in batch.lines)
        assert data[batch.start : batch.end] in (b"\n".join(batch.lines) + b"\n", b"\n".join(batch.lines))
        for i in range(len(batch.lines)):
            assert data[batch.offset_after(i) - 1 : batch.offset_after(i)] in (b"\n", b"")
        seen += batch.lines
    assert seen == expected


ELEMENTS = st.lists(
    st.one_of(payloads(), invalid_payloads().map(lambda pair: pair[0]), json_values(max_leaves=4)), max_size=8
)


def _split(data: bytes, array: bool, cuts: list[int], max_size: int = 1 << 20) -> list[tuple[int, bytes]]:
    splitter = Splitter(array, max_size)
    out = [item for piece in _pieces(data, cuts) for item in splitter.feed(piece)]
    return out + splitter.finish()


@given(
    ELEMENTS,
    st.sampled_from([None, 0, 2, "\t"]),
    st.sampled_from([",", ",\n", " ,\r\n  "]),
    st.lists(st.integers(min_value=0), max_size=8),
)
def test_array_elements_are_cut_exactly(elements: list[Any], indent: Any, sep: str, cuts: list[int]) -> None:
    """Each element of a JSON array comes out as its own text, with the line it starts on, however chunked."""
    texts = [json.dumps(e, indent=indent) for e in elements]
    text = "[\n" + sep.join(texts) + "\n]\n"
    starts, offset = [], 2
    for t in texts:
        starts.append(text[:offset].count("\n") + 1)
        offset += len(t) + len(sep)
    items = _split(text.encode(), True, cuts)
    assert [line for line, _ in items] == starts
    for (_, data), element in zip(items, elements, strict=True):
        assert json_key(json.loads(data)) == json_key(element)


@given(st.lists(payloads(), max_size=6), st.lists(st.integers(min_value=0), max_size=8))
def test_documents_one_after_another(documents: list[Any], cuts: list[int]) -> None:
    """Pretty-printed documents written one after another come out one by one, with their first line."""
    texts = [json.dumps(d, indent=2) for d in documents]
    items = _split("\n".join(texts).encode(), False, cuts)
    assert [line for line, _ in items] == [
        1 + sum(t.count("\n") + 1 for t in texts[:i]) for i in range(len(texts))
    ]
    assert [json.loads(data) for _, data in items] == documents


@given(st.lists(payloads(), min_size=1, max_size=5), st.lists(st.integers(min_value=0), max_size=8))
def test_a_payload_over_max_size_is_dropped_unheld(documents: list[Any], cuts: list[int]) -> None:
    """An element larger than max_size is dropped (OVERSIZE) or kept whole; either way it is rejected."""
    texts = [json.dumps(d).encode() for d in documents]
    max_size = sorted(len(t) for t in texts)[len(texts) // 2]
    items = _split(b"[" + b",".join(texts) + b"]", True, cuts, max_size)
    assert len(items) == len(texts)
    for (_, data), original in zip(items, texts, strict=True):
        if len(original) > max_size:
            assert data in (OVERSIZE, original)
            if data is not OVERSIZE:
                with pytest.raises(PayloadError):
                    loads(data, max_size=max_size)
        else:
            assert data == original


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"[", [(1, UNCLOSED)]),
        (b"[]", []),
        (b" [ ]\n\n", []),
        (b"[1,]", [(1, b"1"), (1, MISSING)]),
        (b"[,\n1]", [(1, MISSING), (2, b"1")]),
        (b'[{"a": "],}"}]', [(1, b'{"a": "],}"}')]),
        (b'["\\"]"]', [(1, b'"\\"]"')]),
        (b"[1] tail\nmore", [(1, b"1"), (1, b"tail\nmore")]),
        (b"[1, {", [(1, b"1"), (1, b"{"), (1, UNCLOSED)]),
    ],
)
def test_arrays_broken_and_odd(text: bytes, expected: list[tuple[int, bytes]]) -> None:
    """Missing values, brackets inside strings, trailing data and unclosed arrays are all reported."""
    for cuts in ([], list(range(len(text)))):
        assert _split(text, True, cuts) == expected


def test_broken_items_are_invalid_for_loads() -> None:
    """What the splitter cuts out of a broken document is rejected by loads."""
    for _, data in _split(b'[1] tail\n{"a": ', True, []):
        with pytest.raises(PayloadError):
            loads(data)


@pytest.mark.parametrize(
    ("head", "mode"),
    [
        (b"", "lines"),
        (b'{"status": "error", "error": {"message": "m"}}\n{}\n', "lines"),
        (b'\n\n  {"status": "error"}', "lines"),
        (b'{\n  "status": "error"\n}\n', "documents"),
        (b'[{"status": "error"}]', "array"),
        (b'[\n  {"status": "error"}\n]\n', "array"),
        (b'[{"a": 1},\n{"b": 2}]', "array"),
        (b'[1, 2]\n{"status": "error"}\n', "lines"),
        (b"not json at all\n", "lines"),
    ],
)
def test_detect(head: bytes, mode: str) -> None:
    """The input kind is told from its first line."""
    assert detect(head) == mode
