"""Hugging Face Daily Papers page text, as copied from the browser: a paper is a title
line followed by its abstract paragraph, and everything else on the page is chrome."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from kg.model import Paper, ReadProblem
from kg.read.decode import Record, drain
from kg.read.fields import FieldMap, _checked_length, _FieldError, stable_paper_id

_MAX_TITLE_CHARS = 300
_MIN_PARAGRAPH_CHARS = 150
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?:\s|$)")
# Lines of the Daily Papers page itself; never a title, even right before a paragraph.
_PAGE_CHROME = frozenset(
    {"new", "subscribe", "daily papers", "get trending papers in your email inbox!",
     "byak and the research community"}
)
_DATE_LINE = re.compile(
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(, ?\d{4})?", re.IGNORECASE
)


class _Block(NamedTuple):
    """Consecutive non-blank lines and the line number of the first."""

    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def read_page(
    name: str, lines: Iterator[str], warnings: list[ReadProblem], field_map: FieldMap | None = None
) -> Iterator[Record]:
    """Papers of page text; menus, dates and "Subscribe" are skipped. A paragraph with no
    title line before it is reported, since its paper would otherwise vanish. Page text
    has no named fields, so ``field_map`` does not apply."""
    title: _Block | None = None
    for block, following in _with_next(_blocks(lines)):
        yield from drain(warnings)
        if title is not None:
            yield _page_paper(name, title, block)
            title = None
        elif _is_title(block) and following is not None and _is_paragraph(following):
            title = block
        elif _is_paragraph(block):
            yield ReadProblem(name, block.line, "paragraph without a title line; skipped")
    yield from drain(warnings)


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


def looks_like_page(head: str) -> bool:
    """Whether text that no other reader claims may be page text: words, not the start
    of markup or of a data format kg does not know.

    >>> looks_like_page("Daily Papers\\n\\nA Title\\n\\nWe propose a thing. It works well.\\n")
    True
    >>> looks_like_page("<html><body>x</body></html>"), looks_like_page("[1, 2]"), looks_like_page("%PDF-1.7")
    (False, False, False)
    """
    text = head.lstrip()
    return bool(text) and text[0].isalnum() and sum(char.isalpha() for char in text[:200]) >= 2
