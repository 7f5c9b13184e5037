"""Hostile input: every input gives an exact body or a PayloadError, and an accepted one round-trips.

The JSONTestSuite and naughty-string corpora, resource bounds, byte-like inputs, and properties over
arbitrary bytes and mutated payloads.
Per-file times of the JSONTestSuite are recorded as ``loads_ms`` and reported by conftest.py, not asserted.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kombo_tag_errors._api
from helpers import at_most, data_path
from kombo_tag_errors import PayloadError, dumps, loads, structure, unstructure
from kombo_tag_errors._errors import format_key
from kombo_tag_errors._models import json_key
from kombo_tag_errors._values import json_type
from kombo_tag_errors.strategies import BODY_KEYS, ERROR_KEYS, json_values, payload_bytes, payloads

SUITE = data_path("jsontestsuite", "test_parsing")
BLNS = data_path("blns", "blns.json")
PREFIX = b'{"status":"error","error":{"message":"m"},"x":'


def _outcome(data: Any) -> tuple[Any, float]:
    """The body, or the PayloadError, that loads gives, and the seconds it took.

    Any other exception propagates and fails the test.
    """
    gc.disable()  # a full collection of the test process's heap is not the cost of loads
    start = time.perf_counter()
    try:
        result: Any = loads(data)
    except PayloadError as e:
        result = e
    finally:
        elapsed = time.perf_counter() - start
        gc.enable()
    return result, elapsed


def _agree(data: Any) -> tuple[Any, float]:
    """The outcome of loads, checked: a refusal keeps the input, a body round-trips."""
    result, elapsed = _outcome(data)
    if isinstance(result, PayloadError):
        assert result.payload is data
    else:
        assert loads(dumps(result)) == result
        assert json_key(unstructure(loads(dumps(result)))) == json_key(unstructure(result))
    return result, elapsed


# -- JSONTestSuite -----------------------------------------------------------------------------


def _suite() -> list[Any]:
    return [pytest.param(path, id=path.name) for path in sorted(SUITE.glob("*.json"))]


def test_json_test_suite_is_complete() -> None:
    """All 318 parsing cases of JSONTestSuite are there: 95 y_, 188 n_ and 35 i_."""
    names = [p.name for p in SUITE.glob("*.json")]
    assert len(names) == 318
    assert [sum(n.startswith(k) for n in names) for k in ("y_", "n_", "i_")] == [95, 188, 35]


@pytest.mark.parametrize("path", _suite())
def test_json_test_suite(path: Path, record_property: Any) -> None:
    """Each case, raw and as an unknown value: a body that round-trips, or a PayloadError.

    As an unknown value a y_ case is accepted, exactly as JSON reads it, and an n_ case rejected.
    """
    raw = path.read_bytes()
    _, t_raw = _agree(raw)
    embedded = PREFIX + raw + b"}"
    result, t_embedded = _agree(embedded)
    record_property("loads_ms", 1000 * max(t_raw, t_embedded))
    if path.name.startswith("y_"):
        assert not isinstance(result, PayloadError), str(result)
        assert json_key(result.extra["x"]) == json_key(json.loads(raw))
    elif path.name.startswith("n_"):
        assert isinstance(result, PayloadError)


# -- inputs the fuzzers found: JSON's rules apply to the whole text, overwritten values included --

_BODY = b'{"status":"error","error":{"message":"m"},'


@pytest.mark.parametrize(
    ("data", "accepted"),
    [
        (_BODY + b'"x":"\\udc00","x":1}', False),  # found by fuzz/run.py loads
        (_BODY + b'"\\ud800":1}', False),
        (_BODY + b'"x":"\\\\ud800"}', True),  # an escaped backslash, then text
        (_BODY + b'"x":"\\\\ud800\\udc00"}', False),
        (_BODY + b'"x":' + b"[" * 1000 + b"]" * 1000 + b',"x":1}', True),
        (_BODY + b'"x":' + b"[" * 1023 + b"]" * 1023 + b',"x":1}', True),
        (_BODY + b'"x":' + b"[" * 1024 + b"]" * 1024 + b',"x":1}', False),
        (_BODY + b'"x":' + b"[" * 1500 + b"]" * 1500 + b',"x":1}', False),
        (_BODY + b'"x":"' + b"[" * 5000 + b'"}', True),
    ],
    ids=[
        "lone-surrogate-overwritten",
        "lone-surrogate-in-key",
        "escaped-backslash",
        "escaped-backslash-then-low-surrogate",
        "1001-deep-overwritten",
        "1024-deep-overwritten",
        "1025-deep-overwritten",
        "1501-deep-overwritten",
        "brackets-in-a-string",
    ],
)
def test_engine_rules_apply_to_overwritten_values(data: bytes, accepted: bool) -> None:
    """A lone surrogate or nesting past 1024 rejects the text even in a value a repeated key overwrites."""
    result, _ = _agree(data)
    assert isinstance(result, PayloadError) is not accepted
    if not accepted:
        assert [p.path for p in result.errors] == ["$"]


# -- the Big List of Naughty Strings ---------------------------------------------------------


def _naughty_strings() -> list[str]:
    return json.loads(BLNS.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_naughty_strings_are_complete() -> None:
    """The Big List of Naughty Strings is there whole: 515 strings, the empty one first."""
    strings = _naughty_strings()
    assert len(strings) == 515
    assert all(isinstance(s, str) for s in strings)
    assert strings[0] == ""


@pytest.mark.parametrize("ensure_ascii", [False, True])
def test_naughty_strings_round_trip_exactly(ensure_ascii: bool) -> None:
    """Each naughty string as message, title, code, unknown key and unknown value round-trips exactly."""
    strings = _naughty_strings()
    for s in strings:
        key = s if s not in BODY_KEYS | ERROR_KEYS else s + "_"
        payload = {
            "status": "error",
            "error": {"code": s, "title": s, "message": s, "log_url": None, key: s},
            key: [s, {key: s}],
        }
        data = json.dumps(payload, ensure_ascii=ensure_ascii).encode()
        body = loads(data)
        assert unstructure(body) == payload
        assert structure(unstructure(body)) == body
        assert loads(dumps(body)) == body
        assert loads(data.decode()) == body
    assert len(strings) > 500


# -- resource bounds -------------------------------------------------------------------------

DEEP = 100_000


@pytest.mark.parametrize(
    "data",
    [
        b"[" * DEEP + b"]" * DEEP,
        b"[" * DEEP,
        b'{"a":' * DEEP + b"1" + b"}" * DEEP,
        PREFIX + b"[" * DEEP + b"]" * DEEP + b"}",
        b'{"status":"error","error":{"message":"m","x":' + b'{"a":' * DEEP + b"1" + b"}" * (DEEP + 2),
    ],
    ids=["arrays", "unclosed", "objects", "in-body", "in-error"],
)
def test_nesting_100000_deep_is_rejected_at_root(data: bytes) -> None:
    """A document nested 100,000 levels deep is one problem at $,: no RecursionError."""
    with pytest.raises(PayloadError) as info:
        loads(data)
    assert [(p.path, p.message) for p in info.value.errors] == [
        ("$", "invalid JSON: nested deeper than 1024 arrays and objects")
    ]


def test_50_mb_string_is_rejected_before_parsing() -> None:
    """A 50 MB body is rejected by the default max_size before parsing, and parsed under a raised one."""
    data = b'{"status":"error","error":{"message":"' + b"x" * 50_000_000 + b'"}}'
    for given_ in (data, bytearray(data), memoryview(data), data.decode()):
        with (
            mock.patch.object(kombo_tag_errors._api, "_decode", side_effect=AssertionError("parsed")),
            pytest.raises(PayloadError) as info,
        ):
            loads(given_)
        assert [(p.path, p.message) for p in info.value.errors] == [
            ("$", "larger than max_size=16777216 bytes")
        ]
    assert len(loads(data, max_size=len(data)).error.message) == 50_000_000


def test_a_million_unknown_keys() -> None:
    """A million unknown keys give a body holding them all; one bad value among them is found at its path."""
    keys = b",".join(b'"k%d":0' % i for i in range(1_000_000))
    body = loads(b'{"status":"error","error":{"message":"m"},' + keys + b"}")
    assert len(body.extra) == 1_000_000
    assert body.extra["k999999"] == 0
    bad = b'{"status":"error","error":{"message":"m",' + keys + b',"k":' + b"[" * 129 + b"]" * 129 + b"}}"
    with pytest.raises(PayloadError) as info:
        loads(bad)
    assert [p.path for p in info.value.errors] == ["$.error.k" + "[0]" * 128]


# -- byte-like inputs ------------------------------------------------------------------------
# Both are converted to UTF-8 bytes before they are parsed.


@given(payload_bytes())
def test_bytes_bytearray_memoryview_and_str_give_one_body(data: bytes) -> None:
    """bytes, bytearray, memoryview (a slice too) and str of the same text give the same body."""
    body = loads(data)
    padded = memoryview(b"[" + data + b"]")[1:-1]
    assert loads(bytearray(data)) == loads(memoryview(data)) == loads(padded) == loads(data.decode()) == body


def test_a_released_memoryview_is_a_payload_error() -> None:
    """A released memoryview is a PayloadError at $ that keeps the view, not the view's bare ValueError."""
    view = memoryview(b'{"status": "error", "error": {"message": "m"}}')
    view.release()
    with pytest.raises(PayloadError) as info:
        loads(view)
    assert [(p.path, p.message) for p in info.value.errors] == [("$", "the memoryview is released")]
    assert info.value.payload is view


@given(payloads(), st.integers(0xD800, 0xDFFF), st.integers(min_value=0))
def test_str_with_a_lone_surrogate_is_rejected(payload: dict[str, Any], surrogate: int, at: int) -> None:
    """A str holding a lone surrogate anywhere is a PayloadError at $ that keeps the str."""
    text = json.dumps(payload, ensure_ascii=False)
    quote = [i for i, c in enumerate(text) if c == '"'][at % text.count('"')]
    data = text[: quote + 1] + chr(surrogate) + text[quote + 1 :]
    with pytest.raises(PayloadError) as info:
        loads(data)
    assert [p.path for p in info.value.errors] == ["$"]
    assert info.value.payload is data


# -- properties: arbitrary bytes, JSON-like token soup, mutated payloads ---------------------

_TOKENS = [
    b"{", b"}", b"[", b"]", b":", b",", b'"', b" ", b"\\", b"\\u", b"d800", b"dc00", b"\xef\xbb\xbf", b"\xff",
    b"0", b"-1", b"1e400", b"18446744073709551616", b"1.5", b"NaN", b"Infinity", b"true", b"null",
    b'"status"', b'"error"', b'"message"', b'"code"', b'"title"', b'"log_url"', b'"m"',
]  # fmt: skip


@given(st.binary() | st.binary().map(lambda b: PREFIX + b + b"}"))
def test_arbitrary_bytes_give_a_body_or_a_payload_error(data: bytes) -> None:
    """Any bytes, alone or as an unknown value, give a body or a PayloadError."""
    _agree(data)


@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map(b"".join))
def test_json_like_tokens_give_a_body_or_a_payload_error(data: bytes) -> None:
    """Sequences of JSON tokens and near-JSON give a body that round-trips or a PayloadError."""
    _agree(data)
    _agree(PREFIX + data + b"}")


def _objects(value: Any, path: str, kind: str) -> Iterator[tuple[dict[str, Any], str, str]]:
    """Every object in *value* with its path and kind: "body", "error" or "extra" (inside an unknown key)."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from _objects(item, f"{path}[{i}]", "extra")
    elif isinstance(value, dict):
        yield value, path, kind
        for k, v in value.items():
            if kind == "body" and k == "error":
                yield from _objects(v, f"{path}.error", "error")
            elif not (kind in ("body", "error") and k in BODY_KEYS | ERROR_KEYS):
                yield from _objects(v, path + format_key(k), "extra")


_REQUIRED = {"body": {"status", "error"}, "error": {"message"}, "extra": set()}
_KNOWN = {"body": BODY_KEYS, "error": ERROR_KEYS, "extra": frozenset()}
_ALLOWED = {"status": (str,), "error": (dict,), "message": (str,)}  # code, title, log_url: str or null


def _allowed(kind: str, key: str, value: Any) -> bool:
    if key not in _KNOWN[kind]:
        return True
    return isinstance(value, _ALLOWED.get(key, (str, type(None))))


@st.composite
def mutated_payloads(draw: st.DrawFn) -> tuple[Any, str | None]:
    """A valid payload with a key inserted, deleted or retyped; the path that must be reported, or None."""
    payload = draw(payloads())
    obj, path, kind = draw(st.sampled_from(list(_objects(payload, "$", "body"))))
    operation = draw(st.sampled_from(["insert", "delete", "retype"] if obj else ["insert"]))
    if operation == "insert":
        key = draw(st.text(max_size=8).filter(lambda k: k not in obj and k not in _KNOWN[kind]))
        obj[key] = draw(json_values())
        return payload, None
    key = draw(st.sampled_from(sorted(obj)))
    at = path + format_key(key)
    if operation == "delete":
        del obj[key]
        return payload, at if key in _REQUIRED[kind] else None
    old = json_type(obj[key])
    obj[key] = draw(json_values().filter(lambda v: json_type(v) != old))
    return payload, None if _allowed(kind, key, obj[key]) else at


@given(mutated_payloads(), st.booleans())
def test_mutated_payloads_are_reported_at_the_mutation(case: tuple[Any, str | None], ascii_: bool) -> None:
    """A payload with a key inserted, deleted or retyped: a fault is at its path."""
    payload, path = case
    result, _ = _agree(json.dumps(payload, ensure_ascii=ascii_).encode())
    if path is None:
        assert not isinstance(result, PayloadError), str(result)
        assert json_key(unstructure(result)) == json_key(payload)
    else:
        assert isinstance(result, PayloadError)
        assert [p.path for p in result.errors] == [path]


# -- the fuzz targets, on plain inputs: the harness works where atheris does not install ----------


def _fuzz_targets() -> Any:
    path = Path(__file__).resolve().parents[1] / "fuzz" / "targets.py"
    spec = importlib.util.spec_from_file_location("fuzz_targets", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


targets = _fuzz_targets()


@pytest.mark.parametrize("path", _suite())
def test_fuzz_targets_pass_on_the_json_test_suite(path: Path) -> None:
    """Both fuzz targets accept each JSONTestSuite case as a seed: no error but a PayloadError."""
    data = path.read_bytes()
    targets.loads_target(data)
    for status in (401, 500):
        targets.httpx_target(targets.httpx_input(status, b"application/json", data, streamed=status == 500))


@given(st.binary())
def test_fuzz_targets_pass_on_arbitrary_bytes(data: bytes) -> None:
    """Both fuzz targets find nothing wrong with arbitrary bytes: any response parts, any body."""
    targets.loads_target(data)
    targets.httpx_target(data)


@pytest.mark.parametrize("index", range(len(targets._ENCODINGS)))
@at_most(20)
@given(body=payload_bytes(), chunk=st.integers(0, 255), streamed=st.booleans())
def test_fuzz_httpx_target_decodes_every_coding(index: int, body: bytes, chunk: int, streamed: bool) -> None:
    """The httpx fuzz target, body compressed by the harness in each coding and chain, finds nothing wrong."""
    ct = b"application/json"
    data = bytes([0, 4 | 2 | int(streamed), index, chunk, 255, len(ct)]) + ct + body
    targets.httpx_target(data)
