"""Tests for extractors.relations (``kg_relations``): typed links with their evidence sentence."""

from __future__ import annotations

from kg.extract.pipeline import extract
from kg.model import Paper


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


# --- constructions added for recall (hand-written sentences, not from any gold file) ---


def test_outperforms_coordinated_subjects(extract_one):
    ex = extract_one("We propose QuaxNet and ZorbNet. Both QuaxNet and ZorbNet outperform strong baselines such as BERT.")
    assert set(rels(ex, "OUTPERFORMS")) == {("QuaxNet", "BERT"), ("ZorbNet", "BERT")}


def test_outperforms_improving_a_method_by(extract_one):
    ex = extract_one("We propose QuaxNet. QuaxNet improves detection, e.g., improving ResNet by 3.1% top-1 accuracy.")
    assert rels(ex, "OUTPERFORMS") == [("QuaxNet", "ResNet")]


def test_outperforms_compared_with_a_list(extract_one):
    ex = extract_one("We present QuaxNet. Compared with BERT and RoBERTa, our QuaxNet achieves 12% relative improvements.")
    assert rels(ex, "OUTPERFORMS") == [("QuaxNet", "BERT"), ("QuaxNet", "RoBERTa")]


def test_compared_without_a_gain_is_no_outperforms(extract_one):
    ex = extract_one("We present QuaxNet. Compared with BERT, QuaxNet uses a different tokenizer.")
    assert rels(ex, "OUTPERFORMS") == []


def test_outperforms_over_the_baseline_and_the_baseline_is_no_subject(extract_one):
    ex = extract_one("We propose QuaxNet. Our method gains 2 points over the BERT baseline, "
                     "and 1 point over the RoBERTa baseline.")
    assert set(rels(ex, "OUTPERFORMS")) == {("QuaxNet", "BERT"), ("QuaxNet", "RoBERTa")}


def test_we_outperform(extract_one):
    ex = extract_one("We propose QuaxNet. Compared to prior work, we outperform BERT by a wide margin.")
    assert rels(ex, "OUTPERFORMS") == [("QuaxNet", "BERT")]


def test_evaluated_on_not_the_baseline_nor_a_pretraining_source(extract_one):
    ex = extract_one("We propose QuaxNet. Our approach improves 3% over BERT on SQuAD 2.0.")
    assert rels(ex, "EVALUATED_ON") == [("QuaxNet", "SQuAD 2.0")]
    ex = extract_one("We propose QuaxNet. It outperforms fine-tuning from ImageNet initializations.")
    assert rels(ex, "EVALUATED_ON") == []


def test_evaluated_on_a_named_method_wins_over_the_proposal(extract_one):
    ex = extract_one("We propose QuaxNet. Prior work reports that BERT achieves 88 F1 on SQuAD 2.0.")
    assert rels(ex, "EVALUATED_ON") == [("BERT", "SQuAD 2.0")]


def test_part_of_contains_right_after_the_whole(extract_one):
    ex = extract_one("We propose QuaxNet. QuaxNet contains BERT and ResNet.")
    assert rels(ex, "PART_OF") == [("BERT", "QuaxNet"), ("ResNet", "QuaxNet")]
    ex = extract_one("We propose QuaxNet. We compare QuaxNet with baselines including BERT and ResNet.")
    assert rels(ex, "PART_OF") == []


def test_part_of_module_of(extract_one):
    ex = extract_one("We propose QuaxNet. The BERT encoder of QuaxNet is frozen.")
    assert rels(ex, "PART_OF") == [("BERT", "QuaxNet")]


def test_part_of_a_novel_component(extract_one):
    ex = extract_one("We propose QuaxNet. QuaxNet aligns the two views using a novel Zorb Gating Unit (ZGU) block.")
    assert ("ZGU", "QuaxNet") in rels(ex, "PART_OF") or ("Zorb Gating Unit", "QuaxNet") in rels(ex, "PART_OF")


def proposed(ex):
    return {r.tail for r in ex.relations if r.type == "PROPOSES"}


def test_proposes_passive(extract_one):
    ex = extract_one("In this paper, the Zorb Gating Network (ZGN) model is proposed to denoise speech.")
    assert "ZGN" in proposed(ex)


def test_proposes_appositive_after_a_description(extract_one):
    ex = extract_one("We first describe a lightweight recurrent network, the WaveRNN, with a gated output.")
    assert proposed(ex) == {"WaveRNN"}


def test_proposes_variants_of_the_proposal(default_nlp):
    # "Sparse QuaxRNN" is a mention of the learned tagger, so the default pipeline
    (ex,) = extract([Paper("paper-1", "A Study", "We propose QuaxRNN. The small size of a Sparse QuaxRNN makes it fast.")], nlp=default_nlp)
    assert proposed(ex) == {"QuaxRNN", "Sparse QuaxRNN"}


def test_proposes_the_method_of_the_title(extract_one):
    ex = extract_one("We grow zorbic lattice networks (ZLNs), a model that routes inputs.", title="Zorbic Lattice Networks")
    assert "ZLNs" in proposed(ex)


def test_someone_elses_recent_method_is_not_proposed(extract_one):
    ex = extract_one("Moreover, the recently developed zorbic lattice networks (ZLNs) cannot be applied.")
    assert proposed(ex) == set()
