"""A real HTTP server on 127.0.0.1 for the httpx tests: one path per response case."""

from __future__ import annotations

import email.utils
import gzip
import json
import queue
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import attrs

__all__ = ["CASES", "HUGE_TOTAL", "RETRY_AFTER_DATE", "Case", "LocalServer", "serve"]


def _json(obj: Any) -> bytes:
    return json.dumps(obj).encode()


def _error(code: str | None, title: str | None, message: str) -> bytes:
    log_url = "https://app.kombo.dev/logs/xyz"
    return _json(
        {"status": "error", "error": {"code": code, "title": title, "message": message, "log_url": log_url}}
    )


@attrs.frozen
class Case:
    """One response the server sends: *body* is the decoded body, sent in *chunks* pieces (chunked if > 1)."""

    status: int
    body: bytes
    content_type: str | None = "application/json"
    gzip: bool = False
    chunks: int = 1
    headers: tuple[tuple[str, str], ...] = ()


RETRY_AFTER_DATE = email.utils.formatdate(time.time() + 3600, usegmt=True)
"""An HTTP date an hour after the tests started, sent as ``Retry-After`` by ``429-retry-after-date``."""


def _limited(code: str, *headers: tuple[str, str], status: int = 429) -> Case:
    return Case(status, _error(code, "Limited", "Too many requests."), headers=headers)


CASES: dict[str, Case] = {
    "401-2023": Case(401, _json({"status": "error", "error": {"message": "Invalid authorization header!"}})),
    "401-2026": Case(
        401,
        _error("PLATFORM.AUTHENTICATION_INVALID", "Authentication invalid", "The API key is not valid."),
        content_type="application/json; charset=utf-8",
    ),
    "401-unknown-code": Case(
        401,
        _json(
            {
                "status": "error",
                "error": {
                    "code": "PLATFORM.KEY_ROTATED",
                    "title": None,
                    "message": "Rotated.",
                    "hint": [1, 2],
                },
                "request_id": "req_42",
            }
        ),
        content_type="application/problem+json",
    ),
    "401-no-content-type": Case(
        401, _json({"status": "error", "error": {"message": "m"}}), content_type=None
    ),
    "401-not-json": Case(401, b"Unauthorized", content_type="text/plain"),
    "401-bad-json": Case(401, b'{"status": "error", "error": '),
    "401-wrong-shape": Case(401, _json({"status": "error", "error": {"message": 5}})),
    "401-empty": Case(401, b"", content_type=None),
    "401-gzip": Case(401, _error("PLATFORM.AUTHENTICATION_INVALID", None, "gzipped"), gzip=True),
    "401-slow-chunked": Case(401, _error(None, None, "slow " * 40), chunks=8),
    "403": Case(403, _error("INTEGRATION.PERMISSION_MISSING", "Permission missing", "No tags scope.")),
    "404": Case(404, _error("PLATFORM.INTEGRATION_NOT_FOUND", "Not found", "No such integration.")),
    "503": Case(503, _error("REMOTE.SERVICE_UNAVAILABLE", "Unavailable", "The ATS is down.")),
    "503-html": Case(503, b"<html><body><h1>503 Service Unavailable</h1></body></html>", "text/html"),
    "401-gzip-over-limit": Case(401, b'{"status":"error","error":{"message":"' + b"x" * (2 << 20), gzip=True),
    "429-retry-after-ms": _limited("PLATFORM.RATE_LIMIT_EXCEEDED", ("retry-after-ms", "1500")),
    "429-retry-after": _limited("PLATFORM.RATE_LIMIT_EXCEEDED", ("Retry-After", "3")),
    "429-retry-after-date": _limited("PLATFORM.RATE_LIMIT_EXCEEDED", ("Retry-After", RETRY_AFTER_DATE)),
    "429-ratelimit-reset": _limited(
        "PLATFORM.RATE_LIMIT_EXCEEDED",
        ("ratelimit-limit", "100"),
        ("ratelimit-remaining", "0"),
        ("ratelimit-reset", "12"),
        ("X-Request-Id", "req_7"),
    ),
    "429-concurrency": _limited(
        "PLATFORM.CONCURRENCY_LIMIT_EXCEEDED", ("Concurrency-Limit", "30"), ("Concurrency-Remaining", "0")
    ),
    "429-unknown-code": _limited("PLATFORM.NEW_LIMIT_EXCEEDED", ("Retry-After", "4")),
    "429-empty": Case(429, b"", content_type=None, headers=(("Retry-After", "2"),)),
    "409-setup-sync-pending": _limited("INTEGRATION.SETUP_SYNC_PENDING", status=409),
    "409-setup-incomplete": _limited("INTEGRATION.SETUP_INCOMPLETE", status=409),
    "409-qa-failed": _limited("INTEGRATION.QA_FAILED", status=409),
    "503-setup-sync-pending": _limited("INTEGRATION.SETUP_SYNC_PENDING", status=503),
    "401-rate-limit-code": _limited("PLATFORM.RATE_LIMIT_EXCEEDED", ("Retry-After", "1"), status=401),
    "502-html": Case(
        502, b"<html><body>502 Bad Gateway</body></html>", "text/html", headers=(("Retry-After", "5"),)
    ),
    "200": Case(200, _json({"status": "success", "data": {"tags": ["a"]}})),
}
"""The cases served at ``/<name>`` (and any path below it).

``/huge`` streams `HUGE_TOTAL` bytes on top, ``/echo`` echoes. ``/once/<token>/<first>/<then>`` answers case
*first* to the first request with that token and *then* to every later one; `LocalServer.hits` counts them.
"""

HUGE_TOTAL = 64 << 20
_HUGE_CHUNK = 64 << 10


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LocalServer

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self._answer()

    def _answer(self) -> None:
        steps = self.path.split("?")[0].strip("/").split("/")
        name = steps[0]
        if name in self.server.raw:
            self._send_raw(*self.server.raw[name])
            return
        if name == "huge":
            self._stream_huge()
            return
        if name == "echo":
            self._echo()
            return
        if name == "once":
            token, first, then = steps[1:4]
            with self.server.lock:
                seen = self.server.hits.get(token, 0)
                self.server.hits[token] = seen + 1
            name = then if seen else first
        case = CASES[name]
        body = gzip.compress(case.body) if case.gzip else case.body
        self.send_response(case.status)
        if case.content_type is not None:
            self.send_header("Content-Type", case.content_type)
        if case.gzip:
            self.send_header("Content-Encoding", "gzip")
        for header, value in case.headers:
            self.send_header(header, value)
        if case.chunks == 1:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        size = -(-len(body) // case.chunks)
        for i in range(0, len(body), size):
            self._chunk(body[i : i + size])
            time.sleep(0.02)
        self._chunk(b"")

    def _echo(self) -> None:
        """A 401 whose message quotes the request's Authorization header and path, as some servers do."""
        message = f"Invalid key {self.headers.get('Authorization')} for {self.path}"
        body = _json({"status": "error", "error": {"message": message}, "seen": dict(self.headers)})
        self._send_raw(401, {"Content-Type": "application/json"}, body)

    def _send_raw(self, status: int, headers: dict[str, str], body: bytes) -> None:
        """A response registered in `LocalServer.raw`, its body sent as is in 16 KiB writes."""
        self.send_response(status)
        for key, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(key, value)
        self.end_headers()
        try:
            for i in range(0, len(body), 16 << 10):
                self.wfile.write(body[i : i + (16 << 10)])
        except OSError:  # the client closed the connection: what a bounded read does
            self.close_connection = True

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _stream_huge(self) -> None:
        """A 401 whose chunked body runs to HUGE_TOTAL bytes; reports how many it sent."""
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        sent = 0
        chunk = b'{"status":"error","error":{"message":"'.ljust(_HUGE_CHUNK, b"x")
        try:
            while sent < HUGE_TOTAL:
                self._chunk(chunk)
                sent += len(chunk)
                chunk = b"x" * _HUGE_CHUNK
            self._chunk(b"")
        except OSError:  # the client closed the connection: what a bounded read does
            self.close_connection = True
        self.server.huge_sent.put(sent)


class LocalServer(ThreadingHTTPServer):
    """The server; `huge_sent` receives, per ``/huge`` request, the body bytes it wrote before it stopped.

    `hits` counts the requests of each ``/once/<token>/...`` token.
    `raw` maps more paths to a status, headers and the body bytes sent as they are (already encoded).
    """

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.huge_sent: queue.Queue[int] = queue.Queue()
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        self.raw: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client drops its connection; report anything else."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        """The base URL, ``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serve() -> Iterator[LocalServer]:
    """Run a `LocalServer` in a thread for the duration of the block."""
    server = LocalServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
