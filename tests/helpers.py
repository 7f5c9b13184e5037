"""Paths and loaders shared by the tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.is_dir():  # a fresh clone sits elsewhere; the shared folder can be named
    SHARED = Path(os.environ.get("KOMBO_SHARED", "/work/shared"))
CONTRACT = SHARED / "contract"
CORPORA = SHARED / "corpora"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load_contract(name: str) -> Any:
    """A JSON file of the published contract."""
    return json.loads((CONTRACT / name).read_text(encoding="utf-8"))
