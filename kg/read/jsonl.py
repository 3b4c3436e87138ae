"""JSON records: JSON Lines (one object per line, streamed), or a JSON document (an array
of records, an API page, one pretty-printed object), whichever the file's first line
starts. The same code reads plain records, OpenAlex works and Semantic Scholar papers;
only the mapper from one JSON value to a Paper differs.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from kg.model import ReadProblem
from kg.read.decode import Record, drain, interleave
from kg.read.fields import FieldMap, _first_line, _record, _type_name
from kg.read.jsonscan import (
    _LONE_SURROGATE,
    PAGE_KEYS,
    SURROGATE_WHY,
    Item,
    NotADocument,
    _has_lone_surrogate,
    items,
)

#: One JSON value (its file, line, the field map, its place in its array) to a record.
Mapper = Callable[[Any, str, int, FieldMap | None, int | None], Record]


def plain_record(value: Any, name: str, line: int, field_map: FieldMap | None, index: int | None) -> Record:
    """A record whose keys are kg's own field names (title, abstract, ...)."""
    if not isinstance(value, dict):
        where = f" (element {index})" if index is not None else ""
        return ReadProblem(name, line, f"expected a JSON object, got {_type_name(value)}{where}")
    record = _record(value, name, line, field_map)
    if isinstance(record, ReadProblem) and index is not None:
        return ReadProblem(record.file, record.line, f"{record.why} (element {index})")
    return record


def read_json(
    name: str,
    lines: Iterator[str],
    warnings: list[ReadProblem],
    field_map: FieldMap | None = None,
    mapper: Mapper = plain_record,
) -> Iterator[Record]:
    """Records of JSON Lines or of a JSON document; blank lines are skipped."""
    numbered = enumerate(lines, 1)
    first = next(((number, line) for number, line in numbered if line.strip()), None)
    if first is None:
        yield from drain(warnings)
        return
    number, line = first
    if not _opens_document(line):
        yield from _read_lines(name, itertools.chain([(number, line)], numbered), warnings, field_map, mapper)
        return
    text = [line, *(rest for _, rest in numbered)]  # a document is read whole
    document = items("\n".join(text), number)
    try:
        opening = next(document, None)
    except NotADocument:  # say, JSON Lines whose first record is cut off at the line's end
        yield from _read_lines(name, enumerate(text, number), warnings, field_map, mapper)
        return
    found = itertools.chain([opening] if opening else [], document)
    yield from interleave((_mapped(item, name, field_map, mapper) for item in found), warnings)


def _opens_document(line: str) -> bool:
    """Whether the first line starts a JSON document rather than a line of JSON Lines: an
    array, or an object that goes on past the end of the line.

    >>> _opens_document("["), _opens_document("{"), _opens_document('{"title": "x"}')
    (True, True, False)
    >>> _opens_document('{"title": "cut off')  # a broken JSON Lines record
    False
    """
    text = line.strip()
    if text.startswith("["):
        return True
    if not text.startswith("{"):
        return False
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return error.pos >= len(text)
    except (RecursionError, ValueError):
        return False
    return False


def _mapped(item: Item, name: str, field_map: FieldMap | None, mapper: Mapper) -> Record:
    if item.why is not None:
        where = f" (element {item.index})" if item.index is not None and "rest of file" not in item.why else ""
        return ReadProblem(name, item.line, item.why + where)
    return mapper(item.value, name, item.line, field_map, item.index)


# --- JSON Lines ---------------------------------------------------------------------


def _read_lines(
    name: str,
    numbered: Iterable[tuple[int, str]],
    warnings: list[ReadProblem],
    field_map: FieldMap | None,
    mapper: Mapper,
) -> Iterator[Record]:
    """One JSON value per line. A line holding an API page gives the page's records."""
    for number, line in numbered:
        yield from drain(warnings)
        if line.strip():
            yield from _line_records(name, number, line, field_map, mapper)
    yield from drain(warnings)


def _line_records(name: str, number: int, line: str, field_map: FieldMap | None, mapper: Mapper) -> Iterator[Record]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        yield ReadProblem(name, number, f"invalid JSON: {error.msg} (column {error.colno})")
        return
    except RecursionError:
        yield ReadProblem(name, number, "invalid JSON: nested too deeply")
        return
    except ValueError as error:  # an integer of more than 4,300 digits; drop Python's advice
        yield ReadProblem(name, number, f"invalid JSON: {_first_line(error).split('; use ')[0]}")
        return
    if isinstance(value, dict) and _LONE_SURROGATE.search(line) and _has_lone_surrogate(value):
        yield ReadProblem(name, number, SURROGATE_WHY)
        return
    page = _page_records(value)
    if page is None:
        yield mapper(value, name, number, field_map, None)
        return
    for index, element in enumerate(page, 1):
        yield mapper(element, name, number, field_map, index)


def _page_records(value: Any) -> list[Any] | None:
    """The records of an API page (OpenAlex ``results``, Semantic Scholar ``data``), or
    None when ``value`` is a record itself."""
    if isinstance(value, dict) and "title" not in value:
        for key in PAGE_KEYS:
            if isinstance(value.get(key), list):
                return value[key]
    return None
