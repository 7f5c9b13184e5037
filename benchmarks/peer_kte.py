"""This package."""

from __future__ import annotations

from collections.abc import Iterator

import kombo_tag_errors as kte
from benchmarks._cases import Case, Peer, standard_cases

__all__ = ["peer"]

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
    """`kombo_tag_errors`: `loads`, `structure`, `dumps`, `unstructure`."""
    return Peer("kombo_tag_errors", "kombo-tag-errors", _cases, kte.loads, _SEMANTICS)
