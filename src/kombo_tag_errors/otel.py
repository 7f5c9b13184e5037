"""Record this package's errors on OpenTelemetry spans: attributes to group by, no secret, no message.

Install with the ``[otel]`` extra (``opentelemetry-api``; the SDK and exporters are yours to choose).

`error_attributes` follows the semantic conventions: ``error.type`` is the error's code, low in
cardinality and stable, or the qualified class name of a body without one; ``http.response.status_code``
is the status; the ``kombo.error.*`` attributes hold the code, whether it is retryable, the log URL and the
body's shape. `record_error` sets them on a span, adds the ``exception`` event and sets the status ERROR.

A span's own ``record_exception`` writes ``str(exc)``, the JSON of the body, message included, into
the event, and a span that an exception escapes (``start_as_current_span``, ``use_span``) records it so
and sets the status description to ``str(exc)`` as well, replacing the one `record_error` set.
Open such spans with ``record_exception=False, set_status_on_exception=False`` and call `record_error`.
"""

from __future__ import annotations

import traceback

try:
    from opentelemetry.trace import Span, Status, StatusCode
except ImportError as _missing:  # pragma: no cover - tested in a subprocess
    raise ImportError(
        "kombo_tag_errors.otel needs opentelemetry-api: pip install 'kombo-tag-errors[otel]'"
    ) from _missing

from ._attributes import CLASSES, error_attributes, error_type
from ._models import KomboAPIError, masked_copy

__all__ = ["error_attributes", "record_error"]


def record_error(
    span: Span, exc: KomboAPIError, *, include_message: bool = False, stacktrace: bool = True
) -> None:
    """Record *exc* on *span*: its `error_attributes`, an ``exception`` event, and the status ERROR.

    The event has ``exception.type`` (the qualified class name) and, with *stacktrace*, an
    ``exception.stacktrace`` of this error's own frames ending with the class name, not ``str(exc)``.
    The message (Kombo's may hold personal data) goes in ``exception.message`` only with
    *include_message*; the title never. The status description is ``error.type``.
    Nothing of the attached response is read: no header, no URL. A span not recording is left alone.
    """
    if not isinstance(exc, KomboAPIError):
        raise TypeError(f"record_error expects a KomboAPIError, not {type(exc).__name__}")
    if not span.is_recording():
        return
    span.set_attributes(error_attributes(exc))
    name = _qualified_name(type(exc))
    event: dict[str, str] = {"exception.type": name}
    shown = masked_copy(exc)  # no credential of the request the server echoed
    if include_message:
        event["exception.message"] = shown.error.message
    if stacktrace:
        frames = "".join(traceback.format_tb(exc.__traceback__))
        event["exception.stacktrace"] = f"Traceback (most recent call last):\n{frames}{name}\n"
    span.add_event("exception", event)
    span.set_status(Status(StatusCode.ERROR, error_type(shown)))


def _qualified_name(cls: type[KomboAPIError]) -> str:
    """``kombo_tag_errors.<Class>`` for this package's classes (their public home), else module and name."""
    if CLASSES.get(cls.__name__) is cls:
        return f"kombo_tag_errors.{cls.__name__}"
    return f"{cls.__module__}.{cls.__qualname__}"
