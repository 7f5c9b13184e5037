"""loads, structure, unstructure and dumps: lossless round trips and strict, path-precise errors."""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kombo_tag_errors as kte
from helpers import EXAMPLES, data_path, load_contract
from kombo_tag_errors import (
    UNSET,
    ErrorCode,
    PayloadError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    dumps,
    loads,
    structure,
    unstructure,
)
from kombo_tag_errors._codes import CHANGES_2026
from kombo_tag_errors.strategies import bodies, invalid_payloads, json_values, payloads

Body = PostAtsCandidatesCandidateIDTagsResponseBody


def _same_json(a: Any, b: Any) -> bool:
    """Equality that tells 1, 1.0 and true apart."""
    return kte._models.json_key(a) == kte._models.json_key(b)


@given(payloads())
def test_structure_unstructure_is_lossless(payload: dict[str, Any]) -> None:
    """unstructure(structure(p)) == p for every valid payload: absent, null and unknown keys kept."""
    assert _same_json(unstructure(structure(payload)), payload)


@given(payloads())
def test_loads_of_encoded_payload_is_lossless(payload: dict[str, Any]) -> None:
    """Encoding a payload and loading it gives back exactly that payload."""
    data = json.dumps(payload, ensure_ascii=False).encode()
    assert _same_json(unstructure(loads(data)), payload)


@given(payloads(), st.booleans())
def test_unknown_keys_keep_the_payload_order(payload: dict[str, Any], encoded: bool) -> None:
    """The unknown keys of each object come out in the order the payload has them, whichever the way in."""
    body = loads(json.dumps(payload).encode()) if encoded else structure(payload)
    error = payload["error"]
    assert list(body.extra) == [k for k in payload if k not in ("status", "error")]
    assert list(body.error.extra) == [k for k in error if k not in ("message", "code", "title", "log_url")]


@given(bodies())
def test_dumps_loads_and_str_round_trip(body: Body) -> None:
    """loads(dumps(b)) == b and loads(str(b)) == b for every body."""
    assert loads(dumps(body)) == body
    assert loads(str(body)) == body
    assert str(body) == dumps(body).decode()


@given(invalid_payloads())
def test_invalid_payload_names_exactly_its_path(case: tuple[Any, str]) -> None:
    """A payload broken at one place raises PayloadError naming exactly that path, keeping the input."""
    payload, path = case
    with pytest.raises(PayloadError) as info:
        structure(payload)
    assert [p.path for p in info.value.errors] == [path]
    assert info.value.payload is payload
    assert info.value.__cause__ is None  # found in one pass: no cattrs error tree behind it


@given(invalid_payloads())
def test_invalid_payload_bytes_keep_the_input(case: tuple[Any, str]) -> None:
    """loads reports the same path for the encoded payload and keeps the bytes exactly."""
    payload, path = case
    data = json.dumps(payload).encode()
    with pytest.raises(PayloadError) as info:
        loads(data)
    assert [p.path for p in info.value.errors] == [path]
    assert info.value.payload is data


def test_every_problem_is_reported_at_once() -> None:
    """All problems of a payload come in one PayloadError, one line each in str()."""
    with pytest.raises(PayloadError) as info:
        loads(b'{"status": "ok", "error": {"message": null, "code": 7, "title": true}, "x": 1}')
    assert str(info.value).splitlines() == [
        "$.error.message: expected a string, got null",
        "$.error.code: expected a string or null, got 7",
        "$.error.title: expected a string or null, got true",
        '$.status: expected "error", got "ok"',
    ]


@pytest.mark.parametrize(
    ("payload", "path", "message"),
    [
        ({"status": "error", "error": {"message": 5}}, "$.error.message", "expected a string, got 5"),
        (
            {"status": "error", "error": {"message": True}},
            "$.error.message",
            "expected a string, got true",
        ),
        ({"status": "error", "error": {}}, "$.error.message", "required key missing"),
        ({"status": "error", "error": "boom"}, "$.error", 'expected an object, got "boom"'),
        ({"status": "error", "error": None}, "$.error", "expected an object, got null"),
        ({"status": "ERROR", "error": {"message": "m"}}, "$.status", 'expected "error", got "ERROR"'),
        ({"error": {"message": "m"}}, "$.status", "required key missing"),
        ({"status": "error"}, "$.error", "required key missing"),
        (["status", "error"], "$", "expected an object, got an array"),
        ("error", "$", 'expected an object, got "error"'),
        (
            {"status": "error", "error": {"message": "m", "a b": {"c": float("nan")}}},
            '$.error["a b"].c',
            "nan is not a JSON number",
        ),
        ({"status": "error", "error": {"message": "m"}, "x": [1, {2}]}, "$.x[1]", "expected a JSON value"),
    ],
)
def test_never_coerces(payload: Any, path: str, message: str) -> None:
    """Wrong types are errors at their path, never converted (5 is not "5", true is not "true")."""
    with pytest.raises(PayloadError) as info:
        structure(payload)
    [problem] = info.value.errors
    assert problem.path == path
    assert problem.message.startswith(message)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"<html><body>502 Bad Gateway</body></html>",
        b'{"status": "error", "error": {"message": "m"}',
        b'{"status": "error", "error": {"message": "m"}} trailing',
        b'{"status": "error", "error": {"message": "\xff"}}',
        b'{"status": "error", "error": {"message": "m"}, "x": NaN}',
        b'{"status": "error", "error": {"message": "m"}, "x": Infinity}',
        b'{"status": "error", "error": {"message": "m"}, "x": 1e400}',
        b'{"status": "error", "error": {"message": "\\ud800"}}',
        b'\xef\xbb\xbf{"status": "error", "error": {"message": "m"}}',
        '{"status": "error", "error": {"message": "\ud800"}}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"status":"error","error":{"message":"m"},"x":' + b"[" * 600 + b"]" * 600 + b"}",
    ],
)
def test_not_json_is_a_payload_error_at_root(data: bytes | str) -> None:
    """Input that is not JSON (or breaks an engine rule) raises PayloadError at $, keeping the input."""
    with pytest.raises(PayloadError) as info:
        loads(data)
    assert info.value.errors[0].path.startswith("$")
    assert info.value.payload is data


def test_bytes_like_inputs() -> None:
    """bytes, bytearray, memoryview and str give the same body."""
    text = (EXAMPLES / "401-2026-full.json").read_text(encoding="utf-8")
    data = text.encode()
    bodies_ = {loads(text), loads(data), loads(bytearray(data)), loads(memoryview(data))}
    assert len(bodies_) == 1


def test_wrong_input_type() -> None:
    """A non-text input to loads is a PayloadError, not a TypeError."""
    with pytest.raises(PayloadError, match="expected bytes"):
        loads(42)  # type: ignore[arg-type]


def test_size_limit_applies_before_parsing() -> None:
    """Input over max_size is rejected without being parsed."""
    data = b'{"status":"error","error":{"message":"' + b"x" * 100 + b'"}}'
    assert loads(data, max_size=len(data)).error.message == "x" * 100
    with pytest.raises(PayloadError, match="max_size"):
        loads(data, max_size=len(data) - 1)
    with pytest.raises(PayloadError, match="max_size"):
        loads(memoryview(data), max_size=10)


@given(
    st.integers(min_value=2**64, max_value=2**200) | st.integers(max_value=-(2**63) - 1, min_value=-(2**200))
)
def test_integers_beyond_64_bits_round_trip_exactly(n: int) -> None:
    """An unknown integer beyond 64 bits keeps every digit."""
    data = b'{"status":"error","error":{"message":"m"},"n":%d}' % n
    body = loads(data)
    assert body.extra["n"] == n
    assert type(body.extra["n"]) is int
    assert loads(dumps(body)) == body


def test_duplicate_keys_keep_the_last() -> None:
    """A repeated key keeps its last value,."""
    body = loads(b'{"status":"error","error":{"message":"a","message":"b"}}')
    assert body.error.message == "b"


@given(json_values())
def test_arbitrary_json_never_crashes(value: Any) -> None:
    """Any JSON value gives a body or a PayloadError, nothing else."""
    with contextlib.suppress(PayloadError):
        structure(value)


def test_contract_examples_2023() -> None:
    """The 2023 OpenAPI examples of the 401 structure with code, title and log_url UNSET."""
    for message in ("Invalid authorization header!", "Missing authorization header!"):
        payload = {"status": "error", "error": {"message": message}}
        body = structure(payload)
        assert body.error.message == message
        assert (body.error.code, body.error.title, body.error.log_url) == (UNSET, UNSET, UNSET)
        assert unstructure(body) == payload
    published = load_contract("openapi-2023-post-ats-candidates-candidate-id-tags.json")
    for example in published["responses"]["401"]["content"]["application/json"]["examples"].values():
        assert unstructure(structure(example["value"])) == example["value"]


def test_contract_examples_2026() -> None:
    """The 2026 guide's full and minimal examples structure exactly, null kept as None."""
    full = structure(
        {
            "status": "error",
            "error": {
                "code": "INTEGRATION.MODEL_NOT_AVAILABLE",
                "title": "This data model isn't supported for the selected integration.",
                "message": 'The "employees" model is not yet available for Greenhouse.',
                "log_url": "https://app.kombo.dev/my-prod/logs?interactionId=123456",
            },
        }
    )
    assert full.error.code is ErrorCode.INTEGRATION_MODEL_NOT_AVAILABLE
    minimal = structure(
        {
            "status": "error",
            "error": {"code": None, "title": None, "message": "An error without a code.", "log_url": None},
        }
    )
    assert (minimal.error.code, minimal.error.title, minimal.error.log_url) == (None, None, None)
    published = load_contract("kombo-ats-error-2026.json")
    for example in published["examples"].values():
        assert unstructure(structure(example)) == example


def test_all_known_codes_are_members() -> None:
    """ErrorCode lists exactly the 24 codes of the 2026 contract."""
    published = load_contract("kombo-ats-error-2026.json")
    assert sorted(c.value for c in ErrorCode) == sorted(published["known_ats_codes"])


def test_codes_follow_the_2026_changes() -> None:
    """The retryable codes, the status of each code and the recorded changes are those of the 2026 changes."""
    changes = load_contract("kombo-2026-changes.json")
    assert sorted(kte.RETRYABLE_CODES) == sorted(changes["retryable_codes_2026"])
    assert {c.value: s for c, s in kte.STATUS_BY_CODE.items()} == changes["statuses_by_code_2026"]
    assert [date for date, _what, _source in CHANGES_2026] == [c["date"] for c in changes["changes"]]
    for (_date, _what, source), change in zip(CHANGES_2026, changes["changes"], strict=True):
        assert source.removeprefix("https://") in changes["source"]
        assert all(code in change["what"] for code in re.findall(r"[A-Z]+\.[A-Z_]+", _what))


def _naughty_strings() -> list[str]:
    return json.loads(data_path("blns", "blns.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_naughty_strings_round_trip() -> None:
    """Every naughty string as message, title, code, unknown key and unknown value round-trips."""
    for s in _naughty_strings():
        payload = {
            "status": "error",
            "error": {"code": s, "title": s, "message": s, "log_url": None, s + "_": s},
            "x": s,
        }
        body = loads(json.dumps(payload).encode())
        assert unstructure(body) == payload
        assert loads(dumps(body)) == body


@given(
    st.none() | st.booleans() | st.floats() | st.text(max_size=3) | st.just(b"1"),
    st.sampled_from([b'{"status":"error","error":{"message":"m"}}', "{}", bytearray(b"{}")]),
)
def test_max_size_of_another_type_is_a_type_error(max_size: Any, data: Any) -> None:
    """loads refuses a max_size that is not an int (bool included) with a TypeError naming it."""
    with pytest.raises(TypeError, match="max_size must be an int"):
        loads(data, max_size=max_size)


@given(st.integers(max_value=-1))
def test_negative_max_size_is_a_value_error(max_size: int) -> None:
    """loads refuses a negative max_size with a ValueError naming it."""
    with pytest.raises(ValueError, match="max_size must be >= 0"):
        loads(b'{"status":"error","error":{"message":"m"}}', max_size=max_size)
