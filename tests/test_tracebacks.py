"""Tracebacks rendered with frame locals: httpx's frames show the URL's secrets; trimmed, nothing does."""

from __future__ import annotations

import io
import json
import logging
import traceback
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import structlog

from kombo_tag_errors import KomboAPIError
from kombo_tag_errors.httpx import raise_for_error
from kombo_tag_errors.structlog import trim_tracebacks
from kombo_tag_errors.tracebacks import TracebackTrimmer, trim_traceback
from local_server import LocalServer, serve

PASSWORD = "sEcR_password_0123456789"
API_KEY = "sEcR_api_key_0123456789"
SECRETS = (PASSWORD, API_KEY)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    """The local server, started once for the module."""
    with serve() as s:
        yield s


def _client(base: str) -> httpx.Client:
    """A client whose URL carries a password and an api_key query value (module constants, no locals)."""
    url = httpx.URL(base).copy_with(username="svc", password=PASSWORD)
    return httpx.Client(
        base_url=url, params={"api_key": API_KEY}, event_hooks={"response": [raise_for_error]}
    )


def _tag(client: httpx.Client) -> None:
    client.post("/401-2026", json={"tag": {"name": "python"}})


def _raised(base: str) -> KomboAPIError:
    """The error the hook raises inside httpx, caught where no local of ours holds a secret."""
    with _client(base) as client:
        try:
            _tag(client)
        except KomboAPIError as e:
            return e
    raise AssertionError("the hook did not raise")


def _with_locals(exc: BaseException) -> str:
    return "".join(traceback.TracebackException.from_exception(exc, capture_locals=True).format())


def test_untrimmed_traceback_shows_the_secrets(server: LocalServer) -> None:
    """Without trimming, httpx's frames put the URL's password and api_key into a traceback with locals."""
    text = _with_locals(_raised(server.url))
    assert "httpx" in text
    assert any(s in text for s in SECRETS)


def test_trimmed_traceback_holds_no_secret(server: LocalServer) -> None:
    """trim_traceback drops the frames of httpx and this package; the user's frames and the error stay."""
    exc = trim_traceback(_raised(server.url))
    text = _with_locals(exc)
    assert not [s for s in SECRETS if s in text]
    assert "in _tag" in text
    assert "/httpx/" not in text
    assert "PostAtsCandidatesCandidateIDTagsResponseBody: {" in text.rstrip().splitlines()[-1]


def test_structlog_dict_tracebacks_after_trimming(server: LocalServer) -> None:
    """trim_tracebacks before dict_tracebacks (locals shown): no secret in the line, our frames in it."""
    stream = io.StringIO()
    processors = [trim_tracebacks, structlog.processors.dict_tracebacks, structlog.processors.JSONRenderer()]
    log = structlog.wrap_logger(structlog.PrintLogger(stream), processors=processors)
    exc = _raised(server.url)
    log.error("tagging failed", exc_info=exc)
    line = stream.getvalue()
    assert not [s for s in SECRETS if s in line]
    frames = json.loads(line)["exception"][0]["frames"]
    assert {f["name"] for f in frames} >= {"_raised", "_tag"}
    assert all("locals" in f for f in frames)


def test_logging_filter_trims_before_the_formatter(server: LocalServer) -> None:
    """TracebackTrimmer on a handler whose formatter captures locals: the record's text holds no secret."""

    class WithLocals(logging.Formatter):
        def formatException(self, ei):  # type: ignore[no-untyped-def]
            return "".join(traceback.TracebackException(*ei, capture_locals=True).format())

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(WithLocals())
    handler.addFilter(TracebackTrimmer())
    log = logging.getLogger("test_tracebacks")
    log.addHandler(handler)
    log.propagate = False
    try:
        exc = _raised(server.url)
        log.error("tagging failed", exc_info=exc)
        log.warning("no exception here")
    finally:
        log.removeHandler(handler)
    text = stream.getvalue()
    assert "in _tag" in text
    assert "no exception here" in text
    assert not [s for s in SECRETS if s in text]


def test_causes_and_groups_are_trimmed(server: LocalServer) -> None:
    """An error wrapped by the user's own (raise ... from e), or in an exception group, is trimmed too."""
    inner = _raised(server.url)
    try:
        try:
            raise RuntimeError("tagging failed") from inner
        except RuntimeError as outer:
            raise ExceptionGroup("batch", [outer]) from None
    except ExceptionGroup as group:
        text = _with_locals(trim_traceback(group))
    assert "tagging failed" in text
    assert not [s for s in SECRETS if s in text]


class _Instrumented(httpx.Client):
    """A client whose send is wrapped, as Sentry's and OpenTelemetry's httpx integrations wrap it."""

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        return super().send(request, **kwargs)


def test_wrappers_inside_the_request_are_dropped(server: LocalServer) -> None:
    """A frame of another module inside httpx's send, its request local included, is dropped too."""
    url = httpx.URL(server.url).copy_with(username="svc", password=PASSWORD)
    hooks = {"response": [raise_for_error]}
    with _Instrumented(base_url=url, params={"api_key": API_KEY}, event_hooks=hooks) as client:
        try:
            _tag(client)
        except KomboAPIError as e:
            exc = e
    assert "in send" in _with_locals(exc)
    text = _with_locals(trim_traceback(exc))
    assert "in send" not in text
    assert "in _tag" in text
    assert not [s for s in SECRETS if s in text]


def test_structlog_processor_takes_every_exc_info_form(server: LocalServer) -> None:
    """trim_tracebacks reads exc_info as True, a tuple or an exception, and leaves an event without one."""
    assert trim_tracebacks(None, "info", {"event": "x"}) == {"event": "x"}
    exc = _raised(server.url)
    for form in (True, (type(exc), exc, exc.__traceback__), exc):
        try:
            raise exc
        except KomboAPIError:
            event = trim_tracebacks(None, "error", {"event": "x", "exc_info": form})
        assert event["exc_info"] is exc
        text = _with_locals(exc)  # first: from 3.12 a comprehension's variable is a local of this frame
        assert not [s for s in SECRETS if s in text]
