"""``kombo-tag-errors check``: judge every payload of captured files and streams, then summarize."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from .._errors import Problem
from .._text import escape
from ..replay import DEFAULT_TOP, Summary
from ._io import PROG, fail
from ._jobs import MIN_RANGE, Task, cpu_count, make_pool, ranges, run_ranges
from ._progress import Progress
from ._report import Report
from ._scan import detect, items
from ._stream import CHUNK, Input, Read, Unreadable, batches, open_input, reader, stat_input
from ._verdict import Counter, check_lines, judge

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

__all__ = ["DEFAULT_MAX_SIZE", "register", "run"]

DEFAULT_MAX_SIZE = 1024 * 1024
"""The largest payload ``check`` reads by default (``--max-size``): 1 MiB."""

EXAMPLE = """\
input: JSON Lines (blank lines skipped), one JSON array of payloads, or JSON documents one after
another; gzip is read transparently (by its magic bytes or a .gz suffix); no FILE or - reads stdin.

output: FILE:LINE: PATH: problem for every problem of each invalid payload, then a summary
(total, valid, invalid, shapes, codes, retryable, then the --top most frequent problems by path and
kind, and unknown keys by path with the first line each was seen on); --format json writes one JSON
object a line, the summary last, in the schema docs/howto/cli.md documents.

example:
  kombo-tag-errors check examples/captured-401s.jsonl
  kombo-tag-errors check --format json --quiet captures/*.jsonl.gz
  kubectl logs deploy/api | grep '^{' | kombo-tag-errors check --fail-fast -
  kombo-tag-errors check --jobs 4 big-capture.jsonl
"""


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


def _one_line_errors(parser: argparse.ArgumentParser) -> None:
    """Make *parser* report every usage error, unknown arguments included, in one line (exit 2)."""

    def error(message: str) -> NoReturn:
        fail(f"check: {message} (see {PROG} check --help)")

    def parse_known_args(args: Any = None, namespace: Any = None) -> tuple[argparse.Namespace, list[str]]:
        # The subcommand parser, not the top one, turns unknown arguments into an error.
        known, unknown = argparse.ArgumentParser.parse_known_args(parser, args, namespace)
        if unknown:
            error(f"unrecognized arguments: {' '.join(unknown)}")
        return known, unknown

    parser.error = error  # type: ignore[method-assign]
    parser.parse_known_args = parse_known_args  # type: ignore[method-assign,assignment]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "check",
        help="check every payload of captured files and streams, then summarize",
        description=(
            "Check every captured 401 body of each FILE and summarize them.\n"
            "Exit status: 0 all valid, 1 any invalid, 2 usage error or an unreadable input, 130 interrupted."
        ),
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _one_line_errors(p)
    p.add_argument("files", metavar="FILE", nargs="*", help="JSON Lines, JSON array or .gz file; - for stdin")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (text)")
    p.add_argument("--fail-fast", action="store_true", help="stop at the first invalid payload")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary and no progress bar")
    p.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=1,
        metavar="N",
        help="processes for large uncompressed JSON Lines files; 0: one per CPU (1)",
    )
    p.add_argument(
        "--top",
        type=_positive,
        default=DEFAULT_TOP,
        metavar="N",
        help=f"problems and unknown keys the summary lists, most frequent first ({DEFAULT_TOP})",
    )
    p.add_argument(
        "--max-size",
        type=_positive,
        default=DEFAULT_MAX_SIZE,
        metavar="BYTES",
        help=f"reject a payload larger than this, unread ({DEFAULT_MAX_SIZE})",
    )
    p.set_defaults(run=run)


class Checker:
    """Checks inputs one after the other into one `Tally`; owns the worker pool, if any."""

    def __init__(self, args: argparse.Namespace, report: Report, progress: Progress | None) -> None:
        self.report = report
        self.progress = progress
        self.max_size: int = args.max_size
        self.fail_fast: bool = args.fail_fast
        self.jobs: int = args.jobs or cpu_count()
        self.pool: ProcessPoolExecutor | None = None
        self.summary = Summary()
        self.before = 0  # bytes of the inputs already checked, for the progress bar
        self.unreadable = 0

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def check(self, name: str) -> bool:
        """Check input *name*; False when ``--fail-fast`` stopped at an invalid payload.

        An input that cannot be read, or stops being readable, is reported in one line; what was read of it
        stays counted, and the check goes on with the next input.
        """
        try:
            inp = open_input(name)
        except Unreadable as e:
            self._unreadable(e)
            return True
        try:
            return self._check(inp)
        except Unreadable as e:
            self._unreadable(e)
            return True
        finally:
            if inp.raw is not sys.stdin.buffer:
                inp.raw.close()
            self.before += inp.size or 0

    def _unreadable(self, error: Unreadable) -> None:
        self.unreadable += 1
        self.report.flush()
        if self.progress is not None:
            self.progress.clear()
        print(f"{PROG}: {escape(str(error))}", file=sys.stderr)

    def _check(self, inp: Input) -> bool:
        read = reader(inp)
        head = read(CHUNK)
        mode = detect(head)
        if mode == "lines" and self.jobs > 1 and inp.splittable and (inp.size or 0) > 2 * MIN_RANGE:
            return self._check_in_parallel(inp)
        counter = Counter(inp.name, self.max_size)
        try:
            return self._check_one(inp, counter, read, head, mode)
        finally:
            self.summary += counter.summary()

    def _check_one(self, inp: Input, counter: Counter, read: Read, head: bytes, mode: str) -> bool:
        report, name = self.report, inp.name

        def on_invalid(line: int, problems: Sequence[Problem]) -> bool:
            report.problems(name, line, problems)
            return not self.fail_fast

        if mode != "lines":
            for line, data in items(read, head, mode == "array", self.max_size):
                if not judge(data, line, counter, on_invalid):
                    return False
                self._show(inp)
            return True
        for batch in batches(read, self.max_size, head):
            if check_lines(batch.lines, batch.first, counter, on_invalid) >= 0:
                return False
            self._show(inp)
        return True

    def _check_in_parallel(self, inp: Input) -> bool:
        assert inp.size is not None
        if self.pool is None:
            self.pool = make_pool(self.jobs)
        name = inp.name
        cut = ranges(name, inp.size, self.jobs)
        tasks = (Task(name, a, b, self.max_size, self.fail_fast) for a, b in cut)

        def emit(line: int, problems: Sequence[Problem]) -> None:
            self.report.problems(name, line, problems)

        def done(offset: int) -> None:
            self.report.flush()
            if self.progress is not None:
                self.progress.update(self.before + offset)

        def add(summary: Summary) -> None:
            self.summary += summary

        return run_ranges(self.pool, tasks, add, emit, done, 2 * self.jobs)

    def _show(self, inp: Input) -> None:
        self.report.flush()
        if self.progress is not None:
            with contextlib.suppress(OSError):  # a regular file can tell; this is for safety
                self.progress.update(self.before + inp.raw.tell())


def run(args: argparse.Namespace) -> int:
    names: list[str] = args.files or ["-"]
    if names.count("-") > 1:
        fail("check: stdin (-) can be read only once")
    sizes = [_size(name) for name in names]
    progress = None
    if not args.quiet and sys.stderr.isatty() and None not in sizes:
        progress = Progress(sum(s or 0 for s in sizes), sys.stderr)
    report = Report(args.format, args.quiet, progress)
    checker = Checker(args, report, progress)
    try:
        for name in names:
            if not checker.check(name):
                break
    except KeyboardInterrupt:
        if progress is not None:
            progress.clear()
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    finally:
        checker.close()
        if progress is not None:
            progress.clear()
        report.flush()
    report.summary(checker.summary, args.top)
    return 2 if checker.unreadable else 1 if checker.summary.invalid else 0


def _size(name: str) -> int | None:
    """The size of *name* for the progress bar; None when it is a pipe or cannot be read (said later)."""
    try:
        return stat_input(name)
    except Unreadable:
        return None
