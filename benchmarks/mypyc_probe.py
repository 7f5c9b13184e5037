"""Would mypyc pay? The generated fast path of `loads`, compiled, counted against the same code interpreted.

Run from the repository root (valgrind, a C compiler and the Python headers must be there; mypyc comes with
mypy, in the ``lint`` dependency group)::

    python -m benchmarks.mypyc_probe

It writes the decoded fast path that `kombo_tag_errors._build` generates for the 401 body, as it is, into a
module of a temporary folder, with a ``loads`` of the same shape as the package's fast case (orjson, then the
fast path), compiles that module with mypyc, and counts the instructions per call of both ``loads`` (compiled
and interpreted), the package's own `kombo_tag_errors.loads` and pydantic in strict mode, each on the
``2023-message`` and ``2026-full`` payloads. Nothing here is part of the package.
"""

from __future__ import annotations

import argparse
import linecache
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.instructions import ROOT, count

_HEADER = '''"""The generated fast path as static source for mypyc; the probe binds its global names."""
from typing import Any

import orjson

_decode = orjson.loads
{names}

'''
_LOADS = '''

def loads(data: Any) -> Any:
    """The fast case of kombo_tag_errors.loads: bytes decoded by orjson, then the fast path."""
    if type(data) is bytes:
        body = fast(_decode(data))
        if body is not None:
            return body
    raise ValueError("not the fast case")
'''
_WORKER = """
import sys
sys.path[:0] = [{folder!r}, {root!r}]
import probe_fast
from kombo_tag_errors import _build
from kombo_tag_errors._models import PostAtsCandidatesCandidateIDTagsResponseBody
_fast = _build.fast_path(PostAtsCandidatesCandidateIDTagsResponseBody, decoded=True)
vars(probe_fast).update({{k: v for k, v in _fast.__globals__.items() if not k.startswith("__")}})
"""


def write_module(folder: Path) -> Path:
    """Write the generated fast path of the 401 body and a ``loads`` around it to *folder*/probe_fast.py."""
    from kombo_tag_errors import _build
    from kombo_tag_errors._models import PostAtsCandidatesCandidateIDTagsResponseBody

    fast = _build.fast_path(PostAtsCandidatesCandidateIDTagsResponseBody, decoded=True)
    source = "".join(linecache.getlines(fast.__code__.co_filename))
    names = sorted(n for n in fast.__code__.co_names if n in fast.__globals__)
    header = _HEADER.format(names="\n".join(f"{n}: Any = None" for n in names))
    path = folder / "probe_fast.py"
    path.write_text(header + source + _LOADS)
    return path


def main(argv: list[str] | None = None) -> int:
    """Compile the probe, count, and print the table."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.mypyc_probe", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--calls", type=int, default=1000, help="calls per counted process (default 1000)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="kte-mypyc-"))
    source = write_module(folder)
    # --ignore-missing-imports: the probe's names are Any, so mypyc compiles it without the package's types.
    subprocess.run(
        [sys.executable, "-m", "mypyc", "--ignore-missing-imports", source.name],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    compiled = list(folder.glob("probe_fast.*.so")) + list(folder.glob("probe_fast.*.pyd"))
    if not compiled:
        raise RuntimeError(f"mypyc built no extension in {folder}")
    setup = _WORKER.format(folder=str(folder), root=str(ROOT))
    interpreted = folder / "interpreted"
    interpreted.mkdir()
    (interpreted / "probe_fast.py").write_text(source.read_text())
    rows = []
    for case in ("2023-message", "2026-full"):
        mypyc_count = count("probe", case, args.calls, setup=setup)
        pure_count = count(
            "probe", case, args.calls, setup=setup.replace(repr(str(folder)), repr(str(interpreted)))
        )
        package = count("kte", case, args.calls)
        peer = count("pydantic", case, args.calls)
        rows.append((case, mypyc_count, pure_count, package, peer))
    print(f"{'payload':14} {'mypyc':>8} {'pure':>8} {'loads':>8} {'pydantic':>9} {'mypyc/pydantic':>15}")
    for case, mypyc_count, pure_count, package, peer in rows:
        ratio = mypyc_count / peer
        print(f"{case:14} {mypyc_count:8.0f} {pure_count:8.0f} {package:8.0f} {peer:9.0f} {ratio:15.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
