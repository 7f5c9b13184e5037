"""Log fields and their round trip, the stdlib logging filter, crossing processes, and no leaked secret."""

from __future__ import annotations

import concurrent.futures
import contextlib
import io
import json
import logging
import logging.handlers
import multiprocessing
import pickle
import queue
import re
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import (
    PERSONAL_MARK,
    api_errors,
    cli_in_process,
    errors_with_secrets,
    personal_errors,
)
from kombo_tag_errors import (
    APIStatusError,
    KomboAPIError,
    PayloadError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    loads,
    structure,
    unstructure,
)
from kombo_tag_errors._redact import MASK, SECRET_NAME_PARTS, safe_url
from kombo_tag_errors.logs import FIELD, WITHHELD, ErrorFieldsFilter, from_log_fields, log_fields

Body = PostAtsCandidatesCandidateIDTagsResponseBody
DOCS = Path(__file__).resolve().parents[1] / "docs" / "howto" / "logging.md"


def _raised(exc: BaseException) -> Any:
    """The exc_info tuple of *exc*, raised and caught."""
    try:
        raise exc
    except BaseException:
        return sys.exc_info()


# -- the fields and their round trip -----------------------------------------------------------


@given(api_errors())
def test_round_trip_through_json(exc: KomboAPIError) -> None:
    """from_log_fields(json.loads(json.dumps(log_fields(e)))) == e, same class and status, both ways."""
    for text in (json.dumps(log_fields(exc)), json.dumps(log_fields(exc), ensure_ascii=False)):
        back = from_log_fields(json.loads(text))
        assert type(back) is type(exc)
        assert back == exc
        assert back.status_code == exc.status_code


@given(api_errors())
def test_layout_is_stable_and_payload_is_unstructure(exc: KomboAPIError) -> None:
    """The record holds one key with type, status_code, payload (exactly unstructure) and http."""
    fields = log_fields(exc)
    assert list(fields) == [FIELD]
    inner = fields[FIELD]
    assert list(inner) == ["type", "status_code", "payload", "http"]
    assert inner["type"] == type(exc).__name__
    assert inner["status_code"] == exc.status_code
    assert inner["payload"] == unstructure(exc)
    assert inner["http"] is None


def test_http_context_of_an_attached_response() -> None:
    """An attached response adds status, method, a URL without secrets, request id and only safe headers."""
    request = httpx.Request(
        "POST",
        "https://me:pw@api.kombo.dev/v1/ats/candidates/42/tags?api_key=k1&page=2;sig=s1#access_token=t1",
        headers={"Authorization": "Bearer k2"},
    )
    response = httpx.Response(
        401,
        json={"status": "error", "error": {"message": "m"}},
        request=request,
        headers={
            "Request-Id": "r1",
            "Set-Cookie": "session=s2",
            "RateLimit-Reset": "7",
            "Concurrency-Remaining": "0",
            "X-Api-Key": "k3",
        },
    )
    body = structure(response.json())
    fields = log_fields(attrs.evolve(body, raw_response=response))[FIELD]
    assert fields["http"] == {
        "status_code": 401,
        "method": "POST",
        "url": f"https://api.kombo.dev/v1/ats/candidates/42/tags?api_key={MASK}&page=2;sig={MASK}",
        "request_id": "r1",
        "headers": {
            "content-type": "application/json",
            "ratelimit-reset": "7",
            "concurrency-remaining": "0",
            "request-id": "r1",
        },
    }


def test_http_context_without_request_or_without_httpx() -> None:
    """A response without its request gives status alone; a raw_response that is not httpx gives none."""
    body = Body(error=PostAtsCandidatesCandidateIDTagsError(message="m"))
    fields = log_fields(attrs.evolve(body, raw_response=httpx.Response(401)))[FIELD]
    assert fields["http"] == {
        "status_code": 401,
        "method": None,
        "url": None,
        "request_id": None,
        "headers": {},
    }
    assert log_fields(attrs.evolve(body, raw_response=object()))[FIELD]["http"] is None  # type: ignore[arg-type]


_plain_names = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8).filter(
    lambda n: not any(p in n for p in SECRET_NAME_PARTS)
)
_secret_names = st.builds(
    lambda pre, part, upper, post: pre + (part.upper() if upper else part) + post,
    st.sampled_from(["", "x-", "client_", "access_"]),
    st.sampled_from(SECRET_NAME_PARTS),
    st.booleans(),
    st.sampled_from(["", "_id", "s"]),
)


@given(st.lists(st.tuples(st.booleans(), st.text(min_size=1, max_size=8)), max_size=6), st.data())
def test_safe_url_masks_secret_values_only(params: list[tuple[bool, str]], data: st.DataObject) -> None:
    """Every value of a secret-looking parameter is masked; other parameters stay byte for byte."""
    items = [(data.draw(_secret_names if secret else _plain_names), value) for secret, value in params]
    query = urllib.parse.urlencode(items)
    shown = httpx.URL(safe_url(httpx.URL(f"https://u:p@h.example/p?{query}#f")))
    assert (shown.userinfo, shown.fragment) == (b"", "")
    original_parts = query.split("&") if query else []
    shown_parts = shown.query.decode().split("&") if shown.query else []
    for (name, _), part, shown_part in zip(items, original_parts, shown_parts, strict=True):
        secret = any(p in name.lower() for p in SECRET_NAME_PARTS)
        assert shown_part == (f"{part.partition('=')[0]}={MASK}" if secret else part)


def test_subclass_is_logged_as_its_nearest_known_class() -> None:
    """A subclass of your own is recorded under the class of this package it derives from."""

    @attrs.frozen(auto_exc=False)
    class MyError(APIStatusError):
        pass

    exc = MyError(error=PostAtsCandidatesCandidateIDTagsError(message="m"), status_code=418)
    back = from_log_fields(log_fields(exc))
    assert type(back) is APIStatusError
    assert (back.error, back.status_code) == (exc.error, 418)


def test_log_fields_takes_only_api_errors() -> None:
    """log_fields of another exception is a TypeError naming the type."""
    with pytest.raises(TypeError, match="ValueError"):
        log_fields(ValueError("x"))  # type: ignore[arg-type]


def test_from_log_fields_ignores_the_rest_of_a_log_line() -> None:
    """Other keys of the line, unknown keys under kombo_error and the http part play no part."""
    body = Body(error=PostAtsCandidatesCandidateIDTagsError(message="m"))
    line = {"time": "now", "level": "ERROR", FIELD: {"type": "PostAtsCandidatesCandidateIDTagsResponseBody"}}
    line[FIELD].update(payload=unstructure(body), future="x", http={"anything": [1]})
    assert from_log_fields(line) == body


_payload = {"status": "error", "error": {"message": "m"}}
_ok = {"type": "APIStatusError", "status_code": 503, "payload": _payload}
R = "$.kombo_error"


@pytest.mark.parametrize(
    ("record", "paths"),
    [
        ([], ["$"]),
        ({}, [R]),
        ({FIELD: "x"}, [R]),
        ({FIELD: {}}, [f"{R}.type", f"{R}.payload"]),
        ({FIELD: {**_ok, "type": "Exception"}}, [f"{R}.type"]),
        ({FIELD: {**_ok, "type": 1}}, [f"{R}.type"]),
        ({FIELD: {**_ok, "status_code": "503"}}, [f"{R}.status_code"]),
        ({FIELD: {**_ok, "status_code": True}}, [f"{R}.status_code"]),
        ({FIELD: {**_ok, "type": Body.__name__}}, [f"{R}.status_code"]),
        ({FIELD: {**_ok, "type": "KomboAPIError"}}, [f"{R}.status_code"]),
        (
            {FIELD: {**_ok, "payload": {"status": "error", "error": {"message": 5}}}},
            [f"{R}.payload.error.message"],
        ),
        ({FIELD: {**_ok, "payload": None, "status_code": 1.5}}, [f"{R}.status_code", f"{R}.payload"]),
        ({FIELD: {**_ok, "withheld": "$.error.message"}}, [f"{R}.withheld"]),
        ({FIELD: {**_ok, "withheld": ["$.error.code"]}}, [f"{R}.withheld"]),
        ({FIELD: {**_ok, "withheld": ["$.error.message"]}}, [f"{R}.payload.error.message"]),
    ],
)
def test_from_log_fields_rejects_bad_records(record: Any, paths: list[str]) -> None:
    """A bad record is a PayloadError naming every problem's path and keeping the record."""
    with pytest.raises(PayloadError) as info:
        from_log_fields(record)
    assert [p.path for p in info.value.errors] == paths
    assert info.value.payload is record


# -- the stdlib logging filter -------------------------------------------------------------------


class JSONLines(logging.Formatter):
    """The JSON formatter of the docs: one object a line, the error fields where there are some."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"level": record.levelname, "message": record.getMessage()}
        if hasattr(record, FIELD):
            line[FIELD] = getattr(record, FIELD)
        return json.dumps(line)


@contextlib.contextmanager
def _logger(
    formatter: logging.Formatter, log_filter: logging.Filter | None = None
) -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger writing through the filter (a default ErrorFieldsFilter) to a string; removed afterwards."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(log_filter or ErrorFieldsFilter())
    logger = logging.getLogger("kombo_tag_errors.tests")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield logger, stream
    finally:
        logger.removeHandler(handler)
        logger.propagate = True


@given(api_errors())
def test_filter_writes_json_lines_that_read_back(exc: KomboAPIError) -> None:
    """logger.exception through the filter writes a JSON line that from_log_fields reads back equal."""
    with _logger(JSONLines()) as (logger, stream):
        try:
            raise exc
        except KomboAPIError:
            logger.exception("tagging failed")
        logger.error("passing", exc_info=exc)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert from_log_fields(first) == exc
    assert from_log_fields(second) == exc


def test_filter_finds_the_error_among_causes() -> None:
    """The error is found as a cause or context, not past `raise ... from None`, never in an unrelated one."""
    body = Body(error=PostAtsCandidatesCandidateIDTagsError(message="m"))
    for exc_info, found in [
        (_raised(RuntimeError("wrapped")), False),
        ((RuntimeError, RuntimeError("x"), None), False),
        (None, False),
        ((None, None, None), False),
    ]:
        record = logging.LogRecord("n", logging.ERROR, "f", 1, "m", None, exc_info)
        assert ErrorFieldsFilter().filter(record) is True
        assert hasattr(record, FIELD) is found
    try:
        try:
            raise body
        except KomboAPIError as e:
            raise RuntimeError("tagging failed") from e
    except RuntimeError:
        caused = sys.exc_info()
    try:
        try:
            raise body
        except KomboAPIError:
            raise RuntimeError("while handling") from None
    except RuntimeError:
        hidden = sys.exc_info()
    for exc_info, found in [(caused, True), (hidden, False)]:
        record = logging.LogRecord("n", logging.ERROR, "f", 1, "m", None, exc_info)
        ErrorFieldsFilter().filter(record)
        assert hasattr(record, FIELD) is found


def test_filter_keeps_fields_already_there() -> None:
    """A record that has the fields already (from another process) is left as it is."""
    record = logging.LogRecord("n", logging.ERROR, "f", 1, "m", None, _raised(ValueError()))
    record.kombo_error = "kept"
    ErrorFieldsFilter().filter(record)
    assert record.kombo_error == "kept"


# -- withholding the message -----------------------------------------------------------------------


def _withheld(exc: KomboAPIError) -> KomboAPIError:
    """What a withheld record of *exc* reads back as: message and string title are WITHHELD."""
    title = WITHHELD if isinstance(exc.error.title, str) else exc.error.title
    return attrs.evolve(exc, error=attrs.evolve(exc.error, message=WITHHELD, title=title))


@given(api_errors())
def test_withheld_record_marks_what_it_left_out_and_reads_back(exc: KomboAPIError) -> None:
    """withhold_message replaces message and string title, lists their paths, and reads back as WITHHELD."""
    inner = log_fields(exc, withhold_message=True)[FIELD]
    assert list(inner) == ["type", "status_code", "payload", "http", "withheld"]
    expected = ["$.error.title"] * isinstance(exc.error.title, str) + ["$.error.message"]
    assert inner["withheld"] == expected
    assert inner["payload"] == unstructure(_withheld(exc))
    assert {k: v for k, v in inner.items() if k not in ("payload", "withheld")} == {
        k: v for k, v in log_fields(exc)[FIELD].items() if k != "payload"
    }
    back = from_log_fields(json.loads(json.dumps(log_fields(exc, withhold_message=True))))
    assert type(back) is type(exc)
    assert back == _withheld(exc)
    assert back.error.message == WITHHELD


@given(personal_errors())
def test_withholding_filter_writes_no_message_or_title(exc: KomboAPIError) -> None:
    """With the withholding filter no message or title reaches a line: fields, traceback and args withheld."""
    for formatter in (JSONLines(), logging.Formatter()):
        with _logger(formatter, ErrorFieldsFilter(withhold_message=True)) as (logger, stream):
            try:
                raise RuntimeError("tagging failed") from exc
            except RuntimeError:
                logger.exception("tagging failed: %s", exc)
            logger.error("again: %(e)s", {"e": exc}, exc_info=exc)
        text = stream.getvalue()
        assert PERSONAL_MARK not in text
        assert WITHHELD in text
    with _logger(JSONLines(), ErrorFieldsFilter(withhold_message=True)) as (logger, stream):
        logger.error("tagging failed", exc_info=exc)
    assert from_log_fields(json.loads(stream.getvalue())) == _withheld(exc)


@given(personal_errors())
def test_default_filter_keeps_the_message(exc: KomboAPIError) -> None:
    """Without the opt-in, the record keeps the message, exactly as before."""
    with _logger(JSONLines()) as (logger, stream):
        logger.error("tagging failed", exc_info=exc)
    line = json.loads(stream.getvalue())
    assert "withheld" not in line[FIELD]
    assert from_log_fields(line).error.message == exc.error.message


# -- crossing processes --------------------------------------------------------------------------


def _raise(exc: BaseException) -> None:
    raise exc


@pytest.fixture(scope="module")
def pool() -> Iterator[concurrent.futures.ProcessPoolExecutor]:
    """One worker process, started fresh (spawn), for the whole module."""
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as executor:
        yield executor


@given(api_errors(), st.booleans())
def test_process_pool_gives_back_equal_errors(
    pool: concurrent.futures.ProcessPoolExecutor, exc: KomboAPIError, attach: bool
) -> None:
    """An error sent to a worker process and raised there comes back equal, minus its response."""
    if attach:
        exc = attrs.evolve(exc, raw_response=httpx.Response(401))
    back = pool.submit(_raise, exc).exception()
    assert type(back) is type(exc)
    assert back == exc
    assert back.raw_response is None  # type: ignore[union-attr]


class ListHandler(logging.Handler):
    """Keeps every record it handles."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@given(api_errors())
def test_queue_handler_and_listener_keep_the_fields(exc: KomboAPIError) -> None:
    """Through QueueHandler.prepare (which drops exc_info) and a pickle, the fields rebuild the error."""
    q: queue.Queue[Any] = queue.Queue()
    producer = logging.handlers.QueueHandler(q)
    producer.addFilter(ErrorFieldsFilter())
    sink = ListHandler()
    listener = logging.handlers.QueueListener(q, sink)
    record = logging.LogRecord("n", logging.ERROR, "f", 1, "tagging failed", None, _raised(exc))
    producer.handle(record)
    q.put(pickle.loads(pickle.dumps(q.get())))  # as a multiprocessing queue would carry it
    listener.start()
    listener.stop()
    [received] = sink.records
    assert received.exc_info is None
    assert from_log_fields(vars(received)) == exc


def _log_in_child(q: Any, exc: KomboAPIError) -> None:
    handler = logging.handlers.QueueHandler(q)
    handler.addFilter(ErrorFieldsFilter())
    logger = logging.getLogger("child")
    logger.addHandler(handler)
    try:
        raise exc
    except KomboAPIError:
        logger.exception("tagging failed")


def test_queue_across_a_process_boundary() -> None:
    """A child process logs through a multiprocessing queue; the parent's listener rebuilds equal errors."""
    context = multiprocessing.get_context("spawn")
    q = context.Queue()
    sent = [
        Body(error=PostAtsCandidatesCandidateIDTagsError(message="m", code=None), extra={"n": 2**70}),
        APIStatusError(error=PostAtsCandidatesCandidateIDTagsError(message="m"), status_code=503),
    ]
    sink = ListHandler()
    listener = logging.handlers.QueueListener(q, sink)
    listener.start()
    for exc in sent:
        child = context.Process(target=_log_in_child, args=(q, exc))
        child.start()
        child.join()
        assert child.exitcode == 0
    listener.stop()
    assert [from_log_fields(vars(r)) for r in sink.records] == sent


# -- secrets -------------------------------------------------------------------------------------


def outputs(exc: KomboAPIError) -> dict[str, str]:
    """Every text this package (and the filter in logging) makes of *exc*, by path."""
    out = {"str": str(exc), "repr": repr(exc)}
    out["log_fields"] = json.dumps(log_fields(exc), ensure_ascii=False)
    for name, formatter in [("logging json", JSONLines()), ("logging text", logging.Formatter())]:
        with _logger(formatter) as (logger, stream):
            try:
                raise RuntimeError("tagging failed") from exc
            except RuntimeError:
                logger.exception("tagging failed for %s", "candidate")
        out[name] = stream.getvalue()
    record = logging.LogRecord("n", logging.ERROR, "f", 1, "m", None, _raised(exc))
    ErrorFieldsFilter().filter(record)
    out["queue record"] = repr(pickle.dumps(logging.handlers.QueueHandler(queue.Queue()).prepare(record)))
    out["pickle"] = repr(pickle.dumps(exc))
    response = exc.raw_response
    assert response is not None
    bad_record = {FIELD: {**log_fields(exc)[FIELD], "type": "?"}}
    for name, attempt in [
        ("structure(response)", lambda: structure(response)),
        ("loads(cut body)", lambda: loads(response.content[:-1])),
        ("from_log_fields", lambda: from_log_fields(bad_record)),
    ]:
        with pytest.raises(PayloadError) as info:
            attempt()
        out[f"PayloadError {name}"] = f"{info.value}\n{info.value!r}"
    content = response.content
    for args in (["parse", "-"], ["parse", "--json", "-"]):
        _, stdout, stderr = cli_in_process(args, content)
        out[" ".join(["cli", *args])] = stdout + stderr
    return out


@given(errors_with_secrets())
def test_no_secret_in_any_output(case: tuple[KomboAPIError, list[str]]) -> None:
    """No generated Authorization, Cookie, X-Api-Key, other header, password or query secret is output."""
    exc, secrets = case
    for path, text in outputs(exc).items():
        for secret in secrets:
            assert secret not in text, f"a secret leaked through {path}"
    assert log_fields(exc)[FIELD]["http"]["status_code"] == exc.raw_response.status_code  # type: ignore[union-attr]


# -- the package's face and the docs ----------------------------------------------------------------


def test_import_is_cheap() -> None:
    """Importing kombo_tag_errors.logs imports neither httpx, structlog, hypothesis nor pytest."""
    code = (
        "import sys, kombo_tag_errors.logs; "
        "print(sorted(m for m in ('httpx', 'structlog', 'hypothesis', 'pytest') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def _python_blocks(path: Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", path.read_text(encoding="utf-8"), re.S | re.M)


def test_docs_recipes_run() -> None:
    """Every python block of docs/howto/logging.md runs as written, each on its own."""
    blocks = _python_blocks(DOCS)
    assert len(blocks) >= 3
    for block in blocks:
        exec(compile(block, str(DOCS), "exec"), {"__name__": "__docs__"})
