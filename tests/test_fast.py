"""The builders and the hot path of loads: the same bodies as the general path, frozen and valid."""

from __future__ import annotations

import json
import pickle
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kombo_tag_errors import (
    APIStatusError,
    ErrorCode,
    PayloadError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    loads,
)
from kombo_tag_errors._converter import _structure_body_slow
from kombo_tag_errors._fast import new_body, new_error
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


def _encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


@pytest.mark.usefixtures("engine")
@given(st.one_of(payloads("2026", unknown_keys=False), payloads("2023", unknown_keys=False)))
def test_common_shapes_load_as_the_general_path_structures_them(payload: dict[str, Any]) -> None:
    """loads of a 2026 or 2023 payload (its hot path) gives the general path's body, finished and sound."""
    body = loads(_encode(payload))
    _assert_sound(body, Body)
    assert body == _structure_body_slow(payload, Body)
    assert hash(body) == hash(_structure_body_slow(payload, Body))


@pytest.mark.usefixtures("engine")
@given(st.one_of(payloads(), invalid_payloads().map(lambda case: case[0]), json_values()))
def test_loads_agrees_with_the_general_path(value: Any) -> None:
    """On any JSON, valid body or not, loads answers as the general path does: the same body or an error."""
    try:
        expected = _structure_body_slow(value, Body)
    except cattrs.ClassValidationError:
        with pytest.raises(PayloadError):
            loads(_encode(value))
    else:
        assert loads(_encode(value)) == expected


@pytest.mark.usefixtures("engine")
def test_codes_on_the_hot_path() -> None:
    """The hot path maps a known code to its member, keeps an unknown one and a null as they are."""
    known = loads(
        b'{"status":"error","error":{"code":"ATS.JOB_CLOSED","title":null,"message":"m","log_url":null}}'
    )
    assert known.error.code is ErrorCode.ATS_JOB_CLOSED
    unknown = loads(b'{"status":"error","error":{"code":"X.Y","title":"t","message":"m","log_url":"u"}}')
    assert type(unknown.error.code) is str
    assert unknown.error.code == "X.Y"
    null = loads(b'{"status":"error","error":{"code":null,"title":null,"message":"m","log_url":null}}')
    assert null.error.code is None


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
