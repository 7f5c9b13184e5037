"""from_sdk_error against the real official SDK, ``kombo``, calling the local server."""

from __future__ import annotations

import json
from collections.abc import Iterator

import attrs
import pytest
from kombo import Kombo, errors

import kombo_tag_errors as kte
from kombo_tag_errors import APIStatusError, KomboAPIError, PostAtsCandidatesCandidateIDTagsResponseBody
from kombo_tag_errors.httpx import UnexpectedResponse, from_sdk_error
from kombo_tag_errors.logs import FIELD, from_log_fields, log_fields
from kombo_tag_errors.retry import retryable, wait_hint
from local_server import CASES, LocalServer, serve

# What the SDK raises for each case, and what from_sdk_error gives.
RAISED = {
    "401-2026": (errors.KomboAtsError, PostAtsCandidatesCandidateIDTagsResponseBody),
    "401-2023": (errors.ResponseValidationError, PostAtsCandidatesCandidateIDTagsResponseBody),
    "401-unknown-code": (errors.SDKDefaultError, PostAtsCandidatesCandidateIDTagsResponseBody),
    "403": (errors.KomboAtsError, APIStatusError),
    "409-setup-sync-pending": (errors.KomboAtsError, APIStatusError),
    "429-concurrency": (errors.KomboAtsError, APIStatusError),
    "429-unknown-code": (errors.ResponseValidationError, APIStatusError),
    "429-ratelimit-reset": (errors.KomboAtsError, APIStatusError),
    "503-html": (errors.SDKDefaultError, UnexpectedResponse),
    "429-empty": (errors.SDKDefaultError, UnexpectedResponse),
    "401-not-json": (errors.SDKDefaultError, UnexpectedResponse),
}


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    """The local server, started once for the module."""
    with serve() as s:
        yield s


def _sdk_error(server: LocalServer, name: str) -> errors.SDKError:
    """What the official SDK raises for ``add_candidate_tag`` when the server answers case *name*."""
    with Kombo(api_key="sk_test_0123456789", integration_id="i1", server_url=f"{server.url}/{name}") as sdk:
        try:
            sdk.ats.add_candidate_tag(candidate_id="c1", tag={"name": "python"})
        except errors.SDKError as e:
            return e
    raise AssertionError(f"the SDK raised nothing for {name}")


@pytest.mark.parametrize("name", sorted(RAISED))
def test_from_sdk_error_gives_the_whole_body(server: LocalServer, name: str) -> None:
    """Whatever the SDK raises, the typed body is the one the server sent: every key, code and status."""
    raised, expected_type = RAISED[name]
    exc = _sdk_error(server, name)
    assert type(exc) is raised
    body = from_sdk_error(exc)
    assert type(body) is expected_type
    assert body.__cause__ is exc
    assert body.status_code == CASES[name].status
    if isinstance(body, KomboAPIError):
        expected = kte.structure(json.loads(CASES[name].body), expected_type)
        if isinstance(expected, APIStatusError):
            expected = attrs.evolve(expected, status_code=CASES[name].status)
        assert body == expected
        assert body.raw_response is exc.raw_response
    else:
        assert body.payload == CASES[name].body
    assert body.response_headers == {
        **({"content-type": CASES[name].content_type} if CASES[name].content_type else {}),
        **{k.lower(): v for k, v in CASES[name].headers},
    }


def test_what_the_sdk_loses_is_recovered(server: LocalServer) -> None:
    """The unknown code of a 429 and the unknown keys the SDK drops are in the body, and it is retried."""
    body = from_sdk_error(_sdk_error(server, "429-unknown-code"))
    assert isinstance(body, APIStatusError)
    assert body.error.code == "PLATFORM.NEW_LIMIT_EXCEEDED"
    assert (retryable(body), wait_hint(body)) == (True, 4.0)
    extra = from_sdk_error(_sdk_error(server, "401-unknown-code"))
    assert isinstance(extra, KomboAPIError)
    assert extra.extra == {"request_id": "req_42"}
    assert extra.error.extra == {"hint": [1, 2]}
    assert not retryable(extra)


def test_sdk_errors_log_and_read_back(server: LocalServer) -> None:
    """The body or UnexpectedResponse from an SDK error logs its safe headers and reads back from the log."""
    for name in ("429-ratelimit-reset", "429-empty"):
        got = from_sdk_error(_sdk_error(server, name))
        fields = json.loads(json.dumps(log_fields(got)))
        assert fields[FIELD]["http"]["headers"] == got.response_headers
        assert "sk_test_0123456789" not in json.dumps(fields)
        back = from_log_fields(fields)
        assert type(back) is type(got)
        assert back.response_headers == got.response_headers


def test_an_exception_without_a_response_is_a_type_error() -> None:
    """NoResponseError and exceptions of other libraries have no response to read: TypeError."""
    for exc in (errors.NoResponseError(), ValueError("x")):
        with pytest.raises(TypeError, match="raw_response"):
            from_sdk_error(exc)


@pytest.fixture
def anyio_backend() -> str:
    """Run the async tests on asyncio."""
    return "asyncio"


@pytest.mark.anyio
async def test_the_async_sdk_errors_too(server: LocalServer) -> None:
    """The SDK's async call raises the same exceptions, and from_sdk_error reads them the same way."""
    url = f"{server.url}/429-unknown-code"
    async with Kombo(api_key="sk_test_0123456789", integration_id="i1", server_url=url) as sdk:
        with pytest.raises(errors.ResponseValidationError) as info:
            await sdk.ats.add_candidate_tag_async(candidate_id="c1", tag={"name": "python"})
    body = from_sdk_error(info.value)
    assert isinstance(body, APIStatusError)
    assert (body.error.code, body.status_code, wait_hint(body)) == ("PLATFORM.NEW_LIMIT_EXCEEDED", 429, 4.0)
