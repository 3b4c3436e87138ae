"""CSV and TSV: a header row naming the columns (any case), then one record per row.

TSV is read with the same quoting rules as CSV (what spreadsheet programs and pandas
write): a field in double quotes may hold tabs and newlines.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from kg.model import ReadProblem
from kg.read.decode import CRLFLine, Record, drain
from kg.read.fields import _KNOWN_FIELDS, FieldMap, _record

_CSV_FIELD_LIMIT = 2**31 - 1  # the csv default (128 KB) would split a huge field into junk rows


def read_csv(
    name: str, lines: Iterator[str], warnings: list[ReadProblem], field_map: FieldMap | None = None
) -> Iterator[Record]:
    """Comma-separated records. Quoted fields may hold commas and newlines; a record's
    line is the line where it starts."""
    return _read_delimited(name, lines, warnings, field_map, ",", "CSV")


def read_tsv(
    name: str, lines: Iterator[str], warnings: list[ReadProblem], field_map: FieldMap | None = None
) -> Iterator[Record]:
    """Tab-separated records, read like CSV."""
    return _read_delimited(name, lines, warnings, field_map, "\t", "TSV")


def _read_delimited(
    name: str,
    lines: Iterator[str],
    warnings: list[ReadProblem],
    field_map: FieldMap | None,
    delimiter: str,
    kind: str,
) -> Iterator[Record]:
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:  # process-wide; raising it harms no one
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    # each line with the ending it had: a quoted field spanning lines keeps CR LF as written
    reader = csv.reader((line + ("\r\n" if isinstance(line, CRLFLine) else "\n") for line in lines),
                        delimiter=delimiter, strict=True)
    rows = _rows(reader)
    first = next(rows, None)
    header = None if first is None else _header(name, *first, kind, field_map or {})
    yield from drain(warnings)
    if not isinstance(header, list):
        if header is not None:
            yield header
        return
    sources = {source.casefold() for source in (field_map or {}).values()}
    for line, row in rows:
        yield from drain(warnings)
        if isinstance(row, str):
            yield ReadProblem(name, line, f"invalid {kind}: {row}")
        else:
            yield _row_record(name, line, header, row, sources, field_map)
    yield from drain(warnings)


def _rows(reader: Any) -> Iterator[tuple[int, list[str] | str]]:
    """(start line, row) for each non-blank row. A row the csv module rejects (say, a
    stray quote) comes as its error message, and reading goes on at the next line."""
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # without Python's advice on opening files, which kg does itself
            yield start, str(error).split(" - do you need to open the file")[0].replace("'\t'", "a tab")
        else:
            if row:
                yield start, row


def _header(name: str, line: int, row: list[str] | str, kind: str, field_map: FieldMap) -> list[str] | ReadProblem:
    """The lower-cased column names, or why the file cannot be read as CSV/TSV."""
    if isinstance(row, str):
        return ReadProblem(name, line, f"invalid {kind} header: {row}; file skipped")
    columns = [column.strip().lower() for column in row]
    needed = [field_map.get(field, field) for field in ("title", "abstract")]
    missing = [column for column in needed if column.lower() not in columns and "." not in column]
    if missing:
        names = " and ".join(repr(column) for column in missing)
        return ReadProblem(name, line, f"{kind} header has no {names} column; file skipped")
    repeated = sorted({column for column in columns if column and columns.count(column) > 1})
    if repeated:
        return ReadProblem(name, line, f"{kind} header repeats column {repeated[0]!r}; file skipped")
    return columns


def _row_record(
    name: str, line: int, header: list[str], row: list[str], sources: set[str], field_map: FieldMap | None
) -> Record:
    surplus = row[len(header) :]
    if any(value.strip() for value in surplus):  # trailing empty cells are harmless
        count = len(surplus)
        plural = "s" if count != 1 else ""
        return ReadProblem(name, line, f"{count} extra field{plural} (header has {len(header)} columns)")
    fields = {
        column: value
        for column, value in zip(header, row)
        if column in _KNOWN_FIELDS or column in sources or value.strip()  # empty extra cells are not kept
    }
    return _record(fields, name, line, field_map)
