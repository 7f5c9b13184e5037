"""check's per-payload verdict: the same as `kombo_tag_errors.loads` on every line, fast path or not.

The summary it counts is kombo_tag_errors.replay's, tested in test_replay.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kombo_tag_errors import PayloadError, Problem, ProblemKind, loads
from kombo_tag_errors.cli._report import record
from kombo_tag_errors.cli._verdict import OVERSIZE, Counter, check_lines
from kombo_tag_errors.strategies import invalid_payloads, json_values, payloads

MAX_SIZE = 1 << 20


def _encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


lines = st.lists(
    st.one_of(
        payloads("2026", unknown_keys=False).map(_encode),  # the fast path
        payloads("2023", unknown_keys=False).map(_encode),
        payloads().map(_encode),
        invalid_payloads().map(lambda pair: _encode(pair[0])),
        json_values().map(_encode),
        st.sampled_from([b"", b"  ", b"\t\r", b"{", b"\xef\xbb\xbf{}", b"\x1b", b'{"status":"error"}\r']),
        st.binary(max_size=30).filter(lambda b: b"\n" not in b),
    ),
    max_size=12,
)


def _expected(data: Sequence[bytes]) -> tuple[list[tuple[int, tuple[Problem, ...]]], int]:
    """What loads says of each line: the invalid ones with their problems, and how many are valid."""
    invalid = []
    valid = 0
    for number, line in enumerate(data, 1):
        if not line.strip(b" \t\r\n"):
            continue
        try:
            loads(line, max_size=MAX_SIZE)
        except PayloadError as e:
            invalid.append((number, e.errors))
        else:
            valid += 1
    return invalid, valid


def _check(
    data: Sequence[bytes], stop_after: int = -1
) -> tuple[list[tuple[int, tuple[Problem, ...]]], Any, int]:
    seen: list[tuple[int, tuple[Problem, ...]]] = []

    def on_invalid(line: int, problems: Sequence[Problem]) -> bool:
        seen.append((line, tuple(problems)))
        return len(seen) != stop_after

    counter = Counter("-", MAX_SIZE)
    stop = check_lines(list(data), 1, counter, on_invalid)
    return seen, counter.summary(), stop


@given(lines)
def test_same_verdict_and_problems_as_loads(data: list[bytes]) -> None:
    """Every line is accepted or rejected as loads does it, with loads' problems, and counted alike."""
    invalid, valid = _expected(data)
    seen, got, stop = _check(data)
    assert stop == -1
    assert seen == invalid
    assert (got.valid, got.invalid) == (valid, len(invalid))


@given(lines, st.integers(min_value=1, max_value=3))
def test_stop_returns_the_index_of_the_line(data: list[bytes], stop_after: int) -> None:
    """When told to stop, check_lines returns the index of the invalid line it stopped at."""
    invalid, _ = _expected(data)
    seen, tally, stop = _check(data, stop_after)
    if len(invalid) < stop_after:
        assert stop == -1
    else:
        assert stop == invalid[stop_after - 1][0] - 1
        assert seen == invalid[:stop_after]
        assert tally.invalid == stop_after
        assert tally.total == len([line for line in data[: stop + 1] if line.strip(b" \t\r\n")])


def test_oversize_is_reported_unread() -> None:
    """A payload too large to hold is reported with loads' own message."""
    seen, tally, _ = _check([OVERSIZE])
    assert (tally.valid, tally.invalid) == (0, 1)
    assert seen == [(1, (Problem("$", f"larger than max_size={MAX_SIZE} bytes", ProblemKind.TOO_LARGE),))]
    with pytest.raises(PayloadError) as e:
        loads(b" " * (MAX_SIZE + 1), max_size=MAX_SIZE)
    assert seen[0][1] == e.value.errors


@given(
    st.text(),
    st.integers(min_value=1),
    st.lists(st.builds(Problem, st.text(), st.text(), st.sampled_from(list(ProblemKind))), max_size=3),
)
def test_json_records_are_what_json_dumps_writes(name: str, line: int, problems: list[Problem]) -> None:
    """check --format json writes each record as json.dumps(..., ensure_ascii=True) would, to the byte."""
    expected = {
        "file": name,
        "line": line,
        "problems": [{"path": p.path, "kind": p.kind.value, "problem": p.message} for p in problems],
    }
    assert record(name, line, problems) == json.dumps(expected, ensure_ascii=True) + "\n"
