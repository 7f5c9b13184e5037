"""A hand-written pydantic v2 model in strict mode, as close to this package's semantics as pydantic goes.

Unknown keys are kept (``extra="allow"``); absent optional fields become None, so an absent
key and a JSON null cannot be told apart, and ``model_dump_json`` writes the 2023 shape back with nulls.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import pydantic

from benchmarks._cases import Case, Peer, standard_cases

__all__ = ["peer"]


class Error(pydantic.BaseModel):
    """The ``error`` object: ``code`` is an open set of strings."""

    model_config = pydantic.ConfigDict(extra="allow", frozen=True, strict=True)

    code: str | None = None
    title: str | None = None
    message: str
    log_url: str | None = None


class Body(pydantic.BaseModel):
    """The 401 body."""

    model_config = pydantic.ConfigDict(extra="allow", frozen=True, strict=True)

    status: Literal["error"]
    error: Error


def _cases() -> Iterator[Case]:
    return standard_cases(
        loads=Body.model_validate_json,
        structure=Body.model_validate,
        dumps=Body.model_dump_json,
        unstructure=Body.model_dump,
        errors=(pydantic.ValidationError,),
    )


def peer() -> Peer:
    """pydantic v2: ``model_validate_json``, ``model_validate``, ``model_dump_json``, ``model_dump``."""
    return Peer(
        "pydantic",
        "pydantic",
        _cases,
        Body.model_validate_json,
        "extra='allow': unknown keys kept; absent and null both None; not an exception",
    )
