"""Turning `httpx.Response` objects into error bodies: bounded reads, content types, `UnexpectedResponse`."""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Coroutine, Iterable
from typing import Any, Final

import httpx

from ._api import check_limit, read
from ._echo import mask_text, request_secrets
from ._errors import PayloadError, Problem, ProblemKind
from ._inflate import Undecodable, decoder_for
from ._models import (
    APIStatusError,
    Echoes,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    echo,
)
from ._redact import MASK, SAFE_HEADERS, safe_headers
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
        # A problem can quote the payload, and the log fields its first characters: the server's echo too.
        secrets = request_secrets(response)
        if secrets:
            errors = [
                Problem(mask_text(p.path, secrets), mask_text(p.message, secrets), p.kind) for p in errors
            ]
            text = payload.decode("utf-8", "backslashreplace")
            secrets = tuple(s for s in secrets if s in text)
        super().__init__(errors, payload, total=total)
        self._echoes = Echoes(secrets)
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
    check_limit("max_bytes", max_bytes)


def _not_an_error(response: httpx.Response) -> UnexpectedResponse:
    problem = Problem(
        "$",
        f"HTTP {response.status_code} is not an error status; the body was not read",
        ProblemKind.WRONG_VALUE,
    )
    return UnexpectedResponse([problem], b"", response)


def _undecodable(response: httpx.Response, data: bytes | bytearray, why: object) -> UnexpectedResponse:
    return UnexpectedResponse(
        [Problem("$", f"body could not be decoded: {why}", ProblemKind.NOT_JSON)], bytes(data), response
    )


def _unread(response: httpx.Response, hook: str, twin: str, sync: bool, *, read_too: bool = False) -> bool:
    """Whether the body is still to be read; `TypeError` when *response* is of the other client kind.

    A response read already passes, whatever its kind, unless *read_too*.
    """
    try:
        response.content  # noqa: B018 - read already: any client kind will do
    except httpx.ResponseNotRead:
        unread = True
    else:
        unread = False
        if not read_too:
            return False
    stream = response.stream
    if sync and not isinstance(stream, httpx.SyncByteStream):
        kind, other = "httpx.AsyncClient", "httpx.Client"
    elif not sync and not isinstance(stream, httpx.AsyncByteStream):
        kind, other = "httpx.Client", "httpx.AsyncClient"
    else:
        return unread
    raise TypeError(f"{hook}() is for {other}; this response comes from an {kind}: use {twin}()")


def _stream_state(response: httpx.Response) -> UnexpectedResponse | None:
    """`UnexpectedResponse` when the body of an unread *response* can no longer be read."""
    if response.is_stream_consumed:
        why = "the body stream was consumed already (iter_bytes, iter_raw...) without being kept"
    elif response.is_closed:
        why = "the response was closed before its body was read"
    else:
        return None
    return UnexpectedResponse([Problem("$", why, ProblemKind.NOT_JSON)], b"", response)


class _Kept:
    """The sink of the decoders: keeps at most ``max_bytes + 1`` bytes, then says it is full."""

    def __init__(self, max_bytes: int) -> None:
        self.data = bytearray()
        self.room = max_bytes + 1

    def __call__(self, data: bytes) -> bool:
        self.data += data[: self.room - len(self.data)]  # no copy of a decoded piece past the limit
        return len(self.data) >= self.room


def _codings(response: httpx.Response) -> list[str]:
    return response.headers.get_list("content-encoding", split_commas=True)


def _read(response: httpx.Response, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` decoded body bytes; an unread response is closed afterwards.

    The raw stream is decoded here, a bounded step at a time (`kombo_tag_errors._inflate`).
    """
    if not _unread(response, "from_response", "afrom_response", sync=True):
        return response.content[: max_bytes + 1]
    state = _stream_state(response)
    if state is not None:
        raise state
    kept = _Kept(max_bytes)
    try:
        chain = decoder_for(_codings(response), kept)  # before a byte is read: Undecodable for a coding
        with contextlib.closing(response.iter_raw()) as chunks:  # type: ignore[type-var]
            for chunk in chunks:
                if chain.write(chunk):
                    break
            else:
                chain.close()
    except Undecodable as e:
        raise _undecodable(response, kept.data, e) from httpx.DecodingError(str(e))
    finally:
        response.close()
    return bytes(kept.data)


async def _aread(response: httpx.Response, max_bytes: int) -> bytes:
    """The async twin of `_read`."""
    if not _unread(response, "afrom_response", "from_response", sync=False):
        return response.content[: max_bytes + 1]
    state = _stream_state(response)
    if state is not None:
        raise state
    kept = _Kept(max_bytes)
    try:
        chain = decoder_for(_codings(response), kept)
        async with contextlib.aclosing(response.aiter_raw()) as chunks:  # type: ignore[type-var]
            async for chunk in chunks:
                if chain.write(chunk):
                    break
            else:
                chain.close()
    except Undecodable as e:
        raise _undecodable(response, kept.data, e) from httpx.DecodingError(str(e))
    finally:
        await response.aclose()
    return bytes(kept.data)


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
    return _with_headers(_find_echoes(body, response, data))  # type: ignore[return-value]


def _find_echoes(body: KomboAPIError, response: httpx.Response, data: bytes) -> KomboAPIError:
    """*body*, told which credentials of its own request the server echoed in it, and saying so in a note.

    The body stays exact; `~kombo_tag_errors._models.masked_copy` masks them in every text written about it.
    """
    secrets = request_secrets(response)
    # Without a backslash the text spells every string as it decodes: a secret absent from the bytes is
    # absent from the body, and the walk over the body is not needed.
    if not secrets or (b"\\" not in data and not any(s.encode() in data for s in secrets)):
        return body
    count = echo(body, secrets)
    if count:
        body.add_note(
            f"kombo-tag-errors: the body echoes the request's credentials {count}"
            f" time{'' if count == 1 else 's'}; str(), repr() and the log fields show {MASK!r}"
            " in their place, unstructure() and dumps() the exact payload"
        )
    return body


def _with_headers(body: KomboAPIError) -> KomboAPIError:
    """*body*, whose ``response_headers`` are the `SAFE_HEADERS` of its response, read when first used."""
    body.__dict__.pop("response_headers", None)  # the general path set ``{}``
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
    An unread response of an `httpx.AsyncClient` (this hook given to the wrong client) raises
    `TypeError`, whatever its status.
    """
    _check_max_bytes(max_bytes)
    _unread(response, "raise_for_error", "araise_for_error", sync=True)
    if response.is_error:
        raise from_response(response, max_bytes=max_bytes)


def araise_for_error(
    response: httpx.Response, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Coroutine[Any, Any, None]:
    """The async twin of `raise_for_error`: ``await araise_for_error(response)``.

    Usable as is as an event hook: ``httpx.AsyncClient(event_hooks={"response": [araise_for_error]})``.
    A plain function returning a coroutine, so that the wrong client kind is caught when it calls:
    a response of an `httpx.Client`, read or not, raises `TypeError` at once, whatever its status,
    where a coroutine would be dropped unawaited.
    """
    _check_max_bytes(max_bytes)
    # Read or not: a sync client drops the coroutine unawaited, whatever the response (a transport's own).
    _unread(response, "araise_for_error", "raise_for_error", sync=False, read_too=True)
    return _araise_for_error(response, max_bytes)


async def _araise_for_error(response: httpx.Response, max_bytes: int) -> None:
    if response.is_error:
        raise await afrom_response(response, max_bytes=max_bytes)


if hasattr(inspect, "markcoroutinefunction"):  # Python 3.12 on: still a coroutine function to inspect
    inspect.markcoroutinefunction(araise_for_error)
