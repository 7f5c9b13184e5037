"""The verdict on each payload of ``check``: `kombo_tag_errors.loads`' own, problems included."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from .._api import loads
from .._errors import PayloadError, Problem, ProblemKind
from ._parse import shape
from ._tally import Tally

__all__ = ["MISSING", "OVERSIZE", "UNCLOSED", "OnInvalid", "check_lines", "judge"]

OVERSIZE: Final = b"\xff(a payload larger than max_size)"
"""Stands for a payload too large to hold: it is never decoded, only reported."""

UNCLOSED: Final = b"\xff(an array without its closing bracket)"
"""Stands for the end of an input that opened a JSON array and never closed it."""

MISSING: Final = b"\xff(nothing between two commas)"
"""Stands for a missing value in a JSON array: ``[1,,2]``, ``[,1]``, ``[1,]``."""

OnInvalid = Callable[[int, Sequence[Problem]], bool]
"""Called with the line number and the problems of each invalid payload; False stops the check."""

_BLANK: Final = b" \t\r\n"


def judge(data: bytes, line: int, tally: Tally, on_invalid: OnInvalid, max_size: int) -> bool:
    """Count one payload by `loads`' verdict; report its problems; False when told to stop."""
    if data is OVERSIZE:
        problems: Sequence[Problem] = (
            Problem("$", f"larger than max_size={max_size} bytes", ProblemKind.TOO_LARGE),
        )
    elif data is UNCLOSED:
        problems = (Problem("$", "invalid JSON: the array is not closed", ProblemKind.NOT_JSON),)
    elif data is MISSING:
        problems = (Problem("$", "invalid JSON: a value is missing in the array", ProblemKind.NOT_JSON),)
    elif not data.strip(_BLANK):
        return True
    else:
        try:
            body = loads(data, max_size=max_size)
        except PayloadError as e:
            problems = e.errors
        else:
            tally.add_body(body, shape(body))
            return True
    tally.invalid += 1
    return on_invalid(line, problems)


def check_lines(
    lines: Sequence[bytes], first: int, tally: Tally, on_invalid: OnInvalid, max_size: int
) -> int:
    """Judge *lines*, numbered from *first*, each shorter than *max_size* (or `OVERSIZE`).

    Return the index of the line after which *on_invalid* stopped the check, or -1.
    """
    for i, line in enumerate(lines):
        if not judge(line, first + i, tally, on_invalid, max_size):
            return i
    return -1
