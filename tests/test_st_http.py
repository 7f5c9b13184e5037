"""The response strategies: each drawn response is classified by from_response exactly as it says."""

from __future__ import annotations

import anyio
import pytest
from hypothesis import Phase, given, settings
from hypothesis import find as _find
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from kombo_tag_errors import (
    UNSET,
    APIStatusError,
    ErrorCode,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
)
from kombo_tag_errors._statuses import ERROR_STATUSES, STATUSES_2023, statuses_for
from kombo_tag_errors.httpx import UnexpectedResponse, afrom_response, from_response
from kombo_tag_errors.strategies import api_errors, responses
from kombo_tag_errors.testing import ResponseCase, content_codings

Body = PostAtsCandidatesCandidateIDTagsResponseBody
_SEARCH = settings(phases=[Phase.generate], max_examples=5000, database=None)


def hypothesis_find(strategy: st.SearchStrategy[object], condition: object) -> object:
    """An example satisfying *condition*, searched for without shrinking it (the search is what is tested)."""
    return _find(strategy, condition, settings=_SEARCH)  # type: ignore[arg-type]


def _status_of(body: KomboAPIError) -> int:
    return 401 if type(body) is Body else body.status_code  # type: ignore[return-value]


def _check(case: ResponseCase, outcome: object) -> None:
    if case.unexpected:
        assert isinstance(outcome, UnexpectedResponse), (case, outcome)
        assert outcome.status_code == case.status_code
    else:
        assert type(outcome) is case.expected, (case, outcome)
        assert outcome == case.body
        assert isinstance(outcome, KomboAPIError)
        assert outcome.status_code == case.status_code
        assert outcome.raw_response is not None


@given(responses())
def test_from_response_classifies_every_response_as_it_says(case: ResponseCase) -> None:
    """from_response returns the body a drawn response says, or raises UnexpectedResponse when it says so."""
    try:
        outcome: object = from_response(case.response())
    except UnexpectedResponse as e:
        outcome = e
    _check(case, outcome)


@given(responses())
def test_afrom_response_classifies_every_response_as_it_says(case: ResponseCase) -> None:
    """afrom_response, the async twin, classifies each drawn response alike."""

    async def run() -> object:
        try:
            return await afrom_response(case.response())
        except UnexpectedResponse as e:
            return e

    _check(case, anyio.run(run))


@given(api_errors())
def test_api_errors_status_goes_with_the_code(body: KomboAPIError) -> None:
    """A drawn body's status is one Kombo sends its code with; 401 is the 401 body, others APIStatusError."""
    status = _status_of(body)
    assert status in statuses_for(body.error.code)
    assert (type(body) is Body) == (status == 401)
    assert type(body) in (Body, APIStatusError)


@given(st.data(), st.sets(st.sampled_from(ERROR_STATUSES), min_size=1))
def test_api_errors_statuses_narrow(data: st.DataObject, statuses: set[int]) -> None:
    """With statuses, every drawn body comes with one of them."""
    body = data.draw(api_errors("2026", statuses=statuses))
    assert _status_of(body) in statuses


@given(api_errors(codes=[ErrorCode.INTEGRATION_SETUP_SYNC_PENDING, "VENDOR.NEW", None]))
def test_api_errors_codes_narrow(body: KomboAPIError) -> None:
    """With codes, every drawn body has one of them, with its status: a setup code with 409."""
    assert body.error.code in (ErrorCode.INTEGRATION_SETUP_SYNC_PENDING, "VENDOR.NEW", None)
    if body.error.code == ErrorCode.INTEGRATION_SETUP_SYNC_PENDING:
        assert _status_of(body) == 409


@given(api_errors("2023"))
def test_2023_bodies_have_the_documents_statuses(body: KomboAPIError) -> None:
    """A body of the 2023 shape comes with a status of the 2023 document."""
    assert body.error.code is UNSET
    assert _status_of(body) in STATUSES_2023


@pytest.mark.parametrize("code", [*ErrorCode, "unknown", "null", "absent"])
def test_api_errors_draw_every_code(code: object) -> None:
    """Every known code is drawn, and so are unknown, null and absent codes."""

    def has(body: KomboAPIError) -> bool:
        c = body.error.code
        if code == "unknown":
            return isinstance(c, str) and not isinstance(c, ErrorCode)
        if code in ("null", "absent"):
            return c is (None if code == "null" else UNSET)
        return c == code

    hypothesis_find(api_errors(), has)


def test_api_errors_draw_unknown_keys() -> None:
    """Unknown keys are drawn at both levels of the body."""
    hypothesis_find(api_errors(), lambda b: bool(b.extra) and bool(b.error.extra))


@pytest.mark.parametrize(
    "wanted",
    [
        pytest.param(lambda c, kind=kind: c.kind == kind, id=kind)
        for kind in (
            "json",
            "html",
            "empty",
            "truncated",
            "not the error shape",
            "not JSON by its content type",
        )
    ]
    + [
        pytest.param(lambda c, coding=coding: ("content-encoding", coding) in c.headers, id=coding)
        for coding in content_codings()
    ]
    + [
        pytest.param(lambda c: c.chunk_size is not None, id="chunked"),
        pytest.param(
            lambda c: any(k == "retry-after" and v.endswith("GMT") for k, v in c.headers), id="date"
        ),
        pytest.param(lambda c: any(k == "retry-after" and v.isdigit() for k, v in c.headers), id="seconds"),
        pytest.param(lambda c: any(k == "retry-after-ms" for k, _ in c.headers), id="ms"),
        pytest.param(lambda c: ("concurrency-remaining", "0") in c.headers, id="concurrency"),
        pytest.param(lambda c: any(k == "ratelimit-reset" for k, _ in c.headers), id="ratelimit"),
        pytest.param(lambda c: ("content-type", "application/problem+json") in c.headers, id="problem"),
        pytest.param(lambda c: not any(k == "content-type" for k, _ in c.headers), id="no-content-type"),
        pytest.param(lambda c: any(k == "x-request-id" for k, _ in c.headers), id="request-id"),
    ],
)
def test_responses_draw_every_variety(wanted: object) -> None:
    """Every kind of response, content coding, chunking and header form is drawn."""
    hypothesis_find(responses(), wanted)  # type: ignore[arg-type]


def test_br_and_zstd_are_drawn_where_installed() -> None:
    """With brotli and zstandard installed (test dependencies), br and zstd are among the codings."""
    assert set(content_codings()) == {"gzip", "deflate", "br", "zstd"}


@given(responses(kind="valid", statuses=[429]))
def test_valid_429s(case: ResponseCase) -> None:
    """kind='valid' with statuses=[429] draws error bodies of the rate and concurrency limits and others."""
    assert not case.unexpected
    assert case.status_code == 429
    assert case.body is not None
    assert 429 in statuses_for(case.body.error.code)


@given(responses(kind="unexpected", statuses=[502, 503]))
def test_unexpected_only(case: ResponseCase) -> None:
    """kind='unexpected' draws only responses from_response refuses, with the statuses asked for."""
    assert case.unexpected
    assert case.body is None
    assert case.status_code in (502, 503)


@given(responses(codes=[ErrorCode.PLATFORM_CONCURRENCY_LIMIT_EXCEEDED]))
def test_codes_narrow_responses(case: ResponseCase) -> None:
    """With codes, only responses holding one of the codes are drawn; the concurrency limit's headers come."""
    assert case.status_code == 429
    assert case.kind in ("json", "truncated", "not JSON by its content type")
    assert ("concurrency-remaining", "0") in case.headers


@pytest.mark.parametrize(
    "make",
    [
        lambda: api_errors("2023", codes=["X"]),
        lambda: api_errors(statuses=[200]),
        lambda: api_errors(statuses=[True]),
        lambda: api_errors("2023", statuses=[429]),
        lambda: api_errors(shape="2024"),  # type: ignore[arg-type]
        lambda: responses(kind="other"),  # type: ignore[arg-type]
        lambda: responses(kind="valid", statuses=[]),
        lambda: responses(statuses=[]),
        lambda: responses(codes=["X"], statuses=[200]),
    ],
)
def test_impossible_arguments_are_refused(make: object) -> None:
    """Arguments no response satisfies raise InvalidArgument, when the strategy is built."""
    with pytest.raises(InvalidArgument):
        make()  # type: ignore[operator]


@given(st.from_type(APIStatusError))
def test_from_type_api_status_error(body: APIStatusError) -> None:
    """st.from_type(APIStatusError) draws bodies with their status set, never 401."""
    assert type(body) is APIStatusError
    assert body.status_code is not None
    assert body.status_code != 401
    assert body.status_code in statuses_for(body.error.code)


def test_from_type_kombo_api_error_draws_both_classes() -> None:
    """st.from_type(KomboAPIError) draws 401 bodies and APIStatusError alike."""
    hypothesis_find(st.from_type(KomboAPIError), lambda b: type(b) is Body)
    hypothesis_find(st.from_type(KomboAPIError), lambda b: type(b) is APIStatusError)
