"""The verdict on each payload of ``check``: the same as `kombo_tag_errors.loads`, faster.

The fast path decodes a line with the package's JSON engine and accepts it on the spot when it
is a plain 2023 or 2026 body: exactly two keys, ``status`` the string ``"error"``, ``error`` an
object holding ``message`` (a string) and either nothing else or all of ``code``, ``title``
and ``log_url`` (each a string or null).
`loads` accepts each of these as it is.
Everything else (invalid payloads, unknown keys, other shapes, blank lines) goes to `judge`,
which calls `loads` itself: its problems are the ones ``check`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from .. import _json
from .._api import loads
from .._errors import PayloadError, Problem
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
        problems: Sequence[Problem] = (Problem("$", f"larger than max_size={max_size} bytes"),)
    elif data is UNCLOSED:
        problems = (Problem("$", "invalid JSON: the array is not closed"),)
    elif data is MISSING:
        problems = (Problem("$", "invalid JSON: a value is missing in the array"),)
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


def _engine() -> tuple[Callable[[bytes], Any], type[Exception]]:
    if _json.engine() == "orjson":
        import orjson  # the engine in use: installed

        return orjson.loads, orjson.JSONDecodeError
    return _json.decode, _json.DecodeError


def check_lines(
    lines: Sequence[bytes], first: int, tally: Tally, on_invalid: OnInvalid, max_size: int
) -> int:
    """Judge *lines*, numbered from *first*, each shorter than *max_size* (or `OVERSIZE`).

    Return the index of the line after which *on_invalid* stopped the check, or -1.
    """
    decode, decode_error = _engine()
    str_ = str
    dict_ = dict
    n2023 = n2026 = 0
    codes: list[str | None] = []
    add_code = codes.append
    stop = -1
    i = -1
    for line in lines:
        i += 1
        try:
            obj = decode(line)
        except decode_error:
            pass
        else:
            if type(obj) is dict_ and len(obj) == 2:
                error = obj.get("error")
                if type(error) is dict_ and obj.get("status") == "error":
                    n = len(error)
                    if n == 4:
                        try:
                            code = error["code"]
                            title = error["title"]
                            message = error["message"]
                            log_url = error["log_url"]
                        except KeyError:
                            pass
                        else:
                            if (
                                type(message) is str_
                                and (type(code) is str_ or code is None)
                                and (type(title) is str_ or title is None)
                                and (type(log_url) is str_ or log_url is None)
                            ):
                                n2026 += 1
                                add_code(code)
                                continue
                    elif n == 1 and type(error.get("message")) is str_:
                        n2023 += 1
                        continue
        if not judge(line, first + i, tally, on_invalid, max_size):
            stop = i
            break
    tally.add_fast(n2023, n2026, codes)
    return stop
