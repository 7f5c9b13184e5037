"""A JSON Schema (draft 2020-12) of exactly the error bodies this package accepts.

Validate captured bodies with any JSON Schema tool, generate documentation or test data
from it, or compare it with the API's published schemas::

    >>> import jsonschema
    >>> from kombo_tag_errors.schema import json_schema
    >>> validator = jsonschema.Draft202012Validator(json_schema())
    >>> validator.is_valid({"status": "error", "error": {"message": "Invalid authorization header!"}})
    True
    >>> validator.is_valid({"status": "error", "error": {"message": 5}})
    False

The command ``kombo-tag-errors schema`` prints the same schema.
"""

from __future__ import annotations

from typing import Any, Final

from ._codes import ErrorCode
from ._models import PostAtsCandidatesCandidateIDTagsResponseBody
from ._rules import Spec, spec_of
from ._values import MAX_DEPTH

__all__ = ["DRAFT", "json_schema"]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The ``$schema`` of `json_schema`: JSON Schema draft 2020-12."""


_DESCRIPTIONS: Final = {
    "code": "Stable identifier for programmatic handling. An open set: new codes are valid.",
    "title": "Static human-readable label.",
    "message": "Description of this occurrence. Never branch on it.",
    "log_url": "Link to the interaction's log page in the Kombo dashboard.",
}
_ANNOTATIONS: Final[dict[str, dict[str, Any]]] = {"code": {"examples": [c.value for c in ErrorCode]}}


def _object(spec: Spec, **annotations: Any) -> dict[str, Any]:
    """The schema of *spec*'s JSON object: each key's rule, or its nested class, in field order."""
    properties: dict[str, Any] = {}
    for f in spec.fields:
        if f.model is not None:
            properties[f.key] = _object(spec_of(f.model))
        else:
            assert f.rule is not None
            schema = dict(f.rule.schema)
            if f.key in _DESCRIPTIONS:
                schema["description"] = _DESCRIPTIONS[f.key]
            properties[f.key] = {**schema, **_ANNOTATIONS.get(f.key, {})}
    return {
        "type": "object",
        **annotations,
        "required": [f.key for f in spec.fields if f.required],
        "properties": properties,
        "additionalProperties": spec.catch_all is not None,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a 401 body of ``POST /ats/candidates/{candidate_id}/tags``, as a new dict.

    A decoded JSON value is valid exactly when `kombo_tag_errors.structure` accepts it
    (within the nesting limit below):
    an object with ``status`` (the string ``"error"``) and ``error``, an object with a string
    ``message`` and optional ``code``, ``title`` and ``log_url``, each a string or null.
    Both the 2023 shape (``message`` alone) and the 2026 shape (all four) are valid, and so is
    every mix; unknown keys are allowed at both levels, holding any JSON.
    A known ``code`` is only an annotation (``examples``): new codes are valid.

    JSON Schema cannot say all of it, so the schema's ``$comment`` does:
    `kombo_tag_errors.loads` also wants UTF-8 JSON text no larger than its ``max_size``, without
    ``NaN`` or lone surrogates, and both `~kombo_tag_errors.loads` and
    `~kombo_tag_errors.structure` refuse the value of an unknown key nested more than 128 arrays
    and objects deep.

    Every call builds a new dict, so changing the result changes nothing else.

    >>> schema = json_schema()
    >>> schema["properties"]["status"]
    {'const': 'error'}
    >>> schema["properties"]["error"]["required"]
    ['message']
    """
    return {
        "$schema": DRAFT,
        "title": "401 body of POST /ats/candidates/{candidate_id}/tags",
        "description": (
            "Kombo's error body, returned when the authentication header was invalid or missing. "
            "Both the 2023 shape (error.message only) and the 2026 shape (error.code, title, message, "
            "log_url) are valid; unknown keys are allowed and kept."
        ),
        "$comment": (
            "Beyond this schema, kombo_tag_errors.loads wants UTF-8 JSON text without NaN, Infinity or "
            "lone surrogates, and loads and structure refuse an unknown key's value nested more than "
            f"{MAX_DEPTH} arrays and objects deep."
        ),
        **_object(spec_of(PostAtsCandidatesCandidateIDTagsResponseBody)),
    }
