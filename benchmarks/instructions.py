"""The core's goals as ratios of CPU instructions per call, counted by valgrind (callgrind).

Run from the repository root (valgrind must be installed)::

    python -m benchmarks.instructions            # the table of goals
    python -m benchmarks.instructions --json out.json --calls 2000

Instruction counts are the same from run to run whatever else the machine does, so they judge the
goals on a shared machine where timings drift; they are not times (a cache miss costs more than an
add), which `benchmarks.bench_structure` measures. Each figure is the count of a process making
*calls* calls, less the count of the same process making none, over *calls*; peers run the same
payloads in the same way: pydantic v2 in strict mode (`benchmarks.peer_pydantic`), orjson alone.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["CASES", "GOALS", "count", "main"]

ROOT = Path(__file__).resolve().parents[1]

CASES = ("2026-full", "2023-message", "unknown-both", "invalid-one", "invalid-three", "from_response")
"""Payload names of `_payload`; ``from_response`` is the 2026 body in a read 401 `httpx.Response`."""

GOALS = (
    ("loads 2023-message / pydantic", "kte", "2023-message", "pydantic", "2023-message", 0.7),
    ("loads 2026-full / pydantic", "kte", "2026-full", "pydantic", "2026-full", 0.7),
    ("loads unknown keys, both levels / pydantic", "kte", "unknown-both", "pydantic", "unknown-both", 1.0),
    ("loads invalid, one problem / pydantic", "kte", "invalid-one", "pydantic", "invalid-one", 1.0),
    ("loads invalid, three problems / pydantic", "kte", "invalid-three", "pydantic", "invalid-three", 1.0),
    ("from_response / loads of its bytes", "kte", "from_response", "kte", "2026-full", 1.3),
)
"""(goal, library, case, peer library, peer case, the largest ratio that meets it)."""

_WORKER = r"""
import sys
lib, case, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, {root!r})
if len(sys.argv) > 4:
    exec(sys.argv[4])  # a setup of the caller's: benchmarks.mypyc_probe binds its module's names
from benchmarks.instructions import _call
f, arg = _call(lib, case)
for _ in range(50):
    f(arg)
for _ in range(n):
    f(arg)
"""


def _payload(case: str) -> bytes:
    from benchmarks._payloads import PAYLOADS

    full = json.loads(PAYLOADS["2026-full"])
    payloads = {
        "2026-full": PAYLOADS["2026-full"],
        "2023-message": PAYLOADS["2023-message"],
        "unknown-both": json.dumps(
            {**full, "error": {**full["error"], "hint": "rotate"}, "request_id": "req_1"},
            separators=(",", ":"),
        ).encode(),
        "invalid-one": b'{"error":{"message":"m"}}',
        "invalid-three": b'{"status":"ok","error":{"message":5,"code":1}}',
    }
    return payloads[case]


def _call(lib: str, case: str) -> tuple[Any, Any]:
    """The function to count and its argument; exceptions are caught inside, as callers do."""
    if lib == "kte":
        import kombo_tag_errors as kte

        if case == "from_response":
            from kombo_tag_errors.httpx import from_response

            return _quiet(from_response, kte.PayloadError), _response()
        return _quiet(kte.loads, kte.PayloadError), _payload(case)
    if lib == "probe":  # benchmarks.mypyc_probe: its module, compiled or not, imported by the setup
        import probe_fast  # type: ignore[import-not-found]

        return _quiet(probe_fast.loads, ValueError), _payload(case)
    if lib == "httpx":  # the floor of from_response: the public accessors it reads, and nothing else
        return _httpx_accessors, _response()
    if lib == "pydantic":
        import pydantic

        from benchmarks.peer_pydantic import Body

        return _quiet(Body.model_validate_json, pydantic.ValidationError), _payload(case)
    import orjson

    return orjson.loads, _payload(case)


def _response() -> Any:
    import httpx

    request = httpx.Request("POST", "https://api.kombo.dev/v1/ats/candidates/1/tags")
    headers = {"content-type": "application/json"}
    return httpx.Response(401, content=_payload("2026-full"), headers=headers, request=request)


def _httpx_accessors(response: Any) -> None:
    """What `from_response` must read of a read 401 through httpx's public API, and nothing more.

    Its status (is it an error, which one), its body, the kind of its stream (which client made it), its
    content type, and where its request may carry credentials: headers, the URL's user info and query.
    """
    response.is_error  # noqa: B018 - each line is a read that from_response makes
    response.content  # noqa: B018
    response.stream  # noqa: B018
    response.headers.get("content-type")
    response.status_code  # noqa: B018
    request = response.request
    request.headers.raw  # noqa: B018
    url = request.url
    url.userinfo  # noqa: B018
    url.query  # noqa: B018


def _quiet(fn: Any, error: type[BaseException]) -> Any:
    def call(arg: Any) -> None:
        try:  # noqa: SIM105 - contextlib.suppress would add its own cost to every counted call
            fn(arg)
        except error:
            pass

    return call


def _instructions(lib: str, case: str, calls: int, setup: str) -> int:
    worker = _WORKER.format(root=str(ROOT))
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", worker]
    arguments = [lib, case, str(calls), *([setup] if setup else [])]
    result = subprocess.run([*command, *arguments], capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise RuntimeError(f"valgrind printed no count: {result.stderr[-500:]}")
    return int(found.group(1))


def count(lib: str, case: str, calls: int, setup: str = "") -> float:
    """Instructions per call of *lib* on *case*: a run of *calls* calls less a run of none.

    *setup*, Python source, runs in the counted process before the call is looked up.
    """
    return (_instructions(lib, case, calls, setup) - _instructions(lib, case, 0, setup)) / calls


def main(argv: list[str] | None = None) -> int:
    """Print the goals judged on instruction counts (and write them as JSON with --json)."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.instructions", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--calls", type=int, default=2000, help="calls per counted process (default 2000)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: no instruction counts", file=sys.stderr)
        return 2
    needed = {
        (lib, case)
        for _, lib, case, peer, peer_case, _ in GOALS
        for lib, case in ((lib, case), (peer, peer_case))
    }
    needed |= {("orjson", case) for case in CASES if case != "from_response"}
    needed.add(("httpx", "accessors"))
    counts = {key: count(*key, args.calls) for key in sorted(needed)}
    rows = []
    print(f"{'goal':46} {'ours':>8} {'peer':>8} {'ratio':>6} {'goal':>5}  met")
    for goal, lib, case, peer, peer_case, target in GOALS:
        ours, theirs = counts[lib, case], counts[peer, peer_case]
        ratio = ours / theirs
        rows.append({"goal": goal, "ours": ours, "peer": theirs, "ratio": ratio, "target": target})
        met = "yes" if ratio <= target else "no"
        print(f"{goal:46} {ours:8.0f} {theirs:8.0f} {ratio:6.2f} {target:5.1f}  {met}")
    floors = {case: counts["orjson", case] for case in CASES if case != "from_response"}
    print("orjson.loads alone:", ", ".join(f"{case} {n:.0f}" for case, n in floors.items()))
    accessors = counts["httpx", "accessors"]
    floor = (accessors + counts["kte", "2026-full"]) / counts["kte", "2026-full"]
    print(
        f"httpx's public accessors that from_response reads, alone: {accessors:.0f}, so from_response"
        f" costs at least {floor:.2f}x loads of its bytes"
    )
    if args.json:
        figures = {"python": sys.version, "goals": rows, "orjson": floors, "httpx_accessors": accessors}
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
