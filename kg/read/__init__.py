"""Read papers from the files researchers have, as a stream: Hugging Face Daily Papers
page text, JSON Lines, JSON arrays, CSV, TSV, BibTeX, arXiv Atom feeds, OpenAlex works
and Semantic Scholar papers; any of them gzip-compressed; or a directory of them.

Every reader yields :class:`~kg.model.Paper` records in input order and reports what it
could not read as :class:`~kg.model.ReadProblem` records in the same stream, so one bad
record never stops the rest of a file. Only file-level failures (missing file, unknown
format, a bad field map) raise :class:`~kg.errors.InputError`.

How bytes become text is :mod:`kg.read.decode`; which format a file is in,
:mod:`kg.read.formats`; how fields become a Paper, :mod:`kg.read.fields`. An abstract
longer than ``MAX_ABSTRACT_CHARS`` is reported and skipped (spaCy refuses such texts,
and no abstract is that long).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import os
from collections.abc import Callable, Iterable, Iterator

from kg.errors import InputError, UnknownFormatError
from kg.model import Paper, ReadProblem
from kg.read.decode import Record, Text, open_file, open_input, read_text
from kg.read.delimited import read_csv, read_tsv
from kg.read.directory import read_directory
from kg.read.fields import MAX_ABSTRACT_CHARS, MAX_ID_CHARS, FieldMap, check_field_map, stable_paper_id
from kg.read.formats import FORMATS, STDIN_NAME, detect_format
from kg.read.jsonl import read_json
from kg.read.openalex import work_record
from kg.read.page import read_page
from kg.read.semantic_scholar import paper_record

__all__ = [
    "FORMATS",
    "ON_DUPLICATE",
    "MAX_ABSTRACT_CHARS",
    "MAX_ID_CHARS",
    "STDIN_NAME",
    "detect_format",
    "read_papers",
    "read_records",
    "stable_paper_id",
]

Reader = Callable[[str, Iterator[str], list[ReadProblem], FieldMap], Iterator[Record]]


def _imported_when_used(module: str, name: str) -> Reader:
    """The reader ``module.name``, imported on its first call: the XML and BibTeX parsers
    cost a tenth of a second to import, paid only for those inputs."""

    def read(*args) -> Iterator[Record]:
        return getattr(importlib.import_module(module), name)(*args)

    return read


_READERS: dict[str, Reader] = {
    "page": read_page,
    "jsonl": read_json,
    "csv": read_csv,
    "tsv": read_tsv,
    "bibtex": _imported_when_used("kg.read.bibtex", "read_bibtex"),
    "arxiv": _imported_when_used("kg.read.arxiv", "read_arxiv"),
    "openalex": functools.partial(read_json, mapper=work_record),
    "s2": functools.partial(read_json, mapper=paper_record),
}


def read_records(
    path: str, fmt: str | None = None, field_map: dict[str, str] | None = None
) -> Iterator[Paper | ReadProblem]:
    """Papers and problems from one file or directory (``-`` is stdin), in input order.
    ``field_map`` names where kg fields come from: ``{"abstract": "paperAbstract"}``
    reads the abstract from field ``paperAbstract``.

    Checks the format name, the field map, that the file can be opened and (unless
    ``fmt`` says) what format it is in before returning, so the caller gets an
    :class:`InputError` at once rather than on first iteration.
    """
    name = STDIN_NAME if path == "-" else path
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"{name}: unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    fields = check_field_map(field_map)
    if path == "-":
        with open_input(path) as stream:  # stdin cannot be read twice: its text is kept
            text = read_text(name, stream)
        if isinstance(text, ReadProblem):
            return iter([text])
        return _records(name, text, fmt or detect_format(path, text.head, fields), fields)
    if os.path.isdir(path):
        return read_directory(path, fmt, fields, _read_file)
    with open_file(path) as stream:
        text = read_text(path, stream)
        if fmt is None and not isinstance(text, ReadProblem):
            fmt = detect_format(path, text.head, fields)
    return _read_file(path, fmt, fields)


ON_DUPLICATE = ("keep", "skip", "error")


def read_papers(
    paths: Iterable[str], fmt: str | None = None, field_map: dict[str, str] | None = None,
    on_duplicate: str = "keep",
) -> tuple[list[Paper], list[ReadProblem]]:
    """All papers from ``paths`` and everything that could not be read.

    A record whose id was seen before is the same paper when its title and abstract are
    too: it is read once. With other content, ``on_duplicate`` says what happens: ``keep``
    it under a derived id (``id~<content hash>``) and report it, ``skip`` it and report
    it, or stop with an :class:`InputError` (``error``). Every file is checked before any
    is read, so a typo in the last path fails fast.
    """
    if on_duplicate not in ON_DUPLICATE:
        raise ValueError(f"on_duplicate must be one of {', '.join(ON_DUPLICATE)}, not {on_duplicate!r}")
    streams = [read_records(path, fmt, field_map) for path in paths]
    papers: list[Paper] = []
    problems: list[ReadProblem] = []
    first: dict[str, Paper] = {}
    for stream in streams:
        for record in stream:
            if isinstance(record, ReadProblem):
                problems.append(record)
                continue
            seen = first.get(record.id)
            if seen is None:
                first[record.id] = record
                papers.append(record)
            elif _content(seen) != _content(record):  # the same content again is the same paper: one node
                kept, problem = _other_content(record, seen, on_duplicate, first)
                problems.append(problem)
                if kept is not None:
                    papers.append(kept)
    return papers, problems


def _content(paper: Paper) -> str:
    return stable_paper_id(paper.title, paper.abstract)


def _other_content(
    paper: Paper, seen: Paper, on_duplicate: str, first: dict[str, Paper]
) -> tuple[Paper | None, ReadProblem]:
    """What becomes of a record whose id an earlier record with other content has."""
    file, line = paper.origin.rsplit(":", 1)
    why = f"duplicate id {paper.id!r} with other content (first at {seen.origin})"
    if on_duplicate == "error":
        raise InputError(f"{paper.origin}: {why}")
    if on_duplicate == "skip":
        return None, ReadProblem(file, int(line), why + "; skipped")
    derived = f"{paper.id}~{_content(paper)[:8]}"
    if derived in first:  # this content came under this id before
        return None, ReadProblem(file, int(line), why + f"; the same as {first[derived].origin}, read once", skipped=False)
    kept = dataclasses.replace(paper, id=derived)
    first[derived] = kept
    return kept, ReadProblem(file, int(line), why + f"; kept as {derived!r}", skipped=False)


def _read_file(path: str, fmt: str | None, fields: FieldMap) -> Iterator[Record]:
    """Records of one file, opened when the first is asked for and closed after the last."""
    with open_file(path) as stream:
        text = read_text(path, stream)
        if isinstance(text, ReadProblem):
            yield text
            return
        if fmt is None:
            try:
                fmt = detect_format(path, text.head, fields)
            except UnknownFormatError as error:  # in a directory: report the file, read the rest
                yield ReadProblem(path, 1, str(error).replace(f"of {path} ", "") + "; file skipped")
                return
        yield from _records(path, text, fmt, fields)


def _records(name: str, text: Text, fmt: str, fields: FieldMap) -> Iterator[Record]:
    return _READERS[fmt](name, text.lines, text.warnings, fields)
