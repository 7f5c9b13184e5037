"""The strategies of error bodies and payloads, exported by `kombo_tag_errors.strategies`."""

from __future__ import annotations

from typing import Any, Literal

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ._codes import ErrorCode
from ._encodings import encodings
from ._models import (
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
)
from ._rules import spec_of
from ._unset import UNSET
from ._values import MAX_INT

__all__ = [
    "BODY_KEYS",
    "ERROR_KEYS",
    "Shape",
    "bodies",
    "check_shape",
    "encodings",
    "errors",
    "extra_keys",
    "invalid_payloads",
    "json_values",
    "payload_bytes",
    "payloads",
]

Shape = Literal["2023", "2026", "any"]
"""``"2023"``: ``error.message`` alone; ``"2026"``: ``code``, ``title``, ``message``, ``log_url``;
``"any"``: both and every mix of present, null and absent between them."""

_SHAPES = ("2023", "2026", "any")
BODY_KEYS = spec_of(PostAtsCandidatesCandidateIDTagsResponseBody).keys
ERROR_KEYS = spec_of(PostAtsCandidatesCandidateIDTagsError).keys
_INT64 = 2**63


def check_shape(shape: object) -> None:
    if shape not in _SHAPES:
        raise InvalidArgument(f"shape must be one of {', '.join(map(repr, _SHAPES))}, not {shape!r}")


def json_values(*, max_leaves: int = 10) -> st.SearchStrategy[Any]:
    """Any JSON value, nested: what an unknown key may carry.

    Integers reach beyond 64 bits and floats are finite, as JSON allows; strings hold no lone surrogate.
    Shrinks towards ``None``.

    >>> import json
    >>> from hypothesis import given
    >>> @given(json_values())
    ... def test_is_json(value):
    ...     assert json.loads(json.dumps(value)) == value
    >>> test_is_json()
    """
    leaves = (
        st.none()
        | st.booleans()
        | st.integers(min_value=-(_INT64 * 4), max_value=_INT64 * 4)
        | st.sampled_from([MAX_INT, -MAX_INT])
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text()
    )
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


def _codes(known_only: bool) -> st.SearchStrategy[str]:
    known = st.sampled_from([c.value for c in ErrorCode])
    return known if known_only else known | st.text(max_size=40)


def extra_keys(known: frozenset[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.text(max_size=12).filter(lambda k: k not in known), json_values(), max_size=3)


def payloads(
    shape: Shape = "any", *, unknown_keys: bool = True, known_codes: bool = False
) -> st.SearchStrategy[dict[str, Any]]:
    """Decoded-JSON 401 payloads that `kombo_tag_errors.structure` accepts.

    *shape* is a `Shape`: ``"2023"``, ``"2026"`` or ``"any"`` (the default).
    With *unknown_keys*, objects may carry extra keys holding any JSON; with *known_codes*,
    ``code`` is one of `~kombo_tag_errors.ErrorCode`, otherwise also any other string.
    Shrinks towards ``{"status": "error", "error": {"message": ""}}``.

    >>> from hypothesis import given
    >>> @given(payloads("2026", unknown_keys=False))
    ... def test_2026_shape(payload):
    ...     assert set(payload["error"]) == {"code", "title", "message", "log_url"}
    >>> test_2026_shape()
    """
    check_shape(shape)
    nullable_code = st.none() | _codes(known_codes)
    nullable_text = st.none() | st.text()
    error: st.SearchStrategy[dict[str, Any]]
    if shape == "2023":
        error = st.fixed_dictionaries({"message": st.text()})
    elif shape == "2026":
        error = st.fixed_dictionaries(
            {"code": nullable_code, "title": nullable_text, "message": st.text(), "log_url": nullable_text}
        )
    else:
        error = st.fixed_dictionaries(
            {"message": st.text()},
            optional={"code": nullable_code, "title": nullable_text, "log_url": nullable_text},
        )
    if unknown_keys:
        error = st.builds(lambda e, x: {**e, **x}, error, extra_keys(ERROR_KEYS))
    body = st.fixed_dictionaries({"status": st.just("error"), "error": error})
    if unknown_keys:
        body = st.builds(lambda b, x: {**b, **x}, body, extra_keys(BODY_KEYS))
    return body


def payload_bytes(
    shape: Shape = "any", *, unknown_keys: bool = True, known_codes: bool = False
) -> st.SearchStrategy[bytes]:
    r"""`payloads` as UTF-8 JSON text, as a server may write it; `kombo_tag_errors.loads` accepts each.

    Beyond compact JSON, the text varies in every way JSON allows without changing the value:
    whitespace between tokens, key order, characters escaped (``\n``, ``\/``, ``\u00e9``, astral
    characters as a surrogate pair ``\ud83d\ude00``) and numbers spelled differently (``1.5E+03``).
    The arguments are those of `payloads`; `encodings` does the same for a value you choose.
    Shrinks towards compact JSON.

    >>> from hypothesis import given
    >>> import kombo_tag_errors as kte
    >>> @given(payload_bytes())
    ... def test_loads(data):
    ...     assert kte.loads(data).status == "error"
    >>> test_loads()
    """
    return payloads(shape, unknown_keys=unknown_keys, known_codes=known_codes).flatmap(encodings)


def errors(
    shape: Shape = "any", *, unknown_keys: bool = True, known_codes: bool = False
) -> st.SearchStrategy[PostAtsCandidatesCandidateIDTagsError]:
    """`~kombo_tag_errors.PostAtsCandidatesCandidateIDTagsError` instances.

    Every optional field is absent, null or set.

    The arguments are those of `payloads`.
    Registered for ``st.from_type(PostAtsCandidatesCandidateIDTagsError)``.

    >>> from hypothesis import given
    >>> @given(errors("2023", unknown_keys=False))
    ... def test_message_only(error):
    ...     assert error.code is UNSET and isinstance(error.message, str)
    >>> test_message_only()
    """

    def build(d: dict[str, Any]) -> PostAtsCandidatesCandidateIDTagsError:
        known = {k: d.get(k, UNSET) for k in ("code", "title", "log_url")}
        extra = {k: v for k, v in d.items() if k not in ERROR_KEYS}
        return PostAtsCandidatesCandidateIDTagsError(message=d["message"], **known, extra=extra)

    return payloads(shape, unknown_keys=unknown_keys, known_codes=known_codes).map(
        lambda p: build(p["error"])
    )


def bodies(
    shape: Shape = "any", *, unknown_keys: bool = True, known_codes: bool = False
) -> st.SearchStrategy[PostAtsCandidatesCandidateIDTagsResponseBody]:
    """`~kombo_tag_errors.PostAtsCandidatesCandidateIDTagsResponseBody` instances, without a ``raw_response``.

    The arguments are those of `payloads`.
    Registered for ``st.from_type(PostAtsCandidatesCandidateIDTagsResponseBody)``.

    >>> from hypothesis import given
    >>> import kombo_tag_errors as kte
    >>> @given(bodies(known_codes=True))
    ... def test_code_is_known_or_missing(body):
    ...     assert body.error.code in (kte.UNSET, None) or isinstance(body.error.code, kte.ErrorCode)
    >>> test_code_is_known_or_missing()
    """
    extra = extra_keys(BODY_KEYS) if unknown_keys else st.just({})
    return st.builds(
        lambda error, extra: PostAtsCandidatesCandidateIDTagsResponseBody(error=error, extra=extra),
        errors(shape, unknown_keys=unknown_keys, known_codes=known_codes),
        extra,
    )


def _not(allowed: Any) -> st.SearchStrategy[Any]:
    return json_values(max_leaves=3).filter(lambda v: not allowed(v))


_FAULTS = ("top", "status", "error", "message", "optional", "missing")


@st.composite
def _broken(draw: st.DrawFn, shape: Shape) -> tuple[Any, str]:
    """Break a valid payload in one place; return it with the JSON path of that place."""
    fault = draw(st.sampled_from(_FAULTS))
    if fault == "top":
        return draw(_not(lambda v: isinstance(v, dict))), "$"
    payload = draw(payloads(shape))
    if fault == "status":
        return {**payload, "status": draw(_not(lambda v: v == "error" and isinstance(v, str)))}, "$.status"
    if fault == "error":
        return {**payload, "error": draw(_not(lambda v: isinstance(v, dict)))}, "$.error"
    error = dict(payload["error"])
    if fault == "message":
        error["message"] = draw(_not(lambda v: isinstance(v, str)))
        return {**payload, "error": error}, "$.error.message"
    if fault == "optional":
        key = draw(st.sampled_from(["code", "title", "log_url"]))
        error[key] = draw(_not(lambda v: v is None or isinstance(v, str)))
        return {**payload, "error": error}, f"$.error.{key}"
    key = draw(st.sampled_from(["status", "error", "error.message"]))
    if key == "error.message":
        del error["message"]
        return {**payload, "error": error}, "$.error.message"
    return {k: v for k, v in payload.items() if k != key}, f"$.{key}"


def invalid_payloads(shape: Shape = "any") -> st.SearchStrategy[tuple[Any, str]]:
    """Pairs ``(payload, path)``: JSON that breaks the contract at exactly *path*, and nowhere else.

    A valid payload of *shape* with one fault: not an object at ``$``; a wrong ``status``,
    ``error``, ``message``, ``code``, ``title`` or ``log_url`` (a wrong JSON type or value);
    or a required key missing.
    `kombo_tag_errors.structure` raises a `~kombo_tag_errors.PayloadError` whose only problem is at *path*.
    Shrinks towards ``(None, "$")``.

    >>> import pytest
    >>> from hypothesis import given
    >>> import kombo_tag_errors as kte
    >>> @given(invalid_payloads())
    ... def test_rejected_at_path(case):
    ...     payload, path = case
    ...     with pytest.raises(kte.PayloadError) as info:
    ...         kte.structure(payload)
    ...     assert [p.path for p in info.value.errors] == [path]
    >>> test_rejected_at_path()
    """
    check_shape(shape)
    return _broken(shape)
