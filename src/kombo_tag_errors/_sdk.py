"""The typed error body of an exception of Kombo's official Python SDK (``kombo``), from its ``raw_response``.

The SDK's models are closed: for the 2023 message-only shape and for any code its enum does not list
(a new rate-limit code included), it raises ``ResponseValidationError`` and the code is lost; a body it
does read loses its unknown keys. Every one of its HTTP errors keeps the `httpx.Response`, and from it
this package reads the whole body. The SDK itself is not imported here.
"""

from __future__ import annotations

import httpx

from ._httpx_io import DEFAULT_MAX_BYTES, UnexpectedResponse, from_response
from ._models import APIStatusError, PostAtsCandidatesCandidateIDTagsResponseBody

__all__ = ["from_sdk_error"]


def from_sdk_error(
    exc: BaseException, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> PostAtsCandidatesCandidateIDTagsResponseBody | APIStatusError | UnexpectedResponse:
    """The error body of *exc*, an exception of the official ``kombo`` SDK that carries a ``raw_response``.

    ``kombo.errors.KomboAtsError``, ``ResponseValidationError``, ``SDKDefaultError`` (any
    ``kombo.errors.SDKError``): a 401 gives `~kombo_tag_errors.PostAtsCandidatesCandidateIDTagsResponseBody`,
    another 4xx/5xx `~kombo_tag_errors.APIStatusError`, as `from_response` does, with the response and its
    safe headers attached, unknown codes and keys kept.
    A response that holds no error body (an HTML 502, an empty 429, a 200 the SDK could not read) gives the
    `UnexpectedResponse`, returned, not raised. The SDK's exception is the body's ``__cause__``, as if
    raised ``from`` it.
    Raises `TypeError` when *exc* has no `httpx.Response` as ``raw_response`` (``NoResponseError``).
    """
    response = getattr(exc, "raw_response", None)
    if not isinstance(response, httpx.Response):
        raise TypeError(f"{type(exc).__name__} has no httpx.Response as raw_response")
    try:
        body = from_response(response, max_bytes=max_bytes)
    except UnexpectedResponse as e:
        e.__cause__ = exc
        return e
    body.__cause__ = exc
    return body
