"""Typed, strict and lossless 401 error bodies of Kombo's ``POST /ats/candidates/{candidate_id}/tags``."""

from ._api import DEFAULT_MAX_SIZE, dumps, loads, structure, unstructure
from ._codes import RETRYABLE_CODES, ErrorCode
from ._converter import configure_converter, make_converter
from ._errors import PayloadError, Problem
from ._models import (
    APIStatusError,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    PostAtsCandidatesCandidateIDTagsStatus,
)
from ._unset import UNSET, UnsetType

__all__ = [
    "DEFAULT_MAX_SIZE",
    "RETRYABLE_CODES",
    "UNSET",
    "APIStatusError",
    "ErrorCode",
    "KomboAPIError",
    "PayloadError",
    "PostAtsCandidatesCandidateIDTagsError",
    "PostAtsCandidatesCandidateIDTagsResponseBody",
    "PostAtsCandidatesCandidateIDTagsStatus",
    "Problem",
    "UnsetType",
    "configure_converter",
    "converter",
    "dumps",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
]

converter = make_converter()
"""This package's configured `cattrs.Converter`. Register your own hooks on a copy (`make_converter`)."""


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version

        return version("kombo-tag-errors")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
