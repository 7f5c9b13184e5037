"""kombo_tag_errors.httpx against a real local HTTP server: every case, sync and async, hook and functions."""

from __future__ import annotations

import functools
import json
import pickle
import string
import traceback
from collections.abc import Iterator
from typing import Any

import anyio
import attrs
import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kombo_tag_errors as kte
from helpers import SECRET_MARK
from kombo_tag_errors import APIStatusError, KomboAPIError, PostAtsCandidatesCandidateIDTagsResponseBody
from kombo_tag_errors.httpx import (
    DEFAULT_MAX_BYTES,
    UnexpectedResponse,
    afrom_response,
    araise_for_error,
    from_response,
    raise_for_error,
)
from local_server import CASES, HUGE_TOTAL, LocalServer, serve

Body = PostAtsCandidatesCandidateIDTagsResponseBody

TYPED = ["401-2023", "401-2026", "401-unknown-code", "401-no-content-type", "401-gzip", "401-slow-chunked"]
TYPED += ["403", "404", "503"]
TYPED += ["429-retry-after-ms", "429-retry-after", "429-retry-after-date", "429-ratelimit-reset"]
TYPED += ["429-concurrency", "429-unknown-code", "401-rate-limit-code"]
TYPED += ["409-setup-sync-pending", "409-setup-incomplete", "409-qa-failed", "503-setup-sync-pending"]
UNEXPECTED = [
    "401-not-json",
    "401-bad-json",
    "401-wrong-shape",
    "401-empty",
    "503-html",
    "401-gzip-over-limit",
    "429-empty",
    "502-html",
]
SYNC_MODES = ["hook", "raise", "stream"]
ASYNC_MODES = ["ahook", "araise", "astream"]
HEADERS = {"Authorization": "Bearer sk_live_0123456789abcdef"}
TAGS = {"tag": {"name": "python"}}


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    """The local server, started once for the module and stopped after it."""
    with serve() as s:
        yield s


@pytest.fixture
def anyio_backend() -> str:
    """Run the async tests on asyncio."""
    return "asyncio"


def call(mode: str, url: str, headers: dict[str, str] = HEADERS, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """What a caller of *url* gets: the error raised, the body `from_response` returned, or the response.

    ``hook``: `raise_for_error` as an event hook; ``raise``: `raise_for_error` on the read response;
    ``stream``: `from_response` on the unread response of ``client.stream``.
    """
    hook = functools.partial(raise_for_error, max_bytes=max_bytes)
    try:
        if mode == "hook":
            with httpx.Client(event_hooks={"response": [hook]}) as client:
                return client.post(url, json=TAGS, headers=headers)
        with httpx.Client() as client:
            if mode == "raise":
                response = client.post(url, json=TAGS, headers=headers)
                hook(response)
                return response
            with client.stream("POST", url, json=TAGS, headers=headers) as response:
                return from_response(response, max_bytes=max_bytes)
    except (KomboAPIError, UnexpectedResponse) as e:
        return e


async def acall(
    mode: str, url: str, headers: dict[str, str] = HEADERS, max_bytes: int = DEFAULT_MAX_BYTES
) -> Any:
    """The async twin of `call`, with an `httpx.AsyncClient`, `araise_for_error` and `afrom_response`."""
    hook = functools.partial(araise_for_error, max_bytes=max_bytes)
    try:
        if mode == "ahook":
            async with httpx.AsyncClient(event_hooks={"response": [hook]}) as client:
                return await client.post(url, json=TAGS, headers=headers)
        async with httpx.AsyncClient() as client:
            if mode == "araise":
                response = await client.post(url, json=TAGS, headers=headers)
                await hook(response)
                return response
            async with client.stream("POST", url, json=TAGS, headers=headers) as response:
                return await afrom_response(response, max_bytes=max_bytes)
    except (KomboAPIError, UnexpectedResponse) as e:
        return e


def check(name: str, mode: str, result: Any) -> httpx.Response:
    """*result* is what the case should give: the typed body, an UnexpectedResponse, or the 200 response.

    Returns the response *result* is or carries.
    """
    case = CASES[name]
    if name == "200":
        if mode.endswith("stream"):  # from_response refuses a success, leaving its body unread
            assert isinstance(result, UnexpectedResponse)
            assert (result.status_code, result.payload) == (200, b"")
            assert result.response is not None
            return result.response
        assert isinstance(result, httpx.Response)
        assert result.json() == json.loads(case.body)
        return result
    if name in TYPED:
        cls = Body if case.status == 401 else APIStatusError
        expected = kte.structure(json.loads(case.body), cls)
        if cls is APIStatusError:
            expected = attrs.evolve(expected, status_code=case.status)
        assert type(result) is cls
        assert isinstance(result, KomboAPIError)
        assert result == expected
        response = result.raw_response
    else:
        assert isinstance(result, UnexpectedResponse)
        assert result.payload == case.body[: DEFAULT_MAX_BYTES + 1]
        response = result.response
    assert result.status_code == case.status
    sent = {k.lower(): v for k, v in case.headers}
    assert {k: v for k, v in result.response_headers.items() if k != "content-type"} == sent
    assert result.response_headers.get("content-type") == case.content_type
    assert isinstance(response, httpx.Response)
    assert response.status_code == case.status
    assert response.request.url.path == f"/{name}"
    assert response.is_closed
    return response


def test_cases_are_all_checked() -> None:
    """Every case the server serves is expected to give a typed body, an UnexpectedResponse or success."""
    assert sorted([*TYPED, *UNEXPECTED, "200"]) == sorted(CASES)


@pytest.mark.parametrize("mode", SYNC_MODES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_sync_client(server: LocalServer, name: str, mode: str) -> None:
    """httpx.Client, with the event hook and the plain functions, gives every case its outcome."""
    check(name, mode, call(mode, f"{server.url}/{name}"))


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ASYNC_MODES)
@pytest.mark.parametrize("name", sorted(CASES))
async def test_async_client(server: LocalServer, name: str, mode: str) -> None:
    """httpx.AsyncClient, with the event hook and the plain functions, gives every case its outcome."""
    check(name, mode, await acall(mode, f"{server.url}/{name}"))


def test_hook_lets_a_success_be_read(server: LocalServer) -> None:
    """After the hook passes a 200, the client reads the body as usual."""
    with httpx.Client(event_hooks={"response": [raise_for_error]}) as client:
        response = client.post(f"{server.url}/200", json=TAGS)
    assert response.content == CASES["200"].body


def test_every_error_is_caught_by_the_base_class(server: LocalServer) -> None:
    """``except KomboAPIError`` around a client with the hook catches the 401 body and every sibling."""
    for name in ["401-2026", "403", "404", "503"]:
        with (
            pytest.raises(KomboAPIError) as info,
            httpx.Client(event_hooks={"response": [raise_for_error]}) as c,
        ):
            c.post(f"{server.url}/{name}", json=TAGS, headers=HEADERS)
        assert info.value.status_code == CASES[name].status


def _huge_sent(server: LocalServer) -> int:
    return server.huge_sent.get(timeout=60)


def _check_huge(result: Any, max_bytes: int) -> None:
    assert isinstance(result, UnexpectedResponse)
    assert len(result.payload) == max_bytes + 1
    assert result.payload.startswith(b'{"status":"error"')
    assert str(result) == f"HTTP 401: $: body larger than max_bytes={max_bytes}"
    assert result.response is not None
    assert result.response.is_closed


@pytest.mark.parametrize("mode", ["hook", "stream"])
def test_sync_read_is_bounded(server: LocalServer, mode: str) -> None:
    """Of a 64 MiB body, max_bytes + 1 bytes are read and the response closed: the server stops short."""
    _check_huge(call(mode, f"{server.url}/huge", max_bytes=1000), 1000)
    assert _huge_sent(server) < HUGE_TOTAL


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ["ahook", "astream"])
async def test_async_read_is_bounded(server: LocalServer, mode: str) -> None:
    """The async twins read at most max_bytes + 1 bytes of a 64 MiB body and close the response."""
    _check_huge(await acall(mode, f"{server.url}/huge", max_bytes=1000), 1000)
    assert _huge_sent(server) < HUGE_TOTAL


@pytest.mark.parametrize("mode", ["hook", "raise", "stream"])
def test_limit_applies_to_the_decoded_size(server: LocalServer, mode: str) -> None:
    """A gzip body of a few KiB that decodes to 2 MiB is over the default 1 MiB limit."""
    result = call(mode, f"{server.url}/401-gzip-over-limit")
    assert isinstance(result, UnexpectedResponse)
    assert len(result.payload) == DEFAULT_MAX_BYTES + 1
    assert result.response is not None
    assert int(result.response.headers["content-length"]) < 100_000


@pytest.mark.parametrize("name", ["401-2026", "503-html"])
def test_max_bytes_boundary(server: LocalServer, name: str) -> None:
    """A body of exactly max_bytes is read whole; one byte less is too large."""
    size = len(CASES[name].body)
    whole = call("hook", f"{server.url}/{name}", max_bytes=size)
    assert "larger than" not in str(whole)
    short = call("hook", f"{server.url}/{name}", max_bytes=size - 1)
    assert isinstance(short, UnexpectedResponse)
    assert short.payload == CASES[name].body
    assert [p.message for p in short.errors] == [f"body larger than max_bytes={size - 1}"]


# -- secrets ---------------------------------------------------------------------------------

# The marker keeps a drawn token from equalling a string of the code that an output shows anyway.
TOKENS = st.text(alphabet=string.ascii_letters + string.digits + "-._~+/", min_size=16, max_size=56).map(
    SECRET_MARK.__add__
)
QUICK_CASES = sorted(set(CASES) - {"401-slow-chunked", "401-gzip-over-limit"})


def outputs(result: Any) -> list[str | bytes]:
    """Every text or bytes this package can make of *result*: repr, str, traceback, pickle, JSON."""
    texts: list[str | bytes] = [repr(result), str(result)]
    if isinstance(result, httpx.Response):
        return texts
    again = pickle.loads(pickle.dumps(result))
    texts += [pickle.dumps(result), repr(again), str(again), repr(result.args), repr(result.__dict__)]
    texts.append("".join(traceback.format_exception(result)))
    if isinstance(result, KomboAPIError):
        texts += [kte.dumps(result), repr(kte.unstructure(result)), repr(result.raw_response)]
    else:
        assert again.response is None
        assert (again.status_code, again.payload, again.errors) == (
            result.status_code,
            result.payload,
            result.errors,
        )
        texts += [repr(result.response), repr(result.errors), repr(result.payload)]
    return texts


@given(
    api_key=TOKENS,
    cookie=TOKENS,
    other=TOKENS,
    name=st.sampled_from(QUICK_CASES),
    mode=st.sampled_from(SYNC_MODES + ASYNC_MODES),
)
def test_no_request_header_value_in_any_output(
    server: LocalServer, api_key: str, cookie: str, other: str, name: str, mode: str
) -> None:
    """No repr, str, traceback, pickle or JSON of a result holds a request header value it carries."""
    headers = {"Authorization": f"Bearer {api_key}", "Cookie": f"session={cookie}", "X-Api-Key": other}
    url = f"{server.url}/{name}"
    result = anyio.run(acall, mode, url, headers) if mode in ASYNC_MODES else call(mode, url, headers)
    response = check(name, mode, result)
    assert response.request.headers["authorization"] == f"Bearer {api_key}"
    for text in outputs(result):
        data = text if isinstance(text, bytes) else text.encode()
        for secret in (api_key, cookie, other):
            assert secret.encode() not in data


# -- the wrong hook, and streams that can no longer be read ------------------------------------


@pytest.mark.parametrize("name", ["200", "401-2026", "503"])
def test_async_hook_on_a_sync_client_raises(server: LocalServer, name: str) -> None:
    """araise_for_error on an httpx.Client raises a TypeError naming raise_for_error, on every status."""
    with (
        httpx.Client(event_hooks={"response": [araise_for_error]}) as client,
        pytest.raises(TypeError, match=r"araise_for_error\(\) is for httpx.AsyncClient.*use raise_for_error"),
    ):
        client.get(f"{server.url}/{name}")


@pytest.mark.anyio
@pytest.mark.parametrize("name", ["200", "401-2026", "503"])
async def test_sync_hook_on_an_async_client_raises(server: LocalServer, name: str) -> None:
    """raise_for_error on an httpx.AsyncClient raises a TypeError naming araise_for_error, on every status."""
    async with httpx.AsyncClient(event_hooks={"response": [raise_for_error]}) as client:
        with pytest.raises(TypeError, match=r"raise_for_error\(\) is for httpx.Client.*use araise_for_error"):
            await client.get(f"{server.url}/{name}")


@pytest.mark.anyio
async def test_functions_of_the_other_kind_raise_on_an_unread_stream(server: LocalServer) -> None:
    """from_response on an unread async stream, and the reverse: a TypeError naming the twin."""
    async with httpx.AsyncClient() as client, client.stream("GET", f"{server.url}/401-2026") as r:
        with pytest.raises(TypeError, match=r"use afrom_response\(\)"):
            from_response(r)
    with (
        httpx.Client() as sync_client,
        sync_client.stream("GET", f"{server.url}/401-2026") as s,
        pytest.raises(TypeError, match=r"use from_response\(\)"),
    ):
        await afrom_response(s)


@pytest.mark.anyio
async def test_a_read_response_works_with_either_function(server: LocalServer) -> None:
    """A response read already is structured by both functions, whatever client sent it, and by its hook."""
    async with httpx.AsyncClient() as client:
        r = await client.get(f"{server.url}/401-2026")
    with httpx.Client() as sync_client:
        s = sync_client.get(f"{server.url}/401-2026")
    for response in (r, s):
        assert from_response(response) == await afrom_response(response)
        with pytest.raises(Body):
            raise_for_error(response)
    with pytest.raises(Body):
        await araise_for_error(r)
    with pytest.raises(TypeError, match=r"use raise_for_error\(\)"):  # a sync client would drop it unawaited
        araise_for_error(s)


def test_async_hook_is_awaitable_and_checks_its_arguments() -> None:
    """araise_for_error returns an awaitable; a bad max_bytes raises at the call, before any await."""
    response = httpx.Response(200, request=httpx.Request("GET", "https://api.test/"))
    anyio.run(lambda: araise_for_error(response))
    with pytest.raises(ValueError, match="max_bytes"):
        araise_for_error(response, max_bytes=-1)


@pytest.mark.parametrize("state", ["closed", "consumed"])
def test_closed_or_consumed_stream_is_unexpected(server: LocalServer, state: str) -> None:
    """A stream closed before it was read, or consumed without being kept, gives UnexpectedResponse."""
    with httpx.Client() as client:
        with client.stream("GET", f"{server.url}/401-2026") as r:
            if state == "consumed":
                for _ in r.iter_raw():
                    pass
        with pytest.raises(UnexpectedResponse) as info:
            from_response(r)
    assert info.value.status_code == 401
    assert info.value.payload == b""
    assert ("consumed" if state == "consumed" else "closed before its body was read") in str(info.value)


@pytest.mark.anyio
@pytest.mark.parametrize("state", ["closed", "consumed"])
async def test_async_closed_or_consumed_stream_is_unexpected(server: LocalServer, state: str) -> None:
    """The async twin: a closed or consumed stream gives UnexpectedResponse with the status code."""
    async with httpx.AsyncClient() as client:
        async with client.stream("GET", f"{server.url}/503") as r:
            if state == "consumed":
                async for _ in r.aiter_bytes():
                    pass
        with pytest.raises(UnexpectedResponse) as info:
            await afrom_response(r)
    assert info.value.status_code == 503
    assert ("consumed" if state == "consumed" else "closed before its body was read") in str(info.value)


@pytest.mark.parametrize("coding", ["compress", "snappy"])
def test_unknown_coding_is_unexpected(server: LocalServer, coding: str) -> None:
    """A content coding httpx cannot decode gives UnexpectedResponse naming it, nothing read."""
    server.raw["odd"] = (401, {"Content-Encoding": coding}, b"\x1f\x9d whatever")
    with httpx.Client() as client, client.stream("GET", f"{server.url}/odd") as r:
        with pytest.raises(UnexpectedResponse, match=f"body could not be decoded: .*{coding!r}") as info:
            from_response(r)
        assert r.is_closed
    assert info.value.payload == b""


@pytest.mark.anyio
async def test_async_unknown_coding_is_unexpected(server: LocalServer) -> None:
    """The async twin: an unknown coding gives UnexpectedResponse, and the response is closed."""
    server.raw["odd-async"] = (503, {"Content-Encoding": "compress"}, b"\x1f\x9d whatever")
    async with httpx.AsyncClient() as client, client.stream("GET", f"{server.url}/odd-async") as r:
        with pytest.raises(UnexpectedResponse, match=r"body could not be decoded: .*'compress'"):
            await afrom_response(r)
        assert r.is_closed


# -- the safe headers, read from the response when first used ---------------------------------

HEADER_VALUES = st.text(string.ascii_letters + string.digits + " ,;=-", max_size=30).map(str.strip)


@given(
    retry_after=HEADER_VALUES.filter(bool),
    request_id=HEADER_VALUES.filter(bool),
    big=st.booleans(),
    how=st.sampled_from(["as read", "pickle", "copy", "deepcopy", "evolve"]),
)
def test_safe_headers_survive_every_copy(retry_after: str, request_id: str, big: bool, how: str) -> None:
    """response_headers hold the response's safe headers, on the fast and the general path, after any copy."""
    import copy

    body: dict[str, Any] = {"status": "error", "error": {"message": "m"}}
    if big:  # an integer beyond 64 bits takes the general path
        body["n"] = 2**70
    headers = {"Retry-After": retry_after, "X-Request-Id": request_id, "Authorization": "Bearer sEcRxxxxxxxx"}
    response = httpx.Response(429, content=json.dumps(body).encode(), headers=headers)
    result = from_response(response)
    again = {
        "as read": lambda b: b,
        "pickle": lambda b: pickle.loads(pickle.dumps(b)),
        "copy": copy.copy,
        "deepcopy": copy.deepcopy,
        "evolve": attrs.evolve,
    }[how](result)
    assert again.response_headers == {"retry-after": retry_after, "x-request-id": request_id}
    assert again.extra == ({"n": 2**70} if big else {})
