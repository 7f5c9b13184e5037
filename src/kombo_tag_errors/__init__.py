"""Typed, strict and lossless 401 error bodies of Kombo's ``POST /ats/candidates/{candidate_id}/tags``."""

from typing import TYPE_CHECKING as _TYPE_CHECKING

from ._api import DEFAULT_MAX_SIZE, converter, dumps, loads, structure, unstructure
from ._codes import RETRYABLE_CODES, STATUS_BY_CODE, ErrorCode, PostAtsCandidatesCandidateIDTagsStatus
from ._converter import configure_converter, make_converter
from ._errors import MAX_PROBLEMS, KomboError, PayloadError, Problem, ProblemKind
from ._models import (
    APIStatusError,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
)
from ._rules import CATCH_ALL, TRANSIENT
from ._unset import UNSET, UnsetType
from ._values import JSON, MAX_DEPTH

__all__ = [
    "CATCH_ALL",
    "DEFAULT_MAX_SIZE",
    "JSON",
    "MAX_DEPTH",
    "MAX_PROBLEMS",
    "RETRYABLE_CODES",
    "STATUS_BY_CODE",
    "TRANSIENT",
    "UNSET",
    "APIStatusError",
    "ErrorCode",
    "KomboAPIError",
    "KomboError",
    "PayloadError",
    "PostAtsCandidatesCandidateIDTagsError",
    "PostAtsCandidatesCandidateIDTagsResponseBody",
    "PostAtsCandidatesCandidateIDTagsStatus",
    "Problem",
    "ProblemKind",
    "UnsetType",
    "configure_converter",
    "converter",
    "dumps",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
]

if _TYPE_CHECKING:
    __version__: str
else:

    def __getattr__(name: str) -> str:
        if name == "__version__":
            from importlib.metadata import version

            return version("kombo-tag-errors")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
