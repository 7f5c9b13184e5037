"""The one rule of a JSON value: every way in (constructor, structure, loads) and out (dumps) follows it."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kombo_tag_errors as kte
from kombo_tag_errors import MAX_DEPTH, PayloadError, ProblemKind
from kombo_tag_errors._values import MAX_INT
from kombo_tag_errors.strategies import json_values

_Error = kte.PostAtsCandidatesCandidateIDTagsError
_Body = kte.PostAtsCandidatesCandidateIDTagsResponseBody


def _verdicts(value: Any) -> tuple[bool, bool, bool]:
    """Whether the constructor, structure and loads accept *value* as an unknown key's value."""

    def accepts(fn: Any) -> bool:
        try:
            fn()
        except (TypeError, ValueError):
            return False
        return True

    body = {"status": "error", "error": {"message": "m"}, "x": value}
    try:
        text: bytes | None = json.dumps(body, allow_nan=False).encode()
    except (TypeError, ValueError, RecursionError):
        text = None
    return (
        accepts(lambda: _Body(_Error("m"), extra={"x": value})),
        accepts(lambda: kte.structure(body)),
        text is not None and accepts(lambda: kte.loads(text)),
    )


@pytest.mark.parametrize(
    ("value", "readable"),
    [
        (MAX_INT, True),
        (-MAX_INT, True),
        (MAX_INT + 1, False),
        (-MAX_INT - 1, False),
        (10**400, False),
        (10**5000, False),
        (2**64, True),
        (float("inf"), False),
        (float("nan"), False),
        (1.5, True),
    ],
    ids=["max", "min", "max+1", "min-1", "1e400", "1e5000", "2**64", "inf", "nan", "1.5"],
)
def test_number_rule_is_orjsons(value: Any, readable: bool) -> None:
    """Constructor, structure and loads accept a number exactly when orjson can read its JSON text."""
    if isinstance(value, int) and value < 10**1000:
        try:
            orjson.loads(str(value))
            orjson_reads = True
        except orjson.JSONDecodeError:
            orjson_reads = False
        assert orjson_reads is readable
    constructor, structure, loads = _verdicts(value)
    assert constructor is structure is readable
    if not isinstance(value, float) or readable:
        assert loads is readable


@given(st.integers(min_value=-MAX_INT, max_value=MAX_INT) | st.sampled_from([MAX_INT, -MAX_INT, 2**64 + 1]))
def test_every_integer_a_body_holds_is_written_and_read_back_exactly(n: int) -> None:
    """An integer a constructor accepts is written in full by dumps, str and repr, and read back exactly."""
    body = _Body(_Error("m"), extra={"n": n, "nested": [n]})
    again = kte.loads(kte.dumps(body))
    assert again == body
    assert type(again.extra["n"]) is int
    assert again.extra["n"] == n
    assert json.loads(str(body))["n"] == n
    assert repr(n) in repr(body) or len(repr(n)) > 4000


def test_a_huge_integer_never_reaches_str_or_repr() -> None:
    """10**5000 is refused by the constructor with a clear error: str, repr and dumps never see it."""
    with pytest.raises(ValueError, match="too large for JSON") as info:
        _Body(_Error("m"), extra={"x": [10**5000]})
    assert "extra" in str(info.value)


@given(json_values())
def test_any_json_value_is_accepted_everywhere(value: Any) -> None:
    """Any JSON value is accepted by the constructor, structure and loads as an unknown key's value."""
    assert _verdicts(value) == (True, True, True)


@given(st.integers(1, 3 * MAX_DEPTH))
def test_depth_limit_is_the_same_everywhere(depth: int) -> None:
    """Nesting up to MAX_DEPTH is accepted by all three ways in, one level more by none."""
    value: Any = None
    for _ in range(depth):
        value = [value]
    assert _verdicts(value) == (depth <= MAX_DEPTH,) * 3


def test_depth_problem_is_at_its_path() -> None:
    """Too deep a value is reported where it goes too deep, as too_deep."""
    value: Any = 0
    for _ in range(MAX_DEPTH + 1):
        value = [value]
    with pytest.raises(PayloadError) as info:
        kte.structure({"status": "error", "error": {"message": "m"}, "x": value})
    (problem,) = info.value.errors
    assert problem.kind is ProblemKind.TOO_DEEP
    assert problem.path == "$.x" + "[0]" * MAX_DEPTH


@pytest.mark.parametrize(
    "value",
    [b"bytes", {1: "int key"}, (1, 2), {"a": {1, 2}}, _Error("m")],
    ids=["bytes", "int-key", "tuple", "set", "attrs-instance"],
)
def test_values_json_cannot_hold_are_refused_everywhere(value: Any) -> None:
    """Python values JSON cannot hold are refused by the constructor and by structure, as not_json."""
    assert _verdicts(value)[:2] == (False, False)
    with pytest.raises(PayloadError) as info:
        kte.structure({"status": "error", "error": {"message": "m"}, "x": value})
    assert {p.kind for p in info.value.errors} == {ProblemKind.NOT_JSON}


def test_cycles_and_shared_containers_are_refused_without_hanging() -> None:
    """A container that holds itself, or one shared over 100 levels, is refused at once."""
    cycle: list[Any] = []
    cycle.append(cycle)
    wide: Any = []
    for _ in range(100):
        wide = [wide, wide]  # 2**100 paths over 100 lists
    for value in (cycle, wide):
        with pytest.raises(ValueError, match="met twice"):
            _Body(_Error("m"), extra={"x": value})
        with pytest.raises(PayloadError) as info:
            kte.structure({"status": "error", "error": {"message": "m"}, "x": value})
        assert info.value.errors[0].kind is ProblemKind.NOT_JSON


def test_copies_keep_the_rule() -> None:
    """Copies and pickles of a body with big integers equal it and still write every digit."""
    body = _Body(_Error("m"), extra={"n": MAX_INT})
    for again in (copy.copy(body), copy.deepcopy(body), pickle.loads(pickle.dumps(body))):
        assert again == body
        assert kte.dumps(again) == kte.dumps(body)
