"""``kg_entities``: choose one entity per stretch of text from the overlapping candidates.

Names first found by a pattern (a proposal, an acronym, a dataset context) are then
looked up everywhere else in the abstract, so "TLEG" is tagged each time it occurs.
Overlaps are settled longest first ("top-1 accuracy" over "accuracy"), then by score.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from .extensions import Candidate, SPANS_KEY, doc_list, doc_text

MAX_NAME_CHARS = 200  # the longest listed name has 89; a longer match is a run of text (and too big to index)
_PROPAGATED_SOURCES = {"kg_propose", "kg_called", "kg_title", "kg_acronyms", "kg_dataset_context", "kg_dataset_list"}


def propagate(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Every other occurrence of a pattern-found name, as a candidate of the same type."""
    seen = {(c.start, c.end) for c in candidates}
    found: dict[str, Candidate] = {}
    for c in candidates:
        if c.source in _PROPAGATED_SOURCES:
            found.setdefault(text[c.start : c.end], c)
    extra = []
    for name, origin in found.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if (m.start(), m.end()) not in seen:
                extra.append(Candidate(m.start(), m.end(), origin.type, origin.source, round(origin.score * 0.98, 3), origin.canonical))
    return extra


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, then highest score; in text order."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, -c.score, c.start, c.type)):
        if all(c.end <= s or c.start >= e for s, e in taken):
            chosen.append(c)
            taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


class EntitySelector:
    def __call__(self, doc: Doc) -> Doc:
        candidates = doc_list(doc, "kg_candidates")
        candidates.extend(propagate(doc_text(doc), candidates))
        chosen = select([c for c in candidates if 0 < c.end - c.start <= MAX_NAME_CHARS])
        doc._.kg_mentions = chosen
        spans = []
        for c in chosen:
            span = doc.char_span(c.start, c.end, label=c.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPANS_KEY] = SpanGroup(doc, name=SPANS_KEY, spans=spans)
        return doc


@Language.factory("kg_entities")
def make_entities(nlp: Language, name: str) -> EntitySelector:
    return EntitySelector()
