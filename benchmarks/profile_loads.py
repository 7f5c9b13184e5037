"""Where the time of ``kombo_tag_errors.loads`` goes on the 2026 payload: an ablation of its hot path.

Run from the repository root::

    python -m benchmarks.profile_loads            # the ablation table
    python -m benchmarks.profile_loads --cprofile # cProfile of loads on every payload, by own time

The ablation compiles copies of `loads` with a part of its hot path cut off and times them beside
the real one (CPU time, the minimum of the repeats); "cut off" is what the missing part cost.
cProfile counts calls, but its overhead per call dwarfs a path this short.
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
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
from kombo_tag_errors import _api

__all__ = ["ablation", "main"]

_SWAP_ERROR = "    error.__class__ = PostAtsCandidatesCandidateIDTagsError\n"
_SWAP_BODY = "    body.__class__ = _Body\n"
_CODE = "            code = CODES_BY_VALUE.get(code, code)  # type: ignore[arg-type]\n"


def _cut(source: str, marker: str, tail: str) -> str:
    if marker not in source:
        raise SystemExit(f"loads changed: {marker.strip()!r} not found; update benchmarks/profile_loads.py")
    return source[: source.index(marker)] + tail


def _drop(source: str, line: str) -> str:
    if line not in source:
        raise SystemExit(f"loads changed: {line.strip()!r} not found; update benchmarks/profile_loads.py")
    return source.replace(line, "")


def ablation() -> dict[str, Callable[[bytes], Any]]:
    """The real `loads` and its cut-down copies, cheapest last."""
    source = inspect.getsource(_api.loads)
    variants = {
        "no class swaps": _drop(_drop(source, _SWAP_ERROR), _SWAP_BODY),
        "no code lookup": _drop(source, _CODE),
        "error built, no body": _cut(source, "    body: Any = BodyBuilder()", "    return error\n"),
        "checks only, nothing built": _cut(
            source, "    # What new_error and new_body do", "    return None\n"
        ),
        "call and parse only": _cut(
            source, "    if type(obj) is not dict or len(obj) != 2:", "    return None\n"
        ),
    }
    out: dict[str, Callable[[bytes], Any]] = {"kombo_tag_errors.loads": kte.loads}
    for label, text in variants.items():
        namespace = dict(vars(_api))
        exec(compile(text, f"<loads: {label}>", "exec"), namespace)
        out[label] = namespace["loads"]
    out["orjson.loads"] = orjson.loads
    return out


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
