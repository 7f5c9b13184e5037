"""Checks that a value is JSON this package can hold: what unknown keys may carry."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, Final

from ._text import safe_repr

__all__ = ["MAX_DEPTH", "Path", "is_plain_json", "json_problems", "json_type"]

MAX_DEPTH: Final = 128
"""The deepest nesting of arrays and objects accepted inside an unknown key's value.

Deep enough for any real error body, shallow enough that equality, hashing, copying,
pickling and both JSON engines' writers never approach Python's recursion limit.
"""

Path = tuple["str | int", ...]

_JSON_TYPES: Final = {
    dict: "object",
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


def json_type(value: object) -> str:
    """The JSON name of *value*'s type, or its Python name marked as not JSON."""
    return _JSON_TYPES.get(type(value)) or f"{type(value).__name__} (not JSON)"


def json_problems(value: Any) -> Iterator[tuple[Path, tuple[type, ...], str]]:
    """Yield ``(path, containers, message)`` for each way *value* is not JSON, in document order.

    *path* leads from *value* to the problem; *containers* holds the type of the container of
    each step. Checked: types (exact: a `str` or `int` subclass is not decoded JSON), string keys,
    finite numbers, and nesting up to `MAX_DEPTH`.
    """
    stack: list[tuple[Any, Path, tuple[type, ...]]] = [(value, (), ())]
    while stack:
        item, path, containers = stack.pop()
        kind = type(item)
        if kind is str or kind is int or kind is bool or item is None:
            continue
        if kind is dict or kind is list:
            if len(path) >= MAX_DEPTH:
                yield path, containers, f"nesting deeper than {MAX_DEPTH}"
                continue
            if kind is list:
                stack.extend((item[i], (*path, i), (*containers, list)) for i in range(len(item) - 1, -1, -1))
                continue
            children = []
            for k, v in item.items():
                if type(k) is not str:
                    yield path, containers, f"object key {safe_repr(k)} is not a string"
                else:
                    children.append((v, (*path, k), (*containers, dict)))
            stack.extend(reversed(children))
        elif kind is float:
            if not math.isfinite(item):
                yield path, containers, f"{item!r} is not a JSON number"
        else:
            yield path, containers, f"expected a JSON value, got {json_type(item)}"


def is_plain_json(value: Any) -> bool:
    """Whether `json_problems` finds nothing in *value*: the quick answer, without paths.

    It reads the value level by level, so it builds no path for any item; the callers ask
    `json_problems` where each problem is only when this says there is one.
    """
    level = [value]
    depth = 0
    while level:
        below: list[Any] = []
        for item in level:
            kind = type(item)
            if kind is str or kind is int or kind is bool or item is None:
                continue
            if kind is dict:
                if depth >= MAX_DEPTH:
                    return False
                for key in item:
                    if type(key) is not str:
                        return False
                below.extend(item.values())
            elif kind is list:
                if depth >= MAX_DEPTH:
                    return False
                below.extend(item)
            elif kind is not float or not math.isfinite(item):
                return False
        level = below
        depth += 1
    return True
