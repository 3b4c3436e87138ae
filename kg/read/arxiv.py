"""arXiv API Atom feeds (``export.arxiv.org/api/query`` saved as .xml or .atom), parsed
as a stream with defusedxml: a document type declaration is refused outright, so no
entity is ever expanded and no other file or URL is ever read (an "entity bomb" is one
line, not a hang).

Each ``<entry>`` is a paper reported at the line it starts on. Its id is
``arxiv:<id>`` *without* the version (``arxiv:2301.00001``, ``arxiv:hep-th/9901001``):
a graph node is a paper, not one version of it, so fetching the feed again after a v3
merges with the papers of the v2 feed; the version is kept in ``extra["arxiv_version"]``.
Whitespace in titles and abstracts (the API wraps lines) is squashed. A broken entry is
reported and reading goes on at the next ``<entry>`` line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.expatreader import DefusedExpatParser

from kg.model import ReadProblem
from kg.read.decode import Record, drain
from kg.read.fields import FieldMap, _source_record, _squash

ATOM = "http://www.w3.org/2005/Atom"
ARXIV = "http://arxiv.org/schemas/atom"
_TEXT_FIELDS = {(ATOM, "id"), (ATOM, "title"), (ATOM, "summary"), (ATOM, "published"), (ATOM, "updated"),
                (ARXIV, "doi"), (ARXIV, "journal_ref"), (ARXIV, "comment")}
_ARXIV_ID = re.compile(r"arxiv\.org/abs/(.+?)(?:v(\d+))?$")
_ENTRY_START = re.compile(r"<entry[\s>/]")


class _NotAtom(Exception):
    """The root element is not an Atom <feed>."""


class _Feed(ContentHandler):
    """Entries as dicts, collected while the parser is fed (``take`` hands them over)."""

    def __init__(self, parser: DefusedExpatParser, line_offset: int) -> None:
        super().__init__()
        self.parser, self.offset = parser, line_offset
        self.prefixes: dict[str | None, str] = {}
        self.done: list[tuple[int, dict[str, Any]]] = []
        self.entry: dict[str, Any] | None = None
        self.entry_line = 0
        self.author: list[str] | None = None
        self.text: list[str] | None = None
        self.root: tuple[str | None, str] | None = None

    def take(self) -> list[tuple[int, dict[str, Any]]]:
        done, self.done = self.done, []
        return done

    def startPrefixMapping(self, prefix: str | None, uri: str) -> None:
        if self.root is None:
            self.prefixes[prefix] = uri

    def startElementNS(self, name: tuple[str | None, str], qname: Any, attrs: Any) -> None:
        if self.root is None:
            self.root = name
            if name != (ATOM, "feed"):
                raise _NotAtom(f"not an Atom feed (its root element is <{name[1]}>); file skipped")
            return
        if name == (ATOM, "entry") and self.entry is None:
            self.entry = {"authors": [], "categories": [], "links": []}
            self.entry_line = self.parser.getLineNumber() + self.offset
        elif self.entry is None:
            return
        elif name == (ATOM, "author"):
            self.author = []
        elif name in _TEXT_FIELDS or (name == (ATOM, "name") and self.author is not None):
            self.text = []
        elif name == (ARXIV, "primary_category"):
            self.entry.setdefault("primary_category", attrs.get((None, "term")))
        elif name == (ATOM, "category"):
            self.entry["categories"].append(attrs.get((None, "term")))
        elif name == (ATOM, "link"):
            self.entry["links"].append({key: attrs.get((None, key)) for key in ("rel", "href", "title")})

    def characters(self, content: str) -> None:
        if self.text is not None:
            self.text.append(content)

    def endElementNS(self, name: tuple[str | None, str], qname: Any) -> None:
        if self.entry is None:
            return
        if self.text is not None:
            text, self.text = "".join(self.text), None
            if name == (ATOM, "name") and self.author is not None:
                self.author.append(text)
            else:
                self.entry.setdefault(name[1], text)
        elif name == (ATOM, "author") and self.author is not None:
            self.entry["authors"].append(_squash(" ".join(self.author)))
            self.author = None
        elif name == (ATOM, "entry"):
            self.done.append((self.entry_line, self.entry))
            self.entry = None


def read_arxiv(
    name: str, lines: Iterator[str], warnings: list[ReadProblem], field_map: FieldMap | None = None
) -> Iterator[Record]:
    """Papers of an arXiv Atom feed, fed to the parser line by line."""
    numbered = enumerate(lines, 1)
    feed = _parser(0)
    number = 0
    pending: tuple[int, str] | None = None
    while (pending or (pending := next(numbered, None))) is not None:
        number, line = pending
        pending = None
        problem = _fed(feed, line + "\n", number)
        yield from drain(warnings)
        yield from (_entry_record(entry, name, at, field_map) for at, entry in feed.take())
        if isinstance(problem, str):  # refused, or not a feed: nothing more to read
            yield ReadProblem(name, number, problem)
            return
        if problem is not None:  # broken XML: go on at the next <entry> line, in a new parser
            pending = next(((n, text) for n, text in numbered if _ENTRY_START.search(text)), None)
            skipped = f"entry from line {feed.entry_line} skipped" if feed.entry is not None else "skipped"
            yield ReadProblem(name, problem[1], f"{problem[0]}; {skipped if pending else 'rest of file skipped'}")
            if pending is None:
                yield from drain(warnings)
                return
            feed = _parser(pending[0] - 1, feed.prefixes)
            pending = (pending[0], pending[1][_ENTRY_START.search(pending[1]).start() :])  # type: ignore[union-attr]
    try:
        feed.parser.close()
    except SAXParseException as error:
        line = min(error.getLineNumber() + feed.offset, max(number, 1))
        skipped = f" (entry from line {feed.entry_line} skipped)" if feed.entry is not None else ""
        yield ReadProblem(name, line, f"invalid XML: {error.getMessage()}; the file ends early{skipped}")
    yield from (_entry_record(entry, name, at, field_map) for at, entry in feed.take())
    yield from drain(warnings)


def _parser(line_offset: int, prefixes: dict[str | None, str] | None = None) -> _Feed:
    """A parser, and its handler; after a broken entry, a fresh one that starts inside a
    made-up <feed> with the namespaces of the real one."""
    parser = DefusedExpatParser(namespaceHandling=1, forbid_dtd=True)
    feed = _Feed(parser, line_offset)
    parser.setContentHandler(feed)
    if prefixes is not None:
        declarations = " ".join(f'xmlns{":" + p if p else ""}="{uri}"' for p, uri in prefixes.items())
        parser.feed(f"<feed {declarations or f'xmlns={ATOM!r}'}>")
    return feed


def _fed(feed: _Feed, text: str, number: int) -> str | tuple[str, int] | None:
    """Feed ``text``: None if all is well, a reason to stop reading (str), or why and
    where the XML broke, to go on after."""
    try:
        feed.parser.feed(text)
    except DTDForbidden:
        return ("refused: the XML has a document type declaration (<!DOCTYPE>), whose entities "
                "could expand without end or read other files; file skipped")
    except DefusedXmlException as error:
        return f"refused: unsafe XML ({type(error).__name__}); file skipped"
    except _NotAtom as error:
        return str(error)
    except SAXParseException as error:
        where = f" (column {error.getColumnNumber() + 1})"
        return f"invalid XML: {error.getMessage()}{where}", min(error.getLineNumber() + feed.offset, number)
    return None


def _entry_record(entry: dict[str, Any], name: str, line: int, field_map: FieldMap | None) -> Record:
    entry_id = _squash(entry.get("id") or "")
    if "arxiv.org/api/errors" in entry_id:
        return ReadProblem(name, line, f"arXiv API error: {_squash(entry.get('summary') or 'no reason given')}; skipped")
    match = _ARXIV_ID.search(entry_id)
    paper_id = f"arxiv:{match.group(1)}" if match else None
    extra: dict[str, Any] = {}
    if match and match.group(2):
        extra["arxiv_version"] = int(match.group(2))
    for key in ("primary_category", "journal_ref", "comment"):
        if entry.get(key):
            extra[key] = _squash(entry[key])
    if entry["categories"]:
        extra["categories"] = [term for term in entry["categories"] if term]
    alternate = next((link["href"] for link in entry["links"] if link["rel"] == "alternate" and link["href"]), None)
    published = _squash(entry.get("published") or entry.get("updated") or "")
    kg = {
        "id": paper_id,
        "title": _squash(entry["title"]) if "title" in entry else None,
        "abstract": _squash(entry["summary"]) if "summary" in entry else None,
        "authors": [author for author in entry["authors"] if author],
        "year": published[:4] if published[:4].isdigit() else None,
        "url": alternate or entry_id or None,
        "doi": _squash(entry["doi"]) if entry.get("doi") else None,
    }
    return _source_record(kg, extra, entry, field_map, name, line, paper_id)
