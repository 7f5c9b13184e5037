"""check's summary counts: the same however the input is cut into parts and merged."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kombo_tag_errors import (
    ErrorCode,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
)
from kombo_tag_errors.cli import _tally
from kombo_tag_errors.cli._tally import Tally

CODES = st.one_of(
    st.none(),
    st.sampled_from([c.value for c in ErrorCode]),
    st.sampled_from(["A", "B", "C", "D", "E", "LONG-CODE"]),
)


def _add(tally: Tally, codes: list[str | None]) -> None:
    for code in codes:
        error = PostAtsCandidatesCandidateIDTagsError("m", code=code, title=None, log_url=None)
        tally.add_body(PostAtsCandidatesCandidateIDTagsResponseBody(error), "2026")


def _count(codes: list[str | None]) -> Tally:
    tally = Tally()
    _add(tally, codes)
    return tally


@given(st.lists(CODES, max_size=30), st.lists(st.integers(min_value=0, max_value=30), max_size=4))
def test_merging_parts_gives_the_whole(codes: list[str | None], cuts: list[int]) -> None:
    """Tallies of consecutive parts, merged, equal the tally of the whole, listing limits included."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_tally, "MAX_LISTED", 3)
        mp.setattr(_tally, "MAX_CODE_LENGTH", 5)
        whole = _count(codes)
        merged = Tally()
        points = sorted({0, len(codes), *(min(c, len(codes)) for c in cuts)})
        for a, b in itertools.pairwise(points):
            merged.merge(_count(codes[a:b]))
    assert merged.as_json() == whole.as_json()
    assert merged.as_text() == whole.as_text()


def test_unknown_codes_are_listed_then_only_counted() -> None:
    """Unknown codes are listed one by one up to the limit, then only counted; known ones always."""
    tally = Tally()
    _add(tally, ["NEW.ONE", "NEW.ONE", "PLATFORM.RATE_LIMIT_EXCEEDED"])
    assert tally.as_json()["unknown_codes"] == {"NEW.ONE": 2}
    assert tally.retryable == 1
    _add(tally, [f"X{i}" for i in range(_tally.MAX_LISTED)])
    summary = tally.as_json()
    assert (summary["unknown_codes"], summary["unknown_codes_unlisted"]) == ({}, _tally.MAX_LISTED + 2)
    assert summary["codes"] == {"PLATFORM.RATE_LIMIT_EXCEEDED": 1}
    assert f"({_tally.MAX_LISTED + 2} with unknown codes not listed)" in tally.as_text()


def test_text_escapes_unknown_codes() -> None:
    """An unknown code holding control characters cannot break the summary's lines."""
    tally = Tally()
    _add(tally, ["BAD\nretryable: 999\x1b[2J"])
    text = tally.as_text()
    assert all(line.isprintable() for line in text.split("\n"))
    assert "BAD\\nretryable: 999\\x1b[2J 1 (unknown code)" in text
    assert len(text.split("\n")) == 6
