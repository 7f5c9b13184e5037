"""structlog processors that render this package's errors as the fields of `kombo_tag_errors.logs`.

Install with the ``[structlog]`` extra.
"""

from __future__ import annotations

import sys
import traceback

try:
    from structlog.typing import EventDict, WrappedLogger
except ImportError as _missing:  # pragma: no cover - tested in a subprocess
    raise ImportError(
        "kombo_tag_errors.structlog needs structlog: pip install 'kombo-tag-errors[structlog]'"
    ) from _missing

from ._chain import find_error, find_logged
from ._withhold import withhold_text
from .logs import FIELD, log_fields
from .tracebacks import trim_traceback

__all__ = ["ErrorFieldsAdder", "add_error_fields", "trim_tracebacks"]


def add_error_fields(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
    """Add ``kombo_error`` (see `kombo_tag_errors.logs.log_fields`) when ``exc_info`` holds an error.

    The error is a body or an `~kombo_tag_errors.httpx.UnexpectedResponse`.

    The error may be the logged exception or one of its causes; ``exc_info`` may be ``True``,
    an exception or a ``sys.exc_info()`` tuple, as structlog allows.
    Place it before the processor that consumes ``exc_info`` (``format_exc_info``,
    ``dict_tracebacks``, ``ExceptionRenderer``); it leaves ``exc_info`` in place for them.
    """
    if FIELD not in event_dict:
        exc = find_logged(event_dict.get("exc_info"))
        if exc is not None:
            event_dict.update(log_fields(exc))
    return event_dict


def trim_tracebacks(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
    """Drop httpx's, httpcore's and this package's frames from the traceback of ``exc_info``.

    `kombo_tag_errors.tracebacks.trim_traceback` on the logged exception, which replaces ``exc_info``.
    Place it before the processor that renders ``exc_info`` with frame locals (``dict_tracebacks``,
    ``ExceptionRenderer(ExceptionDictTransformer(show_locals=True))``): httpx's frames hold the URL.
    """
    exc = _outer(event_dict.get("exc_info"))
    if exc is not None:
        event_dict["exc_info"] = trim_traceback(exc)
    return event_dict


class ErrorFieldsAdder:
    """`add_error_fields` with options: ``ErrorFieldsAdder(withhold_message=True)`` in the processor list.

    With *withhold_message*, the fields are ``log_fields(exc, withhold_message=True)``, and where
    ``exc_info`` holds an error of this package the processor renders the traceback itself, as
    ``format_exc_info`` does, into ``exception`` with the message and title withheld, and removes
    ``exc_info``: a traceback shows ``str(exc)``, which holds them, and a renderer that shows frame
    locals would show the error's ``repr``. Without it, it is exactly `add_error_fields`.
    """

    def __init__(self, *, withhold_message: bool = False) -> None:
        self.withhold_message = withhold_message

    def __call__(self, logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
        """Add the fields (and, withholding, render the traceback) where there is an error."""
        if not self.withhold_message:
            return add_error_fields(logger, method_name, event_dict)
        exc_info = event_dict.get("exc_info")
        if FIELD not in event_dict:
            logged = find_logged(exc_info)
            if logged is not None:
                event_dict.update(log_fields(logged, withhold_message=True))
        exc = find_error(exc_info)
        if exc is None:
            return event_dict
        outer = _outer(exc_info)
        if outer is not None:
            del event_dict["exc_info"]
            text = "".join(traceback.format_exception(type(outer), outer, outer.__traceback__))
            event_dict["exception"] = withhold_text(text.rstrip("\n"), outer)
        return event_dict


def _outer(exc_info: object) -> BaseException | None:
    """The logged exception itself, from any form of ``exc_info`` structlog allows."""
    if exc_info is True:
        return sys.exc_info()[1]
    if isinstance(exc_info, BaseException):
        return exc_info
    if isinstance(exc_info, tuple) and len(exc_info) == 3 and isinstance(exc_info[1], BaseException):
        return exc_info[1]
    return None
