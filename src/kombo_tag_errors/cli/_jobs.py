"""``check --jobs N``: a JSON Lines file cut into byte ranges on line boundaries, checked by N processes.

Each worker reads its own range of the file and returns its summary and the problems it found,
with line numbers counted from the start of its range.
The parent takes the results in file order, numbers the lines and writes them, so the output is
the one a single process writes.
A worker hands back after `MAX_RECORDS` invalid payloads; the parent queues the rest of its range
first, so memory stays bounded however broken the input.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from .._errors import Problem
from ..replay import Summary
from ._stream import batches
from ._verdict import Counter, check_lines

if TYPE_CHECKING:  # imported when a pool is made: a check with one process starts faster
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["MAX_RECORDS", "Result", "Task", "cpu_count", "make_pool", "ranges", "run_ranges", "run_task"]

MAX_RECORDS: Final = 5000
MIN_RANGE: Final = 256 * 1024
MAX_RANGE: Final = 16 * 1024 * 1024


@attrs.frozen
class Task:
    """Check bytes `start` to `end` of the file at `path`; `start` is where a line begins."""

    path: str
    start: int
    end: int
    max_size: int
    fail_fast: bool


@attrs.frozen
class Result:
    summary: Summary
    records: list[tuple[int, tuple[Problem, ...]]]
    lines: int
    """The lines checked, from the start of the range."""
    resume: int
    """Where the check stopped before the end of the range, or -1."""


def run_task(task: Task) -> Result:
    """Check one range (in a worker process)."""
    records: list[tuple[int, tuple[Problem, ...]]] = []

    def on_invalid(line: int, problems: Sequence[Problem]) -> bool:
        records.append((line, tuple(problems)))
        return not task.fail_fast and len(records) < MAX_RECORDS

    counter = Counter(task.path, task.max_size)
    lines = 0
    with open(task.path, "rb") as f:
        f.seek(task.start)
        remaining = task.end - task.start

        def read(n: int) -> bytes:
            nonlocal remaining
            data = f.read(min(n, remaining))
            remaining -= len(data)
            return data

        for batch in batches(read, task.max_size, offset=task.start):
            stop = check_lines(batch.lines, batch.first, counter, on_invalid)
            if stop >= 0:
                return Result(counter.summary(), records, batch.first + stop, batch.offset_after(stop))
            lines = batch.first + len(batch.lines) - 1
    return Result(counter.summary(), records, lines, -1)


def ranges(path: str, size: int, jobs: int) -> Iterator[tuple[int, int]]:
    """Cut the file into about ``4 * jobs`` ranges (256 KiB to 16 MiB each), each ending after a newline."""
    step = min(MAX_RANGE, max(MIN_RANGE, size // (4 * jobs)))
    start = 0
    with open(path, "rb") as f:
        while start < size:
            f.seek(min(start + step, size))
            end = f.tell()
            while end < size:
                piece = f.read(64 * 1024)
                nl = piece.find(b"\n")
                if nl >= 0:
                    end += nl + 1
                    break
                end += len(piece)
                if not piece:
                    break
            end = min(end, size)
            yield start, end
            start = end


def run_ranges(
    pool: ProcessPoolExecutor,
    tasks: Iterator[Task],
    add: Callable[[Summary], None],
    emit: Callable[[int, Sequence[Problem]], None],
    done: Callable[[int], None],
    ahead: int,
) -> bool:
    """Run *tasks* on *pool*, at most *ahead* at a time; emit problems in file order.

    *add* gets the summary of each range, numbered as the file is, in file order.
    Return False when a ``--fail-fast`` task stopped at an invalid payload.
    """
    pending: deque[tuple[Task, Future[Result]]] = deque()
    base = 0
    try:
        while True:
            while len(pending) < ahead and (task := next(tasks, None)) is not None:
                pending.append((task, _submit(pool, task)))
            if not pending:
                return True
            task, future = pending.popleft()
            result = future.result()
            for line, problems in result.records:
                emit(base + line, problems)
            add(result.summary.shifted(base))
            base += result.lines
            if result.resume >= 0:
                if task.fail_fast:
                    return False
                rest = attrs.evolve(task, start=result.resume)
                pending.appendleft((rest, _submit(pool, rest)))
            done(result.resume if result.resume >= 0 else task.end)
    finally:
        for _, future in pending:
            future.cancel()


def _submit(pool: ProcessPoolExecutor, task: Task) -> Future[Result]:
    """``pool.submit(run_task, task)``, with Ctrl-C held back until it returns.

    A submit may start a worker. Interrupted then, the pool would not know its worker, would not wait
    for it at shutdown, and the worker, still starting, would print a traceback once its parent is gone.
    """
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on Unix: no forkserver either
        return pool.submit(run_task, task)
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return pool.submit(run_task, task)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def make_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of *jobs* worker processes, forked from a server that has imported the checker."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        ctx.set_forkserver_preload([__name__])
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_ignore_interrupts)


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle (one line, exit 130), not a traceback per child."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def cpu_count() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
