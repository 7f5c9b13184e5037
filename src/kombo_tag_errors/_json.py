"""The JSON engines: orjson when it can be imported, the standard library's `json` otherwise.

Both give the same verdict and the same value on every input, by these rules:

- Only UTF-8 is read; a byte order mark is rejected (orjson's rule).
- ``NaN``, ``Infinity`` and numbers that overflow a double are rejected (the stdlib accepts them).
- Integers keep every digit: where orjson turns one beyond 64 bits into a float, the text is
  parsed again with the stdlib, and orjson hands integers it cannot write to the stdlib.
- A string holding a lone surrogate (``"\\ud800"``) is rejected: it cannot be written as UTF-8.
- Nesting deeper than `MAX_DEPTH` (128) inside an unknown key is rejected; so is any document too deep
  for an engine (orjson stops at 1024 levels, the stdlib at its recursion limit).
- A repeated key keeps its last value (both engines' rule).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - exercised in a subprocess test
    orjson = None  # type: ignore[assignment]

__all__ = [
    "DecodeError",
    "ParseError",
    "decode",
    "decode_exact",
    "encode",
    "engine",
    "lost_digits",
    "parse",
    "use",
]


class DecodeError(Exception):
    """The text is not JSON this package accepts; the message says why."""


_SURROGATE_ESCAPE = re.compile(rb"\\[uU][dD][89abcdefABCDEF]")


def _reject_constant(name: str) -> Any:
    raise DecodeError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise DecodeError(f"number {text[:40]} overflows a double")
    return value


_stdlib_decoder = json.JSONDecoder(parse_float=_finite_float, parse_constant=_reject_constant)


def _stdlib_decode(data: bytes) -> Any:
    try:
        text = data.decode("utf-8")
        value = _stdlib_decoder.decode(text)
    except UnicodeDecodeError as e:
        raise DecodeError(f"not UTF-8: {e.reason} at byte {e.start}") from None
    except json.JSONDecodeError as e:
        raise DecodeError(f"{e.msg} at line {e.lineno} column {e.colno}") from None
    except RecursionError:
        raise DecodeError("depth limit exceeded") from None
    if _SURROGATE_ESCAPE.search(data):
        _check_surrogates(value)
    return value


def _orjson_decode(data: bytes) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as e:
        raise DecodeError(e.msg) from None


def _stdlib_encode(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def _orjson_encode(obj: Any) -> bytes:
    try:
        return orjson.dumps(obj)
    except TypeError:
        # Integers beyond 64 bits: the stdlib writes every digit.
        return _stdlib_encode(obj)


def _check_surrogates(value: Any) -> None:
    """Reject a decoded value holding a lone surrogate, which cannot be written as UTF-8."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise DecodeError("lone surrogate in string") from None
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def lost_digits(value: Any) -> bool:
    """Whether orjson may have turned an integer beyond 64 bits in decoded JSON *value* into a float."""
    if decode is not _orjson_decode:
        return False
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)  # decoded JSON: exact types
        if kind is float:
            if abs(item) >= 2.0**63:
                return True
        elif kind is dict:
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
    return False


def decode_exact(data: bytes) -> Any:
    """Parse *data* with the standard library, which keeps every digit of an integer."""
    return _stdlib_decode(data)


# The engine's own functions, bound by `use`: no wrapper call on the hot path.
# Read them as ``_json.decode`` and ``_json.encode`` (not ``from ._json import decode``) to follow `use`.
decode: Callable[[bytes], Any]
"""Parse UTF-8 JSON *data* by the rules above; raise `DecodeError` otherwise.

Depth is checked by the caller on the parts that may nest; see `lost_digits` for big integers.
"""
encode: Callable[[Any], bytes]
"""Write *obj* as compact UTF-8 JSON."""
parse: Callable[[bytes], Any]
"""`decode` without its wrapper, for the hot path: it raises `ParseError`; `decode` then says why."""
ParseError: type[Exception]
"""What `parse` raises for text that is not JSON this package accepts."""


def use(name: str) -> None:
    """Select the engine: ``"orjson"`` or ``"json"`` (the standard library). For tests and benchmarks."""
    global decode, encode, parse, ParseError
    if name == "orjson":
        if orjson is None:
            raise ImportError("orjson is not installed")
        decode, encode = _orjson_decode, _orjson_encode
        parse, ParseError = orjson.loads, orjson.JSONDecodeError
    elif name == "json":
        decode, encode = _stdlib_decode, _stdlib_encode
        parse, ParseError = _stdlib_decode, DecodeError
    else:
        raise ValueError(f"unknown JSON engine {name!r}")


def engine() -> str:
    """The name of the engine in use."""
    return "orjson" if decode is _orjson_decode else "json"


use("orjson" if orjson is not None else "json")
