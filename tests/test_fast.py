"""The fast path: the same bodies as the general path, frozen and validated, or no answer at all."""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kombo_tag_errors import (
    APIStatusError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
)
from kombo_tag_errors._converter import _structure_body_slow
from kombo_tag_errors._fast import fast_body, new_body, new_error
from kombo_tag_errors.strategies import invalid_payloads, json_values, payloads

Body = PostAtsCandidatesCandidateIDTagsResponseBody
Error = PostAtsCandidatesCandidateIDTagsError


def _assert_sound(body: Any, cls: type[Any]) -> None:
    """*body* is a finished instance of *cls*: its own class, valid, frozen, picklable, no args."""
    assert type(body) is cls
    assert type(body.error) is Error
    attrs.validate(body)
    attrs.validate(body.error)
    assert body.args == ()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        body.extra = {}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        body.error.message = ""
    assert pickle.loads(pickle.dumps(body)) == body


@given(st.one_of(payloads("2026", unknown_keys=False), payloads("2023", unknown_keys=False)))
def test_common_shapes_take_the_fast_path(payload: dict[str, Any]) -> None:
    """A 2026 or 2023 payload without unknown keys is structured by fast_body, as the general path does."""
    body = fast_body(payload)
    assert body is not None
    _assert_sound(body, Body)
    assert body == _structure_body_slow(payload, Body)
    assert hash(body) == hash(_structure_body_slow(payload, Body))


@given(payloads())
def test_fast_path_agrees_with_the_general_path(payload: dict[str, Any]) -> None:
    """On any valid payload fast_body gives the general path's body or None, never another body."""
    body = fast_body(payload)
    assert body is None or body == _structure_body_slow(payload, Body)


@given(st.one_of(invalid_payloads().map(lambda case: case[0]), json_values()))
def test_fast_path_never_accepts_what_the_general_path_rejects(value: Any) -> None:
    """An invalid payload, or any JSON value, is never turned into a body the general path refuses."""
    body = fast_body(value)
    if body is not None:
        assert body == _structure_body_slow(value, Body)


def test_str_subclass_values_take_the_general_path() -> None:
    """A str subclass (not decoded JSON) is left to the general path, which checks it in full."""

    class Text(str):
        """A str that is not exactly str."""

    assert fast_body({"status": Text("error"), "error": {"message": "m"}}) is None
    assert fast_body({"status": "error", "error": {"message": Text("m")}}) is None
    full = {"code": None, "title": Text("t"), "message": "m", "log_url": None}
    assert fast_body({"status": "error", "error": full}) is None


@given(st.text(), st.none() | st.text(), st.none() | st.text(), st.dictionaries(st.text(), st.integers()))
def test_builders_equal_the_constructors(
    message: str, title: str | None, url: str | None, extra: Any
) -> None:
    """new_error and new_body build what the validating constructors build, of the public classes."""
    extra = {k: v for k, v in extra.items() if k not in {"code", "title", "message", "log_url"}}
    error = new_error(message, None, title, url, extra)
    assert error == Error(message, None, title, url, extra=extra)
    assert type(error) is Error
    body = new_body(Body, error, {})
    _assert_sound(body, Body)
    assert body == Body(error)
    other = new_body(APIStatusError, error, {})
    assert type(other) is APIStatusError
    assert other == APIStatusError(error)
    assert other.status_code is None
