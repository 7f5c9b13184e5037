"""UnexpectedResponse in logs: its fields, their round trip, the logging filter, the structlog processor."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import httpx
import pytest
import structlog
from hypothesis import given
from hypothesis import strategies as st

from kombo_tag_errors import KomboError, PayloadError
from kombo_tag_errors.httpx import UnexpectedResponse, from_response
from kombo_tag_errors.logs import FIELD, WITHHELD, ErrorFieldsFilter, from_log_fields, log_fields
from kombo_tag_errors.structlog import ErrorFieldsAdder, add_error_fields

SECRET = "sk_live_0123456789abcdef"
LAYOUT = ["type", "status_code", "content_type", "body_prefix", "problems", "total", "http"]

_content_types = st.sampled_from([None, "text/html", "text/plain; charset=utf-8", "application/json"])
_headers = st.dictionaries(
    st.sampled_from(
        ["Retry-After", "ratelimit-reset", "Concurrency-Remaining", "X-Request-Id", "Set-Cookie"]
    ),
    st.text("abcdefghij0123456789 ,:-", max_size=20),
)


def unexpected(
    status: int, body: bytes, content_type: str | None, headers: dict[str, str]
) -> UnexpectedResponse:
    """The UnexpectedResponse from_response raises for such a response to a request with an API key."""
    request = httpx.Request(
        "POST", "https://api.kombo.dev/v1/ats/candidates/1/tags", headers={"X-Api-Key": SECRET}
    )
    all_headers = {**headers, **({"Content-Type": content_type} if content_type else {})}
    response = httpx.Response(status, content=body, headers=all_headers, request=request)
    try:
        from_response(response)
    except UnexpectedResponse as e:
        return e
    raise AssertionError("the response holds a valid error body")


def _without_http(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields[FIELD].items() if k != "http"}


@given(
    st.integers(400, 599),
    st.binary(max_size=2000) | st.text(max_size=700).map(str.encode),
    _content_types.filter(lambda t: t != "application/json"),
    _headers,
)
def test_round_trip_through_json(
    status: int, body: bytes, content_type: str | None, headers: dict[str, str]
) -> None:
    """from_log_fields of a JSON log line gives an UnexpectedResponse with the same fields and headers."""
    exc = unexpected(status, body, content_type or "text/html", headers)
    fields = log_fields(exc)
    assert list(fields[FIELD]) == LAYOUT
    back = from_log_fields(json.loads(json.dumps(fields)))
    assert isinstance(back, UnexpectedResponse)
    assert isinstance(back, KomboError)
    assert (back.status_code, back.errors, back.total) == (exc.status_code, exc.errors, exc.total)
    assert back.response is None
    assert back.response_headers == exc.response_headers
    assert _without_http(log_fields(back)) == _without_http(fields)
    assert log_fields(back)[FIELD]["http"] is None


@given(st.binary(max_size=3000))
def test_body_prefix_is_bounded_and_escaped(body: bytes) -> None:
    """The body prefix is at most 512 printable characters: no control character forges a log line."""
    exc = unexpected(502, b"<html>\x1b[2J\n\r" + body, "text/html", {})
    prefix = log_fields(exc)[FIELD]["body_prefix"]
    assert len(prefix) <= 512
    assert prefix.isprintable()
    assert prefix.startswith("<html>\\x1b[2J\\n\\r")


def test_fields_of_an_html_502() -> None:
    """An HTML 502 records status, content type, the body, the problem and only safe HTTP context."""
    exc = unexpected(502, b"<h1>Bad Gateway</h1>", "text/html", {"Retry-After": "5", "Set-Cookie": "s=1"})
    fields = log_fields(exc)[FIELD]
    assert fields["type"] == "UnexpectedResponse"
    assert (fields["status_code"], fields["content_type"], fields["body_prefix"]) == (
        502,
        "text/html",
        "<h1>Bad Gateway</h1>",
    )
    assert fields["problems"] == [
        {"path": "$", "message": "content type 'text/html' is not JSON", "kind": "not_json"}
    ]
    assert fields["http"]["headers"] == {"content-type": "text/html", "retry-after": "5"}
    assert SECRET not in json.dumps(fields)
    assert "s=1" not in json.dumps(fields)


def test_withheld_fields() -> None:
    """Withholding keeps the body prefix and the problems' messages out; status and paths stay."""
    exc = unexpected(400, b'{"status": "error", "error": {"message": 5}}', "application/json", {})
    fields = log_fields(exc, withhold_message=True)[FIELD]
    assert fields["body_prefix"] == WITHHELD
    assert {p["message"] for p in fields["problems"]} == {WITHHELD}
    assert fields["problems"][0]["path"] == "$.error.message"
    assert fields["withheld"] == ["$.body_prefix", "$.problems[*].message"]
    assert isinstance(from_log_fields(log_fields(exc, withhold_message=True)), UnexpectedResponse)


@pytest.mark.parametrize(
    ("change", "paths"),
    [
        ({"status_code": "502"}, ["$.kombo_error.status_code"]),
        ({"content_type": 1}, ["$.kombo_error.content_type"]),
        ({"body_prefix": None}, ["$.kombo_error.body_prefix"]),
        ({"problems": [{"path": "$"}]}, ["$.kombo_error.problems[0]"]),
        ({"problems": {}}, ["$.kombo_error.problems"]),
        ({"total": -1}, ["$.kombo_error.total"]),
    ],
)
def test_bad_records_name_their_paths(change: dict[str, Any], paths: list[str]) -> None:
    """A broken UnexpectedResponse record is a PayloadError naming each bad key."""
    fields = log_fields(unexpected(503, b"", None, {}))
    record = {FIELD: {**fields[FIELD], **change}}
    with pytest.raises(PayloadError) as info:
        from_log_fields(record)
    assert [p.path for p in info.value.errors] == paths
    assert info.value.payload is record


def test_the_logging_filter_attaches_the_fields() -> None:
    """logger.exception on an UnexpectedResponse (or a cause of one) writes its fields, never the key."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ErrorFieldsFilter())
    handler.setFormatter(logging.Formatter("%(message)s %(kombo_error)s"))
    logger = logging.getLogger("test_unexpected_log")
    logger.addHandler(handler)
    logger.propagate = False
    exc = unexpected(503, b"<html>down</html>", "text/html", {})
    try:
        try:
            raise exc
        except UnexpectedResponse as e:
            raise RuntimeError("tag failed") from e
    except RuntimeError:
        logger.exception("call failed")
    finally:
        logger.removeHandler(handler)
    line = stream.getvalue().splitlines()[0]
    assert "'type': 'UnexpectedResponse'" in line
    assert "'status_code': 503" in line
    assert SECRET not in stream.getvalue()


@pytest.mark.parametrize(
    "processor", [add_error_fields, ErrorFieldsAdder(), ErrorFieldsAdder(withhold_message=True)]
)
def test_the_structlog_processor_adds_the_fields(processor: Any) -> None:
    """structlog's processors add the UnexpectedResponse's fields; they read back."""
    log = structlog.wrap_logger(
        structlog.ReturnLogger(),
        processors=[processor, structlog.processors.format_exc_info, structlog.processors.JSONRenderer()],
    )
    try:
        raise unexpected(429, b"", None, {"Retry-After": "2"})
    except UnexpectedResponse:
        line = json.loads(log.exception("limited"))
    assert line[FIELD]["type"] == "UnexpectedResponse"
    back = from_log_fields(line)
    assert isinstance(back, UnexpectedResponse)
    assert back.response_headers == {"retry-after": "2"}
