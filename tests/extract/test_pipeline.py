"""Tests for kg.extract.pipeline: extraction over the demo page keeps its promises on every paper."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from kg.extract.pipeline import extract
from kg.model import ENTITY_TYPES, RELATION_TYPES, Paper
from kg.read import read_papers

from repo_paths import SAMPLE


@pytest.fixture(scope="module")
def papers() -> list[Paper]:
    papers, problems = read_papers([str(SAMPLE)])
    assert problems == []
    assert len(papers) > 10
    return papers


@pytest.fixture(scope="module")
def extractions(papers, nlp):
    return list(extract(papers, nlp=nlp))


def test_one_record_per_paper_in_input_order(papers, extractions):
    assert [x.paper for x in extractions] == papers


def test_input_order_kept_when_reversed(papers, extractions, nlp):
    backwards = list(extract(list(reversed(papers)), nlp=nlp))
    assert [x.paper.id for x in backwards] == [p.id for p in reversed(papers)]
    # and a paper's record does not depend on its neighbours
    assert [asdict(x) for x in reversed(backwards)] == [asdict(x) for x in extractions]


def test_deterministic_across_runs(papers, extractions, nlp):
    again = list(extract(papers, nlp=nlp))
    assert [asdict(x) for x in again] == [asdict(x) for x in extractions]


def test_sample_yields_every_entity_type(extractions):
    assert {e.type for x in extractions for e in x.entities} == set(ENTITY_TYPES)


def test_entity_text_is_the_abstract_slice(extractions):
    for x in extractions:
        for e in x.entities:
            assert e.text == x.paper.abstract[e.start : e.end], (x.paper.id, e)


def test_entity_sentence_contains_the_entity(extractions):
    for x in extractions:
        for e in x.entities:
            assert e.text in e.sentence and e.sentence in x.paper.abstract, (x.paper.id, e)


def test_entity_scores_types_and_sources(extractions):
    for x in extractions:
        for e in x.entities:
            assert 0 < e.score <= 1, e
            assert e.type in ENTITY_TYPES, e
            assert e.source.startswith("kg_"), e
            assert e.name, e


def test_relations_keep_provenance(extractions):
    for x in extractions:
        for r in x.relations:
            assert r.type in RELATION_TYPES, r
            assert r.source.startswith("kg_") and 0 < r.score <= 1, r
            if r.type == "PROPOSES":
                assert (r.head, r.head_type) == (x.paper.id, "Paper"), r
            if r.start is None:
                assert r.evidence == x.paper.title, r
            else:
                assert r.evidence == x.paper.abstract[r.start : r.end], r


def test_results_point_at_their_numbers(extractions):
    for x in extractions:
        for r in x.results:
            number = x.paper.abstract[r.start : r.end]
            assert float(number.replace("−", "-").replace(",", ".")) == r.value, r
            assert number in r.evidence and r.evidence in x.paper.abstract, r
            assert r.source.startswith("kg_") and 0 < r.score <= 1, r


def test_known_facts_of_the_sample(extractions):
    by_title = {x.paper.title.split(":")[0]: x for x in extractions}
    transhp = by_title["TransHP"]
    assert ("PROPOSES", transhp.paper.id, "TransHP") in {(r.type, r.head, r.tail) for r in transhp.relations}
    assert transhp.code == ["https://github.com/WangWenhao0716/TransHP"]
    assert ("HIC", "hierarchical image classification") in {(a.short, a.long) for a in transhp.acronyms}


@pytest.mark.parametrize("text", ["", "  two  spaces ", "tabs\tand\nnew lines\r\n", "ViT. ImageNet-1K.", "ünï 🙂 (x)"])
def test_the_text_remembered_for_a_doc_is_what_spacy_rebuilds(nlp, text):
    from kg.extractors.extensions import doc_text, make_doc

    doc = make_doc(nlp, text)
    assert doc_text(doc) == doc.text == text
