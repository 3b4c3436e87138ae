"""Custom attributes the kg components read and write on a spaCy ``Doc``.

Components pass their findings to later components through these attributes:
candidates first (many, overlapping), then the chosen entities in ``doc.spans["kg"]``,
then relations and results. Everything is in character offsets into ``doc.text``.
"""

from __future__ import annotations

from dataclasses import dataclass

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


register_extensions()
