"""Hypothesis strategies for error bodies, for property tests in your own suite.

Install with the ``[hypothesis]`` extra.
"""

from __future__ import annotations

from typing import Any, Literal

try:
    from hypothesis import strategies as st
except ImportError as e:  # pragma: no cover - tested in a subprocess
    raise ImportError(
        "kombo_tag_errors.strategies needs hypothesis: pip install 'kombo-tag-errors[hypothesis]'"
    ) from e

from ._codes import ErrorCode
from ._models import (
    BODY_KEYS,
    ERROR_KEYS,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
)
from ._unset import UNSET

__all__ = ["bodies", "errors", "invalid_payloads", "json_values", "payloads"]

Shape = Literal["2023", "2026", "any"]

_INT64 = 2**63


def json_values(*, max_leaves: int = 10) -> st.SearchStrategy[Any]:
    """Any JSON value, nested: what an unknown key may carry.

    Integers reach beyond 64 bits and floats are finite, as JSON allows.
    """
    leaves = (
        st.none()
        | st.booleans()
        | st.integers(min_value=-(_INT64 * 4), max_value=_INT64 * 4)
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


def _unknown_keys(known: frozenset[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.text(max_size=12).filter(lambda k: k not in known), json_values(), max_size=3)


def payloads(
    shape: Shape = "any", *, unknown_keys: bool = True, known_codes: bool = False
) -> st.SearchStrategy[dict[str, Any]]:
    """Decoded-JSON 401 payloads that `kombo_tag_errors.structure` accepts.

    *shape* ``"2023"`` gives ``error.message`` alone; ``"2026"`` gives all four of ``code``,
    ``title``, ``message``, ``log_url`` (nullable but ``message``); ``"any"`` gives both and every
    mix of present, null and absent between them.
    With *unknown_keys*, objects may carry extra keys holding any JSON; with *known_codes*,
    ``code`` is one of `~kombo_tag_errors.ErrorCode`.
    """
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
        error = st.builds(lambda e, x: {**e, **x}, error, _unknown_keys(ERROR_KEYS))
    body = st.fixed_dictionaries({"status": st.just("error"), "error": error})
    if unknown_keys:
        body = st.builds(lambda b, x: {**b, **x}, body, _unknown_keys(BODY_KEYS))
    return body


def errors(
    shape: Shape = "any", *, unknown_keys: bool = True
) -> st.SearchStrategy[PostAtsCandidatesCandidateIDTagsError]:
    """`~kombo_tag_errors.PostAtsCandidatesCandidateIDTagsError` instances.

    Each optional field is absent, null or set.
    """

    def build(d: dict[str, Any]) -> PostAtsCandidatesCandidateIDTagsError:
        known = {k: d.get(k, UNSET) for k in ("code", "title", "log_url")}
        extra = {k: v for k, v in d.items() if k not in ERROR_KEYS}
        return PostAtsCandidatesCandidateIDTagsError(message=d["message"], **known, extra=extra)

    return payloads(shape, unknown_keys=unknown_keys).map(lambda p: build(p["error"]))


def bodies(
    shape: Shape = "any", *, unknown_keys: bool = True
) -> st.SearchStrategy[PostAtsCandidatesCandidateIDTagsResponseBody]:
    """`~kombo_tag_errors.PostAtsCandidatesCandidateIDTagsResponseBody` instances."""
    extra = _unknown_keys(BODY_KEYS) if unknown_keys else st.just({})
    return st.builds(
        lambda error, extra: PostAtsCandidatesCandidateIDTagsResponseBody(error=error, extra=extra),
        errors(shape, unknown_keys=unknown_keys),
        extra,
    )


def _not(allowed: Any) -> st.SearchStrategy[Any]:
    return json_values(max_leaves=3).filter(lambda v: not allowed(v))


@st.composite
def _broken(draw: st.DrawFn, shape: Shape) -> tuple[Any, str]:
    """Break a valid payload in one place; return it with the JSON path of that place."""
    payload = draw(payloads(shape))
    fault = draw(st.sampled_from(["top", "status", "error", "message", "optional", "missing"]))
    if fault == "top":
        return draw(_not(lambda v: isinstance(v, dict))), "$"
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
    """Pairs ``(payload, path)``: a payload that breaks the contract at exactly *path*, and nowhere else."""
    return _broken(shape)
