"""Bounded decoding of a response's content codings: memory stays near the bytes kept, whatever the ratio.

httpx decodes each wire chunk whole: a few kilobytes of brotli or zstd become a gibibyte in one call.
Here the raw bytes go through decoders that each hand on at most `STEP` bytes at a time, so a read
that stops at ``max_bytes + 1`` decoded bytes never holds more than a few steps besides.

The codings are httpx's own (identity, gzip, deflate, br, zstd), decoded as httpx decodes them.
A coding this module cannot decode within the bound raises `Undecodable`; nothing is read then.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Callable
from typing import Any, Final, Protocol

__all__ = ["STEP", "Undecodable", "decoder_for"]

STEP: Final = 64 << 10
"""About the most bytes a gzip, deflate or br decoder hands on at once (brotli's limit is looser)."""

_ZSTD_FEED: Final = 16
"""Compressed bytes given to zstandard per call: its output per call is not bounded, but 16 bytes hold at most
four blocks of at most 128 KiB each (a block takes four bytes or more): a piece is at most 512 KiB."""

_ZSTD_MAX_WINDOW: Final = 8 << 20
"""The largest zstd window accepted: RFC 9659 asks HTTP encoders to stay within 8 MiB."""


class Undecodable(Exception):
    """A content coding that cannot be decoded, or bytes that are not valid in it."""


class _Sink(Protocol):
    def __call__(self, data: bytes) -> bool: ...


class _Stage:
    """One content coding: `write` decodes and hands the output on, `close` flushes; both say when to stop."""

    def __init__(self, out: _Sink) -> None:
        self.out = out

    def write(self, data: bytes) -> bool:
        raise NotImplementedError  # pragma: no cover - each coding has its own

    def close(self) -> bool:
        return False


class _Zlib(_Stage):
    """gzip, or deflate: zlib's format, or raw deflate when the first bytes are not zlib's (as httpx)."""

    def __init__(self, out: _Sink, wbits: int) -> None:
        super().__init__(out)
        self.wbits = wbits
        self.d = zlib.decompressobj(wbits)
        self.first = True
        self.head = b""  # the first bytes, until zlib's two-byte header can be checked

    def write(self, data: bytes) -> bool:
        if self.first and len(self.head) + len(data) < 2:
            self.head += data
            return False
        data, self.head = self.head + data, b""
        return self._feed(data)

    def _feed(self, data: bytes) -> bool:
        while data and not self.d.eof:
            try:
                piece = self.d.decompress(data, STEP)
            except zlib.error as e:
                if not (self.first and self.wbits == zlib.MAX_WBITS):
                    raise Undecodable(str(e)) from None
                self.first, self.wbits = False, -zlib.MAX_WBITS
                self.d = zlib.decompressobj(self.wbits)
                continue
            self.first = False
            data = self.d.unconsumed_tail
            if piece and self.out(piece):
                return True
            while len(piece) == STEP and not data:  # output still pending in zlib
                piece = self.d.decompress(b"", STEP)
                if piece and self.out(piece):
                    return True
        return False

    def close(self) -> bool:
        if self.head and self._feed(self.head):
            return True
        piece = self.d.flush(STEP)
        return bool(piece) and self.out(piece)


class _Brotli(_Stage):
    def __init__(self, out: _Sink, brotli: Any) -> None:
        super().__init__(out)
        self.d = brotli.Decompressor()
        self.error = brotli.error

    def write(self, data: bytes) -> bool:
        try:
            piece = self.d.process(data, output_buffer_limit=STEP)
            # A piece as long as the limit may have more behind it; brotli takes new input only after.
            while piece:
                if self.out(piece):
                    return True
                if len(piece) < STEP and self.d.can_accept_more_data():
                    break
                piece = self.d.process(b"", output_buffer_limit=STEP)
        except self.error as e:
            raise Undecodable(str(e)) from None
        return False

    def close(self) -> bool:
        return self.write(b"")


class _Zstd(_Stage):
    """zstd, frame after frame, fed a few bytes at a time."""

    def __init__(self, out: _Sink, zstandard: Any) -> None:
        super().__init__(out)
        self.make = zstandard.ZstdDecompressor(max_window_size=_ZSTD_MAX_WINDOW).decompressobj
        self.d = self.make()
        self.error = zstandard.ZstdError

    def write(self, data: bytes) -> bool:
        view = memoryview(data)
        try:
            while view:
                piece = self.d.decompress(view[:_ZSTD_FEED])
                view = view[_ZSTD_FEED:]
                if self.d.eof:  # the next frame starts in what it did not use
                    view = memoryview(self.d.unused_data + bytes(view))
                    self.d = self.make()
                if piece and self.out(piece):
                    return True
        except self.error as e:
            raise Undecodable(str(e)) from None
        return False


def _brotli() -> Any:
    try:
        brotli = importlib.import_module("brotli")  # untyped; the C binding, not brotlicffi
    except ImportError:
        raise Undecodable("content coding 'br' needs the brotli package") from None
    try:
        brotli.Decompressor().process(b"", output_buffer_limit=1)
    except TypeError:
        raise Undecodable("content coding 'br' needs brotli 1.2 or newer (bounded output)") from None
    return brotli


def _zstandard() -> Any:
    try:
        zstandard = importlib.import_module("zstandard")
    except ImportError:
        raise Undecodable("content coding 'zstd' needs the zstandard package") from None
    return zstandard


_STAGES: Final[dict[str, Callable[[_Sink], _Stage]]] = {
    "gzip": lambda out: _Zlib(out, zlib.MAX_WBITS | 16),
    "deflate": lambda out: _Zlib(out, zlib.MAX_WBITS),
    "br": lambda out: _Brotli(out, _brotli()),
    "zstd": lambda out: _Zstd(out, _zstandard()),
}


class _Chain:
    """The decoders of a ``Content-Encoding`` list, last applied first, ending in *sink*."""

    def __init__(self, codings: list[str], sink: _Sink) -> None:
        self.stages: list[_Stage] = []
        out = sink
        for coding in codings:  # the first coding listed was applied first: it is decoded last
            if coding == "identity":
                continue
            if coding not in _STAGES:
                raise Undecodable(f"content coding {coding!r} is not one httpx decodes")
            stage = _STAGES[coding](out)
            self.stages.append(stage)
            out = stage.write
        self.write: _Sink = out

    def close(self) -> bool:
        # Outermost first: its flush feeds the inner ones.
        return any(stage.close() for stage in reversed(self.stages))


def decoder_for(content_encoding: list[str], sink: _Sink) -> _Chain:
    """A decoder for the codings listed in *content_encoding*, handing its output to *sink*.

    *sink* returns `True` when it has enough; `write` and `close` then return `True` at once.
    Raises `Undecodable` for a coding it cannot decode within the bound.
    """
    codings = [c.strip().lower() for c in content_encoding if c.strip()]
    return _Chain(codings, sink)
