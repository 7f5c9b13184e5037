"""Report this package's errors to Sentry grouped by code and status, tagged, and scrubbed of secrets.

Install with the ``[sentry]`` extra, then pass `before_send` to ``sentry_sdk.init``::

    sentry_sdk.init(dsn=..., before_send=kombo_tag_errors.sentry.before_send)

It is a ``before_send`` rather than an integration because it must see the finished event: the event
processors an integration adds run before those of the scope, where the web framework integrations
attach the incoming request and its headers, and before the SDK serializes frame locals.
Events that hold no error of this package pass through untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any, Final, cast
from urllib.parse import urlsplit, urlunsplit

try:
    import sentry_sdk  # noqa: F401 - the package this module serves; its absence is named below
except ImportError as _missing:  # pragma: no cover - tested in a subprocess
    raise ImportError(
        "kombo_tag_errors.sentry needs sentry-sdk: pip install 'kombo-tag-errors[sentry]'"
    ) from _missing

from ._attributes import error_attributes
from ._chain import errors_in
from ._json import encode
from ._models import KomboAPIError
from ._redact import MASK, is_secret_name, mask_query
from ._withhold import WITHHELD, withheld_copy
from .logs import FIELD, log_fields

if TYPE_CHECKING:
    from sentry_sdk.types import Event, Hint

__all__ = ["CONTEXT", "FINGERPRINT_PREFIX", "before_send"]

CONTEXT: Final = FIELD
"""The event context `before_send` writes: ``log_fields(exc)["kombo_error"]``."""

FINGERPRINT_PREFIX: Final = "kombo-tag-errors"
"""The first part of the fingerprint: ``[FINGERPRINT_PREFIX, error.type, status code]``."""

_URL: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s\"'<>\\]+")
_TAG_LENGTH: Final = 200  # Sentry's limit for a tag value


def before_send(
    event: Event,
    hint: Hint,
    *,
    withhold_message: bool = False,
    keep_headers: Collection[str] = (),
    keep_locals: bool = False,
) -> Event:
    """Fingerprint, tag, add the context to and scrub an event whose exception is (or was caused by) an error.

    - ``fingerprint``: ``["kombo-tag-errors", error.type, status]``, so each code and status is one issue;
    - ``tags``: the `kombo_tag_errors.otel.error_attributes` but the log URL, as strings;
    - ``contexts["kombo_error"]``: ``log_fields(exc, withhold_message=...)["kombo_error"]``;
    - the request: every header value masked (but those named in *keep_headers*), cookies masked,
      secret-looking query values masked;
    - the frames' local variables dropped, unless *keep_locals*: where a 401 is raised, the credentials
      (a headers dictionary, a WSGI environ) are often in scope, and no name tells them apart;
    - every URL anywhere in the event (breadcrumbs, messages, kept locals): no user info, no fragment,
      secret-looking query values masked.

    With *withhold_message*, the message and title are withheld wherever ``str(exc)`` or ``repr(exc)``
    shows them (the exception's value, log messages and their arguments, kept locals).
    Use ``functools.partial(before_send, withhold_message=True)`` to pass options.
    """
    exc_info = hint.get("exc_info") if isinstance(hint, dict) else None
    errors = errors_in(exc_info)
    if not errors:
        return event
    exc = errors[0]
    data = cast("dict[str, Any]", event)
    attributes = error_attributes(exc)
    data["fingerprint"] = [FINGERPRINT_PREFIX, str(attributes["error.type"]), str(exc.status_code)]
    tags = data.get("tags")
    tags = dict(tags) if isinstance(tags, dict | list) else {}
    for key, value in attributes.items():
        if key != "kombo.error.log_url":
            tags[key] = _tag(value)
    data["tags"] = tags
    data.setdefault("contexts", {})[CONTEXT] = log_fields(exc, withhold_message=withhold_message)[FIELD]
    request = data.get("request")
    if isinstance(request, dict):
        _scrub_request(request, {h.lower() for h in keep_headers})
    _scrub_exceptions(data, errors if withhold_message else [], keep_locals=keep_locals)
    replacements: dict[str, str] = {}
    spelled: list[tuple[str, str, str]] = []
    if withhold_message:
        for e in errors:
            copy = withheld_copy(e)
            replacements.update({str(e): str(copy), repr(e): repr(copy)})
            spelled += _spelled(e)
    data.update(_scrub_strings(data, lambda text: _withhold_cut(_scrub_text(text, replacements), spelled)))
    return event


def _tag(value: str | int | bool) -> str:
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return " ".join(text.split())[:_TAG_LENGTH]


def _scrub_request(request: dict[str, Any], keep: set[str]) -> None:
    headers = request.get("headers")
    if isinstance(headers, dict):
        request["headers"] = {k: v if str(k).lower() in keep else MASK for k, v in headers.items()}
    elif isinstance(headers, list):
        request["headers"] = [[k, v if str(k).lower() in keep else MASK] for k, v in headers]
    if "cookies" in request:
        cookies = request["cookies"]
        request["cookies"] = dict.fromkeys(cookies, MASK) if isinstance(cookies, dict) else MASK
    query = request.get("query_string")
    if isinstance(query, str):
        request["query_string"] = mask_query(query)
    elif isinstance(query, dict):
        request["query_string"] = {k: MASK if is_secret_name(str(k)) else v for k, v in query.items()}
    elif isinstance(query, list):
        request["query_string"] = [[k, MASK if is_secret_name(str(k)) else v] for k, v in query]


def _scrub_exceptions(data: dict[str, Any], errors: list[KomboAPIError], *, keep_locals: bool) -> None:
    """Give the exception entries of *errors* their withheld value; drop frame locals unless kept."""
    exception = data.get("exception")
    values = exception.get("values") if isinstance(exception, dict) else None
    if not isinstance(values, list):
        return
    pool = list(errors)
    for entry in values:
        if not isinstance(entry, dict):
            continue
        where = (entry.get("module"), entry.get("type"))
        match = next((e for e in pool if (type(e).__module__, type(e).__name__) == where), None)
        if match is not None:
            pool.remove(match)
            entry["value"] = str(withheld_copy(match))
        stacktrace = entry.get("stacktrace")
        for frame in stacktrace.get("frames", []) if isinstance(stacktrace, dict) and not keep_locals else []:
            if isinstance(frame, dict):
                frame.pop("vars", None)


def _spelled(exc: KomboAPIError) -> list[tuple[str, str, str]]:
    """``(head, value, withheld)`` for the message and title, as ``str(exc)`` and ``repr(exc)`` spell them."""
    out = []
    for key in ("message", "title"):
        value = getattr(exc.error, key)
        if isinstance(value, str) and value:
            out.append((f'"{key}":"', encode(value).decode()[1:], WITHHELD + '"'))
            out.append((f"{key}=", repr(value), repr(WITHHELD)))
    return out


def _withhold_cut(text: str, spelled: list[tuple[str, str, str]]) -> str:
    """*text* with the message and title withheld where ``str(exc)`` or ``repr(exc)`` stands, whole or cut.

    An SDK that shortens long strings (sentry-sdk 2.0 cuts them at 1,024 characters) leaves a prefix
    that the whole-string replacement cannot find.
    """
    for head, value, withheld in spelled:
        start = text.find(head)
        while start >= 0:
            begin = start + len(head)
            rest = text[begin:]
            if rest.startswith(value):
                text = text[:begin] + withheld + text[begin + len(value) :]
            elif rest and value.startswith(rest.removesuffix("...")):  # cut short inside the value
                text = text[:begin] + withheld
            start = text.find(head, begin)
    return text


def _scrub_text(text: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        text = text.replace(old, new)
    return _URL.sub(lambda m: _safe_url(m[0]), text)


def _safe_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:  # an unparsable URL (a bad IPv6 host) is masked whole
        return MASK
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, netloc, parts.path, mask_query(parts.query), ""))


def _scrub_strings(value: Any, scrub: Callable[[str], str]) -> Any:
    """*value* with *scrub* applied to every string in it, keys of mappings included."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {_scrub_strings(k, scrub): _scrub_strings(v, scrub) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_strings(v, scrub) for v in value]
    return value
