"""The structlog processor: the same fields as log_fields, read back equal, no secret in any renderer."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys

import structlog
from hypothesis import given
from structlog.typing import Processor

from helpers import PERSONAL_MARK, api_errors, errors_with_secrets, personal_errors
from kombo_tag_errors import KomboAPIError, PostAtsCandidatesCandidateIDTagsError
from kombo_tag_errors.logs import FIELD, WITHHELD, from_log_fields, log_fields
from kombo_tag_errors.strategies import bodies
from kombo_tag_errors.structlog import ErrorFieldsAdder, add_error_fields

BODY = KomboAPIError(error=PostAtsCandidatesCandidateIDTagsError(message="m"))


def _render(processors: list[Processor], exc: KomboAPIError) -> str:
    """What a structlog logger with *processors* writes for ``log.exception`` while *exc* is handled.

    Only *exc* and the logger are local to the raising frame, as renderers that show locals see them.
    """
    log = structlog.wrap_logger(structlog.ReturnLogger(), processors=processors)
    try:
        raise exc
    except KomboAPIError:
        return log.exception("tagging failed", candidate_id="42")  # type: ignore[no-any-return]


JSON_CHAIN: list[Processor] = [
    add_error_fields,
    structlog.processors.format_exc_info,
    structlog.processors.JSONRenderer(),
]
DICT_TRACEBACKS_CHAIN: list[Processor] = [
    add_error_fields,
    structlog.processors.dict_tracebacks,
    structlog.processors.JSONRenderer(),
]


@given(api_errors())
def test_json_line_reads_back_equal(exc: KomboAPIError) -> None:
    """A JSONRenderer line holds exactly log_fields(e), and from_log_fields reads it back equal."""
    for chain in (JSON_CHAIN, DICT_TRACEBACKS_CHAIN):
        line = json.loads(_render(chain, exc))
        assert line[FIELD] == json.loads(json.dumps(log_fields(exc)[FIELD]))
        assert line["candidate_id"] == "42"
        assert "exception" in line
        assert from_log_fields(line) == exc


def test_every_form_of_exc_info() -> None:
    """exc_info as True, an exception, a tuple or a cause all find the error; False or none add nothing."""
    try:
        try:
            raise BODY
        except KomboAPIError as e:
            raise RuntimeError("tagging failed") from e
    except RuntimeError as wrapped:
        for exc_info in (True, wrapped, sys.exc_info(), BODY):
            event = add_error_fields(None, "error", {"event": "x", "exc_info": exc_info})
            assert from_log_fields(event) == BODY
            assert event["exc_info"] is exc_info  # left for the processors after it
    for event in (
        {"event": "x"},
        {"event": "x", "exc_info": False},
        {"event": "x", "exc_info": ValueError()},
    ):
        assert add_error_fields(None, "error", dict(event)) == event


def test_fields_already_there_are_kept() -> None:
    """An event that carries kombo_error already is left as it is."""
    event = {"event": "x", "exc_info": BODY, FIELD: "kept"}
    assert add_error_fields(None, "error", event)[FIELD] == "kept"


@given(bodies())
def test_stdlib_records_through_processor_formatter(body: KomboAPIError) -> None:
    """In ProcessorFormatter's foreign_pre_chain, stdlib records with the error get the fields too."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.JSONRenderer(),
            ],
            foreign_pre_chain=[add_error_fields, structlog.processors.format_exc_info],
        )
    )
    logger = logging.getLogger("kombo_tag_errors.tests.structlog")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.error("tagging failed", exc_info=body)
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    assert from_log_fields(json.loads(stream.getvalue())) == body


@given(errors_with_secrets())
def test_no_secret_in_any_renderer(case: tuple[KomboAPIError, list[str]]) -> None:
    """No generated credential reaches the JSON, dict_tracebacks or console output of structlog."""
    exc, secrets = case
    outputs = {
        "json": _render(JSON_CHAIN, exc),
        "dict_tracebacks": _render(DICT_TRACEBACKS_CHAIN, exc),
        "console": _render([add_error_fields, structlog.dev.ConsoleRenderer(colors=False)], exc),
    }
    assert json.loads(outputs["json"])[FIELD]["http"] is not None
    for path, text in outputs.items():
        for secret in secrets:
            assert secret not in text, f"a secret leaked through {path}"


@given(api_errors())
def test_console_line_is_printable(exc: KomboAPIError) -> None:
    """The console renderer's event line shows the fields escaped (the traceback follows it)."""
    text = _render([add_error_fields, structlog.dev.ConsoleRenderer(colors=False)], exc)
    first = text.split("\n", 1)[0]
    assert first.isprintable()
    assert f"{FIELD}=" in first


def test_without_structlog_the_error_names_the_extra() -> None:
    """Importing kombo_tag_errors.structlog without structlog raises ImportError naming the extra."""
    code = (
        "import sys; sys.modules['structlog'] = None\n"
        "try:\n import kombo_tag_errors.structlog\n"
        "except ImportError as e:\n print(e)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "pip install 'kombo-tag-errors[structlog]'" in result.stdout


@given(personal_errors())
def test_withholding_adder_writes_no_message_or_title(exc: KomboAPIError) -> None:
    """ErrorFieldsAdder(withhold_message=True) keeps message and title out of every renderer."""
    adder = ErrorFieldsAdder(withhold_message=True)
    chains: dict[str, list[Processor]] = {
        "json": [adder, structlog.processors.format_exc_info, structlog.processors.JSONRenderer()],
        "dict_tracebacks": [adder, structlog.processors.dict_tracebacks, structlog.processors.JSONRenderer()],
        "console": [adder, structlog.dev.ConsoleRenderer(colors=False)],
    }
    for name, chain in chains.items():
        text = _render(chain, exc)
        assert PERSONAL_MARK not in text, name
        assert "Traceback" in text, name
    line = json.loads(_render(chains["json"], exc))
    assert line[FIELD] == json.loads(json.dumps(log_fields(exc, withhold_message=True)[FIELD]))
    assert from_log_fields(line).error.message == WITHHELD


def test_adder_without_the_opt_in_is_add_error_fields() -> None:
    """ErrorFieldsAdder() adds what add_error_fields adds and leaves exc_info in place."""
    event = ErrorFieldsAdder()(None, "error", {"event": "x", "exc_info": BODY})
    assert event == add_error_fields(None, "error", {"event": "x", "exc_info": BODY})
    assert event["exc_info"] is BODY
    assert ErrorFieldsAdder(withhold_message=True)(None, "error", {"event": "x"}) == {"event": "x"}
