"""What a JSON value is, to this package: the one rule every way in and out follows.

A JSON value is a `dict` with `str` keys, a `list`, a `str`, a `bool`, `None`, a finite `float`, or an
`int` that a JSON reader can hold (at most `MAX_INT` in size: anything larger overflows a double), all
of these exact types, nested at most `MAX_DEPTH` arrays and objects deep.
The constructors, `structure`, `loads` and `dumps` all read this module; nothing restates it.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable
from typing import Any, Final

from typing_extensions import TypeAliasType

from ._errors import ProblemKind, Problems
from ._text import escape

__all__ = ["JSON", "MAX_DEPTH", "MAX_INT", "find_json_problems", "is_json", "json_type", "show"]

JSON = TypeAliasType("JSON", "dict[str, JSON] | list[JSON] | str | int | float | bool | None")
"""A decoded JSON value: `dict`, `list`, `str`, `int`, `float`, `bool` or `None`, nested."""

MAX_DEPTH: Final = 128
"""The deepest nesting of arrays and objects an unknown key's value may hold.

Deep enough for any real error body, shallow enough that equality, hashing, copying and pickling
stay far from Python's recursion limit.
"""

MAX_INT: Final = int(sys.float_info.max) + 2**970 - 1
"""The largest integer a JSON reader holds: one more rounds to infinity as a double, which orjson refuses."""

_SHORT: Final = 60
_SHORT_INT: Final = 10**_SHORT  # an integer below it in size is shown whole
_NAMES: Final = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def json_type(value: object) -> str:
    """The JSON name of *value*'s type (``a string``), or its Python name marked as not JSON."""
    return _NAMES.get(type(value)) or f"a Python {type(value).__name__} (not JSON)"


def show(value: object) -> str:
    """*value* as it reads in JSON, shortened and escaped for a message: ``"ok"``, ``null``, ``[1,2]``."""
    kind = type(value)
    if value is None or kind is bool:
        text = "null" if value is None else ("true" if value else "false")
    elif kind is str:
        text = '"' + value[: _SHORT + 1].replace("\\", "\\\\").replace('"', '\\"') + '"'  # type: ignore[index]
    elif kind is int:
        digits = int.__repr__(value) if -_SHORT_INT < value < _SHORT_INT else None  # type: ignore[operator]
        text = digits if digits is not None else f"an integer of about {_digits(value)} digits"  # type: ignore[arg-type]
    elif kind is float and math.isfinite(value):  # type: ignore[arg-type]
        text = repr(value)
    elif kind is dict:
        text = "an object" if value else "{}"
    elif kind is list:
        text = "an array" if value else "[]"
    else:
        text = json_type(value)
    if len(text) > _SHORT:
        text = text[: _SHORT - 3] + "..."
    return text if text.isprintable() else escape(text)  # the common case without a call


def _digits(value: int) -> int:
    return int(abs(value).bit_length() * 0.30103) + 1


def is_json(values: Iterable[Any], *, decoded: bool = False) -> bool:
    """Whether each of *values* is a JSON value by this module's rule: the quick answer, without paths.

    With *decoded* the values come from orjson, which makes only JSON types: nesting is all that is
    left to check, and a float beyond 64-bit integers, which may be an integer orjson did not read
    exactly, is refused so that the caller reads the text again.
    It reads level by level, so it builds no path; `find_json_problems` says where, when this says no.
    """
    level = list(values)
    depth = 0
    seen: set[int] | None = None if decoded else set()
    while level:
        below: list[Any] = []
        for item in level:
            kind = type(item)
            if kind is str or item is None or kind is bool:
                continue
            if kind is dict or kind is list:
                if depth >= MAX_DEPTH:
                    return False
                if seen is not None:
                    if id(item) in seen:
                        return False  # a container met twice: a cycle, or shared where JSON is a tree
                    seen.add(id(item))
                    if kind is dict and not all(type(k) is str for k in item):
                        return False
                below.extend(item.values() if kind is dict else item)
            elif kind is int:
                if not (decoded or -MAX_INT <= item <= MAX_INT):
                    return False
            elif kind is float:
                if not (-(2.0**63) < item < 2.0**64 if decoded else math.isfinite(item)):
                    return False
            else:
                return False
        level = below
        depth += 1
    return True


def find_json_problems(value: Any, link: Any, sink: Problems, *, decoded: bool = False) -> None:
    """Report to *sink* each way *value*, found at *link*, is not a JSON value, in document order.

    *link* is a path as `Problems` takes it; the walk keeps one link per item, never a whole path,
    so its cost is linear in the size of *value*, whatever its depth. With *decoded* the value comes
    from orjson, which shares no container: none is looked for.
    """
    stack: list[tuple[Any, Any, int]] = [(value, link, 0)]
    seen: set[int] = set()
    while stack:
        item, where, depth = stack.pop()
        kind = type(item)
        if kind is str or item is None or kind is bool:
            continue
        if kind is dict or kind is list:
            if depth >= MAX_DEPTH:
                sink.add(where, f"nested deeper than {MAX_DEPTH} arrays and objects", ProblemKind.TOO_DEEP)
                continue
            if not decoded and id(item) in seen:
                message = f"{json_type(item)} met twice: a JSON value is a tree, without cycles or sharing"
                sink.add(where, message, ProblemKind.NOT_JSON)
                continue
            if not decoded:
                seen.add(id(item))
            if kind is list:
                stack.extend((item[i], (where, i), depth + 1) for i in range(len(item) - 1, -1, -1))
                continue
            children = []
            for k, v in item.items():
                if type(k) is str:
                    children.append((v, (where, k), depth + 1))
                else:
                    sink.add(where, f"object key {show(k)} is not a string", ProblemKind.NOT_JSON)
            stack.extend(reversed(children))
        elif kind is int:
            if not -MAX_INT <= item <= MAX_INT:
                sink.add(where, f"{show(item)} is too large for JSON", ProblemKind.WRONG_VALUE)
        elif kind is float:
            if not math.isfinite(item):
                sink.add(where, f"{item!r} is not a JSON number", ProblemKind.NOT_JSON)
        else:
            sink.add(where, f"expected a JSON value, got {json_type(item)}", ProblemKind.NOT_JSON)
