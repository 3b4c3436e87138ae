"""Tests for extractors.results (``kg_results``): reported numbers tied to a metric."""

from __future__ import annotations

import pytest


def results(extraction):
    return [(r.value, r.unit, r.metric, r.dataset) for r in extraction.results]


def test_percent_with_metric_and_dataset(extract_one):
    ex = extract_one("We propose FooNet. FooNet achieves 81.5% top-1 accuracy on ImageNet.")
    assert results(ex) == [(81.5, "%", "top-1 accuracy", "ImageNet")]
    (r,) = ex.results
    assert r.method == "FooNet"
    assert ex.paper.abstract[r.start : r.end] == "81.5"
    assert r.evidence == "FooNet achieves 81.5% top-1 accuracy on ImageNet."
    assert r.source == "kg_results" and 0 < r.score <= 1


def test_respectively_pairs_numbers_and_datasets_in_order(extract_one):
    ex = extract_one("We propose FooGAN. It achieves an FID of 52.3 and 60.3 on COCO and Visual Genome, respectively.")
    assert results(ex) == [(52.3, "", "FID", "COCO"), (60.3, "", "FID", "Visual Genome")]
    assert [r.method for r in ex.results] == ["FooGAN", "FooGAN"]


def test_times_less_memory(extract_one):
    ex = extract_one("Our method uses 2.2x less GPU memory than the baseline.")
    assert results(ex) == [(2.2, "x", "memory", None)]


def test_speed_cue_belongs_to_its_own_number(extract_one):
    ex = extract_one("Our method uses 2.2x less GPU memory and is 3.5x faster than the baseline.")
    assert results(ex) == [(2.2, "x", "memory", None), (3.5, "x", "speedup", None)]


def test_unitless_number_next_to_a_metric(extract_one):
    ex = extract_one("Our model obtains 28.4 BLEU on the test set.")
    assert results(ex) == [(28.4, "", "BLEU", None)]


def test_points(extract_one):
    ex = extract_one("It improves accuracy by 3.1 points on CIFAR-100.")
    assert results(ex) == [(3.1, "points", "accuracy", "CIFAR-100")]


@pytest.mark.parametrize(
    "text",
    [
        "We transfer to 8 diverse target tasks and report accuracy.",
        "Accuracy has been studied since the first benchmark in 2019.",
        "We report accuracy on CIFAR-100 and ImageNet-1K.",  # digits inside names
        "We use 8 GPUs and 3 random seeds and report accuracy.",
    ],
)
def test_bare_counts_are_not_results(extract_one, text):
    assert results(extract_one(text)) == []


def test_number_without_metric_is_not_a_result(extract_one):
    assert results(extract_one("The model is 25% smaller than a dog.")) == []


def test_a_metric_in_a_closed_bracket_does_not_measure_a_later_number(extract_one):
    # "+12.69%" measures data efficiency, not the accuracy of the bracket before it
    ex = extract_one("FooNet improves classification (e.g., +2.83% top-1 accuracy on ImageNet), data efficiency (e.g., +12.69% with 10% of the data) and robustness.")
    assert results(ex) == [(2.83, "%", "top-1 accuracy", "ImageNet")]
