"""Where the time of ``kombo_tag_errors.loads`` goes on the 2026 payload: parse, then the fast path.

Run from the repository root::

    python -m benchmarks.profile_loads            # the ablation table
    python -m benchmarks.profile_loads --cprofile # cProfile of loads on every payload, by own time

The ablation times `loads`, orjson's parse followed by the generated fast path, and the parse alone
(CPU time, the minimum of the repeats); "cut off" is what the missing part cost.
cProfile counts calls, but its overhead per call dwarfs a path this short.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import kombo_tag_errors as kte
from benchmarks._payloads import PAYLOADS
from kombo_tag_errors._build import fast_path

__all__ = ["ablation", "main"]


def ablation() -> dict[str, Callable[[bytes], Any]]:
    """The real `loads`, its two parts (orjson's parse, then the generated fast path), cheapest last."""
    fast = fast_path(kte.PostAtsCandidatesCandidateIDTagsResponseBody, decoded=True)
    parse = orjson.loads

    def parse_and_build(data: bytes) -> Any:
        return fast(parse(data))

    return {
        "kombo_tag_errors.loads": kte.loads,
        "orjson.loads, then the fast path": parse_and_build,
        "orjson.loads": parse,
    }


def _table(repeat: int, number: int) -> str:
    data = PAYLOADS["2026-full"]
    functions = ablation()
    timers = {
        label: timeit.Timer("f(d)", globals={"f": f, "d": data}, timer=time.process_time)
        for label, f in functions.items()
    }
    best = dict.fromkeys(timers, float("inf"))
    for _ in range(repeat):  # interleaved: a burst of load hits every variant alike
        for label, timer in timers.items():
            best[label] = min(best[label], timer.timeit(number) / number * 1e9)
    full = best["kombo_tag_errors.loads"]
    lines = [f"{'loads of 2026-full, CPU ns per call':36}  {'min':>6}  {'cut off':>7}"]
    lines += [f"{label:36}  {t:6.0f}  {full - t:7.0f}" for label, t in best.items()]
    return "\n".join(lines)


def _cprofile(number: int) -> str:
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(number):
        for name in ("2026-full", "2023-message", "unknown-keys"):
            kte.loads(PAYLOADS[name])
    profile.disable()
    out = pstats.Stats(profile, stream=(buffer := _Buffer())).sort_stats("tottime")
    out.print_stats(12)
    return buffer.text


class _Buffer:
    """A write-only text stream for `pstats`."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)


def main(argv: list[str] | None = None) -> int:
    """Print the ablation table, or a cProfile listing."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.profile_loads", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--cprofile", action="store_true", help="profile loads with cProfile instead")
    parser.add_argument("--repeat", type=int, default=10, help="interleaved repeats (default 10)")
    parser.add_argument("--number", type=int, default=50_000, help="calls per repeat (default 50000)")
    args = parser.parse_args(argv)
    print(_cprofile(args.number) if args.cprofile else _table(args.repeat, args.number))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
