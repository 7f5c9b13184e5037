"""A dataclasses_json model shaped like the seed SDK's generated class (Speakeasy, 2023).

Like the seed: ``error`` holds ``message`` only and unknown keys are dropped (``Undefined.EXCLUDE``),
so the 2026 fields vanish; nothing is type-checked (``{"message": 5}`` is kept as ``5``); a missing
``message`` raises a bare `KeyError`.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Iterator
from typing import Any

from dataclasses_json import DataClassJsonMixin, Undefined, config, dataclass_json

from benchmarks._cases import Case, Peer, standard_cases

__all__ = ["peer"]


class PostAtsCandidatesCandidateIDTagsStatus(str, enum.Enum):
    """The seed's status enum."""

    ERROR = "error"


@dataclass_json(undefined=Undefined.EXCLUDE)
@dataclasses.dataclass
class PostAtsCandidatesCandidateIDTagsError(DataClassJsonMixin):
    """The seed's ``error``: ``message`` only."""

    message: str = dataclasses.field(metadata=config(field_name="message"))


@dataclass_json(undefined=Undefined.EXCLUDE)
@dataclasses.dataclass
class PostAtsCandidatesCandidateIDTagsResponseBody(Exception, DataClassJsonMixin):
    """The seed's 401 body: an exception whose ``str()`` is its JSON, ``raw_response`` left out."""

    error: PostAtsCandidatesCandidateIDTagsError = dataclasses.field(metadata=config(field_name="error"))
    status: PostAtsCandidatesCandidateIDTagsStatus = dataclasses.field(metadata=config(field_name="status"))
    raw_response: Any = dataclasses.field(default=None, metadata=config(exclude=lambda _: True))

    def __str__(self) -> str:
        return self.to_json(separators=(",", ":"))


_Body = PostAtsCandidatesCandidateIDTagsResponseBody


def _loads(data: bytes) -> _Body:
    return _Body.from_dict(json.loads(data))


def _dumps(body: _Body) -> str:
    return body.to_json(separators=(",", ":"))


def _cases() -> Iterator[Case]:
    return standard_cases(
        loads=_loads,
        structure=_Body.from_dict,
        dumps=_dumps,
        unstructure=_Body.to_dict,
        errors=(KeyError, TypeError, ValueError, AttributeError),
    )


def peer() -> Peer:
    """dataclasses_json: ``from_dict(json.loads(...))``, ``from_dict``, ``to_json``, ``to_dict``."""
    return Peer(
        "dataclasses_json (seed)",
        "dataclasses-json",
        _cases,
        _loads,
        "2023 shape only: code, title, log_url and unknown keys dropped; nothing type-checked",
    )
