"""json_schema(): a valid draft 2020-12 schema, a fresh dict each call, its one documented limit.

Its agreement with structure() over any JSON value is proven in test_contract.py.
"""

from __future__ import annotations

import doctest
from typing import Any

import jsonschema
import pytest

from kombo_tag_errors import PayloadError, schema, structure
from kombo_tag_errors._values import MAX_DEPTH
from kombo_tag_errors.schema import DRAFT, json_schema


def test_is_a_valid_draft_2020_12_schema() -> None:
    """The schema declares draft 2020-12 and is valid against that draft's meta-schema."""
    result = json_schema()
    assert result["$schema"] == DRAFT == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(result)
    assert jsonschema.validators.validator_for(result) is jsonschema.Draft202012Validator


def test_every_call_builds_a_new_dict() -> None:
    """Changing one result changes neither later results nor earlier ones."""
    first = json_schema()
    first["properties"]["error"]["required"].append("code")
    assert json_schema()["properties"]["error"]["required"] == ["message"]


def _nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth - 1):
        value = [value]
    return value


@pytest.mark.parametrize("key", ["$.x", "$.error.x"])
def test_the_nesting_limit_is_the_one_thing_the_schema_cannot_say(key: str) -> None:
    """An unknown key's value may nest MAX_DEPTH deep, not deeper: structure says so, the $comment too."""
    validator = jsonschema.Draft202012Validator(json_schema())

    def payload(depth: int) -> dict[str, Any]:
        if key == "$.x":
            return {"status": "error", "error": {"message": ""}, "x": _nested(depth)}
        return {"status": "error", "error": {"message": "", "x": _nested(depth)}}

    assert validator.is_valid(payload(MAX_DEPTH))
    structure(payload(MAX_DEPTH))
    assert validator.is_valid(payload(MAX_DEPTH + 1))
    with pytest.raises(PayloadError, match=f"nested deeper than {MAX_DEPTH}"):
        structure(payload(MAX_DEPTH + 1))
    assert f"nested more than {MAX_DEPTH} arrays and objects deep" in json_schema()["$comment"]


def test_docstring_examples_run() -> None:
    """Every example in the schema module's docstrings runs as written."""
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    for test in finder.find(schema):
        runner.run(test, clear_globs=True)
    failed, attempted = runner.summarize(verbose=False)
    assert (failed, attempted >= 6) == (0, True)
