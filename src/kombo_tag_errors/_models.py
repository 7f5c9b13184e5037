"""The attrs classes of the error body and its nested types."""

from __future__ import annotations

import copy
import enum
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from . import _json
from ._codes import CODES_BY_VALUE, RETRYABLE_CODES, ErrorCode
from ._unset import UNSET, UnsetType
from ._values import json_problems

if TYPE_CHECKING:
    import httpx

__all__ = [
    "ERROR_KEYS",
    "APIStatusError",
    "KomboAPIError",
    "PostAtsCandidatesCandidateIDTagsError",
    "PostAtsCandidatesCandidateIDTagsResponseBody",
    "PostAtsCandidatesCandidateIDTagsStatus",
]

JSON = Any
"""A decoded JSON value: `dict`, `list`, `str`, `int`, `float`, `bool` or `None`."""

ERROR_KEYS: Final = frozenset({"code", "title", "message", "log_url"})
BODY_KEYS: Final = frozenset({"status", "error"})


class PostAtsCandidatesCandidateIDTagsStatus(str, enum.Enum):
    """The value of ``status``: always ``"error"`` in an error body."""

    ERROR = "error"

    def __str__(self) -> str:
        return self.value


def json_key(value: JSON) -> Any:
    """A hashable key that two JSON values share exactly when they are the same JSON.

    Unlike ``==`` it tells ``1``, ``1.0`` and ``true`` apart, and ignores object key order.
    """
    if isinstance(value, dict):
        return (dict, frozenset((k, json_key(v)) for k, v in value.items()))
    if isinstance(value, list):
        return (list, tuple(json_key(v) for v in value))
    return (type(value), value)


def _extra_keys_unknown(
    known: frozenset[str],
) -> Callable[[Any, attrs.Attribute[Any], Mapping[str, JSON]], None]:
    def check(_inst: Any, _attr: attrs.Attribute[Any], value: Mapping[str, JSON]) -> None:
        if type(value) is not dict:
            raise TypeError(f"extra must be a dict, not {type(value).__name__}")
        clash = known.intersection(value)
        if clash:
            raise ValueError(f"extra must hold unknown keys only, not {sorted(clash)}")
        for path, _, message in json_problems(value):
            where = "".join(f"[{step!r}]" for step in path)
            raise ValueError(f"extra{where}: {message}")

    return check


def _str_null_or_unset(_inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if not (value is None or value is UNSET or isinstance(value, str)):
        raise TypeError(f"{attr.name} must be a str, None or UNSET, not {type(value).__name__}")


def _to_code(value: Any) -> Any:
    return CODES_BY_VALUE.get(value, value) if type(value) is str else value


def _to_status(value: Any) -> Any:
    return PostAtsCandidatesCandidateIDTagsStatus.ERROR if value == "error" else value


@attrs.frozen
class PostAtsCandidatesCandidateIDTagsError:
    """The ``error`` object of an error body.

    `code`, `title` and `log_url` are `UNSET` when the key was absent (the 2023 shape) and `None`
    when it was JSON ``null``. A known `code` is an `ErrorCode`; an unknown one stays a `str`.
    Keys this package does not know are kept in `extra`, values untouched.
    """

    message: str = attrs.field(validator=attrs.validators.instance_of(str))
    code: ErrorCode | str | UnsetType | None = attrs.field(
        default=UNSET, converter=_to_code, validator=_str_null_or_unset
    )
    title: str | UnsetType | None = attrs.field(default=UNSET, validator=_str_null_or_unset)
    log_url: str | UnsetType | None = attrs.field(default=UNSET, validator=_str_null_or_unset)
    extra: dict[str, JSON] = attrs.field(
        factory=dict, kw_only=True, eq=json_key, validator=_extra_keys_unknown(ERROR_KEYS)
    )

    @property
    def retryable(self) -> bool:
        """Whether Kombo's error guide calls this code generally safe to retry."""
        return self.code in RETRYABLE_CODES


def unstructure_error(error: PostAtsCandidatesCandidateIDTagsError) -> dict[str, JSON]:
    """The JSON object of *error*: absent fields stay absent, in the order the API writes them."""
    # ``_value_`` is the member's plain value: cheaper to read than the ``value`` property.
    out: dict[str, JSON] = {}
    code = error.code
    if code is not UNSET:
        out["code"] = code._value_ if type(code) is ErrorCode else code
    if error.title is not UNSET:
        out["title"] = error.title
    out["message"] = error.message
    if error.log_url is not UNSET:
        out["log_url"] = error.log_url
    if error.extra:
        out.update(error.extra)
    return out


@attrs.frozen(auto_exc=False)
class KomboAPIError(Exception):
    """An error body sent by Kombo's API, raisable as an exception.

    Equal bodies compare and hash equal; `raw_response` takes no part in equality, hashing,
    ``repr()``, pickling or serialization. ``str()`` is the compact JSON of the body, as it is logged.
    """

    error: PostAtsCandidatesCandidateIDTagsError = attrs.field(
        validator=attrs.validators.instance_of(PostAtsCandidatesCandidateIDTagsError)
    )
    status: PostAtsCandidatesCandidateIDTagsStatus = attrs.field(
        default=PostAtsCandidatesCandidateIDTagsStatus.ERROR,
        converter=_to_status,
        validator=attrs.validators.instance_of(PostAtsCandidatesCandidateIDTagsStatus),
    )
    extra: dict[str, JSON] = attrs.field(
        factory=dict, kw_only=True, eq=json_key, validator=_extra_keys_unknown(BODY_KEYS)
    )
    raw_response: httpx.Response | None = attrs.field(default=None, kw_only=True, eq=False, repr=False)

    @property
    def status_code(self) -> int | None:
        """The HTTP status the body came with, where it is known."""
        return None

    def __str__(self) -> str:
        return _json.encode(unstructure_body(self)).decode()

    def __reduce__(self) -> tuple[Any, ...]:
        fields = {a.name: getattr(self, a.name) for a in attrs.fields(type(self)) if a.name != "raw_response"}
        return (_restore, (type(self), fields, getattr(self, "__notes__", None)))

    def __copy__(self) -> KomboAPIError:
        return attrs.evolve(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> KomboAPIError:
        # The attached response is shared, not copied: it holds a connection's worth of state.
        changes = {
            a.name: copy.deepcopy(getattr(self, a.name), memo)
            for a in attrs.fields(type(self))
            if a.init and a.name != "raw_response"
        }
        return attrs.evolve(self, **changes)


def _restore(cls: type[KomboAPIError], fields: dict[str, Any], notes: list[str] | None) -> KomboAPIError:
    exc = cls(**fields)
    if notes is not None:
        object.__setattr__(exc, "__notes__", list(notes))
    return exc


@attrs.frozen(auto_exc=False)
class PostAtsCandidatesCandidateIDTagsResponseBody(KomboAPIError):
    """The body of HTTP 401 from ``POST /ats/candidates/{candidate_id}/tags``.

    Returned when the authentication header was invalid or missing.
    """

    @property
    def status_code(self) -> int:
        """Always 401."""
        return 401


@attrs.frozen(auto_exc=False)
class APIStatusError(KomboAPIError):
    """An error body of the same shape sent with another 4xx or 5xx status (400, 403, 404, 429, 503...).

    The fields of the 401 body plus `status_code`, which is `None` when the body was structured
    without its HTTP response.
    """

    status_code: int | None = attrs.field(default=None, kw_only=True)


def unstructure_body(body: KomboAPIError) -> dict[str, JSON]:
    """The JSON object of *body*: ``status``, ``error``, then the unknown keys."""
    out: dict[str, JSON] = {"status": body.status._value_, "error": unstructure_error(body.error)}
    if body.extra:
        out.update(body.extra)
    return out
