"""``kg_sentencizer``: spaCy's rule-based sentence splitter, computed on token arrays.

spaCy's ``sentencizer`` makes a Python ``Token`` for every token of every doc to read two
attributes, 3% of extraction time. This one reads the same two (the token's text among
the sentence-final characters, and ``is_punct``) as arrays and sets the same sentence
starts: a sentence starts at the first token that is not punctuation after one of the
final characters (``tests/extractors/test_sentencizer.py`` checks it against spaCy's).
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

_NOT_A_START = numpy.uint64(2**64 - 1)  # SENT_START -1, as Doc.from_array takes it


class ArraySentencizer:
    def __init__(self, nlp: Language) -> None:
        strings = nlp.vocab.strings
        self.final_ids = numpy.array(sorted(strings[c] for c in Sentencizer.default_punct_chars), dtype="uint64")

    def sentence_starts(self, doc: Doc) -> numpy.ndarray:
        """Token indices where sentences start, as spaCy's sentencizer puts them."""
        attrs = doc.to_array([ORTH, IS_PUNCT])
        final = numpy.isin(attrs[:, 0], self.final_ids)
        words = numpy.flatnonzero(~(final | (attrs[:, 1] != 0)))
        finals_before = numpy.cumsum(final)[words]  # final characters up to each word
        after_final = finals_before > numpy.concatenate(([0], finals_before[:-1]))
        return numpy.union1d([0], words[after_final])

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            flags = numpy.full(len(doc), _NOT_A_START, dtype="uint64")
            flags[self.sentence_starts(doc)] = 1
            doc.from_array([SENT_START], flags)
        return doc


@Language.factory("kg_sentencizer", assigns=["token.is_sent_start"])
def make_sentencizer(nlp: Language, name: str) -> ArraySentencizer:
    """Writes ``token.is_sent_start``, as spaCy's ``sentencizer`` with its default characters."""
    return ArraySentencizer(nlp)
