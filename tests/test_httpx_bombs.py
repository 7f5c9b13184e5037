"""Decompression bombs through httpx: memory stays within a small multiple of max_bytes, whatever the coding.

Each measurement runs in its own child process (peak RSS from ``resource.getrusage``, then the peak of a
second, traced run from ``tracemalloc``) against a real
server on 127.0.0.1 that sends 1 GiB of zeros, compressed, as a 401.
The figures are printed (``pytest -s``); the bound is asserted, no time is.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from collections.abc import Iterator

import pytest

from local_server import LocalServer, serve

brotli = pytest.importorskip("brotli", reason="the br bombs need brotli (in the test group)")
zstandard = pytest.importorskip("zstandard", reason="the zstd bombs need zstandard (in the test group)")

GIB = 1 << 30
MIB = 1 << 20
CODINGS = ["gzip", "deflate", "br", "zstd", "gzip, br", "zstd, deflate"]

CHILD = r"""
import asyncio, functools, json, resource, sys, tracemalloc
import httpx
from kombo_tag_errors.httpx import UnexpectedResponse, araise_for_error, raise_for_error

url, mode, max_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3])


def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def sync(path):
    hook = functools.partial(raise_for_error, max_bytes=max_bytes)
    with httpx.Client(event_hooks={"response": [hook]}) as client:
        try:
            client.get(url + path)
        except UnexpectedResponse as e:
            return e.errors[0].message
        except Exception as e:
            return type(e).__name__


async def asynchronous(path):
    hook = functools.partial(araise_for_error, max_bytes=max_bytes)
    async with httpx.AsyncClient(event_hooks={"response": [hook]}) as client:
        try:
            await client.get(url + path)
        except UnexpectedResponse as e:
            return e.errors[0].message
        except Exception as e:
            return type(e).__name__


run = sync if mode == "hook" else lambda path: asyncio.run(asynchronous(path))
run("/401-gzip")  # everything imported and warmed up before the baseline
before = peak()
problem = run("/bomb")
growth = peak() - before
tracemalloc.start()  # a second run, traced: Python's own allocations at their peak
run("/bomb")
traced = tracemalloc.get_traced_memory()[1]
print(json.dumps({"growth": growth, "traced": traced, "problem": problem}))
"""


def _zeros() -> Iterator[bytes]:
    block = bytes(MIB)
    for _ in range(GIB // MIB):
        yield block


def _compress(coding: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
    """*chunks* encoded with one content coding, as a stream of pieces."""
    if coding in ("gzip", "deflate"):
        c = zlib.compressobj(9, wbits=31 if coding == "gzip" else 15)
        yield from (c.compress(chunk) for chunk in chunks)
        yield c.flush()
    elif coding == "br":
        b = brotli.Compressor(quality=5)
        yield from (b.process(chunk) for chunk in chunks)
        yield b.finish()
    else:
        z = zstandard.ZstdCompressor(level=1).compressobj()
        yield from (z.compress(chunk) for chunk in chunks)
        yield z.flush()


def bomb(content_encoding: str) -> bytes:
    """1 GiB of zeros encoded with each coding of *content_encoding*, in the order listed."""
    chunks: Iterator[bytes] = _zeros()
    for coding in content_encoding.split(", "):
        chunks = _compress(coding, chunks)
    return b"".join(chunks)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    """The local server, one bomb path per coding."""
    with serve() as server:
        yield server


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    """Each bomb, built once."""
    return {coding: bomb(coding) for coding in CODINGS}


def test_bombs_are_bombs(bombs: dict[str, bytes]) -> None:
    """Each bomb is a few kilobytes (zstd, br) to a megabyte (gzip, deflate) on the wire."""
    sizes = {coding: len(data) for coding, data in bombs.items()}
    print(f"\nbomb sizes on the wire (bytes, for 1 GiB of zeros): {sizes}")
    assert all(size < 2 * MIB for size in sizes.values())


@pytest.mark.parametrize("mode", ["hook", "ahook"])
@pytest.mark.parametrize("max_bytes", [MIB, 1024])
@pytest.mark.parametrize("coding", CODINGS)
def test_bomb_memory_is_bounded(
    server: LocalServer, bombs: dict[str, bytes], coding: str, max_bytes: int, mode: str
) -> None:
    """A 1 GiB bomb in any coding costs at most max_bytes * 4 + 32 MiB of peak memory, then is refused."""
    headers = {"Content-Type": "application/json", "Content-Encoding": coding}
    server.raw["bomb"] = (401, headers, bombs[coding])
    out = subprocess.run(
        [sys.executable, "-c", CHILD, server.url, mode, str(max_bytes)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result = json.loads(out.stdout.splitlines()[-1])
    growth, traced = result["growth"] / MIB, result["traced"] / MIB
    print(f"\n{coding!r} max_bytes={max_bytes} {mode}: RSS growth {growth:.2f} MiB, traced {traced:.2f} MiB")
    assert result["problem"] == f"body larger than max_bytes={max_bytes}"
    assert result["growth"] < max_bytes * 4 + 32 * MIB
    assert result["traced"] < max_bytes * 4 + 32 * MIB
