"""The payloads every library is measured on, the same bytes for all of them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

__all__ = ["INVALID", "PAYLOADS", "VALID"]

_EXAMPLES: Final = Path(__file__).resolve().parents[1] / "examples"


def _compact(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def _example(name: str) -> Any:
    return json.loads((_EXAMPLES / name).read_text(encoding="utf-8"))


_full = _example("401-2026-full.json")
_unknown = {
    **_full,
    "error": {**_full["error"], "details": {"header": "Authorization", "hints": ["Bearer <key>", 2]}},
    "request_id": "req_01HZX3K6Q0",
}
# Rejected by every library: message missing, code a number.
_invalid = {"status": "error", "error": {"code": 5, "title": None, "log_url": None}}

PAYLOADS: Final[dict[str, bytes]] = {
    "2026-full": _compact(_full),
    "2023-message": _compact(_example("401-2023-invalid-key.json")),
    "unknown-keys": _compact(_unknown),
    "invalid": _compact(_invalid),
}
"""Payload name to compact UTF-8 JSON, as the API sends it."""

VALID: Final = ("2026-full", "2023-message", "unknown-keys")
INVALID: Final = "invalid"
