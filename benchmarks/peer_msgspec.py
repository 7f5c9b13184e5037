"""msgspec Structs: the fastest typed decoding in Python, with a semantic gap.

msgspec keeps absent apart from null (``msgspec.UNSET``) but cannot keep unknown keys:
it drops them, so a payload with unknown keys does not round-trip.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import msgspec

from benchmarks._cases import Case, Peer, standard_cases

__all__ = ["peer"]

_Opt = str | None | msgspec.UnsetType


class Error(msgspec.Struct, frozen=True):
    """The ``error`` object."""

    message: str
    code: _Opt = msgspec.UNSET
    title: _Opt = msgspec.UNSET
    log_url: _Opt = msgspec.UNSET


class Body(msgspec.Struct, frozen=True):
    """The 401 body."""

    status: Literal["error"]
    error: Error


_decoder = msgspec.json.Decoder(Body)
_encoder = msgspec.json.Encoder()


def _structure(obj: object) -> Body:
    return msgspec.convert(obj, Body)


def _cases() -> Iterator[Case]:
    return standard_cases(
        loads=_decoder.decode,
        structure=_structure,
        dumps=_encoder.encode,
        unstructure=msgspec.to_builtins,
        errors=(msgspec.ValidationError,),
    )


def peer() -> Peer:
    """msgspec: ``json.Decoder(Body).decode``, ``convert``, ``json.Encoder().encode``, ``to_builtins``."""
    return Peer(
        "msgspec",
        "msgspec",
        _cases,
        _decoder.decode,
        "absent kept apart from null (UNSET); unknown keys dropped; not an exception",
    )
