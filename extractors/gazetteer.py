"""``kg_gazetteer``: known names from the shipped lists, matched with spaCy's PhraseMatcher."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .extensions import Candidate, doc_list, doc_text, sentences
from .lexicon import LexiconEntry, is_proper_use, load_lexicon

_VARIANT = re.compile(r"(?:[-/.][A-Za-z0-9]+)+")
_BARE_ACRONYM = re.compile(r"[A-Z]{2,4}s?")
_VARIANT_BEFORE = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z0-9]+-)+$")


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
        found = []
        starts = {s for s, _ in sentences(doc)}
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            entry = self.entries_by_id[match_id]
            if entry.needs_case and span.text not in entry.surfaces:
                continue
            if not is_proper_use(entry, span.text, span.start_char in starts):
                continue
            # "ICVaR-VI" is not a kind of the listed "VI": a bare acronym has no variants before it
            start = span.start_char if _BARE_ACRONYM.fullmatch(span.text) else self._variant_start(doc_text(doc), span.start_char)
            found.append((start, self._variant_end(doc_text(doc), span.end_char), span, entry))
        exact = {(span.start_char, span.end_char) for _, _, span, _ in found}
        for start, end, span, entry in found:
            variant = (start, end) != (span.start_char, span.end_char)
            if variant and (start, end) in exact:
                continue  # the variant is itself a listed name: keep that entry
            candidates.append(Candidate(start, end, entry.type, self.source, entry.score, None if variant else entry.canonical))
        return doc

    @staticmethod
    def _variant_start(text: str, start: int) -> int:
        """Extend "PaLM" to "U-PaLM" and "ImageNet" to "Tiny-ImageNet": the same rule leftwards."""
        m = _VARIANT_BEFORE.search(text, max(0, start - 40), start)
        return m.start() if m and any(c.isdigit() or c.isupper() for c in m.group()) else start

    @staticmethod
    def _variant_end(text: str, end: int) -> int:
        """Extend "ViT" to "ViT-B/16" and "GPT" to "GPT-3.5": a variant is a distinct thing.
        Suffixes in lower case ("-based", "-like") are not variants."""
        m = _VARIANT.match(text, end)
        return m.end() if m and any(c.isdigit() or c.isupper() for c in m.group()) else end


@Language.factory(
    "kg_gazetteer",
    assigns=["doc._.kg_candidates"],
)
def make_gazetteer(nlp: Language, name: str) -> GazetteerMatcher:
    """Writes ``doc._.kg_candidates``: the name-list matches."""
    return GazetteerMatcher(nlp, name)
