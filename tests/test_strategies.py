"""The public strategies: valid encodings, type registration, readable shrinking, runnable examples."""

from __future__ import annotations

import doctest
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import find, given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import kombo_tag_errors as kte
from kombo_tag_errors import (
    UNSET,
    ErrorCode,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    loads,
    structure,
    unstructure,
)
from kombo_tag_errors import strategies as strategies_module
from kombo_tag_errors.strategies import (
    bodies,
    encodings,
    errors,
    invalid_payloads,
    json_values,
    payload_bytes,
    payloads,
)

Body = PostAtsCandidatesCandidateIDTagsResponseBody
Error = PostAtsCandidatesCandidateIDTagsError


def _same_json(a: Any, b: Any) -> bool:
    """Equality that tells 1, 1.0 and true apart."""
    return kte._models.json_key(a) == kte._models.json_key(b)


@pytest.mark.usefixtures("engine")
@given(payloads(), st.data())
def test_every_encoding_loads_to_the_payload(payload: dict[str, Any], data: st.DataObject) -> None:
    """Each text from encodings(payload) loads to the same body as the payload, with either engine."""
    text = data.draw(encodings(payload), label="text")
    assert _same_json(json.loads(text), payload)
    assert loads(text) == structure(payload)
    assert _same_json(unstructure(loads(text)), payload)


@pytest.mark.usefixtures("engine")
@given(payload_bytes())
def test_payload_bytes_are_valid_bodies(data: bytes) -> None:
    """Every payload_bytes() item is UTF-8 JSON that loads accepts."""
    body = loads(data)
    assert loads(kte.dumps(body)) == body


@pytest.mark.usefixtures("engine")
@given(st.text(), st.data())
def test_escaped_strings_read_back_exactly(text: str, data: st.DataObject) -> None:
    """Any string, written with any mix of escapes (astral characters as surrogate pairs), reads back."""
    encoded = data.draw(encodings({"status": "error", "error": {"message": text}}), label="text")
    assert loads(encoded).error.message == text


@pytest.mark.parametrize(
    ("value", "seen"),
    [
        pytest.param({"m": "😀"}, lambda b: b"\\ud83d\\ude00" in b.lower(), id="surrogate-pair"),
        pytest.param({"m": "é"}, lambda b: b"\\u00e9" in b, id="u-escape-lower"),
        pytest.param({"m": "é"}, lambda b: b"\\u00E9" in b, id="u-escape-upper"),
        pytest.param({"m": "a/b\n"}, lambda b: b"\\/" in b and b"\\n" in b, id="short-escapes"),
        pytest.param({"m": 1}, lambda b: b" " in b and b"\t" in b and b"\n" in b, id="whitespace"),
        pytest.param(
            {"a": 1, "b": 2},
            lambda b: json.loads(b, object_pairs_hook=lambda kv: [k for k, _ in kv]) == ["b", "a"],
            id="key-order",
        ),
        pytest.param({"n": 1.5e20}, lambda b: b"E" in b and b"+" not in b, id="exponent"),
        pytest.param({"n": 0.5}, lambda b: b"0.500" in b, id="trailing-zeros"),
    ],
)
def test_encodings_cover_every_variety(value: Any, seen: Callable[[bytes], bool]) -> None:
    """encodings() reaches each kind of unusual but valid JSON text, and each still decodes to the value."""
    text = find(encodings(value), seen)
    assert json.loads(text) == value


@pytest.mark.parametrize(
    ("value", "error"),
    [({1: "x"}, TypeError), ({"x"}, TypeError), (float("nan"), ValueError), ([float("inf")], ValueError)],
)
def test_encodings_reject_what_is_not_json(value: Any, error: type[Exception]) -> None:
    """encodings() of a value that is not JSON fails loudly instead of writing invalid text."""
    with pytest.raises(error):
        find(encodings(value), lambda _: True)


@given(st.from_type(Body), st.from_type(Error))
def test_from_type_is_registered(body: Body, error: Error) -> None:
    """Once the module is imported, st.from_type builds bodies and errors that round-trip."""
    assert isinstance(body, Body)
    assert isinstance(error, Error)
    assert loads(kte.dumps(body)) == body
    assert structure({"status": "error", "error": unstructure(body)["error"]}).error == body.error


@given(bodies(known_codes=True), errors(known_codes=True))
def test_known_codes_only(body: Body, error: Error) -> None:
    """With known_codes, every code present is an ErrorCode member."""
    for code in (body.error.code, error.code):
        assert code is UNSET or code is None or isinstance(code, ErrorCode)


@given(payloads("2023"), payloads("2026", unknown_keys=False))
def test_shapes(old: dict[str, Any], new: dict[str, Any]) -> None:
    """The 2023 shape has no code, title or log_url; the 2026 shape has exactly the four keys."""
    assert not {"code", "title", "log_url"} & set(old["error"])
    assert set(new) == {"status", "error"}
    assert set(new["error"]) == {"code", "title", "message", "log_url"}


@pytest.mark.parametrize("make", [payloads, payload_bytes, errors, bodies, invalid_payloads])
def test_unknown_shape_is_an_invalid_argument(make: Callable[[Any], Any]) -> None:
    """A shape other than "2023", "2026" or "any" is refused when the strategy is made."""
    with pytest.raises(InvalidArgument, match="shape must be one of"):
        make("2025")


@pytest.mark.parametrize(
    ("strategy", "condition", "minimal"),
    [
        (payloads(), lambda p: True, {"status": "error", "error": {"message": ""}}),
        (payload_bytes(), lambda b: True, b'{"status":"error","error":{"message":""}}'),
        (
            payloads(),
            lambda p: "code" in p["error"],
            {"status": "error", "error": {"message": "", "code": None}},
        ),
        (invalid_payloads(), lambda c: True, (None, "$")),
        (
            invalid_payloads(),
            lambda c: c[1] == "$.error.message",
            ({"status": "error", "error": {"message": None}}, "$.error.message"),
        ),
        (bodies(), lambda b: True, Body(error=Error(message=""))),
        (json_values(), lambda v: True, None),
    ],
)
def test_shrinks_to_small_readable_examples(strategy: Any, condition: Any, minimal: Any) -> None:
    """Shrinking ends at the plainest example: empty message, no unknown keys, compact JSON."""
    assert find(strategy, condition) == minimal


def test_docstring_examples_run() -> None:
    """Every example in the strategies' docstrings runs as written."""
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = [*finder.find(strategies_module), *finder.find(encodings, "encodings")]
    for test in tests:
        runner.run(test, clear_globs=True)
    failed, attempted = runner.summarize(verbose=False)
    assert (failed, attempted >= 25) == (0, True)
