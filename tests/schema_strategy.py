"""Instances of a JSON Schema, for the contract tests: ``from_schema(schema)`` is a hypothesis strategy.

It reads the keywords the published schemas and `json_schema` use (``type``, ``enum``, ``const``,
``properties``, ``required``, ``additionalProperties``, ``items``) and ignores annotations; any other
keyword raises `ValueError`, so a schema that grows a constraint this module cannot honour fails loudly
instead of being generated too loosely. ``tests/test_schema_strategy.py`` checks every instance against
the schema with jsonschema.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

__all__ = ["ANY_JSON", "from_schema"]

_KEYWORDS = frozenset({"type", "enum", "const", "properties", "required", "additionalProperties", "items"})
_ANNOTATIONS = frozenset({"$schema", "$comment", "title", "description", "examples", "default"})
_TYPES = ("null", "boolean", "integer", "number", "string", "array", "object")

ANY_JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3),
    max_leaves=8,
)
"""Any JSON value, a few levels deep: the value of a key no schema defines."""


def _is(value: Any, name: str) -> bool:
    """Whether *value* is of the JSON Schema type *name* (a boolean is no number, 1.0 is an integer)."""
    if isinstance(value, bool):
        return name == "boolean"
    checks: dict[str, Any] = {
        "null": value is None,
        "integer": isinstance(value, int) or (isinstance(value, float) and value.is_integer()),
        "number": isinstance(value, int | float),
        "string": isinstance(value, str),
        "array": isinstance(value, list),
        "object": isinstance(value, dict),
        "boolean": False,
    }
    return bool(checks[name])


def from_schema(schema: dict[str, Any] | bool) -> st.SearchStrategy[Any]:
    """Instances of *schema*; `ValueError` for a keyword this module does not read."""
    if schema is True or schema == {}:
        return ANY_JSON
    if schema is False:
        raise ValueError("the schema false has no instance")
    assert isinstance(schema, dict)
    unknown = set(schema) - _KEYWORDS - _ANNOTATIONS
    if unknown:
        raise ValueError(f"keywords not supported: {sorted(unknown)}")
    types = schema.get("type", list(_TYPES))
    types = [types] if isinstance(types, str) else list(types)
    if "const" in schema or "enum" in schema:
        values = [schema["const"]] if "const" in schema else schema["enum"]
        allowed = [v for v in values if any(_is(v, t) for t in types)]
        if not allowed:
            raise ValueError(f"{schema!r} has no instance: no value of {values!r} is of type {types!r}")
        if "enum" in schema and "const" in schema:
            allowed = [v for v in allowed if v in schema["enum"]]
        return st.sampled_from(allowed).map(copy.deepcopy)
    return st.one_of([_of_type(t, schema) for t in types])


def _of_type(name: str, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    if name == "object":
        return _objects(schema)
    if name == "array":
        return st.lists(from_schema(schema.get("items", True)), max_size=3)
    leaves: dict[str, st.SearchStrategy[Any]] = {
        "null": st.none(),
        "boolean": st.booleans(),
        "integer": st.integers(),
        "number": st.integers() | st.floats(allow_nan=False, allow_infinity=False),
        "string": st.text(),
    }
    return leaves[name]


def _objects(schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects with every required key, any subset of the optional ones, and other keys where allowed."""
    properties: dict[str, Any] = schema.get("properties", {})
    required = list(schema.get("required", []))
    extra = schema.get("additionalProperties", True)
    missing = [k for k in required if k not in properties]
    if missing and extra is False:
        raise ValueError(f"{schema!r} has no instance: required keys {missing} can have no value")
    defined = {k: from_schema(properties.get(k, extra)) for k in {*properties, *required}}
    optional = {k: v for k, v in defined.items() if k not in required}
    fixed = st.fixed_dictionaries({k: defined[k] for k in required}, optional=optional)
    if extra is False:
        return fixed
    others = st.dictionaries(
        st.text(max_size=6).filter(lambda k: k not in defined), from_schema(extra), max_size=3
    )
    return st.tuples(fixed, others).map(lambda pair: {**pair[1], **pair[0]})
