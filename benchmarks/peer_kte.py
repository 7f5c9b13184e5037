"""This package, with either JSON engine."""

from __future__ import annotations

from collections.abc import Iterator

import kombo_tag_errors as kte
from benchmarks._cases import Case, Peer, standard_cases
from kombo_tag_errors import _json

__all__ = ["peer", "peer_stdlib"]

_SEMANTICS = "strict; 2023 and 2026 shapes; absent, null and unknown keys kept; an exception"


def _cases() -> Iterator[Case]:
    return standard_cases(
        loads=kte.loads,
        structure=kte.structure,
        dumps=kte.dumps,
        unstructure=kte.unstructure,
        errors=(kte.PayloadError,),
    )


def peer() -> Peer:
    """`kombo_tag_errors` with orjson, its default engine."""
    _json.use("orjson")
    return Peer("kombo_tag_errors", "kombo-tag-errors", _cases, kte.loads, _SEMANTICS)


def peer_stdlib() -> Peer:
    """`kombo_tag_errors` with the standard library's `json` engine."""
    _json.use("json")
    return Peer("kombo_tag_errors[json]", "kombo-tag-errors", _cases, None, _SEMANTICS + " (stdlib json)")
