"""This package against the API's published contract, and json_schema() against structure().

The published schemas are kept in ``tests/data/contract/`` (`helpers.CONTRACT`): the 401 schema of the
2023 OpenAPI document (OpenAPI 3.0, whose schema objects are read as JSON Schema draft 4) and the
2026 error schema (draft 2020-12).
"""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
import jsonschema
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import kombo_tag_errors as kte
from helpers import at_most, load_contract
from kombo_tag_errors import (
    UNSET,
    APIStatusError,
    ErrorCode,
    PayloadError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    dumps,
    loads,
    structure,
    unstructure,
)
from kombo_tag_errors.httpx import from_response
from kombo_tag_errors.schema import json_schema
from kombo_tag_errors.strategies import invalid_payloads, json_values, payloads
from schema_strategy import from_schema

_OPENAPI = load_contract("openapi-2023-post-ats-candidates-candidate-id-tags.json")
_ERRORS_2026 = load_contract("kombo-ats-error-2026.json")

SCHEMA_2023: dict[str, Any] = _OPENAPI["responses"]["401"]["content"]["application/json"]["schema"]
SCHEMA_2026: dict[str, Any] = _ERRORS_2026["schema"]

Body = PostAtsCandidatesCandidateIDTagsResponseBody
OURS = jsonschema.Draft202012Validator(json_schema())
V2023 = jsonschema.Draft4Validator(SCHEMA_2023)  # OpenAPI 3.0 schema objects: a draft 4 dialect
V2026 = jsonschema.Draft202012Validator(SCHEMA_2026)


def _same_json(a: Any, b: Any) -> bool:
    """Equality that tells 1, 1.0 and true apart."""
    return kte._models.json_key(a) == kte._models.json_key(b)


def _accepted(value: Any) -> bool:
    """Whether structure accepts *value*; anything but a body or a PayloadError fails the test."""
    try:
        body = structure(value)
    except PayloadError:
        with pytest.raises(PayloadError):
            structure(value, APIStatusError)
        return False
    assert structure(value, APIStatusError).error == body.error
    return True


# -- our payloads against the published schemas ---------------------------------------------------


def test_published_schemas_are_well_formed() -> None:
    """The published schemas are valid for the drafts they are read with."""
    jsonschema.Draft4Validator.check_schema(SCHEMA_2023)
    jsonschema.Draft202012Validator.check_schema(SCHEMA_2026)
    assert SCHEMA_2023["required"] == ["status", "error"]


_SHAPES = st.sampled_from(["2023", "2026", "any"])


def _any_payloads() -> st.SearchStrategy[dict[str, Any]]:
    """payloads() with every combination of its arguments."""
    return st.tuples(_SHAPES, st.booleans(), st.booleans()).flatmap(
        lambda a: payloads(a[0], unknown_keys=a[1], known_codes=a[2])
    )


@at_most(200)
@given(_any_payloads())
def test_payloads_meet_every_published_schema(payload: dict[str, Any]) -> None:
    """payloads() meet json_schema() and the 2023 401 schema; the 2026 one iff all 4 error keys are."""
    assert OURS.is_valid(payload)
    V2023.validate(payload)
    assert V2026.is_valid(payload) == ({"code", "title", "message", "log_url"} <= set(payload["error"]))


# -- payloads generated from the published schemas ------------------------------------------------


def _round_trips(payload: Any) -> Body:
    """Structure *payload* and check that every way back gives exactly it; return the body."""
    body = structure(payload)
    assert _same_json(unstructure(body), payload)
    assert _same_json(json.loads(dumps(body)), payload)
    assert loads(json.dumps(payload).encode()) == body
    assert loads(dumps(body)) == body
    return body  # type: ignore[no-any-return]


# The 2023 document leaves `error` open, so it allows `"code": []`; the 2026 document defines `code`,
# `title` and `log_url` as a string or null, and this package holds a payload to the definitions of the keys
# it has. So the 2023 schema is read together with the 2026 definitions of those three keys.
_DEFINED_SINCE_2026 = ("code", "title", "log_url")


def _2023_as_read() -> dict[str, Any]:
    """The 2023 401 schema with the 2026 types of code, title and log_url, keys it leaves undefined."""
    schema = copy.deepcopy(SCHEMA_2023)
    error = schema["properties"]["error"]
    defined = SCHEMA_2026["properties"]["error"]["properties"]
    assert not set(_DEFINED_SINCE_2026) & set(error["properties"])
    error["properties"].update({k: {"type": defined[k]["type"]} for k in _DEFINED_SINCE_2026})
    return schema


def test_2023_as_read_narrows_only_the_2026_keys() -> None:
    """The 2023 schema as read allows what 2023 allows, except a 2026 key of another type."""
    read = jsonschema.Draft4Validator(_2023_as_read())
    for error in ({"message": ""}, {"message": "", "code": None, "x": 1}, {"message": "", "log_url": "u"}):
        payload = {"status": "error", "error": error}
        assert V2023.is_valid(payload)
        assert read.is_valid(payload)
    for key in _DEFINED_SINCE_2026:
        payload = {"status": "error", "error": {"message": "", key: 1}}
        assert V2023.is_valid(payload)
        assert not read.is_valid(payload)


@at_most(200)
@given(from_schema(_2023_as_read()))
def test_published_2023_payloads_round_trip(payload: Any) -> None:
    """Every payload the 2023 401 schema allows (2026 keys as 2026 defines them) round-trips exactly."""
    _round_trips(payload)


@pytest.mark.parametrize("key", _DEFINED_SINCE_2026)
def test_a_2026_key_of_another_type_is_refused_though_2023_allows_it(key: str) -> None:
    """The one gap between the documents: 2023 allows any `code`, 2026 and this package a string or null."""
    payload = {"status": "error", "error": {"message": "", key: []}}
    V2023.validate(payload)
    assert not OURS.is_valid(payload)
    with pytest.raises(PayloadError) as info:
        structure(payload)
    assert [p.path for p in info.value.errors] == [f"$.error.{key}"]


@at_most(200)
@given(from_schema(SCHEMA_2026))
def test_published_2026_payloads_round_trip(payload: Any) -> None:
    """Every payload the 2026 error schema allows structures and round-trips exactly."""
    _round_trips(payload)


@at_most(200)
@given(from_schema(json_schema()))
def test_payloads_of_our_schema_round_trip(payload: Any) -> None:
    """Every payload json_schema() allows, as schema_strategy writes them, round-trips exactly."""
    _round_trips(payload)


# -- invalid payloads ---------------------------------------------------------------------------


def _schema_paths(validator: jsonschema.protocols.Validator, value: Any) -> list[str]:
    """The JSON path of each schema error, a missing key named as the path it is missing at."""
    paths = []
    for error in validator.iter_errors(value):
        if error.validator == "required":
            paths += [f"{error.json_path}.{k}" for k in error.validator_value if k not in error.instance]
        else:
            paths.append(error.json_path)
    return paths


@at_most(200)
@given(_SHAPES.flatmap(invalid_payloads))
def test_invalid_payloads_fail_the_schema_at_their_path(case: tuple[Any, str]) -> None:
    """Every invalid_payloads() item fails json_schema() and structure() at exactly its one path."""
    payload, path = case
    assert _schema_paths(OURS, payload) == [path]
    with pytest.raises(PayloadError) as info:
        structure(payload)
    assert [p.path for p in info.value.errors] == [path]


# -- differential: json_schema() validity is structure() acceptance -------------------------------

_PATHS = (
    ("status",),
    ("error",),
    ("error", "message"),
    ("error", "code"),
    ("error", "title"),
    ("error", "log_url"),
)
_PALETTE = (None, True, 0, 1.5, "", "error", "Error", "NEW.CODE", [], {}, {"message": ""})
"""One value of every JSON type, and the near misses of the valid ones."""
_DELETE = object()


def _mutate(payload: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """A copy of *payload*, the key at *path* set to *value* (or deleted) where its parent is an object."""
    payload = json.loads(json.dumps(payload))
    parent = payload if len(path) == 1 else payload.get(path[0])
    if isinstance(parent, dict):
        if value is _DELETE:
            parent.pop(path[-1], None)
        else:
            parent[path[-1]] = value
    return payload


@st.composite
def near_valid(draw: st.DrawFn) -> Any:
    """A valid payload after a few mutations, mostly one: a known key dropped or replaced, a key added."""
    payload = draw(payloads())
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        if draw(st.integers(0, 3)):  # mostly a known key, sometimes any key
            path = draw(st.sampled_from(_PATHS))
        else:
            path = (*draw(st.sampled_from([(), ("error",)])), draw(st.text(max_size=4)))
        if draw(st.integers(0, 3)):  # mostly a near miss, sometimes any JSON
            value = draw(st.sampled_from([_DELETE, *_PALETTE]))
        else:
            value = draw(json_values(max_leaves=3))
        payload = _mutate(payload, path, value)
    return payload


_BASES = (
    {"status": "error", "error": {"message": "Invalid authorization header!"}},
    {
        "status": "error",
        "error": {"code": None, "title": None, "message": "m", "log_url": None, "hint": {"a": None}},
        "x": [1],
    },
)


@pytest.mark.parametrize("base", _BASES)
def test_schema_and_structure_agree_on_every_single_mutation(base: dict[str, Any]) -> None:
    """For every known key and every kind of JSON value (or none), json_schema() and structure() agree."""
    for path in _PATHS:
        for value in (_DELETE, *_PALETTE):
            mutated = _mutate(base, path, value)
            assert OURS.is_valid(mutated) == _accepted(mutated), (path, value)


@at_most(300)
@given(st.one_of(near_valid(), json_values(), invalid_payloads().map(lambda c: c[0]), payloads()))
def test_schema_and_structure_agree(value: Any) -> None:
    """Over any JSON value (st.recursive), json_schema() accepts exactly what structure() accepts."""
    assert OURS.is_valid(value) == _accepted(value)


@pytest.mark.parametrize("verdict", [True, False])
def test_near_valid_values_reach_both_verdicts(verdict: bool) -> None:
    """The mutated payloads of the differential test are sometimes valid and sometimes not."""
    no_shrinking = settings(database=None, phases=[Phase.generate])
    found = find(near_valid(), lambda v: _accepted(v) is verdict, settings=no_shrinking)
    assert OURS.is_valid(found) is verdict


# -- every example of the published documents -----------------------------------------------------


def _openapi_examples() -> list[Any]:
    """(status, name, value, schema) of each example of every error response of the 2023 document."""
    out = []
    for status, response in _OPENAPI["responses"].items():
        content = response.get("content", {}).get("application/json", {})
        schema = content.get("schema", {})
        if "$ref" in schema:  # "#/components/schemas/<name>"
            schema = _OPENAPI["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        for name, example in content.get("examples", {}).items():
            out.append(pytest.param(int(status), example["value"], schema, id=f"2023-{status}-{name}"))
    return out


_OPENAPI_EXAMPLES = _openapi_examples()


def test_every_2023_example_is_found() -> None:
    """The 2023 document's examples: two for the 401, seven across its error responses, no success one."""
    assert len(_OPENAPI_EXAMPLES) == 7
    assert sum(1 for p in _OPENAPI_EXAMPLES if p.values[0] == 401) == 2
    assert all(400 <= p.values[0] < 600 for p in _OPENAPI_EXAMPLES)


@pytest.mark.parametrize(("status", "example", "schema"), _OPENAPI_EXAMPLES)
def test_2023_example(status: int, example: dict[str, Any], schema: dict[str, Any]) -> None:
    """A 2023 example meets its schemas, round-trips, and reads from a response of its status as its class."""
    jsonschema.Draft4Validator(schema).validate(example)
    OURS.validate(example)
    body = _round_trips(example)
    assert body.error.message == example["error"]["message"]
    assert (body.error.code, body.error.title, body.error.log_url) == (UNSET, UNSET, UNSET)
    received = from_response(httpx.Response(status, json=example))
    assert type(received) is (Body if status == 401 else APIStatusError)
    assert received.status_code == status
    assert received.error == body.error


def test_2026_example_full() -> None:
    """The 2026 document's full example meets both schemas, its code a known member, and round-trips."""
    example = _ERRORS_2026["examples"]["full"]
    V2026.validate(example)
    OURS.validate(example)
    error = _round_trips(example).error
    assert error.code is ErrorCode.INTEGRATION_MODEL_NOT_AVAILABLE
    assert not error.retryable
    assert error.title == "This data model isn't supported for the selected integration."
    assert error.message.startswith('The "employees" model is not yet available for Greenhouse.')
    assert error.log_url == "https://app.kombo.dev/my-prod/logs?interactionId=123456"
    assert error.extra == {}


def test_2026_example_minimal() -> None:
    """The 2026 document's minimal example keeps its three nulls as None (not UNSET) and round-trips."""
    example = _ERRORS_2026["examples"]["minimal"]
    V2026.validate(example)
    OURS.validate(example)
    error = _round_trips(example).error
    assert (error.code, error.title, error.log_url) == (None, None, None)
    assert error.message == "An error without a code."


def test_every_2026_example_is_covered() -> None:
    """The 2026 document has exactly the two examples tested above."""
    assert set(_ERRORS_2026["examples"]) == {"full", "minimal"}
