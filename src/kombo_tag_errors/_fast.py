"""Cheap construction of the frozen classes, for values the structure hooks have checked already.

attrs makes a frozen class refuse ``obj.attr = value``, so building one otherwise takes
``object.__setattr__`` per field, a slow call. Here each class has a *builder*: a subclass with the
same memory layout and plain attribute assignment. An instance is filled as a builder, then given
its real class (``obj.__class__ = cls``) before anyone else sees it.
Validators and converters do not run: only values already checked are stored this way.
`kombo_tag_errors.loads` inlines what `new_error` and `new_body` do, on its hot path.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from ._codes import ErrorCode
from ._models import (
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    PostAtsCandidatesCandidateIDTagsStatus,
)
from ._unset import UnsetType

__all__ = ["BodyBuilder", "ErrorBuilder", "new_body", "new_error"]

JSON = Any
_Error = PostAtsCandidatesCandidateIDTagsError
_Body = PostAtsCandidatesCandidateIDTagsResponseBody
_ERROR: Final = PostAtsCandidatesCandidateIDTagsStatus.ERROR


class ErrorBuilder(PostAtsCandidatesCandidateIDTagsError):
    """`PostAtsCandidatesCandidateIDTagsError`'s layout with plain assignment; never handed out as such."""

    __slots__ = ()
    # Both overridden: together they make the type's attribute setter the generic one again.
    __setattr__ = object.__setattr__
    __delattr__ = object.__delattr__
    __init__ = object.__init__


class BodyBuilder(PostAtsCandidatesCandidateIDTagsResponseBody):
    """The 401 body's layout with plain assignment; never handed out as such."""

    __slots__ = ()
    __setattr__ = object.__setattr__
    __delattr__ = object.__delattr__
    __init__ = object.__init__


def new_error(
    message: str,
    code: ErrorCode | str | UnsetType | None,
    title: str | UnsetType | None,
    log_url: str | UnsetType | None,
    extra: dict[str, JSON],
) -> PostAtsCandidatesCandidateIDTagsError:
    """An error of checked values, without running the validators."""
    error: Any = ErrorBuilder()
    error.message = message
    error.code = code
    error.title = title
    error.log_url = log_url
    error.extra = extra
    error.__class__ = _Error
    return error  # type: ignore[no-any-return]


def new_body(
    cls: type[KomboAPIError], error: PostAtsCandidatesCandidateIDTagsError, extra: dict[str, JSON]
) -> Any:
    """A body of *cls* holding checked values, its other fields at their defaults."""
    if cls is _Body:
        body: Any = BodyBuilder()
        body.error = error
        body.status = _ERROR
        body.extra = extra
        body.raw_response = None
        body.__class__ = _Body
        return body
    body = Exception.__new__(cls)
    _set(body, "error", error)
    _set(body, "status", _ERROR)
    _set(body, "extra", extra)
    _set(body, "raw_response", None)
    for name, default in _defaults_of_subclass_fields(cls):
        _set(body, name, default)
    return body


_set = object.__setattr__
_BASE_FIELDS: Final = frozenset({"error", "status", "extra", "raw_response"})
_more_defaults: dict[type, tuple[tuple[str, Any], ...]] = {}


def _defaults_of_subclass_fields(cls: type[KomboAPIError]) -> tuple[tuple[str, Any], ...]:
    """The defaults of the fields a subclass adds (such as `APIStatusError.status_code`)."""
    try:
        return _more_defaults[cls]
    except KeyError:
        pass
    defaults = []
    for a in attrs.fields(cls):
        if a.name in _BASE_FIELDS:
            continue
        if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f"{cls.__name__}.{a.name}: a factory default cannot be structured")
        if a.default is attrs.NOTHING:
            raise TypeError(f"{cls.__name__}.{a.name} has no default: it cannot be structured from JSON")
        defaults.append((a.name, a.default))
    _more_defaults[cls] = result = tuple(defaults)
    return result
