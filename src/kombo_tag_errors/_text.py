"""Escaping of payload text for output meant for people (terminals, plain log lines)."""

from __future__ import annotations

__all__ = ["escape", "safe_repr"]

_SHORT = 60


def escape(text: str) -> str:
    """Return *text* with every non-printable character written as a Python escape.

    Control characters, C1 controls (ESC, CSI), line and paragraph separators and lone
    surrogates cannot reach a terminal or forge a line: ``"a\\x1b[2J\\nb"`` becomes
    ``'a\\\\x1b[2J\\\\nb'``.
    Printable text, accents and emoji included, is left as it is.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def safe_repr(value: object) -> str:
    """A short, escaped `repr` of a payload value for an error message."""
    text = repr(value)
    if len(text) > _SHORT:
        text = text[: _SHORT - 3] + "..."
    return escape(text)
