"""BibTeX, as Zotero, Google Scholar and DBLP export it, split into entries by
bibtexparser (2.x). Titles, abstracts, names and venues lose their LaTeX
(:mod:`kg.read.latex`); ``journal`` or else ``booktitle`` is the venue; names are read
as "First Last" whichever way the file writes them. Each entry is reported at its own
``@`` line; an entry without an abstract is reported and skipped.

A paper's id is its stable content id (a citation key such as ``vaswani2017attention``
is the user's, and is kept in ``extra["bibtex_key"]``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import bibtexparser
from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ParsingFailedBlock

from kg.model import ReadProblem
from kg.read.decode import Record, interleave
from kg.read.fields import FieldMap, _first_line, _source_record
from kg.read.latex import latex_to_text

# bibtexparser logs each broken block as a warning; kg reports it itself, in one line.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

_NAME_FIELDS = frozenset({"author", "editor"})
_PLAIN_FIELDS = frozenset({"doi", "url", "eprint", "isbn", "issn"})  # no LaTeX, only escapes
_NAME_SEPARATOR = re.compile(r"\s+and\s+", re.IGNORECASE)
_ENTRY_KEY = re.compile(r"@\s*\w*\s*[{(]\s*([^,\s]*)")
_ESCAPE = re.compile(r"\\([_&%#$~])")


def read_bibtex(
    name: str, lines: Iterator[str], warnings: list[ReadProblem], field_map: FieldMap | None = None
) -> Iterator[Record]:
    """Papers of a .bib file, read whole (an export of 10,000 entries is a few MB)."""
    text = "\n".join(lines)
    try:  # parse_stack=[]: duplicate keys come back untouched by middleware, so kg does it all
        library = bibtexparser.parse_string(text, parse_stack=[])
    except Exception as error:  # the parser's own bugs ("please report"), on hostile input
        yield from interleave([ReadProblem(name, 1, f"cannot read BibTeX ({_first_line(error)}); file skipped")], warnings)
        return
    strings = {block.key.lower(): _value(block.value, {}) for block in library.strings}
    yield from interleave(_records(name, library.blocks, strings, field_map), warnings)


def _records(name: str, blocks: list[Any], strings: dict[str, str], field_map: FieldMap | None) -> Iterator[Record]:
    for block in blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, Entry):
            block = block.ignore_error_block  # a second entry with a key seen before: still a paper
        if isinstance(block, Entry):
            yield _entry_record(block, name, line, strings, field_map)
        elif isinstance(block, DuplicateFieldKeyBlock):
            fields = ", ".join(repr(key) for key in sorted(block.duplicate_keys))
            yield ReadProblem(name, line, f"entry repeats field {fields}; skipped ({_key_of(block.raw)})")
        elif isinstance(block, ParsingFailedBlock):
            error = block.error
            why = error.abort_reason if isinstance(error, BlockAbortedException) else _first_line(error)
            key = _key_of(block.raw)
            yield ReadProblem(name, line, f"invalid BibTeX: {why.strip()}; entry skipped" + (f" ({key})" if key else ""))


def _entry_record(entry: Entry, name: str, line: int, strings: dict[str, str], field_map: FieldMap | None) -> Record:
    raw: dict[str, Any] = {"bibtex_key": entry.key}
    for field in entry.fields:
        key = field.key.lower()
        if key not in raw and isinstance(field.value, str):
            value = _value(field.value, strings)
            if key in _NAME_FIELDS:
                raw[key] = names(value)
            elif key in _PLAIN_FIELDS:
                raw[key] = _ESCAPE.sub(r"\1", value.replace("{", "").replace("}", "")).strip()
            else:
                raw[key] = latex_to_text(value)
    kg = {
        "title": raw.get("title"),
        "abstract": raw.get("abstract"),
        "authors": raw.get("author"),
        "year": raw.get("year"),
        "doi": raw.get("doi"),
        "url": raw.get("url"),
        "venue": raw.get("journal") or raw.get("booktitle"),
    }
    extra = {"bibtex_key": entry.key, "bibtex_type": entry.entry_type.lower()}
    return _source_record(kg, extra, raw, field_map, name, line, entry.key or None)


def names(value: str) -> list[str]:
    """The people of an author or editor field, as "First Last": split on " and " and
    on commas outside braces (``{Barnes and Noble}`` is one name), LaTeX removed;
    ``and others`` (et al.) is no name.

    >>> names(r'M{\\"u}ller, J{\\"o}rg and {Barnes and Noble} AND de la Fontaine, Jr., Jean and others')
    ['Jörg Müller', 'Barnes and Noble', 'Jean de la Fontaine Jr.']
    """
    people = []
    for person in _split_outside_braces(value, _NAME_SEPARATOR):
        parts = [latex_to_text(part) for part in _split_outside_braces(person, re.compile(r"\s*,\s*"))]
        parts = [part for part in parts if part]
        if len(parts) == 2:  # Last, First
            parts = [parts[1], parts[0]]
        elif len(parts) >= 3:  # Last, Jr, First
            parts = [parts[2], parts[0], *parts[1:2], *parts[3:]]
        full = " ".join(parts)
        if full and full.casefold() != "others":
            people.append(full)
    return people


def _split_outside_braces(value: str, separator: re.Pattern[str]) -> list[str]:
    """``value`` split where ``separator`` matches outside braces."""
    masked = []
    depth = 0
    for char in value:  # the same length as value, braced text hidden from the separator
        depth += char == "{"
        masked.append("_" if depth > 0 or char == "}" else char)
        depth = max(depth - (char == "}"), 0)
    parts, start = [], 0
    for match in separator.finditer("".join(masked)):
        parts.append(value[start : match.start()])
        start = match.end()
    parts.append(value[start:])
    return [part.strip() for part in parts]


def _value(raw: str, strings: dict[str, str]) -> str:
    """A field value without its delimiters: ``{...}`` or ``"..."``, a number, or an
    ``@string`` name, any of them joined with ``#``.

    >>> _value('jmlr # " 2021"', {"jmlr": "JMLR"}), _value("{A {GAN}}", {}), _value("2020", {})
    ('JMLR 2021', 'A {GAN}', '2020')
    """
    pieces = []
    for piece in _split_concatenation(raw.strip()):
        if len(piece) >= 2 and (piece[0], piece[-1]) in (("{", "}"), ('"', '"')):
            pieces.append(piece[1:-1])
        else:
            pieces.append(strings.get(piece.lower(), piece))
    return "".join(pieces)


def _split_concatenation(raw: str) -> list[str]:
    parts, start, depth, quoted = [], 0, 0, False
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:index].strip())
            start = index + 1
    parts.append(raw[start:].strip())
    return [part for part in parts if part]


def _key_of(raw: str | None) -> str:
    match = _ENTRY_KEY.match(raw or "")
    return match.group(1) if match else ""
