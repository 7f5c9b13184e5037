"""The table of times and ratios, and the goals of issue 7, from one run's results."""

from __future__ import annotations

from typing import Any

from benchmarks._cases import OPERATIONS
from benchmarks._payloads import PAYLOADS

__all__ = ["YARDSTICK", "goals", "render"]

KTE = "kombo_tag_errors"
PYDANTIC = "pydantic"
FLOOR = "orjson (floor)"
IMPORT_BASE = "import attrs, cattrs, orjson"
YARDSTICK = "2026-full"
"""The payload whose ``orjson.loads`` every worker times alternately with each call, as a yardstick."""


def _min_us(
    report: dict[str, Any], library: str, operation: str, payload: str, key: str = "min_us"
) -> float | None:
    for lib in report["libraries"]:
        if lib["library"] == library:
            for row in lib.get("results", ()):
                if row["operation"] == operation and row["payload"] == payload:
                    return row.get(key)
    return None


def _floor(report: dict[str, Any], operation: str, payload: str, key: str) -> float | None:
    """`orjson.loads` of the same bytes for ``loads`` and ``error``, `orjson.dumps` for ``dumps``."""
    if operation in ("loads", "error", "dumps"):
        return _min_us(report, FLOOR, operation, payload, key)
    return None


def _import_ms(report: dict[str, Any], statement: str, key: str = "min_ms") -> float | None:
    return next((i.get(key) for i in report["imports"] if i["statement"] == statement), None)


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def goals(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The goals as ratios of this run's relative times (judged), and of its minimums and medians.

    ``met`` judges the ratio of relative times, which the load of a shared machine disturbs least;
    it is None where a figure is missing. Import times have no yardstick: the ratio of the minimum
    CPU times of the whole processes is judged; the minimums and medians are of wall-clock times.
    """
    loads = ("loads", "2026-full")
    dumps = ("dumps", "2026-full")
    # The core's second version (0.7x, 1.0x), timed; `benchmarks.instructions` judges them on instructions.
    items = [
        ("loads 2026-full / pydantic model_validate_json", (KTE, *loads), (PYDANTIC, *loads), 0.7),
        (
            "loads 2023-message / pydantic",
            (KTE, "loads", "2023-message"),
            (PYDANTIC, "loads", "2023-message"),
            0.7,
        ),
        (
            "loads unknown-keys / pydantic",
            (KTE, "loads", "unknown-keys"),
            (PYDANTIC, "loads", "unknown-keys"),
            1.0,
        ),
        (
            "error invalid (2 problems) / pydantic",
            (KTE, "error", "invalid"),
            (PYDANTIC, "error", "invalid"),
            1.0,
        ),
        ("loads 2026-full / orjson.loads", (KTE, *loads), (FLOOR, *loads), 3.0),
        ("dumps 2026-full / pydantic model_dump_json", (KTE, *dumps), (PYDANTIC, *dumps), 0.5),
    ]
    out = []
    for goal, a, b, target in items:
        figures = [_ratio(_min_us(report, *a, key=k), _min_us(report, *b, key=k)) for k in _KEYS]
        out.append(_goal(goal, *figures, target))
    statement = "import kombo_tag_errors"
    cpu, best, median = (
        _ratio(_import_ms(report, statement, k), _import_ms(report, IMPORT_BASE, k))
        for k in ("cpu_min_ms", "min_ms", "median_ms")
    )
    out.append(_goal(f"{statement} / {IMPORT_BASE}", cpu, best, median, 1.3))
    return out


_KEYS = ("relative", "min_us", "median_us")


def _goal(
    goal: str, ratio: float | None, best: float | None, median: float | None, target: float
) -> dict[str, Any]:
    met = None if ratio is None else ratio <= target
    return {
        "goal": goal,
        "ratio": ratio,
        "ratio_of_minimums": best,
        "ratio_of_medians": median,
        "target": target,
        "met": met,
    }


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _table(header: list[str], rows: list[list[str]], left: int) -> str:
    """Columns padded to their widest cell; the first *left* columns flush left, the rest right."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < left or i == len(cells) - 1 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def _time_rows(report: dict[str, Any]) -> list[list[str]]:
    rows = []
    for operation in OPERATIONS:
        for payload in PAYLOADS:
            for lib in report["libraries"]:
                for row in lib.get("results", ()):
                    if row["operation"] != operation or row["payload"] != payload:
                        continue
                    rel = row.get("relative")
                    rows.append(
                        [
                            operation,
                            payload,
                            lib["library"],
                            _fmt(row.get("min_us")),
                            _fmt(row.get("median_us")),
                            _fmt(_ratio(rel, _min_us(report, PYDANTIC, operation, payload, "relative"))),
                            _fmt(_ratio(rel, _floor(report, operation, payload, "relative"))),
                            row["note"],
                        ]
                    )
    return rows


def render(report: dict[str, Any]) -> str:
    """The whole report as plain text: machine, times, libraries, imports, goals."""
    m = report["machine"]
    parts = [
        f"Python {m['python']} ({m['implementation']}) on {m['platform']}; {m['cpus']} CPUs, {m['cpu']}; "
        f"load average {m['load_average']}",
        "",
        "Times per call in microseconds (min and median of the repeats). "
        "Ratios are of relative times (each repeat over a yardstick, orjson.loads of 2026-full, "
        "timed alternately in the same process; the median of those): "
        "x pydantic to the same call of the pydantic model, x orjson to orjson.loads (loads, error) "
        "or orjson.dumps (dumps) of the same payload.",
        _table(
            ["operation", "payload", "library", "min us", "median us", "x pydantic", "x orjson", "note"],
            _time_rows(report),
            3,
        ),
        "",
        "One body in memory (tracemalloc, loads of 2026-full, bodies kept):",
    ]
    body_pydantic = next((x.get("body_bytes") for x in report["libraries"] if x["library"] == PYDANTIC), None)
    lib_rows = [
        [
            x["library"],
            x.get("version", "-"),
            _fmt(x.get("body_bytes"), 0),
            _fmt(_ratio(x.get("body_bytes"), body_pydantic)),
            x.get("semantics") or x.get("skipped", ""),
        ]
        for x in report["libraries"]
    ]
    parts.append(_table(["library", "version", "bytes", "x pydantic", "semantics"], lib_rows, 2))
    if report["imports"]:
        base = _import_ms(report, IMPORT_BASE)
        cpu_base = _import_ms(report, IMPORT_BASE, "cpu_min_ms")
        rows = [
            [
                i["statement"],
                _fmt(i.get("min_ms"), 1),
                _fmt(i.get("median_ms"), 1),
                _fmt(i.get("cpu_min_ms"), 1),
                _fmt(_ratio(i.get("min_ms"), base)),
                _fmt(_ratio(i.get("cpu_min_ms"), cpu_base)),
                i.get("skipped", ""),
            ]
            for i in report["imports"]
        ]
        parts += [
            "",
            "Whole-process time of python -I -c STATEMENT, milliseconds (wall clock; CPU user+system):",
        ]
        header = ["statement", "min ms", "median ms", "cpu min ms", "x base", "x base (cpu)", ""]
        parts.append(_table(header, rows, 1))
    goal_rows = [
        [
            g["goal"],
            _fmt(g["ratio"]),
            _fmt(g["ratio_of_minimums"]),
            _fmt(g["ratio_of_medians"]),
            f"<= {g['target']}",
            {True: "met", False: "NOT met", None: "-"}[g["met"]],
        ]
        for g in report["goals"]
    ]
    parts += [
        "",
        "Goals, judged on the ratio of relative times (imports: of minimum CPU times); "
        "the ratios of plain minimums and medians for reference:",
        _table(["goal", "ratio", "of minimums", "of medians", "target", ""], goal_rows, 1),
    ]
    return "\n".join(parts)
