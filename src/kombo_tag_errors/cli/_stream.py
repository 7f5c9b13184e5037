"""Reading inputs for ``check`` in bounded chunks: files, stdin, gzip, JSON Lines.

Nothing here holds more than a chunk and one payload of at most ``max_size`` bytes at a time.
"""

from __future__ import annotations

import gzip
import itertools
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterator
from functools import partial
from typing import BinaryIO, Final, NoReturn

import attrs

from ._verdict import OVERSIZE

__all__ = [
    "CHUNK",
    "Batch",
    "Input",
    "Read",
    "Unreadable",
    "batches",
    "open_input",
    "read_error",
    "reader",
    "stat_input",
]

CHUNK: Final = 1 << 20
"""Bytes read at a time."""

GZIP_MAGIC: Final = b"\x1f\x8b"

Read = Callable[[int], bytes]


@attrs.define
class Input:
    """One opened input: its name as given, the stream of its (decompressed) bytes and what is known of it."""

    name: str
    stream: BinaryIO
    raw: BinaryIO
    """The file under the stream: its position is the progress through a gzip file."""
    size: int | None
    """Its size in bytes (compressed, for gzip) when it is a regular file."""
    splittable: bool
    """A regular uncompressed file, which ``--jobs`` may split into byte ranges."""


class Unreadable(Exception):
    """An input that cannot be read (any more): ``str()`` is the line that says why."""


def read_error(name: str, exc: BaseException) -> NoReturn:
    """Raise `Unreadable` with the line saying why *name* cannot be read."""
    if isinstance(exc, OSError) and exc.strerror:
        reason = exc.strerror
    elif isinstance(exc, EOFError):
        reason = "the gzip stream is truncated"
    else:
        reason = str(exc) or type(exc).__name__
    raise Unreadable(f"cannot read {name}: {reason}")


def stat_input(name: str) -> int | None:
    """The size of input *name* when it is a regular file, None for a pipe; exit 2 if it is not readable."""
    try:
        st = os.stat(sys.stdin.fileno()) if name == "-" else os.stat(name)
    except (OSError, ValueError) as e:
        if name == "-":
            return None
        read_error(name, e)
    if stat.S_ISDIR(st.st_mode):
        raise Unreadable(f"cannot read {name}: Is a directory")
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def open_input(name: str) -> Input:
    """Open *name* (``-`` is stdin), decompressing gzip (by its magic bytes or a ``.gz`` suffix)."""
    size = stat_input(name)
    try:
        raw: BinaryIO = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
        is_gzip = name.endswith(".gz") or raw.peek(2)[:2] == GZIP_MAGIC  # type: ignore[attr-defined]
    except OSError as e:
        read_error(name, e)
    if is_gzip:
        return Input(name, gzip.GzipFile(fileobj=raw, mode="rb"), raw, size, False)  # type: ignore[arg-type]
    return Input(name, raw, raw, size, size is not None and name != "-")


def reader(inp: Input) -> Read:
    """``read(n)`` on *inp* that exits 2 with one line on any I/O or gzip error."""
    stream = inp.stream

    def read(n: int) -> bytes:
        try:
            return stream.read(n)
        except (OSError, EOFError, zlib.error) as e:
            read_error(inp.name, e)

    return read


@attrs.frozen
class Batch:
    """Complete lines, numbered from `first`, lying in bytes `start` to `end` of the input."""

    first: int
    lines: list[bytes]
    start: int
    end: int

    def offset_after(self, index: int) -> int:
        """Where the line after ``lines[index]`` starts."""
        if self.lines[0] is OVERSIZE:
            return self.end
        return self.start + sum(map(len, self.lines[: index + 1])) + index + 1


def batches(read: Read, max_size: int, head: bytes = b"", first: int = 1, offset: int = 0) -> Iterator[Batch]:
    """Split *head*, then what *read* gives, into batches of lines numbered from *first*.

    *offset* is where *head* starts in the input.
    A line longer than *max_size* is never held whole: it comes alone, as `OVERSIZE`.
    """
    carry = b""
    skip_from = -1  # where a line already known to be too long started, or -1
    line = first
    pos = offset  # where `carry` starts in the input
    for chunk in itertools.chain((head,), iter(partial(read, CHUNK), b"")):
        if skip_from >= 0:
            nl = chunk.find(b"\n")
            if nl < 0:
                pos += len(chunk)
                continue
            pos += nl + 1
            yield Batch(line, [OVERSIZE], skip_from, pos)
            line += 1
            chunk = chunk[nl + 1 :]
            skip_from = -1
        lines = chunk.split(b"\n")  # the carry joins the first line only: the chunk is not copied
        if carry:
            lines[0] = carry + lines[0]
        size = len(carry) + len(chunk)
        carry = lines.pop()
        done = size - len(carry)
        if size > max_size:
            yield from _split_long(lines, line, pos, max_size)
        elif lines:
            yield Batch(line, lines, pos, pos + done)
        line += len(lines)
        pos += done
        if len(carry) > max_size:
            skip_from = pos
            pos += len(carry)
            carry = b""
    if skip_from >= 0:
        yield Batch(line, [OVERSIZE], skip_from, pos)
    elif carry:
        yield Batch(line, [carry], pos, pos + len(carry))


def _split_long(lines: list[bytes], line: int, pos: int, max_size: int) -> Iterator[Batch]:
    """Yield *lines* as batches where each line longer than *max_size* comes alone, as `OVERSIZE`."""
    if max(map(len, lines), default=0) <= max_size:
        if lines:
            yield Batch(line, lines, pos, pos + sum(map(len, lines)) + len(lines))
        return
    run: list[bytes] = []
    start = pos
    for i, data in enumerate(lines):
        if len(data) > max_size:
            if run:
                yield Batch(line + i - len(run), run, start, pos)
                run = []
            yield Batch(line + i, [OVERSIZE], pos, pos + len(data) + 1)
            start = pos + len(data) + 1
        else:
            run.append(data)
        pos += len(data) + 1
    if run:
        yield Batch(line + len(lines) - len(run), run, start, pos)
