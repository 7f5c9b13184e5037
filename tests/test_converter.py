"""The cattrs converter: the bodies `structure` builds, cattrs' own errors, on a converter of your own too."""

from __future__ import annotations

import copy
from typing import Any

import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kombo_tag_errors as kte
from kombo_tag_errors import (
    APIStatusError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
)
from kombo_tag_errors.strategies import invalid_payloads, payloads

CONVERTERS = st.sampled_from(["kte.converter", "make_converter", "configure_converter"])
CLASSES = st.sampled_from([PostAtsCandidatesCandidateIDTagsResponseBody, APIStatusError])


def _converter(which: str) -> cattrs.Converter:
    if which == "kte.converter":
        return kte.converter
    if which == "make_converter":
        return kte.make_converter()
    converter = cattrs.Converter()
    kte.configure_converter(converter)
    return converter


@given(payloads(), CLASSES, CONVERTERS)
def test_converter_builds_what_structure_builds(payload: dict[str, Any], cls: type[Any], which: str) -> None:
    """Every valid payload: the converter's body is `structure`'s, and unstructures back to the payload."""
    converter = _converter(which)
    body = converter.structure(copy.deepcopy(payload), cls)
    assert type(body) is cls
    assert body == kte.structure(payload, cls)
    assert converter.unstructure(body) == payload


@given(payloads())
def test_converter_builds_the_nested_error(payload: dict[str, Any]) -> None:
    """The ``error`` object alone structures through the converter, as a field of the body does."""
    error = kte.converter.structure(payload["error"], PostAtsCandidatesCandidateIDTagsError)
    assert error == kte.structure(payload).error
    assert kte.converter.unstructure(error) == payload["error"]


@given(invalid_payloads(), CONVERTERS)
def test_converter_raises_cattrs_errors_at_the_path(case: tuple[Any, str], which: str) -> None:
    """An invalid payload raises cattrs' own error; `transform_error` names its path and a real type."""
    payload, path = case
    converter = _converter(which)
    with pytest.raises(cattrs.ClassValidationError) as info:
        converter.structure(payload, PostAtsCandidatesCandidateIDTagsResponseBody)
    messages = cattrs.transform_error(info.value)
    at = [m for m in messages if m.endswith(f"@ {path}") or f"@ {path}." in m or f"@ {path}[" in m]
    assert at, messages
    assert not any("expected Any" in m for m in messages), messages
    assert len(set(messages)) == len(messages), messages
    with pytest.raises(kte.PayloadError) as mine:
        kte.structure(payload)
    assert [p.path for p in mine.value.errors] == [path]


def test_a_wrong_type_is_named_in_cattrs_words() -> None:
    """The published example of a wrong body: both problems, each with the field's own type."""
    with pytest.raises(cattrs.ClassValidationError) as info:
        kte.converter.structure(
            {"status": "ok", "error": {"message": 5}}, PostAtsCandidatesCandidateIDTagsResponseBody
        )
    assert cattrs.transform_error(info.value) == [
        "invalid value for type, expected str @ $.error.message",
        "invalid value for type, expected PostAtsCandidatesCandidateIDTagsStatus @ $.status",
    ]
