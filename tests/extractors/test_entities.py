"""Tests for extractors.entities (``kg_entities``): one entity per stretch of text."""

from __future__ import annotations

from kg.extractors import SPANS_KEY
from kg.extractors.entities import propagate, select
from kg.extractors.extensions import Candidate


def c(start, end, type_="Method", source="kg_gazetteer", score=0.9):
    return Candidate(start, end, type_, source, score)


def test_select_prefers_the_longest_overlapping_candidate():
    # "top-1 accuracy" (0, 14) over "accuracy" (6, 14)
    chosen = select([c(6, 14, "Metric", score=0.95), c(0, 14, "Metric", score=0.8)])
    assert [(x.start, x.end) for x in chosen] == [(0, 14)]


def test_select_breaks_ties_by_score():
    chosen = select([c(0, 4, "Dataset", score=0.7), c(0, 4, "Method", score=0.9)])
    assert [x.type for x in chosen] == ["Method"]


def test_select_keeps_text_order_and_touching_spans():
    chosen = select([c(10, 15), c(0, 4), c(4, 9), c(2, 6)])
    assert [(x.start, x.end) for x in chosen] == [(0, 4), (4, 9), (10, 15)]


def test_propagate_tags_every_other_occurrence_of_a_pattern_name():
    text = "We propose BCT. BCT-2 and BCTs differ, but BCT works."
    found = c(11, 14, source="kg_propose", score=0.9)
    extra = propagate(text, [found])
    assert [(x.start, x.end, x.type, x.source) for x in extra] == [(text.rindex("BCT"), text.rindex("BCT") + 3, "Method", "kg_propose")]
    assert extra[0].score < found.score


def test_propagate_ignores_list_names():
    text = "BERT is used. BERT again."
    assert propagate(text, [c(0, 4, source="kg_gazetteer")]) == []


def test_longest_name_wins_in_the_pipeline(extract_one):
    ex = extract_one("It improves top-1 accuracy over accuracy-only tuning.")
    assert [(e.type, e.text) for e in ex.entities] == [("Metric", "top-1 accuracy"), ("Metric", "accuracy")]


def test_proposed_name_is_tagged_everywhere(extract_one):
    ex = extract_one("We propose BCT. BCT-2 and BCTs differ, but BCT works.")
    text = ex.paper.abstract
    assert [(e.type, e.start) for e in ex.entities] == [("Method", text.index("BCT")), ("Method", text.rindex("BCT"))]


def test_spans_mirror_the_mentions(nlp):
    doc = nlp("We propose BCT and evaluate it on ImageNet-1K and CIFAR-100 with top-1 accuracy.")
    spans = [(s.text, s.label_) for s in doc.spans[SPANS_KEY]]
    mentions = [(doc.text[m.start : m.end], m.type) for m in doc._.kg_mentions]
    assert spans == mentions == [
        ("BCT", "Method"),
        ("ImageNet-1K", "Dataset"),
        ("CIFAR-100", "Dataset"),
        ("top-1 accuracy", "Metric"),
    ]


def test_mentions_never_overlap(nlp):
    doc = nlp(
        "We propose Transformer iN Transformer (TNT). TNT improves ViT-B/16 by 2.1% top-1 accuracy "
        "on ImageNet-1K and Tiny-ImageNet; code: https://github.com/x/tnt."
    )
    mentions = doc._.kg_mentions
    assert mentions, "expected some entities"
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start
