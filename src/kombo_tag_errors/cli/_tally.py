"""The counts ``check`` prints at the end: payloads, shapes, codes, retryable.

A `Tally` is small whatever the input: at most `MAX_LISTED` distinct unknown codes of at most
`MAX_CODE_LENGTH` characters are listed one by one; beyond that they are only counted.
Merging tallies in any grouping gives the tally of the whole input, so ``--jobs`` changes nothing.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from .._codes import CODES_BY_VALUE, RETRYABLE_CODES, ErrorCode
from .._models import KomboAPIError
from .._text import escape
from .._unset import UNSET

__all__ = ["MAX_CODE_LENGTH", "MAX_LISTED", "Tally"]

MAX_LISTED: Final = 1000
"""The most distinct unknown codes listed; past it the summary only counts them."""

MAX_CODE_LENGTH: Final = 200
"""An unknown code longer than this is counted, not listed."""

_RETRYABLE: Final = frozenset(c.value for c in RETRYABLE_CODES)


@attrs.define
class Tally:
    """What ``check`` counted; `total` is `valid` plus `invalid`."""

    valid: int = 0
    invalid: int = 0
    shapes: dict[str, int] = attrs.field(factory=lambda: {"2023": 0, "2026": 0, "other": 0})
    known: dict[str, int] = attrs.field(factory=dict)
    unknown: dict[str, int] = attrs.field(factory=dict)
    unlisted: int = 0
    absent: int = 0
    null: int = 0
    listing: bool = True
    """Whether unknown codes are still listed one by one."""

    @property
    def total(self) -> int:
        return self.valid + self.invalid

    @property
    def retryable(self) -> int:
        return sum(n for code, n in self.known.items() if code in _RETRYABLE)

    def add_body(self, body: KomboAPIError, shape: str) -> None:
        """Count one valid *body* of *shape*."""
        self.valid += 1
        self.shapes[shape] += 1
        code = body.error.code
        if code is UNSET:
            self.absent += 1
        else:
            self._add_code(code.value if isinstance(code, ErrorCode) else code, 1)

    def _add_code(self, code: str | None, n: int) -> None:
        if code is None:
            self.null += n
        elif code in CODES_BY_VALUE:
            self.known[code] = self.known.get(code, 0) + n
        elif not self.listing or len(code) > MAX_CODE_LENGTH:
            self.unlisted += n
        else:
            self.unknown[code] = self.unknown.get(code, 0) + n
            if len(self.unknown) > MAX_LISTED:
                self._stop_listing()

    def _stop_listing(self) -> None:
        self.listing = False
        self.unlisted += sum(self.unknown.values())
        self.unknown = {}

    def merge(self, other: Tally) -> None:
        """Add the counts of *other*, a tally of a later part of the input."""
        self.valid += other.valid
        self.invalid += other.invalid
        for shape, n in other.shapes.items():
            self.shapes[shape] += n
        for code, n in other.known.items():
            self.known[code] = self.known.get(code, 0) + n
        self.absent += other.absent
        self.null += other.null
        self.unlisted += other.unlisted
        if not other.listing and self.listing:
            self._stop_listing()
        for code, n in other.unknown.items():
            self._add_code(code, n)

    def as_json(self) -> dict[str, Any]:
        """The summary as a JSON object."""
        return {
            "total": self.total,
            "valid": self.valid,
            "invalid": self.invalid,
            "shapes": dict(self.shapes),
            "codes": dict(_ordered(self.known)),
            "unknown_codes": dict(_ordered(self.unknown)),
            "unknown_codes_unlisted": self.unlisted,
            "code_absent": self.absent,
            "code_null": self.null,
            "retryable": self.retryable,
        }

    def as_text(self) -> str:
        """The summary for people; every code from a payload escaped."""
        s = self.shapes
        codes = [f"{code} {n}" for code, n in _ordered(self.known)]
        codes += [f"{escape(code)} {n} (unknown code)" for code, n in _ordered(self.unknown)]
        if self.unlisted:
            codes.append(f"({self.unlisted} with unknown codes not listed)")
        codes += [f"{label} {n}" for label, n in (("(absent)", self.absent), ("(null)", self.null)) if n]
        lines = [
            f"total:     {self.total}",
            f"valid:     {self.valid}",
            f"invalid:   {self.invalid}",
            f"shape:     2023 {s['2023']}, 2026 {s['2026']}, other {s['other']}",
            f"code:      {codes[0] if codes else '(none)'}",
            *(f"           {c}" for c in codes[1:]),
            f"retryable: {self.retryable}",
        ]
        return "\n".join(lines)


def _ordered(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Most frequent first, then by code: the same order however the counts were merged."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
