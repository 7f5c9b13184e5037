"""The attrs classes of the error body and its nested types: the source of truth of what a body is.

Each field's annotation picks its `~kombo_tag_errors._rules.Rule`, which `_typed` turns into the
field's validator and converter: a body built by hand is held to exactly the rule `loads` reads by.
"""

import copy
import enum
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

import attrs

from ._codes import RETRYABLE_CODES, ErrorCode, PostAtsCandidatesCandidateIDTagsStatus
from ._errors import KomboError, Problems
from ._rules import CATCH_ALL, REQUIRED_KEY, TRANSIENT, is_model, rule_for, spec_of
from ._unset import UNSET, UnsetType
from ._values import JSON, find_json_problems, is_json

if TYPE_CHECKING:
    import httpx
else:

    class _Httpx:
        """Stands for the module ``httpx`` in annotations: imported when one is resolved, not before."""

        def __getattr__(self, name: str) -> Any:
            import httpx

            return getattr(httpx, name)

    httpx = _Httpx()

__all__ = [
    "APIStatusError",
    "KomboAPIError",
    "PostAtsCandidatesCandidateIDTagsError",
    "PostAtsCandidatesCandidateIDTagsResponseBody",
    "PostAtsCandidatesCandidateIDTagsStatus",
    "Echoes",
    "echo",
    "json_key",
    "masked_copy",
]

_STATUS: Final = PostAtsCandidatesCandidateIDTagsStatus.ERROR
_T = TypeVar("_T")


def json_key(value: JSON) -> Any:
    """A hashable key that two JSON values share exactly when they are the same JSON.

    Unlike ``==`` it tells ``1``, ``1.0`` and ``true`` apart, and ignores object key order.
    """
    if isinstance(value, dict):
        return (dict, frozenset((k, json_key(v)) for k, v in value.items()))
    if isinstance(value, list):
        return (list, tuple(json_key(v) for v in value))
    return (type(value), value)


def _catch_all(inst: Any, attr: "attrs.Attribute[Any]", value: Any) -> None:
    if type(value) is not dict:
        raise TypeError(f"{attr.name} must be a dict, not {type(value).__name__}")
    clash = spec_of(type(inst)).keys.intersection(value)
    if clash:
        raise ValueError(f"{attr.name} must hold unknown keys only, not {sorted(clash)}")
    if not is_json(value.values()) or not all(type(k) is str for k in value):
        sink = Problems()
        find_json_problems(value, attr.name, sink)
        raise ValueError(str(sink.found[0]))


def _http_status(_inst: Any, attr: "attrs.Attribute[Any]", value: Any) -> None:
    if value is not None and not (type(value) is int and 100 <= value <= 599):
        raise ValueError(
            f"{attr.name} must be an HTTP status (an int from 100 to 599) or None, not {value!r}"
        )


def _typed(_cls: type, fields: list["attrs.Attribute[Any]"]) -> list["attrs.Attribute[Any]"]:
    """The attrs field transformer: each field without a validator gets its type's rule."""
    out = []
    for a in fields:
        if a.validator is None and not a.metadata.get(TRANSIENT) and not a.metadata.get(CATCH_ALL):
            if is_model(a.type):
                a = a.evolve(validator=attrs.validators.instance_of(a.type))  # type: ignore[arg-type]
            else:
                rule = rule_for(a.type)
                if rule is not None:
                    a = a.evolve(validator=rule.validator, converter=rule.converter)
        out.append(a)
    return out


class _Constant(Generic[_T]):
    """A class attribute that a field of the same name in a subclass overrides (no ``__set__``)."""

    def __init__(self, value: _T) -> None:
        self.value = value

    def __get__(self, inst: object, owner: type | None = None) -> _T:
        return self.value


def _echoes_field() -> Any:
    return attrs.field(
        default=(), kw_only=True, alias="_echoes", eq=False, repr=False, metadata={TRANSIENT: True}
    )


def _extra_field() -> Any:
    return attrs.field(
        factory=dict, kw_only=True, eq=json_key, validator=_catch_all, metadata={CATCH_ALL: True}
    )


@attrs.frozen(slots=False, auto_exc=False, field_transformer=_typed)
class PostAtsCandidatesCandidateIDTagsError:
    """The ``error`` object of an error body.

    `code`, `title` and `log_url` are `UNSET` when the key was absent (the 2023 shape) and `None`
    when it was JSON ``null``. A known `code` is an `ErrorCode`; an unknown one stays a `str`.
    Keys this package does not know are kept in `extra`, values untouched.
    """

    message: str
    code: ErrorCode | str | UnsetType | None = UNSET
    title: str | UnsetType | None = UNSET
    log_url: str | UnsetType | None = UNSET
    extra: dict[str, JSON] = _extra_field()  # noqa: RUF009 - an attrs field, made once per class
    _echoes: tuple[str, ...] = _echoes_field()
    """The credentials the body this error belongs to echoes (see `KomboAPIError._echoes`)."""

    @classmethod
    def __attrs_init_subclass__(cls) -> None:
        _mask_repr(cls)

    @property
    def retryable(self) -> bool:
        """Whether Kombo's error guide calls this code generally safe to retry."""
        return self.code in RETRYABLE_CODES


def unstructure_error(error: PostAtsCandidatesCandidateIDTagsError) -> dict[str, JSON]:
    """The JSON object of *error*: absent fields stay absent, in the order the API writes them."""
    # ``_value_`` is the member's plain value: cheaper to read than the ``value`` property.
    code = error.code
    out: dict[str, JSON] = (
        {} if code is UNSET else {"code": code._value_ if type(code) is ErrorCode else code}
    )
    if error.title is not UNSET:
        out["title"] = error.title
    out["message"] = error.message
    if error.log_url is not UNSET:
        out["log_url"] = error.log_url
    if error.extra:
        out.update(error.extra)
    return out


@attrs.frozen(slots=False, auto_exc=False, field_transformer=_typed)
class KomboAPIError(KomboError):
    """An error body sent by Kombo's API, raisable as an exception.

    Equal bodies compare and hash equal; `raw_response` takes no part in equality, hashing,
    ``repr()``, pickling or serialization. ``str()`` is the compact JSON of the body, as it is logged.
    """

    error: PostAtsCandidatesCandidateIDTagsError
    status: PostAtsCandidatesCandidateIDTagsStatus = attrs.field(
        default=_STATUS, metadata={REQUIRED_KEY: True}
    )
    extra: dict[str, JSON] = _extra_field()  # noqa: RUF009 - an attrs field, made once per class
    raw_response: "httpx.Response | None" = attrs.field(
        default=None, kw_only=True, eq=False, repr=False, metadata={TRANSIENT: True}
    )
    response_headers: dict[str, str] = attrs.field(
        factory=dict, kw_only=True, eq=False, repr=False, metadata={TRANSIENT: True}
    )
    """The safe headers of the response (``retry-after``, ``ratelimit-reset``, ``concurrency-remaining``,
    a request id: `kombo_tag_errors.httpx.SAFE_HEADERS`), lower case; ``{}`` without a response.

    They survive pickling and copying, as the response does not.
    """
    _echoes: tuple[str, ...] = _echoes_field()
    """The credentials of its own request that the server echoed in the body, set by the httpx functions.

    The body keeps them (`unstructure` and `dumps` give the exact payload); every text written about it
    (``str()``, ``repr()``, the log fields, the trace attributes) masks them, from `masked_copy`.
    """

    if TYPE_CHECKING:

        @property
        def status_code(self) -> int | None:
            """The HTTP status the body came with, where it is known."""

    else:
        status_code = _Constant(None)

    def __str__(self) -> str:
        from ._json import encode

        return encode(unstructure_body(masked_copy(self))).decode()

    @classmethod
    def __attrs_init_subclass__(cls) -> None:
        _mask_repr(cls)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), _state(self, copy.copy, {})))

    def __copy__(self) -> "KomboAPIError":
        return _restore(type(self), _state(self, copy.copy, {}), self.raw_response)

    def __deepcopy__(self, memo: dict[int, Any]) -> "KomboAPIError":
        # The attached response is shared, not copied: it holds a connection's worth of state.
        return _restore(type(self), _state(self, copy.deepcopy, memo), self.raw_response)


class _LazyHeaders:
    """``response_headers`` where no such key was set (the generated fast path sets none).

    The safe headers of the attached response, read on first use and kept; a fresh ``{}`` without one.
    """

    def __get__(self, inst: object, owner: type | None = None) -> dict[str, str]:
        response = None if inst is None else inst.__dict__.get("raw_response")
        if response is None:
            return {}
        from ._redact import safe_headers

        headers = inst.__dict__["response_headers"] = safe_headers(response)
        return headers


KomboAPIError.response_headers = _LazyHeaders()  # type: ignore[assignment]
KomboAPIError._echoes = PostAtsCandidatesCandidateIDTagsError._echoes = ()
# ``()`` is what a body or error built by the generated fast path reads: it sets no such key.

_attrs_setattr: Final = object.__setattr__

_Masked = TypeVar("_Masked", "KomboAPIError", PostAtsCandidatesCandidateIDTagsError)


class Echoes(tuple[str, ...]):
    """The echoed credentials an object holds: a tuple whose ``repr()`` shows how many, not what."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} echoed credential{'' if len(self) == 1 else 's'}>"


def _mask_repr(cls: type[Any]) -> None:
    """Give *cls* (attrs made its ``__repr__``) a ``repr()`` that masks the credentials it echoes."""
    plain = cls.__dict__.get("__repr__")
    if plain is None or getattr(plain, "masks_echoes", False):
        return

    def __repr__(self: Any) -> str:
        return plain(masked_copy(self))  # type: ignore[no-any-return]

    __repr__.masks_echoes = True  # type: ignore[attr-defined]
    __repr__.__qualname__ = f"{cls.__qualname__}.__repr__"
    cls.__repr__ = __repr__  # type: ignore[assignment]


_mask_repr(KomboAPIError)
_mask_repr(PostAtsCandidatesCandidateIDTagsError)


def masked_copy(obj: _Masked) -> _Masked:
    """*obj* (a body or its error) with every credential it echoes replaced by `MASK`; itself if none.

    What ``str()``, ``repr()``, the log fields and the trace attributes are written from.
    A body's copy keeps the response, the headers, the status and the notes, and echoes nothing.
    """
    secrets = obj._echoes
    if not secrets:
        return obj
    from ._api import converter, structure
    from ._echo import mask_echoes

    if not isinstance(obj, KomboAPIError):
        masked, _count = mask_echoes(unstructure_model(obj), secrets)
        clean = converter.structure(masked, type(obj))
        fields = attrs.fields(type(obj))
        return attrs.evolve(obj, **{a.alias: getattr(clean, a.name) for a in fields if a.name != "_echoes"})
    masked, _count = mask_echoes(unstructure_body(obj), secrets)
    clean_body = structure(masked, type(obj))
    state = _state(obj, copy.copy, {})
    for a in attrs.fields(type(obj)):
        if not a.metadata.get(TRANSIENT):
            state[a.name] = getattr(clean_body, a.name)
    state["_echoes"] = ()
    return _restore(type(obj), state, obj.raw_response)  # type: ignore[return-value]


def echo(body: KomboAPIError, secrets: tuple[str, ...]) -> int:
    """Tell *body* and its error which of *secrets* they echo; how many times the body does, in all."""
    from ._echo import echoed

    found, count = echoed(unstructure_body(body), secrets)
    if count:
        _attrs_setattr(body, "_echoes", Echoes(found))
        _attrs_setattr(body.error, "_echoes", Echoes(found))
    return count


def _state(exc: KomboAPIError, copier: Callable[..., Any], memo: dict[int, Any]) -> dict[str, Any]:
    """Every field of *exc* but its response, whatever its name, alias or ``init``, and its notes."""

    def copy_(value: Any) -> Any:
        return copier(value) if copier is copy.copy else copier(value, memo)

    fields = attrs.fields(type(exc))
    state = {a.name: copy_(getattr(exc, a.name)) for a in fields if a.name != "raw_response"}
    notes = getattr(exc, "__notes__", None)
    if notes is not None:
        state["__notes__"] = list(notes)
    return state


def _restore(cls: type[KomboAPIError], state: Mapping[str, Any], response: Any = None) -> KomboAPIError:
    exc = Exception.__new__(cls)
    for name, value in state.items():
        _attrs_setattr(exc, name, value)
    _attrs_setattr(exc, "raw_response", response)
    return exc


@attrs.frozen(slots=False, auto_exc=False, field_transformer=_typed)
class PostAtsCandidatesCandidateIDTagsResponseBody(KomboAPIError):
    """The body of HTTP 401 from ``POST /ats/candidates/{candidate_id}/tags``.

    Returned when the authentication header was invalid or missing.
    """

    if TYPE_CHECKING:

        @property
        def status_code(self) -> int:
            """Always 401."""

    else:
        status_code = _Constant(401)


@attrs.frozen(slots=False, auto_exc=False, field_transformer=_typed)
class APIStatusError(KomboAPIError):
    """An error body of the same shape sent with another 4xx or 5xx status (400, 403, 404, 429, 503...).

    The fields of the 401 body plus ``status_code``, which is `None` when the body was structured
    without its HTTP response.
    """

    status_code: int | None = attrs.field(
        default=None, kw_only=True, validator=_http_status, metadata={TRANSIENT: True}
    )


_PLAIN: Final = frozenset({KomboAPIError, PostAtsCandidatesCandidateIDTagsResponseBody, APIStatusError})


def unstructure_body(body: KomboAPIError) -> dict[str, JSON]:
    """The JSON object of *body*: ``status``, ``error``, then the unknown keys."""
    if type(body) not in _PLAIN:
        return unstructure_model(body)
    out: dict[str, JSON] = {"status": body.status._value_, "error": unstructure_error(body.error)}
    if body.extra:
        out.update(body.extra)
    return out


def unstructure_model(inst: Any) -> dict[str, JSON]:
    """The JSON object of any model, a subclass of your own included: its `Spec`'s keys, then ``extra``."""
    spec = spec_of(type(inst))
    out: dict[str, JSON] = {}
    for f in spec.fields:
        value = getattr(inst, f.name)
        if value is UNSET:
            continue
        if f.model is not None:
            value = (
                unstructure_error(value)
                if type(value) is PostAtsCandidatesCandidateIDTagsError
                else unstructure_model(value)
            )
        elif isinstance(value, enum.Enum):
            value = value._value_
        out[f.key] = value
    if spec.catch_all is not None:
        out.update(getattr(inst, spec.catch_all))
    return out
