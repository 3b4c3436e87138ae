"""Tests for extractors.relations (``kg_relations``): typed links with their evidence sentence."""

from __future__ import annotations


def rels(extraction, type_):
    return [(r.head, r.tail) for r in extraction.relations if r.type == type_]


def test_proposes_comes_from_the_paper(extract_one):
    ex = extract_one("To this end, we propose BCT, a framework for backward-compatible training. It is simple.")
    (r,) = [r for r in ex.relations if r.type == "PROPOSES"]
    assert (r.head, r.tail, r.head_type, r.tail_type) == ("paper-1", "BCT", "Paper", "Method")
    assert r.evidence == "To this end, we propose BCT, a framework for backward-compatible training."
    assert ex.paper.abstract[r.start : r.end] == r.evidence
    assert r.source == "kg_propose"


def test_title_proposal_has_the_title_as_evidence(extract_one):
    title = "MatFormer: Nested Transformer for Elastic Inference"
    ex = extract_one("MatFormer contains nested sub-models.", title=title)
    (r,) = [r for r in ex.relations if r.type == "PROPOSES"]
    assert (r.head, r.tail, r.evidence, r.source) == ("paper-1", "MatFormer", title, "kg_title")


def test_outperforms(extract_one):
    ex = extract_one(
        "We continue training PaLM for a few steps, which we call U-PaLM. "
        "U-PaLM outperforms PaLM on many few-shot tasks."
    )
    assert rels(ex, "OUTPERFORMS") == [("U-PaLM", "PaLM")]
    (r,) = [r for r in ex.relations if r.type == "OUTPERFORMS"]
    assert r.evidence == "U-PaLM outperforms PaLM on many few-shot tasks."
    assert ex.paper.abstract[r.start : r.end] == r.evidence
    assert (r.head_type, r.tail_type, r.source) == ("Method", "Method", "kg_relations")


def test_outperforms_from_our_method(extract_one):
    ex = extract_one("We propose BCT. Our method outperforms BERT and RoBERTa on GLUE.")
    assert rels(ex, "OUTPERFORMS") == [("BCT", "BERT"), ("BCT", "RoBERTa")]


def test_evaluated_on_from_the_proposed_method(extract_one):
    ex = extract_one(
        "We propose BCT, a framework for backward-compatible training. "
        "Experiments on CIFAR-100 and ImageNet-1K show that it works."
    )
    assert rels(ex, "EVALUATED_ON") == [("BCT", "CIFAR-100"), ("BCT", "ImageNet-1K")]
    for r in ex.relations:
        if r.type == "EVALUATED_ON":
            assert r.evidence == "Experiments on CIFAR-100 and ImageNet-1K show that it works."
            assert (r.head_type, r.tail_type) == ("Method", "Dataset")


def test_evaluated_on_a_named_method(extract_one):
    ex = extract_one("Prior work fine-tuned BERT on SQuAD 2.0.")
    assert rels(ex, "EVALUATED_ON") == [("BERT", "SQuAD 2.0")]


def test_addresses(extract_one):
    ex = extract_one("We propose BCT, a new method for image classification.")
    assert rels(ex, "ADDRESSES") == [("BCT", "image classification")]
    (r,) = [r for r in ex.relations if r.type == "ADDRESSES"]
    assert (r.head_type, r.tail_type) == ("Method", "Task")


def test_part_of(extract_one):
    ex = extract_one("We propose FooNet, a new model. FooNet is composed of ResNet, BERT, and ViT.")
    # the component is the head; ViT is listed under its canonical name
    assert rels(ex, "PART_OF") == [("ResNet", "FooNet"), ("BERT", "FooNet"), ("Vision Transformer", "FooNet")]


def test_no_relation_without_cue(extract_one):
    ex = extract_one("BERT and PaLM are language models.")
    assert [r.type for r in ex.relations] == []


def test_no_self_relation(extract_one):
    ex = extract_one("We propose BCT. BCT outperforms BCT-free training and BCT.")
    assert all(r.head != r.tail for r in ex.relations)
