"""Text for people escapes hostile payload text; the JSON forms keep every character."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import cli_in_process
from kombo_tag_errors import PayloadError, loads, structure
from kombo_tag_errors._text import escape
from kombo_tag_errors.cli._parse import summary
from kombo_tag_errors.logs import FIELD, from_log_fields, log_fields

HOSTILE = [
    "\x1b[2J",  # ESC CSI: clear the screen
    "\x1b]0;owned\x07",  # OSC: set the window title
    "\x9b31m",  # C1 CSI
    "\x85",  # C1 next line
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\u202e",  # right-to-left override
    "\r",
    "\n",
    "\x00",
    "\x08",
    "\x7f",
    "\t",
]
hostile = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=4), min_size=1, max_size=6).map("".join)


@st.composite
def hostile_payloads(draw: st.DrawFn) -> dict[str, Any]:
    """A valid payload with hostile text in every string, key or value, at both levels."""
    error = {k: draw(hostile) for k in ("message", "code", "title", "log_url")}
    error[draw(hostile) + "_k"] = draw(hostile)
    return {"status": "error", "error": error, draw(hostile) + "_x": [draw(hostile), {draw(hostile): None}]}


@st.composite
def hostile_invalid_payloads(draw: st.DrawFn) -> Any:
    """A broken payload whose problems quote hostile text: a status value and object keys in paths."""
    return {
        "status": draw(hostile),
        "error": {"message": 5, draw(hostile) + "_k": float("nan")},
        draw(hostile) + "_x": {draw(hostile): {1, 2}},
        3: draw(hostile),
    }


def lines_for_people(text: str, count: int) -> None:
    """*text* is exactly *count* lines, and every line is printable: no control, escape or separator."""
    lines = text.split("\n")
    assert len(lines) == count, lines
    for line in lines:
        assert line.isprintable(), line


@given(hostile)
def test_escape_leaves_nothing_unprintable(text: str) -> None:
    """escape() output is printable and one line, and printable text is left as it is."""
    lines_for_people(escape(text), 1)
    if text.isprintable():
        assert escape(text) == text


@given(hostile_payloads())
def test_repr_and_summary_escape(payload: dict[str, Any]) -> None:
    """repr is one printable line; the parse summary is its eight printable lines, here and on the CLI."""
    body = structure(payload)
    lines_for_people(repr(body), 1)
    lines_for_people(summary(body), 8)
    status, out, err = cli_in_process(["parse", "-"], json.dumps(payload).encode())
    assert (status, err) == (0, "")
    lines_for_people(out.removesuffix("\n"), 8)


@given(hostile_invalid_payloads())
def test_payload_error_text_escapes(payload: Any) -> None:
    """PayloadError str is one printable line a problem, paths included; its repr one printable line."""
    with pytest.raises(PayloadError) as info:
        structure(payload)
    lines_for_people(str(info.value), len(info.value.errors))
    lines_for_people(repr(info.value), 1)


@given(hostile, hostile)
def test_cli_problem_lines_escape(status: str, key: str) -> None:
    """The parse command's problem lines on stderr are one printable line each."""
    data = json.dumps({"status": status + "!", "error": {key + "_k": 1}}).encode()
    code, out, err = cli_in_process(["parse", "-"], data)
    assert (code, out) == (1, "")
    lines_for_people(err.removesuffix("\n"), 2)


@given(hostile, hostile, hostile_invalid_payloads())
def test_from_log_fields_errors_escape(kind: str, status: str, payload: Any) -> None:
    """A hostile log record's PayloadError text is one printable line a problem."""
    with pytest.raises(PayloadError) as info:
        from_log_fields({FIELD: {"type": kind, "status_code": status, "payload": payload}})
    lines_for_people(str(info.value), len(info.value.errors))
    lines_for_people(repr(info.value), 1)


@given(hostile_payloads())
def test_json_forms_stay_lossless(payload: dict[str, Any]) -> None:
    """str() and the log fields keep every hostile character; neither has a raw control char or newline."""
    body = structure(payload)
    text = str(body)
    assert not any(c < " " for c in text)  # ESC, CR, LF...: JSON escapes every C0 control
    assert loads(text) == body
    line = json.dumps(log_fields(body))
    lines_for_people(line, 1)
    assert line.isascii()
    assert from_log_fields(json.loads(line)) == body
    assert from_log_fields(json.loads(json.dumps(log_fields(body), ensure_ascii=False))) == body
