"""``kombo-tag-errors check``, run as a user runs it: in a subprocess."""

from __future__ import annotations

import gzip
import json
import os
import pty
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

from helpers import EXAMPLES
from kombo_tag_errors.cli import build_parser

CAPTURED = EXAMPLES / "captured-401s.jsonl"

CAPTURED_PROBLEMS = """\
{name}:5: $.error.message: expected a string, got 401
{name}:7: $: invalid JSON: unexpected end of data
{name}:8: $.error.message: required key missing
{name}:8: $.status: expected "error", got "ok"
"""

CAPTURED_SUMMARY = """\
total:     8
valid:     5
invalid:   3
shape:     2023 1, 2026 3, other 1
code:      PLATFORM.AUTHENTICATION_INVALID 2
           PLATFORM.RATE_LIMIT_EXCEEDED 1
           "PLATFORM.KEY_ROTATED" 1 (unknown code)
           (absent) 1
retryable: 1
problems:  $ not_json 1
           $.error.message missing 1
           $.error.message wrong_type 1
           $.status wrong_value 1
unknown:   $.request_id 1 (first {name}:9)
"""

VALID_2026 = {
    "status": "error",
    "error": {
        "code": "PLATFORM.AUTHENTICATION_INVALID",
        "title": "The API key is invalid.",
        "message": "The provided API key is not valid.",
        "log_url": "https://app.kombo.dev/logs?interactionId=1",
    },
}


def check(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kombo_tag_errors", "check", *args],
        input=stdin.decode("latin-1"),
        capture_output=True,
        text=True,
        encoding="latin-1",
        check=False,
    )


def json_lines(text: str) -> list[Any]:
    return [json.loads(line) for line in text.splitlines()]


def test_mixed_file_known_counts() -> None:
    """Every problem of each invalid line is printed as FILE:LINE: PATH: problem, then the counts; exit 1."""
    result = check(str(CAPTURED))
    assert result.returncode == 1
    expected = (CAPTURED_PROBLEMS + CAPTURED_SUMMARY).format(name=CAPTURED)
    assert result.stdout == expected
    assert result.stderr == ""


def test_all_valid_exits_0(tmp_path: Path) -> None:
    """A file of valid payloads prints the summary only and exits 0."""
    path = tmp_path / "ok.jsonl"
    path.write_bytes(
        orjson.dumps(VALID_2026) + b"\n\n" + orjson.dumps({"status": "error", "error": {"message": "m"}})
    )
    result = check(str(path))
    assert result.returncode == 0
    assert result.stdout.splitlines()[:4] == [
        "total:     2",
        "valid:     2",
        "invalid:   0",
        "shape:     2023 1, 2026 1, other 0",
    ]


def test_format_json() -> None:
    """--format json writes one JSON object per invalid payload, then the summary object."""
    result = check("--format", "json", str(CAPTURED))
    assert result.returncode == 1
    *records, last = json_lines(result.stdout)
    assert [(r["file"], r["line"], len(r["problems"])) for r in records] == [
        (str(CAPTURED), 5, 1),
        (str(CAPTURED), 7, 1),
        (str(CAPTURED), 8, 2),
    ]
    assert records[2]["problems"][0] == {
        "path": "$.error.message",
        "kind": "missing",
        "problem": "required key missing",
    }
    assert last == {
        "summary": {
            "total": 8,
            "valid": 5,
            "invalid": 3,
            "shapes": {"2023": 1, "2026": 3, "other": 1},
            "codes": {"PLATFORM.AUTHENTICATION_INVALID": 2, "PLATFORM.RATE_LIMIT_EXCEEDED": 1},
            "unknown_codes": {"PLATFORM.KEY_ROTATED": 1},
            "unknown_codes_unlisted": 0,
            "code_absent": 1,
            "code_null": 0,
            "retryable": 1,
            "problems": [
                {"path": "$", "kind": "not_json", "count": 1},
                {"path": "$.error.message", "kind": "missing", "count": 1},
                {"path": "$.error.message", "kind": "wrong_type", "count": 1},
                {"path": "$.status", "kind": "wrong_value", "count": 1},
            ],
            "problems_not_shown": 0,
            "unknown_keys": [
                {"path": "$.request_id", "count": 1, "first_seen": {"source": str(CAPTURED), "line": 9}}
            ],
            "unknown_keys_not_shown": 0,
        }
    }


@pytest.mark.parametrize("name", ["captured.jsonl.gz", "captured.bin"])
def test_gzip_files(tmp_path: Path, name: str) -> None:
    """A gzip file is read transparently, known by its .gz suffix or by its magic bytes."""
    path = tmp_path / name
    path.write_bytes(gzip.compress(CAPTURED.read_bytes()))
    result = check(str(path))
    assert result.returncode == 1
    assert result.stdout == (CAPTURED_PROBLEMS + CAPTURED_SUMMARY).format(name=path)


@pytest.mark.parametrize("args", [(), ("-",)])
@pytest.mark.parametrize("compress", [False, True])
def test_stdin(args: tuple[str, ...], compress: bool) -> None:
    """No FILE or - reads stdin, plain or gzip, named - in the output."""
    data = CAPTURED.read_bytes()
    result = check(*args, stdin=gzip.compress(data) if compress else data)
    assert result.returncode == 1
    assert result.stdout == (CAPTURED_PROBLEMS + CAPTURED_SUMMARY).format(name="-")


def test_several_files_one_summary(tmp_path: Path) -> None:
    """Several files are checked in order, into one summary."""
    result = check("--format", "json", str(CAPTURED), str(CAPTURED))
    *records, last = json_lines(result.stdout)
    assert len(records) == 6
    assert last["summary"]["total"] == 16


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jobs", "x"], "check: argument --jobs/-j: not a whole number: 'x'"),
        (["--format", "yaml"], "check: argument --format: invalid choice"),
        (["--bogus"], "check: unrecognized arguments: --bogus"),
        (["-", "-"], "check: stdin (-) can be read only once"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    """Usage errors exit 2 with one line and no traceback, before any input is read."""
    result = check(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("kombo-tag-errors: error: " + message)


@pytest.mark.parametrize(
    ("setup", "name", "message"),
    [
        (None, "/no/such/file.jsonl", "cannot read /no/such/file.jsonl: No such file or directory"),
        (None, "/", "cannot read /: Is a directory"),
        (b"\x1f\x8b\x08\x00garbage garbage", "{path}", "cannot read {path}: "),
        ("truncated", "{path}", "cannot read {path}: the gzip stream is truncated"),
        (b'{"status": "error"}\n', "{path}", "cannot read {path}: Not a gzipped file"),
    ],
)
def test_unreadable_input_is_reported_and_the_rest_checked(
    tmp_path: Path, setup: Any, name: str, message: str
) -> None:
    """An unreadable input among good ones: one line saying why, the others checked, the summary, exit 2."""
    path = tmp_path / "capture.jsonl.gz"
    if setup == "truncated":
        path.write_bytes(gzip.compress(CAPTURED.read_bytes() * 50)[:300])
    elif setup is not None:
        path.write_bytes(setup)
    result = check("--format", "json", str(CAPTURED), name.format(path=path), str(CAPTURED))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("kombo-tag-errors: " + message.format(path=path))
    assert "Traceback" not in result.stderr
    summary = json_lines(result.stdout)[-1]["summary"]
    assert summary["total"] >= 16  # both good captures counted, and whatever of the broken one could be read


def test_ctrl_c_exits_130_with_one_line(tmp_path: Path) -> None:
    """Ctrl-C while check --jobs 2 runs exits 130 with one line: no traceback from the parent or a worker."""
    big = tmp_path / "big.jsonl"
    big.write_bytes(CAPTURED.read_bytes() * 40_000)
    process = subprocess.Popen(
        [sys.executable, "-m", "kombo_tag_errors", "check", "--quiet", "--jobs", "2", str(big), str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The signal is sent once the check runs: its pool has started a process (Linux shows a process's
    # children in /proc); elsewhere, after a second. A signal during start-up would test Python's own
    # start-up, not the check.
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 60
    if children.exists():
        while process.poll() is None and not children.read_text().split() and time.monotonic() < deadline:
            time.sleep(0.02)
    else:
        time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert "Traceback" not in err
    if process.returncode == 1 and not err:  # it finished before the signal came: nothing to interrupt
        pytest.skip("the check ended before Ctrl-C reached it")
    assert process.returncode == 130
    assert err.splitlines() == ["kombo-tag-errors: interrupted"]


def test_hostile_payload_cannot_forge_lines(tmp_path: Path) -> None:
    """Escapes, newlines, U+2028 and C1 controls in a payload or a file name are written escaped."""
    forged = "\x1b[2J\nfake.jsonl:1: $: forged\u2028also\x9b"
    path = tmp_path / "cap\nture.jsonl"
    path.write_bytes(orjson.dumps({"status": forged, "error": {"message": 5}}) + b"\n")
    result = check(str(path))
    lines = result.stdout.splitlines()
    assert all(line.isprintable() for line in lines)
    assert lines[:2] == [
        f"{tmp_path}/cap\\nture.jsonl:1: $.error.message: expected a string, got 5",
        f'{tmp_path}/cap\\nture.jsonl:1: $.status: expected "error", got '
        '"\\x1b[2J\\nfake.jsonl:1: $: forged\\u2028also\\x9b"',
    ]
    assert lines[2] == "total:     1"
    as_json = json_lines(check("--format", "json", str(path)).stdout)
    assert as_json[0]["file"] == str(path)
    assert (
        as_json[0]["problems"][1]["problem"]
        == 'expected "error", got "\\x1b[2J\\nfake.jsonl:1: $: forged\\u2028also\\x9b"'
    )


def test_fail_fast_stops_at_first_invalid() -> None:
    """--fail-fast prints the first invalid payload's problems and counts no further."""
    result = check("--fail-fast", "--format", "json", str(CAPTURED))
    assert result.returncode == 1
    record, last = json_lines(result.stdout)
    assert record["line"] == 5
    assert (last["summary"]["total"], last["summary"]["invalid"]) == (4, 1)


def test_quiet(tmp_path: Path) -> None:
    """--quiet drops the summary: nothing at all is printed when every payload is valid."""
    assert check("--quiet", str(CAPTURED)).stdout == CAPTURED_PROBLEMS.format(name=CAPTURED)
    path = tmp_path / "ok.jsonl"
    path.write_bytes(orjson.dumps(VALID_2026) + b"\n")
    result = check("-q", str(path))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("indent", [None, 2])
def test_json_array_and_documents(tmp_path: Path, indent: int | None) -> None:
    """A JSON array of payloads and pretty-printed documents are checked payload by payload."""
    bad = {"status": "error", "error": {"message": 5}}
    array = tmp_path / "array.json"
    array.write_text(json.dumps([VALID_2026, bad, VALID_2026], indent=indent))
    result = check("--format", "json", str(array))
    *records, last = json_lines(result.stdout)
    assert [r["line"] for r in records] == [1 if indent is None else 11]
    assert (last["summary"]["total"], last["summary"]["invalid"]) == (3, 1)
    docs = tmp_path / "docs.json"
    docs.write_text("\n".join(json.dumps(p, indent=2) for p in (VALID_2026, bad, VALID_2026)))
    *records, last = json_lines(check("--format", "json", str(docs)).stdout)
    assert [r["line"] for r in records] == [10]
    assert (last["summary"]["total"], last["summary"]["invalid"]) == (3, 1)


def test_single_example_document() -> None:
    """A single pretty-printed body file is one payload."""
    result = check(str(EXAMPLES / "401-2026-full.json"))
    assert result.returncode == 0
    assert result.stdout.startswith("total:     1\nvalid:     1\n")


def test_max_size(tmp_path: Path) -> None:
    """A line longer than --max-size is reported as too large, and the lines after it are still read."""
    path = tmp_path / "big.jsonl"
    huge = orjson.dumps({"status": "error", "error": {"message": "x" * 5000}})
    path.write_bytes(huge + b"\n" + orjson.dumps(VALID_2026) + b"\n")
    result = check("--max-size", "4096", str(path))
    assert result.stdout.splitlines()[:3] == [
        f"{path}:1: $: larger than max_size=4096 bytes",
        "total:     2",
        "valid:     1",
    ]


def _generated(
    path: Path, lines: int, every_bad: int = 0, message: str = "The API key is not valid."
) -> Path:
    """Write *lines* valid 2026 payloads, every *every_bad*-th one replaced by an invalid one."""
    bad = orjson.dumps({"status": "error", "error": {"message": 5}})
    with path.open("wb") as f:
        for i in range(lines):
            if every_bad and i % every_bad == every_bad - 1:
                f.write(bad + b"\n")
            else:
                error = {**VALID_2026["error"], "message": message, "log_url": f"u{i}"}
                f.write(orjson.dumps({"status": "error", "error": error}) + b"\n")
    return path


MEASURE = """\
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, check=False)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(done.returncode, peak * (1 if sys.platform == "darwin" else 1024), done.stdout.decode().splitlines()[0])
"""


def test_streaming_keeps_memory_flat(tmp_path: Path) -> None:
    """A 200,000-line file larger than the memory bound is checked with peak RSS under 60 MB."""
    path = _generated(tmp_path / "big.jsonl", 200_000, message="The provided API key is not valid. " * 8)
    assert path.stat().st_size > 70_000_000  # reading it whole could not stay under the bound
    command = [sys.executable, "-m", "kombo_tag_errors", "check", "--jobs", "1", str(path)]
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    )
    status, peak, first = out.stdout.strip().split(maxsplit=2)
    assert (status, first) == ("0", "total:     200000")
    assert int(peak) < 60_000_000, f"peak RSS {int(peak) / 1e6:.1f} MB"


@pytest.mark.parametrize(
    ("args", "every_bad"),
    [((), 7), (("--format", "json"), 7), (("--fail-fast",), 0), (("--max-size", "200"), 0)],
)
def test_jobs_2_equals_jobs_1(tmp_path: Path, args: tuple[str, ...], every_bad: int) -> None:
    """--jobs 2 writes exactly what one process writes, for every output option."""
    path = _generated(tmp_path / "mixed.jsonl", 12_000, every_bad=every_bad)
    with path.open("ab") as f:  # the first invalid line of some cases is in the last range
        f.write(CAPTURED.read_bytes() * 3)
    one = check("--jobs", "1", *args, str(path))
    two = check("--jobs", "2", *args, str(path))
    assert one.returncode == two.returncode == 1
    assert two.stdout == one.stdout
    assert one.stdout.count(":") > 2


def test_jobs_2_equals_jobs_1_when_every_line_is_invalid(tmp_path: Path) -> None:
    """Workers hand back after many invalid lines and resume; the output stays that of one process."""
    path = _generated(tmp_path / "bad.jsonl", 30_000, every_bad=1)
    one = check("--jobs", "1", str(path))
    two = check("--jobs", "2", str(path))
    assert two.stdout == one.stdout
    assert one.stdout.count("\n") == 30_000 + 8  # a line a payload, then the summary


def _with_terminal_stderr(*args: str, stdin: bytes | None = None) -> tuple[int, bytes]:
    """Run check with stderr on a pseudo-terminal; return the exit status and what the terminal got."""
    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "kombo_tag_errors", "check", *args],
        input=stdin,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        check=False,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    return done.returncode, seen


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal, stderr shows a progress bar with bytes done, rate and ETA, erased at the end."""
    path = _generated(tmp_path / "some.jsonl", 2000)
    status, seen = _with_terminal_stderr(str(path))
    assert status == 0
    assert b"%" in seen
    assert b"ETA" in seen
    assert b"/s" in seen
    assert seen.endswith(b"\r\x1b[K")


def test_no_progress_bar_when_piped_or_size_unknown(tmp_path: Path) -> None:
    """Piped stderr gets nothing; neither does a terminal when the input size is unknown (a pipe)."""
    path = _generated(tmp_path / "some.jsonl", 2000)
    assert check(str(path)).stderr == ""
    assert _with_terminal_stderr("-", stdin=path.read_bytes()) == (0, b"")
    assert _with_terminal_stderr("--quiet", str(path)) == (0, b"")


def _subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)  # type: ignore[arg-type]


def _help(command: str) -> str:
    """What ``kombo-tag-errors COMMAND --help`` prints."""
    argv = [sys.executable, "-m", "kombo_tag_errors", command, "--help"]
    return subprocess.run(argv, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("command", _subcommands())
def test_every_subcommand_help_has_an_example(command: str) -> None:
    """--help of every subcommand shows an example invocation of that subcommand."""
    out = _help(command)
    assert "example:" in out
    assert f"kombo-tag-errors {command} " in out.split("example:")[1]


ROOT = Path(__file__).resolve().parents[1]


def _console_examples() -> list[tuple[str, str, str]]:
    """Every ``$ kombo-tag-errors check ...`` session shown in the README and the docs, with its output."""
    found = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for block in text.split("```console\n")[1:]:
            lines = textwrap.dedent(block.split("```")[0]).splitlines()
            if lines and lines[0].startswith("$ kombo-tag-errors check"):
                found.append((doc.name, lines[0][2:], "\n".join(lines[1:]) + "\n"))
    return found


@pytest.mark.parametrize(("doc", "command", "output"), _console_examples())
def test_documented_sessions_are_true(doc: str, command: str, output: str) -> None:
    """The check sessions the README and the docs show print what they show."""
    command = command.replace("kombo-tag-errors", f"{sys.executable} -m kombo_tag_errors", 1)
    result = subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.stdout == output, doc


def _output_schema() -> Any:
    """The JSON Schema of --format json, as docs/howto/cli.md documents it."""
    text = (ROOT / "docs" / "howto" / "cli.md").read_text(encoding="utf-8")
    section = text.split("### The JSON output's schema", 1)[1]
    return json.loads(section.split("```json\n", 1)[1].split("```", 1)[0])


def test_json_output_follows_the_documented_schema(tmp_path: Path) -> None:
    """Every line --format json writes, records and summary, is valid by the documented schema."""
    import jsonschema

    drifted = tmp_path / "drifted.jsonl"
    lines = [
        {**VALID_2026, "request_id": f"r{i}", "error": {**VALID_2026["error"], "code": "", "hint": i}}
        for i in range(3)
    ]
    drifted.write_bytes(b"\n".join(orjson.dumps(x) for x in lines) + b"\n[1]\n" + b"x" * 2000 + b"\n")
    result = check("--format", "json", "--top", "1", "--max-size", "1000", str(CAPTURED), str(drifted))
    validator = jsonschema.Draft202012Validator(_output_schema())
    validator.check_schema(validator.schema)
    *records, last = json_lines(result.stdout)
    for record in [*records, last]:
        validator.validate(record)
    summary = last["summary"]
    assert summary["unknown_keys"] == [
        {"path": "$.request_id", "count": 4, "first_seen": {"source": str(CAPTURED), "line": 9}}
    ]
    assert summary["unknown_keys_not_shown"] == 3  # $.error.hint
    assert summary["unknown_codes"] == {"": 3, "PLATFORM.KEY_ROTATED": 1}
    assert (
        summary["problems_not_shown"]
        == sum(len(r["problems"]) for r in records) - summary["problems"][0]["count"]
    )


def test_drift_is_counted_with_where_it_was_first_seen(tmp_path: Path) -> None:
    """Unknown keys of valid and invalid payloads, by path, with the file and line each was first seen on."""
    path = tmp_path / "drift.jsonl"
    rows = [
        VALID_2026,
        {**VALID_2026, "error": {**VALID_2026["error"], "hint": 1}},
        {"status": "ok", "trace": 1},
        {**VALID_2026, "trace": 2, "error": {**VALID_2026["error"], "code": ""}},
    ]
    path.write_bytes(b"\n".join(orjson.dumps(r) for r in rows) + b"\n")
    out = check(str(path)).stdout
    assert f"unknown:   $.trace 2 (first {path}:3)\n           $.error.hint 1 (first {path}:2)\n" in out
    assert '           "" 1 (unknown code)\n' in out
    assert "problems:  $.error missing 1\n           $.status wrong_value 1\n" in out


def test_version() -> None:
    """--version prints the installed version and exits 0."""
    from importlib.metadata import version

    result = subprocess.run(
        [sys.executable, "-m", "kombo_tag_errors", "--version"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, f"kombo-tag-errors {version('kombo-tag-errors')}\n")


@pytest.mark.parametrize("command", _subcommands())
def test_every_subcommand_help_lists_its_exit_statuses(command: str) -> None:
    """--help of every subcommand says what each exit status means."""
    out = _help(command)
    assert "Exit status: 0" in " ".join(out.split())


def test_jobs_2_keeps_where_each_unknown_key_was_first_seen(tmp_path: Path) -> None:
    """Unknown keys first seen deep in a file split across workers keep their line in the whole file."""
    path = tmp_path / "drift.jsonl"
    rows = [orjson.dumps(VALID_2026)] * 40_000
    for n, key in ((7, "early"), (25_003, "late"), (39_999, "last")):
        rows[n - 1] = orjson.dumps({**VALID_2026, key: n})
    rows[30_000] = b'{"status":"ok"}'
    path.write_bytes(b"\n".join(rows) + b"\n")
    one = check("--jobs", "1", "--format", "json", str(path))
    two = check("--jobs", "2", "--format", "json", str(path))
    assert two.stdout == one.stdout
    keys = json_lines(one.stdout)[-1]["summary"]["unknown_keys"]
    assert {k["path"]: k["first_seen"]["line"] for k in keys} == {
        "$.early": 7,
        "$.late": 25_003,
        "$.last": 39_999,
    }
