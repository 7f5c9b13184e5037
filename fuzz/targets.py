"""Fuzz targets: functions of one `bytes` argument that raise only when they find a bug.

`loads_target` hands the bytes to `kombo_tag_errors.loads` as bytes, bytearray, memoryview and str,
alone and as an unknown key's value.
`httpx_target` reads a status, a content type, a content encoding, a chunk size and a size limit
from the first bytes (`HEADER` long) and hands the rest to `kombo_tag_errors.httpx.from_response`
as the body of an `httpx.Response`, read or streamed.
A body must survive ``str``, ``repr``, ``hash`` and a round trip; a `PayloadError` (or subclass)
must keep the input and name paths; any other exception escapes, and the fuzzer reports it.
No atheris here: the suite runs these functions on plain inputs too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import kombo_tag_errors as kte
from kombo_tag_errors._models import json_key
from kombo_tag_errors.httpx import from_response
from kombo_tag_errors.testing import encode_content, make_response

__all__ = ["HEADER", "httpx_input", "httpx_target", "loads_target"]

_PREFIX = b'{"status":"error","error":{"message":"m"},"x":'

HEADER = 6
"""Bytes of an `httpx_target` input read as parameters before the body."""

_STATUSES = (401, 401, 401, 401, 400, 403, 404, 422, 429, 500, 502, 503, 599, 200, 204, 304, 101, 418)
_ENCODINGS = (
    None,
    None,
    "identity",
    "gzip",
    "deflate",
    "br",
    "zstd",
    "gzip, deflate",
    "gzip, br",
    "zstd, deflate",
    "x-unknown",
)


def _outcome(run: Callable[[], Any]) -> Any:
    """``run()``: a body, or the `PayloadError` it raised."""
    try:
        return run()
    except kte.PayloadError as e:
        return e


def _check(result: Any, payload: Any) -> None:
    """The outcome is sound: a refusal keeps the input and names paths; a body round-trips."""
    if isinstance(result, kte.PayloadError):
        assert result.errors, "a PayloadError without problems"
        assert all(p.path.startswith("$") for p in result.errors)
        assert result.total >= len(result.errors)
        assert payload is None or result.payload == payload
        str(result), repr(result)
        return
    payload = json_key(kte.unstructure(result))  # an APIStatusError reads back as a 401 body: compare JSON
    assert json_key(kte.unstructure(kte.loads(kte.dumps(result)))) == payload
    assert json_key(kte.unstructure(kte.structure(kte.unstructure(result)))) == payload
    str(result), repr(result), hash(result)


def loads_target(data: bytes) -> None:
    """`kombo_tag_errors.loads` on *data* in every input form, and embedded as an unknown value."""
    first = _outcome(lambda: kte.loads(data))
    _check(first, data)
    for form in (bytearray(data), memoryview(data)):
        again = _outcome(lambda form=form: kte.loads(form))
        assert type(again) is type(first)
        assert isinstance(first, kte.PayloadError) or again == first
    text = data.decode("utf-8", "surrogateescape")  # invalid bytes become lone surrogates
    _check(_outcome(lambda: kte.loads(text)), text)
    embedded = _PREFIX + data + b"}"
    _check(_outcome(lambda: kte.loads(embedded)), embedded)


def _encode(content: bytes, encoding: str | None) -> bytes:
    """*content* in *encoding*, as the test kit's responses encode it; unchanged where it cannot."""
    try:
        return encode_content(content, encoding)
    except (ValueError, ImportError):  # x-unknown, or br/zstd without their package
        return content


def httpx_input(status: int, content_type: bytes | None, body: bytes, *, streamed: bool = False) -> bytes:
    """An `httpx_target` input for these response parts: for seeds and tests."""
    flags = (1 if streamed else 0) | (2 if content_type is not None else 0)
    ct = content_type or b""
    return bytes([_STATUSES.index(status), flags, 0, 0, 255, len(ct)]) + ct + body


def httpx_target(data: bytes) -> None:
    """`kombo_tag_errors.httpx.from_response` on a response built from *data*.

    Header bytes: status, flags (1 streamed, 2 has a content type, 4 body compressed by the
    harness), encoding, chunk size, size limit, content type length.
    """
    if len(data) < HEADER:
        return
    status = _STATUSES[data[0] % len(_STATUSES)]
    flags, encoding = data[1], _ENCODINGS[data[2] % len(_ENCODINGS)]
    chunk, limit, n = 1 + data[3], data[4], data[5]
    content_type = data[HEADER : HEADER + n]
    body = data[HEADER + n :]
    if flags & 4:
        body = _encode(body, encoding)
    headers: dict[str, bytes] = {}
    if flags & 2:
        headers["content-type"] = content_type  # bytes, as they come from the network
    if encoding is not None:
        headers["content-encoding"] = encoding.encode()
    streamed = bool(flags & 1) or encoding is not None  # a read Response decodes in its constructor
    max_bytes = kte.httpx.DEFAULT_MAX_BYTES if limit == 255 else limit * 16

    def run() -> Any:
        response = make_response(status, headers, body, chunk_size=chunk if streamed else None)
        return from_response(response, max_bytes=max_bytes)

    first = _outcome(run)
    if isinstance(first, kte.PayloadError):
        assert isinstance(first, kte.httpx.UnexpectedResponse), f"{first!r} is not an UnexpectedResponse"
        _check(first, None)
        assert len(first.payload) <= max_bytes + 1
    else:
        assert first.raw_response is not None
        _check(first, None)
