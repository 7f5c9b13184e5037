"""Error bodies from `httpx` responses, sync and async, with bounded reads.

Raise the typed error of every 4xx/5xx with an event hook::

    client = httpx.Client(event_hooks={"response": [raise_for_error]})

`from_response` and `raise_for_error` take an `httpx.Response`; `afrom_response` and
`araise_for_error` are their twins for `httpx.AsyncClient`. `from_sdk_error` reads the body of an
exception of Kombo's official SDK, ``kombo``.
"""

from ._httpx_io import (
    DEFAULT_MAX_BYTES,
    SAFE_HEADERS,
    UnexpectedResponse,
    afrom_response,
    araise_for_error,
    from_response,
    raise_for_error,
)
from ._sdk import from_sdk_error

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SAFE_HEADERS",
    "UnexpectedResponse",
    "afrom_response",
    "araise_for_error",
    "from_response",
    "from_sdk_error",
    "raise_for_error",
]
