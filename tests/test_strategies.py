"""The public strategies: valid encodings, type registration, readable shrinking, runnable examples."""

from __future__ import annotations

import dataclasses
import doctest
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from hypothesis import Phase, given, settings
from hypothesis import find as hypothesis_find
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import kombo_tag_errors as kte
from helpers import at_most
from kombo_tag_errors import (
    UNSET,
    ErrorCode,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    _st_bodies,
    _st_http,
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
T = TypeVar("T")

# No example database: find() keys it by the condition's source, so two lambdas alike would share (and
# replay) each other's examples. No explain phase: it costs seconds and find() reports nothing.
_FIND = settings(database=None, phases=[Phase.generate, Phase.shrink], max_examples=2000)


def find(strategy: st.SearchStrategy[T], condition: Callable[[T], bool]) -> T:
    """The minimal example of *strategy* satisfying *condition*, independent of earlier runs."""
    return hypothesis_find(strategy, condition, settings=_FIND)


def _same_json(a: Any, b: Any) -> bool:
    """Equality that tells 1, 1.0 and true apart."""
    return kte._models.json_key(a) == kte._models.json_key(b)


@at_most(100)
@given(payloads(), st.data())
def test_every_encoding_loads_to_the_payload(payload: dict[str, Any], data: st.DataObject) -> None:
    """Each text from encodings(payload) loads to the same body as the payload,."""
    text = data.draw(encodings(payload), label="text")
    assert _same_json(json.loads(text), payload)
    assert loads(text) == structure(payload)
    assert _same_json(unstructure(loads(text)), payload)


@at_most(100)
@given(payload_bytes())
def test_payload_bytes_are_valid_bodies(data: bytes) -> None:
    """Every payload_bytes() item is UTF-8 JSON that loads accepts."""
    body = loads(data)
    assert loads(kte.dumps(body)) == body


@at_most(150)
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


@at_most(100)
@given(st.from_type(Body), st.from_type(Error))
def test_from_type_is_registered(body: Body, error: Error) -> None:
    """Once the module is imported, st.from_type builds bodies and errors that round-trip."""
    assert isinstance(body, Body)
    assert isinstance(error, Error)
    assert loads(kte.dumps(body)) == body
    assert structure({"status": "error", "error": unstructure(body)["error"]}).error == body.error


@dataclasses.dataclass
class FailedSync:
    """A user's class holding a body, as a job queue might store it."""

    candidate_id: str
    error: Body


@at_most(100)
@given(st.builds(FailedSync))
def test_builds_fills_in_a_body_field(job: FailedSync) -> None:
    """st.builds of a class whose type hints name the body fills the body in, through the registration."""
    assert isinstance(job.error, Body)
    assert loads(kte.dumps(job.error)) == job.error


@at_most(100)
@given(bodies(known_codes=True), errors(known_codes=True))
def test_known_codes_only(body: Body, error: Error) -> None:
    """With known_codes, every code present is an ErrorCode member."""
    for code in (body.error.code, error.code):
        assert code is UNSET or code is None or isinstance(code, ErrorCode)


@at_most(100)
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


_EMPTY = {"status": "error", "error": {"message": ""}}
_EMPTY_TEXT = b'{"status":"error","error":{"message":""}}'


@pytest.mark.parametrize(
    ("strategy", "condition", "minimal"),
    [
        pytest.param(payloads(), lambda p: True, _EMPTY, id="payload"),
        pytest.param(payload_bytes(), lambda b: True, _EMPTY_TEXT, id="bytes"),
        pytest.param(
            payload_bytes(),
            lambda b: b[:1].isspace(),
            b" " + _EMPTY_TEXT,
            id="bytes-whitespace",
        ),
        pytest.param(
            payloads(),
            lambda p: "code" in p["error"],
            {"status": "error", "error": {"message": "", "code": None}},
            id="payload-code",
        ),
        pytest.param(payloads(), lambda p: len(p) > 2, {**_EMPTY, "": None}, id="payload-unknown-key"),
        pytest.param(
            payloads("2026"),
            lambda p: True,
            {"status": "error", "error": {"code": None, "title": None, "message": "", "log_url": None}},
            id="payload-2026",
        ),
        pytest.param(invalid_payloads(), lambda c: True, (None, "$"), id="invalid"),
        pytest.param(
            invalid_payloads(),
            lambda c: c[1] == "$.error.message" and "message" in c[0]["error"],
            ({"status": "error", "error": {"message": None}}, "$.error.message"),
            id="invalid-message",
        ),
        pytest.param(
            invalid_payloads(),
            lambda c: c[1] == "$.error.message" and "message" not in c[0]["error"],
            ({"status": "error", "error": {}}, "$.error.message"),
            id="missing-message",
        ),
        pytest.param(bodies(), lambda b: True, Body(error=Error(message="")), id="body"),
        pytest.param(errors(), lambda e: True, Error(message=""), id="error"),
        pytest.param(json_values(), lambda v: True, None, id="json-value"),
    ],
)
def test_shrinks_to_small_readable_examples(strategy: Any, condition: Any, minimal: Any) -> None:
    """Shrinking ends at the plainest example: empty strings, no unknown keys, compact JSON."""
    assert find(strategy, condition) == minimal


def test_import_without_hypothesis_names_the_extra() -> None:
    """Without hypothesis, importing the strategies raises ImportError naming the extra to install."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"  # None in sys.modules blocks the import
        "import kombo_tag_errors\n"
        "try:\n"
        "    import kombo_tag_errors.strategies\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'kombo-tag-errors[hypothesis]'" in result.stdout


@pytest.mark.usefixtures("few_examples")
def test_docstring_examples_run() -> None:
    """Every example in the strategies' docstrings runs as written."""
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    modules = (strategies_module, _st_bodies, _st_http)
    tests = [*(t for m in modules for t in finder.find(m)), *finder.find(encodings, "encodings")]
    for test in tests:
        runner.run(test, clear_globs=True)
    failed, attempted = runner.summarize(verbose=False)
    assert (failed, attempted >= 30) == (0, True)
