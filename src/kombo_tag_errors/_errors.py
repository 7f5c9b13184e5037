"""The exceptions of this package.

::

    Exception
    ├── KomboAPIError                                  an error body the API sent
    │   ├── PostAtsCandidatesCandidateIDTagsResponseBody   ... with HTTP 401
    │   └── APIStatusError                                 ... with any other 4xx/5xx
    └── ValueError
        └── PayloadError                               input that is not such a body
            └── (kombo_tag_errors.httpx) UnexpectedResponse    an HTTP response that is not

`PayloadError` is the one exception for bad input: it lists every `Problem` with its JSON
path and keeps the input as it was given.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from ._text import escape

__all__ = ["PayloadError", "Problem"]


@attrs.frozen
class Problem:
    """One thing wrong with a payload: where (`path`, a JSONPath such as ``$.error.message``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        # A path spells the payload's own object keys, so it is escaped as the message is.
        return f"{escape(self.path)}: {escape(self.message)}"


class PayloadError(ValueError):
    """The input is not a valid error body.

    `errors` lists every problem found, each with its JSON path; `payload` is the input as it
    was given (a `memoryview` is kept as `bytes`), so nothing the server sent is lost.
    ``str()`` shows one problem a line.
    """

    errors: tuple[Problem, ...]
    payload: Any

    def __init__(self, errors: Iterable[Problem], payload: Any) -> None:
        self.errors = tuple(errors)
        if isinstance(payload, memoryview) and not _released(payload):
            payload = payload.tobytes()
        self.payload = payload
        super().__init__(self.errors)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.errors)

    def __repr__(self) -> str:
        n = len(self.errors)
        first = f", first {str(self.errors[0])!r}" if n else ""
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
