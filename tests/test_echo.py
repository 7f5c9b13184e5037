"""A server that echoes the request's credentials: no text written about the body holds one."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import attrs
import httpx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from helpers import SECRET_MARK, TOKEN_CHARS
from kombo_tag_errors import KomboAPIError, dumps, loads, unstructure
from kombo_tag_errors._echo import MIN_SECRET, mask_echoes, mask_text, request_secrets
from kombo_tag_errors._redact import MASK
from kombo_tag_errors.httpx import UnexpectedResponse, from_response, raise_for_error
from kombo_tag_errors.logs import log_fields
from kombo_tag_errors.strategies import bodies
from local_server import LocalServer, serve

SECRETS = st.text(TOKEN_CHARS, min_size=12, max_size=40).map(SECRET_MARK.__add__)


@st.composite
def requests(draw: st.DrawFn) -> tuple[httpx.Request, list[str]]:
    """A request carrying generated credentials in headers and URL, and the texts that must not leak."""
    auth, cookie, api_key, password, query_secret, other = draw(st.lists(SECRETS, min_size=6, max_size=6))
    scheme = draw(st.sampled_from(["Bearer ", "Basic ", "Token token=", ""]))
    headers = {
        "Authorization": scheme + auth,
        "Cookie": f"session={cookie}; theme=dark",
        "X-Api-Key": api_key,
        draw(st.sampled_from(["X-Custom", "Proxy-Authorization", "X-Auth-Token"])): other,
    }
    param = draw(st.sampled_from(["api_key", "Token", "access_token", "sig", "PASSWORD"]))
    url = f"https://svc:{password}@api.kombo.dev/v1/ats/candidates/7/tags?{param}={query_secret}&page=2"
    return httpx.Request("POST", url, headers=headers), [auth, cookie, api_key, password, query_secret, other]


def _echoed(draw: st.DrawFn, secrets: list[str], request: httpx.Request) -> st.SearchStrategy[str]:
    """Text around one echoed value: a secret, or a whole header value such as ``Bearer <token>``."""
    echoes = [*secrets, request.headers["Authorization"], request.headers["Cookie"], str(request.url)]
    return st.builds(
        lambda a, s, b: a + s + b, st.text(max_size=8), st.sampled_from(echoes), st.text(max_size=8)
    )


@st.composite
def echoing_responses(draw: st.DrawFn) -> tuple[httpx.Response, list[str]]:
    """An error response whose body quotes its request's credentials in message, title, code and extra."""
    request, secrets = draw(requests())
    body = draw(bodies())
    assume(SECRET_MARK not in json.dumps(unstructure(body), ensure_ascii=False))
    echo = _echoed(draw, secrets, request)
    obj: dict[str, Any] = unstructure(body)
    error = obj["error"]
    error["message"] = draw(echo)
    if draw(st.booleans()):
        error["title"] = draw(echo)
    if draw(st.booleans()):
        error["code"] = draw(echo)
    if draw(st.booleans()):
        obj[draw(echo)] = [draw(echo), {"nested": draw(echo)}]
    status = draw(st.sampled_from([401, 400, 403, 429, 503]))
    return httpx.Response(status, json=obj, request=request), secrets


def outputs(exc: BaseException) -> str:
    """Every text this package writes about *exc*, joined."""
    texts = [str(exc), repr(exc)]
    if isinstance(exc, KomboAPIError):
        texts += [json.dumps(log_fields(exc)), dumps(exc).decode(), json.dumps(unstructure(exc))]
    return "\n".join(texts)


@given(echoing_responses())
def test_echoed_secret_is_in_no_output(case: tuple[httpx.Response, list[str]]) -> None:
    """A secret of the request echoed anywhere in the body is in none of str, repr, log_fields, dumps."""
    response, secrets = case
    body = from_response(response)
    text = outputs(body)
    assert not [s for s in secrets if s in text]
    assert MASK in text
    assert any("credentials in the body replaced by 'REDACTED'" in note for note in body.__notes__)
    assert body.raw_response is response
    assert body.status_code == response.status_code


@given(echoing_responses())
def test_loads_of_the_same_bytes_is_lossless(case: tuple[httpx.Response, list[str]]) -> None:
    """loads of the body's bytes, with no request to know secrets by, keeps every character."""
    response, _secrets = case
    assert unstructure(loads(response.content)) == json.loads(response.content)


@given(requests(), st.sampled_from(['{"status": %s}', '{"status": "error", "error": %s}']))
def test_secret_in_a_problem_is_masked(case: tuple[httpx.Request, list[str]], template: str) -> None:
    """A body of the wrong shape that quotes a secret gives an UnexpectedResponse whose text has none."""
    request, secrets = case
    value = json.dumps("x" * 40 + " " + request.headers["Authorization"])
    response = httpx.Response(401, content=(template % value).encode(), request=request)
    with pytest.raises(UnexpectedResponse) as info:
        from_response(response)
    assert not [s[:MIN_SECRET] for s in secrets if s[:MIN_SECRET] in outputs(info.value)]


def test_no_secret_no_change() -> None:
    """A body that quotes nothing of its request is returned as read, without a note."""
    headers = {"Authorization": "Bearer sEcRabcdefgh"}
    request = httpx.Request("POST", "https://api.kombo.dev/x", headers=headers)
    response = httpx.Response(401, json={"status": "error", "error": {"message": "Bearer"}}, request=request)
    body = from_response(response)
    assert body.error.message == "Bearer"
    assert not hasattr(body, "__notes__")
    assert mask_echoes({"a": 1}, ()) == ({"a": 1}, 0)
    assert mask_text("abc", ()) == "abc"


def test_plain_headers_and_short_values_are_not_secrets() -> None:
    """User-Agent, Accept, Host... and values under MIN_SECRET characters are never masked."""
    request = httpx.Request(
        "GET", "https://api.kombo.dev/x?page=2&key=short", headers={"User-Agent": "python-httpx/0.28.1"}
    )
    assert request_secrets(httpx.Response(401, request=request)) == ()
    assert request_secrets(httpx.Response(401)) == ()


def test_basic_credentials_are_decoded() -> None:
    """A Basic credential's user and password are secrets, base64 or not."""
    credential = base64.b64encode(b"sEcRuser1234:sEcRpass1234").decode()
    headers = {"Authorization": f"Basic {credential}"}
    request = httpx.Request("GET", "https://api.kombo.dev/x", headers=headers)
    secrets = request_secrets(httpx.Response(401, request=request))
    assert {"sEcRuser1234", "sEcRpass1234", "sEcRuser1234:sEcRpass1234"} <= set(secrets)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    """The local server, whose ``/echo`` quotes the request in its 401."""
    with serve() as s:
        yield s


def test_hook_against_an_echoing_server(server: LocalServer) -> None:
    """Through the documented hook and a real server that quotes the key, the key is in no output."""
    key = "sEcR_live_0123456789abcdef"
    with (
        httpx.Client(event_hooks={"response": [raise_for_error]}) as client,
        pytest.raises(KomboAPIError) as info,
    ):
        client.post(f"{server.url}/echo?api_key={key}x", headers={"Authorization": f"Bearer {key}"})
    exc = info.value
    assert key not in outputs(exc)
    assert exc.error.message == f"Invalid key {MASK} for /echo?api_key={MASK}"
    assert key in exc.raw_response.request.headers["Authorization"]  # the request itself is untouched
    assert attrs.evolve(exc).error == exc.error
