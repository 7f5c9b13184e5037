"""The verdict on each payload of ``check``: `kombo_tag_errors.replay`'s, which is `loads`' own."""

from __future__ import annotations

from collections.abc import Sequence

from ..replay import _MISSING as MISSING
from ..replay import _OVERSIZE as OVERSIZE
from ..replay import _UNCLOSED as UNCLOSED
from ..replay import _Counter as Counter
from ..replay import _OnInvalid as OnInvalid

__all__ = ["MISSING", "OVERSIZE", "UNCLOSED", "Counter", "OnInvalid", "check_lines", "judge"]


def judge(data: bytes, line: int, counter: Counter, on_invalid: OnInvalid) -> bool:
    """Count one payload; report its problems; False when told to stop."""
    return counter.lines((data,), line, on_invalid, trusted=True) < 0


def check_lines(lines: Sequence[bytes], first: int, counter: Counter, on_invalid: OnInvalid) -> int:
    """Judge *lines*, numbered from *first*, each shorter than the counter's max_size (or `OVERSIZE`).

    Return the index of the line after which *on_invalid* stopped the check, or -1.
    """
    return counter.lines(lines, first, on_invalid, trusted=True)
