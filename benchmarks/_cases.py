"""What a peer hands the harness: the calls to time, each bound to its payload."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from benchmarks._payloads import INVALID, PAYLOADS, VALID

__all__ = ["OPERATIONS", "Case", "Peer", "standard_cases"]

OPERATIONS = ("loads", "structure", "dumps", "unstructure", "error")
"""bytes to object, dict to object, object to bytes, object to dict, invalid bytes to the library's error."""


@dataclass(frozen=True)
class Case:
    """One call to time, ``fn(*args)``, or why there is none (`fn` is None and `note` says why).

    The harness compiles the call itself into the timing loop: no wrapper function is timed with it.
    """

    operation: str
    payload: str
    fn: Callable[..., object] | None
    note: str = ""
    args: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Peer:
    """A library under test: its cases, and how to build one body (None: as another peer)."""

    name: str
    distribution: str
    cases: Callable[[], Iterator[Case]]
    build: Callable[[bytes], object] | None
    semantics: str


def standard_cases(
    *,
    loads: Callable[[bytes], Any],
    structure: Callable[[Any], Any],
    dumps: Callable[[Any], bytes | str],
    unstructure: Callable[[Any], Any],
    errors: tuple[type[BaseException], ...],
) -> Iterator[Case]:
    """The five operations on every payload, for a library that does all of them."""
    for name in VALID:
        data = PAYLOADS[name]
        try:
            obj = loads(data)
        except errors as e:
            yield Case("loads", name, None, f"rejects a valid payload ({type(e).__name__})")
            continue
        decoded = json.loads(data)
        lossless = json.loads(dumps(obj)) == decoded
        yield Case("loads", name, loads, args=(data,))
        yield Case("structure", name, structure, args=(decoded,))
        yield Case("dumps", name, dumps, "" if lossless else "loses data: != input", (obj,))
        yield Case("unstructure", name, unstructure, args=(obj,))
    yield Case("error", INVALID, _raises(loads, PAYLOADS[INVALID], errors))


def _raises(loads: Callable[[bytes], Any], data: bytes, errors: tuple[type[BaseException], ...]) -> Any:
    try:
        loads(data)
    except errors:
        pass
    else:
        raise AssertionError(f"{loads!r} accepted the invalid payload")

    def call() -> None:
        with contextlib.suppress(*errors):
            loads(data)

    return call
