"""kombo_tag_errors.replay: loads' verdict on every line, a summary that merges as the input is cut."""

from __future__ import annotations

import collections
import itertools
import json
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kombo_tag_errors import ErrorCode, PayloadError, Problem, ProblemKind, loads, replay
from kombo_tag_errors._attributes import shape
from kombo_tag_errors._errors import format_key
from kombo_tag_errors._unset import UNSET
from kombo_tag_errors.replay import Invalid, KeySeen, Summary, check_chunks, check_lines
from kombo_tag_errors.strategies import invalid_payloads, json_values, payloads

MAX_SIZE = 1 << 20
ROOT_KEYS = {"status", "error"}
ERROR_KEYS = {"code", "title", "message", "log_url"}


def _encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


CODES = st.sampled_from(["", "A", "B", "C", "NEW.CODE.TOO.LONG", *(c.value for c in ErrorCode)])
drifted = st.tuples(payloads(), st.sampled_from(["request_id", "x", "a long key name", ""]), CODES).map(
    lambda t: {**t[0], t[1]: 1, "error": {**t[0]["error"], "code": t[2]}}
)
line = st.one_of(
    payloads("2026", unknown_keys=False).map(_encode),  # the quick check
    payloads("2023", unknown_keys=False).map(_encode),
    payloads().map(_encode),
    drifted.map(_encode),
    invalid_payloads().map(lambda pair: _encode(pair[0])),
    json_values().map(_encode),
    st.sampled_from([b"", b"  ", b"\t\r", b"{", b"\xef\xbb\xbf{}", b"\x1b", b'{"status":"error"}\r']),
    st.sampled_from([b'{"status":"error","error":{"message":"m","code":1e30},"k":[1,{"j":2}]}']),
    st.sampled_from([b'{"status":"error","error":{"message":"m"},"n":123456789012345678901234567890}']),
    st.binary(max_size=30).filter(lambda b: b"\n" not in b),
)
lines = st.lists(line, max_size=14)


def _unknown_keys(data: bytes, body: Any) -> list[str]:
    """The paths of the keys the package does not know, read by hand from the payload."""
    if body is not None:
        return [f"${format_key(k)}" for k in body.extra] + [
            f"$.error{format_key(k)}" for k in body.error.extra
        ]
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError:
        return []
    if type(obj) is not dict:
        return []
    out = [f"${format_key(k)}" for k in obj if k not in ROOT_KEYS]
    error = obj.get("error")
    if type(error) is dict:
        out += [f"$.error{format_key(k)}" for k in error if k not in ERROR_KEYS]
    return out


def _one(data: bytes, source: str, number: int) -> tuple[Summary, Invalid | None]:
    """The summary of one payload, from the body loads builds (or its PayloadError)."""
    limit = replay.MAX_TEXT_LENGTH  # a longer path or code is counted, not listed
    errors: tuple[Problem, ...] = ()
    try:
        body = loads(data, max_size=MAX_SIZE)
    except PayloadError as e:
        body, errors = None, e.errors
    paths = _unknown_keys(data, body)
    keys = {path: KeySeen(1, source, number) for path in paths if len(path) <= limit}
    fields: dict[str, Any] = {
        "unknown_keys": keys,
        "unknown_keys_unlisted": sum(len(p) > limit for p in paths),
    }
    if body is None:
        problems = collections.Counter((p.path, p.kind) for p in errors if len(p.path) <= limit)
        unlisted = sum(len(p.path) > limit for p in errors)
        summary = Summary(invalid=1, problems=problems, problems_unlisted=unlisted, **fields)
        return summary, Invalid(source, number, errors)
    code = body.error.code
    fields |= {"valid": 1, "shapes": {shape(body): 1}}
    if code is UNSET:
        fields["code_absent"] = 1
    elif code is None:
        fields["code_null"] = 1
    elif isinstance(code, ErrorCode):
        fields["codes"] = {code.value: 1}
    elif len(code) > limit:
        fields["unknown_codes_unlisted"] = 1
    else:
        fields["unknown_codes"] = {code: 1}
    return Summary(**fields), None


def _expected(
    data: Sequence[bytes], source: str = "<lines>", first: int = 1
) -> tuple[list[Invalid], Summary]:
    """What loads says of each line, folded one payload at a time."""
    invalid = []
    total = Summary()
    for number, data_line in enumerate(data, first):
        if not data_line.strip(b" \t\r\n"):
            continue
        part, verdict = _one(data_line, source, number)
        total = total + part
        if verdict is not None:
            invalid.append(verdict)
    return invalid, total


@pytest.fixture
def small_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Listing limits small enough for a few lines to pass them."""
    monkeypatch.setattr(replay, "MAX_LISTED", 3)
    monkeypatch.setattr(replay, "MAX_TEXT_LENGTH", 9)
    monkeypatch.setattr(replay, "_FLUSH", 4)


@given(lines)
def test_same_verdicts_and_summary_as_loads(data: list[bytes]) -> None:
    """Each line is judged as loads judges it, with its problems, and counted as its body says."""
    seen: list[Invalid] = []
    got = check_lines(data, on_invalid=seen.append)
    invalid, expected = _expected(data)
    assert seen == invalid
    assert got == expected
    assert got.as_text() == expected.as_text()


@given(lines, st.lists(st.integers(min_value=0, max_value=14), max_size=4))
def test_merged_partitions_equal_the_whole(data: list[bytes], cuts: list[int]) -> None:
    """The summaries of consecutive parts, numbered in the whole, merge into the summary of the whole."""
    with pytest.MonkeyPatch.context() as mp:  # hypothesis runs the body many times: no function fixture
        mp.setattr(replay, "MAX_LISTED", 3)
        mp.setattr(replay, "MAX_TEXT_LENGTH", 9)
        mp.setattr(replay, "_FLUSH", 4)
        whole = check_lines(data)
        points = sorted({0, len(data), *(min(c, len(data)) for c in cuts)})
        parts = [check_lines(data[a:b], first=a + 1) for a, b in itertools.pairwise(points)]
        shifted = [check_lines(data[a:b]).shifted(a) for a, b in itertools.pairwise(points)]
        _, expected = _expected(data)
        assert Summary.merge_all(parts) == whole == Summary.merge_all(shifted) == expected
        assert sum(parts, Summary()) == whole
        assert whole.as_json() == Summary.merge_all(parts).as_json()


summaries = st.lists(line, max_size=5).flatmap(
    lambda d: st.integers(min_value=1, max_value=50).map(lambda first: check_lines(d, first=first))
)


@given(summaries, summaries, summaries)
def test_merge_is_associative_with_an_identity(a: Summary, b: Summary, c: Summary) -> None:
    """(a + b) + c == a + (b + c); Summary() + a == a + Summary() == a."""
    assert (a + b) + c == a + (b + c)
    assert Summary() + a == a + Summary() == a


@given(lines, st.lists(st.integers(min_value=1, max_value=40), max_size=6))
def test_chunks_cut_anywhere_give_the_lines(data: list[bytes], sizes: list[int]) -> None:
    """check_chunks over the bytes cut anywhere equals check_lines over the lines."""
    text = b"\n".join(data)
    chunks = []
    pos = 0
    for size in itertools.cycle(sizes or [len(text) + 1]):
        if pos >= len(text):
            break
        chunks.append(text[pos : pos + size])
        pos += size
    seen: list[Invalid] = []
    assert check_chunks(chunks, source="s", on_invalid=seen.append) == check_lines(
        text.split(b"\n"), source="s"
    )
    assert seen == _expected(text.split(b"\n"), "s")[0]


def test_long_lines_are_invalid_unread() -> None:
    """A line longer than max_size is invalid with loads' own problem, in lines and in chunks alike."""
    big = b'{"status":"error","error":{"message":"' + b"m" * 100 + b'"}}'
    ok = b'{"status":"error","error":{"message":"m"}}'
    problem = (Problem("$", "larger than max_size=50 bytes", ProblemKind.TOO_LARGE),)
    seen: list[Invalid] = []
    summary = check_lines([ok, big, ok], max_size=50, on_invalid=seen.append)
    assert seen == [Invalid("<lines>", 2, problem)]
    assert (summary.valid, summary.invalid) == (2, 1)
    with pytest.raises(PayloadError) as e:
        loads(big, max_size=50)
    assert e.value.errors == problem
    chunks = [ok + b"\n" + big[:30], big[30:60], big[60:] + b"\n", ok]
    assert check_chunks(chunks, max_size=50, source="<lines>") == summary


def test_str_bytearray_and_memoryview_lines() -> None:
    """Lines may be str (a trailing newline allowed), bytearray or memoryview: the verdicts are the same."""
    data = [b'{"status":"error","error":{"message":"m"}}', b'{"status":"ok"}', b"\n"]
    expected = check_lines(data)
    assert check_lines([d.decode() + "\n" for d in data]) == expected
    assert check_lines([bytearray(d) for d in data]) == expected
    assert check_lines([memoryview(d) for d in data]) == expected
    assert check_lines(['{"status":"error","error":{"message":"\ud800"}}']).invalid == 1


def test_on_invalid_false_stops() -> None:
    """on_invalid returning False stops the check after that payload; any other value goes on."""
    data = [b"{", b"[]", b'{"status":"error","error":{"message":"m"}}']
    assert check_lines(data, on_invalid=lambda v: False).total == 1
    assert check_lines(data, on_invalid=lambda v: None).total == 3
    assert check_chunks([b"{\n[]\n"], on_invalid=lambda v: False).total == 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: check_lines([1]), "line 1 is int, not bytes or str"),  # type: ignore[list-item]
        (lambda: check_lines([], source=1), "source must be a str, not int"),  # type: ignore[arg-type]
        (lambda: check_lines([], first="1"), "first must be an int, not str"),  # type: ignore[arg-type]
        (lambda: check_lines([], max_size=1.5), "max_size must be an int"),  # type: ignore[arg-type]
        (lambda: check_lines([], on_invalid=1), "on_invalid must be callable"),  # type: ignore[arg-type]
        (lambda: check_chunks(["a"]), "a chunk is str, not bytes"),  # type: ignore[list-item]
        (lambda: check_lines(b'{"status": "error"}'), "not one bytes: wrap it in a list"),
        (lambda: check_lines('{"status": "error"}'), "not one str: wrap it in a list"),
        (lambda: check_lines(None), "check_lines takes an iterable of lines, not NoneType"),  # type: ignore[arg-type]
        (lambda: check_chunks(b"{}\n"), "not one bytes: wrap it in a list"),
        (lambda: check_chunks(7), "check_chunks takes an iterable of bytes chunks, not int"),  # type: ignore[arg-type]
        (lambda: Summary().merge(1), "takes a Summary, not int"),  # type: ignore[arg-type]
        (lambda: Summary().shifted("1"), "takes an int, not str"),  # type: ignore[arg-type]
        (lambda: Summary().as_text(top="3"), "top must be an int, not str"),  # type: ignore[arg-type]
    ],
)
def test_misuse_raises_type_error(call: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()


def test_adding_anything_else_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        Summary() + 1  # type: ignore[operator]


def test_text_quotes_unknown_codes_and_escapes() -> None:
    """An empty unknown code shows as "", and a code or key from a payload cannot break the lines."""
    data = [
        b'{"status":"error","error":{"message":"m","code":""}}',
        b'{"status":"error","error":{"message":"m","code":"BAD\\nretryable: 9\\u001b[2J"},"k\\u001b":1}',
        b'{"status":"error","error":{"message":3,"x\\ny":1}}',
    ]
    text = check_lines(data, source="a\nb").as_text()
    assert all(t.isprintable() for t in text.split("\n"))
    assert 'code:      "" 1 (unknown code)' in text.split("\n")
    assert '"BAD\\nretryable: 9\\x1b[2J" 1 (unknown code)' in text
    assert "$.error.message wrong_type 1" in text
    assert '$["k\\x1b"] 1 (first a\\nb:2)' in text
    assert '$.error["x\\ny"] 1 (first a\\nb:3)' in text


def test_tables_list_then_only_count(small_tables: None) -> None:
    """Past MAX_LISTED distinct entries a table only counts; long ones are counted, never listed."""
    data = [
        f'{{"status":"error","error":{{"message":"m","code":"C{i}"}},"k{i}":1}}'.encode() for i in range(4)
    ]
    data.append(b'{"status":"error","error":{"message":"m","code":"TOO.LONG.CODE"}}')
    summary = check_lines(data)
    assert (summary.unknown_codes, summary.unknown_codes_unlisted) == ({}, 5)
    assert (summary.unknown_keys, summary.unknown_keys_unlisted) == ({}, 4)
    assert summary.overflow == {"unknown_codes", "unknown_keys"}
    assert "(5 with unknown codes not listed)" in summary.as_text()
    assert summary.as_json()["unknown_keys_not_shown"] == 4


def test_top_limits_what_is_shown() -> None:
    """as_json(top) lists the most frequent first and counts the rest as not shown."""
    data = [b'{"status":"ok"}'] * 3 + [b'{"status":"error","error":{}}', b'{"status":"error"}', b"x"]
    doc = check_lines(data).as_json(top=1)
    assert doc["problems"] == [{"path": "$.error", "kind": "missing", "count": 4}]
    assert doc["problems_not_shown"] == 3 + 1 + 1
    assert check_lines(data).as_json(top=0)["problems"] == []
    with pytest.raises(ValueError, match="top must be >= 0"):
        check_lines(data).as_json(top=-1)


def test_summaries_pickle() -> None:
    """A summary crosses processes (Dask, Spark, --jobs): it pickles to an equal one."""
    summary = check_lines([b"{", b'{"status":"error","error":{"message":"m"},"k":1}'], source="f")
    assert pickle.loads(pickle.dumps(summary)) == summary


def test_the_how_to_shows_the_summary_it_prints() -> None:
    """docs/howto/replay.md shows, as text, the summary its first example prints."""
    from test_docs import python_blocks

    page = (Path(__file__).resolve().parents[1] / "docs" / "howto" / "replay.md").read_text(encoding="utf-8")
    namespace: dict[str, Any] = {"print": lambda *args: None}
    exec(python_blocks(page)[0].code, namespace)
    shown = page.split("```text\n", 1)[1].split("```", 1)[0]
    assert namespace["summary"].as_text() + "\n" == shown


@given(line)
def test_the_verdict_declines_where_the_fast_path_does(data: bytes) -> None:
    """_build.verdict, the fast path without the building, declines exactly where that fast path does."""
    from kombo_tag_errors._build import fast_path, verdict
    from kombo_tag_errors._models import PostAtsCandidatesCandidateIDTagsResponseBody as Body

    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError:
        return
    body = fast_path(Body, decoded=True)(obj)
    keys = verdict(Body)(obj)
    assert (keys is None) == (body is None)
    if body is not None:
        assert sorted(keys) == sorted(
            [("$", k) for k in body.extra] + [("$.error", k) for k in body.error.extra]
        )


def test_a_summary_is_immutable_and_unhashable() -> None:
    """A summary's fields cannot be set; it holds dicts, so it says it is unhashable."""
    import attrs

    summary = check_lines([b"{"])
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        summary.valid = 3  # type: ignore[misc]
    with pytest.raises(TypeError, match="unhashable type: 'Summary'"):
        hash(summary)
