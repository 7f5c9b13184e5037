"""The contract tests' schema strategy: every instance is valid, every allowed variation is reached."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from helpers import load_contract
from kombo_tag_errors.schema import json_schema
from schema_strategy import ANY_JSON, from_schema

_OPENAPI = load_contract("openapi-2023-post-ats-candidates-candidate-id-tags.json")
SCHEMAS = {
    "2023": (
        _OPENAPI["responses"]["401"]["content"]["application/json"]["schema"],
        jsonschema.Draft4Validator,
    ),
    "2026": (load_contract("kombo-ats-error-2026.json")["schema"], jsonschema.Draft202012Validator),
    "ours": (json_schema(), jsonschema.Draft202012Validator),
    "closed": (
        {
            "type": "object",
            "required": ["a"],
            "properties": {
                "a": {"type": "integer"},
                "b": {"type": "array", "items": {"enum": [1, "x", None]}},
            },
            "additionalProperties": False,
        },
        jsonschema.Draft202012Validator,
    ),
    "typed extras": (
        {"type": ["object", "boolean"], "additionalProperties": {"type": ["number", "null"]}},
        jsonschema.Draft202012Validator,
    ),
}
NO_SHRINK = settings(database=None, phases=[Phase.generate], max_examples=1000)


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_instance_is_valid(name: str) -> None:
    """Each instance drawn from a schema meets that schema by jsonschema."""
    schema, validator = SCHEMAS[name]
    check = validator(schema)

    @given(from_schema(schema))
    def valid(instance: Any) -> None:
        check.validate(instance)

    valid()


@given(ANY_JSON)
def test_any_json_is_json(value: Any) -> None:
    """ANY_JSON gives only JSON values: the empty schema accepts each."""
    jsonschema.Draft202012Validator({}).validate(value)


@pytest.mark.parametrize(
    ("name", "reached"),
    [
        ("2023", lambda v: set(v) == {"status", "error"} and set(v["error"]) == {"message"}),
        ("2023", lambda v: len(v) > 2 and len(v["error"]) > 1),
        ("2026", lambda v: v["error"]["code"] is None and isinstance(v["error"]["title"], str)),
        ("2026", lambda v: isinstance(v["error"]["code"], str) and v["error"]["log_url"] is None),
        ("ours", lambda v: set(v["error"]) == {"message", "code"}),
        ("ours", lambda v: set(v["error"]) >= {"message", "code", "title", "log_url", ""}),
        ("closed", lambda v: set(v) == {"a"}),
        ("closed", lambda v: v.get("b", []).count(None) == 1 and "x" in v["b"]),
        ("typed extras", lambda v: v is False),
        (
            "typed extras",
            lambda v: isinstance(v, dict) and None in v.values() and float in map(type, v.values()),
        ),
    ],
)
def test_every_variation_is_reached(name: str, reached: Any) -> None:
    """Optional keys absent and present, each type of a union, unknown keys: each is generated."""
    find(from_schema(SCHEMAS[name][0]), reached, settings=NO_SHRINK)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "minLength": 3},
        {"allOf": [{"type": "string"}]},
        {"properties": {"a": {"pattern": "^x"}}},
        {"$ref": "#/$defs/x"},
    ],
)
def test_an_unread_keyword_is_refused(schema: dict[str, Any]) -> None:
    """A keyword the strategy does not honour raises ValueError instead of being ignored."""
    with pytest.raises(ValueError, match="not supported"):
        from_schema(schema)


@pytest.mark.parametrize(
    "schema",
    [False, {"type": "integer", "enum": ["a"]}, {"required": ["a"], "additionalProperties": False}],
)
def test_a_schema_without_instances_is_refused(schema: Any) -> None:
    """A schema that no value meets raises ValueError."""
    with pytest.raises(ValueError, match="has no instance"):
        from_schema(schema)


@given(st.data())
def test_an_enum_keeps_only_values_of_the_type(data: st.DataObject) -> None:
    """With both type and enum, only the enum's values of that type are drawn."""
    assert data.draw(from_schema({"type": "string", "enum": ["error", 1, None]})) == "error"
