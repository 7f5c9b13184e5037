"""The test kit: KomboEndpoint under httpx, respx and pytest-httpx; the hypothesis entry point."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from importlib.metadata import entry_points

import anyio
import httpx
import pytest
import respx
from hypothesis import given
from pytest_httpx import HTTPXMock

from kombo_tag_errors import APIStatusError, ErrorCode, PostAtsCandidatesCandidateIDTagsError
from kombo_tag_errors.httpx import UnexpectedResponse, from_response, raise_for_error
from kombo_tag_errors.strategies import api_errors, responses
from kombo_tag_errors.testing import (
    ENDPOINT_URL,
    KomboEndpoint,
    ResponseCase,
    encode_content,
    error_response,
    make_response,
)

URL = "https://api.kombo.dev/v1/ats/candidates/cand-1/tags"


def _post_until_done(client: httpx.Client, attempts: int = 5) -> list[int]:
    """A client's retry loop: retry while the error is retryable, at most *attempts* times."""
    seen = []
    for _ in range(attempts):
        response = client.post(URL, json={"tag": {"name": "x"}})
        seen.append(response.status_code)
        if not response.is_error or not from_response(response).error.retryable:
            break
    return seen


def test_sequence_is_answered_in_order_then_the_last_again() -> None:
    """Answers come in order, the last one repeats, and every request is recorded."""
    endpoint = KomboEndpoint(429, 429, 200)
    with httpx.Client(transport=endpoint.transport()) as client:
        assert _post_until_done(client) == [429, 429, 200]
        assert client.post(URL).status_code == 200
    assert len(endpoint.requests) == 4
    assert endpoint.requests[0].url == URL


def test_async_client_is_served_alike() -> None:
    """An httpx.AsyncClient gets the same answers, streamed cases included."""

    async def run() -> list[int]:
        case = ResponseCase(
            503, (("content-type", "text/html"),), b"<html/>", 2, UnexpectedResponse, None, "html"
        )
        endpoint = KomboEndpoint(case, "PLATFORM.CONCURRENCY_LIMIT_EXCEEDED", 201)
        async with httpx.AsyncClient(transport=endpoint.transport()) as client:
            return [(await client.post(URL)).status_code for _ in range(3)]

    assert anyio.run(run) == [503, 429, 201]


@pytest.mark.parametrize(
    ("answer", "status", "code"),
    [
        (429, 429, ErrorCode.PLATFORM_RATE_LIMIT_EXCEEDED),
        (409, 409, ErrorCode.INTEGRATION_SETUP_INCOMPLETE),
        (503, 503, ErrorCode.REMOTE_SERVICE_UNAVAILABLE),
        (418, 418, None),
        ("INTEGRATION.QA_FAILED", 409, ErrorCode.INTEGRATION_QA_FAILED),
        ("VENDOR.SOMETHING_NEW", 400, "VENDOR.SOMETHING_NEW"),
    ],
)
def test_status_and_code_answers(answer: int | str, status: int, code: object) -> None:
    """A status answers with a code that goes with it, a code with its status; from_response reads both."""
    body = from_response(error_response(answer))
    assert body.status_code == status
    assert body.error.code == code


@given(api_errors())
def test_a_body_is_served_as_from_response_reads_it(body: APIStatusError) -> None:
    """Any drawn body, served by the endpoint, is read back equal, with its status."""
    with httpx.Client(transport=KomboEndpoint(body).transport()) as client:
        assert from_response(client.post(URL)) == body


@given(responses())
def test_a_drawn_case_is_served_as_it_says(case: ResponseCase) -> None:
    """A drawn case served through a client is classified as the case says."""
    with httpx.Client(transport=KomboEndpoint(case).transport()) as client:
        response = client.post(URL)
        if case.unexpected:
            with pytest.raises(UnexpectedResponse):
                from_response(response)
        else:
            assert from_response(response) == case.body


@pytest.mark.parametrize(
    ("answers", "error"),
    [
        ((), ValueError),
        ((APIStatusError(error=PostAtsCandidatesCandidateIDTagsError(message="m")),), ValueError),
    ],
)
def test_endpoint_refuses_answers_it_cannot_send(answers: tuple[object, ...], error: type) -> None:
    """No answers, or a body without its status, are refused when the endpoint is made."""
    with pytest.raises(error):
        KomboEndpoint(*answers)  # type: ignore[arg-type]


@pytest.mark.parametrize(("answer", "error"), [(302, ValueError), (True, TypeError), (1.5, TypeError)])
def test_error_response_refuses_what_is_not_an_answer(answer: object, error: type) -> None:
    """A 1xx/3xx status, a bool or another type is not an answer."""
    with pytest.raises(error):
        error_response(answer)  # type: ignore[arg-type]


def test_a_response_is_served_as_it_is() -> None:
    """An httpx.Response answer is returned unchanged; an APIStatusError without a status is refused."""
    response = httpx.Response(500, text="boom")
    assert error_response(response) is response
    with pytest.raises(ValueError, match="status_code"):
        error_response(APIStatusError(error=PostAtsCandidatesCandidateIDTagsError(message="m")))


def test_make_response_and_encode_content() -> None:
    """Encoded content decodes back through httpx, read or streamed; bad arguments are refused."""
    for coding in ("gzip", "deflate", "br", "zstd", "gzip, deflate", None):
        wire = encode_content(b'{"a":1}', coding)
        headers = {"content-encoding": coding} if coding else {}
        assert make_response(200, headers, wire).content == b'{"a":1}'
        streamed = make_response(200, headers, wire, chunk_size=3)
        assert streamed.read() == b'{"a":1}'
    with pytest.raises(ValueError, match="coding"):
        encode_content(b"", "x-unknown")
    with pytest.raises(ValueError, match="chunk_size"):
        make_response(200, None, b"", chunk_size=0)


def test_respx_recipe() -> None:
    """respx routes the endpoint's URL to a KomboEndpoint: a retry loop sees 429, 429 then 200."""
    endpoint = KomboEndpoint(429, 429, 200)
    with respx.mock(assert_all_called=True) as router:
        router.post(ENDPOINT_URL).mock(side_effect=endpoint)
        with httpx.Client() as client:
            assert _post_until_done(client) == [429, 429, 200]
        assert router.calls.call_count == 3
    assert len(endpoint.requests) == 3


def test_pytest_httpx_recipe(httpx_mock: HTTPXMock) -> None:
    """pytest-httpx answers the endpoint's URL with a KomboEndpoint; the event hook raises its bodies."""
    endpoint = KomboEndpoint("INTEGRATION.SETUP_SYNC_PENDING")
    httpx_mock.add_callback(endpoint, url=ENDPOINT_URL, is_reusable=True)
    client = httpx.Client(event_hooks={"response": [raise_for_error]})
    with client, pytest.raises(APIStatusError) as info:
        client.post(URL)
    assert info.value.status_code == 409
    assert not info.value.error.retryable


def test_entry_point_is_declared() -> None:
    """The installed package declares its setup hook in hypothesis' entry-point group."""
    (ours,) = [e for e in entry_points(group="hypothesis") if e.value.startswith("kombo_tag_errors")]
    assert ours.load().__name__ == "_hypothesis_setup_hook"


def test_from_type_works_in_a_fresh_process_without_importing_the_strategies() -> None:
    """In a new interpreter, importing hypothesis alone registers the bodies for st.from_type."""
    code = textwrap.dedent(
        """
        import sys
        from hypothesis import find, strategies as st
        import kombo_tag_errors as kte
        assert "kombo_tag_errors.strategies" not in sys.modules
        body = find(st.from_type(kte.APIStatusError), lambda b: b.status_code == 429)
        assert body.status_code == 429, body
        body = find(st.from_type(kte.KomboAPIError), lambda b: b.status_code == 401)
        assert type(body) is kte.PostAtsCandidatesCandidateIDTagsResponseBody
        find(st.from_type(kte.PostAtsCandidatesCandidateIDTagsError), lambda e: e.code is not kte.UNSET)
        print("registered")
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stdout.strip() == "registered", result.stderr


def test_importing_the_package_or_the_kit_imports_no_hypothesis() -> None:
    """Neither the package nor kombo_tag_errors.testing imports hypothesis or the strategies."""
    code = (
        "import sys, kombo_tag_errors, kombo_tag_errors.testing; "
        "print(sorted(m for m in ('hypothesis', 'kombo_tag_errors.strategies') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
