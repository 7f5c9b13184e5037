"""What ``check`` writes: each invalid payload's problems, then the summary, as text or JSON Lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring_ascii
from typing import BinaryIO

from .._errors import Problem
from .._text import escape
from ..replay import Summary
from ._progress import Progress

__all__ = ["Report", "record"]

_string: Callable[[str], str] = encode_basestring_ascii  # json.dumps' own, for ensure_ascii=True


def record(name: str, line: int, problems: Sequence[Problem]) -> str:
    """The JSON line of an invalid payload: ``json.dumps`` of it, ASCII only, written without the call."""
    items = ", ".join(
        f'{{"path": {_string(p.path)}, "kind": "{p.kind.value}", "problem": {_string(p.message)}}}'
        for p in problems
    )
    return f'{{"file": {_string(name)}, "line": {line}, "problems": [{items}]}}\n'


class Report:
    """Writes to *out* (stdout's bytes): ``FILE:LINE: PATH: problem`` lines, or one JSON object each.

    The lines of a batch of input are written together, at `flush`: one write however many invalid
    payloads, even to an unbuffered stdout (``PYTHONUNBUFFERED``, as many containers set it).
    """

    def __init__(self, fmt: str, quiet: bool, progress: Progress | None, out: BinaryIO | None = None) -> None:
        self.json = fmt == "json"
        self.quiet = quiet
        self.progress = progress
        self.out = out if out is not None else sys.stdout.buffer
        self.pending: list[str] = []

    def problems(self, name: str, line: int, problems: Sequence[Problem]) -> None:
        """Write (at the next `flush`) the problems of the invalid payload on *line* of input *name*."""
        if self.json:
            text = record(name, line, problems)
        else:
            # The whole line is escaped: a file name or a key in a path cannot break it either.
            text = "".join(escape(f"{name}:{line}: {p.path}: {p.message}") + "\n" for p in problems)
        self.pending.append(text)
        if len(self.pending) >= 4096:
            self.flush()

    def flush(self) -> None:
        """Write the lines not written yet."""
        if self.pending:
            if self.progress is not None:
                self.progress.clear()
            text = "".join(self.pending)
            self.pending.clear()
            self.out.write(text.encode("utf-8"))
            self.out.flush()

    def summary(self, summary: Summary, top: int) -> None:
        """Write the summary with the *top* most frequent problems and unknown keys, unless quiet."""
        self.flush()
        if self.quiet:
            return
        if self.json:
            text = json.dumps({"summary": summary.as_json(top)}, ensure_ascii=True)
        else:
            text = summary.as_text(top)
        self.out.write(text.encode("utf-8") + b"\n")
        self.out.flush()
