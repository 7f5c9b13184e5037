"""Reading inputs for the subcommands: files, ``-`` for stdin, one-line messages on failure."""

from __future__ import annotations

import sys
from typing import NoReturn

from .._text import escape

__all__ = ["fail", "read_input"]

PROG = "kombo-tag-errors"


def fail(message: str) -> NoReturn:
    """Print a one-line error and exit with status 2."""
    print(f"{PROG}: error: {escape(message)}", file=sys.stderr)
    raise SystemExit(2)


def read_input(name: str, limit: int = -1) -> bytes:
    """The bytes of file *name*, or of stdin for ``-``: at most *limit* of them when it is not -1.

    A read bounded so stops there, whatever is left (``/dev/zero``, an endless pipe).
    """
    if name == "-":
        return sys.stdin.buffer.read(limit)
    try:
        with open(name, "rb") as f:
            return f.read(limit)
    except OSError as e:
        fail(f"cannot read {name}: {e.strerror or e}")
