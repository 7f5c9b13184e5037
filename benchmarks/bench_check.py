"""Time ``kombo-tag-errors check`` against a bare ``orjson.loads`` loop and a strict pydantic loop.

Run from the repository root::

    python benchmarks/bench_check.py                           # 1,000,000 lines a file, best of 3
    python benchmarks/bench_check.py --lines 20000 --repeat 1  # a smoke run of a few seconds

It writes three files of JSON Lines to a temporary folder (`generate`), one payload a line:

- ``valid-2026``: every line a valid 2026-shape payload;
- ``invalid-10pct``: the same with every tenth line invalid (four kinds in turn: ``message`` missing and
  ``code`` a number, ``status`` ``"ok"``, ``error`` not an object, truncated JSON);
- ``unknown-key``: every line valid with an unknown key (``request_id``), as every capture becomes the
  day the API adds a field.

Then it runs each peer in its own subprocess on each file, the peers and repeats interleaved:

- ``check --jobs 1``: the command, on one core, startup included, ``--format json`` (every invalid
  payload is written as a JSON line, and the summary);
- ``bare orjson.loads loop``: ``for line in f: orjson.loads(line)`` and nothing else (its
  ``JSONDecodeError`` caught);
- ``pydantic strict loop``: ``Body.model_validate_json(line)`` for each line, the strict model of
  ``benchmarks/peer_pydantic.py`` (its `ValidationError` caught);
- ``kombo_tag_errors.loads loop``: the public function on each line (`PayloadError` caught), for comparison.

Each run is timed from outside (wall clock, and the CPU time of the child), and its peak RSS is read
with ``resource.getrusage(RUSAGE_CHILDREN)`` in a small wrapper process.
The best of ``--repeat`` runs is kept. It prints a table a file and writes the figures as JSON (``--json``).

Goals, on each file: ``check`` at least 1.5x the pydantic loop's payloads a second and at least 0.4x the
bare loop's; its peak RSS under 64 MB.

Figures of a full run (1,000,000 lines a file, best of 3, wall clock; Python 3.11, orjson 3.13, pydantic
2.14, x86_64, 2 cores shared with other work; a second run gave the same ratios within 0.06):

=============  ========  ========  ============  ========  =====================================
file           check/s   x bare    x pydantic    peak RSS  goals (0.4x bare, 1.5x pydantic, RSS)
=============  ========  ========  ============  ========  =====================================
valid-2026     893,137   0.54      1.68          25.3 MB   met, met, met
invalid-10pct  616,470   0.37      1.15          25.3 MB   NOT met (-8%), NOT met (-23%), met
unknown-key    711,693   0.44      1.41          25.3 MB   met, NOT met (-6%), met
=============  ========  ========  ============  ========  =====================================

docs/benchmarks.md ("kombo-tag-errors check on a million lines") says what stands in the way.
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

__all__ = ["FILES", "generate", "main"]

ROOT = Path(__file__).resolve().parents[1]
GOAL_VS_PYDANTIC = 1.5
GOAL_VS_BARE = 0.4
GOAL_RSS_MB = 64

CODES = [
    "PLATFORM.AUTHENTICATION_INVALID",
    "PLATFORM.RATE_LIMIT_EXCEEDED",
    "INTEGRATION.PERMISSION_MISSING",
    "REMOTE.SERVICE_UNAVAILABLE",
]

FILES = ("valid-2026", "invalid-10pct", "unknown-key")
"""The files `generate` writes, by name."""

BARE_LOOP = """\
import sys
import orjson
loads = orjson.loads
with open(sys.argv[1], "rb") as f:
    for line in f:
        try:
            loads(line)
        except orjson.JSONDecodeError:
            pass
"""

PYDANTIC_LOOP = """\
import sys
from pydantic import ValidationError
from benchmarks.peer_pydantic import Body
validate = Body.model_validate_json
with open(sys.argv[1], "rb") as f:
    for line in f:
        try:
            validate(line)
        except ValidationError:
            pass
"""

LOADS_LOOP = """\
import sys
from kombo_tag_errors import PayloadError, loads
with open(sys.argv[1], "rb") as f:
    for line in f:
        try:
            loads(line)
        except PayloadError:
            pass
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
    "peak_rss": usage.ru_maxrss * scale, "stdout": done.stdout.decode()[-4000:],
}))
"""


def _valid(i: int) -> dict[str, Any]:
    return {
        "status": "error",
        "error": {
            "code": CODES[i % len(CODES)],
            "title": "The API key is invalid.",
            "message": "The provided API key is not valid. Check the Authorization header.",
            "log_url": f"https://app.kombo.dev/my-prod/logs?interactionId={100000 + i}",
        },
    }


def _invalid(i: int) -> bytes:
    kind = (i // 10) % 4
    payload = _valid(i)
    if kind == 0:
        del payload["error"]["message"]
        payload["error"]["code"] = 5
    elif kind == 1:
        payload["status"] = "ok"
    elif kind == 2:
        payload["error"] = "Unauthorized"
    else:
        return orjson.dumps(payload)[:-20]
    return orjson.dumps(payload)


def line(kind: str, i: int) -> bytes:
    """Line *i* (from 0) of file *kind*, without its newline."""
    if kind == "valid-2026":
        return orjson.dumps(_valid(i))
    if kind == "invalid-10pct":
        return _invalid(i) if i % 10 == 9 else orjson.dumps(_valid(i))
    if kind == "unknown-key":
        return orjson.dumps({**_valid(i), "request_id": f"req_{i:08x}"})
    raise ValueError(f"no such file: {kind!r} (one of {', '.join(FILES)})")


def generate(path: Path, lines: int, kind: str = "valid-2026") -> int:
    """Write *lines* lines of file *kind* (one of `FILES`) to *path*; return its size in bytes."""
    with path.open("wb") as f:
        for i in range(lines):
            f.write(line(kind, i) + b"\n")
    return path.stat().st_size


def measure(command: list[str]) -> dict[str, Any]:
    """Run *command* in a wrapper process; its wall and CPU seconds, peak RSS and the end of its stdout."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _pydantic_version() -> str | None:
    try:
        import pydantic
    except ImportError:
        return None
    return str(pydantic.VERSION)


def _has_pydantic() -> bool:
    return _pydantic_version() is not None


def peers(path: Path) -> dict[str, list[str]]:
    python = sys.executable
    check = [python, "-m", "kombo_tag_errors", "check", "--jobs", "1", "--format", "json", str(path)]
    out = {"check --jobs 1": check, "bare orjson.loads loop": [python, "-c", BARE_LOOP, str(path)]}
    if _has_pydantic():
        out["pydantic strict loop"] = [python, "-c", PYDANTIC_LOOP, str(path)]
    out["kombo_tag_errors.loads loop"] = [python, "-c", LOADS_LOOP, str(path)]
    return out


def _expected_valid(kind: str, lines: int) -> int:
    return lines - lines // 10 if kind == "invalid-10pct" else lines


def run_file(kind: str, lines: int, repeat: int, folder: Path) -> dict[str, Any]:
    path = folder / f"{kind}.jsonl"
    size = generate(path, lines, kind)
    commands = peers(path)
    best: dict[str, dict[str, Any]] = {}
    for _ in range(repeat):  # interleaved: a slow moment of the machine spreads over every peer
        for name, command in commands.items():
            m = measure(command)
            if m["status"] not in (0, 1):
                raise SystemExit(f"{name} on {kind} failed with status {m['status']}: {m['stdout']}")
            if name not in best or m["wall"] < best[name]["wall"]:
                best[name] = m
    results: dict[str, dict[str, Any]] = {}
    for name, m in best.items():
        results[name] = {
            "seconds": m["wall"],
            "cpu_seconds": m["cpu"],
            "payloads_per_s": lines / m["wall"],
            "payloads_per_cpu_s": lines / m["cpu"],
            "peak_rss_mb": m["peak_rss"] / 1e6,
        }
    summary = json.loads(best["check --jobs 1"]["stdout"].splitlines()[-1])["summary"]
    if (summary["total"], summary["valid"]) != (lines, _expected_valid(kind, lines)):
        raise SystemExit(f"check counted {summary['total']} payloads of {kind}, {summary['valid']} valid")
    check, bare = results["check --jobs 1"], results["bare orjson.loads loop"]
    pydantic = results.get("pydantic strict loop")
    ratios = {
        "vs_bare": check["payloads_per_s"] / bare["payloads_per_s"],
        "vs_bare_cpu": check["payloads_per_cpu_s"] / bare["payloads_per_cpu_s"],
    }
    goals = {
        f"check >= {GOAL_VS_BARE}x the bare loop": ratios["vs_bare"] >= GOAL_VS_BARE,
        f"check peak RSS < {GOAL_RSS_MB} MB": check["peak_rss_mb"] < GOAL_RSS_MB,
    }
    if pydantic is not None:
        ratios["vs_pydantic"] = check["payloads_per_s"] / pydantic["payloads_per_s"]
        ratios["vs_pydantic_cpu"] = check["payloads_per_cpu_s"] / pydantic["payloads_per_cpu_s"]
        goals[f"check >= {GOAL_VS_PYDANTIC}x the pydantic strict loop"] = (
            ratios["vs_pydantic"] >= GOAL_VS_PYDANTIC
        )
    return {
        "file": kind,
        "lines": lines,
        "file_bytes": size,
        "results": results,
        "ratios": ratios,
        "goals": goals,
    }


def run(lines: int, repeat: int, folder: Path, files: tuple[str, ...] = FILES) -> dict[str, Any]:
    return {
        "lines": lines,
        "repeat": repeat,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": platform.machine(),
        "system": platform.platform(),
        "orjson": orjson.__version__,
        "pydantic": _pydantic_version(),
        "files": {kind: run_file(kind, lines, repeat, folder) for kind in files},
    }


def render(report: dict[str, Any]) -> str:
    head = (
        f"{report['lines']:,} lines a file; Python {report['python']}, orjson {report['orjson']}, "
        f"pydantic {report['pydantic'] or '(not installed: pip install -e . --group bench)'}, "
        f"{report['machine']}; best of {report['repeat']}"
    )
    lines = [head]
    for kind, f in report["files"].items():
        lines += [
            "",
            f"{kind} ({f['file_bytes'] / 1e6:.1f} MB)",
            f"{'peer':<30} {'seconds':>8} {'payloads/s':>12} {'per CPU s':>12} {'vs bare':>8} "
            f"{'peak RSS':>9}",
        ]
        bare = f["results"]["bare orjson.loads loop"]["payloads_per_s"]
        for name, r in f["results"].items():
            lines.append(
                f"{name:<30} {r['seconds']:>8.3f} {r['payloads_per_s']:>12,.0f} "
                f"{r['payloads_per_cpu_s']:>12,.0f} {r['payloads_per_s'] / bare:>8.2f} "
                f"{r['peak_rss_mb']:>6.1f} MB"
            )
        ratios = ", ".join(f"{k} {v:.2f}" for k, v in f["ratios"].items())
        lines.append(f"check: {ratios}")
        lines += [f"goal {goal}: {'met' if met else 'NOT met'}" for goal, met in f["goals"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=1_000_000, help="payloads in each file (1,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each peer; the best is kept (3)")
    parser.add_argument("--file", action="append", choices=FILES, help="only this file (repeatable)")
    parser.add_argument(
        "--json",
        type=Path,
        default=ROOT / "benchmarks" / "results-check.json",
        help="where to write the figures",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-check-") as folder:
        report = run(args.lines, args.repeat, Path(folder), tuple(args.file or FILES))
    print(render(report))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
