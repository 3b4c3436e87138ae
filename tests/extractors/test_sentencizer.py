"""kg_sentencizer puts sentence starts where spaCy's sentencizer does."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy

from kg.extractors.sentencizer import ArraySentencizer
from kg.read import read_papers

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "hf_daily_papers.txt"
TEXTS = [
    "",
    ".",
    "One. Two! Three? Four",
    "We beat ViT. (See Table 2.) Then... more! \"Quoted.\" Next one",
    "Ends with punctuation only . . . ! ?",
    "A sentence。 Another one। and ‼ more ⁇ text",
    "e.g. this is one sentence, i.e. still one. But 3.5 is a number. Really.",
    "?! starts with punctuation. [1] Cites.",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    papers, _ = read_papers([str(SAMPLE)])
    return TEXTS + [p.abstract for p in papers]


def test_same_sentence_starts_as_spacys_sentencizer(texts):
    nlp = spacy.blank("en")
    spacys, ours = nlp.add_pipe("sentencizer"), ArraySentencizer(nlp)
    for text in texts:
        expected, got = spacys(nlp.make_doc(text)), ours(nlp.make_doc(text))
        assert numpy.array_equal(expected.to_array("SENT_START"), got.to_array("SENT_START")), text
        assert [s.text for s in expected.sents] == [s.text for s in got.sents]


def test_sentences_split_where_a_reader_expects():
    nlp = spacy.blank("en")
    doc = ArraySentencizer(nlp)(nlp.make_doc("We beat it... Then more!\" Fine"))
    assert [s.text for s in doc.sents] == ['We beat it... Then more!"', "Fine"]  # "..." is no final character
