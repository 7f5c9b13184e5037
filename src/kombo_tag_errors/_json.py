"""The JSON engines: orjson when it can be imported, the standard library's `json` otherwise.

Both give the same verdict and the same value on every input, by these rules:

- Only UTF-8 is read; a byte order mark is rejected (orjson's rule).
- ``NaN``, ``Infinity`` and numbers that overflow a double are rejected (the stdlib accepts them).
- Integers keep every digit: where orjson turns one beyond 64 bits into a float, the text is
  parsed again with the stdlib, and orjson hands integers it cannot write to the stdlib.
- A lone surrogate escape (``"\\ud800"``) is rejected anywhere in the text, even in a value a
  repeated key overwrites: it cannot be written as UTF-8.
- Nesting deeper than `MAX_DEPTH` (128) inside an unknown key is rejected at its path (by the caller);
  a text nested deeper than `ENGINE_DEPTH` (1024, orjson's limit) anywhere, even in a value a repeated
  key overwrites, is rejected as a whole.
  The stdlib engine measures the depth of a text holding more brackets than that, and parses up to it
  past a recursion limit that would stop it sooner.
- A repeated key keeps its last value (both engines' rule).
"""

from __future__ import annotations

import itertools
import json
import operator
import re
import sys
import threading
from collections.abc import Callable
from typing import Any, Final

try:
    import orjson
except ImportError:  # pragma: no cover - exercised in a subprocess test
    orjson = None  # type: ignore[assignment]

__all__ = [
    "ENGINE_DEPTH",
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

ENGINE_DEPTH: Final = 1024
"""The deepest nesting of arrays and objects either engine parses: orjson's own limit."""


class DecodeError(Exception):
    """The text is not JSON this package accepts; the message says why."""


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")
# Every escape but a lone surrogate: a surrogate pair, another \u escape, or a one-character escape.
# Removing them from valid JSON leaves a backslash exactly where a lone surrogate escape starts.
_NOT_LONE = re.compile(
    rb"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u(?![dD][89a-fA-F])|[^u])"
)
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_OPENS = bytes.maketrans(b"[]{}", b"\x01\x00\x01\x00")
_recursion_lock = threading.Lock()


def _reject_constant(name: str) -> Any:
    raise DecodeError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise DecodeError(f"number {text[:40]} overflows a double")
    return value


_stdlib_decoder = json.JSONDecoder(parse_float=_finite_float, parse_constant=_reject_constant)


def _stdlib_decode(data: bytes) -> Any:
    brackets = data.count(b"[") + data.count(b"{")
    if brackets > ENGINE_DEPTH and _too_deep(data):
        raise DecodeError("depth limit exceeded")
    try:
        text = data.decode("utf-8")
        try:
            value = _stdlib_decoder.decode(text)
        except RecursionError:  # within ENGINE_DEPTH, measured above: too deep for this stack only
            value = _decode_deeper(text)
    except UnicodeDecodeError as e:
        raise DecodeError(f"not UTF-8: {e.reason} at byte {e.start}") from None
    except json.JSONDecodeError as e:
        raise DecodeError(f"{e.msg} at line {e.lineno} column {e.colno}") from None
    except RecursionError:
        raise DecodeError("depth limit exceeded") from None
    if _SURROGATE_ESCAPE.search(data) and b"\\" in _NOT_LONE.sub(b"", data):
        raise DecodeError("lone surrogate in string")
    return value


def _too_deep(data: bytes) -> bool:
    """Whether the arrays and objects of JSON text *data* nest deeper than `ENGINE_DEPTH`.

    Exact for valid JSON, which is all that matters: invalid text is rejected either way.
    """
    # Without escaped backslashes and quotes, every other piece between quotes is outside a string.
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside = b"".join(unescaped.split(b'"')[::2])
    brackets = outside.translate(None, _NOT_BRACKET).translate(_OPENS)  # 1 for [ and {, 0 for ] and }
    depth = 0
    for start in range(0, len(brackets), 512):
        chunk = brackets[start : start + 512]
        opens = chunk.count(1)
        if depth + opens > ENGINE_DEPTH:  # may go too deep within: follow it bracket by bracket
            steps = map(operator.sub, map((2).__mul__, itertools.accumulate(chunk)), range(1, len(chunk) + 1))
            if any(map((ENGINE_DEPTH - depth).__lt__, steps)):
                return True
        depth += 2 * opens - len(chunk)
    return False


def _decode_deeper(text: str) -> Any:
    """Parse *text*, no deeper than `ENGINE_DEPTH`, past a recursion limit that stopped the stdlib sooner."""
    with _recursion_lock:
        before = sys.getrecursionlimit()
        sys.setrecursionlimit(before + ENGINE_DEPTH + 100)
        try:
            return _stdlib_decoder.decode(text)
        finally:
            sys.setrecursionlimit(before)


def _orjson_decode(data: bytes) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as e:
        # One message for the depth limit, which orjson words differently from release to release.
        too_deep = "depth" in e.msg or "recursion" in e.msg
        raise DecodeError("depth limit exceeded" if too_deep else e.msg) from None


def _stdlib_encode(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def _orjson_encode(obj: Any) -> bytes:
    try:
        return orjson.dumps(obj)
    except TypeError:
        # Integers beyond 64 bits: the stdlib writes every digit.
        return _stdlib_encode(obj)


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
