"""Sentry: before_send fingerprints, tags and adds the context to this package's errors, and leaks nothing."""

from __future__ import annotations

import functools
import json
import logging
import subprocess
import sys
import wsgiref.util
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import sentry_sdk
from hypothesis import given
from hypothesis import strategies as st
from sentry_sdk.envelope import Envelope
from sentry_sdk.integrations.logging import LoggingIntegration
from sentry_sdk.integrations.wsgi import SentryWsgiMiddleware
from sentry_sdk.transport import Transport

from helpers import PERSONAL_MARK, api_errors, errors_with_secrets_and_personal_data
from kombo_tag_errors import KomboAPIError, PostAtsCandidatesCandidateIDTagsError
from kombo_tag_errors._redact import MASK
from kombo_tag_errors.logs import FIELD, from_log_fields, log_fields
from kombo_tag_errors.otel import error_attributes
from kombo_tag_errors.sentry import before_send

DSN = "http://public@127.0.0.1:1/1"  # never reached: the transport keeps events in memory


class Capture(Transport):
    """A transport that keeps every event in a list instead of sending it."""

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        super().__init__(options)
        self.events: list[dict[str, Any]] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        event = envelope.get_event()
        if event is not None:
            self.events.append(json.loads(json.dumps(event)))  # as it would be sent: JSON


@pytest.fixture(autouse=True)
def _no_client_afterwards() -> Iterator[None]:
    """Leave no Sentry client behind a test."""
    yield
    sentry_sdk.init(dsn=None)


def captured(run: Callable[[], object], hook: Any = before_send, **options: Any) -> list[dict[str, Any]]:
    """The events a Sentry client with *hook* as before_send captures while *run* runs."""
    transport = Capture()
    sentry_sdk.init(
        dsn=DSN,
        transport=transport,
        before_send=hook,
        default_integrations=False,
        auto_enabling_integrations=False,
        **options,
    )
    run()
    sentry_sdk.flush()
    return transport.events


def _capture_raised(exc: BaseException) -> None:
    try:
        raise exc
    except BaseException:
        sentry_sdk.capture_exception()


@given(api_errors())
def test_events_are_fingerprinted_tagged_and_have_the_fields(exc: KomboAPIError) -> None:
    """An event of an error is grouped by error.type and status, tagged, and its context reads back equal."""
    [event] = captured(lambda: _capture_raised(exc))
    attributes = error_attributes(exc)
    assert event["fingerprint"] == ["kombo-tag-errors", attributes["error.type"], str(exc.status_code)]
    for key, value in attributes.items():
        if key != "kombo.error.log_url":
            expected = str(value).lower() if isinstance(value, bool) else " ".join(str(value).split())[:200]
            assert event["tags"][key] == expected
    context = event["contexts"][FIELD]
    assert context == json.loads(json.dumps(log_fields(exc)[FIELD]))
    assert from_log_fields({FIELD: context}) == exc


def test_the_error_is_found_among_causes_and_other_events_pass() -> None:
    """A wrapping exception's event gets the fields; an event without such an error is left alone."""
    body = KomboAPIError(error=PostAtsCandidatesCandidateIDTagsError(message="m", code="ATS.JOB_CLOSED"))

    def run() -> None:
        try:
            try:
                raise body
            except KomboAPIError as e:
                raise RuntimeError("tagging failed") from e
        except RuntimeError:
            sentry_sdk.capture_exception()
        _capture_raised(ValueError("unrelated"))
        sentry_sdk.capture_message("hello")

    wrapped, unrelated, message = captured(run)
    assert wrapped["fingerprint"][1] == "ATS.JOB_CLOSED"
    for event in (unrelated, message):
        assert "fingerprint" not in event
        assert FIELD not in event.get("contexts", {})
    plain = captured(run, hook=None)
    assert [e.get("exception", {}).get("values", [{}])[-1].get("value") for e in plain][1:] == [
        e.get("exception", {}).get("values", [{}])[-1].get("value") for e in (unrelated, message)
    ]


def _environ(exc: KomboAPIError, secrets: list[str]) -> dict[str, Any]:
    """A WSGI environ of an incoming request carrying the same credentials as *exc*'s outgoing one."""
    auth, cookie, api_key, _password, query_secret, other = secrets
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/candidates/42/tag",
        "QUERY_STRING": f"api_key={query_secret}&page=2",
        "HTTP_AUTHORIZATION": f"Bearer {auth}",
        "HTTP_COOKIE": f"session={cookie}",
        "HTTP_X_API_KEY": api_key,
        "HTTP_X_CUSTOM": other,
        "HTTP_USER_AGENT": "tests",
    }
    wsgiref.util.setup_testing_defaults(environ)
    return environ


def _raw_request(environ: dict[str, Any], event: Any, hint: Any) -> Any:
    """Attach the request as a framework integration collecting everything would: every header, raw."""
    headers = {k[5:].replace("_", "-").title(): v for k, v in environ.items() if k.startswith("HTTP_")}
    url = (
        f"https://svc:{environ['HTTP_X_API_KEY']}@example.com{environ['PATH_INFO']}?{environ['QUERY_STRING']}"
    )
    cookies = dict(part.split("=", 1) for part in environ["HTTP_COOKIE"].split("; "))
    event["request"] = {**event.get("request", {}), "url": url, "headers": headers, "cookies": cookies}
    event["request"]["query_string"] = environ["QUERY_STRING"]
    return event


def _serve(exc: KomboAPIError, secrets: list[str], how: str) -> Callable[[], None]:
    """A WSGI app behind Sentry's middleware that fails with *exc* while handling a request with secrets."""
    log = logging.getLogger("kombo_tag_errors.tests.sentry")

    def app(environ: Any, start_response: Any) -> list[bytes]:
        sentry_sdk.Scope.get_isolation_scope().add_event_processor(functools.partial(_raw_request, environ))
        outgoing = exc.raw_response.request if exc.raw_response is not None else None  # a local: its repr
        sentry_sdk.add_breadcrumb(category="httpx", data={"url": str(outgoing.url) if outgoing else ""})
        try:
            raise exc
        except KomboAPIError:
            if how == "log":
                log.exception("tagging failed: %s", exc)
                return []
            raise

    def run() -> None:
        middleware = SentryWsgiMiddleware(app)
        if how == "log":
            middleware(_environ(exc, secrets), lambda *a: None)
        else:
            with pytest.raises(KomboAPIError):
                middleware(_environ(exc, secrets), lambda *a: None)

    return run


@given(errors_with_secrets_and_personal_data(), st.sampled_from(["raise", "log"]), st.booleans())
def test_no_secret_in_any_event(case: tuple[KomboAPIError, list[str]], how: str, withhold: bool) -> None:
    """No credential of a request, header or URL reaches an event; withholding, no message or title either."""
    exc, secrets = case
    hook = functools.partial(before_send, withhold_message=withhold)
    events = captured(
        _serve(exc, secrets, how),
        hook=hook,
        integrations=[LoggingIntegration(event_level=logging.ERROR)],
    )
    [event] = events
    text = json.dumps(event, ensure_ascii=False)
    for secret in secrets:
        assert secret not in text, "a secret leaked into a Sentry event"
    assert (PERSONAL_MARK in text) is not withhold
    assert event["request"]["headers"]["Authorization"] == MASK
    assert event["fingerprint"][0] == "kombo-tag-errors"


def test_named_headers_are_kept() -> None:
    """keep_headers keeps the values of the headers it names; the others stay masked."""
    body = KomboAPIError(error=PostAtsCandidatesCandidateIDTagsError(message="m"))
    response = httpx.Response(401, request=httpx.Request("POST", "https://api.kombo.dev/v1/x"))
    exc = KomboAPIError(error=body.error, raw_response=response)
    secrets = [f"sEcR{i}" * 4 for i in range(6)]
    hook = functools.partial(before_send, keep_headers=["user-agent"])
    [event] = captured(_serve(exc, secrets, "raise"), hook=hook)
    headers = event["request"]["headers"]
    assert headers["User-Agent"] == "tests"
    assert headers["X-Custom"] == MASK
    assert "api_key=REDACTED" in event["request"]["query_string"]


def test_without_sentry_the_error_names_the_extra() -> None:
    """Importing kombo_tag_errors.sentry without sentry-sdk raises ImportError naming the extra."""
    code = (
        "import sys; sys.modules['sentry_sdk'] = None\n"
        "try:\n import kombo_tag_errors.sentry\n"
        "except ImportError as e:\n print(e)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "pip install 'kombo-tag-errors[sentry]'" in result.stdout
