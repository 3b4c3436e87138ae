"""Read papers from Hugging Face Daily Papers page text, JSON Lines or CSV, as a stream.

Every reader yields :class:`~kg.model.Paper` records in input order and reports what it
could not read as :class:`~kg.model.ReadProblem` records in the same stream, so one bad
record never stops the rest of a file. Only file-level failures (missing file, unknown
format) raise :class:`~kg.errors.InputError`.

Decoding is the same for every format: bytes are read as UTF-8 (a UTF-8 BOM is dropped);
a file starting with a UTF-16 or UTF-32 BOM is decoded as such; CRLF and LF both end a
line. A line that is not valid UTF-8 is decoded as Latin-1 *and* reported with a
``ReadProblem`` ("not valid UTF-8; read as Latin-1"), while its paper is still read, so a
mis-encoded file is never read silently. A file with NUL bytes in its first 8 KB (and no
UTF-16/32 BOM) is reported as binary and skipped, unless its NULs are those of UTF-16 text
without a BOM, which is decoded and reported the same way. An empty file is reported; an
abstract longer than ``MAX_ABSTRACT_CHARS`` is reported and skipped (spaCy refuses such
texts, and no abstract is that long).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import itertools
import json
import math
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO, NamedTuple, TypeAlias

from kg.errors import InputError
from kg.model import Paper, ReadProblem

__all__ = [
    "FORMATS",
    "MAX_ABSTRACT_CHARS",
    "MAX_ID_CHARS",
    "STDIN_NAME",
    "detect_format",
    "read_papers",
    "read_records",
    "stable_paper_id",
]

FORMATS = ("page", "jsonl", "csv")
STDIN_NAME = "<stdin>"
MAX_ABSTRACT_CHARS = 100_000  # a long abstract has 3,000; spaCy's own limit is 1,000,000
MAX_ID_CHARS = 1_000  # Neo4j cannot index an id of more than about 8 KB

Record: TypeAlias = Paper | ReadProblem

_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".txt": "page",
    ".md": "page",
}
_HEAD_BYTES = 8192  # read once, for the BOM, the binary check and format sniffing
_CHUNK_BYTES = 65536
_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_KNOWN_FIELDS = frozenset({"id", "title", "abstract", "url", "year", "authors", "venue"})
_MAX_TITLE_CHARS = 300
_CSV_FIELD_LIMIT = 2**31 - 1  # the csv default (128 KB) would split a huge field into junk rows
_MIN_PARAGRAPH_CHARS = 150
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?:\s|$)")
_AUTHOR_SEPARATOR = re.compile(r"\s*,\s*|\s+and\s+")
_WHITESPACE = re.compile(r"\s+")
_LONE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]", re.ASCII)  # a surrogate escape: check the record
# Lines of the Daily Papers page itself; never a title, even right before a paragraph.
_PAGE_CHROME = frozenset(
    {"new", "subscribe", "daily papers", "get trending papers in your email inbox!",
     "byak and the research community"}
)
_DATE_LINE = re.compile(
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(, ?\d{4})?", re.IGNORECASE
)


class _FieldError(ValueError):
    """A field of one record has the wrong type or value; the message is the reason shown."""


# --- ids and format detection -------------------------------------------------------


def stable_paper_id(title: str, abstract: str) -> str:
    """Id for a record that has none, the same in every run and every input format, so
    re-runs merge papers instead of duplicating them. Case and runs of whitespace in the
    title, and runs of whitespace in the abstract, do not change it.

    >>> stable_paper_id("A  Title", "Some text.") == stable_paper_id("a title", "Some\\ntext.")
    True
    >>> len(stable_paper_id("A Title", "Some text."))
    16
    """
    key = _squash(title).casefold() + "\n" + _squash(abstract)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def detect_format(path: str, head: str) -> str:
    """The format of ``path``: by its extension when it has a known one, else by sniffing
    ``head`` (the start of the text): ``{`` means JSON Lines, a first line with ``title``
    and ``abstract`` columns means CSV, anything else is page text.

    >>> detect_format("papers.NDJSON", "")
    'jsonl'
    >>> detect_format("-", "Title,Abstract,Year\\n")
    'csv'
    """
    extension = os.path.splitext(path)[1].lower()
    return _EXTENSIONS.get(extension) or _sniff_format(head)


def _sniff_format(head: str) -> str:
    text = head.lstrip("\ufeff").lstrip()
    if text.startswith("{"):
        return "jsonl"
    first_line = text.split("\n", 1)[0]
    if {"title", "abstract"} <= set(_column_names(first_line)):
        return "csv"
    return "page"


def _column_names(line: str) -> list[str]:
    try:
        row = next(csv.reader([line]), [])
    except csv.Error:
        return []
    return [name.strip().lower() for name in row]


# --- public entry points ------------------------------------------------------------


def read_records(path: str, fmt: str | None = None) -> Iterator[Paper | ReadProblem]:
    """Papers and problems from one file (``-`` is stdin), in input order.

    Checks the format name and that the file can be opened before returning, so the
    caller gets an :class:`InputError` at once rather than on first iteration.
    """
    name = STDIN_NAME if path == "-" else path
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"{name}: unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    if path != "-":
        _open_file(path).close()
    return _read(path, name, fmt)


def read_papers(
    paths: Iterable[str], fmt: str | None = None
) -> tuple[list[Paper], list[ReadProblem]]:
    """All papers from ``paths`` and everything that could not be read, including a second
    record with an id already seen (kept once, so the graph gets one node per paper).

    Every file is checked before any is read, so a typo in the last path fails fast.
    """
    streams = [read_records(path, fmt) for path in paths]
    papers: list[Paper] = []
    problems: list[ReadProblem] = []
    first_origin: dict[str, str] = {}
    for stream in streams:
        for record in stream:
            if isinstance(record, ReadProblem):
                problems.append(record)
            elif record.id in first_origin:
                problems.append(_duplicate(record, first_origin[record.id]))
            else:
                first_origin[record.id] = record.origin
                papers.append(record)
    return papers, problems


def _duplicate(paper: Paper, first: str) -> ReadProblem:
    file, line = paper.origin.rsplit(":", 1)
    return ReadProblem(file, int(line), f"duplicate id {paper.id!r} (first at {first}); skipped")


# --- opening and decoding -----------------------------------------------------------


def _open_file(path: str) -> BinaryIO:
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


def _open(path: str) -> contextlib.AbstractContextManager[BinaryIO]:
    if path == "-":  # looked up now, not at import, so tests and callers can replace it
        return contextlib.nullcontext(sys.stdin.buffer)
    return _open_file(path)


def _read(path: str, name: str, fmt: str | None) -> Iterator[Record]:
    with _open(path) as stream:
        head = stream.read(_HEAD_BYTES)
        encoding, head = _encoding_of(head)
        warnings: list[ReadProblem] = []
        if encoding is None:
            encoding = _utf16_without_bom(head)
            if encoding is None:
                yield ReadProblem(name, 1, "binary file; skipped")
                return
            warnings.append(ReadProblem(name, 1, f"no byte-order mark; read as {encoding.upper()}"))
        text = head.decode(encoding, errors="replace")
        if len(head) < _HEAD_BYTES and not text.strip("\ufeff \t\r\n\f\v"):
            yield ReadProblem(name, 1, "empty file; nothing to read")
            return
        lines = _decoded_lines(name, head, stream, encoding, warnings)
        fmt = fmt or detect_format(path, text)
        yield from _READERS[fmt](name, lines, warnings)


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


def _decoded_lines(
    name: str, head: bytes, stream: BinaryIO, encoding: str, warnings: list[ReadProblem]
) -> Iterator[str]:
    """Lines without their line ending. Decoding problems go to ``warnings``, for the
    format reader to pass on next to the record they belong to."""
    if encoding == "utf-8":
        return _utf8_lines(name, _byte_lines(head, stream), warnings)
    return _wide_lines(name, head, stream, encoding, warnings)


def _byte_lines(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The lines of ``head`` followed by the rest of ``stream`` (which may be stdin, so it
    cannot be rewound): complete the head's last line, then read on line by line."""
    if head and not head.endswith(b"\n"):
        head += stream.readline()
    yield from io.BytesIO(head)
    yield from stream


def _utf8_lines(
    name: str, raw_lines: Iterable[bytes], warnings: list[ReadProblem]
) -> Iterator[str]:
    for number, raw in enumerate(raw_lines, 1):
        raw = raw.removesuffix(b"\n").removesuffix(b"\r")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            warnings.append(ReadProblem(name, number, "not valid UTF-8; read as Latin-1"))
            text = raw.decode("latin-1")
        yield text


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
            yield line.removesuffix("\r")
    if pending:
        yield pending.removesuffix("\r")


def _drain(warnings: list[ReadProblem]) -> Iterator[ReadProblem]:
    """Pass on decoding problems collected so far (they sit in a list because the csv
    module pulls lines itself)."""
    yield from warnings
    warnings.clear()


# --- one record from named fields (JSON Lines and CSV) ------------------------------


def _record(fields: dict[str, Any], name: str, line: int) -> Record:
    """A Paper from a record's fields, or the first reason it cannot be one."""
    try:
        return _paper(fields, f"{name}:{line}")
    except _FieldError as error:
        return ReadProblem(name, line, str(error))


def _paper(fields: dict[str, Any], origin: str) -> Paper:
    title = _required_text(fields, "title")
    abstract = _checked_length(_required_text(fields, "abstract"))
    return Paper(
        id=_paper_id(fields.get("id")) or stable_paper_id(title, abstract),
        title=title,
        abstract=abstract,
        url=_optional_text(fields, "url"),
        year=_year(fields.get("year")),
        authors=_authors(fields.get("authors")),
        venue=_optional_text(fields, "venue"),
        extra={key: value for key, value in fields.items() if key not in _KNOWN_FIELDS},
        origin=origin,
    )


def _required_text(fields: dict[str, Any], key: str) -> str:
    value = fields.get(key)
    if value is None:
        raise _FieldError(f"missing {key!r}")
    if not isinstance(value, str):
        raise _FieldError(f"{key!r} must be a string, not {_type_name(value)}")
    if not value.strip():
        raise _FieldError(f"empty {key!r}")
    return value.strip()


def _checked_length(abstract: str) -> str:
    if len(abstract) > MAX_ABSTRACT_CHARS:
        raise _FieldError(f"'abstract' is too long ({len(abstract):,} characters; at most {MAX_ABSTRACT_CHARS:,})")
    return abstract


def _optional_text(fields: dict[str, Any], key: str) -> str | None:
    value = fields.get(key)
    if value is not None and not isinstance(value, str):
        raise _FieldError(f"{key!r} must be a string, not {_type_name(value)}")
    return (value.strip() or None) if value else None


def _paper_id(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is not None and not isinstance(value, str):
        raise _FieldError(f"'id' must be a string or an integer, not {_type_name(value)}")
    if value and len(value.strip()) > MAX_ID_CHARS:
        raise _FieldError(f"'id' is too long ({len(value.strip()):,} characters; at most {MAX_ID_CHARS:,})")
    return (value.strip() or None) if value else None


def _year(value: Any) -> int | None:
    """Accepts 2023, "2023" and the 2023.0 that spreadsheet and pandas exports write; at
    most four digits (a bigger number is no year, and Neo4j cannot store it past 2**63)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    year = None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, (str, float)):
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if number.is_integer():
            year = int(number)
    if year is None:
        raise _FieldError(f"'year' must be a whole number, not {value!r}")
    if abs(year) > 9999:
        raise _FieldError("'year' out of range (at most 4 digits)")
    return year


def _authors(value: Any) -> tuple[str, ...]:
    """A list of names, or one string of names separated by commas and/or " and "."""
    if value is None:
        return ()
    if isinstance(value, str):
        names = _AUTHOR_SEPARATOR.split(value)
    elif isinstance(value, list) and all(isinstance(name, str) for name in value):
        names = value
    else:
        raise _FieldError("'authors' must be a list of strings or a string")
    return tuple(name.strip() for name in names if name.strip())


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:200]


def _type_name(value: Any) -> str:
    return {dict: "object", list: "array", bool: "boolean", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def _squash(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


# --- JSON Lines ---------------------------------------------------------------------


def _read_jsonl(name: str, lines: Iterator[str], warnings: list[ReadProblem]) -> Iterator[Record]:
    """One JSON object per line; blank lines are skipped."""
    for number, line in enumerate(lines, 1):
        yield from _drain(warnings)
        if line.strip():
            yield _jsonl_record(name, number, line)
    yield from _drain(warnings)


def _jsonl_record(name: str, number: int, line: str) -> Record:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        return ReadProblem(name, number, f"invalid JSON: {error.msg} (column {error.colno})")
    except RecursionError:
        return ReadProblem(name, number, "invalid JSON: nested too deeply")
    except ValueError as error:  # an integer of more than 4,300 digits; drop Python's advice
        return ReadProblem(name, number, f"invalid JSON: {_first_line(error).split('; use ')[0]}")
    if not isinstance(value, dict):
        return ReadProblem(name, number, f"expected a JSON object, got {_type_name(value)}")
    if _LONE_SURROGATE.search(line) and _has_lone_surrogate(value):
        return ReadProblem(name, number, "invalid JSON: a \\uXXXX escape is half a surrogate pair, not a character")
    return _record(value, name, number)


def _has_lone_surrogate(value: Any) -> bool:
    """Python reads "\\ud800" as a lone surrogate, which no UTF-8 file, id or database can hold."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# --- CSV ----------------------------------------------------------------------------


def _read_csv(name: str, lines: Iterator[str], warnings: list[ReadProblem]) -> Iterator[Record]:
    """A header row naming the columns (any case), then one record per row. Quoted fields
    may hold commas and newlines; a record's line is the line where it starts."""
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:  # process-wide; raising it harms no one
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    rows = _csv_rows(csv.reader((line + "\n" for line in lines), strict=True))
    first = next(rows, None)
    header = None if first is None else _csv_header(name, *first)
    yield from _drain(warnings)
    if not isinstance(header, list):
        if header is not None:
            yield header
        return
    for line, row in rows:
        yield from _drain(warnings)
        if isinstance(row, str):
            yield ReadProblem(name, line, f"invalid CSV: {row}")
        else:
            yield _csv_record(name, line, header, row)
    yield from _drain(warnings)


def _csv_rows(reader: Any) -> Iterator[tuple[int, list[str] | str]]:
    """(start line, row) for each non-blank row. A row the csv module rejects (say, a
    stray quote) comes as its error message, and reading goes on at the next line."""
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # without Python's advice on opening files, which kg does itself
            yield start, str(error).split(" - do you need to open the file")[0]
        else:
            if row:
                yield start, row


def _csv_header(name: str, line: int, row: list[str] | str) -> list[str] | ReadProblem:
    """The lower-cased column names, or why the file cannot be read as CSV."""
    if isinstance(row, str):
        return ReadProblem(name, line, f"invalid CSV header: {row}; file skipped")
    columns = [column.strip().lower() for column in row]
    missing = [column for column in ("title", "abstract") if column not in columns]
    if missing:
        names = " and ".join(repr(column) for column in missing)
        return ReadProblem(name, line, f"CSV header has no {names} column; file skipped")
    repeated = sorted({column for column in columns if column and columns.count(column) > 1})
    if repeated:
        return ReadProblem(name, line, f"CSV header repeats column {repeated[0]!r}; file skipped")
    return columns


def _csv_record(name: str, line: int, header: list[str], row: list[str]) -> Record:
    surplus = row[len(header) :]
    if any(value.strip() for value in surplus):  # trailing empty cells are harmless
        count = len(surplus)
        plural = "s" if count != 1 else ""
        return ReadProblem(name, line, f"{count} extra field{plural} (header has {len(header)} columns)")
    fields = {
        column: value
        for column, value in zip(header, row)
        if column in _KNOWN_FIELDS or value.strip()  # empty extra cells are not kept
    }
    return _record(fields, name, line)


# --- Hugging Face Daily Papers page text --------------------------------------------


class _Block(NamedTuple):
    """Consecutive non-blank lines and the line number of the first."""

    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def _read_page(name: str, lines: Iterator[str], warnings: list[ReadProblem]) -> Iterator[Record]:
    """A paper is a title line followed by its abstract paragraph; everything else on the
    page (menus, dates, "Subscribe") is chrome and skipped. A paragraph with no title line
    before it is reported, since its paper would otherwise vanish."""
    title: _Block | None = None
    for block, following in _with_next(_blocks(lines)):
        yield from _drain(warnings)
        if title is not None:
            yield _page_paper(name, title, block)
            title = None
        elif _is_title(block) and following is not None and _is_paragraph(following):
            title = block
        elif _is_paragraph(block):
            yield ReadProblem(name, block.line, "paragraph without a title line; skipped")
    yield from _drain(warnings)


def _page_paper(name: str, title: _Block, abstract: _Block) -> Record:
    try:
        _checked_length(abstract.text)
    except _FieldError as error:
        return ReadProblem(name, title.line, str(error))
    return Paper(
        id=stable_paper_id(title.text, abstract.text),
        title=title.text,
        abstract=abstract.text,
        origin=f"{name}:{title.line}",
    )


def _blocks(lines: Iterable[str]) -> Iterator[_Block]:
    block: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            start = start if block else number
            block.append(line)
        elif block:
            yield _Block(start, tuple(block))
            block = []
    if block:
        yield _Block(start, tuple(block))


def _with_next(blocks: Iterator[_Block]) -> Iterator[tuple[_Block, _Block | None]]:
    """Each block with the one after it (None for the last): whether a line is a title
    depends on whether a paragraph follows."""
    previous = next(blocks, None)
    for block in blocks:
        yield previous, block  # type: ignore[misc]
        previous = block
    if previous is not None:
        yield previous, None


def _is_title(block: _Block) -> bool:
    """One line, not a sentence (no final period), not too long, not page chrome."""
    text = block.text
    return (
        len(block.lines) == 1
        and len(text) < _MAX_TITLE_CHARS
        and not text.endswith(".")
        and sum(char.isalpha() for char in text) >= 2
        and text.casefold() not in _PAGE_CHROME
        and not _DATE_LINE.fullmatch(text)
    )


def _is_paragraph(block: _Block) -> bool:
    """Long, or several sentences; a title-like line is never taken as an abstract."""
    if _is_title(block):
        return False
    text = block.text
    return len(text) >= _MIN_PARAGRAPH_CHARS or len(_SENTENCE_END.findall(text)) >= 2


_READERS: dict[str, Callable[[str, Iterator[str], list[ReadProblem]], Iterator[Record]]] = {
    "page": _read_page,
    "jsonl": _read_jsonl,
    "csv": _read_csv,
}
