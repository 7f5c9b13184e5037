"""Check captured 401 bodies from any source: lines or bytes chunks in, verdicts and a `Summary` out.

``kombo-tag-errors check`` is a thin layer over this module, so a Kafka topic, a data-lake
partition or a Dask bag gets the same verdicts and the same summary as the command prints::

    from kombo_tag_errors.replay import check_lines

    summary = check_lines(lines, source="topic-a", on_invalid=print)
    print(summary.as_text())

The verdict on each payload is `kombo_tag_errors.loads`' own: a valid payload is recognised by the
check generated from the classes' fields (the fast path without the building, so no object is made
for it); anything else goes to the problem finder, whose problems are those
`~kombo_tag_errors.PayloadError` lists.

Summaries merge: ``a + b`` is the summary of the lines of *a* followed by those of *b*; it is
associative and `Summary()` is its identity, so the summaries of the partitions of a day's captures,
merged in order, are the summary of the whole day.
Each table of a summary (unknown codes, problems, unknown keys) lists at most `MAX_LISTED` distinct
entries of at most `MAX_TEXT_LENGTH` characters; past that it only counts, so a summary stays small
whatever the input.
"""

from __future__ import annotations

import linecache
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import reduce
from typing import Any, Final

import attrs

from . import _json
from ._api import DEFAULT_MAX_SIZE, _why_not_json, check_limit, loads
from ._attributes import shape
from ._build import finder, verdict_lines
from ._codes import CODES_BY_VALUE, RETRYABLE_CODES, ErrorCode
from ._errors import ROOT, PayloadError, Problem, ProblemKind, Problems, format_key
from ._models import KomboAPIError, PostAtsCandidatesCandidateIDTagsResponseBody
from ._text import escape
from ._unset import UNSET

__all__ = [
    "DEFAULT_TOP",
    "MAX_LISTED",
    "MAX_TEXT_LENGTH",
    "Invalid",
    "KeySeen",
    "Summary",
    "check_chunks",
    "check_lines",
]

MAX_LISTED: Final = 1000
"""The most distinct entries a table of a `Summary` lists; past it the table only counts."""

MAX_TEXT_LENGTH: Final = 200
"""An unknown code or a path longer than this is counted, not listed."""

DEFAULT_TOP: Final = 10
"""How many problems and unknown keys `Summary.as_text` and `Summary.as_json` show by default."""

_RETRYABLE: Final = frozenset(c.value for c in RETRYABLE_CODES)
_SHAPES: Final = ("2023", "other", "other", "2026")  # by how many of code, title, log_url are present
_TABLES: Final = ("unknown_codes", "problems", "unknown_keys")
_Body: Final = PostAtsCandidatesCandidateIDTagsResponseBody
_find: Final = finder(_Body, decoded=True)
_decode: Final = _json.decode
_DecodeError: Final = _json.DecodeError
_ABSENT: Final = UNSET  # the key of the payloads without a code
_LONG: Final = object()  # the key of those whose unknown code is too long to list
_ERROR: Final = ROOT + format_key("error")
_BLANK: Final = b" \t\r\n"

# Stand-ins the command line gives for what it cannot or need not hold (never equal to a real line).
_OVERSIZE: Final = b"\xff(a payload larger than max_size)"
_UNCLOSED: Final = b"\xff(an array without its closing bracket)"
_MISSING: Final = b"\xff(nothing between two commas)"


@attrs.frozen
class Invalid:
    """The verdict on an invalid payload: where it is (``source``, ``line``) and its ``problems``."""

    source: str
    line: int
    problems: tuple[Problem, ...]


@attrs.frozen
class KeySeen:
    """An unknown key: how many payloads had it (``count``), the first where (``source``, ``line``)."""

    count: int
    source: str
    line: int


def _mapping(value: Mapping[Any, Any]) -> dict[Any, Any]:
    return dict(value)


def _shapes(value: Mapping[str, int]) -> dict[str, int]:
    return {"2023": 0, "2026": 0, "other": 0, **value}


@attrs.frozen(unsafe_hash=False)  # its tables are dicts: unhashable, rather than failing in hash()
class Summary:
    """What a check counted; ``a + b`` (or `merge`) is the summary of *a*'s lines, then *b*'s.

    ``valid`` and ``invalid`` count payloads (blank lines are skipped); ``shapes`` the valid ones by
    shape (``"2023"``, ``"2026"``, ``"other"``); ``codes`` the known codes, ``unknown_codes`` the
    others, by code, with ``code_absent`` and ``code_null`` for those without one; ``problems`` the
    problems of the invalid ones by ``(path, kind)``; ``unknown_keys`` every payload's keys this
    package does not know, by JSONPath, each with a `KeySeen`. ``overflow`` names the tables that
    passed `MAX_LISTED` entries and only count; each ``*_unlisted`` counts what its table does not
    list. `check_lines` and `check_chunks` make summaries; ``Summary()`` is the empty one.
    """

    valid: int = 0
    invalid: int = 0
    shapes: Mapping[str, int] = attrs.field(factory=dict, converter=_shapes)
    codes: Mapping[str, int] = attrs.field(factory=dict, converter=_mapping)
    unknown_codes: Mapping[str, int] = attrs.field(factory=dict, converter=_mapping)
    unknown_codes_unlisted: int = 0
    code_absent: int = 0
    code_null: int = 0
    problems: Mapping[tuple[str, ProblemKind], int] = attrs.field(factory=dict, converter=_mapping)
    problems_unlisted: int = 0
    unknown_keys: Mapping[str, KeySeen] = attrs.field(factory=dict, converter=_mapping)
    unknown_keys_unlisted: int = 0
    overflow: frozenset[str] = frozenset()

    @property
    def total(self) -> int:
        """The payloads checked: ``valid`` plus ``invalid``."""
        return self.valid + self.invalid

    @property
    def retryable(self) -> int:
        """The valid payloads whose code says a retry may succeed."""
        return sum(n for code, n in self.codes.items() if code in _RETRYABLE)

    def merge(self, other: Summary) -> Summary:
        """The summary of this one's lines followed by *other*'s: counts add, the first sighting stays."""
        if not isinstance(other, Summary):
            raise TypeError(f"Summary.merge() takes a Summary, not {type(other).__name__}")
        overflow = set(self.overflow | other.overflow)
        unknown_codes, codes_unlisted = _merge_table(
            self.unknown_codes, other.unknown_codes, _add, "unknown_codes", overflow
        )
        problems, problems_unlisted = _merge_table(self.problems, other.problems, _add, "problems", overflow)
        keys, keys_unlisted = _merge_table(
            self.unknown_keys, other.unknown_keys, _add_seen, "unknown_keys", overflow
        )
        return Summary(
            valid=self.valid + other.valid,
            invalid=self.invalid + other.invalid,
            shapes=_added(self.shapes, other.shapes),
            codes=_added(self.codes, other.codes),
            unknown_codes=unknown_codes,
            unknown_codes_unlisted=self.unknown_codes_unlisted
            + other.unknown_codes_unlisted
            + codes_unlisted,
            code_absent=self.code_absent + other.code_absent,
            code_null=self.code_null + other.code_null,
            problems=problems,
            problems_unlisted=self.problems_unlisted + other.problems_unlisted + problems_unlisted,
            unknown_keys=keys,
            unknown_keys_unlisted=self.unknown_keys_unlisted + other.unknown_keys_unlisted + keys_unlisted,
            overflow=frozenset(overflow),
        )

    def __add__(self, other: Summary) -> Summary:
        if not isinstance(other, Summary):
            return NotImplemented
        return self.merge(other)

    @classmethod
    def merge_all(cls, summaries: Iterable[Summary]) -> Summary:
        """The summaries of consecutive parts of the input, in order, merged into one."""
        return reduce(Summary.merge, summaries, cls())

    def shifted(self, lines: int) -> Summary:
        """The same summary with every line number *lines* later: for a part numbered from its start."""
        if type(lines) is not int:
            raise TypeError(f"Summary.shifted() takes an int, not {type(lines).__name__}")
        keys = {path: attrs.evolve(seen, line=seen.line + lines) for path, seen in self.unknown_keys.items()}
        return attrs.evolve(self, unknown_keys=keys)

    def as_json(self, top: int = DEFAULT_TOP) -> dict[str, Any]:
        """The summary as a JSON object, with the *top* most frequent problems and unknown keys.

        Its schema is stable; the how-to of the command line documents it.
        """
        _check_top(top)
        problems = _ordered(self.problems, _problem_order)
        keys = _ordered(self.unknown_keys, _key_order)
        return {
            "total": self.total,
            "valid": self.valid,
            "invalid": self.invalid,
            "shapes": dict(self.shapes),
            "codes": dict(_ordered(self.codes, _count_order)),
            "unknown_codes": dict(_ordered(self.unknown_codes, _count_order)),
            "unknown_codes_unlisted": self.unknown_codes_unlisted,
            "code_absent": self.code_absent,
            "code_null": self.code_null,
            "retryable": self.retryable,
            "problems": [
                {"path": path, "kind": kind.value, "count": n} for (path, kind), n in problems[:top]
            ],
            "problems_not_shown": self.problems_unlisted + sum(n for _, n in problems[top:]),
            "unknown_keys": [
                {"path": path, "count": s.count, "first_seen": {"source": s.source, "line": s.line}}
                for path, s in keys[:top]
            ],
            "unknown_keys_not_shown": self.unknown_keys_unlisted + sum(s.count for _, s in keys[top:]),
        }

    def as_text(self, top: int = DEFAULT_TOP) -> str:
        """The summary for people; every code, path and source from a payload escaped."""
        _check_top(top)
        s = self.shapes
        codes = [f"{code} {n}" for code, n in _ordered(self.codes, _count_order)]
        codes += [
            f"{_quote(code)} {n} (unknown code)" for code, n in _ordered(self.unknown_codes, _count_order)
        ]
        if self.unknown_codes_unlisted:
            codes.append(f"({self.unknown_codes_unlisted} with unknown codes not listed)")
        codes += [
            f"{label} {n}" for label, n in (("(absent)", self.code_absent), ("(null)", self.code_null)) if n
        ]
        problems = _ordered(self.problems, _problem_order)
        shown = [f"{escape(path)} {kind.value} {n}" for (path, kind), n in problems[:top]]
        hidden = self.problems_unlisted + sum(n for _, n in problems[top:])
        if hidden:
            shown.append(f"({hidden} more not shown)")
        keys = _ordered(self.unknown_keys, _key_order)
        unknown = [f"{escape(path)} {k.count} (first {escape(k.source)}:{k.line})" for path, k in keys[:top]]
        hidden = self.unknown_keys_unlisted + sum(k.count for _, k in keys[top:])
        if hidden:
            unknown.append(f"({hidden} more not shown)")
        lines = [
            f"total:     {self.total}",
            f"valid:     {self.valid}",
            f"invalid:   {self.invalid}",
            f"shape:     2023 {s['2023']}, 2026 {s['2026']}, other {s['other']}",
            *_block("code:      ", codes),
            f"retryable: {self.retryable}",
            *_block("problems:  ", shown),
            *_block("unknown:   ", unknown),
        ]
        return "\n".join(lines)


def _block(label: str, items: list[str]) -> list[str]:
    if not items:
        return [f"{label}(none)"]
    return [label + items[0], *(" " * len(label) + item for item in items[1:])]


def _quote(code: str) -> str:
    """A code between double quotes, so that an empty one or one with spaces shows; escaped."""
    return escape('"' + code.replace("\\", "\\\\").replace('"', '\\"') + '"')


def _check_top(top: object) -> None:
    if type(top) is not int:
        raise TypeError(f"top must be an int, not {type(top).__name__}")
    if top < 0:
        raise ValueError(f"top must be >= 0, not {top}")


def _add(a: int, b: int) -> int:
    return a + b


def _add_seen(a: KeySeen, b: KeySeen) -> KeySeen:
    return KeySeen(a.count + b.count, a.source, a.line)


def _weight(value: Any) -> int:
    return value.count if isinstance(value, KeySeen) else int(value)


def _merge_table(
    a: Mapping[Any, Any], b: Mapping[Any, Any], add: Callable[[Any, Any], Any], name: str, overflow: set[str]
) -> tuple[dict[Any, Any], int]:
    """The two tables merged, and what moved to the unlisted count (the table passed `MAX_LISTED`)."""
    if name in overflow:
        return {}, sum(map(_weight, a.values())) + sum(map(_weight, b.values()))
    merged = dict(a)
    for key, value in b.items():
        mine = merged.get(key)
        merged[key] = value if mine is None else add(mine, value)
    if len(merged) > MAX_LISTED:
        overflow.add(name)
        return {}, sum(map(_weight, merged.values()))
    return merged, 0


def _added(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    out = dict(a)
    for key, n in b.items():
        out[key] = out.get(key, 0) + n
    return out


def _count_order(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _problem_order(item: tuple[tuple[str, ProblemKind], int]) -> tuple[int, str, str]:
    (path, kind), n = item
    return -n, path, kind.value


def _key_order(item: tuple[str, KeySeen]) -> tuple[int, str]:
    return -item[1].count, item[0]


def _ordered(table: Mapping[Any, Any], key: Callable[[Any], Any]) -> list[Any]:
    """Most frequent first, then by name: the same order however the counts were merged."""
    return sorted(table.items(), key=key)


# -- counting ------------------------------------------------------------------------------------

_OnInvalid = Callable[[int, Sequence[Problem]], bool]
"""Called with the line number and the problems of each invalid payload; False stops the check."""

_FLUSH: Final = 4 * MAX_LISTED


class _Counter:
    """Counts payloads of one source into a `Summary`; what `check_lines` and the command line run.

    The counts of the current stretch are kept raw (a code, a path, as met) and folded into `done`
    every `_FLUSH` new entries, so memory stays bounded whatever the input.
    """

    def __init__(self, source: str, max_size: int) -> None:
        self.source = source
        self.max_size = max_size
        self.done = Summary()
        self.valid = 0
        self.invalid = 0
        # code (UNSET when absent, _LONG past MAX_TEXT_LENGTH): payloads by shape, by how many of
        # code, title and log_url they have (0 is the 2023 shape, 3 the 2026 one)
        self.codes: dict[Any, list[int]] = {}
        self.problems: dict[tuple[str, ProblemKind], int] = {}
        self.keys: dict[str, list[int]] = {}  # path: [count, first line]
        self.sets: dict[
            tuple[tuple[str, str], ...], list[int]
        ] = {}  # the unknown keys of a payload, as above
        self.unlisted = [0, 0, 0]  # too long to list: codes, problem paths, key paths
        self.paths: dict[tuple[str, str], str] = {}  # (path of an object, key): path of the key

    def _reset(self) -> None:
        # Emptied in place: the loop of `lines` holds some of them.
        self.valid = 0
        self.invalid = 0
        self.codes.clear()
        self.problems.clear()
        self.keys.clear()
        self.sets.clear()
        self.unlisted[:] = [0, 0, 0]

    def summary(self) -> Summary:
        """Everything counted so far."""
        self._flush()
        return self.done

    def _flush(self) -> None:
        for links, (count, line, _) in self.sets.items():
            self._unknown(links, line, count)
        self.sets.clear()
        codes: dict[str, int] = {}
        unknown: dict[str, int] = {}
        absent = null = 0
        by_shape = [0, 0, 0, 0]
        for code, counts in self.codes.items():
            n = sum(counts)
            for index, count in enumerate(counts):
                by_shape[index] += count
            if code is _ABSENT:
                absent += n
            elif code is None:
                null += n
            elif code is _LONG:
                self.unlisted[0] += n
            elif code in CODES_BY_VALUE:
                codes[code] = n
            else:
                unknown[code] = n
        shapes = {"2023": by_shape[0], "2026": by_shape[3], "other": by_shape[1] + by_shape[2]}
        part = Summary(
            valid=self.valid,
            invalid=self.invalid,
            shapes=shapes,
            codes=codes,
            unknown_codes=unknown,
            unknown_codes_unlisted=self.unlisted[0],
            code_absent=absent,
            code_null=null,
            problems=self.problems,
            problems_unlisted=self.unlisted[1],
            unknown_keys={path: KeySeen(c, self.source, line) for path, (c, line) in self.keys.items()},
            unknown_keys_unlisted=self.unlisted[2],
        )
        # A raw table may hold more than MAX_LISTED entries: merging applies the rule to it.
        self.done = self.done + part
        self._reset()

    def lines(
        self, lines: Iterable[Any], first: int, on_invalid: _OnInvalid | None, trusted: bool = False
    ) -> int:
        """Judge *lines*, numbered from *first*; the index of the line *on_invalid* stopped at, or -1.

        *trusted* lines are `bytes` of at most ``max_size`` (or a stand-in), as the readers make them.
        """
        if not trusted:
            lines = (_prepare(data, first + i, self.max_size) for i, data in enumerate(lines))
        return _judge(self, lines, first, on_invalid)

    def _new_code(self, code: Any) -> list[int]:
        """The counts of a code not met since the last flush (of `_LONG`, for a code too long to list)."""
        if type(code) is str and len(code) > MAX_TEXT_LENGTH and code not in CODES_BY_VALUE:
            code = _LONG
        elif len(self.codes) >= _FLUSH:
            self._flush()
        counts = self.codes.get(code)
        if counts is None:
            counts = self.codes[code] = [0, 0, 0, 0]
        return counts

    def _new_set(self, links: tuple[tuple[str, str], ...], line: int) -> list[int]:
        """Count a new set of unknown keys: [payloads, first line, how many of them are in ``error``]."""
        seen = self.sets[links] = [1, line, sum(path == _ERROR for path, _ in links)]
        if len(self.sets) > _FLUSH:
            self._flush()
        return seen

    def _unknown(self, links: Iterable[tuple[str, str]], line: int, count: int = 1) -> None:
        """Count *count* payloads with the unknown keys *links*, the first of them on *line*."""
        paths, table = self.paths, self.keys
        for link in links:
            path = paths.get(link)
            if path is None:
                path = link[0] + format_key(link[1])
                if len(paths) < _FLUSH:
                    paths[link] = path
            seen = table.get(path)
            if seen is not None:
                seen[0] += count
                seen[1] = min(seen[1], line)
            elif len(path) > MAX_TEXT_LENGTH:
                self.unlisted[2] += count
            else:
                table[path] = [count, line]

    def _other(self, data: Any, line: int, obj: Any, on_invalid: _OnInvalid | None) -> bool:
        """Judge what the quick check declined: a stand-in, a blank line, invalid JSON, a problem.

        *obj* is the decoded payload, or orjson's error when *data* is not JSON.
        """
        unknown: list[tuple[str, str]] | None = None
        if data is _OVERSIZE:
            problems: Sequence[Problem] = (
                Problem(ROOT, f"larger than max_size={self.max_size} bytes", ProblemKind.TOO_LARGE),
            )
        elif data is _UNCLOSED:
            problems = (Problem(ROOT, "invalid JSON: the array is not closed", ProblemKind.NOT_JSON),)
        elif data is _MISSING:
            problems = (Problem(ROOT, "invalid JSON: a value is missing in the array", ProblemKind.NOT_JSON),)
        elif isinstance(obj, _DecodeError) and type(data) is bytes:
            if not data.strip(_BLANK):
                return True
            problems = (Problem(ROOT, _why_not_json(data, obj), ProblemKind.NOT_JSON),)  # loads' words
        else:
            problems = ()
            if not isinstance(obj, _DecodeError):  # the problems loads raises, found as it finds them
                sink = Problems(unknown=True)
                _find(obj, ROOT, sink)
                unknown = sink.unknown
                problems = sink.found
            if not problems:  # not JSON (loads says why), or valid beyond the quick check
                try:
                    body = loads(data, max_size=self.max_size)
                except PayloadError as e:
                    problems = e.errors
                else:
                    self._body(body, line, unknown)
                    return True
        self.invalid += 1
        table = self.problems
        for p in problems:
            key = (p.path, p.kind)
            n = table.get(key)
            if n is not None:
                table[key] = n + 1
            elif len(p.path) > MAX_TEXT_LENGTH:
                self.unlisted[1] += 1
            else:
                table[key] = 1
        if unknown:
            self._unknown(unknown, line)
        if len(table) > _FLUSH or len(self.keys) > _FLUSH:
            self._flush()
        return True if on_invalid is None else bool(on_invalid(line, problems))

    def _body(self, body: KomboAPIError, line: int, unknown: list[tuple[str, str]] | None) -> None:
        """Count a valid body the quick check declined (an integer beyond 64 bits)."""
        self.valid += 1
        code = body.error.code
        key: Any = _ABSENT if code is UNSET else code.value if isinstance(code, ErrorCode) else code
        counts = self.codes.get(key)
        if counts is None:
            counts = self._new_code(key)
        counts[{"2023": 0, "other": 1, "2026": 3}[shape(body)]] += 1
        if unknown:
            self._unknown(unknown, line)
            if len(self.keys) > _FLUSH:
                self._flush()


# The loop of `_Counter.lines`, with the verdict's own lines (`verdict_lines`) inlined: one Python
# call less a line. A line the verdict declines goes to `_Counter._other`, as every non-JSON one.
_LOOP: Final = """\
def judge(counter, lines, first, on_invalid):
    decode, other, codes, sets = _decode, counter._other, counter.codes, counter.sets
    others = 0  # the lines judged by other(): the rest are valid
    i = -1
    try:
        for i, data in enumerate(lines):
            try:
                o = decode(data)
            except _DecodeError as error:
                others += 1
                if not other(data, first + i, error, on_invalid):
                    return i
                continue
{verdict}
            e = {error}
            c = {code}  # UNSET where the key is absent
            counts = codes.get(c)  # by shape
            if counts is None:
                counts = counter._new_code(c)
            if u:  # its unknown keys, counted as a set of them: one look-up a line
                seen = sets.get(u)
                if seen is None:
                    seen = counter._new_set(u, first + i)
                else:
                    seen[0] += 1
                counts[len(e) - 1 - seen[2]] += 1
            else:  # only known keys: message, and those of code, title and log_url it has
                counts[len(e) - 1] += 1
    finally:
        counter.valid += i + 1 - others
    return -1
"""
_DOUBT: Final = ("others += 1", "if not other(data, first + i, o, on_invalid):", "    return i", "continue")


def _compile_loop() -> Callable[[_Counter, Iterable[Any], int, _OnInvalid | None], int]:
    names: dict[str, Any] = {"_decode": _decode, "_DecodeError": _DecodeError, "_ABSENT": _ABSENT}
    lines, values = verdict_lines(_Body, _DOUBT, 3, names)
    source = _LOOP.format(verdict="\n".join(lines), error=values[_ERROR], code=values[_ERROR + ".code"])
    filename = "<kombo_tag_errors replay loop>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace: dict[str, Any] = {}
    exec(compile(source, filename, "exec"), names, namespace)
    return namespace["judge"]  # type: ignore[no-any-return]


_judge: Final = _compile_loop()


def _prepare(data: Any, line: int, max_size: int) -> bytes:
    """Line *line* as bytes, or the stand-in of a line longer than *max_size*."""
    raw = data if type(data) is bytes else _as_bytes(data, line)
    return _OVERSIZE if len(raw) > max_size else raw  # a str left as it is: no shorter encoded


def _as_bytes(data: Any, line: int) -> Any:
    if isinstance(data, str):
        try:
            return data.encode("utf-8")
        except UnicodeEncodeError:
            return data  # not UTF-8 encodable: orjson refuses it, and loads says why
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"line {line} is {type(data).__name__}, not bytes or str")


def _iterable(name: str, what: str, items: object) -> Iterator[Any]:
    """``iter(items)``, refusing one payload given whole (a `str` or bytes would be read char by char)."""
    if isinstance(items, (str, bytes, bytearray, memoryview)):
        message = f"{name} takes an iterable of {what}, not one {type(items).__name__}: wrap it in a list"
        raise TypeError(message)
    try:
        return iter(items)  # type: ignore[call-overload, no-any-return]
    except TypeError:
        raise TypeError(f"{name} takes an iterable of {what}, not {type(items).__name__}") from None


def _arguments(source: object, first: object, max_size: object, on_invalid: object) -> None:
    if not isinstance(source, str):
        raise TypeError(f"source must be a str, not {type(source).__name__}")
    if type(first) is not int:
        raise TypeError(f"first must be an int, not {type(first).__name__}")
    check_limit("max_size", max_size)
    if on_invalid is not None and not callable(on_invalid):
        raise TypeError(f"on_invalid must be callable or None, not {type(on_invalid).__name__}")


def _callback(source: str, on_invalid: Callable[[Invalid], object] | None) -> _OnInvalid | None:
    if on_invalid is None:
        return None

    def call(line: int, problems: Sequence[Problem]) -> bool:
        return on_invalid(Invalid(source, line, tuple(problems))) is not False

    return call


def check_lines(
    lines: Iterable[bytes | bytearray | memoryview | str],
    *,
    source: str = "<lines>",
    first: int = 1,
    max_size: int = DEFAULT_MAX_SIZE,
    on_invalid: Callable[[Invalid], object] | None = None,
) -> Summary:
    """Check each of *lines*, one payload a line, and return their `Summary`.

    Lines are numbered from *first* (give a partition's place in the whole, so that the first
    sightings of its summary are those of the whole); *source* names them in the summary and in each
    `Invalid`. A trailing newline is allowed, blank lines are skipped, and a line longer than
    *max_size* bytes is invalid unread. *on_invalid* is called with the `Invalid` verdict of each
    invalid payload, in order; when it returns ``False`` the check stops there.
    A line that is not `bytes`, `bytearray`, `memoryview` or `str` raises `TypeError`.
    """
    _arguments(source, first, max_size, on_invalid)
    items = _iterable("check_lines", "lines", lines)
    counter = _Counter(source, max_size)
    counter.lines(items, first, _callback(source, on_invalid))
    return counter.summary()


def check_chunks(
    chunks: Iterable[bytes | bytearray | memoryview],
    *,
    source: str = "<chunks>",
    first: int = 1,
    max_size: int = DEFAULT_MAX_SIZE,
    on_invalid: Callable[[Invalid], object] | None = None,
) -> Summary:
    """Check JSON Lines given as bytes *chunks* cut anywhere (a file read in blocks, a stream).

    The same as `check_lines` over the lines of the chunks joined; a line is never held longer than
    *max_size* bytes (the rest of a longer one is skipped, and it is invalid), so memory stays bounded.
    """
    _arguments(source, first, max_size, on_invalid)
    items = _iterable("check_chunks", "bytes chunks", chunks)
    counter = _Counter(source, max_size)
    callback = _callback(source, on_invalid)
    for number, batch in _batches(items, max_size, first):
        if counter.lines(batch, number, callback, trusted=True) >= 0:
            break
    return counter.summary()


def _batches(chunks: Iterator[Any], max_size: int, first: int) -> Iterator[tuple[int, list[bytes]]]:
    """The lines of *chunks* in lists numbered from *first*; one longer than *max_size* as `_OVERSIZE`."""
    carry = b""
    skipping = False
    line = first
    for chunk in chunks:
        if not isinstance(chunk, (bytes, bytearray, memoryview)):
            raise TypeError(f"a chunk is {type(chunk).__name__}, not bytes")
        data = bytes(chunk)
        if skipping:
            nl = data.find(b"\n")
            if nl < 0:
                continue
            yield line, [_OVERSIZE]
            line += 1
            data = data[nl + 1 :]
            skipping = False
        lines = data.split(b"\n")  # the carry joins the first line only: the chunk is not copied
        if carry:
            lines[0] = carry + lines[0]
        size = len(carry) + len(data)
        carry = lines.pop()
        if lines:
            if size > max_size and max(map(len, lines)) > max_size:
                lines = [_OVERSIZE if len(x) > max_size else x for x in lines]
            yield line, lines
            line += len(lines)
        if len(carry) > max_size:
            skipping, carry = True, b""
    if skipping:
        yield line, [_OVERSIZE]
    elif carry:
        yield line, [carry]
