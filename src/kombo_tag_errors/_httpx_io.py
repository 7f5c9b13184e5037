"""Turning `httpx.Response` objects into error bodies: bounded reads, content types, `UnexpectedResponse`."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any, Final

import httpx

from ._api import read
from ._errors import PayloadError, Problem, ProblemKind
from ._models import APIStatusError, KomboAPIError, PostAtsCandidatesCandidateIDTagsResponseBody
from ._redact import SAFE_HEADERS, safe_headers
from ._text import safe_repr

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SAFE_HEADERS",
    "UnexpectedResponse",
    "afrom_response",
    "araise_for_error",
    "from_response",
    "raise_for_error",
]

DEFAULT_MAX_BYTES: Final = 1 << 20
"""The most body bytes read by default: 1 MiB, far more than any real error body."""

_JSON_TYPES: Final = frozenset({"application/json", "application/problem+json"})

_Body = PostAtsCandidatesCandidateIDTagsResponseBody
_ErrorBody = PostAtsCandidatesCandidateIDTagsResponseBody | APIStatusError


class UnexpectedResponse(PayloadError):
    """An HTTP response that is not an error body of the endpoint.

    An HTML page from a load balancer, an empty or non-JSON body, a body over ``max_bytes``, or a
    2xx/3xx handed to `from_response`.
    `~kombo_tag_errors.PayloadError.payload` holds the decoded body bytes that were read (at most
    ``max_bytes + 1``; empty when the body was not read) and `~kombo_tag_errors.PayloadError.errors`
    what was wrong.

    Pickling drops `response` (it becomes `None`): its request carries the API key.
    `status_code`, `response_headers`, ``payload`` and ``errors`` survive.
    """

    response: httpx.Response | None
    """The `httpx.Response` itself; `None` after pickling."""
    status_code: int
    """The HTTP status of the response."""
    response_headers: dict[str, str]
    """The response's `SAFE_HEADERS` (``retry-after``, ``ratelimit-reset``, a request id...), lower case."""

    def __init__(
        self, errors: Iterable[Problem], payload: bytes, response: httpx.Response, *, total: int | None = None
    ) -> None:
        super().__init__(errors, payload, total=total)
        self.response = response
        self.status_code = response.status_code
        self.response_headers = safe_headers(response)

    def __str__(self) -> str:
        return f"HTTP {self.status_code}: {super().__str__()}"

    def __repr__(self) -> str:
        n = len(self.errors)
        first = f", first {str(self.errors[0])!r}" if n else ""
        return f"<{type(self).__name__}: HTTP {self.status_code}, {n} problem{'' if n == 1 else 's'}{first}>"

    def __reduce__(self) -> tuple[Any, ...]:
        rebuild, (cls, args, state) = super().__reduce__()
        return (rebuild, (cls, args, {**state, "response": None}))


def _check_max_bytes(max_bytes: int) -> None:
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0:
        raise ValueError(f"max_bytes must be an int >= 0, not {max_bytes!r}")


def _not_an_error(response: httpx.Response) -> UnexpectedResponse:
    problem = Problem(
        "$",
        f"HTTP {response.status_code} is not an error status; the body was not read",
        ProblemKind.WRONG_VALUE,
    )
    return UnexpectedResponse([problem], b"", response)


def _undecodable(
    response: httpx.Response, data: bytes | bytearray, e: httpx.DecodingError
) -> UnexpectedResponse:
    return UnexpectedResponse(
        [Problem("$", f"body could not be decoded: {e}", ProblemKind.NOT_JSON)], bytes(data), response
    )


def _read(response: httpx.Response, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` decoded body bytes; an unread response is closed afterwards."""
    try:
        return response.content[: max_bytes + 1]
    except httpx.ResponseNotRead:
        pass
    data = bytearray()
    try:
        with contextlib.closing(response.iter_bytes()) as chunks:  # type: ignore[type-var]
            for chunk in chunks:
                data += chunk[: max_bytes + 1 - len(data)]  # no copy of a decoded chunk past the limit
                if len(data) > max_bytes:
                    break
    except httpx.DecodingError as e:
        raise _undecodable(response, data, e) from e
    finally:
        response.close()
    return bytes(data)


async def _aread(response: httpx.Response, max_bytes: int) -> bytes:
    """The async twin of `_read`."""
    try:
        return response.content[: max_bytes + 1]
    except httpx.ResponseNotRead:
        pass
    data = bytearray()
    try:
        async with contextlib.aclosing(response.aiter_bytes()) as chunks:  # type: ignore[type-var]
            async for chunk in chunks:
                data += chunk[: max_bytes + 1 - len(data)]  # no copy of a decoded chunk past the limit
                if len(data) > max_bytes:
                    break
    except httpx.DecodingError as e:
        raise _undecodable(response, data, e) from e
    finally:
        await response.aclose()
    return bytes(data)


def _structure(response: httpx.Response, data: bytes, max_bytes: int) -> _ErrorBody:
    """The error body in *data*, the body of the 4xx/5xx *response*, with the response attached."""
    if len(data) > max_bytes:
        raise UnexpectedResponse(
            [Problem("$", f"body larger than max_bytes={max_bytes}", ProblemKind.TOO_LARGE)], data, response
        )
    content_type = response.headers.get("content-type")
    if content_type is not None:
        media_type = content_type.partition(";")[0].strip().lower()
        if media_type not in _JSON_TYPES:
            problem = Problem(
                "$", f"content type {safe_repr(content_type)} is not JSON", ProblemKind.NOT_JSON
            )
            raise UnexpectedResponse([problem], data, response)
    if not data:
        raise UnexpectedResponse([Problem("$", "empty body", ProblemKind.NOT_JSON)], data, response)
    status = response.status_code
    cls: type[KomboAPIError] = _Body if status == 401 else APIStatusError
    try:
        body = read(data, cls, max_bytes, response, status)
    except PayloadError as e:
        raise UnexpectedResponse(e.errors, data, response, total=e.total) from None
    return _with_headers(body, response)  # type: ignore[return-value]


def _with_headers(body: KomboAPIError, response: httpx.Response) -> KomboAPIError:
    """*body* with the `SAFE_HEADERS` of *response* attached as ``response_headers``."""
    object.__setattr__(body, "response_headers", safe_headers(response))
    return body


def from_response(response: httpx.Response, *, max_bytes: int = DEFAULT_MAX_BYTES) -> _ErrorBody:
    """The error body of a 4xx/5xx *response*, with the response attached as ``raw_response``.

    A 401 gives `~kombo_tag_errors.PostAtsCandidatesCandidateIDTagsResponseBody`, any other 4xx/5xx
    `~kombo_tag_errors.APIStatusError`.
    An unread body (an event hook, ``client.stream(...)``) is read up to ``max_bytes + 1`` decoded
    bytes, then the response is closed.
    Raises `UnexpectedResponse` for a 2xx/3xx, a body over *max_bytes*, a content type other than
    ``application/json`` or ``application/problem+json`` (none at all is fine), or a body that is
    not the error shape.
    """
    _check_max_bytes(max_bytes)
    if not response.is_error:
        raise _not_an_error(response)
    return _structure(response, _read(response, max_bytes), max_bytes)


async def afrom_response(response: httpx.Response, *, max_bytes: int = DEFAULT_MAX_BYTES) -> _ErrorBody:
    """The async twin of `from_response`, for responses of an `httpx.AsyncClient`."""
    _check_max_bytes(max_bytes)
    if not response.is_error:
        raise _not_an_error(response)
    return _structure(response, await _aread(response, max_bytes), max_bytes)


def raise_for_error(response: httpx.Response, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Return `None` for a 1xx/2xx/3xx *response*; raise its error body for a 4xx/5xx.

    The body raised is what `from_response` returns; `UnexpectedResponse` where it would raise.
    Usable as is as an event hook: ``httpx.Client(event_hooks={"response": [raise_for_error]})``.
    """
    _check_max_bytes(max_bytes)
    if response.is_error:
        raise from_response(response, max_bytes=max_bytes)


async def araise_for_error(response: httpx.Response, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """The async twin of `raise_for_error`.

    Usable as is as an event hook: ``httpx.AsyncClient(event_hooks={"response": [araise_for_error]})``.
    """
    _check_max_bytes(max_bytes)
    if response.is_error:
        raise await afrom_response(response, max_bytes=max_bytes)
