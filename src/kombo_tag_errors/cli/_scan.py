"""Inputs that are not JSON Lines: one JSON array of payloads, or payloads written one after another
across lines (pretty-printed, as ``jq .`` writes them).

`Splitter` cuts such input into payloads as it arrives, holding at most one payload of
``max_size`` bytes and the current chunk: a structural scan (strings, brackets, commas) finds
where each payload ends; `kombo_tag_errors.loads` then judges each one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import Final

from .. import _json
from ._stream import CHUNK, Read
from ._verdict import MISSING, OVERSIZE, UNCLOSED

__all__ = ["Splitter", "detect", "items"]

_WS: Final = b" \t\r\n"
_NEXT = re.compile(rb"[^ \t\r\n]")
_TOKEN = re.compile(rb'["\[\]{},]')
_STRING_BODY = re.compile(rb'(?:[^"\\]+|\\.)*', re.DOTALL)
_QUOTE, _COMMA, _OPEN, _CLOSE = ord('"'), ord(","), frozenset(b"[{"), frozenset(b"]}")


def detect(head: bytes) -> str:
    """How to read an input that starts with *head*: ``"lines"``, ``"array"`` or ``"documents"``.

    - A first line that is just ``{`` starts pretty-printed documents.
    - A ``[`` first is one JSON array of payloads, unless the first line is a whole JSON value
      followed by more lines (JSON Lines whose first payload is an array).
    - Anything else is JSON Lines, a one-line document included.
    """
    text = head.lstrip(_WS)
    nl = text.find(b"\n")
    first_line = (text if nl < 0 else text[:nl]).strip(_WS)
    if first_line == b"{":
        return "documents"
    if text[:1] == b"[":
        if nl >= 0 and text[nl:].strip(_WS):
            try:
                _json.decode(first_line)
            except _json.DecodeError:
                return "array"
            return "lines"
        return "array"
    return "lines"


def items(read: Read, head: bytes, array: bool, max_size: int) -> Iterator[tuple[int, bytes]]:
    """The payloads of *head* and what *read* gives, each with the line it starts on."""
    splitter = Splitter(array, max_size)
    yield from splitter.feed(head)
    for chunk in iter(partial(read, CHUNK), b""):
        yield from splitter.feed(chunk)
    yield from splitter.finish()


class Splitter:
    """Cut a JSON array (*array*) or a run of JSON documents into payloads, chunk by chunk."""

    def __init__(self, array: bool, max_size: int) -> None:
        self.array = array
        self.max_size = max_size
        self.buf = b""
        self.pos = 0  # the next byte to scan
        self.start = -1  # where the current payload starts; -1 between payloads
        self.start_line = 0
        self.oversize = False  # the current payload outgrew max_size: its bytes are dropped
        self.depth = 0
        self.in_string = False
        self.opened = not array  # the array's "[" was seen
        self.closed = False  # the array's "]" was seen: what follows is one trailing item
        self.after_comma = False
        self.line = 1  # the line number at `counted`
        self.counted = 0

    def _line_at(self, p: int) -> int:
        self.line += self.buf.count(b"\n", self.counted, p)
        self.counted = p
        return self.line

    def _emit(self, end: int) -> tuple[int, bytes]:
        data = OVERSIZE if self.oversize else self.buf[self.start : end]
        self.start, self.oversize = -1, False
        return self.start_line, data

    def _begin(self, p: int) -> None:
        self.start, self.start_line, self.after_comma = p, self._line_at(p), False

    def feed(self, data: bytes) -> list[tuple[int, bytes]]:
        """The payloads that end in *data*."""
        out: list[tuple[int, bytes]] = []
        buf = self.buf = self.buf + data
        pos, end = self.pos, len(buf)
        while pos < end:
            if self.in_string:
                pos = _STRING_BODY.match(buf, pos).end()  # type: ignore[union-attr]
                if pos < end and buf[pos] == _QUOTE:
                    pos += 1
                    self.in_string = False
                    continue
                break  # the string goes on in the next chunk
            if self.start < 0:
                m = _NEXT.search(buf, pos)
                if m is None:
                    pos = end
                    break
                p = m.start()
                c = buf[p]
                if not self.opened:  # `detect` saw "[" first
                    self.opened, self.depth, pos = True, 1, p + 1
                    continue
                if self.array and not self.closed and c in b"],":
                    if c == _COMMA or self.after_comma:  # nothing before this comma or bracket
                        out.append((self._line_at(p), MISSING))
                    self.after_comma = c == _COMMA
                    self.closed = c != _COMMA
                    self.depth -= c != _COMMA
                    pos = p + 1
                    continue
                self._begin(p)
            if self.closed:  # trailing data after the array: one item, to the end
                pos = end
                break
            m = _TOKEN.search(buf, pos)
            if m is None:
                pos = end
                break
            p = m.start()
            c = buf[p]
            pos = p + 1
            if c == _QUOTE:
                self.in_string = True
            elif c in _OPEN:
                self.depth += 1
            elif c in _CLOSE:
                self.depth -= 1
                if self.array and self.depth == 0:
                    out.append(self._emit(p))
                    self.closed = True
                elif not self.array and self.depth <= 0:
                    self.depth = 0
                    out.append(self._emit(p + 1))
            elif c == _COMMA and self.array and self.depth == 1:
                out.append(self._emit(p))
                self.after_comma = True
        self._compact(pos)
        return out

    def _compact(self, pos: int) -> None:
        """Drop what is scanned and no longer needed; start dropping a payload past max_size."""
        if self.start >= 0 and not self.oversize and len(self.buf) - self.start > self.max_size:
            self.oversize = True
        keep = self.start if self.start >= 0 and not self.oversize else pos
        self._line_at(max(keep, self.counted))
        self.buf = self.buf[keep:]
        self.pos = pos - keep
        self.counted -= keep
        if self.start >= 0:
            self.start = max(self.start - keep, 0)

    def finish(self) -> list[tuple[int, bytes]]:
        """What is left at the end of the input: an unfinished payload, or an unclosed array."""
        out = [self._emit(len(self.buf))] if self.start >= 0 else []
        if self.array and not self.closed:
            out.append((self._line_at(len(self.buf)), UNCLOSED))
        return out
