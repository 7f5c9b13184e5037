"""Keeping an error's message and title out of what is written: logs, tracebacks, spans, error events.

Kombo's messages may hold personal data (a candidate's name and e-mail in ``ATS.APPLICATION_ALREADY_EXISTS``);
``str(exc)``, which every traceback shows, is the JSON of the body, message included.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from ._chain import errors_in
from ._models import KomboAPIError

__all__ = ["WITHHELD", "WITHHOLDABLE", "withhold_payload", "withhold_text", "withheld_copy"]

WITHHELD: Final = "[withheld]"
"""What stands for a message or title kept out of a record, a traceback or an event."""

WITHHOLDABLE: Final = ("title", "message")
"""The keys of ``error`` that may be withheld, in the order the API writes them."""


def withhold_payload(payload: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A copy of the unstructured *payload* with its message and string title replaced, and their paths."""
    error = dict(payload["error"])
    paths = []
    for key in WITHHOLDABLE:
        if isinstance(error.get(key), str):
            error[key] = WITHHELD
            paths.append(f"$.error.{key}")
    return {**payload, "error": error}, paths


def withheld_copy(exc: KomboAPIError) -> KomboAPIError:
    """*exc* with `WITHHELD` as its message and (where it is a string) its title, its response kept."""
    error = exc.error
    title = WITHHELD if isinstance(error.title, str) else error.title
    return attrs.evolve(exc, error=attrs.evolve(error, message=WITHHELD, title=title))


def withhold_text(text: str, exc_info: object) -> str:
    """*text* (a rendered traceback) with ``str(e)`` of every error of this package in *exc_info* withheld."""
    for exc in errors_in(exc_info):
        text = text.replace(str(exc), str(withheld_copy(exc)))
    return text
