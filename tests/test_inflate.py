"""The bounded decoders: every coding and chain of codings decodes exactly, in bounded steps."""

from __future__ import annotations

import itertools
import sys
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kombo_tag_errors._inflate import STEP, Undecodable, decoder_for

brotli = pytest.importorskip("brotli", reason="the br decoder needs brotli (in the test group)")
zstandard = pytest.importorskip("zstandard", reason="the zstd decoder needs zstandard (in the test group)")


def encode(coding: str, data: bytes) -> bytes:
    """*data* in one content coding ("deflate-raw": deflate without zlib's header, as some servers send)."""
    if coding == "gzip":
        c = zlib.compressobj(6, wbits=31)
        return c.compress(data) + c.flush()
    if coding in ("deflate", "deflate-raw"):
        c = zlib.compressobj(6, wbits=15 if coding == "deflate" else -15)
        return c.compress(data) + c.flush()
    if coding == "br":
        return bytes(brotli.compress(data))
    if coding == "zstd":
        return bytes(zstandard.ZstdCompressor().compress(data))
    assert coding == "identity"
    return data


def header(coding: str) -> str:
    """The ``Content-Encoding`` token of *coding*."""
    return "deflate" if coding == "deflate-raw" else coding


def decode(codings: list[str], wire: bytes, cuts: list[int], limit: int) -> tuple[bytes, list[int]]:
    """What the decoders hand on from *wire* cut at *cuts*, stopping past *limit*, and the piece sizes."""
    kept = bytearray()
    sizes: list[int] = []

    def sink(data: bytes) -> bool:
        sizes.append(len(data))
        kept.extend(data)
        return len(kept) > limit

    chain = decoder_for([header(c) for c in codings], sink)
    bounds = [0, *sorted(cuts), len(wire)]
    for a, b in itertools.pairwise(bounds):
        if chain.write(wire[a:b]):
            break
    else:
        chain.close()
    return bytes(kept), sizes


CODINGS = st.sampled_from(["identity", "gzip", "deflate", "deflate-raw", "br", "zstd"])


@given(
    head=st.binary(max_size=3000),
    repeats=st.integers(0, 300_000),
    codings=st.lists(CODINGS, min_size=1, max_size=3),
    cuts=st.lists(st.integers(0, 4000), max_size=6),
)
def test_decodes_exactly(head: bytes, repeats: int, codings: list[str], cuts: list[int]) -> None:
    """Any body in any chain of codings, cut anywhere, decodes to itself, in pieces of at most 512 KiB."""
    body = head + b"ab" * repeats
    wire = body
    for coding in codings:
        wire = encode(coding, wire)
    out, sizes = decode(codings, wire, [c for c in cuts if c <= len(wire)], limit=len(body))
    assert out == body
    if set(codings) != {"identity"}:  # identity hands on the wire's chunks as they come
        assert all(size <= 8 * STEP for size in sizes)  # zstd's bound; 2 * STEP for the others


@given(size=st.integers(1, 600_000), coding=CODINGS, limit=st.integers(0, 200_000))
def test_stops_past_the_limit(size: int, coding: str, limit: int) -> None:
    """Decoding stops within one piece (512 KiB) past the limit: never the whole body when it is longer."""
    body = bytes(size)
    out, _sizes = decode([coding], encode(coding, body), [], limit)
    assert out == body[: len(out)]
    assert len(out) <= limit + 8 * STEP or len(out) == len(body)  # 512 KiB: zstd's bound
    assert len(out) >= min(limit + 1, len(body))


def test_zstd_frames_follow_one_another() -> None:
    """Two zstd frames back to back decode to both bodies, as httpx decodes them."""
    wire = encode("zstd", b"first ") + encode("zstd", b"second")
    assert decode(["zstd"], wire, [3, 20], limit=100)[0] == b"first second"


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br", "zstd"])
def test_garbage_is_undecodable(coding: str) -> None:
    """Bytes not in the coding raise Undecodable."""
    with pytest.raises(Undecodable):
        decode([coding], b"\xff" * 64 + b"not compressed at all", [], limit=100)


@pytest.mark.parametrize("coding", ["compress", "x-gzip", "snappy"])
def test_unknown_coding_is_undecodable(coding: str) -> None:
    """A coding httpx does not decode is refused before anything is read, naming it."""
    with pytest.raises(Undecodable, match=repr(coding)):
        decoder_for([coding], lambda data: False)


@pytest.mark.parametrize(("coding", "package"), [("br", "brotli"), ("zstd", "zstandard")])
def test_missing_package_is_undecodable(monkeypatch: pytest.MonkeyPatch, coding: str, package: str) -> None:
    """Without brotli or zstandard importable, their coding is refused naming the package to install."""
    monkeypatch.setitem(sys.modules, package, None)  # what an uninstalled package gives import
    with pytest.raises(Undecodable, match=f"needs the {package} package"):
        decoder_for([coding], lambda data: False)


def test_empty_coding_names_and_identity_are_skipped() -> None:
    """Blank entries and identity in the header decode nothing: the bytes pass as they are."""
    out, _sizes = decode(["identity"], b"abc", [1], limit=10)
    assert out == b"abc"
    kept: list[bytes] = []
    chain = decoder_for([" ", "IDENTITY", ""], lambda data: kept.append(data) is not None)
    assert chain.write(b"xyz") is False
    assert chain.close() is False
    assert kept == [b"xyz"]
