"""Run a fuzz target of `targets` under atheris (``pip install -e . --group fuzz``).

``python fuzz/run.py loads --seconds 60`` fuzzes `targets.loads_target` for a minute; ``httpx`` fuzzes
`targets.httpx_target`.
Seeds are the JSONTestSuite cases and the examples; inputs found go to a temporary corpus.
A failing input is written to ``--artifacts`` and the run exits non-zero;
``python fuzz/run.py loads --reproduce FILE`` runs one saved input again.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["kombo_tag_errors", "targets"]):
    import targets

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [ROOT / "tests" / "data" / "jsontestsuite" / "test_parsing", ROOT / "examples"]


def _seed(corpus: Path, target: str) -> list[str]:
    """The seed folders for *target*; the httpx target gets each seed behind a response header.

    A missing seed folder is an error: the seeds are part of the repository and the sdist.
    """
    missing = [str(s) for s in SEEDS if not s.is_dir()]
    if missing:
        sys.exit(f"fuzz seeds missing: {', '.join(missing)}")
    folders = SEEDS
    if target == "loads":
        return [str(s) for s in folders]
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                for status, streamed in ((401, False), (500, True)):
                    data = targets.httpx_input(
                        status, b"application/json", path.read_bytes(), streamed=streamed
                    )
                    (corpus / f"{path.name}.{status}").write_bytes(data)
    return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=["loads", "httpx"])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz (default 60)")
    parser.add_argument(
        "--artifacts", type=Path, help="where failing inputs go (default: a temporary folder)"
    )
    parser.add_argument("--reproduce", nargs="+", metavar="FILE", help="run these inputs once and stop")
    args = parser.parse_args()
    target = targets.loads_target if args.target == "loads" else targets.httpx_target
    artifacts = args.artifacts or Path(tempfile.mkdtemp(prefix=f"fuzz-{args.target}-crashes-"))
    artifacts.mkdir(parents=True, exist_ok=True)
    if args.reproduce:
        argv = [sys.argv[0], *args.reproduce]
    else:
        corpus = Path(tempfile.mkdtemp(prefix=f"fuzz-{args.target}-corpus-"))
        seeds = _seed(corpus, args.target)
        print(f"fuzzing {args.target} for {args.seconds} s; failing inputs go to {artifacts}", flush=True)
        argv = [
            sys.argv[0],
            f"-max_total_time={args.seconds}",
            "-timeout=10",  # an input taking longer is reported as a hang
            "-rss_limit_mb=4096",
            "-max_len=200000",
            "-print_final_stats=1",
            f"-dict={Path(__file__).with_name('json.dict')}",
            f"-artifact_prefix={artifacts}/",
            str(corpus),
            *seeds,
        ]
    atheris.Setup(argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
