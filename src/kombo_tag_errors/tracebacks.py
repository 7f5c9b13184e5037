"""Tracebacks without httpx's frames, for renderers that show each frame's local variables.

When `~kombo_tag_errors.httpx.raise_for_error` raises inside a request, the traceback runs through
httpx's own frames, whose locals (``request``, ``url``) show the URL with its password and
``?api_key=`` value.
`trim_traceback` drops the frames of httpx, httpcore and this package, and every frame inside a request,
from an exception and its causes; `TracebackTrimmer` does it for the records of a `logging` handler, and
`kombo_tag_errors.structlog.trim_tracebacks` for a structlog processor chain.
The frames of your own code stay, locals and all: keep the key out of them (see the logging how-to).
"""

from __future__ import annotations

import logging
from types import TracebackType
from typing import Final, TypeVar

__all__ = ["CUT_AT", "TRIMMED_MODULES", "TracebackTrimmer", "trim_traceback"]

TRIMMED_MODULES: Final = ("httpx", "httpcore", "kombo_tag_errors")
"""The packages whose frames `trim_traceback` drops (their submodules too)."""

CUT_AT: Final = ("httpx", "httpcore")
"""From the first frame of one of these on, every frame is dropped, whatever its module.

Instrumentation that wraps httpx (Sentry's and OpenTelemetry's httpx integrations) runs in between,
with the request in its locals; so do the other hooks of the client.
"""

_E = TypeVar("_E", bound=BaseException)


def _within(tb: TracebackType, modules: tuple[str, ...]) -> bool:
    name = tb.tb_frame.f_globals.get("__name__", "")
    return any(name == m or name.startswith(m + ".") for m in modules)


def _trimmed(tb: TracebackType | None, modules: tuple[str, ...]) -> TracebackType | None:
    kept = []
    while tb is not None and not _within(tb, CUT_AT):
        if not _within(tb, modules):
            kept.append(tb)
        tb = tb.tb_next
    out = None
    for entry in reversed(kept):
        out = TracebackType(out, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    return out


def trim_traceback(exc: _E, modules: tuple[str, ...] = TRIMMED_MODULES) -> _E:
    """*exc*, its traceback (and those of its causes, contexts and group members) without *modules*' frames.

    Every frame from the first of httpx or httpcore on (`CUT_AT`) goes too: what runs inside a
    request, wrappers of instrumentation included, has the request at hand.
    Changes the exceptions in place and returns *exc*, to be rendered, logged or raised again.
    The exception's type, message and the frames of your own code above the request are unchanged.
    """
    todo: list[BaseException] = [exc]
    seen: set[int] = set()
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        e.__traceback__ = _trimmed(e.__traceback__, modules)
        todo += [c for c in (e.__cause__, e.__context__) if c is not None]
        if isinstance(e, BaseExceptionGroup):
            todo += e.exceptions
    return exc


class TracebackTrimmer(logging.Filter):
    """A `logging.Filter` that trims the traceback of every record's exception; it never drops a record.

    Add it to the handler, ahead of a formatter that captures locals.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Trim ``record.exc_info``'s traceback in place."""
        exc_info = record.exc_info
        if exc_info and exc_info[1] is not None:
            exc = trim_traceback(exc_info[1])
            record.exc_info = (type(exc), exc, exc.__traceback__)
        return True
