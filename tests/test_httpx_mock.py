"""kombo_tag_errors.httpx on in-memory responses and httpx.MockTransport: the rules as properties."""

from __future__ import annotations

import json
import pickle
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio
import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kombo_tag_errors as kte
import kombo_tag_errors.httpx as kh
from kombo_tag_errors import APIStatusError, KomboAPIError, PostAtsCandidatesCandidateIDTagsResponseBody
from kombo_tag_errors.httpx import UnexpectedResponse, afrom_response, from_response, raise_for_error
from kombo_tag_errors.strategies import payloads

Body = PostAtsCandidatesCandidateIDTagsResponseBody

payload_bytes = payloads().map(lambda p: json.dumps(p).encode())
JSON_MEDIA_TYPES = st.one_of(
    st.none(),
    st.builds(
        lambda media, upper, params: (media.upper() if upper else media) + params,
        st.sampled_from(["application/json", "application/problem+json"]),
        st.booleans(),
        st.sampled_from(["", "; charset=utf-8", ";charset=UTF-8", " ; version=2"]),
    ),
)
OTHER_MEDIA_TYPES = st.sampled_from(
    [
        "text/html",
        "text/plain",
        "application/xml",
        "application/jsonp",
        "application/vnd.api+json",
        "text/json",
        "",
    ]
)


def _same_json(a: Any, b: Any) -> bool:
    return kte._models.json_key(a) == kte._models.json_key(b)


def _outcome(fn: Any, response: httpx.Response) -> Any:
    try:
        return fn(response)
    except (KomboAPIError, UnexpectedResponse) as e:
        return e


async def _aoutcome(response: httpx.Response) -> Any:
    try:
        return await afrom_response(response)
    except UnexpectedResponse as e:
        return e


def _fetch(how: str, status: int, chunks: list[bytes], max_bytes: int, consumed: list[bytes]) -> Any:
    """`from_response` on a 401 whose body arrives in *chunks*: read already, streamed, or streamed async."""
    if how == "read":
        consumed.append(b"".join(chunks))
        response = httpx.Response(status, content=b"".join(chunks))
        return _outcome(lambda r: from_response(r, max_bytes=max_bytes), response), response

    def pieces() -> Iterator[bytes]:
        for chunk in chunks:
            consumed.append(chunk)
            yield chunk

    async def apieces() -> AsyncIterator[bytes]:
        for chunk in pieces():
            yield chunk

    if how == "stream":
        transport = httpx.MockTransport(lambda request: httpx.Response(status, content=pieces()))
        with httpx.Client(transport=transport) as client, client.stream("POST", "https://api.test/") as r:
            return _outcome(lambda r: from_response(r, max_bytes=max_bytes), r), r

    async def run() -> Any:
        transport = httpx.MockTransport(lambda request: httpx.Response(status, content=apieces()))
        async with (
            httpx.AsyncClient(transport=transport) as client,
            client.stream("POST", "https://api.test/") as r,
        ):
            try:
                return await afrom_response(r, max_bytes=max_bytes), r
            except (KomboAPIError, UnexpectedResponse) as e:
                return e, r

    return anyio.run(run)


@given(
    data=st.data(),
    valid=st.booleans(),
    max_bytes=st.integers(0, 400),
    how=st.sampled_from(["read", "stream", "astream"]),
)
def test_body_is_read_to_max_bytes_plus_one(
    data: st.DataObject, valid: bool, max_bytes: int, how: str
) -> None:
    """However the body is chunked, reading stops at max_bytes + 1 bytes; a body within the limit is whole."""
    body = data.draw(payload_bytes if valid else st.binary(max_size=500))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(body)), max_size=6)))
    chunks = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    consumed: list[bytes] = []
    result, response = _fetch(how, 401, chunks, max_bytes, consumed)
    assert sum(len(c) for c in consumed[:-1]) <= max_bytes
    assert response.is_closed
    if len(body) > max_bytes:
        assert isinstance(result, UnexpectedResponse)
        assert result.payload == body[: max_bytes + 1]
    elif valid:
        assert type(result) is Body
        assert result == kte.loads(body)
        assert result.raw_response is response
    elif isinstance(result, UnexpectedResponse):
        assert result.payload == body


@given(status=st.integers(400, 599), payload=payloads(), media=JSON_MEDIA_TYPES)
def test_error_status_gives_its_class(status: int, payload: dict[str, Any], media: str | None) -> None:
    """A 401 gives the 401 body, any other 4xx/5xx an APIStatusError with its status, for any JSON type."""
    headers = {} if media is None else {"content-type": media}
    response = httpx.Response(status, headers=headers, content=json.dumps(payload).encode())
    body = from_response(response)
    assert type(body) is (Body if status == 401 else APIStatusError)
    assert body.status_code == status
    assert body.raw_response is response
    assert _same_json(kte.unstructure(body), payload)
    with pytest.raises(KomboAPIError) as info:
        raise_for_error(response)
    assert info.value == body


@given(status=st.integers(400, 599), payload=payloads(), media=OTHER_MEDIA_TYPES)
def test_other_content_type_is_unexpected(status: int, payload: dict[str, Any], media: str) -> None:
    """A content type other than JSON gives UnexpectedResponse keeping the body, even a valid one."""
    data = json.dumps(payload).encode()
    response = httpx.Response(status, headers={"content-type": media}, content=data)
    with pytest.raises(UnexpectedResponse) as info:
        from_response(response)
    assert (info.value.payload, info.value.status_code, info.value.response) == (data, status, response)
    assert [p.message for p in info.value.errors] == [f"content type {media!r} is not JSON"]


@given(status=st.integers(100, 399), body=st.binary(max_size=50))
def test_no_error_status_leaves_the_body_unread(status: int, body: bytes) -> None:
    """raise_for_error passes a 1xx/2xx/3xx untouched; from_response refuses it without reading the body."""
    response = httpx.Response(status, content=iter([body]))
    assert raise_for_error(response) is None
    with pytest.raises(UnexpectedResponse) as info:
        from_response(response)
    assert (info.value.payload, info.value.status_code) == (b"", status)
    assert response.read() == body


@pytest.mark.parametrize("use_async", [False, True])
def test_undecodable_body_is_unexpected(use_async: bool) -> None:
    """A body that is not the gzip its Content-Encoding names gives UnexpectedResponse and is closed."""
    headers = {"content-encoding": "gzip", "content-type": "application/json"}

    async def pieces() -> AsyncIterator[bytes]:
        yield b"not gzip"

    if use_async:
        response = httpx.Response(503, headers=headers, content=pieces())
        result = anyio.run(_aoutcome, response)
    else:
        response = httpx.Response(503, headers=headers, content=iter([b"not gzip"]))
        result = _outcome(from_response, response)
    assert isinstance(result, UnexpectedResponse)
    assert result.errors[0].message.startswith("body could not be decoded: ")
    assert isinstance(result.__cause__, httpx.DecodingError)
    assert (result.status_code, result.payload) == (503, b"")
    assert response.is_closed


@pytest.mark.parametrize("max_bytes", [True, 1.5, "1", None])
def test_max_bytes_of_another_type_is_a_type_error(max_bytes: Any) -> None:
    """max_bytes must be an int: a bool, float, str or None is a TypeError naming it."""
    with pytest.raises(TypeError, match="max_bytes must be an int"):
        from_response(httpx.Response(401), max_bytes=max_bytes)


def test_negative_max_bytes_is_a_value_error() -> None:
    """A negative max_bytes is a ValueError naming it."""
    with pytest.raises(ValueError, match="max_bytes must be >= 0"):
        from_response(httpx.Response(401), max_bytes=-1)


def test_hook_passes_a_redirect_and_raises_at_its_target() -> None:
    """Following redirects, the hook lets the 302 through and raises the 401 it leads to."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(302, headers={"location": "/new"})
        return httpx.Response(401, json={"status": "error", "error": {"message": "moved"}})

    hooks = {"response": [raise_for_error]}
    with (
        httpx.Client(
            transport=httpx.MockTransport(handler), event_hooks=hooks, follow_redirects=True
        ) as client,
        pytest.raises(Body) as info,
    ):
        client.get("https://api.test/old")
    assert info.value.error.message == "moved"
    assert info.value.raw_response is not None
    assert info.value.raw_response.url.path == "/new"


def test_unexpected_response_text_and_pickle() -> None:
    """repr and str name the status and the problems; pickling keeps all but the response."""
    response = httpx.Response(503, headers={"content-type": "text/html"}, content=b"<h1>down</h1>")
    with pytest.raises(kte.PayloadError) as info:
        from_response(response)
    e = info.value
    assert isinstance(e, UnexpectedResponse)
    assert str(e) == "HTTP 503: $: content type 'text/html' is not JSON"
    assert (
        repr(e)
        == "<UnexpectedResponse: HTTP 503, 1 problem, first \"$: content type 'text/html' is not JSON\">"
    )
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is UnexpectedResponse
    assert (again.errors, again.payload, again.status_code, again.response) == (
        e.errors,
        e.payload,
        503,
        None,
    )
    assert str(again) == str(e)


def test_exported_members_match_all() -> None:
    """kombo_tag_errors.httpx exports exactly the names in its __all__, sorted."""
    public = {n for n in dir(kh) if not n.startswith("_")}
    assert public == set(kh.__all__)
    assert list(kh.__all__) == sorted(kh.__all__, key=lambda n: (not n.isupper(), n))
