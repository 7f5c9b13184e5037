"""The four functions most users need: `loads`, `structure`, `unstructure`, `dumps`.

Each tries the generated fast path of its class first. Anything else goes to the general path: the
one-pass problem finder, which raises `PayloadError` at once when there is a problem, then
`converter`'s own hook, which builds what the fast path declined (a subclass of your own).
"""

from __future__ import annotations

from typing import Any, Final, TypeVar, overload

import cattrs

from . import _json
from ._build import fast_path, find_problems, finder
from ._converter import make_converter, problems_from
from ._errors import ROOT, PayloadError, Problem, ProblemKind, Problems
from ._models import (
    APIStatusError,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    unstructure_body,
)
from ._values import JSON, MAX_DEPTH

__all__ = [
    "DEFAULT_MAX_SIZE",
    "check_limit",
    "converter",
    "dumps",
    "loads",
    "read",
    "structure",
    "unstructure",
]

DEFAULT_MAX_SIZE: Final = 16 * 1024 * 1024
"""The largest input `loads` parses by default: 16 MiB, thousands of times any real error body."""

converter: Final[cattrs.Converter] = make_converter()
"""This package's configured `cattrs.Converter`. Register your own hooks on a copy (`make_converter`)."""

_Body = PostAtsCandidatesCandidateIDTagsResponseBody
_BODIES: Final = (KomboAPIError, _Body, APIStatusError)
_T = TypeVar("_T", bound=KomboAPIError)
_fast_loads: Final = fast_path(_Body, decoded=True)
_fast_structure: Final = fast_path(_Body, decoded=False)
_find_loaded: Final = finder(_Body, decoded=True)
_decode: Final = _json.decode
_DecodeError: Final = _json.DecodeError


@overload
def structure(obj: Any) -> PostAtsCandidatesCandidateIDTagsResponseBody: ...
@overload
def structure(obj: Any, cls: type[_T]) -> _T: ...
def structure(obj: Any, cls: type[Any] = _Body) -> Any:
    """Structure decoded JSON *obj* into an error body of *cls* (by default the 401 body).

    Raises `PayloadError` listing every problem with its JSON path (at most
    `~kombo_tag_errors.MAX_PROBLEMS`; ``total`` counts them all).
    """
    if cls is _Body:
        body = _fast_structure(obj)
        if body is not None:
            return body
    elif cls in _BODIES:
        body = fast_path(cls, decoded=False)(obj)
        if body is not None:
            return body
    return _general(obj, obj, cls)


def _general(obj: Any, payload: Any, cls: type[Any], response: Any = None, status_code: Any = None) -> Any:
    """The general path: every problem in one pass, or the body built by the converter."""
    if not (isinstance(cls, type) and issubclass(cls, KomboAPIError)):
        raise TypeError(f"structure() builds a KomboAPIError subclass, not {cls!r}")
    sink = Problems()
    find_problems(obj, cls, ROOT, sink)
    if sink:
        raise sink.error(payload)
    try:
        body = converter.structure(obj, cls)
    except Exception as e:  # a validator of your own class: its message, at the top
        raise PayloadError(problems_from(e), payload) from e
    if response is None:
        return body
    import attrs

    return attrs.evolve(body, raw_response=response)


def loads(
    data: bytes | bytearray | memoryview | str,
    *,
    max_size: int = DEFAULT_MAX_SIZE,
) -> PostAtsCandidatesCandidateIDTagsResponseBody:
    """Parse and structure the JSON text of a 401 body.

    *data* is UTF-8 JSON as `bytes`, `bytearray`, `memoryview` or `str`.
    Input longer than *max_size* bytes is rejected before it is parsed.
    Raises `PayloadError`, whose ``payload`` is *data*, for anything that is not a valid body.
    """
    if type(data) is bytes and type(max_size) is int and len(data) <= max_size:
        try:
            obj = _decode(data)
        except _DecodeError:
            return read(data, _Body, max_size)  # which says why
        body = _fast_loads(obj)
        if body is not None:
            return body  # type: ignore[no-any-return]
        return _loaded(obj, data, data, _Body, None, None)  # type: ignore[no-any-return]
    return read(data, _Body, max_size)


def read(data: Any, cls: type[_T], max_size: int, response: Any = None, status_code: Any = None) -> _T:
    """`loads` into *cls*, with *response* and *status_code* attached as the body is built."""
    raw = (
        data
        if type(data) is bytes and type(max_size) is int and len(data) <= max_size
        else _as_bytes(data, max_size)
    )
    try:
        obj = _decode(raw)
    except _DecodeError as e:
        raise PayloadError([Problem(ROOT, _why_not_json(raw, e), ProblemKind.NOT_JSON)], data) from None
    if cls in _BODIES:
        body = fast_path(cls, decoded=True)(obj, response, status_code)
        if body is not None:
            return body  # type: ignore[no-any-return]
    return _loaded(obj, raw, data, cls, response, status_code)  # type: ignore[no-any-return]


def _loaded(obj: Any, raw: bytes, data: Any, cls: type[Any], response: Any, status_code: Any) -> Any:
    """What the decoded fast path declined: problems, integers beyond 64 bits, or a class of your own."""
    sink = Problems()
    if cls is _Body:
        _find_loaded(obj, ROOT, sink)
    else:
        find_problems(obj, cls, ROOT, sink, decoded=True)
    if sink.total:
        raise sink.error(data)
    if cls in _BODIES:  # valid: orjson read an integer beyond 64 bits as a float
        try:
            exact = _json.decode_exact(raw)
        except RecursionError:  # a value nested deep, then overwritten by a repeated key
            message = f"nested deeper than {MAX_DEPTH} arrays and objects"
            raise PayloadError([Problem(ROOT, message, ProblemKind.TOO_DEEP)], data) from None
        body = fast_path(cls, decoded=False)(exact, response, status_code)
        if body is not None:
            return body
        obj = exact
    return _general(obj, data, cls, response, status_code)


def _why_not_json(raw: bytes, e: _json.DecodeError) -> str:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as u:
        return f"invalid JSON: not UTF-8: {u.reason} at byte {u.start} (0x{raw[u.start]:02x})"
    return f"invalid JSON: {_json.reason(e)}"


def _as_bytes(data: Any, max_size: int) -> bytes:
    check_limit("max_size", max_size)
    if isinstance(data, bytes):
        raw = bytes(data)
    elif isinstance(data, str):
        if len(data) > max_size:
            raise _too_large(data, max_size)
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError as e:
            message = f"not UTF-8 encodable: {e.reason} at character {e.start}"
            raise PayloadError([Problem(ROOT, message, ProblemKind.NOT_JSON)], data) from None
    elif isinstance(data, (bytearray, memoryview)):
        try:
            size = data.nbytes if isinstance(data, memoryview) else len(data)
        except ValueError:  # a released memoryview
            raise PayloadError(
                [Problem(ROOT, "the memoryview is released", ProblemKind.NOT_JSON)], data
            ) from None
        if size > max_size:
            raise _too_large(data, max_size)
        raw = bytes(data)
    else:
        kind = type(data).__name__
        message = f"expected bytes, bytearray, memoryview or str, got {kind}"
        raise PayloadError([Problem(ROOT, message, ProblemKind.WRONG_TYPE)], data)
    if len(raw) > max_size:
        raise _too_large(data, max_size)
    return raw


def check_limit(name: str, value: object) -> None:
    """Refuse a size limit that is not an `int` (nor a `bool`): `TypeError`; a negative one: `ValueError`."""
    if type(value) is not int:
        raise TypeError(f"{name} must be an int, not {type(value).__name__} {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0, not {value!r}")


def _too_large(data: Any, max_size: int) -> PayloadError:
    return PayloadError(
        [Problem(ROOT, f"larger than max_size={max_size} bytes", ProblemKind.TOO_LARGE)], data
    )


def unstructure(body: KomboAPIError) -> dict[str, JSON]:
    """The decoded-JSON form of *body*: exactly the payload it was structured from."""
    return unstructure_body(body)


def dumps(body: KomboAPIError) -> bytes:
    """The compact UTF-8 JSON of *body*; ``loads(dumps(body)) == body``."""
    return _json.encode(unstructure_body(body))
