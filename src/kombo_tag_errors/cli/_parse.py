"""``kombo-tag-errors parse``: show one captured body."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._api import DEFAULT_MAX_SIZE, dumps, loads
from .._attributes import shape
from .._codes import ErrorCode
from .._errors import PayloadError, format_key
from .._models import KomboAPIError
from .._text import escape
from .._unset import UNSET
from ._io import read_input

__all__ = ["printable_json", "register", "shape", "summary"]

EXAMPLE = """\
example:
  kombo-tag-errors parse examples/401-2026-full.json
  curl -s ... | kombo-tag-errors parse --json -
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "parse",
        help="show one captured 401 body",
        description=(
            "Structure one 401 body and show it. Exit status: 0 valid, 1 invalid, 2 usage or I/O error."
        ),
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE", help="a file holding one JSON body, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the normalized JSON instead of a summary")
    p.set_defaults(run=run)


def _show(value: Any) -> str:
    if value is UNSET:
        return "(absent)"
    if value is None:
        return "null"
    return escape(str(value))


def summary(body: KomboAPIError) -> str:
    """A few lines for people, every payload string escaped."""
    e = body.error
    code = _show(e.code)
    if e.code is not UNSET and e.code is not None:
        code += "" if isinstance(e.code, ErrorCode) else " (unknown code)"
    unknown = [f"${format_key(k)}" for k in body.extra] + [f"$.error{format_key(k)}" for k in e.extra]
    lines = [
        f"status:    {body.status.value}",
        f"shape:     {shape(body)}",
        f"code:      {code}",
        f"title:     {_show(e.title)}",
        f"message:   {_show(e.message)}",
        f"log_url:   {_show(e.log_url)}",
        f"retryable: {'yes' if e.retryable else 'no'}",
        f"unknown:   {escape(', '.join(unknown)) if unknown else '(none)'}",
    ]
    return "\n".join(lines)


def printable_json(data: bytes) -> bytes:
    r"""The JSON text *data* with every character `str.isprintable` refuses written as ``\uXXXX``.

    Controls (U+009B, a terminal's CSI), separators (U+2028), format characters (U+202E): only
    inside strings, where an escape reads back as the same character.
    """
    text = data.decode()
    if text.isprintable():
        return data
    return "".join(c if c.isprintable() else _u_escape(c) for c in text).encode()


def _u_escape(char: str) -> str:
    point = ord(char)
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    point -= 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


def run(args: argparse.Namespace) -> int:
    data = read_input(args.file, DEFAULT_MAX_SIZE + 1)  # one byte more: loads says it is too large
    try:
        body = loads(data)
    except PayloadError as e:
        name = escape(args.file)
        for problem in e.errors:
            print(f"{name}: {problem}", file=sys.stderr)
        return 1
    if args.json:
        sys.stdout.buffer.write(printable_json(dumps(body)) + b"\n")
    else:
        print(summary(body))
    return 0
