"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given

from helpers import EXAMPLES, cli_in_process
from kombo_tag_errors import PostAtsCandidatesCandidateIDTagsResponseBody, dumps, loads
from kombo_tag_errors.schema import json_schema
from kombo_tag_errors.strategies import bodies


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


# -- parse reads a bounded input, and writes printable JSON -------------------------------------

ENDLESS = "import sys\ntry:\n    while True: sys.stdout.buffer.write(b'y\\n' * 4096)\nexcept OSError: pass"


def test_parse_dev_zero_stops_at_max_size() -> None:
    """parse /dev/zero reads max_size + 1 bytes, says the input is too large and exits 1."""
    result = subprocess.run(
        [sys.executable, "-m", "kombo_tag_errors", "parse", "/dev/zero"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == b"/dev/zero: $: larger than max_size=16777216 bytes\n"


def test_parse_endless_pipe_stops_at_max_size() -> None:
    """parse - fed by a writer that never stops reads max_size + 1 bytes and exits 1, not out of memory."""
    with subprocess.Popen(
        [sys.executable, "-c", ENDLESS], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as writer:
        result = subprocess.run(
            [sys.executable, "-m", "kombo_tag_errors", "parse", "-"],
            stdin=writer.stdout,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert writer.stdout is not None
        writer.stdout.close()
        writer.wait(timeout=60)
    assert result.returncode == 1
    assert result.stderr == b"-: $: larger than max_size=16777216 bytes\n"


def test_parse_json_escapes_unprintable_characters() -> None:
    """parse --json writes U+009B, U+2028 and U+202E as \\u escapes, the text reading back the same."""
    message = "a\u009b[31mb\u2028c\u202ed caf\u00e9"
    data = json.dumps({"status": "error", "error": {"message": message}}, ensure_ascii=False)
    result = cli("parse", "--json", "-", stdin=data.encode())
    assert result.returncode == 0
    expected = b'{"status":"error","error":{"message":"a\\u009b[31mb\\u2028c\\u202ed caf\xc3\xa9"}}\n'
    assert result.stdout == expected
    assert json.loads(result.stdout)["error"]["message"] == message


@given(bodies())
def test_parse_json_is_printable_and_exact(body: PostAtsCandidatesCandidateIDTagsResponseBody) -> None:
    """For any body, parse --json writes one printable line that reads back as exactly the body."""
    status, out, _err = cli_in_process(["parse", "--json", "-"], dumps(body))
    assert status == 0
    line = out.removesuffix("\n")
    assert line.isprintable()
    assert loads(line) == body
