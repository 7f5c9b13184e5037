"""OpenTelemetry: the attributes of an error, record_error on real SDK spans, and no secret or message."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import INVALID_SPAN, StatusCode, Tracer

from helpers import PERSONAL_MARK, api_errors, errors_with_secrets_and_personal_data, personal_errors
from kombo_tag_errors import RETRYABLE_CODES, UNSET, KomboAPIError, PostAtsCandidatesCandidateIDTagsError
from kombo_tag_errors.otel import error_attributes, record_error

EXPORTER = InMemorySpanExporter()
_PROVIDER = TracerProvider()
_PROVIDER.add_span_processor(SimpleSpanProcessor(EXPORTER))
TRACER: Tracer = _PROVIDER.get_tracer("kombo_tag_errors.tests")


@pytest.fixture(autouse=True)
def _clear() -> Iterator[None]:
    """Start every test with no finished span."""
    EXPORTER.clear()
    yield
    EXPORTER.clear()


def traced(exc: KomboAPIError, *, include_message: bool = False) -> ReadableSpan:
    """The one span exported when *exc* is raised in a span, recorded with record_error, and escapes it."""
    EXPORTER.clear()
    with (  # noqa: PT012 - the span is the block that raises
        pytest.raises(KomboAPIError),
        TRACER.start_as_current_span(
            "tag candidate", record_exception=False, set_status_on_exception=False
        ) as span,
    ):
        try:
            raise exc
        except KomboAPIError as e:
            record_error(span, e, include_message=include_message)
            raise
    [finished] = EXPORTER.get_finished_spans()
    return finished


@given(api_errors())
def test_attributes_follow_the_conventions(exc: KomboAPIError) -> None:
    """error.type is the code or the class; the status where known; kombo.* hold code, retry, shape."""
    attributes = error_attributes(exc)
    assert all(isinstance(v, str | int | bool) for v in attributes.values())
    code = exc.error.code
    if isinstance(code, str) and code:
        assert attributes["error.type"] == code
    else:
        assert attributes["error.type"] == f"kombo_tag_errors.{type(exc).__name__}"
    assert attributes.get("http.response.status_code") == exc.status_code
    assert attributes.get("kombo.error.code") == (code if isinstance(code, str) else None)
    assert attributes["kombo.error.retryable"] is (code in RETRYABLE_CODES)
    log_url = exc.error.log_url
    assert attributes.get("kombo.error.log_url") == (log_url if isinstance(log_url, str) else None)
    e = exc.error
    present = [f is not UNSET for f in (e.code, e.title, e.log_url)]
    assert attributes["kombo.error.shape"] == (
        "2023" if not any(present) else "2026" if all(present) else "other"
    )


@given(api_errors())
def test_record_error_sets_attributes_event_and_status(exc: KomboAPIError) -> None:
    """The exported span has the attributes, one exception event without the message, and status ERROR."""
    span = traced(exc)
    assert dict(span.attributes or {}) == error_attributes(exc)
    [event] = span.events
    assert event.name == "exception"
    attributes = dict(event.attributes or {})
    name = f"kombo_tag_errors.{type(exc).__name__}"
    assert set(attributes) == {"exception.type", "exception.stacktrace"}
    assert attributes["exception.type"] == name
    stack = str(attributes["exception.stacktrace"])
    assert stack.startswith("Traceback (most recent call last):\n")
    assert stack.endswith(f"\n{name}\n")
    assert "in traced" in stack
    assert span.status.status_code is StatusCode.ERROR
    assert span.status.description == error_attributes(exc)["error.type"]


@given(personal_errors())
def test_message_only_on_request(exc: KomboAPIError) -> None:
    """The message reaches the span only with include_message, as exception.message; the title never."""
    assert PERSONAL_MARK not in span_text(traced(exc))
    span = traced(exc, include_message=True)
    [event] = span.events
    others = dict(event.attributes or {})
    assert others.pop("exception.message") == exc.error.message
    rest = json.dumps([dict(span.attributes or {}), others, span.status.description])
    assert PERSONAL_MARK not in rest


def span_text(span: ReadableSpan) -> str:
    """All the span holds, as its exporters see it: name, attributes, events, status, resource."""
    return span.to_json(indent=None)


@given(errors_with_secrets_and_personal_data())
def test_no_secret_or_message_in_spans(case: tuple[KomboAPIError, list[str]]) -> None:
    """No generated credential, message or title reaches a span's attributes, events or status."""
    exc, secrets = case
    text = span_text(traced(exc))
    for secret in secrets:
        assert secret not in text, "a secret leaked into a span"
    assert PERSONAL_MARK not in text
    with_message = span_text(traced(exc, include_message=True))
    for secret in secrets:
        assert secret not in with_message, "a secret leaked into a span"
    assert json.loads(text)["status"]["status_code"] == "ERROR"


def test_a_span_not_recording_is_left_alone() -> None:
    """record_error on a non-recording span does nothing and raises nothing."""
    record_error(INVALID_SPAN, KomboAPIError(error=PostAtsCandidatesCandidateIDTagsError(message="m")))
    assert EXPORTER.get_finished_spans() == ()


def test_only_api_errors() -> None:
    """error_attributes and record_error of another exception are a TypeError naming the type."""
    with pytest.raises(TypeError, match="ValueError"):
        error_attributes(ValueError("x"))  # type: ignore[arg-type]
    with TRACER.start_as_current_span("s") as span, pytest.raises(TypeError, match="ValueError"):
        record_error(span, ValueError("x"))  # type: ignore[arg-type]


def test_without_opentelemetry_the_error_names_the_extra() -> None:
    """Importing kombo_tag_errors.otel without opentelemetry-api raises ImportError naming the extra."""
    code = (
        "import sys; sys.modules['opentelemetry'] = None\n"
        "try:\n import kombo_tag_errors.otel\n"
        "except ImportError as e:\n print(e)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "pip install 'kombo-tag-errors[otel]'" in result.stdout
