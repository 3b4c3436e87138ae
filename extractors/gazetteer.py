"""``kg_gazetteer``: known names from the shipped lists, matched with spaCy's PhraseMatcher."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .extensions import Candidate, doc_list
from .lexicon import LexiconEntry, load_lexicon


_VARIANT = re.compile(r"(?:[-/.][A-Za-z0-9]+)+")


class GazetteerMatcher:
    """Finds every known name, case-insensitively, then applies each name's case rule."""

    source = "kg_gazetteer"

    def __init__(self, nlp: Language, name: str) -> None:
        self.lexicon: dict[str, LexiconEntry] = load_lexicon()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.entries_by_id: dict[int, LexiconEntry] = {}
        surfaces = [(key, s) for key, entry in self.lexicon.items() for s in entry.surfaces]
        for (key, _), pattern in zip(surfaces, nlp.tokenizer.pipe(s for _, s in surfaces)):
            self.entries_by_id[nlp.vocab.strings.add(key)] = self.lexicon[key]
            self.matcher.add(key, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        candidates = doc_list(doc, "kg_candidates")
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            entry = self.entries_by_id[match_id]
            if entry.needs_case and span.text not in entry.surfaces:
                continue
            end = self._variant_end(doc.text, span.end_char)
            canonical = entry.canonical if end == span.end_char else None
            candidates.append(Candidate(span.start_char, end, entry.type, self.source, entry.score, canonical))
        return doc


    @staticmethod
    def _variant_end(text: str, end: int) -> int:
        """Extend "ViT" to "ViT-B/16" and "GPT" to "GPT-3.5": a variant is a distinct thing.
        Suffixes in lower case ("-based", "-like") are not variants."""
        m = _VARIANT.match(text, end)
        return m.end() if m and any(c.isdigit() or c.isupper() for c in m.group()) else end


@Language.factory("kg_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, name)
