"""The strategies of error bodies with their HTTP status, and of whole responses, exported by `strategies`."""

from __future__ import annotations

import email.utils
from collections.abc import Collection
from typing import Any, Final, Literal

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ._api import unstructure
from ._codes import CODES_BY_VALUE, ErrorCode
from ._encodings import encodings
from ._httpx_io import UnexpectedResponse
from ._models import (
    APIStatusError,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
)
from ._st_bodies import BODY_KEYS, Shape, check_shape, errors, extra_keys, invalid_payloads
from ._statuses import ERROR_STATUSES, statuses_for
from ._unset import UNSET
from ._wire import ResponseCase, content_codings, encode_content

__all__ = ["Kind", "api_errors", "responses"]

Kind = Literal["any", "valid", "unexpected"]
"""Which responses `responses` draws: ``"valid"`` error bodies, ``"unexpected"`` ones, or ``"any"``."""

_Code = ErrorCode | str | None


def _code_options(shape: Shape, status: int, codes: Collection[Any] | None, known_codes: bool) -> list[Any]:
    """What ``error.code`` may be in a body sent with *status*: codes, `None`, `UNSET` (absent) or ``...``.

    ``...`` stands for any unknown code.
    """
    if shape == "2023":
        candidates: list[Any] = [UNSET]
    elif codes is not None:
        candidates = list(codes)
    else:
        candidates = [*ErrorCode, None, *(() if known_codes else (...,))]
        if shape == "any":
            candidates.append(UNSET)
    return [c for c in candidates if c is ... or status in statuses_for(c)]


def _plan(
    shape: Shape, statuses: Collection[int] | None, codes: Collection[Any] | None, known_codes: bool
) -> dict[int, list[Any]]:
    check_shape(shape)
    if codes is not None and shape == "2023":
        raise InvalidArgument("the 2023 shape has no code: pass codes with shape '2026' or 'any'")
    pool = ERROR_STATUSES if statuses is None else sorted(set(statuses))
    if any(type(s) is not int or not 400 <= s <= 599 for s in pool):
        raise InvalidArgument(f"statuses must be 4xx or 5xx ints, not {statuses!r}")
    plan = {s: options for s in pool if (options := _code_options(shape, s, codes, known_codes))}
    if not plan:
        raise InvalidArgument(f"no code of shape {shape!r} comes with statuses {statuses!r}: codes={codes!r}")
    return plan


_UNKNOWN_CODES: Final = st.text(max_size=40).filter(lambda c: c not in CODES_BY_VALUE)


@st.composite
def _api_error(
    draw: st.DrawFn,
    plan: dict[int, list[Any]],
    error_strategies: dict[str, st.SearchStrategy[PostAtsCandidatesCandidateIDTagsError]],
    extra: st.SearchStrategy[dict[str, Any]],
) -> KomboAPIError:
    status = draw(st.sampled_from(sorted(plan)))
    code = draw(st.sampled_from(plan[status]))
    if code is ...:
        code = draw(_UNKNOWN_CODES)
    error = draw(error_strategies["2023" if code is UNSET else "other"])
    if code is not UNSET:
        error = attrs.evolve(error, code=code)
    if status == 401:
        return PostAtsCandidatesCandidateIDTagsResponseBody(error=error, extra=draw(extra))
    return APIStatusError(error=error, extra=draw(extra), status_code=status)


def api_errors(
    shape: Shape = "any",
    *,
    statuses: Collection[int] | None = None,
    codes: Collection[_Code] | None = None,
    unknown_keys: bool = True,
    known_codes: bool = False,
) -> st.SearchStrategy[KomboAPIError]:
    """Error bodies with the HTTP status Kombo sends them with, as ``from_response`` gives them.

    A 401 is a `~kombo_tag_errors.PostAtsCandidatesCandidateIDTagsResponseBody`, any other status an
    `~kombo_tag_errors.APIStatusError` with its ``status_code`` set.
    The status is consistent with the code: 429 for the rate and concurrency limits, 409 for the setup
    codes, 401 for ``PLATFORM.AUTHENTICATION_INVALID``...; a body without a code (the 2023 shape) has one of
    the 2023 document's statuses (400, 401, 403, 404, 503); an unknown code or a null one, any error status.
    Every known code is drawn, and, unless *known_codes*, unknown ones.
    *statuses* narrows the statuses, *codes* the codes (known, unknown, or `None` for a null code);
    *shape* and *unknown_keys* are those of `payloads`.
    Registered for ``st.from_type(KomboAPIError)`` and, without 401, ``st.from_type(APIStatusError)``.
    Shrinks towards a 400.

    >>> from hypothesis import given
    >>> import kombo_tag_errors as kte
    >>> @given(api_errors(codes=[kte.ErrorCode.PLATFORM_CONCURRENCY_LIMIT_EXCEEDED]))
    ... def test_concurrency_limit_is_429(body):
    ...     assert body.status_code == 429
    >>> test_concurrency_limit_is_429()
    """
    plan = _plan(shape, statuses, codes, known_codes)
    error_strategies = {
        "2023": errors("2023", unknown_keys=unknown_keys),
        "other": errors("2026" if shape == "2026" else "any", unknown_keys=unknown_keys),
    }
    extra = extra_keys(BODY_KEYS) if unknown_keys else st.just({})
    return _api_error(plan, error_strategies, extra)


_JSON_TYPES: Final = (
    None,
    "application/json",
    "application/json; charset=utf-8",
    "application/json;charset=UTF-8",
    'application/json; charset="utf-8"',
    "Application/JSON",
    "application/problem+json",
)
_NOT_JSON_TYPES: Final = ("text/plain", "text/html; charset=utf-8", "application/xml")
_RETRY_AFTER_DATE: Final = email.utils.formatdate(1_800_000_000, usegmt=True)


@st.composite
def _headers(draw: st.DrawFn, body: KomboAPIError | None, status: int) -> list[tuple[str, str]]:
    """Realistic headers: a request id, rate-limit or concurrency headers on a 429, ``Retry-After`` forms."""
    headers = []
    if draw(st.booleans()):
        headers.append(("x-request-id", draw(st.uuids()).hex))
    code = None if body is None else body.error.code
    if code == ErrorCode.PLATFORM_CONCURRENCY_LIMIT_EXCEEDED:
        limit = draw(st.integers(1, 60))
        headers += [("concurrency-limit", str(limit)), ("concurrency-remaining", "0")]
    elif status == 429 and draw(st.booleans()):
        limit = draw(st.integers(1, 10_000))
        reset = draw(st.integers(0, 3600))
        headers += [("ratelimit-limit", str(limit)), ("ratelimit-remaining", "0")]
        headers.append(("ratelimit-reset", str(reset)))
    if status in (429, 503):
        form = draw(st.sampled_from([None, "seconds", "date", "ms"]))
        seconds = draw(st.integers(0, 120))
        if form == "seconds":
            headers.append(("retry-after", str(seconds)))
        elif form == "date":
            headers.append(("retry-after", _RETRY_AFTER_DATE))
        elif form == "ms":
            headers.append(("retry-after-ms", str(seconds * 1000)))
    return headers


_HTML: Final = (
    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{status} {reason}</h1></center>\r\n</body>\r\n</html>\r\n"
)
_GATEWAY_JSON: Final = ('{{"message":"{reason}"}}', '{{"error":"{reason}"}}', '{{"status":{status}}}', "null")


@st.composite
def _case(
    draw: st.DrawFn, kind: str, bodies: st.SearchStrategy[KomboAPIError] | None, pool: list[int]
) -> ResponseCase:
    import httpx

    body: KomboAPIError | None = None
    source: KomboAPIError | None = None  # the body the text holds, before it was broken
    expected: Any = UnexpectedResponse
    if kind in ("json", "truncated", "not JSON by its content type"):
        assert bodies is not None
        body = source = draw(bodies)
        status = 401 if type(body) is PostAtsCandidatesCandidateIDTagsResponseBody else body.status_code
        assert status is not None
        text = draw(encodings(unstructure(body)))
        if kind == "json":
            content_type = draw(st.sampled_from(_JSON_TYPES))
            expected = type(body)
        elif kind == "truncated":
            content_type = draw(st.sampled_from(_JSON_TYPES))
            text = text[: draw(st.integers(0, text.rindex(b"}")))]
            body = None
        else:
            content_type = draw(st.sampled_from(_NOT_JSON_TYPES))
            body = None
    else:
        status = draw(st.sampled_from(pool))
        reason = httpx.codes.get_reason_phrase(status)
        if kind == "html":
            content_type = draw(st.sampled_from(["text/html", "text/html; charset=utf-8"]))
            text = _HTML.format(status=status, reason=reason).encode()
        elif kind == "empty":
            content_type = draw(st.sampled_from([None, "text/plain", "application/json", "text/html"]))
            text = b""
        else:
            content_type = draw(st.sampled_from([None, "application/json"]))
            text = draw(st.sampled_from(_GATEWAY_JSON)).format(status=status, reason=reason).encode()
            if draw(st.booleans()):
                text = draw(_INVALID_JSON)
    headers = draw(_headers(source, status))
    if content_type is not None:
        headers.insert(0, ("content-type", content_type))
    coding = draw(st.sampled_from([None, "identity", *content_codings()]))
    if coding is not None:
        text = encode_content(text, coding)
        headers.append(("content-encoding", coding))
    chunk_size = draw(st.none() | st.integers(1, 64))
    if chunk_size is not None:
        headers.append(("transfer-encoding", "chunked"))
    return ResponseCase(status, tuple(headers), text, chunk_size, expected, body, kind)


def _json(value: Any) -> bytes:
    import json

    return json.dumps(value).encode()


_INVALID_JSON: Final = invalid_payloads().map(lambda case: _json(case[0]))
_UNEXPECTED_STATUSES: Final = {"html": (502, 503, 504), "empty": (429, 500, 502, 503, 504)}


def responses(
    shape: Shape = "any",
    *,
    kind: Kind = "any",
    statuses: Collection[int] | None = None,
    codes: Collection[_Code] | None = None,
    unknown_keys: bool = True,
) -> st.SearchStrategy[ResponseCase]:
    """`~kombo_tag_errors.testing.ResponseCase` objects: the error responses the endpoint may send.

    ``case.response()`` is the `httpx.Response`; ``case.expected`` says what
    `~kombo_tag_errors.httpx.from_response` makes of it: the class of the body it returns (equal to
    ``case.body``), or `~kombo_tag_errors.httpx.UnexpectedResponse`, which it raises.
    Valid ones hold an `api_errors` body as JSON text, under every JSON content type (``application/json``
    with and without a charset, ``application/problem+json``, none at all); unexpected ones are what a proxy
    sends (HTML 502, 503 or 504, empty bodies, JSON that is not the error shape), truncated JSON, or a body
    whose content type is not JSON.
    Each may carry a request id, rate-limit or concurrency headers on a 429, ``Retry-After`` (seconds,
    an HTTP date) or ``retry-after-ms``, a content coding (gzip, deflate; br and zstd where brotli and
    zstandard are installed), and a chunked stream.
    *kind* is a `Kind`; *statuses* and *codes* narrow them (a case without a body has no code, and is not
    drawn when *codes* is given); *shape* and *unknown_keys* are those of `api_errors`.

    >>> import pytest
    >>> from hypothesis import given
    >>> from kombo_tag_errors.httpx import UnexpectedResponse, from_response
    >>> @given(responses())
    ... def test_classified(case):
    ...     if case.unexpected:
    ...         with pytest.raises(UnexpectedResponse):
    ...             from_response(case.response())
    ...     else:
    ...         assert from_response(case.response()) == case.body
    >>> test_classified()
    """
    if kind not in ("any", "valid", "unexpected"):
        raise InvalidArgument(f"kind must be 'any', 'valid' or 'unexpected', not {kind!r}")
    options: list[st.SearchStrategy[ResponseCase]] = []
    try:
        bodies: st.SearchStrategy[KomboAPIError] | None = api_errors(
            shape, statuses=statuses, codes=codes, unknown_keys=unknown_keys
        )
    except InvalidArgument:
        if codes is not None or kind == "valid":
            raise
        bodies = None
    if bodies is not None:
        if kind != "unexpected":
            options.append(_case("json", bodies, []))
        if kind != "valid":
            options += [_case("truncated", bodies, []), _case("not JSON by its content type", bodies, [])]
    if kind != "valid" and codes is None:
        for name in ("html", "empty", "not the error shape"):
            allowed = _UNEXPECTED_STATUSES.get(name, ERROR_STATUSES)
            pool = [s for s in allowed if statuses is None or s in statuses]
            if pool:
                options.append(_case(name, None, pool))
    if not options:
        raise InvalidArgument(f"no {kind} response has statuses {statuses!r}")
    return st.one_of(options)
