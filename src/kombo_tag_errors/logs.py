"""Log an error body as structured data, and read the log back as the very same object.

`log_fields` gives one key, `FIELD`, so it cannot clash with a `logging.LogRecord` attribute
(``message``, ``msg``, ``args``...) or another library's fields, and a whole log line can be
handed back to `from_log_fields`::

    {"kombo_error": {
        "type": "PostAtsCandidatesCandidateIDTagsResponseBody",  # or "APIStatusError", "KomboAPIError"
        "status_code": 401,                 # exc.status_code: an int, or null where it is not known
        "payload": {"status": "error", "error": {...}, ...},  # unstructure(exc)
        "http": {                           # null when no httpx.Response is attached
            "status_code": 401,
            "method": "POST",
            "url": "https://api.kombo.dev/v1/ats/candidates/42/tags",  # no user info, secrets masked
            "request_id": "req_123",        # the response's request-id header, or null
        },
    }}

Every key is always written; no request header value is ever read.
Where the server echoed a credential of the body's own request (``"Invalid key Bearer sk_live_..."``),
the payload has ``REDACTED`` in its place and a sixth key, ``"echoes_masked"``, counts the
replacements: the body object itself keeps the exact payload, its log does not.
``http`` also holds ``"headers"``: the response's safe headers (`kombo_tag_errors.httpx.SAFE_HEADERS`:
content type, ``retry-after``, ``ratelimit-*``, ``concurrency-*``, request ids), lower case.

A `kombo_tag_errors.httpx.UnexpectedResponse` (an HTML 502, an empty 429) is recorded too::

    {"kombo_error": {
        "type": "UnexpectedResponse",
        "status_code": 502,
        "content_type": "text/html",        # or null
        "body_prefix": "<html>...",         # the first 512 characters of the body, escaped
        "problems": [{"path": "$", "message": "...", "kind": "not_json"}],
        "total": 1,                         # how many problems there were
        "http": {...},                      # as above
    }}

and reads back as an `~kombo_tag_errors.httpx.UnexpectedResponse` without a response, its safe headers
taken from ``http``.

``log_fields(exc, withhold_message=True)`` keeps the error's ``message`` and a string ``title`` out of the
record (they may hold personal data: a candidate's name or e-mail). Each is replaced by `WITHHELD` in
``payload`` and its path is listed under a fifth key, written only then::

        "payload": {"status": "error", "error": {"title": "[withheld]", "message": "[withheld]", ...}},
        "withheld": ["$.error.title", "$.error.message"],

`from_log_fields` reads such a record back into an error whose withheld fields are the text `WITHHELD`.
`ErrorFieldsFilter` attaches the same fields to stdlib log records; ``kombo_tag_errors.structlog``
does it for structlog.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Final

import attrs

from ._api import structure, unstructure
from ._attributes import CLASSES, nearest_class
from ._chain import find_error, find_logged, is_unexpected
from ._echo import mask_echoes
from ._errors import KomboError, PayloadError, Problem
from ._models import APIStatusError, KomboAPIError, masked_copy
from ._redact import http_context
from ._text import safe_repr
from ._unexpected_log import NAME as _UNEXPECTED
from ._unexpected_log import headers_from_http, unexpected_fields, unexpected_from_fields
from ._withhold import WITHHELD, WITHHOLDABLE, withheld_copy, withhold_payload, withhold_text

__all__ = ["FIELD", "WITHHELD", "ErrorFieldsFilter", "from_log_fields", "log_fields"]

FIELD: Final = "kombo_error"
"""The one key `log_fields` writes: the log record attribute and the JSON key."""

_CLASSES: Final = CLASSES
_ROOT: Final = f"$.{FIELD}"
_MISSING: Final = object()


def log_fields(exc: KomboError, *, withhold_message: bool = False) -> dict[str, Any]:
    """The JSON-ready log fields of *exc*: ``{"kombo_error": {...}}``, laid out as the module says.

    *exc* is an error body or an `~kombo_tag_errors.httpx.UnexpectedResponse`.
    A subclass of your own is recorded as the nearest class of this package it derives from.
    With *withhold_message*, the message and a string title are replaced by `WITHHELD` and their
    paths listed under ``withheld``; everything else is written as without it (of an
    `~kombo_tag_errors.httpx.UnexpectedResponse`, the body prefix and the problems' messages are withheld).
    """
    if is_unexpected(exc):
        return {FIELD: unexpected_fields(exc, withhold_message=withhold_message)}
    if not isinstance(exc, KomboAPIError):
        message = f"log_fields expects a KomboAPIError or an UnexpectedResponse, not {type(exc).__name__}"
        raise TypeError(message)
    name = nearest_class(exc)
    masked = masked_copy(exc)
    payload = unstructure(masked)
    withheld = None
    if withhold_message:
        payload, withheld = withhold_payload(payload)
    fields: dict[str, Any] = {
        "type": name,
        "status_code": exc.status_code,
        "payload": payload,
        "http": http_context(exc.raw_response),
    }
    if withheld is not None:
        fields["withheld"] = withheld
    if masked is not exc:
        fields["echoes_masked"] = mask_echoes(unstructure(exc), exc._echoes)[1]
    return {FIELD: fields}


def from_log_fields(record: Mapping[str, Any]) -> KomboError:
    """Rebuild the error from its log fields, or from any mapping holding them (a decoded log line).

    ``from_log_fields(json.loads(json.dumps(log_fields(e)))) == e`` for every error body *e*; an
    `~kombo_tag_errors.httpx.UnexpectedResponse` reads back with the same fields (``http`` aside: it has no
    response).
    Other keys of *record* and unknown keys under ``kombo_error`` are ignored; of the ``http`` part only
    the safe headers are read back, as ``response_headers``: the rebuilt error has no response attached.
    A record written with ``withhold_message=True`` reads back with `WITHHELD` as the withheld texts;
    its ``withheld`` list must name only ``$.error.title`` and ``$.error.message``, each holding `WITHHELD`.
    Raises `~kombo_tag_errors.PayloadError` with the path of every problem, keeping *record* as its payload.
    """
    if not isinstance(record, Mapping):
        raise PayloadError([Problem("$", f"expected an object, got {type(record).__name__}")], record)
    fields = record.get(FIELD, _MISSING)
    if fields is _MISSING:
        raise PayloadError([Problem(_ROOT, "required key missing")], record)
    if not isinstance(fields, Mapping):
        raise PayloadError([Problem(_ROOT, f"expected an object, got {type(fields).__name__}")], record)
    problems: list[Problem] = []
    name = fields.get("type", _MISSING)
    if name == _UNEXPECTED:
        return unexpected_from_fields(fields, record, _ROOT)  # type: ignore[no-any-return]
    cls = _CLASSES.get(name) if isinstance(name, str) else None
    if name is _MISSING:
        problems.append(Problem(f"{_ROOT}.type", "required key missing"))
    elif cls is None:
        message = f"expected one of {sorted([*_CLASSES, _UNEXPECTED])}, got {safe_repr(name)}"
        problems.append(Problem(f"{_ROOT}.type", message))
    status = fields.get("status_code", _MISSING)
    if not (status is _MISSING or status is None or type(status) is int):
        message = f"expected an integer or null, got {safe_repr(status)}"
        problems.append(Problem(f"{_ROOT}.status_code", message))
    if "withheld" in fields:
        problems += _withheld_problems(fields["withheld"], fields.get("payload"))
    body: Any = None
    cause: PayloadError | None = None
    if "payload" not in fields:
        problems.append(Problem(f"{_ROOT}.payload", "required key missing"))
    else:
        try:
            body = structure(fields["payload"], cls or KomboAPIError)
        except PayloadError as e:
            problems += [Problem(f"{_ROOT}.payload{p.path[1:]}", p.message) for p in e.errors]
            cause = e
    if not problems and status is not _MISSING:
        body = _with_status(body, status, problems)
    if problems:
        raise PayloadError(problems, record) from cause
    headers = headers_from_http(fields.get("http"))
    if headers:
        object.__setattr__(body, "response_headers", headers)
    return body  # type: ignore[no-any-return]


def _withheld_problems(withheld: Any, payload: Any) -> list[Problem]:
    """What is wrong with the ``withheld`` list of a record, given the record's payload."""
    paths = [f"$.error.{key}" for key in WITHHOLDABLE]
    if not (isinstance(withheld, list) and all(isinstance(p, str) and p in paths for p in withheld)):
        return [Problem(f"{_ROOT}.withheld", f"expected a list of {paths}, got {safe_repr(withheld)}")]
    problems = []
    error = payload.get("error") if isinstance(payload, Mapping) else None
    for path in dict.fromkeys(withheld):
        value = error.get(path.rpartition(".")[2]) if isinstance(error, Mapping) else None
        if isinstance(value, str) and value != WITHHELD:
            message = f"expected {WITHHELD!r} where the record says it was withheld, got {safe_repr(value)}"
            problems.append(Problem(f"{_ROOT}.payload{path[1:]}", message))
    return problems


def _with_status(body: KomboAPIError, status: int | None, problems: list[Problem]) -> KomboAPIError:
    if isinstance(body, APIStatusError):
        return attrs.evolve(body, status_code=status)
    if body.status_code != status:
        message = f"{type(body).__name__} has status {body.status_code}, got {safe_repr(status)}"
        problems.append(Problem(f"{_ROOT}.status_code", message))
    return body


class ErrorFieldsFilter(logging.Filter):
    """Attach `log_fields` to every record whose ``exc_info`` holds an error body or an unexpected response.

    The error (a body or a `~kombo_tag_errors.httpx.UnexpectedResponse`) may be the logged exception
    itself or one of its causes (``raise ... from e``).
    The fields land in the record attribute ``kombo_error``, which a JSON formatter writes.
    The filter never drops a record and leaves one that has the attribute already as it is.

    Add it to the handler (a logger's filters do not see records from its children), and
    with a `logging.handlers.QueueHandler`, to the queue handler: its ``prepare()`` drops
    ``exc_info`` before the record crosses the queue, while the fields travel on.
    With *withhold_message*, the fields are ``log_fields(exc, withhold_message=True)``, and the
    record's traceback text (``exc_text``) and any error of this package among its ``args`` have
    the message and title withheld too: ``str(exc)``, which a traceback shows, holds them.
    """

    def __init__(self, name: str = "", *, withhold_message: bool = False) -> None:
        super().__init__(name)
        self.withhold_message = withhold_message

    def filter(self, record: logging.LogRecord) -> bool:
        """Attach the fields where there is an error; always keep the record."""
        if FIELD not in record.__dict__:
            exc = find_logged(record.exc_info)
            if exc is not None:
                record.__dict__.update(log_fields(exc, withhold_message=self.withhold_message))
        if self.withhold_message:
            _withhold_record(record)
        return True


def _withhold_record(record: logging.LogRecord) -> None:
    """Withhold the message in what a formatter writes of *record*: its traceback and its arguments."""
    if isinstance(record.exc_info, tuple) and find_error(record.exc_info) is not None:
        text = record.exc_text or logging.Formatter().formatException(record.exc_info)
        record.exc_text = withhold_text(text, record.exc_info)
    if isinstance(record.args, tuple):
        record.args = tuple(map(_withheld_arg, record.args))
    elif isinstance(record.args, Mapping):
        record.args = {k: _withheld_arg(a) for k, a in record.args.items()}


def _withheld_arg(arg: object) -> object:
    return withheld_copy(arg) if isinstance(arg, KomboAPIError) else arg
