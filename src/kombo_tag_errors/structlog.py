"""A structlog processor that renders this package's errors as the fields of `kombo_tag_errors.logs`.

Install with the ``[structlog]`` extra.
"""

from __future__ import annotations

try:
    from structlog.typing import EventDict, WrappedLogger
except ImportError as e:  # pragma: no cover - tested in a subprocess
    raise ImportError(
        "kombo_tag_errors.structlog needs structlog: pip install 'kombo-tag-errors[structlog]'"
    ) from e

from .logs import FIELD, _find_error, log_fields

__all__ = ["add_error_fields"]


def add_error_fields(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
    """Add ``kombo_error`` (see `kombo_tag_errors.logs.log_fields`) when ``exc_info`` holds an error.

    The error may be the logged exception or one of its causes; ``exc_info`` may be ``True``,
    an exception or a ``sys.exc_info()`` tuple, as structlog allows.
    Place it before the processor that consumes ``exc_info`` (``format_exc_info``,
    ``dict_tracebacks``, ``ExceptionRenderer``); it leaves ``exc_info`` in place for them.
    """
    if FIELD not in event_dict:
        exc = _find_error(event_dict.get("exc_info"))
        if exc is not None:
            event_dict.update(log_fields(exc))
    return event_dict
