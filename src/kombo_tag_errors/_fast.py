"""Cheap construction of the frozen classes, and the fast path for the two common 401 shapes.

attrs makes a frozen class refuse ``obj.attr = value``, so building one otherwise takes
``object.__setattr__`` per field, a slow call. Here each class has a private *builder*: a subclass
with the same memory layout and plain attribute assignment. An instance is filled as a builder,
then given its real class (``obj.__class__ = cls``), before anyone else sees it.
Only values already checked are stored this way: validators and converters do not run.

`fast_body` structures the 2026 shape (``code``, ``title``, ``message``, ``log_url``) and the
2023 shape (``message`` alone) in one call and returns None for anything else: the general path,
which finds every problem at its path, decides those.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from ._codes import CODES_BY_VALUE, ErrorCode
from ._models import (
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    PostAtsCandidatesCandidateIDTagsStatus,
)
from ._unset import UNSET, UnsetType

__all__ = ["fast_body", "new_body", "new_error"]

JSON = Any
_Error = PostAtsCandidatesCandidateIDTagsError
_Body = PostAtsCandidatesCandidateIDTagsResponseBody
_ERROR: Final = PostAtsCandidatesCandidateIDTagsStatus.ERROR


class _ErrorBuilder(PostAtsCandidatesCandidateIDTagsError):
    """`PostAtsCandidatesCandidateIDTagsError`'s layout with plain assignment; never returned as such."""

    __slots__ = ()
    # Both overridden: together they make the type's attribute setter the generic one again.
    __setattr__ = object.__setattr__
    __delattr__ = object.__delattr__
    __init__ = object.__init__


class _BodyBuilder(PostAtsCandidatesCandidateIDTagsResponseBody):
    """The 401 body's layout with plain assignment; never returned as such."""

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
    error: Any = _ErrorBuilder()
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
        body: Any = _BodyBuilder()
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


def fast_body(obj: Any) -> PostAtsCandidatesCandidateIDTagsResponseBody | None:
    """The 401 body of decoded JSON *obj* if it has one of the two common shapes, each value well typed.

    None otherwise, for the general path to decide. Everything happens in this one call.
    """
    if type(obj) is not dict or len(obj) != 2:
        return None
    try:
        status = obj["status"]
        raw = obj["error"]
        if type(status) is not str or status != "error" or type(raw) is not dict:
            return None
        # A dict of n keys from which n distinct keys were read holds those keys and no other.
        n = len(raw)
        if n == 4:
            message = raw["message"]
            code = raw["code"]
            title = raw["title"]
            log_url = raw["log_url"]
            if not (
                (type(code) is str or code is None)
                and (type(title) is str or title is None)
                and (type(log_url) is str or log_url is None)
            ):
                return None
            code = CODES_BY_VALUE.get(code, code)  # type: ignore[arg-type]
        elif n == 1:
            message = raw["message"]
            code = title = log_url = UNSET
        else:
            return None
    except KeyError:
        return None
    if type(message) is not str:
        return None
    error: Any = _ErrorBuilder()
    error.message = message
    error.code = code
    error.title = title
    error.log_url = log_url
    error.extra = {}
    error.__class__ = _Error
    body: Any = _BodyBuilder()
    body.error = error
    body.status = _ERROR
    body.extra = {}
    body.raw_response = None
    body.__class__ = _Body
    return body  # type: ignore[no-any-return]
