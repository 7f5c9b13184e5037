"""Time kombo_tag_errors against pydantic, msgspec, dataclasses_json, the Kombo SDK and bare orjson.

Run from the repository root::

    python -m benchmarks.bench_structure            # or: python benchmarks/bench_structure.py
    python -m benchmarks.bench_structure --quick    # a smoke run: few, short repeats
    python -m benchmarks.bench_structure --json results.json --only kombo_tag_errors pydantic

Each library runs in its own subprocess, one after the other, on the same payloads
(`benchmarks._payloads`); every call is timed with `timeit` over several repeats, and the
minimum and the median per call are reported.
Times are the worker's CPU time (`time.process_time`): time it spends descheduled while other
processes of a shared machine run does not count.
Each repeat alternates with a yardstick loop, ``orjson.loads`` of the 2026 payload, in the same
process: a call's *relative time* is the median of its time over the yardstick's, and the ratios
between libraries are ratios of relative times, which a shared machine's load changes far less than
the times themselves.
With ``--rounds N`` every library runs N times, the rounds interleaved, so that a burst of load on a
shared machine hits all of them alike; a call's minimum is then the least of all rounds and its
median the median of all repeats of all rounds.
The run also times ``python -c "import ..."`` whole processes and measures the memory one body holds.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._cases import Case
from benchmarks._payloads import PAYLOADS
from benchmarks._report import YARDSTICK, goals, render

__all__ = ["IMPORTS", "PEERS", "main"]

ROOT = Path(__file__).resolve().parents[1]

PEERS: dict[str, str] = {
    "orjson (floor)": "benchmarks.peer_orjson:peer",
    "kombo_tag_errors": "benchmarks.peer_kte:peer",
    "pydantic": "benchmarks.peer_pydantic:peer",
    "msgspec": "benchmarks.peer_msgspec:peer",
    "dataclasses_json (seed)": "benchmarks.peer_dataclasses_json:peer",
    "kombo SDK model": "benchmarks.peer_kombo:peer",
    "kombo SDK unmarshal_json": "benchmarks.peer_kombo:peer_sdk_path",
}
"""Library name to the ``module:function`` that builds its `benchmarks._cases.Peer`."""

IMPORTS: dict[str, str] = {
    "python -c pass": "pass",
    "import attrs, cattrs, orjson": "import attrs, cattrs, orjson",
    "import kombo_tag_errors": "import kombo_tag_errors",
    "import kombo.errors": "import kombo.errors",
    "from kombo.errors import KomboAtsError": "from kombo.errors import KomboAtsError",
    "import pydantic": "import pydantic",
}
"""Label to the statement a fresh ``python -I -c`` process runs."""


# -- in the worker process ------------------------------------------------------------------------


def _calibrate(fn: Callable[..., object], args: tuple[Any, ...], target: float) -> tuple[timeit.Timer, int]:
    """A timer of ``fn(*args)`` and the number of calls that last about *target* seconds.

    The call is compiled into timeit's loop, the callable and each argument local names:
    no wrapper function is timed with it.
    """
    names = [f"a{i}" for i in range(len(args))]
    # The setup runs in timeit's function: it makes the callable and its arguments local names.
    setup = "; ".join(f"{n} = _{n}" for n in ["fn", *names])
    namespace = {"_fn": fn, **{f"_{n}": arg for n, arg in zip(names, args, strict=True)}}
    timer = timeit.Timer(f"fn({', '.join(names)})", setup, time.process_time, namespace)
    number = 1
    while (elapsed := timer.timeit(number)) < target:
        number = max(number * 2, int(number * target / max(elapsed, 1e-9) * 1.1))
    return timer, number


def _time(
    case: Case, repeat: int, target: float, yardstick: tuple[timeit.Timer, int]
) -> tuple[list[float], list[float]]:
    """Seconds per call of *case* and of the yardstick in each of *repeat* rounds, the loops alternating."""
    assert case.fn is not None
    timer, number = _calibrate(case.fn, case.args, target)
    y_timer, y_number = yardstick
    times, yard = [], []
    for _ in range(repeat):
        times.append(timer.timeit(number) / number)
        yard.append(y_timer.timeit(y_number) / y_number)
    return times, yard


def summarise(row: dict[str, Any]) -> None:
    """Fill *row*'s min, median and relative time from its repeats and their yardstick times."""
    times, yard = row["repeats_us"], row["yardstick_us"]
    row["min_us"] = min(times)
    row["median_us"] = statistics.median(times)
    row["relative"] = statistics.median(t / y for t, y in zip(times, yard, strict=True))


def _size_of_one(build: Callable[[bytes], object], data: bytes, n: int) -> float:
    """Bytes held per object when *n* are built from *data* and kept (tracemalloc)."""
    kept: list[object] = [None] * n
    build(data)  # warm caches before measuring
    tracemalloc.start()
    try:
        for i in range(n):
            kept[i] = build(data)
        size, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return size / n


def worker(name: str, repeat: int, target: float, n_memory: int) -> dict[str, Any]:
    """Time every case of one peer; the result is printed as JSON for the parent."""
    module, _, function = PEERS[name].partition(":")
    try:
        peer = getattr(importlib.import_module(module), function)()
    except ImportError as e:
        return {"library": name, "skipped": f"not installed: {e}"}
    yardstick = _calibrate(orjson.loads, (PAYLOADS[YARDSTICK],), target)
    rows = []
    for case in peer.cases():
        row: dict[str, Any] = {"operation": case.operation, "payload": case.payload, "note": case.note}
        if case.fn is not None:
            times, yard = _time(case, repeat, target, yardstick)
            row |= {"repeats_us": [t * 1e6 for t in times], "yardstick_us": [t * 1e6 for t in yard]}
            summarise(row)
        rows.append(row)
    return {
        "library": name,
        "version": importlib.metadata.version(peer.distribution),
        "semantics": peer.semantics,
        "body_bytes": peer.build and _size_of_one(peer.build, PAYLOADS["2026-full"], n_memory),
        "results": rows,
    }


# -- in the parent process ------------------------------------------------------------------------


def _run_worker(name: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.bench_structure", "--worker", name]
    command += ["--repeat", str(args.repeat), "--target", str(args.target), "--memory-n", str(args.memory_n)]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"worker {name!r} failed:\n{proc.stderr}")
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def _merge(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """One library's rounds as one result: every repeat of every round, min and median over all."""
    merged = rounds[0]
    for row_index, row in enumerate(merged.get("results", ())):
        if "repeats_us" not in row:
            continue
        for key in ("repeats_us", "yardstick_us"):
            row[key] = [t for r in rounds for t in r["results"][row_index][key]]
        summarise(row)
    sizes = [r["body_bytes"] for r in rounds if r.get("body_bytes")]
    if sizes:
        merged["body_bytes"] = min(sizes)
    return merged


def run_libraries(names: list[str], args: argparse.Namespace) -> list[dict[str, Any]]:
    """Every library's worker, *args.rounds* times over, the rounds interleaved."""
    rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for _ in range(args.rounds):
        for name in names:
            rounds[name].append(_run_worker(name, args))
    return [_merge(rounds[name]) for name in names]


def measure_imports(runs: int) -> list[dict[str, Any]]:
    """Whole-process time of ``python -I -c <statement>``, wall clock and CPU, the statements interleaved."""
    times: dict[str, list[float]] = {label: [] for label in IMPORTS}
    cpu_times: dict[str, list[float]] = {label: [] for label in IMPORTS}
    failed: dict[str, str] = {}
    for label, statement in IMPORTS.items():  # one untimed run each: bytecode caches written
        proc = subprocess.run([sys.executable, "-I", "-c", statement], capture_output=True, check=False)
        if proc.returncode != 0:
            failed[label] = proc.stderr.decode().strip().splitlines()[-1]
    for _ in range(runs):
        for label, statement in IMPORTS.items():
            if label in failed:
                continue
            start, cpu = time.perf_counter(), _children_cpu()
            subprocess.run([sys.executable, "-I", "-c", statement], check=True)
            times[label].append(time.perf_counter() - start)
            cpu_times[label].append(_children_cpu() - cpu)
    return [
        {"statement": label, "skipped": failed[label]}
        if label in failed
        else {
            "statement": label,
            "min_ms": min(t) * 1e3,
            "median_ms": statistics.median(t) * 1e3,
            "cpu_min_ms": min(cpu_times[label]) * 1e3,
            "cpu_median_ms": statistics.median(cpu_times[label]) * 1e3,
        }
        for label, t in times.items()
    ]


def _children_cpu() -> float:
    """User and system CPU seconds of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_structure", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: 3 short repeats, 3 import runs")
    parser.add_argument("--json", metavar="PATH", type=Path, help="also write the results as JSON to PATH")
    parser.add_argument(
        "--only", nargs="+", choices=sorted(PEERS), metavar="LIB", help="run these libraries only"
    )
    parser.add_argument("--repeat", type=int, default=7, help="timed repeats per case (default 7)")
    parser.add_argument(
        "--rounds", type=int, default=1, help="runs of every library, interleaved (default 1)"
    )
    parser.add_argument("--target", type=float, default=0.1, help="seconds per repeat (default 0.1)")
    parser.add_argument(
        "--import-runs", type=int, default=40, help="processes per import statement (default 40)"
    )
    parser.add_argument(
        "--memory-n", type=int, default=2000, help="bodies built to measure one (default 2000)"
    )
    parser.add_argument("--no-imports", action="store_true", help="skip the import-time measurement")
    parser.add_argument("--strict", action="store_true", help="fail when a library is not installed")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.target, args.import_runs, args.memory_n = 3, 0.002, 3, 100
    return args


def main(argv: list[str] | None = None) -> int:
    """Run every peer, print the table and the goals, write JSON if asked."""
    args = _parse(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.repeat, args.target, args.memory_n)))
        return 0
    report: dict[str, Any] = {
        "machine": machine(),
        "settings": {
            "repeat": args.repeat,
            "rounds": args.rounds,
            "target_s": args.target,
            "import_runs": args.import_runs,
            "memory_n": args.memory_n,
        },
    }
    names = [name for name in PEERS if not args.only or name in args.only]
    report["libraries"] = run_libraries(names, args)
    report["imports"] = [] if args.no_imports else measure_imports(args.import_runs)
    report["machine"]["load_average_after"] = machine()["load_average"]
    report["goals"] = goals(report)
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    skipped = [x["library"] for x in report["libraries"] if "skipped" in x]
    skipped += [x["statement"] for x in report["imports"] if "skipped" in x]
    if skipped:
        print(f"\nnot measured (install the bench dependency group): {', '.join(skipped)}", file=sys.stderr)
    return 1 if args.strict and skipped else 0


if __name__ == "__main__":
    raise SystemExit(main())
