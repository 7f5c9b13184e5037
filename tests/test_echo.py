"""A server that echoes the request's credentials: no text written about the body holds one."""

from __future__ import annotations

import base64
import copy
import io
import json
import logging
import pickle
from collections.abc import Iterator
from typing import Any

import attrs
import httpx
import pytest
import structlog
from hypothesis import assume, given
from hypothesis import strategies as st
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from helpers import SECRET_MARK, secret_requests
from kombo_tag_errors import (
    TRANSIENT,
    KomboAPIError,
    KomboError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    dumps,
    loads,
    unstructure,
)
from kombo_tag_errors._echo import MIN_SECRET, mask_echoes, mask_text, request_secrets
from kombo_tag_errors._models import masked_copy
from kombo_tag_errors._redact import MASK
from kombo_tag_errors._withhold import withheld_copy
from kombo_tag_errors.httpx import UnexpectedResponse, from_response, raise_for_error
from kombo_tag_errors.logs import ErrorFieldsFilter, log_fields
from kombo_tag_errors.otel import error_attributes, record_error
from kombo_tag_errors.strategies import bodies
from kombo_tag_errors.structlog import add_error_fields, trim_tracebacks
from local_server import LocalServer, serve


def _echoed(draw: st.DrawFn, secrets: list[str], request: httpx.Request) -> st.SearchStrategy[str]:
    """Text around one echoed value: a secret, or a whole header value such as ``Bearer <token>``."""
    echoes = [*secrets, request.headers["Authorization"], request.headers["Cookie"], str(request.url)]
    return st.builds(
        lambda a, s, b: a + s + b, st.text(max_size=8), st.sampled_from(echoes), st.text(max_size=8)
    )


@st.composite
def echoing_responses(draw: st.DrawFn) -> tuple[httpx.Response, list[str]]:
    """An error response whose body quotes its request's credentials in message, title, code and extra."""
    request, secrets = draw(secret_requests())
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


def _logged(exc: BaseException, handler_filter: logging.Filter) -> str:
    """What a JSON-ish stdlib handler with *handler_filter* writes for ``log.exception`` of *exc*."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(handler_filter)
    handler.setFormatter(logging.Formatter("%(message)s %(kombo_error)s"))
    log = logging.Logger("echo-test")
    log.addHandler(handler)
    try:
        raise exc.with_traceback(None)  # the test's own frames hold the secrets: not the package's output
    except type(exc):
        log.exception("failed: %s %r", exc, exc)
    return stream.getvalue()


def _structlogged(exc: BaseException) -> str:
    """What structlog writes for ``log.exception`` of *exc*, as the logging how-to sets it up (locals on)."""
    chain: list[Any] = [
        add_error_fields,
        trim_tracebacks,
        structlog.processors.dict_tracebacks,
        structlog.processors.JSONRenderer(),
    ]
    log = structlog.wrap_logger(structlog.ReturnLogger(), processors=chain)
    try:
        raise exc.with_traceback(None)
    except type(exc):
        return str(log.exception("failed", error=str(exc)))


def outputs(exc: BaseException) -> str:
    """Every text this package writes about *exc* for a person or a log, joined.

    ``str``, ``repr``, `log_fields` (withheld or not), the logging filter, structlog, and of a body its
    trace attributes and its nested error's ``repr``. The body's own values (``exc.extra``, ``vars(exc)``)
    are exact: their repr is Python's.
    """
    texts = [str(exc), repr(exc), _structlogged(exc)]
    if isinstance(exc, KomboError):
        texts += [json.dumps(log_fields(exc)), json.dumps(log_fields(exc, withhold_message=True))]
        texts += [_logged(exc, ErrorFieldsFilter()), _logged(exc, ErrorFieldsFilter(withhold_message=True))]
    if isinstance(exc, KomboAPIError):
        texts += [json.dumps(error_attributes(exc)), str(withheld_copy(exc)), repr(withheld_copy(exc))]
        texts.append(repr(exc.error))
    return "\n".join(texts)


@given(echoing_responses())
def test_echoed_secret_is_in_no_output(case: tuple[httpx.Response, list[str]]) -> None:
    """A secret of the request echoed anywhere in the body is in no text written about it, which says so."""
    response, secrets = case
    body = from_response(response)
    text = outputs(body)
    assert not [s for s in secrets if s in text]
    assert MASK in text
    assert log_fields(body)["kombo_error"]["echoes_masked"] >= 1
    assert any("echoes the request's credentials" in note for note in body.__notes__)
    assert body.raw_response is response
    assert body.status_code == response.status_code


@given(echoing_responses())
def test_the_body_itself_is_lossless(case: tuple[httpx.Response, list[str]]) -> None:
    """The body keeps the exact payload: unstructure and dumps give it, loads of dumps gives the same body."""
    response, _secrets = case
    body = from_response(response)
    assert unstructure(body) == json.loads(response.content) == unstructure(loads(response.content))
    again = loads(dumps(body))
    assert (again.error, again.extra) == (body.error, body.extra)


@given(echoing_responses(), st.sampled_from(["pickle", "copy", "deepcopy", "evolve"]))
def test_copies_mask_as_the_body_does(case: tuple[httpx.Response, list[str]], how: str) -> None:
    """A pickled, copied or evolved body still masks what it echoes in every text, and stays exact."""
    response, secrets = case
    body = from_response(response)
    again = {
        "pickle": lambda b: pickle.loads(pickle.dumps(b)),
        "copy": copy.copy,
        "deepcopy": copy.deepcopy,
        "evolve": attrs.evolve,
    }[how](body)
    assert again == body
    assert unstructure(again) == unstructure(body)
    text = outputs(again)
    assert not [s for s in secrets if s in text]


@attrs.frozen(slots=False)
class _Tenant(PostAtsCandidatesCandidateIDTagsResponseBody):
    """A user's subclass with a field of its own, which attrs gives its own repr."""

    _tenant: str = attrs.field(default="acme", kw_only=True, metadata={TRANSIENT: True})


@given(echoing_responses())
def test_a_subclass_of_your_own_masks_too(case: tuple[httpx.Response, list[str]]) -> None:
    """A user subclass (its repr made by attrs) masks the echoes of a body read into it as its parent does."""
    response, secrets = case
    body = from_response(httpx.Response(401, content=response.content, request=response.request))
    mine = _Tenant(error=body.error, extra=body.extra, _echoes=body._echoes)
    assert "tenant='acme'" in repr(mine)
    assert not [s for s in secrets if s in outputs(mine)]
    assert unstructure(mine) == unstructure(body)


@given(echoing_responses())
def test_otel_record_error_masks_echoes(case: tuple[httpx.Response, list[str]]) -> None:
    """The span's attributes, event (message included) and status hold no echoed credential."""
    response, secrets = case
    body = from_response(response)
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    with provider.get_tracer("echo").start_as_current_span("tag") as span:
        record_error(span, body, include_message=True)
    (finished,) = exporter.get_finished_spans()
    text = repr([finished.attributes, [e.attributes for e in finished.events], finished.status.description])
    assert not [s for s in secrets if s in text]


@given(echoing_responses())
def test_loads_of_the_same_bytes_is_lossless(case: tuple[httpx.Response, list[str]]) -> None:
    """loads of the body's bytes, with no request to know secrets by, keeps every character."""
    response, _secrets = case
    assert unstructure(loads(response.content)) == json.loads(response.content)


@given(secret_requests(), st.sampled_from(['{"status": %s}', '{"status": "error", "error": %s}']))
def test_secret_in_a_problem_is_masked(case: tuple[httpx.Request, list[str]], template: str) -> None:
    """A body of the wrong shape that quotes a secret gives an UnexpectedResponse whose text has none."""
    request, secrets = case
    value = json.dumps("x" * 40 + " " + request.headers["Authorization"])
    response = httpx.Response(401, content=(template % value).encode(), request=request)
    with pytest.raises(UnexpectedResponse) as info:
        from_response(response)
    assert not [s[:MIN_SECRET] for s in secrets if s[:MIN_SECRET] in outputs(info.value)]
    again = pickle.loads(pickle.dumps(info.value))
    assert again.payload == response.content  # the payload stays exact
    assert not [s[:MIN_SECRET] for s in secrets if s[:MIN_SECRET] in outputs(again)]


@given(secret_requests(), st.text(max_size=600))
def test_body_prefix_of_a_non_json_body_is_masked(case: tuple[httpx.Request, list[str]], before: str) -> None:
    """An HTML 401 quoting the key: the log's body prefix masks it, wherever the 512-character cut falls."""
    request, secrets = case
    content = f"<p>{before}Invalid key {request.headers['Authorization']} {secrets[2]}</p>".encode()
    response = httpx.Response(401, content=content, headers={"content-type": "text/html"}, request=request)
    with pytest.raises(UnexpectedResponse) as info:
        from_response(response)
    text = outputs(info.value) + outputs(pickle.loads(pickle.dumps(info.value)))
    assert not [s[:MIN_SECRET] for s in secrets if s[:MIN_SECRET] in text]


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
    assert masked_copy(exc).error.message == f"Invalid key {MASK} for /echo?api_key={MASK}"
    assert exc.error.message == f"Invalid key Bearer {key} for /echo?api_key={key}x"  # the body is exact
    assert key in exc.raw_response.request.headers["Authorization"]  # the request itself is untouched
    assert attrs.evolve(exc).error == exc.error
