"""Paths and loaders shared by the tests."""

from __future__ import annotations

import contextlib
import io
import json
import string
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import httpx
from hypothesis import assume, settings
from hypothesis import strategies as st

from kombo_tag_errors import APIStatusError, KomboAPIError, unstructure
from kombo_tag_errors.cli import main as cli_main
from kombo_tag_errors.strategies import bodies

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
"""The test data kept in the repository (``tests/data/README.md`` says where each file came from)."""
CONTRACT = DATA / "contract"
EXAMPLES = TESTS.parent / "examples"


def data_path(*parts: str) -> Path:
    """The path of a file or folder of the test data; a missing one fails the test, it is never skipped."""
    path = DATA.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"test data missing: {path} (tests/data/ is in the repository and the sdist)")
    return path


def at_most(n: int) -> settings:
    """The profile's settings with at most *n* examples, for a property whose examples are slow.

    The dev profile's count stays as it is; the ci one is capped so that CI's time stays modest.
    """
    return settings(max_examples=min(settings.default.max_examples, n))


def load_contract(name: str) -> Any:
    """A JSON file of the published contract."""
    return json.loads(data_path("contract", name).read_text(encoding="utf-8"))


def cli_in_process(args: list[str], stdin: bytes) -> tuple[int, str, str]:
    """Run the command line in this process (fast enough for a property); return status, stdout, stderr."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    with (
        mock.patch("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin))),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        status = cli_main(args)
    out.flush()
    return status, out.buffer.getvalue().decode(), err.getvalue()  # type: ignore[attr-defined]


@st.composite
def api_errors(draw: st.DrawFn) -> KomboAPIError:
    """A 401 body, an APIStatusError with any status or none, or the bare base class."""
    body = draw(bodies())
    kind = draw(st.sampled_from(["401", "status", "base"]))
    if kind == "401":
        return body
    if kind == "base":
        return KomboAPIError(error=body.error, extra=body.extra)
    status = draw(st.none() | st.integers(100, 599))
    return APIStatusError(error=body.error, extra=body.extra, status_code=status)


# -- errors carrying secrets, for the leak properties of test_logs and test_structlog ----------------

TOKEN_CHARS = string.ascii_letters + string.digits + "-._~"
SECRET_MARK = "sEcR"
"""The start of every generated secret: found in no output unless a secret leaked."""
"""Characters that read the same in a header, a URL's user info and a query string."""


@st.composite
def secret_requests(draw: st.DrawFn) -> tuple[httpx.Request, list[str]]:
    """A request carrying six generated credentials in its headers and URL, and those credentials.

    Each starts with `SECRET_MARK`, which no code or payload holds (hypothesis also draws strings it
    finds in the code under test, such as function names that tracebacks show), so seeing one in an
    output can only mean a leak.
    """
    tokens = draw(
        st.lists(
            st.text(TOKEN_CHARS, min_size=12, max_size=44).map(SECRET_MARK.__add__), min_size=6, max_size=6
        )
    )
    auth, cookie, api_key, password, query_secret, other = tokens
    scheme = draw(st.sampled_from(["Bearer ", "Basic ", "Token token=", ""]))
    headers = {
        "Authorization": scheme + auth,
        "Cookie": f"session={cookie}; theme=dark",
        "X-Api-Key": api_key,
        draw(st.sampled_from(["X-Custom", "Proxy-Authorization", "X-Auth-Token"])): other,
    }
    param = draw(st.sampled_from(["api_key", "Token", "access_token", "X-Amz-Signature", "sig", "PASSWORD"]))
    candidate = draw(st.integers(0, 10**9))
    url = f"https://svc:{password}@api.kombo.dev/v1/ats/candidates/{candidate}/tags?{param}={query_secret}&page=2"
    return httpx.Request("POST", url, headers=headers), tokens


@st.composite
def errors_with_secrets(draw: st.DrawFn) -> tuple[KomboAPIError, list[str]]:
    """An error whose attached response's request is a `secret_requests` one, and its secrets."""
    request, tokens = draw(secret_requests())
    body = draw(bodies())
    status = draw(st.sampled_from([401, 400, 403, 429, 503]))
    request_id = draw(st.none() | st.text("0123456789abcdef", min_size=1, max_size=12).map("req_".__add__))
    response_headers = {} if request_id is None else {"X-Request-Id": request_id}
    response = httpx.Response(
        status,
        json=unstructure(body),
        headers=response_headers,
        request=request,
    )
    if status == 401:
        exc: KomboAPIError = attrs.evolve(body, raw_response=response)
    else:
        exc = APIStatusError(error=body.error, extra=body.extra, status_code=status, raw_response=response)
    seen = repr(body) + json.dumps(unstructure(body), ensure_ascii=False) + str(body)
    assume(not any(t in seen for t in tokens))
    return exc, tokens


# -- errors carrying personal data in their message and title, for the withholding properties ---------

PERSONAL_MARK = "pErSoNaL"
"""The start of every generated message and title: found in no withheld output unless one leaked."""


@st.composite
def with_personal_data(draw: st.DrawFn, exc: KomboAPIError) -> KomboAPIError:
    """*exc* with a generated message, and a title where it has one, each starting with `PERSONAL_MARK`."""
    text = st.text(min_size=0, max_size=30).map(PERSONAL_MARK.__add__)
    assume(PERSONAL_MARK not in json.dumps(unstructure(exc), ensure_ascii=False))
    error = exc.error
    title = draw(text) if isinstance(error.title, str) else error.title
    return attrs.evolve(exc, error=attrs.evolve(error, message=draw(text), title=title))


def personal_errors() -> st.SearchStrategy[KomboAPIError]:
    """`api_errors` whose message and string title start with `PERSONAL_MARK`."""
    return api_errors().flatmap(with_personal_data)


def errors_with_secrets_and_personal_data() -> st.SearchStrategy[tuple[KomboAPIError, list[str]]]:
    """`errors_with_secrets` whose message and string title also start with `PERSONAL_MARK`."""
    return errors_with_secrets().flatmap(
        lambda case: with_personal_data(case[0]).map(lambda exc: (exc, case[1]))
    )
