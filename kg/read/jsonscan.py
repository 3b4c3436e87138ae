"""A JSON document read value by value, each with the line it starts on, so that a
record in a pretty-printed array is reported at its own line and one broken record does
not lose the rest of the file.

A document is a top-level array of records; an object holding them under ``results``
(an OpenAlex page) or ``data`` (a Semantic Scholar search page); one object that is the
record itself; or several of these one after another (what ``jq`` writes).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from kg.read.fields import _first_line

PAGE_KEYS = ("results", "data")  # where API pages keep their records
_DECODER = json.JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NEXT_OBJECT_LINE = re.compile(r"\n([ \t]*,?[ \t]*)\{")
_LONE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]", re.ASCII)
SURROGATE_WHY = "invalid JSON: a \\uXXXX escape is half a surrogate pair, not a character"


class Item(NamedTuple):
    """One value of the document, or why there is none at ``line``. ``index`` counts
    from 1 within its array (None for a value that is not in one)."""

    line: int
    value: Any = None
    why: str | None = None
    index: int | None = None


class NotADocument(Exception):
    """The text does not start with a JSON document (it may be JSON Lines)."""


class _Broken(Exception):
    def __init__(self, pos: int, why: str) -> None:
        super().__init__(why)
        self.pos, self.why = pos, why


class _Lines:
    """The line of a position, counted on from the position asked before."""

    def __init__(self, text: str, first: int) -> None:
        self.text, self.first, self.pos, self.line = text, first, 0, first

    def __call__(self, pos: int) -> int:
        if pos < self.pos:
            self.pos, self.line = 0, self.first
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def items(text: str, first_line: int) -> Iterator[Item]:
    """The records of the document ``text`` (whose first line is ``first_line`` of its
    file). Raises NotADocument, before yielding anything, when the first value is an
    object that is neither complete nor a page."""
    line_of = _Lines(text, first_line)
    pos = _skip(text, 0)
    first = True
    while pos is not None and pos < len(text):
        if text[pos] == "[":
            pos = yield from _array(text, pos, line_of)
        elif text[pos] == "{":
            pos = yield from _object(text, pos, line_of, first)
        else:
            try:
                value, end = _decode(text, pos)
            except _Broken as broken:
                yield Item(line_of(broken.pos), why=broken.why + "; rest of file skipped")
                return
            yield Item(line_of(pos), value)
            pos = end
        first = False
        pos = None if pos is None else _skip(text, pos)


def _array(text: str, pos: int, line_of: _Lines) -> Iterator[Item]:
    """Elements of the array at ``pos``; returns the position after it, or None when the
    rest of the text cannot be read."""
    pos += 1
    index = 0
    while True:
        pos = _skip(text, pos)
        if pos < len(text) and text[pos] == "]" and index == 0:
            return pos + 1
        index += 1
        start = pos
        try:
            value, end = _decode(text, pos)
        except _Broken as broken:
            resume = _resume(text, pos, broken.pos)
            where = "" if resume is not None else "; rest of file skipped"
            yield Item(line_of(broken.pos), why=broken.why + where, index=index)
            if resume is None:
                return None
            pos = resume
            continue
        if _LONE_SURROGATE.search(text, pos, end) and _has_lone_surrogate(value):
            yield Item(line_of(pos), why=SURROGATE_WHY, index=index)
        else:
            yield Item(line_of(pos), value, index=index)
        pos = _skip(text, end)
        if pos < len(text) and text[pos] in ",]":
            if text[pos] == "]":
                return pos + 1
            pos += 1
            continue
        why = "the file ends inside an array" if pos >= len(text) else "expected ',' or ']' after an array element"
        resume = None if pos >= len(text) else _resume(text, start, pos)
        yield Item(line_of(min(pos, len(text) - 1)), why=f"invalid JSON: {why}" + ("" if resume is not None else "; rest of file skipped"))
        if resume is None:
            return None
        pos = resume


def _object(text: str, pos: int, line_of: _Lines, first: bool) -> Iterator[Item]:
    """The object at ``pos``: the records of a page, or itself as one record."""
    start = pos
    fields: dict[str, Any] = {}
    page: list[Item] | None = None
    pos += 1
    try:
        while True:
            pos = _skip(text, pos)
            if pos < len(text) and text[pos] == "}" and not fields:
                pos += 1
                break
            key, pos = _decode(text, pos, expect='"', what="a property name in double quotes")
            pos = _expect(text, _skip(text, pos), ":")
            pos = _skip(text, pos)
            if key in PAGE_KEYS and page is None and text.startswith("[", pos):
                page = []
                end = _collect(_array(text, pos, line_of), page)
                if end is None:  # the page's last item says why
                    raise _Broken(len(text), "")
                fields[key], pos = page, end
            else:
                fields[key], pos = _decode(text, pos)
            pos = _skip(text, pos)
            if text.startswith("}", pos):
                pos += 1
                break
            pos = _expect(text, pos, ",")
    except _Broken as broken:
        if page is not None and "title" not in fields:
            yield from page
            if broken.why:
                yield Item(line_of(broken.pos), why=broken.why + "; rest of file skipped")
            return None
        if first:
            raise NotADocument from None
        if broken.why:
            yield Item(line_of(broken.pos), why=broken.why + "; rest of file skipped")
        else:
            yield next(item for item in reversed(page or []) if item.why)._replace(index=None)
        return None
    if page is not None and "title" not in fields:
        yield from page
    else:
        yield _whole(fields, line_of(start), page)
    return pos


def _whole(fields: dict[str, Any], line: int, page: list[Item] | None) -> Item:
    """The object as one record, its page-like list put back together."""
    for key, value in fields.items():
        if value is page and page is not None:
            broken = next((item for item in page if item.why), None)
            if broken is not None:
                return Item(broken.line, why=broken.why)
            fields[key] = [item.value for item in page]
    return Item(line, fields)


def _collect(elements: Iterator[Item], into: list[Item]) -> int | None:
    """Gather ``elements`` into a list (an object is only known to be a page at its end,
    when its keys are all known); returns what the generator returns."""
    while True:
        try:
            into.append(next(elements))
        except StopIteration as stop:
            return stop.value


def _decode(text: str, pos: int, expect: str | None = None, what: str = "") -> tuple[Any, int]:
    if pos >= len(text):
        raise _Broken(len(text), "invalid JSON: the file ends inside a value")
    if expect and text[pos] != expect:
        raise _Broken(pos, f"invalid JSON: expected {what} (column {_column(text, pos)})")
    try:
        return _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as error:
        raise _Broken(error.pos, f"invalid JSON: {error.msg} (column {error.colno})") from None
    except RecursionError:
        raise _Broken(pos, "invalid JSON: nested too deeply") from None
    except ValueError as error:  # an integer of more than 4,300 digits; drop Python's advice
        raise _Broken(pos, f"invalid JSON: {_first_line(error).split('; use ')[0]}") from None


def _expect(text: str, pos: int, char: str) -> int:
    if not text.startswith(char, pos):
        if pos >= len(text):
            raise _Broken(len(text), "invalid JSON: the file ends inside an object")
        raise _Broken(pos, f"invalid JSON: expected {char!r} (column {_column(text, pos)})")
    return pos + 1


def _resume(text: str, start: int, broken: int) -> int | None:
    """Where the next record after a broken one starts: the next line that opens an
    object no more indented than the broken record was (so not an object inside it)."""
    indent = start - (text.rfind("\n", 0, start) + 1)
    for match in _NEXT_OBJECT_LINE.finditer(text, broken):
        if len(match.group(1)) <= indent + 1:
            return match.end() - 1
    return None


def _skip(text: str, pos: int) -> int:
    return _WHITESPACE.match(text, pos).end()  # type: ignore[union-attr]


def _column(text: str, pos: int) -> int:
    return pos - text.rfind("\n", 0, pos)


def _has_lone_surrogate(value: Any) -> bool:
    """Python reads "\\ud800" as a lone surrogate, which no UTF-8 file, id or database can hold."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
