"""This package against the API's published contract, and json_schema() against structure().

The published schemas live in the shared contract folder (`helpers.CONTRACT`): the 401 schema of the
2023 OpenAPI document (OpenAPI 3.0, whose schema objects are read as JSON Schema draft 4) and the
2026 error schema (draft 2020-12).
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

import kombo_tag_errors as kte
from helpers import CONTRACT, load_contract
from kombo_tag_errors import APIStatusError, PayloadError, loads, structure, unstructure
from kombo_tag_errors.schema import json_schema
from kombo_tag_errors.strategies import invalid_payloads, json_values, payloads


def _document(name: str) -> Any:
    """A published document, or None when the shared contract folder is missing."""
    return load_contract(name) if (CONTRACT / name).is_file() else None


def _needs(name: str, document: Any) -> pytest.MarkDecorator:
    reason = f"published contract {name} not found in {CONTRACT} (set KOMBO_SHARED to its parent)"
    return pytest.mark.skipif(document is None, reason=reason)


_OPENAPI = _document("openapi-2023-post-ats-candidates-candidate-id-tags.json")
_ERRORS_2026 = _document("kombo-ats-error-2026.json")
needs_2023 = _needs("openapi-2023-post-ats-candidates-candidate-id-tags.json", _OPENAPI)
needs_2026 = _needs("kombo-ats-error-2026.json", _ERRORS_2026)

SCHEMA_2023: dict[str, Any] = (
    _OPENAPI["responses"]["401"]["content"]["application/json"]["schema"] if _OPENAPI else {}
)
SCHEMA_2026: dict[str, Any] = _ERRORS_2026["schema"] if _ERRORS_2026 else {}

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


@needs_2023
@needs_2026
def test_published_schemas_are_well_formed() -> None:
    """The published schemas are valid for the drafts they are read with."""
    jsonschema.Draft4Validator.check_schema(SCHEMA_2023)
    jsonschema.Draft202012Validator.check_schema(SCHEMA_2026)
    assert SCHEMA_2023["required"] == ["status", "error"]


@needs_2023
@needs_2026
@given(st.sampled_from(["2023", "2026", "any"]).flatmap(payloads))
def test_payloads_meet_every_published_schema(payload: dict[str, Any]) -> None:
    """Every payloads() item is valid for json_schema() and the 2023 401 schema, and for the 2026 schema
    exactly when it has all four error keys (so every 2026-shape one is)."""
    assert OURS.is_valid(payload)
    V2023.validate(payload)
    assert V2026.is_valid(payload) == ({"code", "title", "message", "log_url"} <= set(payload["error"]))


# -- payloads generated from the published schemas ------------------------------------------------


def _round_trips(payload: Any) -> None:
    body = structure(payload)
    assert _same_json(unstructure(body), payload)
    assert loads(json.dumps(payload).encode()) == body


@needs_2023
@given(from_schema(SCHEMA_2023))
def test_published_2023_payloads_round_trip(payload: Any) -> None:
    """Every payload the 2023 OpenAPI 401 schema allows structures and round-trips exactly."""
    _round_trips(payload)


@needs_2026
@given(from_schema(SCHEMA_2026))
def test_published_2026_payloads_round_trip(payload: Any) -> None:
    """Every payload the 2026 error schema allows structures and round-trips exactly."""
    _round_trips(payload)


@given(from_schema(json_schema()))
def test_payloads_of_our_schema_round_trip(payload: Any) -> None:
    """Every payload json_schema() allows, as hypothesis-jsonschema writes them, round-trips exactly."""
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


@given(invalid_payloads())
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


@given(st.one_of(near_valid(), json_values(), invalid_payloads().map(lambda c: c[0]), payloads()))
def test_schema_and_structure_agree(value: Any) -> None:
    """Over any JSON value, json_schema() accepts exactly what structure() accepts."""
    assert OURS.is_valid(value) == _accepted(value)


def test_near_valid_values_reach_both_verdicts() -> None:
    """The mutated payloads of the differential test are sometimes valid and sometimes not."""
    verdicts = set()

    @given(near_valid())
    def collect(value: Any) -> None:
        verdicts.add(_accepted(value))

    collect()
    assert verdicts == {True, False}


@needs_2023
@needs_2026
def test_published_examples_are_read() -> None:
    """The examples in the published documents are valid for json_schema() and round-trip exactly."""
    examples = [
        e["value"] for e in _OPENAPI["responses"]["401"]["content"]["application/json"]["examples"].values()
    ]
    examples += _ERRORS_2026["examples"].values()
    assert len(examples) == 4
    for example in examples:
        assert OURS.is_valid(example)
        _round_trips(example)
