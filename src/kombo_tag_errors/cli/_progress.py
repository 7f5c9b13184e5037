"""A one-line progress bar on a terminal: bytes done, rate and time left."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final, TextIO

__all__ = ["Progress"]

_WIDTH: Final = 24
_EVERY: Final = 0.1  # seconds between redraws
_ERASE: Final = "\r\x1b[K"


def _size(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    raise AssertionError  # pragma: no cover


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Redraws at most ten times a second on *stream*; `clear` erases it before other output."""

    def __init__(self, total: int, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.total = max(total, 1)
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.last = self.started - _EVERY  # draw on the first update
        self.shown = False

    def update(self, done: int) -> None:
        """Show *done* bytes of `total`, unless the bar was drawn less than a tenth of a second ago."""
        now = self.clock()
        if now - self.last < _EVERY:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        rate = done / elapsed
        fill = min(_WIDTH, _WIDTH * done // self.total)
        eta = _clock((self.total - done) / rate) if rate > 0 else "?"
        bar = "#" * fill + "-" * (_WIDTH - fill)
        percent = min(100, 100 * done // self.total)
        self.stream.write(
            f"{_ERASE}[{bar}] {percent:3d}% {_size(done)} / {_size(self.total)}  {_size(rate)}/s  ETA {eta}"
        )
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Erase the bar, if shown, so that other output starts on a clean line."""
        if self.shown:
            self.stream.write(_ERASE)
            self.stream.flush()
            self.shown = False
