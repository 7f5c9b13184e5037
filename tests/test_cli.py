"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLES
from kombo_tag_errors.schema import json_schema


def cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kombo_tag_errors", *args], input=stdin, capture_output=True, check=False
    )


def test_parse_summary() -> None:
    """parse prints a readable summary of a valid body and exits 0."""
    result = cli("parse", str(EXAMPLES / "401-2026-full.json"))
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "code:      PLATFORM.AUTHENTICATION_INVALID" in out
    assert "shape:     2026" in out
    assert "retryable: no" in out


def test_parse_json_from_stdin() -> None:
    """parse --json - reads stdin and prints the normalized compact JSON."""
    data = (EXAMPLES / "401-2023-invalid-key.json").read_bytes()
    result = cli("parse", "--json", "-", stdin=data)
    assert result.returncode == 0
    assert result.stdout == b'{"status":"error","error":{"message":"Invalid authorization header!"}}\n'


def test_parse_unknown_keys_and_codes_are_shown() -> None:
    """Unknown codes are marked and unknown keys listed by path."""
    data = b'{"status":"error","error":{"message":"m","code":"NEW.CODE","hint":1},"trace id":2}'
    out = cli("parse", "-", stdin=data).stdout.decode()
    assert "NEW.CODE (unknown code)" in out
    assert 'unknown:   $["trace id"], $.error.hint' in out


def test_parse_invalid_exits_1_with_paths() -> None:
    """An invalid body exits 1 and lists each problem with its path on stderr."""
    result = cli("parse", "-", stdin=b'{"status":"error","error":{"message":5}}')
    assert result.returncode == 1
    assert result.stderr.decode() == "-: $.error.message: expected a string, got 5\n"


def test_parse_escapes_hostile_text() -> None:
    """Terminal escapes and newlines in a payload cannot repaint the screen or forge lines."""
    data = b'{"status":"error","error":{"message":"a\\u001b[2J\\nFAKE: line\\u009b"}}'
    out = cli("parse", "-", stdin=data).stdout.decode()
    assert "\x1b" not in out
    assert "\x9b" not in out
    assert "\nFAKE" not in out
    assert "a\\x1b[2J\\nFAKE: line\\x9b" in out


@pytest.mark.parametrize("args", [("parse",), ("frobnicate",), ("parse", "/no/such/file.json")])
def test_usage_and_io_errors_exit_2(args: tuple[str, ...], tmp_path: Path) -> None:
    """Usage and I/O errors exit 2 with a short message and no traceback."""
    result = cli(*args)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert result.stderr


def test_help_has_an_example() -> None:
    """parse --help shows an example invocation."""
    assert b"example:" in cli("parse", "--help").stdout


def test_schema_prints_json_schema() -> None:
    """schema prints json_schema() as indented JSON, or on one line with --compact, and exits 0."""
    result = cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json_schema()
    assert result.stdout.startswith(b'{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",')
    compact = cli("schema", "--compact")
    assert compact.returncode == 0
    assert compact.stdout.count(b"\n") == 1
    assert json.loads(compact.stdout) == json_schema()


def test_schema_help_shows_an_example() -> None:
    """schema --help says what it prints and shows how to use it."""
    result = cli("schema", "--help")
    assert result.returncode == 0
    assert "draft 2020-12" in result.stdout.decode()
    assert "example:\n  kombo-tag-errors schema > kombo-401.schema.json" in result.stdout.decode()
