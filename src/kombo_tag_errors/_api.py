"""The four functions most users need: `loads`, `structure`, `unstructure`, `dumps`."""

from __future__ import annotations

from typing import Any, Final

from cattrs.errors import ClassValidationError

from . import _json
from ._codes import CODES_BY_VALUE
from ._converter import problems_from, structure_body
from ._errors import PayloadError, Problem
from ._fast import BodyBuilder, ErrorBuilder
from ._models import (
    JSON,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    PostAtsCandidatesCandidateIDTagsStatus,
    unstructure_body,
)
from ._unset import UNSET

__all__ = ["DEFAULT_MAX_SIZE", "dumps", "loads", "structure", "unstructure"]

DEFAULT_MAX_SIZE: Final = 16 * 1024 * 1024
"""The largest input `loads` parses by default: 16 MiB, thousands of times any real error body."""

_Body = PostAtsCandidatesCandidateIDTagsResponseBody
_STATUS_ERROR: Final = PostAtsCandidatesCandidateIDTagsStatus.ERROR


def structure(obj: Any, cls: type[Any] = _Body) -> Any:
    """Structure decoded JSON *obj* into an error body of *cls* (by default the 401 body).

    Raises `PayloadError` listing every problem with its JSON path; the cattrs error that
    found them is its ``__cause__``.
    """
    try:
        return structure_body(obj, cls)
    except ClassValidationError as e:
        raise PayloadError(problems_from(e), obj) from e
    except RecursionError:  # a self-referencing container passed by hand
        raise PayloadError([Problem("$", "nesting too deep")], obj) from None


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
    if type(data) is not bytes or len(data) > max_size:
        return _loads(data, _Body, max_size)  # type: ignore[no-any-return]
    # The hot path, all in this one call: the engine's own parser, then the two common shapes,
    # 2026 (code, title, message, log_url) and 2023 (message), each value well typed.
    # Anything else, or any doubt, goes to the general path, which finds every problem at its path.
    try:
        obj = _json.parse(data)
    except _json.ParseError:
        return _loads(data, _Body, max_size)  # type: ignore[no-any-return]  # which says why
    if type(obj) is not dict or len(obj) != 2:
        return _general(obj, data)
    try:
        status = obj["status"]
        raw = obj["error"]
        if type(status) is not str or status != "error" or type(raw) is not dict:
            return _general(obj, data)
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
                return _general(obj, data)
            code = CODES_BY_VALUE.get(code, code)  # type: ignore[arg-type]
        elif n == 1:
            message = raw["message"]
            code = title = log_url = UNSET
        else:
            return _general(obj, data)
    except KeyError:
        return _general(obj, data)
    if type(message) is not str:
        return _general(obj, data)
    # What new_error and new_body do, without their calls (see _fast).
    error: Any = ErrorBuilder()
    error.message = message
    error.code = code
    error.title = title
    error.log_url = log_url
    error.extra = {}
    error.__class__ = PostAtsCandidatesCandidateIDTagsError
    body: Any = BodyBuilder()
    body.error = error
    body.status = _STATUS_ERROR
    body.extra = {}
    body.raw_response = None
    body.__class__ = _Body
    return body  # type: ignore[no-any-return]


def _general(obj: Any, data: bytes) -> PostAtsCandidatesCandidateIDTagsResponseBody:
    return _structure_decoded(obj, data, data, _Body)  # type: ignore[no-any-return]


def _loads(data: Any, cls: type[KomboAPIError], max_size: int) -> Any:
    raw = data if type(data) is bytes and len(data) <= max_size else _as_bytes(data, max_size)
    try:
        obj = _json.decode(raw)
    except _json.DecodeError as e:
        raise PayloadError([Problem("$", f"invalid JSON: {e}")], data) from None
    return _structure_decoded(obj, raw, data, cls)


def _structure_decoded(obj: Any, raw: bytes, data: Any, cls: type[KomboAPIError]) -> Any:
    try:
        body = structure_body(obj, cls)
    except ClassValidationError as e:
        raise PayloadError(problems_from(e), data) from e
    # Only unknown keys may hold numbers: the known fields are strings or null.
    if (body.extra or body.error.extra) and _json.lost_digits([body.extra, body.error.extra]):
        # orjson read an integer beyond 64 bits as a float: read it again, exactly.
        return _loads_exact(raw, data, cls)
    return body


def _loads_exact(raw: bytes, data: Any, cls: type[KomboAPIError]) -> Any:
    try:
        return structure_body(_json.decode_exact(raw), cls)
    except _json.DecodeError as e:
        raise PayloadError([Problem("$", f"invalid JSON: {e}")], data) from None
    except ClassValidationError as e:
        raise PayloadError(problems_from(e), data) from e


def _as_bytes(data: Any, max_size: int) -> bytes:
    if isinstance(data, bytes):
        raw = data
    elif isinstance(data, str):
        if len(data) > max_size:
            raise PayloadError([Problem("$", f"larger than max_size={max_size} bytes")], data)
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError as e:
            raise PayloadError(
                [Problem("$", f"not UTF-8 encodable: {e.reason} at {e.start}")], data
            ) from None
    elif isinstance(data, (bytearray, memoryview)):
        try:
            size = data.nbytes if isinstance(data, memoryview) else len(data)
        except ValueError:  # a released memoryview
            raise PayloadError([Problem("$", "the memoryview is released")], data) from None
        if size > max_size:
            raise PayloadError([Problem("$", f"larger than max_size={max_size} bytes")], data)
        raw = bytes(data)
    else:
        kind = type(data).__name__
        raise PayloadError([Problem("$", f"expected bytes, bytearray, memoryview or str, got {kind}")], data)
    if len(raw) > max_size:
        raise PayloadError([Problem("$", f"larger than max_size={max_size} bytes")], data)
    return raw


def unstructure(body: KomboAPIError) -> dict[str, JSON]:
    """The decoded-JSON form of *body*: exactly the payload it was structured from."""
    return unstructure_body(body)


def dumps(body: KomboAPIError) -> bytes:
    """The compact UTF-8 JSON of *body*; ``loads(dumps(body)) == body``."""
    return _json.encode(unstructure_body(body))
