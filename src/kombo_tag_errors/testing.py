"""Test helpers for your own suite: an httpx transport that answers like the endpoint.

`KomboEndpoint` is a request handler that answers with the responses you give it, in order: an error
body, a status (``429``), a code, a `ResponseCase` drawn from `kombo_tag_errors.strategies.responses`,
or an `httpx.Response`.
It serves an `httpx.Client` and an `httpx.AsyncClient` alike (`KomboEndpoint.transport`), and plugs into
respx (``side_effect=``) and pytest-httpx (``httpx_mock.add_callback``) as it is::

    endpoint = KomboEndpoint(429, 429, 200)
    client = httpx.Client(transport=endpoint.transport())

Needs httpx only; hypothesis only for the strategies that draw cases.
"""

from __future__ import annotations

import re
from typing import Final, TypeAlias

import httpx

from ._api import dumps
from ._codes import ErrorCode
from ._models import KomboAPIError, PostAtsCandidatesCandidateIDTagsError
from ._statuses import STATUSES_BY_CODE, statuses_for
from ._wire import ResponseCase, content_codings, encode_content, make_response

__all__ = [
    "ENDPOINT_URL",
    "Answer",
    "KomboEndpoint",
    "ResponseCase",
    "content_codings",
    "encode_content",
    "error_response",
    "make_response",
]

ENDPOINT_URL: Final = re.compile(r"https://api\.kombo\.dev/v1/ats/candidates/[^/?#]+/tags")
"""The endpoint's URL, as a pattern respx and pytest-httpx match requests with."""

Answer: TypeAlias = "KomboAPIError | ResponseCase | httpx.Response | ErrorCode | str | int"
"""What `KomboEndpoint` answers with: a body, a drawn case, a response, a code, or a status."""

_SUCCESS: Final = b'{"status":"success","data":{}}'
_JSON: Final = ("content-type", "application/json")


def _default_code(status: int) -> ErrorCode | None:
    """A code Kombo sends with *status*: one whose first status it is, else one it is among, else none."""
    codes = STATUSES_BY_CODE.items()
    first = (c for c, statuses in codes if statuses[0] == status)
    return next(first, next((c for c, statuses in codes if status in statuses), None))


def _body_response(body: KomboAPIError, status: int, request: httpx.Request | None) -> httpx.Response:
    headers = [_JSON]
    if status == 429:
        headers.append(("retry-after", "1"))
    return make_response(status, headers, dumps(body), request=request)


def error_response(answer: Answer, request: httpx.Request | None = None) -> httpx.Response:
    """The `httpx.Response` of one *answer*, for *request* if given.

    A body is sent as compact JSON with its status (`~kombo_tag_errors.APIStatusError` needs its
    ``status_code``), a code with the first status Kombo sends it with (an unknown code with 400), an
    error status with a body whose code goes with it (``error.code`` null where none does), a 2xx with
    the endpoint's success body.
    A 429 carries ``Retry-After: 1``.
    A `ResponseCase` gives a fresh response; an `httpx.Response` is returned as it is.
    """
    if isinstance(answer, httpx.Response):
        return answer
    if isinstance(answer, ResponseCase):
        return answer.response(request)
    if isinstance(answer, KomboAPIError):
        if answer.status_code is None:
            raise ValueError("an APIStatusError needs its status_code to be sent")
        return _body_response(answer, answer.status_code, request)
    if isinstance(answer, bool) or not isinstance(answer, int | str):
        raise TypeError(f"not an answer: {answer!r}")
    if isinstance(answer, str):
        code: ErrorCode | str | None = answer
        status = statuses_for(answer)[0]
    elif 200 <= answer < 300:
        return make_response(answer, [_JSON], _SUCCESS, request=request)
    elif 400 <= answer <= 599:
        code, status = _default_code(answer), answer
    else:
        raise ValueError(f"a status answer is a 2xx, 4xx or 5xx, not {answer}")
    error = PostAtsCandidatesCandidateIDTagsError(
        message=f"HTTP {status}", code=code, title=None, log_url=None
    )
    return _body_response(KomboAPIError(error=error), status, request)


class KomboEndpoint:
    """A request handler answering like the endpoint: *answers* in order, then the last one again.

    Call it with an ``httpx.Request``; it records each request in `requests`.
    """

    def __init__(self, *answers: Answer) -> None:
        if not answers:
            raise ValueError("KomboEndpoint needs at least one answer")
        for answer in answers:
            if isinstance(answer, KomboAPIError) and answer.status_code is None:
                raise ValueError("an APIStatusError needs its status_code to be sent")
        self.answers: tuple[Answer, ...] = answers
        self.requests: list[httpx.Request] = []
        """The requests answered so far."""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        """The next answer's response to *request*."""
        answer = self.answers[min(len(self.requests), len(self.answers) - 1)]
        self.requests.append(request)
        return error_response(answer, request)

    def transport(self) -> httpx.MockTransport:
        """An ``httpx.MockTransport`` answering every request, for a sync or an async client."""
        return httpx.MockTransport(self)
