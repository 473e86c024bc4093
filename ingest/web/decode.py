"""Content-Encoding, undone a bounded piece at a time.

httpx decodes each network read whole: 13 KB of zstd (one read) became 400 MiB in one call,
before the page size limit saw a byte of it (issue 15). These decoders never return more than
`piece` bytes from one call, so a caller that stops at its limit holds at most the limit plus
one piece, whatever the compression ratio.

Only codings decodable this way are offered in Accept-Encoding: gzip and deflate (zlib, with
`max_length`) and zstd when `zstandard` is installed (a stream reader, with the window capped at
the 8 MiB that RFC 9659 asks HTTP decoders to support). Brotli is not offered: the `brotli`
binding can only bound its output from version 1.2 on, and it is not installed. A server that
sends an encoding it was not offered, or several stacked, is refused rather than trusted.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import IO, cast

from ingest.web.errors import FetchFailed

PIECE = 64 * 1024
ZSTD_MAX_WINDOW = 8 * 2**20

try:
    import zstandard
except ImportError:  # optional: present here through langsmith, offered only when it is
    zstandard = None  # type: ignore[assignment]

Decoder = Callable[[Iterable[bytes], int], Iterator[bytes]]


def _identity(raw: Iterable[bytes], piece: int) -> Iterator[bytes]:
    for data in raw:
        for start in range(0, len(data), piece):
            yield data[start : start + piece]


def _zlib(wbits: int, name: str) -> Decoder:
    def decode(raw: Iterable[bytes], piece: int) -> Iterator[bytes]:
        decompressor: zlib._Decompress | None = None
        try:
            for data in raw:
                if decompressor is None:
                    decompressor = _zlib_start(data, wbits)
                while data:
                    out = decompressor.decompress(data, piece)
                    data = decompressor.unconsumed_tail
                    if out:
                        yield out
                    if decompressor.eof:
                        return  # trailing bytes after the stream end are ignored, as httpx does
                # All input taken, but output may still be pending behind a full piece.
                while out := decompressor.decompress(b"", piece):
                    yield out
            if decompressor is not None and (tail := decompressor.flush()):
                yield tail  # at most what a piece-sized call left behind
        except zlib.error as exc:
            raise FetchFailed(f"the {name} body is corrupt ({exc})") from None

    return decode


def _zlib_start(first: bytes, wbits: int) -> zlib._Decompress:
    # "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw deflate; the
    # two-byte zlib header tells them apart (as httpx's retry does, without decoding twice).
    if wbits == zlib.MAX_WBITS and not _zlib_header(first):
        return zlib.decompressobj(-zlib.MAX_WBITS)
    return zlib.decompressobj(wbits)


def _zlib_header(data: bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


class _ChunkReader:
    """A file-like `read(size)` over an iterable of byte strings, for zstd's stream reader."""

    def __init__(self, raw: Iterable[bytes]) -> None:
        self._chunks = iter(raw)
        self._buffer = b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        if size < 0:
            size = len(self._buffer)
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data


def _zstd(raw: Iterable[bytes], piece: int) -> Iterator[bytes]:
    assert zstandard is not None
    decompressor = zstandard.ZstdDecompressor(max_window_size=ZSTD_MAX_WINDOW)
    try:
        source = cast(IO[bytes], _ChunkReader(raw))  # the stream reader only calls read()
        with decompressor.stream_reader(source, read_across_frames=True, closefd=False) as reader:
            while out := reader.read(piece):
                yield out
    except zstandard.ZstdError as exc:
        raise FetchFailed(f"the zstd body is corrupt or needs too much memory ({exc})") from None


_DECODERS: dict[str, Decoder] = {
    "identity": _identity,
    "gzip": _zlib(zlib.MAX_WBITS | 16, "gzip"),
    "x-gzip": _zlib(zlib.MAX_WBITS | 16, "gzip"),
    "deflate": _zlib(zlib.MAX_WBITS, "deflate"),
}
if zstandard is not None:
    _DECODERS["zstd"] = _zstd

ACCEPT_ENCODING = ", ".join(name for name in ("gzip", "deflate", "zstd") if name in _DECODERS)


def decoded(raw: Iterable[bytes], content_encoding: str, piece: int = PIECE) -> Iterator[bytes]:
    """The body in `raw` (as sent) without its Content-Encoding, in pieces of at most `piece`."""
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"] or ["identity"]
    if len(codings) > 1:
        raise FetchFailed(f"stacked Content-Encoding not supported ({content_encoding})")
    decoder = _DECODERS.get(codings[0])
    if decoder is None:
        raise FetchFailed(f"Content-Encoding {codings[0]} was not offered and is not decoded")
    return decoder(raw, piece)
