"""The error codes Kombo's unified ATS API documents, and which of them are safe to retry."""

from __future__ import annotations

import enum
from typing import Final

__all__ = [
    "CHANGES_2026",
    "CODES_BY_VALUE",
    "RETRYABLE_CODES",
    "STATUS_BY_CODE",
    "ErrorCode",
    "PostAtsCandidatesCandidateIDTagsStatus",
]


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
        ErrorCode.PLATFORM_CONCURRENCY_LIMIT_EXCEEDED,
        ErrorCode.REMOTE_RATE_LIMIT_EXCEEDED,
        ErrorCode.REMOTE_SERVICE_UNAVAILABLE,
    }
)
"""The codes Kombo calls safe to retry, with backoff.

- ``PLATFORM.RATE_LIMIT_EXCEEDED``: Kombo's rate limit (requests per time window), HTTP 429.
- ``PLATFORM.CONCURRENCY_LIMIT_EXCEEDED``: more in-flight action requests than the integration allows
  (enforced from 2026-03-20), HTTP 429; Kombo says to back off exponentially from about 1 s.
- ``REMOTE.RATE_LIMIT_EXCEEDED``: the customer's ATS rate-limited Kombo.
- ``REMOTE.SERVICE_UNAVAILABLE``: the customer's ATS is down for now.

Kombo's rule: decide on ``error.code``; fall back to the HTTP status only when the code is absent.
`kombo_tag_errors.retry.retryable` applies it.
"""

STATUS_BY_CODE: Final[dict[ErrorCode, int]] = {
    ErrorCode.PLATFORM_RATE_LIMIT_EXCEEDED: 429,
    ErrorCode.PLATFORM_CONCURRENCY_LIMIT_EXCEEDED: 429,
    ErrorCode.PLATFORM_AUTHENTICATION_INVALID: 401,
    ErrorCode.INTEGRATION_SETUP_INCOMPLETE: 409,
    ErrorCode.INTEGRATION_SETUP_SYNC_PENDING: 409,
    ErrorCode.INTEGRATION_QA_FAILED: 409,
}
"""The HTTP status Kombo sends a code with, for the codes whose status it documents.

The three setup codes answer 409 from 2026-05-19 on (503 before).
"""

CHANGES_2026: Final = (
    (
        "2026-03-20",
        "Action endpoints (POST /ats/candidates/{candidate_id}/tags is one) enforce concurrency limits: "
        "HTTP 429 with PLATFORM.CONCURRENCY_LIMIT_EXCEEDED, headers Concurrency-Limit and "
        "Concurrency-Remaining.",
        "https://docs.kombo.dev/ats/guides/concurrency-limiting",
    ),
    (
        "2026-05-19",
        "INTEGRATION.SETUP_INCOMPLETE, INTEGRATION.SETUP_SYNC_PENDING and INTEGRATION.QA_FAILED return "
        "HTTP 409 instead of 503; decide on error.code, fall back to the status only without one.",
        "https://docs.kombo.dev/ats/important-changes",
    ),
)
"""The 2026 changes of Kombo's contract this package follows: (effective date, what, source)."""

CODES_BY_VALUE: Final[dict[str, ErrorCode]] = {c.value: c for c in ErrorCode}
