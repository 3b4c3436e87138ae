"""kg.extractors.evidence: when a learned or guessed mention may become a node, and of what type."""

from __future__ import annotations

import pytest

from kg.extractors.evidence import (
    coined_name,
    is_measured,
    is_task_phrase,
    learned_name,
    retype_by_context,
)
from kg.extractors.extensions import Candidate


def span(text, name, type_, source="kg_model", score=0.9):
    start = text.index(name)
    return Candidate(start, start + len(name), type_, source, score)


@pytest.mark.parametrize(
    "phrase, name",
    [("MVSNet", "MVSNet"), ("Sparse WaveRNN", "Sparse WaveRNN"), ("Janus CS3", "Janus CS3"),
     ("DenseASPP segmentation network", "DenseASPP"), ("nested Transformer architecture", None),
     ("T5-base model", "T5-base"), ("prior HIC methods", None), ("KGC methods", "KGC"),
     ("Natural Language Processing", None), ("Our model", None), ("RL", None)],
)
def test_coined_names(phrase, name):
    assert coined_name(phrase) == name


@pytest.mark.parametrize(
    "phrase, ok",
    [("speech emotion recognition", True), ("few-shot segmentation", True), ("3D object detection", True),
     ("image classification task", False), ("robust classification", False), ("pixel-level segmentation of actors", False),
     ("estimating transferability", False), ("learning", False)],
)
def test_task_phrases(phrase, ok):
    assert is_task_phrase(phrase) is ok


def test_learned_metrics_and_descriptions_are_not_nodes():
    text = "The nested Transformer architecture improves robustness on MVSNet."
    assert learned_name(span(text, "nested Transformer architecture", "Method"), text) is None
    assert learned_name(span(text, "robustness", "Metric"), text) is None
    assert learned_name(span(text, "MVSNet", "Method"), text).type == "Method"


def test_a_name_listed_with_datasets_is_a_dataset():
    text = "Results on CIFAR-10, CIFAR-100 and Zorb-50 while using less memory."
    chosen = [span(text, "CIFAR-10", "Dataset", "kg_gazetteer"), span(text, "CIFAR-100", "Dataset", "kg_gazetteer"),
              span(text, "Zorb-50", "Method")]
    assert [c.type for c in retype_by_context(chosen, text)] == ["Dataset", "Dataset", "Dataset"]


def test_a_list_ending_in_datasets_and_an_appositive_benchmark_make_datasets():
    text = "Tests on QuuxMT14 En-De and FooMT16 Fr-En datasets. We also introduce BarQA, a new benchmark, for BazNet."
    chosen = [span(text, "QuuxMT14 En-De", "?"), span(text, "FooMT16 Fr-En", "Task"),
              span(text, "BarQA", "Method", "kg_propose"), span(text, "BazNet", "Method")]
    out = retype_by_context(chosen, text)
    assert [(text[c.start:c.end], c.type) for c in out] == [
        ("QuuxMT14 En-De", "Dataset"), ("FooMT16 Fr-En", "Dataset"), ("BarQA", "Dataset"), ("BazNet", "Method")]


def test_listed_names_keep_their_type_and_untyped_names_alone_are_dropped():
    text = "We compare BERT and ZorbNet, and tag QuuxMT14 En-De."
    chosen = [span(text, "BERT", "Method", "kg_gazetteer"), span(text, "ZorbNet", "Method"), span(text, "QuuxMT14 En-De", "?")]
    assert [(text[c.start:c.end], c.type) for c in retype_by_context(chosen, text)] == [("BERT", "Method"), ("ZorbNet", "Method")]


def test_resource_metrics_need_a_number():
    text = "It cuts memory by 50% but the memory budget is fixed."
    first, second = span(text, "memory", "Metric", "kg_gazetteer"), Candidate(text.rindex("memory"), text.rindex("memory") + 6, "Metric", "kg_gazetteer", 0.9)
    assert is_measured(first, text) and not is_measured(second, text)


def test_a_listed_metric_with_a_number_is_a_metric_there():
    from kg.extractors.entities import choose

    text = "ZorbNet reaches a recall of 83 on the photos, and recall matters."
    first, second = span(text, "recall", "Metric", "kg_gazetteer"), Candidate(50, 56, "Metric", "kg_gazetteer", 0.95)
    chosen = choose([first, second], "all", text)  # the tagger marked neither
    assert [(c.start, c.type) for c in chosen] == [(18, "Metric")]
