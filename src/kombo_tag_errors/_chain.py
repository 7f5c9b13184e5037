"""Find this package's errors where logging, structlog and Sentry hold them: ``exc_info`` and its chain."""

from __future__ import annotations

import sys

from ._errors import KomboError
from ._models import KomboAPIError

__all__ = ["errors_in", "find_error", "find_logged", "is_unexpected"]


def is_unexpected(exc: object) -> bool:
    """Whether *exc* is a `kombo_tag_errors.httpx.UnexpectedResponse` (without importing httpx)."""
    module = sys.modules.get("kombo_tag_errors._httpx_io")
    return module is not None and isinstance(exc, module.UnexpectedResponse)


def find_logged(exc_info: object) -> KomboError | None:
    """The first error in *exc_info* or its chain that `log_fields` records (body, UnexpectedResponse)."""
    found = (e for e in _chain(exc_info) if isinstance(e, KomboAPIError) or is_unexpected(e))
    return next(found, None)  # type: ignore[return-value]


def find_error(exc_info: object) -> KomboAPIError | None:
    """The first error of this package in *exc_info* (as logging, structlog or Sentry hold it) or its chain.

    *exc_info* may be ``True`` (the exception being handled), an exception or a ``sys.exc_info()`` tuple.
    The chain is followed as a traceback shows it: ``__cause__``, else ``__context__`` unless suppressed.
    """
    return next(iter(errors_in(exc_info)), None)


def errors_in(exc_info: object) -> list[KomboAPIError]:
    """Every error body in *exc_info* and its chain, outermost first (see `find_error`)."""
    return [e for e in _chain(exc_info) if isinstance(e, KomboAPIError)]


def _chain(exc_info: object) -> list[BaseException]:
    """*exc_info*'s exception and its chain, as a traceback shows it, outermost first."""
    if exc_info is True:
        exc: BaseException | None = sys.exc_info()[1]
    elif isinstance(exc_info, BaseException):
        exc = exc_info
    elif isinstance(exc_info, tuple) and len(exc_info) == 3 and isinstance(exc_info[1], BaseException):
        exc = exc_info[1]
    else:
        return []
    found: list[BaseException] = []
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        found.append(exc)
        seen.add(id(exc))
        if exc.__cause__ is not None:
            exc = exc.__cause__
        else:
            exc = None if exc.__suppress_context__ else exc.__context__
    return found
