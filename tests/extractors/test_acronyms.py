"""Tests for extractors.acronyms (``kg_acronyms``): "long form (SHORT)" and "SHORT (long form)"."""

from __future__ import annotations

import pytest

from kg.extractors.acronyms import best_long_form, guess_type, is_short_form


def pairs(extraction):
    return [(a.short, a.long, a.type) for a in extraction.acronyms]


@pytest.mark.parametrize("text", ["TNT", "HIC", "PLMs", "U-PaLM", "BLIP-2", "mAP"])
def test_short_forms(text):
    assert is_short_form(text)


@pytest.mark.parametrize("text", ["2019", "e.g., BERT", "see", "A", "ABCDEFGHIJKLMN"])
def test_not_short_forms(text):
    assert not is_short_form(text)


def test_best_long_form_starts_at_the_first_letter_word():
    before = "we propose Transformer iN Transformer"
    assert before[best_long_form("TNT", before) :] == "Transformer iN Transformer"


def test_best_long_form_without_the_letters():
    assert best_long_form("XYZ", "a method for image classification") is None


@pytest.mark.parametrize(
    ("long_form", "short", "type_"),
    [
        ("sparse glimpse network", "SGN", "Method"),
        ("zebra stripe detection", "ZSD", "Task"),
        ("glorp speech corpus", "GSC", "Dataset"),
        ("mean glorp error", "MGE", "Metric"),
    ],
)
def test_type_from_the_head_noun(long_form, short, type_):
    assert guess_type(long_form, short, proposing=False) == type_


def test_unknown_head_noun_is_untyped_unless_proposed():
    assert guess_type("quiet walrus", "QW", proposing=False) is None
    assert guess_type("quiet walrus", "QW", proposing=True) == "Method"


def test_long_form_then_short_form(extract_one):
    ex = extract_one("In this paper, we propose Transformer iN Transformer (TNT), a new architecture. TNT is fast.")
    assert pairs(ex) == [("TNT", "Transformer iN Transformer", "Method")]
    methods = [(e.text, e.start) for e in ex.entities if e.type == "Method"]
    text = ex.paper.abstract
    assert methods == [
        ("Transformer iN Transformer", text.index("Transformer iN")),
        ("TNT", text.index("TNT")),
        ("TNT", text.rindex("TNT")),
    ]


def test_short_form_then_long_form(extract_one):
    ex = extract_one("We propose TMI (TRANSFERABILITY MEASUREMENT WITH INTRA-CLASS FEATURE VARIANCE), a new measure.")
    assert [(short, long) for short, long, _ in pairs(ex)] == [
        ("TMI", "TRANSFERABILITY MEASUREMENT WITH INTRA-CLASS FEATURE VARIANCE")
    ]


def test_task_acronym(extract_one):
    ex = extract_one(
        "This paper explores a hierarchical prompting mechanism for the hierarchical image classification (HIC) task."
    )
    assert pairs(ex) == [("HIC", "hierarchical image classification", "Task")]
    assert [(e.type, e.text) for e in ex.entities] == [
        ("Task", "hierarchical image classification"),
        ("Task", "HIC"),
    ]


def test_pair_offsets_point_into_the_text(nlp):
    doc = nlp("Pretrained language models (PLMs) work well.")
    (pair,) = doc._.kg_acronyms
    assert doc.text[pair.long_start : pair.long_end] == "Pretrained language models"
    assert doc.text[pair.short_start : pair.short_end] == "PLMs"


@pytest.mark.parametrize(
    "text",
    [
        "Large models (e.g., BERT) are popular.",
        "Recent work (2019) showed this.",
        "BERT (Devlin et al., 2019) works well.",
        "The loss (see Section 3) is simple.",
    ],
)
def test_non_definitions_give_no_pair(extract_one, text):
    assert pairs(extract_one(text)) == []


def test_letters_must_match_the_long_form(extract_one):
    assert pairs(extract_one("We train a convolutional network (XQZ) on images.")) == []


def test_an_acronym_listed_as_a_metric_is_not_one_where_its_long_form_is_no_measure(extract_one):
    ex = extract_one("We fit the mixture with the Expectation-Maximization (EM) procedure.")
    assert ("EM", "Expectation-Maximization", "Method") in pairs(ex)
    ex = extract_one("Answers are scored by exact match (EM) against the references.")
    assert ("EM", "exact match", "Metric") in pairs(ex)


def test_the_long_forms_head_noun_outranks_the_acronyms_list_entry():
    # the lists call "COD" a dataset; this abstract defines a task
    assert guess_type("camouflaged object detection", "COD", False) == "Task"
