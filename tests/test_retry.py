"""kombo_tag_errors.retry: Kombo's retry rule, the server's wait hints, and the real stamina and tenacity."""

from __future__ import annotations

import email.utils
import itertools
import math
import pickle
import time
import uuid
from collections.abc import Iterator
from typing import Any

import attrs
import httpx
import pytest
import stamina
import tenacity
from hypothesis import given
from hypothesis import strategies as st

from helpers import api_errors
from kombo_tag_errors import (
    RETRYABLE_CODES,
    UNSET,
    APIStatusError,
    ErrorCode,
    KomboAPIError,
    KomboError,
    PayloadError,
    PostAtsCandidatesCandidateIDTagsError,
    Problem,
)
from kombo_tag_errors.httpx import UnexpectedResponse, raise_for_error
from kombo_tag_errors.retry import RETRYABLE_STATUSES, backoff_hook, retryable, wait_hint
from local_server import RETRY_AFTER_DATE, LocalServer, serve

TAGS = {"tag": {"name": "python"}}
HEADERS = {"Authorization": "Bearer sk_test_0123456789"}

# The wait each case asks for: None where no header says.
HINTS: dict[str, float | None] = {
    "429-retry-after-ms": 1.5,
    "429-retry-after": 3.0,
    "429-ratelimit-reset": 12.0,
    "429-unknown-code": 4.0,
    "429-empty": 2.0,
    "502-html": 5.0,
    "429-concurrency": None,
    "503": None,
    "503-html": None,
}
GIVE_UP = [
    "401-2026",
    "401-2023",
    "401-rate-limit-code",
    "401-not-json",
    "403",
    "404",
    "409-setup-sync-pending",
    "409-setup-incomplete",
    "409-qa-failed",
    "503-setup-sync-pending",
]


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    """The local server, started once for the module."""
    with serve() as s:
        yield s


def _get(server: LocalServer, name: str) -> KomboError:
    """What a POST to case *name* raises through the raise_for_error hook."""
    with httpx.Client(event_hooks={"response": [raise_for_error]}) as client:
        try:
            client.post(f"{server.url}/{name}", json=TAGS, headers=HEADERS)
        except KomboError as e:
            return e
    raise AssertionError(f"{name} raised nothing")


def _with(exc: KomboAPIError, code: Any, status: int | None) -> APIStatusError:
    return APIStatusError(error=attrs.evolve(exc.error, code=code), status_code=status)


# -- retryable --------------------------------------------------------------------------------


@given(api_errors(), st.sampled_from(list(ErrorCode)), st.none() | st.integers(100, 599))
def test_a_known_code_decides_whatever_the_status(
    exc: KomboAPIError, code: ErrorCode, status: int | None
) -> None:
    """A known code is retryable exactly when it is in RETRYABLE_CODES, with any status but 401."""
    body = _with(exc, code, status)
    assert retryable(body) is (status != 401 and code in RETRYABLE_CODES)


@given(
    api_errors(),
    st.sampled_from([UNSET, None, "", "PLATFORM.SOMETHING_NEW"]) | st.text(max_size=8),
    st.none() | st.integers(100, 599),
)
def test_without_a_known_code_the_status_decides(exc: KomboAPIError, code: Any, status: int | None) -> None:
    """An absent, null or unknown code leaves it to the status: 429, 502, 503 and 504 only."""
    if code in {c.value for c in ErrorCode}:
        code = "PLATFORM.SOMETHING_NEW"
    body = _with(exc, code, status)
    assert retryable(body) is (status in {429, 502, 503, 504})
    assert {429, 502, 503, 504} == RETRYABLE_STATUSES


def test_the_2026_codes() -> None:
    """The concurrency limit is retried; the setup codes are not, with 409 (2026-05-19) or 503 (before)."""
    base = KomboAPIError(error=PostAtsCandidatesCandidateIDTagsError(message="m"))
    for status in (409, 503):
        for code in (
            "INTEGRATION.SETUP_INCOMPLETE",
            "INTEGRATION.SETUP_SYNC_PENDING",
            "INTEGRATION.QA_FAILED",
        ):
            assert not retryable(_with(base, code, status))
    assert retryable(_with(base, "PLATFORM.CONCURRENCY_LIMIT_EXCEEDED", 429))
    assert not retryable(_with(base, None, 409))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("429-empty", True),
        ("502-html", True),
        ("503-html", True),
        ("401-not-json", False),
        ("401-empty", False),
    ],
)
def test_unexpected_responses_by_their_status(server: LocalServer, name: str, expected: bool) -> None:
    """An HTML 502/503 or an empty 429 is retried by its status; a 401 that is not JSON is not."""
    exc = _get(server, name)
    assert isinstance(exc, UnexpectedResponse)
    assert retryable(exc) is expected
    assert retryable(pickle.loads(pickle.dumps(exc))) is expected


@given(st.sampled_from([ValueError("x"), httpx.ConnectError("down"), KeyboardInterrupt(), TimeoutError()]))
def test_anything_else_is_not_retryable(exc: BaseException) -> None:
    """Another library's exception, or a bare PayloadError, is not retryable and has no hint."""
    assert retryable(exc) is False
    assert wait_hint(exc) is None
    assert backoff_hook(exc) is False
    assert retryable(PayloadError([Problem("$", "m")], b"")) is False


# -- wait_hint --------------------------------------------------------------------------------


def _hinted(headers: dict[str, str]) -> APIStatusError:
    error = PostAtsCandidatesCandidateIDTagsError(message="m", code="PLATFORM.RATE_LIMIT_EXCEEDED")
    body = APIStatusError(error=error, status_code=429)
    return attrs.evolve(body, response_headers=headers)


_NAMES = st.sampled_from(["retry-after-ms", "retry-after", "ratelimit-reset"])


@given(st.dictionaries(_NAMES, st.text(max_size=40) | st.from_regex(r"\A[0-9]{1,30}(\.[0-9]{0,12})?\Z")))
def test_wait_hint_never_raises_and_is_never_negative(headers: dict[str, str]) -> None:
    """Whatever the headers hold, the hint is None or a finite number of seconds >= 0."""
    hint = wait_hint(_hinted(headers))
    assert hint is None or (math.isfinite(hint) and hint >= 0)


@given(st.integers(0, 10**9), st.integers(0, 10**6), st.integers(0, 10**6))
def test_the_order_of_the_headers(ms: int, seconds: int, reset: int) -> None:
    """retry-after-ms wins over Retry-After, which wins over ratelimit-reset; each alone is read."""
    all_three = {"retry-after-ms": str(ms), "retry-after": str(seconds), "ratelimit-reset": str(reset)}
    assert wait_hint(_hinted(all_three)) == ms / 1000
    assert wait_hint(_hinted({"retry-after": str(seconds), "ratelimit-reset": str(reset)})) == seconds
    assert wait_hint(_hinted({"ratelimit-reset": str(reset)})) == reset
    assert wait_hint(_hinted({"retry-after-ms": "soon", "ratelimit-reset": str(reset)})) == reset
    assert wait_hint(_hinted({})) is None


@given(st.integers(-(10**9), 10**9))
def test_retry_after_as_an_http_date(offset: int) -> None:
    """An HTTP date gives the seconds until then, 0.0 for one in the past."""
    date = email.utils.formatdate(time.time() + offset, usegmt=True)
    hint = wait_hint(_hinted({"retry-after": date}))
    assert hint is not None
    assert hint == pytest.approx(max(0, offset), abs=2)
    assert hint >= 0


@pytest.mark.parametrize("value", ["", "-1", "1e3", "inf", "nan", "Thu, 99 Foo 2026", "9" * 400, "1,5"])
def test_garbage_gives_none(value: str) -> None:
    """A header that is not seconds nor a date gives None, not an exception."""
    assert (
        wait_hint(_hinted({"retry-after": value, "retry-after-ms": value, "ratelimit-reset": value})) is None
    )


def test_hints_from_the_server(server: LocalServer) -> None:
    """Each case's headers give the hint, bodies and UnexpectedResponse alike, and it survives pickling."""
    for name, hint in HINTS.items():
        exc = _get(server, name)
        assert wait_hint(exc) == hint, name
        assert wait_hint(pickle.loads(pickle.dumps(exc))) == hint, name
    dated = wait_hint(_get(server, "429-retry-after-date"))
    assert dated == pytest.approx(
        email.utils.parsedate_to_datetime(RETRY_AFTER_DATE).timestamp() - time.time(), abs=5
    )


# -- with stamina and tenacity against the local server ----------------------------------------


def _url(server: LocalServer, first: str) -> tuple[str, str]:
    token = uuid.uuid4().hex
    return token, f"{server.url}/once/{token}/{first}/200"


def _post(url: str) -> httpx.Response:
    with httpx.Client(event_hooks={"response": [raise_for_error]}) as client:
        return client.post(url, json=TAGS, headers=HEADERS)


@pytest.mark.parametrize("name", sorted(HINTS))
def test_stamina_retries_as_the_hint_says(server: LocalServer, name: str) -> None:
    """stamina with on=backoff_hook retries once and succeeds; the hook hands it the server's wait."""
    token, url = _url(server, name)
    handed: list[bool | float] = []

    def hook(exc: Exception) -> bool | float:
        handed.append(backoff_hook(exc))
        return handed[-1]

    with stamina.set_testing(True, attempts=3):
        response = stamina.retry(on=hook, attempts=3)(_post)(url)
    assert response.status_code == 200
    assert server.hits[token] == 2
    assert handed == [True if HINTS[name] is None else HINTS[name]]


@pytest.mark.parametrize("name", GIVE_UP)
def test_stamina_gives_up_at_once(server: LocalServer, name: str) -> None:
    """A 401, a 403/404 or a setup error is raised at the first attempt, never retried."""
    token, url = _url(server, name)
    with stamina.set_testing(True, attempts=3), pytest.raises(KomboError):
        stamina.retry(on=backoff_hook, attempts=3)(_post)(url)
    assert server.hits[token] == 1


def _tenacity(sleeps: list[float]) -> tenacity.Retrying:
    exponential = tenacity.wait_exponential(multiplier=1, min=1, max=60)

    def wait(state: tenacity.RetryCallState) -> float:
        assert state.outcome is not None
        exc = state.outcome.exception()
        hint = wait_hint(exc) if exc is not None else None
        return exponential(state) if hint is None else hint

    return tenacity.Retrying(
        retry=tenacity.retry_if_exception(retryable),
        wait=wait,
        stop=tenacity.stop_after_attempt(4),
        sleep=sleeps.append,
        reraise=True,
    )


@pytest.mark.parametrize("name", sorted(HINTS))
def test_tenacity_sleeps_what_the_server_asked(server: LocalServer, name: str) -> None:
    """tenacity with a fake sleep waits exactly the hint, or exponential backoff from 1 s without one."""
    token, url = _url(server, name)
    sleeps: list[float] = []
    response = _tenacity(sleeps)(_post, url)
    assert response.status_code == 200
    assert server.hits[token] == 2
    assert sleeps == [1.0 if HINTS[name] is None else HINTS[name]]


@pytest.mark.parametrize("name", GIVE_UP)
def test_tenacity_gives_up_at_once(server: LocalServer, name: str) -> None:
    """A 401, a 403/404 or a setup error is raised at once, without a sleep."""
    token, url = _url(server, name)
    sleeps: list[float] = []
    with pytest.raises(KomboError):
        _tenacity(sleeps)(_post, url)
    assert (server.hits[token], sleeps) == (1, [])


def test_tenacity_backs_off_until_it_stops(server: LocalServer) -> None:
    """A 429 that never ends is retried until the stop, then raised as the typed body."""
    sleeps: list[float] = []
    with pytest.raises(APIStatusError) as info:
        _tenacity(sleeps)(_post, f"{server.url}/429-concurrency")
    assert info.value.error.code is ErrorCode.PLATFORM_CONCURRENCY_LIMIT_EXCEEDED
    assert info.value.response_headers["concurrency-limit"] == "30"
    assert sleeps == [1.0, 2.0, 4.0]
    assert list(itertools.accumulate(sleeps))[-1] == 7.0


def test_hint_from_an_attached_response() -> None:
    """A body given its response by hand (no response_headers) takes the hint from the response's headers."""
    body = attrs.evolve(
        _hinted({}), raw_response=httpx.Response(429, headers={"Retry-After": "9", "X-Api-Key": "k"})
    )
    assert wait_hint(body) == 9.0
    assert wait_hint(_hinted({})) is None
