"""What traces, error trackers and log indexes group an error by: its class, code, status and shape.

Every value here is low in cardinality and free of secrets and personal data: no message, no title,
no URL of a request, no header.
"""

from __future__ import annotations

from typing import Final

from ._models import APIStatusError, KomboAPIError, PostAtsCandidatesCandidateIDTagsResponseBody, masked_copy
from ._unset import UNSET

__all__ = ["CLASSES", "error_attributes", "error_type", "nearest_class", "shape"]

CLASSES: Final[dict[str, type[KomboAPIError]]] = {
    cls.__name__: cls for cls in (PostAtsCandidatesCandidateIDTagsResponseBody, APIStatusError, KomboAPIError)
}
"""The classes of this package an error is recorded as, by name."""


def nearest_class(exc: KomboAPIError) -> str:
    """The name of the class of this package *exc* is, or (for a subclass of your own) derives from."""
    return next(c.__name__ for c in type(exc).__mro__ if CLASSES.get(c.__name__) is c)


def shape(body: KomboAPIError) -> str:
    """``"2023"`` (message only), ``"2026"`` (code, title, message, log_url) or ``"other"``."""
    e = body.error
    present = (e.code is not UNSET) + (e.title is not UNSET) + (e.log_url is not UNSET)
    return "2023" if present == 0 else "2026" if present == 3 else "other"


def error_type(exc: KomboAPIError) -> str:
    """The code (``"PLATFORM.AUTHENTICATION_INVALID"``), or where there is none the qualified class name."""
    code = exc.error.code
    if isinstance(code, str) and code:
        return str(code)
    return f"kombo_tag_errors.{nearest_class(exc)}"


def error_attributes(exc: KomboAPIError) -> dict[str, str | int | bool]:
    """The attributes of *exc* by OpenTelemetry's semantic conventions, plus ``kombo.error.*``.

    ``error.type`` is the code, or the qualified class name of a body without one;
    ``http.response.status_code`` the status where it is known; ``kombo.error.code`` and
    ``kombo.error.log_url`` where the body holds a string; ``kombo.error.retryable`` and
    ``kombo.error.shape`` (``"2023"``, ``"2026"`` or ``"other"``) always. No value is ever ``None``.
    """
    if not isinstance(exc, KomboAPIError):
        raise TypeError(f"error_attributes expects a KomboAPIError, not {type(exc).__name__}")
    exc = masked_copy(exc)
    error = exc.error
    out: dict[str, str | int | bool] = {"error.type": error_type(exc)}
    if exc.status_code is not None:
        out["http.response.status_code"] = exc.status_code
    if isinstance(error.code, str):
        out["kombo.error.code"] = str(error.code)
    out["kombo.error.retryable"] = error.retryable
    if isinstance(error.log_url, str):
        out["kombo.error.log_url"] = error.log_url
    out["kombo.error.shape"] = shape(exc)
    return out
