"""Extraction: Paper records in, PaperExtraction records out, in input order.

The spaCy pipeline is built once per process and streamed over abstracts with
``nlp.pipe``; the paper's title travels with each abstract as context.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extractors import DEFAULT_EXTRACTORS, build_pipeline
from kg.extractors.extensions import doc_text, make_doc, sentence_at
from kg.extractors.matmul import one_blas_thread
from kg.model import Acronym, Entity, Paper, PaperExtraction

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 64


@lru_cache(maxsize=3)
def default_pipeline(extractors: str = DEFAULT_EXTRACTORS) -> Language:
    """The pipeline for ``extractors`` (``rules``, ``model`` or ``all``), built once per process."""
    return build_pipeline(extractors)


def extract(
    papers: Iterable[Paper], nlp: Language | None = None, extractors: str = DEFAULT_EXTRACTORS
) -> Iterator[PaperExtraction]:
    """Run the extractors over ``papers``, yielding one record per paper in input order.
    ``nlp`` (a pipeline from :func:`extractors.build_pipeline`) wins over ``extractors``."""
    nlp = nlp or default_pipeline(extractors)
    stream = ((_make_doc(nlp, paper), paper) for paper in papers)
    with one_blas_thread():
        for doc, paper in nlp.pipe(stream, as_tuples=True, batch_size=BATCH_SIZE):
            yield to_extraction(doc, paper)


def _make_doc(nlp: Language, paper: Paper) -> Doc:
    """Tokenize the abstract and attach the title, which the title-prefix pattern reads,
    and the paper id, the head of the PROPOSES relations."""
    doc = make_doc(nlp, paper.abstract)
    doc._.kg_title = paper.title
    doc._.kg_paper_id = paper.id
    return doc


def to_extraction(doc: Doc, paper: Paper) -> PaperExtraction:
    text = doc_text(doc)
    entities = []
    for c in doc._.kg_mentions or []:
        s_start, s_end = sentence_at(doc, c.start)
        sentence = text[s_start:s_end]
        name = " ".join((c.canonical or text[c.start : c.end]).split())  # "monocular\n images" is one name
        entities.append(Entity(c.type, name, text[c.start : c.end], c.start, c.end, sentence, c.source, c.score))
    relations = list(doc._.kg_relations or [])
    acronyms = [
        Acronym(text[a.short_start : a.short_end], text[a.long_start : a.long_end], a.type)
        for a in doc._.kg_acronyms or []
    ]
    return PaperExtraction(paper, entities, relations, list(doc._.kg_results or []), list(doc._.kg_code or []), acronyms)
