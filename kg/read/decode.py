"""Bytes to lines of text, the same for every format.

Bytes are read as UTF-8 (a UTF-8 BOM is dropped); a file starting with a UTF-16 or UTF-32
BOM is decoded as such; CRLF and LF both end a line. A line that is not valid UTF-8 is
decoded as Latin-1 *and* reported with a ``ReadProblem`` ("not valid UTF-8; read as
Latin-1"), while its paper is still read, so a mis-encoded file is never read silently. A
file with NUL bytes in its first 8 KB (and no UTF-16/32 BOM) is reported as binary and
skipped, unless its NULs are those of UTF-16 text without a BOM, which is decoded and
reported the same way. An empty file is reported.

Gzip data (known by its magic bytes, whatever the file is called) is decompressed as a
stream, so a compressed dump is never held in memory whole; a truncated or corrupt one is
read up to the damage and then reported.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import itertools
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO, NamedTuple

from kg.errors import InputError
from kg.model import Paper, ReadProblem

Record = Paper | ReadProblem

HEAD_BYTES = 8192  # read once, for the BOM, the binary check and format sniffing
_CHUNK_BYTES = 65536
_GZIP_MAGIC = b"\x1f\x8b"
_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Text(NamedTuple):
    """A decoded input: the start of its text (for sniffing), its lines without line
    endings, and the decoding problems found so far (the list grows as lines are read)."""

    head: str
    lines: Iterator[str]
    warnings: list[ReadProblem]


def open_file(path: str) -> BinaryIO:
    """Open for reading bytes, turning OS errors into one line that names the file."""
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None


def open_input(path: str) -> contextlib.AbstractContextManager[BinaryIO]:
    """The file, or stdin for ``-`` (looked up now, so tests and callers can replace it)."""
    if path == "-":
        return contextlib.nullcontext(sys.stdin.buffer)
    return open_file(path)


def read_text(name: str, stream: BinaryIO) -> Text | ReadProblem:
    """The text of ``stream``, or the one problem that keeps it from being read at all
    (binary, empty, not valid gzip)."""
    head = stream.read(HEAD_BYTES)
    if head.startswith(_GZIP_MAGIC):
        stream = _Gunzip(_Prefixed(head, stream))
        head = stream.read(HEAD_BYTES)
        if stream.error:
            return ReadProblem(name, 1, f"not valid gzip data ({stream.error}); file skipped")
    encoding, head = _encoding_of(head)
    warnings: list[ReadProblem] = []
    if encoding is None:
        encoding = _utf16_without_bom(head)
        if encoding is None:
            return ReadProblem(name, 1, "binary file; skipped")
        warnings.append(ReadProblem(name, 1, f"no byte-order mark; read as {encoding.upper()}", skipped=False))
    text = head.decode(encoding, errors="replace")
    if len(head) < HEAD_BYTES and not text.strip("\ufeff \t\r\n\f\v"):
        return ReadProblem(name, 1, "empty file; nothing to read")
    lines = _decoded_lines(name, head, stream, encoding, warnings)
    return Text(text.lstrip("\ufeff"), lines, warnings)


def drain(warnings: list[ReadProblem]) -> Iterator[ReadProblem]:
    """Pass on decoding problems collected so far (they sit in a list because the csv
    module and the parsers pull lines themselves)."""
    yield from warnings
    warnings.clear()


def interleave(records: Iterable[Record], warnings: list[ReadProblem]) -> Iterator[Record]:
    """``records`` with the decoding problems placed before the first record at or after
    their line, for readers that take in the whole text before their first record."""
    for record in records:
        line = record.line if isinstance(record, ReadProblem) else int(record.origin.rsplit(":", 1)[1])
        while warnings and warnings[0].line <= line:
            yield warnings.pop(0)
        yield record
    yield from drain(warnings)


# --- gzip -----------------------------------------------------------------------------


class _Prefixed(io.RawIOBase):
    """The bytes already read for sniffing, then the rest of the stream (which may be
    stdin, so it cannot be rewound)."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head, self._stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        data = self._head[: len(buffer)] if self._head else self._stream.read(len(buffer))
        self._head = self._head[len(data) :]
        buffer[: len(data)] = data
        return len(data)


class _Gunzip:
    """A decompressing reader that ends, instead of raising, where the data is damaged;
    ``error`` then says why, for the line reader to report."""

    def __init__(self, raw: io.RawIOBase) -> None:
        self._file = gzip.GzipFile(fileobj=io.BufferedReader(raw), mode="rb")
        self.error: str | None = None

    def read(self, size: int = -1) -> bytes:
        return self._guarded(self._file.read, size)

    def readline(self) -> bytes:
        return self._guarded(self._file.readline, -1)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")

    def _guarded(self, read, size: int) -> bytes:  # type: ignore[no-untyped-def]
        if self.error:
            return b""
        try:
            return read(size)
        except EOFError:
            self.error = "the gzip data ends early"
        except (gzip.BadGzipFile, zlib.error, OSError) as error:
            self.error = str(error) or type(error).__name__
        return b""


def _gzip_end(name: str, stream: object, lines: Iterator[str], warnings: list[ReadProblem]) -> Iterator[str]:
    """``lines``, then a problem at the last line read if the gzip data broke off there."""
    number = 0
    for line in lines:
        number += 1
        yield line
    if isinstance(stream, _Gunzip) and stream.error:
        warnings.append(ReadProblem(name, max(number, 1), f"damaged gzip data ({stream.error}); rest of file skipped"))


# --- decoding -------------------------------------------------------------------------


def _encoding_of(head: bytes) -> tuple[str | None, bytes]:
    """The encoding to read with (None: binary) and the head without a UTF-8 BOM.
    UTF-16/32 BOMs stay, because their decoders need them to know the byte order."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, head
    if b"\0" in head:
        return None, head
    return "utf-8", head.removeprefix(codecs.BOM_UTF8)


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when ``head`` is plainly UTF-16 text without a BOM: NULs in
    at least half of the high bytes (ASCII and Latin text), none in the low ones, and it
    decodes to text without control characters. Else None (binary)."""
    head = head[: len(head) // 2 * 2]
    for encoding, high, low in (("utf-16-le", head[1::2], head[0::2]), ("utf-16-be", head[0::2], head[1::2])):
        if len(high) >= 4 and high.count(0) * 2 >= len(high) and 0 not in low:
            try:
                text = head.decode(encoding)
            except UnicodeDecodeError:  # a surrogate cut in half at the end of head
                text = head[:-2].decode(encoding, errors="replace")
            if all(char.isprintable() or char in "\t\r\n" for char in text):
                return encoding
    return None


class CRLFLine(str):
    """A line that ended in CR LF, for the readers that keep line endings inside a field
    (a quoted CSV field that spans lines keeps its text exactly)."""

    __slots__ = ()


def _line(text: str, crlf: bool) -> str:
    return CRLFLine(text) if crlf else text


def _decoded_lines(
    name: str, head: bytes, stream: BinaryIO, encoding: str, warnings: list[ReadProblem]
) -> Iterator[str]:
    """Lines without their line ending. Decoding problems go to ``warnings``, for the
    format reader to pass on next to the record they belong to."""
    if encoding == "utf-8":
        lines = _utf8_lines(name, _byte_lines(head, stream), warnings)
    else:
        lines = _wide_lines(name, head, stream, encoding, warnings)
    return _gzip_end(name, stream, lines, warnings)


def _byte_lines(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The lines of ``head`` followed by the rest of ``stream``: complete the head's last
    line, then read on line by line."""
    if head and not head.endswith(b"\n"):
        head += stream.readline()
    yield from io.BytesIO(head)
    yield from stream


def _utf8_lines(name: str, raw_lines: Iterable[bytes], warnings: list[ReadProblem]) -> Iterator[str]:
    for number, raw in enumerate(raw_lines, 1):
        crlf = raw.endswith(b"\r\n")
        raw = raw.removesuffix(b"\n").removesuffix(b"\r")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            warnings.append(ReadProblem(name, number, "not valid UTF-8; read as Latin-1", skipped=False))
            text = raw.decode("latin-1")
        yield _line(text, crlf)


def _wide_lines(
    name: str, head: bytes, stream: BinaryIO, encoding: str, warnings: list[ReadProblem]
) -> Iterator[str]:
    """Lines of a UTF-16/32 file, decoded chunk by chunk (its bytes cannot be split on
    b"\\n"). Undecodable bytes end the file with a problem rather than a guess."""
    decoder = codecs.getincrementaldecoder(encoding)()
    chunks = itertools.chain([head], iter(lambda: stream.read(_CHUNK_BYTES), b""), [b""])
    pending = ""
    count = 0
    for chunk in chunks:  # head holds the BOM, so only the final b"" is empty
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            why = f"not valid {encoding.upper()}; rest of file skipped"
            warnings.append(ReadProblem(name, count + 1, why))
            return
        *complete, pending = (pending + text).split("\n")
        for line in complete:
            count += 1
            yield _line(line.removesuffix("\r"), line.endswith("\r"))
    if pending:
        yield pending.removesuffix("\r")
