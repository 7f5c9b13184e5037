"""The HTTP statuses Kombo sends each error code with: what the test kit pairs a drawn body with.

Sources, in tests/data/contract/ (``tests/test_statuses.py`` checks this module against them):

- ``kombo-2026-changes.json``, ``statuses_by_code_2026``: the statuses documented per code (429 for both
  limits, 401 for ``PLATFORM.AUTHENTICATION_INVALID``, 409 for the three setup codes since 2026-05-19).
- ``openapi-2023-post-ats-candidates-candidate-id-tags.json``: the 2023 shape (``error.message`` alone) is
  documented with 400, 401, 403, 404 and 503; its 403 is "the passed integration is inactive" and its 404
  example "Integration not found in this environment!", which give ``INTEGRATION.INACTIVE`` and
  ``PLATFORM.INTEGRATION_NOT_FOUND`` their statuses.
- Every other known code has no documented status: it is paired with the few statuses its name allows
  (an input error with 400 or 422, a remote outage with 502, 503 or 504...), so a property never relies on
  one guess.

The documented statuses are `kombo_tag_errors.STATUS_BY_CODE`'s; this module adds the rest.
"""

from __future__ import annotations

from typing import Final

from ._codes import STATUS_BY_CODE, ErrorCode
from ._unset import UNSET

__all__ = ["ERROR_STATUSES", "STATUSES_2023", "STATUSES_BY_CODE", "statuses_for"]

STATUSES_2023: Final = (400, 401, 403, 404, 503)
"""The error statuses of the 2023 document, each with a body of ``error.message`` alone."""

ERROR_STATUSES: Final = (400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504)
"""Every status an error body may come with: an unknown code, or none, may come with any of them."""

_E = ErrorCode
STATUSES_BY_CODE: Final[dict[ErrorCode, tuple[int, ...]]] = {
    # Documented per code (kombo-2026-changes.json): the package's own table.
    **{code: (status,) for code, status in STATUS_BY_CODE.items()},
    # Documented by the 2023 document's descriptions of 403 and 404.
    _E.INTEGRATION_INACTIVE: (403,),
    _E.PLATFORM_INTEGRATION_NOT_FOUND: (404,),
    # Not documented per code: the statuses the code's meaning allows.
    _E.PLATFORM_INPUT_INVALID: (400, 422),
    _E.PLATFORM_UNKNOWN_ERROR: (500,),
    _E.PLATFORM_IP_NOT_WHITELISTED: (403,),
    _E.PLATFORM_TASK_TIMED_OUT: (500, 504),
    _E.INTEGRATION_PERMISSION_MISSING: (403,),
    _E.INTEGRATION_AUTHENTICATION_INVALID: (400, 403),
    _E.INTEGRATION_MODEL_NOT_AVAILABLE: (400, 403, 404),
    _E.INTEGRATION_MODEL_DISABLED: (400, 403),
    _E.INTEGRATION_ACTION_NOT_AVAILABLE: (400, 403, 404),
    _E.INTEGRATION_ACTION_DISABLED: (400, 403),
    _E.REMOTE_SERVICE_UNAVAILABLE: (502, 503, 504),
    _E.REMOTE_RATE_LIMIT_EXCEEDED: (429,),
    _E.REMOTE_INPUT_INVALID: (400, 422),
    _E.REMOTE_UNKNOWN_HTTP_ERROR: (500, 502),
    _E.ATS_JOB_CLOSED: (400, 409),
    _E.ATS_APPLICATION_ALREADY_EXISTS: (400, 409),
}
"""The statuses each known code comes with."""


def statuses_for(code: object) -> tuple[int, ...]:
    """The statuses a body with *code* may come with: a known or unknown code, `None`, or `UNSET`.

    An absent code (`UNSET`) is the 2023 shape's: `STATUSES_2023`.
    """
    if code is UNSET:
        return STATUSES_2023
    for known, statuses in STATUSES_BY_CODE.items():
        if code == known:
            return statuses
    return ERROR_STATUSES
