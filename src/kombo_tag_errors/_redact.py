"""Safe HTTP context for logs: a URL without credentials, and a response's allow-listed headers.

Nothing here reads a request header: the request headers (``Authorization``, ``Cookie``,
``X-Api-Key``...) carry the secrets, and no value of theirs ever leaves this module.
Of the response headers only those named in `SAFE_HEADERS` are read.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import unquote_plus

if TYPE_CHECKING:
    import httpx

__all__ = [
    "MASK",
    "REQUEST_ID_HEADERS",
    "MAX_HEADER_LENGTH",
    "SAFE_HEADERS",
    "SECRET_NAME_PARTS",
    "http_context",
    "safe_headers",
    "is_secret_name",
    "mask_query",
    "safe_url",
]

MASK: Final = "REDACTED"
"""What a secret-looking query parameter's value is replaced with."""

SECRET_NAME_PARTS: Final = (
    "auth",
    "bearer",
    "code",
    "cookie",
    "credential",
    "jwt",
    "key",
    "pass",
    "private",
    "pwd",
    "secret",
    "session",
    "sig",
    "token",
)
"""A query parameter whose name holds one of these, in any case, is masked (``api_key``, ``Sig``)."""

REQUEST_ID_HEADERS: Final = (
    "x-request-id",
    "request-id",
    "x-kombo-request-id",
    "x-correlation-id",
    "x-amzn-requestid",
    "x-amz-request-id",
)
"""Response headers read, in this order, for the request id; the first present wins."""

SAFE_HEADERS: Final = (
    "content-type",
    "retry-after",
    "retry-after-ms",
    "ratelimit-limit",
    "ratelimit-remaining",
    "ratelimit-reset",
    "concurrency-limit",
    "concurrency-remaining",
    *REQUEST_ID_HEADERS,
)
"""The response headers a body keeps and a log records (lower case): type, waits, limits, request ids."""

MAX_HEADER_LENGTH: Final = 200
"""The most characters of a safe header's value that are kept."""

_SEPARATORS = re.compile(r"([&;])")


def is_secret_name(name: str) -> bool:
    """Whether a query parameter named *name* (percent-encoded or not) may hold a secret."""
    lowered = unquote_plus(name).lower()
    return any(part in lowered for part in SECRET_NAME_PARTS)


def mask_query(query: str) -> str:
    """*query* (``a=1&api_key=k``) with the value of every secret-looking parameter replaced by `MASK`."""
    parts = _SEPARATORS.split(query)
    for i in range(0, len(parts), 2):
        name, eq, _value = parts[i].partition("=")
        if eq and is_secret_name(name):
            parts[i] = f"{name}={MASK}"
    return "".join(parts)


def safe_url(url: httpx.URL) -> str:
    """*url* without user info and fragment, secret-looking query values replaced by `MASK`."""
    query = mask_query(url.query.decode("ascii", "replace"))
    clean = url.copy_with(username=None, password=None, fragment=None, query=query.encode() or None)
    return str(clean)


_SAFE: Final = frozenset(name.encode() for name in SAFE_HEADERS)


def safe_headers(response: Any) -> dict[str, str]:
    """The `SAFE_HEADERS` of an `httpx.Response`, each cut to `MAX_HEADER_LENGTH`; ``{}`` for anything else.

    The names are lower case, in the order of `SAFE_HEADERS`; repeated values are joined by ``", "``.
    """
    httpx = sys.modules.get("httpx")
    if httpx is None or not isinstance(response, httpx.Response):
        return {}
    headers = response.headers
    found: dict[str, list[str]] = {}
    for name, value in headers.raw:  # one pass over the bytes: a lookup per name decodes them all
        key = name.lower()
        if key in _SAFE:
            found.setdefault(key.decode(), []).append(value.decode(headers.encoding))
    return {name: ", ".join(found[name])[:MAX_HEADER_LENGTH] for name in SAFE_HEADERS if name in found}


def http_context(response: Any) -> dict[str, Any] | None:
    """Status code, method, safe URL, request id and safe headers of an `httpx.Response`; `None` otherwise.

    httpx is not imported here: a response exists only where httpx was imported already.
    """
    httpx = sys.modules.get("httpx")
    if httpx is None or not isinstance(response, httpx.Response):
        return None
    method = url = None
    try:
        request = response.request
    except RuntimeError:  # a response built without its request
        pass
    else:
        method, url = request.method, safe_url(request.url)
    request_id = None
    for name in REQUEST_ID_HEADERS:
        request_id = response.headers.get(name)
        if request_id is not None:
            break
    return {
        "status_code": response.status_code,
        "method": method,
        "url": url,
        "request_id": request_id,
        "headers": safe_headers(response),
    }
