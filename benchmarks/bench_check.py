"""Time ``kombo-tag-errors check`` against a bare ``orjson.loads`` loop over the same file.

Run from the repository root::

    python benchmarks/bench_check.py                           # 1,000,000 lines, best of 3
    python benchmarks/bench_check.py --lines 20000 --repeat 1  # a smoke run of a few seconds

It writes a file of valid 2026-shape payloads, one a line, to a temporary folder, then runs each
peer in its own subprocess, one after the other, on that file:

- ``check --jobs 1``: the command, on one core, startup included;
- ``bare orjson.loads loop``: ``for line in f: orjson.loads(line)`` and nothing else;
- ``kombo_tag_errors.loads loop``: the public function on each line, for comparison.

Each run is timed from outside (wall clock, and the CPU time of the child), and its peak RSS is read
with ``resource.getrusage(RUSAGE_CHILDREN)`` in a small wrapper process.
The best of ``--repeat`` runs is kept.
It prints a table and writes the figures as JSON (``--json``).
Goals: ``check`` at no less than 300,000 payloads a second, and no less than a third of the bare loop.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import orjson

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
GOAL_RATE = 300_000
GOAL_RATIO = 1 / 3

CODES = [
    "PLATFORM.AUTHENTICATION_INVALID",
    "PLATFORM.RATE_LIMIT_EXCEEDED",
    "INTEGRATION.PERMISSION_MISSING",
    "REMOTE.SERVICE_UNAVAILABLE",
]

BARE_LOOP = """\
import sys
import orjson
loads = orjson.loads
with open(sys.argv[1], "rb") as f:
    for line in f:
        loads(line)
"""

LOADS_LOOP = """\
import sys
from kombo_tag_errors import loads
with open(sys.argv[1], "rb") as f:
    for line in f:
        loads(line)
"""

MEASURE = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, check=False)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
scale = 1 if sys.platform == "darwin" else 1024
print(json.dumps({
    "status": done.returncode, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
    "peak_rss": usage.ru_maxrss * scale, "stdout": done.stdout.decode()[-2000:],
}))
"""


def generate(path: Path, lines: int) -> int:
    """Write *lines* valid 2026-shape payloads to *path*; return its size in bytes."""
    with path.open("wb") as f:
        for i in range(lines):
            payload = {
                "status": "error",
                "error": {
                    "code": CODES[i % len(CODES)],
                    "title": "The API key is invalid.",
                    "message": "The provided API key is not valid. Check the Authorization header.",
                    "log_url": f"https://app.kombo.dev/my-prod/logs?interactionId={100000 + i}",
                },
            }
            f.write(orjson.dumps(payload) + b"\n")
    return path.stat().st_size


def measure(command: list[str]) -> dict[str, Any]:
    """Run *command* in a wrapper process; its wall and CPU seconds, peak RSS and the end of its stdout."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def peers(path: Path) -> dict[str, list[str]]:
    python = sys.executable
    return {
        "check --jobs 1": [
            python,
            "-m",
            "kombo_tag_errors",
            "check",
            "--jobs",
            "1",
            "--format",
            "json",
            str(path),
        ],
        "bare orjson.loads loop": [python, "-c", BARE_LOOP, str(path)],
        "kombo_tag_errors.loads loop": [python, "-c", LOADS_LOOP, str(path)],
    }


def run(lines: int, repeat: int, folder: Path) -> dict[str, Any]:
    path = folder / "payloads.jsonl"
    size = generate(path, lines)
    results: dict[str, dict[str, Any]] = {}
    for name, command in peers(path).items():
        best: dict[str, Any] | None = None
        for _ in range(repeat):
            m = measure(command)
            if m["status"] != 0:
                raise SystemExit(f"{name} failed with status {m['status']}: {m['stdout']}")
            if best is None or m["wall"] < best["wall"]:
                best = m
        assert best is not None
        results[name] = {
            "seconds": best["wall"],
            "cpu_seconds": best["cpu"],
            "payloads_per_s": lines / best["wall"],
            "payloads_per_cpu_s": lines / best["cpu"],
            "peak_rss_mb": best["peak_rss"] / 1e6,
        }
        if name.startswith("check"):
            summary = json.loads(best["stdout"].splitlines()[-1])["summary"]
            if (summary["total"], summary["valid"]) != (lines, lines):
                raise SystemExit(f"check counted {summary['total']} payloads, {summary['valid']} valid")
    check, bare = results["check --jobs 1"], results["bare orjson.loads loop"]
    ratio = check["payloads_per_s"] / bare["payloads_per_s"]
    return {
        "lines": lines,
        "file_bytes": size,
        "repeat": repeat,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": platform.machine(),
        "system": platform.platform(),
        "orjson": orjson.__version__,
        "results": results,
        "ratio_to_bare_loop": ratio,
        "ratio_to_bare_loop_cpu": check["payloads_per_cpu_s"] / bare["payloads_per_cpu_s"],
        "goals": {
            f"check >= {GOAL_RATE:,} payloads/s": check["payloads_per_s"] >= GOAL_RATE,
            "check >= 1/3 of the bare loop": ratio >= GOAL_RATIO,
        },
    }


def render(report: dict[str, Any]) -> str:
    lines = [
        f"{report['lines']:,} lines, {report['file_bytes'] / 1e6:.1f} MB; Python {report['python']}, "
        f"orjson {report['orjson']}, {report['machine']}; best of {report['repeat']}",
        "",
        f"{'peer':<30} {'seconds':>8} {'payloads/s':>12} {'per CPU s':>12} {'vs bare':>8} {'peak RSS':>9}",
    ]
    bare = report["results"]["bare orjson.loads loop"]["payloads_per_s"]
    for name, r in report["results"].items():
        lines.append(
            f"{name:<30} {r['seconds']:>8.3f} {r['payloads_per_s']:>12,.0f} "
            f"{r['payloads_per_cpu_s']:>12,.0f} {r['payloads_per_s'] / bare:>8.2f} "
            f"{r['peak_rss_mb']:>6.1f} MB"
        )
    lines.append("")
    lines += [f"goal {goal}: {'met' if met else 'NOT met'}" for goal, met in report["goals"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=1_000_000, help="payloads in the file (1,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each peer; the best is kept (3)")
    parser.add_argument(
        "--json",
        type=Path,
        default=ROOT / "benchmarks" / "results-check.json",
        help="where to write the figures",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-check-") as folder:
        report = run(args.lines, args.repeat, Path(folder))
    print(render(report))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
