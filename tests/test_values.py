"""The JSON checks of unknown-key values: the quick verdict agrees with the one that finds paths."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kombo_tag_errors._values import MAX_DEPTH, is_plain_json, json_problems
from kombo_tag_errors.strategies import json_values


class _Text(str):
    """A str subclass: not decoded JSON."""


_not_json = st.one_of(
    st.sampled_from([math.inf, -math.inf, math.nan, (), b"", _Text("x"), object()]),
    st.integers().map(lambda n: {n: 1}),
)


def _values_with(leaf: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        st.one_of(json_values(max_leaves=3), leaf),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
        max_leaves=8,
    )


def _nested(depth: int, leaf: Any) -> Any:
    value = leaf
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


@given(st.one_of(json_values(), _values_with(_not_json)))
def test_quick_verdict_agrees_with_json_problems(value: Any) -> None:
    """is_plain_json is True exactly when json_problems finds no problem, on JSON and on what is not."""
    assert is_plain_json(value) == (not list(json_problems(value)))


@given(st.integers(MAX_DEPTH - 2, MAX_DEPTH + 2), st.sampled_from([1, "x", [], {}, None]))
def test_depth_limit_is_the_same(depth: int, leaf: Any) -> None:
    """At and around MAX_DEPTH, both checks draw the line at the same nesting."""
    value = _nested(depth, leaf)
    assert is_plain_json(value) == (not list(json_problems(value)))
