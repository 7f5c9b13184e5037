"""Many valid JSON texts for one value: whitespace, string escapes, number spellings, key order.

Every choice shrinks towards the plainest text: no whitespace, keys in their order, characters
written as themselves, so a failing example shrinks to compact JSON.
"""

from __future__ import annotations

import math
from typing import Any, Final

from hypothesis import strategies as st

__all__ = ["encodings"]

_WHITESPACE: Final = st.text(alphabet=" \t\n\r", max_size=3)
"""The four whitespace characters JSON allows between tokens (RFC 8259, section 2)."""

_SHORT_ESCAPES: Final = {
    '"': '\\"',
    "\\": "\\\\",
    "/": "\\/",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}


def _u_escapes(char: str) -> list[str]:
    r"""``\uXXXX`` spellings of *char*: lower and upper case hex, astral characters as a surrogate pair."""
    point = ord(char)
    if point > 0xFFFF:
        point -= 0x10000
        units = [0xD800 + (point >> 10), 0xDC00 + (point & 0x3FF)]
    else:
        units = [point]
    lower = "".join(f"\\u{u:04x}" for u in units)
    upper = "".join(f"\\u{u:04X}" for u in units)
    return [lower] if lower == upper else [lower, upper]


def _spellings(char: str) -> list[str]:
    """Every way to write *char* inside a JSON string, the plainest first."""
    out = []
    # Quote, backslash and control characters must be escaped; a lone surrogate cannot be UTF-8.
    if char not in '"\\' and char >= " " and not 0xD800 <= ord(char) <= 0xDFFF:
        out.append(char)
    if char in _SHORT_ESCAPES:
        out.append(_SHORT_ESCAPES[char])
    return out + _u_escapes(char)


@st.composite
def _string(draw: st.DrawFn, text: str) -> str:
    parts = ['"']
    for char in text:
        options = _spellings(char)
        parts.append(options[draw(st.integers(0, len(options) - 1))] if len(options) > 1 else options[0])
    parts.append('"')
    return "".join(parts)


@st.composite
def _float(draw: st.DrawFn, value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"{value!r} is not a JSON number")
    text = repr(value)  # the shortest text that reads back as exactly this float
    mantissa, e, exponent = text.partition("e")
    if "." in mantissa:
        mantissa += "0" * draw(st.integers(0, 2))
    if e:
        sign = exponent[0] if exponent[0] in "+-" else ""
        digits = exponent.lstrip("+-")
        if sign == "+" and draw(st.booleans()):
            sign = ""
        digits = "0" * draw(st.integers(0, 2)) + digits
        e = draw(st.sampled_from(["e", "E"]))
        return f"{mantissa}{e}{sign}{digits}"
    return mantissa


@st.composite
def _value(draw: st.DrawFn, value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return draw(_float(value))
    if isinstance(value, str):
        return draw(_string(value))
    if isinstance(value, list):
        items = [draw(_WHITESPACE) + draw(_value(v)) + draw(_WHITESPACE) for v in value]
        return "[" + (",".join(items) if items else draw(_WHITESPACE)) + "]"
    if isinstance(value, dict):
        members = []
        for k, v in draw(st.permutations(list(value.items()))):
            ws = [draw(_WHITESPACE) for _ in range(4)]
            members.append(f"{ws[0]}{draw(_string(k))}{ws[1]}:{ws[2]}{draw(_value(v))}{ws[3]}")
        return "{" + (",".join(members) if members else draw(_WHITESPACE)) + "}"
    raise TypeError(f"not a JSON value: {type(value).__name__}")


@st.composite
def encodings(draw: st.DrawFn, value: Any) -> bytes:
    r"""UTF-8 JSON texts of the JSON *value*, each decoding to a value equal to it.

    The varieties of `payload_bytes`: whitespace, key order, string escapes, number spellings.
    A value that is not JSON raises ``TypeError`` (``ValueError`` for a float that is not finite).

    >>> import json
    >>> from hypothesis import given
    >>> value = {"message": "café 😀", "n": [1, 2.5e-7, None]}
    >>> @given(encodings(value))
    ... def test_same_value(data):
    ...     assert json.loads(data) == value
    >>> test_same_value()
    """
    return (draw(_WHITESPACE) + draw(_value(value)) + draw(_WHITESPACE)).encode("utf-8")
