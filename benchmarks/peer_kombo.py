"""The official Kombo SDK's pydantic model of the ATS error body, ``kombo.errors.KomboAtsErrorData``.

The SDK answers a 401 of ``POST /ats/candidates/{candidate_id}/tags`` with ``KomboAtsError`` whose
``data`` is this model. It requires all four ``error`` keys (the 2023 shape is rejected), accepts only
the documented codes, and drops unknown keys.
"""

from __future__ import annotations

from collections.abc import Iterator

import pydantic
from kombo.errors import KomboAtsErrorData
from kombo.utils import unmarshal_json

from benchmarks._cases import Case, Peer, standard_cases

__all__ = ["peer", "peer_sdk_path"]

_SEMANTICS = "2026 shape only, known codes only; unknown keys dropped; the model is not an exception"


def _cases() -> Iterator[Case]:
    return standard_cases(
        loads=KomboAtsErrorData.model_validate_json,
        structure=KomboAtsErrorData.model_validate,
        dumps=KomboAtsErrorData.model_dump_json,
        unstructure=KomboAtsErrorData.model_dump,
        errors=(pydantic.ValidationError,),
    )


def _unmarshal(data: bytes) -> KomboAtsErrorData:
    # What the SDK runs on an error response: the text, then a wrapper model built for the call.
    return unmarshal_json(data.decode(), KomboAtsErrorData)  # type: ignore[no-any-return]


def _sdk_cases() -> Iterator[Case]:
    for case in standard_cases(
        loads=_unmarshal,
        structure=_unmarshal,
        dumps=KomboAtsErrorData.model_dump_json,
        unstructure=KomboAtsErrorData.model_dump,
        errors=(pydantic.ValidationError,),
    ):
        if case.operation in ("loads", "error"):
            yield case


def peer() -> Peer:
    """The SDK's model alone: ``model_validate_json``, ``model_validate``, ``model_dump_json``..."""
    return Peer("kombo SDK model", "kombo", _cases, KomboAtsErrorData.model_validate_json, _SEMANTICS)


def peer_sdk_path() -> Peer:
    """The SDK's own path from a response's text to the model, ``kombo.utils.unmarshal_json``."""
    return Peer("kombo SDK unmarshal_json", "kombo", _sdk_cases, None, _SEMANTICS)
