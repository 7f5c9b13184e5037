"""What ``check`` writes: each invalid payload's problems, then the summary, as text or JSON Lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import BinaryIO

from .._errors import Problem
from .._text import escape
from ..replay import Summary
from ._progress import Progress

__all__ = ["Report"]


class Report:
    """Writes to *out* (stdout's bytes): ``FILE:LINE: PATH: problem`` lines, or one JSON object each."""

    def __init__(self, fmt: str, quiet: bool, progress: Progress | None, out: BinaryIO | None = None) -> None:
        self.json = fmt == "json"
        self.quiet = quiet
        self.progress = progress
        self.out = out if out is not None else sys.stdout.buffer

    def problems(self, name: str, line: int, problems: Sequence[Problem]) -> None:
        """Write the problems of the invalid payload on *line* of input *name*."""
        if self.progress is not None:
            self.progress.clear()
        if self.json:
            record = {
                "file": name,
                "line": line,
                "problems": [{"path": p.path, "kind": p.kind.value, "problem": p.message} for p in problems],
            }
            text = json.dumps(record, ensure_ascii=True) + "\n"
        else:
            # The whole line is escaped: a file name or a key in a path cannot break it either.
            text = "".join(escape(f"{name}:{line}: {p.path}: {p.message}") + "\n" for p in problems)
        self.out.write(text.encode("utf-8"))

    def summary(self, summary: Summary, top: int) -> None:
        """Write the summary with the *top* most frequent problems and unknown keys, unless quiet."""
        if self.quiet:
            return
        if self.json:
            text = json.dumps({"summary": summary.as_json(top)}, ensure_ascii=True)
        else:
            text = summary.as_text(top)
        self.out.write(text.encode("utf-8") + b"\n")
        self.out.flush()
