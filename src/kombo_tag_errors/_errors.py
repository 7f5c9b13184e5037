"""The exceptions of this package.

::

    Exception
    └── KomboError                                     any error of this package
        ├── KomboAPIError                              an error body the API sent
        │   ├── PostAtsCandidatesCandidateIDTagsResponseBody   ... with HTTP 401
        │   └── APIStatusError                             ... with any other 4xx/5xx
        └── PayloadError (also a ValueError)           input that is not such a body
            └── (kombo_tag_errors.httpx) UnexpectedResponse    an HTTP response that is not

``except KomboError`` catches what an HTTP call through `kombo_tag_errors.httpx` raises for a 4xx/5xx:
an error body, or `UnexpectedResponse` (an HTML 502, an empty 429).

`PayloadError` is the one exception for bad input: it lists each `Problem` with its JSON path and
its `ProblemKind`, at most `MAX_PROBLEMS` of them, and keeps the input as it was given.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any, Final

import attrs

from ._text import escape

__all__ = [
    "MAX_PROBLEMS",
    "ROOT",
    "KomboError",
    "PayloadError",
    "Problem",
    "ProblemKind",
    "Problems",
    "format_key",
]

MAX_PROBLEMS: Final = 100
"""The most problems a `PayloadError` lists; `PayloadError.total` counts them all."""

ROOT: Final = "$"
"""The JSONPath of the whole payload."""


class ProblemKind(str, enum.Enum):
    """What kind of thing is wrong, for programs to branch on (the message is for people)."""

    MISSING = "missing"
    """A required key is absent."""
    WRONG_TYPE = "wrong_type"
    """A value of the wrong JSON type: a number where a string belongs."""
    WRONG_VALUE = "wrong_value"
    """A value of the right type that is not allowed: ``"status": "ok"``, an HTTP status of 1000."""
    NOT_JSON = "not_json"
    """Not JSON at all: invalid JSON text or UTF-8, ``NaN``, a Python object that JSON cannot hold."""
    TOO_DEEP = "too_deep"
    """Nested deeper than this package reads."""
    TOO_LARGE = "too_large"
    """Larger than the size limit."""

    def __str__(self) -> str:
        return self.value


@attrs.frozen(slots=False)
class Problem:
    """One thing wrong with a payload: where (`path`, a JSONPath such as ``$.error.message``) and what."""

    path: str
    message: str
    kind: ProblemKind = ProblemKind.WRONG_VALUE

    def __str__(self) -> str:
        # A path spells the payload's own object keys, so it is escaped as the message is.
        return f"{escape(self.path)}: {escape(self.message)}"


def format_key(key: str | int) -> str:
    """One JSONPath step: ``[0]`` for an index, ``.name`` or ``["odd key"]`` for an object key."""
    if type(key) is int:
        return f"[{key}]"
    if key.isidentifier() and key.isascii():  # type: ignore[union-attr]
        return f".{key}"
    text = str(key).replace("\\", "\\\\").replace('"', '\\"')
    return f'["{text}"]'


_new: Final = object.__new__


def _path(link: Any) -> str:
    steps: list[str] = []
    while type(link) is tuple:
        link, key = link
        steps.append(format_key(key))
    steps.append(link)
    return "".join(reversed(steps))


class Problems:
    """The problems of one payload as they are found: the first `MAX_PROBLEMS` kept, all counted.

    A path is given as a *link*: the root's JSONPath (a `str`), or ``(parent_link, key)``; it is
    spelled out only for a problem that is kept, so finding a problem deep down costs no more than
    finding it at the top.
    """

    __slots__ = ("found", "total", "unknown")

    def __init__(self, *, unknown: bool = False) -> None:
        self.found: list[Problem] = []
        self.total = 0
        self.unknown: list[tuple[str, str]] | None = [] if unknown else None
        """With *unknown*, the generated finders add each unknown key as ``(JSONPath of its object, key)``."""

    def add(self, link: Any, message: str, kind: ProblemKind) -> None:
        """Record a problem at *link*."""
        self.total += 1
        if self.total <= MAX_PROBLEMS:
            # Built as __init__ would, without its calls: the values are this package's own.
            problem = _new(Problem)
            d = problem.__dict__
            d["path"] = link if type(link) is str else _path(link)
            d["message"] = message
            d["kind"] = kind
            self.found.append(problem)

    def __bool__(self) -> bool:
        return self.total > 0

    def error(self, payload: Any) -> PayloadError:
        """The `PayloadError` of *payload* listing these problems."""
        return PayloadError(self.found, payload, total=self.total)


class KomboError(Exception):
    """The base class of every exception of this package; it holds no state of its own."""


class PayloadError(ValueError, KomboError):
    """The input is not a valid error body.

    `errors` lists the problems found, each with its JSON path, at most `MAX_PROBLEMS`; `total` counts
    them all. `payload` is the input as it was given (a `memoryview` is kept as `bytes`), so nothing the
    server sent is lost. ``str()`` shows one problem a line.
    """

    errors: tuple[Problem, ...]
    payload: Any
    total: int

    def __init__(self, errors: Iterable[Problem], payload: Any, *, total: int | None = None) -> None:
        self.errors = tuple(errors)
        if isinstance(payload, memoryview) and not _released(payload):
            payload = payload.tobytes()
        self.payload = payload
        self.total = len(self.errors) if total is None else total
        super().__init__(self.errors)

    def __str__(self) -> str:
        lines = [str(p) for p in self.errors]
        if self.total > len(self.errors):
            lines.append(f"... and {self.total - len(self.errors)} more problems")
        return "\n".join(lines)

    def __repr__(self) -> str:
        n = self.total
        first = f", first {str(self.errors[0])!r}" if self.errors else ""
        return f"<{type(self).__name__}: {n} problem{'' if n == 1 else 's'}{first}>"

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses may take other arguments: rebuild from the instance dict, not from __init__.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[PayloadError], args: tuple[Any, ...], state: dict[str, Any]) -> PayloadError:
    exc = cls.__new__(cls, *args)
    exc.__dict__.update(state)
    return exc


def _released(view: memoryview) -> bool:
    """Whether *view* is released: its bytes are gone, and the view is all there is to keep."""
    try:
        view.nbytes  # noqa: B018 - raises ValueError once released
    except ValueError:
        return True
    return False
