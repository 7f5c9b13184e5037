"""The code-to-status table of the test kit agrees with the published contract."""

from __future__ import annotations

from helpers import load_contract
from kombo_tag_errors import UNSET, ErrorCode
from kombo_tag_errors._statuses import ERROR_STATUSES, STATUSES_2023, STATUSES_BY_CODE, statuses_for


def test_every_known_code_has_statuses() -> None:
    """Every known code is paired with at least one error status of the kit's list."""
    assert set(STATUSES_BY_CODE) == set(ErrorCode)
    assert all(statuses and set(statuses) <= set(ERROR_STATUSES) for statuses in STATUSES_BY_CODE.values())


def test_documented_statuses_are_the_only_ones() -> None:
    """A code whose status Kombo documents comes with that status alone."""
    documented = load_contract("kombo-2026-changes.json")["statuses_by_code_2026"]
    assert documented
    for code, status in documented.items():
        assert statuses_for(code) == (status,)


def test_2023_statuses_are_the_documents() -> None:
    """The 2023 shape's statuses are the error responses of the 2023 document."""
    responses = load_contract("openapi-2023-post-ats-candidates-candidate-id-tags.json")["responses"]
    assert tuple(sorted(int(s) for s in responses if int(s) >= 400)) == STATUSES_2023
    assert set(STATUSES_2023) <= set(ERROR_STATUSES)
    assert statuses_for(UNSET) == STATUSES_2023


def test_unknown_and_absent_codes_allow_any_error_status() -> None:
    """An unknown code, a null code and a known code as a plain string are looked up alike."""
    assert statuses_for("VENDOR.NEW_CODE") == statuses_for(None) == ERROR_STATUSES
    assert statuses_for("PLATFORM.RATE_LIMIT_EXCEEDED") == (429,)
