"""HTTP responses as the endpoint sends them: content codings, chunked streams, and what each must become.

Shared by the response strategies, the mock transport of `kombo_tag_errors.testing` and the fuzz harness.
"""

from __future__ import annotations

import functools
import gzip
import zlib
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

import attrs
import httpx

from ._httpx_io import UnexpectedResponse
from ._models import KomboAPIError

__all__ = ["ResponseCase", "content_codings", "encode_content", "make_response"]


def _brotli(content: bytes) -> bytes:
    import brotli  # type: ignore[import-not-found,import-untyped,unused-ignore]

    return brotli.compress(content)  # type: ignore[no-any-return]


def _zstd(content: bytes) -> bytes:
    import zstandard  # type: ignore[import-not-found,unused-ignore]

    return zstandard.ZstdCompressor().compress(content)


_CODERS = {
    "identity": lambda c: c,
    "gzip": lambda c: gzip.compress(c, mtime=0),
    "deflate": zlib.compress,
    "br": _brotli,
    "zstd": _zstd,
}


def encode_content(content: bytes, coding: str | None) -> bytes:
    """*content* encoded with the ``Content-Encoding`` *coding*: ``"gzip"``, ``"gzip, br"`` (in order)...

    ``identity`` and `None` leave it as it is; ``br`` and ``zstd`` need brotli and zstandard.
    Raises `ValueError` for a coding this function does not know.
    """
    for name in (coding or "identity").split(","):
        name = name.strip().lower()
        if name not in _CODERS:
            raise ValueError(f"unknown content coding {name!r}")
        content = _CODERS[name](content)
    return content


@functools.cache
def content_codings() -> tuple[str, ...]:
    """The content codings httpx decodes here: gzip and deflate; br and zstd where they are installed."""
    found = []
    for name in ("gzip", "deflate", "br", "zstd"):
        try:
            sample = encode_content(b"{}", name)
            if httpx.Response(200, headers={"content-encoding": name}, content=sample).content == b"{}":
                found.append(name)
        except (ImportError, httpx.DecodingError):
            continue
    return tuple(found)


class _Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body sent in chunks, readable by a sync or an async client, once."""

    def __init__(self, chunks: Sequence[bytes]) -> None:
        self._chunks = chunks

    def __iter__(self) -> Iterator[bytes]:
        yield from self._chunks

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks:
            yield chunk


def make_response(
    status_code: int,
    headers: Any = None,
    content: bytes = b"",
    *,
    chunk_size: int | None = None,
    request: httpx.Request | None = None,
) -> httpx.Response:
    """An `httpx.Response` with the wire bytes *content*, read, or unread and streamed in *chunk_size* chunks.

    *content* is sent as is: encode it first (`encode_content`) to match a ``Content-Encoding`` header.
    A streamed response reads in a sync or an async client, once.
    """
    if chunk_size is None:
        return httpx.Response(status_code, headers=headers, content=content, request=request)
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size!r}")
    chunks = [content[i : i + chunk_size] for i in range(0, len(content), chunk_size)]
    return httpx.Response(status_code, headers=headers, stream=_Chunks(chunks), request=request)


@attrs.frozen
class ResponseCase:
    """A response the endpoint may send, and what `~kombo_tag_errors.httpx.from_response` must make of it.

    ``expected`` is the class ``from_response`` returns (``body`` is the body it returns, equal to it)
    or `~kombo_tag_errors.httpx.UnexpectedResponse`, which it raises (``body`` is `None`).
    ``kind`` says which sort of response this is, for a property's notes: ``"json"``, ``"html"``,
    ``"empty"``, ``"truncated"``, ``"not the error shape"`` or ``"not JSON by its content type"``.
    """

    status_code: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    """The body's bytes on the wire, after its content coding."""
    chunk_size: int | None
    """Streamed in chunks of this size, or `None`: read, as ``client.post(...)`` returns it."""
    expected: type[KomboAPIError] | type[UnexpectedResponse]
    body: KomboAPIError | None
    kind: str

    @property
    def unexpected(self) -> bool:
        """Whether ``from_response`` raises `~kombo_tag_errors.httpx.UnexpectedResponse` for it."""
        return self.expected is UnexpectedResponse

    def response(self, request: httpx.Request | None = None) -> httpx.Response:
        """A fresh `httpx.Response` of this case (a streamed body is read once), for *request* if given."""
        return make_response(
            self.status_code, list(self.headers), self.content, chunk_size=self.chunk_size, request=request
        )
