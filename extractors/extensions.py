"""Custom attributes the kg components read and write on a spaCy ``Doc``.

Components pass their findings to later components through these attributes:
candidates first (many, overlapping), then the chosen entities in ``doc.spans["kg"]``,
then relations and results. Everything is in character offsets into ``doc.text``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

import numpy
from spacy.language import Language
from spacy.tokens import Doc

SPANS_KEY = "kg"  # doc.spans[SPANS_KEY]: the chosen entity mentions, label = entity type


@dataclass(frozen=True)
class Candidate:
    """A possible entity mention before overlaps are resolved."""

    start: int
    end: int
    type: str
    source: str
    score: float
    canonical: str | None = None  # a known canonical name ("ViT" -> "Vision Transformer")


@dataclass(frozen=True)
class Proposal:
    """The paper proposes the method named ``name``; ``sentence`` is the evidence (None: the title)."""

    name: str
    start: int | None
    end: int | None
    source: str


@dataclass(frozen=True)
class AcronymPair:
    """A definition "long form (SHORT)" or "SHORT (long form)" found in the text."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int
    type: str | None


_LIST_ATTRS = ("kg_candidates", "kg_proposals", "kg_acronyms", "kg_relations", "kg_results", "kg_code", "kg_mentions")


def register_extensions() -> None:
    """Register the attributes once. Lists default to None and are created on first write."""
    if not Doc.has_extension("kg_title"):
        Doc.set_extension("kg_title", default="")
    if not Doc.has_extension("kg_paper_id"):  # the head of the paper's PROPOSES relations
        Doc.set_extension("kg_paper_id", default="")
    for name in _LIST_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def doc_list(doc: Doc, name: str) -> list:
    """The list stored in ``doc._.<name>``, created empty on first use."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """Character bounds of the sentences, computed once per doc.

    ``doc.sents`` walks every token on each call, and ``span.sent`` does too; with several
    components asking per entity that dominated extraction time, so we keep the bounds.
    """
    cached = doc.user_data.get(_SENTS_KEY)
    if cached is None:
        cached = []
        if len(doc):
            arr = doc.to_array(["SENT_START", "IDX", "LENGTH"])
            firsts = numpy.concatenate(([0], numpy.flatnonzero(arr[1:, 0] == 1) + 1))
            lasts = numpy.concatenate((firsts[1:] - 1, [len(doc) - 1]))
            ends = arr[lasts, 1] + arr[lasts, 2]
            cached = list(zip(arr[firsts, 1].tolist(), ends.tolist()))
        doc.user_data[_SENTS_KEY] = cached
    return cached


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)`` that already knows its :func:`doc_text`: spaCy's tokens
    keep every character, so the text is the one given."""
    doc = nlp.make_doc(text)
    doc.user_data[_TEXT_KEY] = text
    return doc


def _joins_word(char: str) -> bool:
    return char.isalnum() or char in "_-"


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def occurrences(text: str, name: str, hyphen_after: bool = False) -> Iterator[tuple[int, int]]:
    """Bounds of each occurrence of ``name`` in ``text`` that no word character or hyphen
    touches, left to right, not overlapping: what ``re.finditer`` of
    ``(?<![\\w-])NAME(?![\\w-])`` finds (``(?![\\w])`` after it with ``hyphen_after``),
    without compiling a pattern per name and doc.

    >>> list(occurrences("BERT, mBERT, BERT-base and BERT.", "BERT"))
    [(0, 4), (27, 31)]
    >>> list(occurrences("BERT-base", "BERT", hyphen_after=True))
    [(0, 4)]
    """
    start, size = 0, len(name)
    ends_word = _is_word if hyphen_after else _joins_word
    while size:
        at = text.find(name, start)
        if at < 0:
            return
        end = at + size
        if (at == 0 or not _joins_word(text[at - 1])) and (end == len(text) or not ends_word(text[end])):
            yield at, end
            start = end
        else:
            start = at + 1


def sentence_at(doc: Doc, char: int) -> tuple[int, int]:
    """Bounds of the sentence holding character ``char``."""
    bounds = sentences(doc)
    i = bisect_right(bounds, (char, float("inf"))) - 1
    return bounds[max(i, 0)] if bounds else (0, len(doc_text(doc)))


_SENTS_KEY = "kg_sentence_bounds"
_TEXT_KEY = "kg_text"
register_extensions()
