"""JSON text in and out: orjson, with every digit of an integer beyond 64 bits kept.

orjson reads an integer beyond 64 bits as a float and cannot write one; the standard library's
`json` reads and writes such integers exactly, so it is called for them, and only for them.
Which integers a body may hold at all is `kombo_tag_errors._values.MAX_INT`'s rule.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

__all__ = ["DecodeError", "decode", "decode_exact", "encode", "reason"]

DecodeError = orjson.JSONDecodeError
"""What `decode` raises for text that is not JSON: orjson's own error, a `ValueError`."""

decode = orjson.loads
"""Parse UTF-8 JSON text: orjson's reader, which rejects ``NaN``, lone surrogates and nesting past 1024."""


def reason(error: orjson.JSONDecodeError) -> str:
    """Why orjson refused a text, in one wording across its releases."""
    message: str = error.msg
    if "depth" in message or "recursion" in message:
        return "nested deeper than 1024 arrays and objects"
    return message


def decode_exact(data: bytes) -> Any:
    """Parse JSON text that orjson accepted, keeping every digit of its integers.

    orjson has checked the text already; nesting is bounded by the caller (`RecursionError` otherwise).
    """
    return json.loads(data)


def encode(obj: Any) -> bytes:
    """Write *obj* as compact UTF-8 JSON; an integer beyond 64 bits keeps every digit."""
    try:
        return orjson.dumps(obj)
    except TypeError:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
