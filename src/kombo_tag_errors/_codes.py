"""The error codes Kombo's unified ATS API documents, and which of them are safe to retry."""

from __future__ import annotations

import enum
from typing import Final

__all__ = ["CODES_BY_VALUE", "RETRYABLE_CODES", "ErrorCode", "PostAtsCandidatesCandidateIDTagsStatus"]


class PostAtsCandidatesCandidateIDTagsStatus(str, enum.Enum):
    """The value of ``status``: always ``"error"`` in an error body."""

    ERROR = "error"

    def __str__(self) -> str:
        return self.value


class ErrorCode(str, enum.Enum):
    """The known values of ``error.code``.

    The code field is an *open* enum: a known code structures to its member here,
    an unknown one stays a plain `str` and is never an error.
    Members compare equal to their string values.
    """

    PLATFORM_RATE_LIMIT_EXCEEDED = "PLATFORM.RATE_LIMIT_EXCEEDED"
    PLATFORM_CONCURRENCY_LIMIT_EXCEEDED = "PLATFORM.CONCURRENCY_LIMIT_EXCEEDED"
    PLATFORM_INTEGRATION_NOT_FOUND = "PLATFORM.INTEGRATION_NOT_FOUND"
    PLATFORM_INPUT_INVALID = "PLATFORM.INPUT_INVALID"
    PLATFORM_UNKNOWN_ERROR = "PLATFORM.UNKNOWN_ERROR"
    PLATFORM_IP_NOT_WHITELISTED = "PLATFORM.IP_NOT_WHITELISTED"
    PLATFORM_AUTHENTICATION_INVALID = "PLATFORM.AUTHENTICATION_INVALID"
    PLATFORM_TASK_TIMED_OUT = "PLATFORM.TASK_TIMED_OUT"
    INTEGRATION_PERMISSION_MISSING = "INTEGRATION.PERMISSION_MISSING"
    INTEGRATION_AUTHENTICATION_INVALID = "INTEGRATION.AUTHENTICATION_INVALID"
    INTEGRATION_QA_FAILED = "INTEGRATION.QA_FAILED"
    INTEGRATION_SETUP_SYNC_PENDING = "INTEGRATION.SETUP_SYNC_PENDING"
    INTEGRATION_SETUP_INCOMPLETE = "INTEGRATION.SETUP_INCOMPLETE"
    INTEGRATION_INACTIVE = "INTEGRATION.INACTIVE"
    INTEGRATION_MODEL_NOT_AVAILABLE = "INTEGRATION.MODEL_NOT_AVAILABLE"
    INTEGRATION_MODEL_DISABLED = "INTEGRATION.MODEL_DISABLED"
    INTEGRATION_ACTION_NOT_AVAILABLE = "INTEGRATION.ACTION_NOT_AVAILABLE"
    INTEGRATION_ACTION_DISABLED = "INTEGRATION.ACTION_DISABLED"
    REMOTE_SERVICE_UNAVAILABLE = "REMOTE.SERVICE_UNAVAILABLE"
    REMOTE_RATE_LIMIT_EXCEEDED = "REMOTE.RATE_LIMIT_EXCEEDED"
    REMOTE_INPUT_INVALID = "REMOTE.INPUT_INVALID"
    REMOTE_UNKNOWN_HTTP_ERROR = "REMOTE.UNKNOWN_HTTP_ERROR"
    ATS_JOB_CLOSED = "ATS.JOB_CLOSED"
    ATS_APPLICATION_ALREADY_EXISTS = "ATS.APPLICATION_ALREADY_EXISTS"

    def __str__(self) -> str:
        return self.value


RETRYABLE_CODES: Final = frozenset(
    {
        ErrorCode.PLATFORM_RATE_LIMIT_EXCEEDED,
        ErrorCode.REMOTE_RATE_LIMIT_EXCEEDED,
        ErrorCode.REMOTE_SERVICE_UNAVAILABLE,
    }
)
"""The codes Kombo's error guide calls generally safe to retry."""

CODES_BY_VALUE: Final[dict[str, ErrorCode]] = {c.value: c for c in ErrorCode}
