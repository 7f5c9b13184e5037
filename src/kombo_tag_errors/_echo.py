"""Credentials a server echoed back: found in a body's strings and replaced by `MASK`.

A 401 message such as ``"Invalid key Bearer sk_live_..."`` would put the request's key into every
text written about the body.
`request_secrets` gathers the secret values of a request (every header value but the few named in
`PLAIN_HEADERS`, each piece of one, the URL's user info, secret-looking query values); `mask_echoes`
replaces each occurrence in a decoded JSON value, object keys included.
Values shorter than `MIN_SECRET` characters are left alone: they would mask ordinary words.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from typing import Any, Final
from urllib.parse import parse_qsl, unquote

from ._redact import MASK, REQUEST_ID_HEADERS, is_secret_name

__all__ = ["MIN_SECRET", "PLAIN_HEADERS", "echoed", "mask_echoes", "mask_text", "request_secrets"]

MIN_SECRET: Final = 8
"""The shortest value (or piece of one) treated as a secret."""

PLAIN_HEADERS: Final = frozenset(
    {
        "accept",
        "accept-encoding",
        "accept-language",
        "cache-control",
        "connection",
        "content-encoding",
        "content-length",
        "content-type",
        "host",
        "idempotency-key",
        "origin",
        "pragma",
        "te",
        "traceparent",
        "tracestate",
        "transfer-encoding",
        "user-agent",
        *REQUEST_ID_HEADERS,
    }
)
"""Request headers whose values are not secrets; every other header's value is one."""

_PIECES: Final = re.compile(r"[\s,;\"']+")
_BASE64: Final = re.compile(r"[A-Za-z0-9+/]{4,}={0,2}")
_PLAIN_RAW: Final = frozenset(name.encode() for name in PLAIN_HEADERS)
_ROUNDS: Final = 8


def _add(found: set[str], value: str) -> None:
    value = value.strip()
    if len(value) >= MIN_SECRET and value != MASK:
        found.add(value)


def _header_secrets(found: set[str], value: str) -> None:
    """*value*, its pieces (``Bearer <token>``, cookie values) and a Basic credential decoded."""
    _add(found, value)
    for piece in _PIECES.split(value):
        _add(found, piece)
        for part in piece.split("="):  # name=value, a cookie's or a scheme's parameter
            _add(found, part)
        if len(piece) % 4 or not _BASE64.fullmatch(piece):  # a failed decode costs an exception
            continue
        try:
            decoded = base64.b64decode(piece, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        if ":" in decoded and decoded.isprintable():
            _add(found, decoded)
            for part in decoded.split(":", 1):
                _add(found, part)


def request_secrets(response: Any) -> tuple[str, ...]:
    """The secret values of the request of an `httpx.Response`, longest first; none without a request."""
    try:
        request = response.request
    except RuntimeError:  # a response built without its request
        return ()
    found: set[str] = set()
    headers = request.headers
    for name, value in headers.raw:  # bytes, decoded only where they may hold a secret
        if name.lower() not in _PLAIN_RAW:
            _header_secrets(found, value.decode(headers.encoding))
    url = request.url
    if url.userinfo:
        for part in (url.username, url.password):
            if part:
                _add(found, part)
                _add(found, unquote(part))
    query = url.query.decode("ascii", "replace")
    if not query:
        return tuple(sorted(found, key=lambda s: (-len(s), s)))
    for raw in re.split(r"[&;]", query):
        name, _eq, value = raw.partition("=")
        if is_secret_name(name):
            _add(found, value)
    for name, value in parse_qsl(query, keep_blank_values=True):
        if is_secret_name(name):
            _add(found, value)
    return tuple(sorted(found, key=lambda s: (-len(s), s)))


def _mask_text(text: str, secrets: tuple[str, ...], count: list[int]) -> str:
    for _ in range(_ROUNDS):  # a replacement next to a mask could spell a secret again
        before = text
        for secret in secrets:
            if secret in text:
                count[0] += text.count(secret)
                text = text.replace(secret, MASK)
        if text is before or text == before:
            return text
    count[0] += 1
    return MASK


def _mask(value: Any, secrets: tuple[str, ...], count: list[int]) -> Any:
    if type(value) is str:
        return _mask_text(value, secrets, count)
    if type(value) is list:
        return [_mask(v, secrets, count) for v in value]
    if type(value) is dict:
        return {_mask_text(k, secrets, count): _mask(v, secrets, count) for k, v in value.items()}
    return value


def mask_text(text: str, secrets: tuple[str, ...]) -> str:
    """*text* with every occurrence of *secrets* replaced by `MASK`.

    A text cut short with ``...`` (`~kombo_tag_errors._text.safe_repr`) loses a secret's start too.
    """
    if not secrets:
        return text
    text = _mask_text(text, secrets, [0])
    if text.endswith("..."):
        head = text[:-3]
        for secret in secrets:
            for k in range(len(secret) - 1, MIN_SECRET - 1, -1):
                if head.endswith(secret[:k]):
                    return f"{head[:-k]}{MASK}..."
    return text


def mask_echoes(obj: Any, secrets: tuple[str, ...]) -> tuple[Any, int]:
    """*obj* (decoded JSON) with every occurrence of *secrets* in a string or key replaced by `MASK`.

    Returns the masked value and the number of replacements; *obj* itself when there were none.
    """
    if not secrets:
        return obj, 0
    count = [0]
    masked = _mask(obj, secrets, count)
    return (masked, count[0]) if count[0] else (obj, 0)


def _strings(value: Any) -> Iterator[str]:
    if type(value) is str:
        yield value
    elif type(value) is list:
        for v in value:
            yield from _strings(v)
    elif type(value) is dict:
        for k, v in value.items():
            yield k
            yield from _strings(v)


def echoed(obj: Any, secrets: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
    """Which of *secrets* occur in the strings and keys of *obj* (decoded JSON), and how many times in all."""
    if not secrets:
        return (), 0
    _masked, count = mask_echoes(obj, secrets)
    if not count:
        return (), 0
    texts = list(_strings(obj))
    return tuple(s for s in secrets if any(s in t for t in texts)), count
