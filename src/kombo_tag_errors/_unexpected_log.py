"""The log fields of `kombo_tag_errors.httpx.UnexpectedResponse`, and the error read back from them.

Laid out under ``kombo_error`` as `kombo_tag_errors.logs` says, with ``"type": "UnexpectedResponse"``.
httpx is imported only to read a record back: writing the fields of an error needs none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ._echo import mask_text
from ._errors import PayloadError, Problem, ProblemKind
from ._redact import SAFE_HEADERS, http_context
from ._text import escape, safe_repr
from ._withhold import WITHHELD

__all__ = ["BODY_PREFIX", "NAME", "headers_from_http", "unexpected_fields", "unexpected_from_fields"]

NAME: Final = "UnexpectedResponse"
"""The ``type`` of its log fields."""

BODY_PREFIX: Final = 512
"""The most characters of the body a record keeps, escaped (``\\x1b``, ``\\n``...)."""

_KINDS: Final = {k.value: k for k in ProblemKind}


def unexpected_fields(exc: Any, *, withhold_message: bool) -> dict[str, Any]:
    """The fields of *exc*, an `UnexpectedResponse`; withholding, without body prefix and problem messages."""
    headers = exc.__dict__.get("response_headers") or {}
    payload = exc.payload
    text = payload.decode("utf-8", "backslashreplace") if isinstance(payload, bytes) else ""
    text = mask_text(text, exc.__dict__.get("_echoes", ()))  # before the cut: no secret is cut in two
    problems = [{"path": p.path, "message": p.message, "kind": p.kind.value} for p in exc.errors]
    fields: dict[str, Any] = {
        "type": NAME,
        "status_code": exc.status_code,
        "content_type": headers.get("content-type"),
        "body_prefix": escape(text[:BODY_PREFIX])[:BODY_PREFIX],
        "problems": problems,
        "total": exc.total,
        "http": http_context(exc.response),
    }
    if withhold_message:
        fields["body_prefix"] = WITHHELD
        for p in problems:
            p["message"] = WITHHELD
        fields["withheld"] = ["$.body_prefix", "$.problems[*].message"]
    return fields


def unexpected_from_fields(fields: Mapping[str, Any], record: Any, root: str) -> Any:
    """The `UnexpectedResponse` of *fields* (from *record*), without a response; its headers from ``http``.

    Raises `PayloadError` with the path of every problem under *root*.
    """
    out: list[Problem] = []
    status = fields.get("status_code")
    if not (type(status) is int and 100 <= status <= 599):
        out.append(Problem(f"{root}.status_code", f"expected an HTTP status, got {safe_repr(status)}"))
    content_type = fields.get("content_type")
    if not (content_type is None or isinstance(content_type, str)):
        out.append(
            Problem(f"{root}.content_type", f"expected a string or null, got {safe_repr(content_type)}")
        )
    prefix = fields.get("body_prefix")
    if not isinstance(prefix, str):
        out.append(Problem(f"{root}.body_prefix", f"expected a string, got {safe_repr(prefix)}"))
    problems = _problems(fields.get("problems"), f"{root}.problems", out)
    total = fields.get("total")
    if not (type(total) is int and total >= len(problems)):
        out.append(
            Problem(f"{root}.total", f"expected an integer >= {len(problems)}, got {safe_repr(total)}")
        )
    if out:
        raise PayloadError(out, record)
    from ._httpx_io import UnexpectedResponse

    exc = PayloadError.__new__(UnexpectedResponse, tuple(problems))
    exc.__dict__.update(
        errors=tuple(problems),
        payload=prefix.encode("utf-8", "surrogatepass"),  # type: ignore[union-attr]
        total=total,
        response=None,
        status_code=status,
        response_headers=headers_from_http(fields.get("http"), content_type),
    )
    return exc


def _problems(value: Any, path: str, out: list[Problem]) -> list[Problem]:
    if not isinstance(value, list):
        out.append(Problem(path, f"expected a list, got {safe_repr(value)}"))
        return []
    problems = []
    for i, p in enumerate(value):
        ok = (
            isinstance(p, Mapping)
            and isinstance(p.get("path"), str)
            and isinstance(p.get("message"), str)
            and p.get("kind") in _KINDS
        )
        if not ok:
            message = f"expected an object with path, message and kind, got {safe_repr(p)}"
            out.append(Problem(f"{path}[{i}]", message))
            continue
        problems.append(Problem(p["path"], p["message"], _KINDS[p["kind"]]))
    return problems


def headers_from_http(http: Any, content_type: str | None = None) -> dict[str, str]:
    """The safe headers in a record's ``http`` part (`SAFE_HEADERS`, strings), and the content type."""
    headers = http.get("headers") if isinstance(http, Mapping) else None
    out = {}
    if isinstance(headers, Mapping):
        out = {k: v for k, v in headers.items() if k in SAFE_HEADERS and isinstance(v, str)}
    if content_type is not None:
        out["content-type"] = content_type
    return {k: out[k] for k in SAFE_HEADERS if k in out}
