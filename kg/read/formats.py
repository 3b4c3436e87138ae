"""Which format a file is in: by its extension when it has a known one (``.gz`` looks
through to the name inside), else by sniffing the start of its text. JSON is told apart
by content either way (an OpenAlex work, a Semantic Scholar paper, or plain records).

A file nothing recognises is an error, never read as page text by default: the page
reader finds no paper in most text and would report nothing useful. Page text is read
from .txt and .md files, when asked for, or from stdin that no other format claims.
"""

from __future__ import annotations

import csv
import os
import re

from kg.errors import UnknownFormatError
from kg.read.fields import FieldMap
from kg.read.page import looks_like_page

FORMATS = ("page", "jsonl", "csv", "tsv", "bibtex", "arxiv", "openalex", "s2")
STDIN_NAME = "<stdin>"
JSON_FORMATS = frozenset({"jsonl", "openalex", "s2"})

_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".xml": "arxiv",
    ".atom": "arxiv",
    ".txt": "page",
    ".md": "page",
}
_OPENALEX = re.compile(r'"(?:abstract_inverted_index|authorships)"\s*:|"https://openalex\.org/W\d+"')
_S2 = re.compile(r'"paperId"\s*:')
_ATOM = re.compile(r"<(?:\w+:)?feed\b[^>]*xmlns(?::\w+)?\s*=\s*[\"']http://www\.w3\.org/2005/Atom[\"']")
_BIBTEX = re.compile(r"^[ \t]*@[A-Za-z]+[ \t]*[{(]", re.MULTILINE)


def extension_format(path: str) -> str | None:
    """The format the name of ``path`` says, looking through ``.gz``; None if it says none.

    >>> extension_format("works.JSONL.gz"), extension_format("part_000.gz"), extension_format("a.pdf")
    ('jsonl', None, None)
    """
    stem, extension = os.path.splitext(path)
    if extension.lower() == ".gz":
        stem, extension = os.path.splitext(stem)
    return _EXTENSIONS.get(extension.lower())


def detect_format(path: str, head: str, field_map: FieldMap | None = None) -> str:
    """The format of ``path``: by its extension when it has a known one, else by sniffing
    ``head`` (the start of the text). Raises UnknownFormatError when neither tells.

    >>> detect_format("papers.NDJSON", "")
    'jsonl'
    >>> detect_format("-", "Title,Abstract,Year\\n")
    'csv'
    >>> detect_format("works.json", '{"id": "https://openalex.org/W1", "authorships": []}')
    'openalex'
    >>> detect_format("notes.dat", "%PDF-1.7")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownFormatError: cannot tell the format of notes.dat (known: page|jsonl|csv|tsv|bibtex|arxiv|openalex|s2)
    """
    text = head.lstrip("\ufeff").lstrip()
    by_name = extension_format(path)
    if by_name in JSON_FORMATS:
        return _json_kind(text)
    if by_name is not None:
        return by_name
    fmt = _sniffed(text, field_map or {})
    if fmt is None and path == "-" and looks_like_page(text):
        fmt = "page"
    if fmt is None:
        name = STDIN_NAME if path == "-" else path
        raise UnknownFormatError(f"cannot tell the format of {name} (known: {'|'.join(FORMATS)})")
    return fmt


def _sniffed(text: str, field_map: FieldMap) -> str | None:
    if text.startswith(("{", "[")):
        return _json_kind(text)
    if text.startswith("<"):
        return "arxiv" if _ATOM.search(text) else None
    first_line = text.split("\n", 1)[0]
    needed = {field_map.get(field, field).lower() for field in ("title", "abstract")}
    if "\t" in first_line and needed <= set(_column_names(first_line, "\t")):
        return "tsv"
    if needed <= set(_column_names(first_line, ",")):
        return "csv"
    return "bibtex" if _BIBTEX.search(text) else None


def _json_kind(text: str) -> str:
    """openalex, s2 or (plain records, and any other JSON) jsonl."""
    if _OPENALEX.search(text):
        return "openalex"
    if _S2.search(text):
        return "s2"
    return "jsonl"


def _column_names(line: str, delimiter: str) -> list[str]:
    try:
        row = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
    return [name.strip().lower() for name in row]
