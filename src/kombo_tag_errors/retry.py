"""Whether to retry an error, and how long the server asked to wait: for stamina, tenacity or your own loop.

Kombo's rule: decide on ``error.code``; fall back to the HTTP status only when the code is absent.
`retryable` applies it, `wait_hint` reads the wait from the response headers, and `backoff_hook`
joins the two in the form stamina's ``on=`` takes::

    @stamina.retry(on=backoff_hook, attempts=5)
    def add_tag(client, candidate_id, tag): ...

With tenacity, the hint first, exponential backoff without one::

    def wait(state):
        hint = wait_hint(state.outcome.exception())
        return exponential(state) if hint is None else hint

    exponential = tenacity.wait_exponential(multiplier=1, max=60)
    tenacity.retry(retry=tenacity.retry_if_exception(retryable), wait=wait)

Nothing here raises: an exception of another library, a body without a response, a garbage header
all give ``False`` or `None`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import Final

from ._codes import RETRYABLE_CODES, ErrorCode
from ._errors import PayloadError
from ._models import KomboAPIError
from ._redact import safe_headers

__all__ = ["RETRYABLE_STATUSES", "backoff_hook", "retryable", "wait_hint"]

RETRYABLE_STATUSES: Final = frozenset({429, 502, 503, 504})
"""The statuses `retryable` retries when the body has no known code to decide by.

409 is not among them: since 2026-05-19 it carries the setup codes, which need a person or a webhook.
"""

_SECONDS: Final = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,9})?")


def retryable(exc: BaseException) -> bool:
    """Whether *exc* is worth retrying (with backoff), by Kombo's rule.

    - A 401 never is, whatever its code says: a wrong key stays wrong.
    - An error body with a known code (an `~kombo_tag_errors.ErrorCode`): the code decides, whatever the
      status; it is retryable exactly when it is in `~kombo_tag_errors.RETRYABLE_CODES`. A 503 with
      ``INTEGRATION.SETUP_SYNC_PENDING`` is not; a 400 with ``REMOTE.SERVICE_UNAVAILABLE`` is.
    - An error body whose code is absent, ``null`` or unknown: the status decides, retryable exactly
      when it is in `RETRYABLE_STATUSES` (429, 502, 503, 504); no status known, not retryable.
    - `~kombo_tag_errors.httpx.UnexpectedResponse` (an HTML 503 from a load balancer, an empty 429):
      its status decides, the same way.
    - Anything else (a `~kombo_tag_errors.PayloadError` without a status, another library's error): ``False``.
    """
    if isinstance(exc, KomboAPIError):
        if exc.status_code == 401:
            return False
        code = exc.error.code
        if type(code) is ErrorCode:
            return code in RETRYABLE_CODES
        return exc.status_code in RETRYABLE_STATUSES
    if isinstance(exc, PayloadError):
        status = exc.__dict__.get("status_code")
        return type(status) is int and status in RETRYABLE_STATUSES
    return False


def wait_hint(exc: BaseException) -> float | None:
    """The seconds the server asked to wait before a retry, from the headers of *exc*'s response.

    Read in this order, the first that parses winning:

    1. ``retry-after-ms``: milliseconds (as the official SDK honours it);
    2. ``Retry-After``: seconds, or an HTTP date (the seconds from now until then);
    3. ``ratelimit-reset``: seconds until Kombo's rate-limit window resets.

    The headers are the body's ``response_headers`` (or those of its response).
    Never negative: a date in the past gives ``0.0``.
    `None` when no header says, when every one that does is garbage (not a number, not a date,
    infinite), and for anything that is not an error of this package.
    """
    headers = _headers(exc)
    if not headers:
        return None
    ms = _seconds(headers.get("retry-after-ms"))
    if ms is not None:
        return ms / 1000
    retry_after = headers.get("retry-after")
    seconds = _seconds(retry_after)
    if seconds is None and retry_after is not None:
        seconds = _until(retry_after)
    if seconds is not None:
        return seconds
    return _seconds(headers.get("ratelimit-reset"))


def backoff_hook(exc: BaseException) -> bool | float:
    """``False`` where *exc* is not `retryable`; else its `wait_hint`, or ``True`` (own backoff) without.

    Exactly what stamina's ``on=`` takes: ``stamina.retry(on=backoff_hook)``.
    """
    if not retryable(exc):
        return False
    hint = wait_hint(exc)
    return True if hint is None else hint


def _headers(exc: BaseException) -> Mapping[str, str]:
    if not isinstance(exc, KomboAPIError | PayloadError):
        return {}
    headers = exc.__dict__.get("response_headers")
    if headers:
        return headers  # type: ignore[no-any-return]
    response = exc.__dict__.get("raw_response") or exc.__dict__.get("response")
    return safe_headers(response)


def _seconds(value: str | None) -> float | None:
    """A non-negative finite number of seconds, or `None` for anything else."""
    if value is None:
        return None
    value = value.strip()
    if not _SECONDS.fullmatch(value):
        return None
    return float(value)


def _until(value: str) -> float | None:
    """The seconds from now until the HTTP date *value* (``0.0`` if past), or `None` if it is no date."""
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    try:
        seconds = when.timestamp() - time.time()
    except (OverflowError, OSError, ValueError):  # pragma: no cover - a date beyond the platform's clock
        return None
    return max(0.0, seconds)
