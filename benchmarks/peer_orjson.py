"""The floor: `orjson.loads` (and `orjson.dumps`) alone, no validation and no classes."""

from __future__ import annotations

from collections.abc import Iterator

import orjson

from benchmarks._cases import Case, Peer
from benchmarks._payloads import INVALID, PAYLOADS, VALID

__all__ = ["peer"]


def _cases() -> Iterator[Case]:
    for name in VALID:
        data = PAYLOADS[name]
        yield Case("loads", name, orjson.loads, args=(data,))
        decoded = orjson.loads(data)
        yield Case("dumps", name, orjson.dumps, args=(decoded,))
    yield Case("error", INVALID, orjson.loads, "parses it: no validation", (PAYLOADS[INVALID],))


def peer() -> Peer:
    """`orjson.loads` as the floor of every ``loads``, `orjson.dumps` of every ``dumps``."""
    return Peer("orjson (floor)", "orjson", _cases, orjson.loads, "JSON parsing only: dicts, no checks")
