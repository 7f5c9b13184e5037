"""``kombo-tag-errors schema``: print the JSON Schema of the bodies this package accepts."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..schema import json_schema

__all__ = ["register", "run"]

EXAMPLE = """\
output: the JSON Schema (draft 2020-12) of exactly the 401 bodies this package accepts: both the
2023 and the 2026 shape, unknown keys allowed; the same as kombo_tag_errors.schema.json_schema().

example:
  kombo-tag-errors schema > kombo-401.schema.json
  kombo-tag-errors schema --compact
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the 401 bodies this package accepts",
        description="Print the JSON Schema (draft 2020-12) of a 401 body to stdout. Exit status: 0.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--compact", action="store_true", help="one line, no spaces, instead of indented JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.compact:
        text = json.dumps(json_schema(), ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(json_schema(), ensure_ascii=False, indent=2)
    sys.stdout.buffer.write(text.encode() + b"\n")
    sys.stdout.flush()
    return 0
